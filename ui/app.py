"""Starting the desktop app: ``budgetcalc-gui [FILE] [--lang en] [--screenshot OUT.png [--tab VIEW]]``.

Start-up shows the window first and loads everything else after: only Qt and a few
light core modules (vocab, problems, editing) are imported before ``show()``; the
catalogue, pandas, calamine and cn2an load on the worker thread while the window paints.
The bundled CJK font is registered and used as the application font, so Chinese renders
on machines that have no CJK font of their own.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

_T0 = time.perf_counter()

from . import i18n  # noqa: E402  (the start time above is taken before any import)
from .qt import (  # noqa: E402
    QApplication,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
)

if TYPE_CHECKING:
    from .files import AppContext
    from .main_window import MainWindow
    from .qt import QWidget

ORGANIZATION = "budgetcalc"
APPLICATION = "budgetcalc"
SCREENSHOT_SIZE = (1600, 960)
SCREENSHOT_TIMEOUT_MS = 60_000
HEAVY_MODULES = ("pandas", "numpy", "openpyxl", "python_calamine", "cn2an", "matplotlib", "pypdfium2")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="budgetcalc-gui", description="基层卫生补助资金测算（桌面程序）")
    p.add_argument("file", nargs="?", type=Path, help="input workbook (.xlsx) or scenario file (.bcs.json)")
    p.add_argument("--lang", choices=("zh", "en"), help="interface language (default: last used, else Chinese)")
    p.add_argument("--compare", type=Path, nargs="+", metavar="SCENARIO",
                   help="also open 方案比较 with these 2–6 files (the first as baseline) and compare them")
    p.add_argument("--screenshot", type=Path, metavar="OUT.png",
                   help="open FILE, compute, save a PNG of the main window and exit; with --compare, "
                        "OUT.png shows the comparison table and OUT-charts.png its charts")
    p.add_argument("--tab", metavar="VIEW",
                   help="with --screenshot: the result view to show, its first row explained (result, norms, "
                        "targets, units, codes, payers, cash, prior, projection), and/or an input table by its "
                        "sheet name, comma-separated (上年数,prior)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return run(args.file, lang=args.lang, screenshot=args.screenshot, compare=args.compare, tab=args.tab)


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    from budgetcalc.base.paths import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "budgetcalc.png")))   # task bar and title bar
    install_font(app)
    return app


def install_font(app: QApplication) -> str | None:
    """Register the bundled CJK font and make it the application font; its family name."""
    from budgetcalc.base.paths import cjk_font_path

    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(app.font())
    font.setFamilies([families[0], *font.families()])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    return str(families[0])


def default_context(interactive: bool = True) -> AppContext:
    from .files import AppContext

    data_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return AppContext(QSettings(), data_dir, interactive=interactive)


def run(file: Path | None = None, *, lang: i18n.Lang | None = None, screenshot: Path | None = None,
        compare: Sequence[Path] | None = None, tab: str | None = None) -> int:
    app = application()
    context = default_context(interactive=screenshot is None)
    chosen = lang or str(context.settings.value("lang", "zh") or "zh")
    i18n.set_lang("en" if chosen == "en" else "zh")

    from .main_window import MainWindow

    window = MainWindow(context)
    # an exception escaping a slot: the same sentence and log file as a failed computation, not a traceback
    sys.excepthook = lambda kind, value, tb: window._internal_error(
        "".join(traceback.format_exception(kind, value, tb)))
    if screenshot is not None:
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    if screenshot is not None:
        window.lay_out()
    probe = os.environ.get("BUDGETCALC_STARTUP_PROBE", "")
    if probe:  # start-up measurement (benchmarks/startup.py): "shown", or "result" after the first result
        _probe(app, window, probe)
    if compare:
        files = [Path(f).resolve() for f in compare]
        window.catalogue_ready.connect(lambda: window.open_comparison(files).run_compare())
    QTimer.singleShot(0, lambda: window.start(file.resolve() if file else None))
    if screenshot is not None and compare:
        return _compare_screenshot(app, window, screenshot)
    if screenshot is not None:
        if file is None:
            print("--screenshot needs a FILE", file=sys.stderr)
            return 2
        table = None   # an input table (机构 … 上年数, 绩效目标), shown once the file is open
        for part in tab.split(",") if tab is not None else ():
            if part in window.pages:
                table = window.pages[part]
            elif not window.result_panel.show_view(f"view_{part}"):
                print(f"--tab: no result view {part!r} (nor an input table of that name)", file=sys.stderr)
                return 2
        return _screenshot(app, window, screenshot, table)
    return app.exec()


def _probe(app: QApplication, window: MainWindow, mode: str) -> None:
    def report(event: str) -> None:
        heavy = sorted(m for m in HEAVY_MODULES if m in sys.modules)
        print(f"{event}_s={time.perf_counter() - _T0:.3f} heavy_modules={','.join(heavy) or '-'}", flush=True)

    def shown() -> None:
        report("window_shown")
        if mode != "result":
            app.quit()

    def computed(_outcome: object) -> None:
        report("first_result")
        app.quit()

    QTimer.singleShot(0, shown)
    window.computed.connect(computed)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, app.quit)


def _screenshot(app: QApplication, window: MainWindow, out: Path, table: QWidget | None = None) -> int:
    """Open, compute, select the first line (or the first row of a filing view shown with --tab, so the
    explanation shows), show the input ``table`` asked for, grab, save, quit."""
    status = {"code": 1}

    def shoot() -> None:
        from .widgets.filing_views import FilingView

        if table is not None:
            window.tabs.setCurrentWidget(table)
        panel = window.result_panel
        panel.group_view.selectRow(0)
        if panel.lines.rowCount():
            panel.lines_view.selectRow(0)
        shown = panel.views.currentWidget()
        if isinstance(shown, FilingView):   # --tab: the view's first row explains itself
            shown.view.selectRow(0)
        QTimer.singleShot(150, save)

    def save() -> None:
        status["code"] = 0 if _save(window.grab(), out) else 1
        app.quit()

    def opened(loaded: object) -> None:
        if getattr(loaded, "book", None) is None:
            print(getattr(loaded, "error", "cannot open"), file=sys.stderr)
            app.quit()
            return
        QTimer.singleShot(200, shoot)

    window.opened.connect(opened)
    return _run_shot(app, window, status)


def _compare_screenshot(app: QApplication, window: MainWindow, out: Path) -> int:
    """Compare, grab the table (first difference explained) to OUT, the charts tab to OUT-charts."""
    status = {"code": 1}

    def compared(comparison: object) -> None:
        if comparison is None:
            print("the files were refused", file=sys.stderr)
            app.quit()
            return
        QTimer.singleShot(200, table)

    def table() -> None:
        assert window.compare_window is not None
        compare_window = window.compare_window
        compare_window.explain_cell(compare_window.view.currentIndex())
        if _save(compare_window.grab(), out):
            compare_window.tabs.setCurrentIndex(1)  # builds the matplotlib canvases
            QTimer.singleShot(300, charts)
        else:
            app.quit()

    def charts() -> None:
        assert window.compare_window is not None
        charts_png = out.with_name(f"{out.stem}-charts{out.suffix}")
        status["code"] = 0 if _save(window.compare_window.grab(), charts_png) else 1
        app.quit()

    def opened() -> None:
        if window.compare_window is not None:
            window.compare_window.compared.connect(compared)

    window.catalogue_ready.connect(opened)
    return _run_shot(app, window, status)


def _run_shot(app: QApplication, window: MainWindow, status: dict[str, int]) -> int:
    """Run until the screenshot is saved (or the time is up), then close without questions."""
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, app.quit)
    app.exec()
    window.document.undo_stack.setClean()
    window.close()
    return status["code"]


def _save(image: Any, out: Path) -> bool:
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = bool(image.save(str(out), "PNG"))
    print(f"screenshot: {out}" if ok else f"could not write {out}", file=sys.stderr)
    return ok


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
