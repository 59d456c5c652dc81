"""Province scale, whole processes, against floors measured in the same run.

    python3 benchmarks/province.py [--scales 0.1,1,10] [--runs 3] [--app] [--json out.json]

Builds the synthetic inputs once (fixed seed; cached under benchmarks/.data): 1× is a province
of 26,500 facility rows and 150,000 staff rows (Nanxun profile); 0.1× and 10× scale both. For
each scale, each step runs as its own process, the steps interleaved run by run, timed from
spawn to exit, with the peak RSS from wait4:

    floor_read     python-calamine reading every sheet (the least any command can do)
    validate       budgetcalc validate
    compute_json   budgetcalc compute --json -o out.json
    floor_write    the read floor + XlsxWriter writing as many rows × columns as the export
    export_xlsx    budgetcalc export -o sheet.xlsx

Prints a table (median, min, max, peak RSS, ratio of the median to the step's floor) and
writes the same as JSON. ``--app`` adds the desktop app in process, at county size (300 facilities,
5,000 staff) and at 1×: opening the workbook, then one edited cell (人数 of a person a standard pays)
until the window's total shows the new figure, and until every view shows the edited book's outcome.
The machines are shared and noisy: compare medians and ratios, run on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "benchmarks" / ".data"
PROVINCE = (26_500, 150_000)
FLOORS = {"validate": "floor_read", "compute_json": "floor_read", "export_xlsx": "floor_write"}
TARGETS = {"validate": 1.5, "compute_json": 2.0, "export_xlsx": 1.3}

FLOOR_READ = """
import sys, python_calamine
with open(sys.argv[1], "rb") as fh:
    book = python_calamine.CalamineWorkbook.from_filelike(fh)
    sheets = [book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names]
"""
FLOOR_WRITE = FLOOR_READ + """
import xlsxwriter
rows, columns = int(sys.argv[3]), int(sys.argv[4])
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
ws = book.add_worksheet("明细")
for r in range(rows):
    for c in range(columns):
        if c % 3 == 0:
            ws.write_number(r, c, r * 1.25 + c)
        else:
            ws.write_string(r, c, f"明细{r}·{c}")
