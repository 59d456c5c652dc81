"""An input workbook's file: the checks before it is read, the read, and a read begun early.

Every workbook the command line or the window opens goes through ``open_sheets``: no file can
hang, exhaust memory or kill either. This module is light (no pandas): a command starts reading
its input in a thread before the rest of the program is imported (``EarlyRead``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import cast

from budgetcalc.base import native_stderr
from budgetcalc.base.files import unreadable
from budgetcalc.base.problems import Problem
from budgetcalc.inputs.workbook_guard import check_workbook

Sheets = dict[str, list[list[object]]]


def load_sheets(path: str | Path) -> Sheets:
    """Every sheet of a workbook as rows of raw cells, row 1 first, empty rows kept."""
    import python_calamine  # lazy: the window should not wait for it

    with open(path, "rb") as fh, native_stderr.captured():  # a file object: the path may not be UTF-8 (Rust needs it)
        book = python_calamine.CalamineWorkbook.from_filelike(fh)
        return {name: cast("list[list[object]]", book.get_sheet_by_name(name).to_python(skip_empty_area=False))
                for name in book.sheet_names}   # fresh lists of lists: not copied again


def open_sheets(path: str | Path) -> Sheets | Problem:
    """The workbook's sheets, or the one problem that refuses the file before or while it is read
    (not a regular file, past a bound of the guard, a reader failure): the command line and the
    window open every workbook through here, so no file can hang, exhaust memory or kill either."""
    refused = unreadable(path)
    if refused is not None:
        return Problem(refused, "", None, "", str(path), "Excel 工作簿（.xlsx）", params=(("detail", str(path)),))
    refusal = check_workbook(path)
    if refusal is not None:
        return Problem(refusal.code, refusal.sheet, refusal.row, refusal.column, str(path), "", params=refusal.params)
    try:
        return load_sheets(path)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # any reader failure is the user's file (calamine panics are BaseException)
        code = "workbook_cell_unreadable" if type(exc).__name__ == "PanicException" else "file_unreadable"
        return Problem(code, "", None, "", str(path), "Excel 工作簿（.xlsx）",
                       params=(("detail", f"{type(exc).__name__}: {exc}"[:300]),))


class EarlyRead:
    """A workbook read in a thread from a command's first moment: calamine parses without holding
    the interpreter, so the imports and the catalogue (0.4 s) load beside the read instead of
    before it. Whatever the program writes to standard error meanwhile is passed on when the read
    ends (``native_stderr``), so a command that ends early waits for it (``wait``)."""

    def __init__(self, path: Path):
        self.path = path
        self._sheets: Sheets | Problem | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="early read", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._sheets = open_sheets(self.path)
        except BaseException as exc:  # re-raised where the sheets are asked for (MemoryError, an interrupt)
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def sheets(self) -> Sheets | Problem:
        self.wait()
        if self._error is not None:
            raise self._error
        assert self._sheets is not None
        return self._sheets
