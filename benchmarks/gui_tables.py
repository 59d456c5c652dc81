"""The desktop app's tables on a big roster: import, sort, filter, edit, recompute.

    QT_QPA_PLATFORM=offscreen python3 benchmarks/gui_tables.py [--staff 150000]

Drives the real window offscreen (no dialogs are shown for a clean workbook) and prints
wall times; the event loop keeps running throughout, so these are waits, not freezes,
except where marked "(GUI thread)".
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--facilities", type=int, default=1500)
    p.add_argument("--staff", type=int, default=150_000)
    args = p.parse_args()

    from benchmarks.roster import build_rows, write_workbook
    from ui import safety
    from ui.app import application
    from ui.files import AppContext
    from ui.main_window import MainWindow
    from ui.qt import QSettings, Qt

    app = application()
    tmp = Path(tempfile.mkdtemp())
    book = tmp / "big.xlsx"
    write_workbook(book, build_rows(args.facilities, args.staff))
    window = MainWindow(AppContext(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat), tmp,
                                   owner=safety.Owner.me(), interactive=False))
    window.show()

    def wait(signal_owner: object, until: object) -> None:
        while not until():  # type: ignore[operator]
            app.processEvents()
            time.sleep(0.002)

    window.start(None)
    wait(window, lambda: window.outcome is not None)
    start = time.perf_counter()
    window.open_path(book)
    wait(window, lambda: window.document.source == book and not window._loading)
    print(f"import {args.staff:,} staff rows (read + lay out + check + compute, worker): "
          f"{time.perf_counter() - start:.2f} s")

    staff = window.pages["人员"]
    for label, column in (("sort by 到岗日期 (date)", 8), ("sort by 基层累计服务年限 (number)", 12),
                          ("sort by 姓名 (text)", 1)):
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            staff.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
            app.processEvents()
            runs.append(time.perf_counter() - t)
        print(f"{label} + repaint (GUI thread): median {statistics.median(runs) * 1000:.0f} ms")
    staff.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    t = time.perf_counter()
    staff.filter_edit.setText("F00012")
    staff.apply_filter()  # as when typing pauses
    app.processEvents()
    print(f"filter 'F00012' → {staff.model.rowCount():,} rows (GUI thread): {(time.perf_counter() - t) * 1000:.0f} ms")
    staff.filter_edit.clear()
    t = time.perf_counter()
    staff.model.setData(staff.model.index(0, 3), "2")
    app.processEvents()
    print(f"edit one cell (undo command + repaint, GUI thread): {(time.perf_counter() - t) * 1000:.0f} ms")
    t = time.perf_counter()
    wait(window, lambda: window.outcome is not None and window.outcome.revision == window.document.revision)
    print(f"recompute after the edit (debounce + check + compute, worker): {time.perf_counter() - t:.2f} s")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
