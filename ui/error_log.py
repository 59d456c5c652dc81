"""Internal errors: the details go to a log file, the officer gets one sentence that names it.

A traceback means nothing to a finance officer and frightens; the developer needs all of it.
So the window shows the error's last line and where the full report is, and stays usable.
No Qt here: plain files, appended, rotated once past MAX_LOG_BYTES.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
from pathlib import Path

from budgetcalc import __version__

LOG_NAME = "errors.log"
MAX_LOG_BYTES = 1_000_000


def log_path(data_dir: Path) -> Path:
    return data_dir / "logs" / LOG_NAME


def record(data_dir: Path, detail: str) -> Path | None:
    """Append the report to the log (the older half moved to ``errors.log.1`` when it grows);
    the log's path, or None if it cannot be written (the message then says so)."""
    path = log_path(data_dir)
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    head = f"==== {stamp} budgetcalc {__version__} · Python {sys.version.split()[0]} · {platform.platform()}\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(head + detail.rstrip() + "\n\n")
    except OSError:
        return None
    return path


def summary(detail: str) -> str:
    """The report's last line (the exception and its message), short enough for a dialog."""
    lines = [line.strip() for line in detail.strip().splitlines() if line.strip()]
    return (lines[-1] if lines else "?")[:300]
