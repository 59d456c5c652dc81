"""budgetcalc: 基层卫生补助资金测算 — the computing core.

This package never imports Qt: the desktop app (``ui/``) and the command line are thin
layers over the same pure functions.
"""

__version__ = "0.1.0"
