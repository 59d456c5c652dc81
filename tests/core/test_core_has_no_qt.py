"""The core is a plain library: importing every module of it never loads Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import budgetcalc

SCRIPT = """
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"} or name == "matplotlib.pyplot":
            raise ImportError("the core must not import " + name)
        return None

sys.meta_path.insert(0, NoQt())
import budgetcalc
for mod in pkgutil.walk_packages(budgetcalc.__path__, "budgetcalc."):
    if mod.name != "budgetcalc.__main__":
        importlib.import_module(mod.name)
from budgetcalc.cli import main
assert main(["compute", sys.argv[1], "--json"]) == 0
print("QT-FREE", sorted(m for m in sys.modules if m.startswith("PySide")))
"""


def test_core_imports_and_computes_with_qt_unimportable() -> None:
    example = Path(__file__).parents[1] / "data" / "examples" / "nanxun-2025.xlsx"
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(example)], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert proc.returncode == 0, proc.stderr
    assert "QT-FREE []" in proc.stdout


def test_no_source_file_of_the_core_mentions_qt() -> None:
    root = Path(budgetcalc.__file__).parent
    offenders = [p.name for p in root.rglob("*.py") if "PySide" in p.read_text("utf-8") or "PyQt" in p.read_text("utf-8")]
    assert offenders == []
