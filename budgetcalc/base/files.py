"""What a path names before the program reads it: only a regular file that exists is opened.

A FIFO named ``in.xlsx`` would block every reader, a device would feed it forever; both are
refused by name before any library touches them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def unreadable(path: str | Path) -> str | None:
    """The problem code of a path that must not be opened (``file_missing``, ``file_not_regular``), or None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "file_missing"
    except (OSError, ValueError):
        return "file_unreadable"
    return None if stat.S_ISREG(mode) else "file_not_regular"