book.close()
"""


@dataclass(frozen=True)
class Sample:
    seconds: float
    rss_mib: float
    code: int


def workbook(scale: float) -> Path:
    """The synthetic province at ``scale``, built once (in a child: see ``in_child``)."""
    facilities, staff = int(PROVINCE[0] * scale), int(PROVINCE[1] * scale)
    path = DATA / f"province-{facilities}-{staff}.xlsx"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        in_child("build", str(path), str(facilities), str(staff), str(scale))
        print(f"built {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.0f} s",
              flush=True)
    return path


def in_child(*args: str) -> str:
    """Heavy preparation runs in a child process, so that this process stays small: a child's peak
    RSS as wait4 reports it includes the RSS of the process it was forked from (Linux keeps the
    high-water mark across exec), and a grown parent would inflate every figure measured after."""
    done = subprocess.run([sys.executable, __file__, "--prepare", *args], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
    return done.stdout.strip()


def _prepare(what: str, *args: str) -> None:
    if what == "build":
        from benchmarks.roster import build_rows, write_workbook, write_workbook_streamed

        path, facilities, staff, scale = Path(args[0]), int(args[1]), int(args[2]), float(args[3])
        write = write_workbook if scale <= 1 else write_workbook_streamed   # openpyxl takes half an hour at 10×
        write(path.with_suffix(".part"), build_rows(facilities, staff))
        path.with_suffix(".part").replace(path)
    else:
        print(*shape_of_export(Path(args[0])))


def measure(argv: list[str]) -> Sample:
    """One process from spawn to exit: wall time and peak resident memory (wait4's ru_maxrss)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # as installed: bytecode cached (see startup.py)
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(seconds, usage.ru_maxrss / 1024, proc.returncode)


def shape_of_export(path: Path) -> tuple[int, int]:
    """Rows × columns of the export's detail table, for the write floor."""
    from budgetcalc.compute.engine import compute
    from budgetcalc.inputs.reader import read_workbook
    from budgetcalc.rules.catalogue import default_catalogue

    catalogue = default_catalogue()
    read = read_workbook(path, catalogue)
    if read.scenario is None:
        return 0, 0
    return len(compute(read.scenario, catalogue).lines), 12


def steps(path: Path, out: Path) -> dict[str, list[str]]:
    py = sys.executable
    rows, columns = (int(n) for n in in_child("shape", str(path)).split())
    return {
        "floor_read": [py, "-c", FLOOR_READ, str(path)],
        "validate": [py, "-m", "budgetcalc", "validate", str(path)],
        "compute_json": [py, "-m", "budgetcalc", "compute", str(path), "--json", "-o", str(out / "out.json")],
        "floor_write": [py, "-c", FLOOR_WRITE, str(path), str(out / "floor.xlsx"), str(rows), str(columns)],
        "export_xlsx": [py, "-m", "budgetcalc", "export", str(path), "-o", str(out / "sheet.xlsx")],
    }


def app_edit(facilities: int, staff: int, edits: int = 15) -> dict[str, float]:
    """In process: open the workbook in the real window (offscreen), then edit one cell (人数 of a person
    a standard pays) at a time: ms until the window has repainted the edited book's total (median, min),
    ms until every view shows its outcome, and how many of the edits changed the total. Between the
    edit and its outcome the benchmark waits in Qt's event loop, as the app idles (a Python loop
    polling for the outcome would take the interpreter from the worker every few ms)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from benchmarks.roster import build_rows, write_workbook
    from ui import safety
    from ui.app import application
    from ui.files import AppContext
    from ui.main_window import MainWindow
    from ui.qt import QSettings

    app = application()
    tmp = Path(tempfile.mkdtemp())
    book = write_workbook(tmp / "book.xlsx", build_rows(facilities, staff))
    window = MainWindow(AppContext(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat), tmp,
                                   owner=safety.Owner.me(), interactive=False))
    window.show()

    def settled() -> bool:
        return window.outcome is not None and window.outcome.revision == window.document.revision

    def wait(until: Callable[[], bool], limit_s: float = 600) -> None:
        """Run the event loop until ``until()`` holds after a finished computation (or the limit)."""
        loop = QEventLoop()

        def check(_outcome: object = None) -> None:
            if until():
                loop.quit()
        window.recalc.finished.connect(check)
        window.opened.connect(check)
        poll = QTimer()   # a state no signal reports (the open's end): looked at every 20 ms
        poll.timeout.connect(check)
        poll.start(20)
        QTimer.singleShot(int(limit_s * 1000), loop.quit)
        check()
        if not until():
            loop.exec()
        poll.stop()
        window.recalc.finished.disconnect(check)
        window.opened.disconnect(check)

    window.start(None)
    wait(lambda: window.outcome is not None)
    t = time.perf_counter()
    window.open_path(book)
    wait(lambda: window.document.source == book and not window._loading and settled())
    opened = time.perf_counter() - t
    model = window.pages["人员"].model
    lines = window.outcome.result.lines   # persons a standard pays: one more on their row changes the total
    paid = lines[(lines["sheet"] == "人员") & (lines["amount_fen"] > 0) & lines["in_total"]]["row"].unique()[:edits]
    times, complete, changed = [], [], 0
    shown: list[float] = []
    window.recalc.total_ready.connect(
        lambda o: shown.append(time.perf_counter()) if o.revision == window.document.revision else None)
    for excel_row in paid:
        before = window.result_panel.total_label.text()
        index = int(excel_row) - 1   # the book's row index (row 0: headers)
        count = int(window.document.book["人员"][index][3] or 0)
        shown.clear()
        t = time.perf_counter()
        model.setData(model.index(model.view_row(index), 3), str(count + 1))   # 人数 of one person
        wait(settled)
        app.processEvents()   # the result panel repaints with the new outcome
        changed += window.result_panel.total_label.text() != before
        complete.append((time.perf_counter() - t) * 1000)
        times.append(((shown[0] if shown else time.perf_counter()) - t) * 1000)   # the total repainted (step 1)
    window.document.undo_stack.setClean()
    window.close()
    return {"open_s": opened, "edit_median_ms": statistics.median(times), "edit_min_ms": min(times),
            "all_views_median_ms": statistics.median(complete), "edits_that_changed_the_total": changed}


def main() -> None:
    if sys.argv[1:2] == ["--prepare"]:
        _prepare(*sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="0.1,1,10")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--app", action="store_true", help="also the desktop app's edit → repaint (county and 1×)")
    ap.add_argument("--json", type=Path, help="write the figures here as well")
    args = ap.parse_args()
    report: dict[str, object] = {"runs": args.runs, "cpus": os.cpu_count(), "scales": {}}
    print(f"{'scale':>6} {'step':<13} {'median s':>9} {'min s':>7} {'max s':>7} {'RSS MiB':>8} {'× floor':>8} "
          f"{'target':>7} exit")
    for scale in [float(s) for s in args.scales.split(",")]:
        path = workbook(scale)
        with tempfile.TemporaryDirectory() as tmp:
            plan = steps(path, Path(tmp))
            samples: dict[str, list[Sample]] = {name: [] for name in plan}
            for _ in range(args.runs):          # interleaved: a noisy minute hurts every step alike
                for name, argv in plan.items():
                    samples[name].append(measure(argv))
        figures = {}
        for name, got in samples.items():
            secs = [s.seconds for s in got]
            median = statistics.median(secs)
            floor = statistics.median(s.seconds for s in samples[FLOORS[name]]) if name in FLOORS else None
            figures[name] = {"median_s": round(median, 3), "min_s": round(min(secs), 3), "max_s": round(max(secs), 3),
                             "peak_rss_mib": round(max(s.rss_mib for s in got), 1), "exit": got[-1].code,
                             "ratio_to_floor": round(median / floor, 2) if floor else None,
                             "target_ratio": TARGETS.get(name)}
            f = figures[name]
            print(f"{scale:>6g} {name:<13} {median:>9.2f} {min(secs):>7.2f} {max(secs):>7.2f} "
                  f"{f['peak_rss_mib']:>8.0f} {f['ratio_to_floor'] or '':>8} {f['target_ratio'] or '':>7} {f['exit']}",
                  flush=True)
        report["scales"][str(scale)] = {"workbook_mb": round(path.stat().st_size / 1e6, 1), "steps": figures}  # type: ignore[index]
    if args.json:   # written before the app part too: a crash there keeps the figures above
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    if args.app:
        report["app"] = {}
        for label, (facilities, staff) in (("county", (300, 5000)), ("province", PROVINCE)):
            got = app_edit(facilities, staff)
            report["app"][label] = got  # type: ignore[index]
            print(f"app {label}: open {got['open_s']:.2f} s; one edit → total repainted: median "
                  f"{got['edit_median_ms']:.0f} ms (min {got['edit_min_ms']:.0f}); every view updated: median "
                  f"{got['all_views_median_ms']:.0f} ms", flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
