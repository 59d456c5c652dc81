"""The program as an officer starts it: launchers, screenshot mode, start-up, language, explanations."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from budgetcalc.rules import vocab
from tests.builders import write_xlsx
from tests.conftest import EXAMPLES
from tests.ui.conftest import TIMEOUT_MS, settle
from ui import i18n
from ui.qt import Qt, QTimer, QUrl

ROOT = Path(__file__).parents[2]
SCENARIO = ROOT / "scenarios" / "nanxun-2025.xlsx"


def gui_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
                XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path), PYTHONPATH=str(ROOT), **extra)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("command", [
    ["-m", "ui", str(SCENARIO), "--screenshot", "{out}", "--lang", "en"],
    ["-m", "ui.app", str(SCENARIO), "--screenshot", "{out}"],
])
def test_screenshot_mode_opens_computes_saves_a_png_and_exits(command: list[str], tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, *(c.replace("{out}", str(out)) for c in command)], cwd=ROOT,
                          env=gui_env(tmp_path), capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert png_size(out) == (1600, 960) and out.stat().st_size < 400_000
    assert not list((tmp_path / "data").rglob("autosave-*.json")), "screenshot mode leaves nothing behind"


def test_compare_mode_screenshots_the_table_and_the_charts(tmp_path: Path) -> None:
    out = tmp_path / "compare.png"
    proc = subprocess.run([sys.executable, "-m", "ui.app", "--compare", str(EXAMPLES / "wendeng-2025.xlsx"),
                           str(EXAMPLES / "wendeng-2025-raised.xlsx"), "--screenshot", str(out)], cwd=ROOT,
                          env=gui_env(tmp_path), capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    charts = tmp_path / "compare-charts.png"
    assert png_size(out) == png_size(charts) == (1400, 850)
    assert charts.stat().st_size > 30_000, "an empty charts tab is a small PNG"


def test_refused_comparison_files_end_screenshot_mode_with_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    proc = subprocess.run([sys.executable, "-m", "ui.app", "--compare", str(EXAMPLES / "wendeng-2025.xlsx"),
                           str(bad), "--screenshot", str(tmp_path / "x.png")], cwd=ROOT,
                          env=gui_env(tmp_path), capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1 and not (tmp_path / "x.png").exists()
    assert "bad.xlsx" in proc.stderr and "the files were refused" in proc.stderr


def test_window_shows_before_the_heavy_modules_load(tmp_path: Path) -> None:
    """What keeps start-up fast (timed in benchmarks/startup.py, not here: shared machines are noisy)."""
    proc = subprocess.run([sys.executable, "-m", "ui.app", str(SCENARIO)], cwd=ROOT,
                          env=gui_env(tmp_path, BUDGETCALC_STARTUP_PROBE="shown"),
                          capture_output=True, text=True, timeout=60, check=False)
    found = re.search(r"window_shown_s=([\d.]+) heavy_modules=(\S+)", proc.stdout)
    assert found, proc.stdout + proc.stderr
    assert found.group(2) == "-", "pandas, numpy, calamine, cn2an, matplotlib, PDFium… load after the window shows"


def test_every_message_has_both_languages_and_every_key_used_exists() -> None:
    for key, (zh, en) in i18n.MESSAGES.items():
        assert zh and en, key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key
    used: set[str] = set()
    for path in (ROOT / "ui").rglob("*.py"):
        used |= set(re.findall(r"""\btr\(\s*["'](\w+)["']""", path.read_text("utf-8")))
    assert used and used <= set(i18n.MESSAGES), used - set(i18n.MESSAGES)


def test_english_from_the_menu_translates_the_window_and_problems(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    model = window.pages[vocab.SHEET_FACILITIES].model
    model.setData(model.index(0, 4), "-1")
    settle(qtbot, window)
    window.act_lang_en.trigger()
    try:
        assert window.tabs.tabText(1) == "Facilities" and window.menu_file.title() == "&File"
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Facility code *"
        problem = window.outcome.problems[0]
        assert window.problems_panel.model.index(0).data() == problem.format("en")
        assert "must not be negative" in problem.format("en")
        assert "Total" in window.result_panel.total_label.text() or window.outcome.result is None
        assert window.context.settings.value("lang") == "en"
    finally:
        window.act_lang_zh.trigger()
    assert window.tabs.tabText(1) == "机构" and "不能为负数" in window.problems_panel.model.index(0).data()


def test_clicking_figures_explains_them_and_links_select_the_input_rows(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    panel = window.result_panel
    panel.total_label.linkActivated.emit("total")
    text = window.explain.toPlainText()
    assert "合计" in text and "伍拾肆万玖仟伍佰元整" in text and "移动医疗车运行保障" in text

    panel.select_group("standard_id", "nanxun.mobile_clinic_operation")
    text = window.explain.toPlainText()
    assert "375,000.00 元" in text and "共 2 行之和" in text and "浔政办发〔2024〕25号 正文二(四)11及脚注7" in text

    lines = panel.lines
    row = next(r for r in range(lines.rowCount()) if lines.index(r, 5).data() == "6")
    panel.lines_view.selectRow(row)
    text = window.explain.toPlainText()
    assert "250,000.00 元/车·年 × 1 车 × 6/12 个月" in text and "125,000.00" in text
    assert "区财政对每辆新增的移动医疗车" in text                # the clause's summary
    assert "未调整" in text and "机构 第4行" in text
    line = lines.line(row)
    window.explain.anchorClicked.emit(QUrl(f"row:{line}"))
    page = window.pages[vocab.SHEET_FACILITIES]
    assert window.tabs.currentWidget() is page
    assert [page.model.row_index(i.row()) for i in page.view.selectionModel().selectedRows()] == [3]


def test_band_line_links_to_the_facility_staff(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "xx-performance-2025.xlsx")
    panel = window.result_panel
    row = next(r for r in range(panel.lines.rowCount())
               if window.outcome.result.lines.iloc[panel.lines.line(r)]["standard_id"] == "xx_talent.performance_total")
    panel.lines_view.selectRow(row)
    assert "人员表中该机构的人员" in window.explain.toPlainText()
    window.explain.anchorClicked.emit(QUrl(f"staffof:{panel.lines.line(row)}"))
    staff = window.pages[vocab.SHEET_STAFF]
    assert window.tabs.currentWidget() is staff and staff.filter_edit.text() == "XX-HC1"
    assert staff.model.rowCount() == 3


def test_a_big_workbook_imports_with_progress_while_the_window_keeps_running(
        make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    from benchmarks.roster import build_rows

    big = write_xlsx(tmp_path / "big.xlsx", build_rows(400, 6000))
    window = make_window()
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    steps: list[int] = []
    window.progress.valueChanged.connect(steps.append)
    with qtbot.waitSignal(window.opened, timeout=TIMEOUT_MS):
        window.open_path(big)
        assert window.progress.isVisible() and "big.xlsx" in window.status_label.text()
    timer.stop()
    assert len(ticks) >= 5, "the event loop kept running during the import"
    assert steps[-1] == 3 and not window.progress.isVisible()
    assert window.pages[vocab.SHEET_STAFF].model.total_rows() == 6000
    staff = window.pages[vocab.SHEET_STAFF]
    staff.view.sortByColumn(8, Qt.SortOrder.DescendingOrder)   # 到岗日期 of 6,000 rows, inside the model
    assert staff.model.rowCount() == 6000
    settle(qtbot, window)
    assert window.outcome.totals is not None and window.outcome.totals.total_fen > 0


def test_the_explanation_follows_its_line_through_a_recompute(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    panel = window.result_panel
    panel.group_combo.setCurrentIndex(0)
    row = next(r for r in range(panel.lines.rowCount())
               if window.outcome.result.lines.iloc[panel.lines.line(r)]["facility_code"] == "WD-VC-A"
               and window.outcome.result.lines.iloc[panel.lines.line(r)]["standard_id"]
               == "wendeng.village_clinic_operation")
    panel.lines_view.selectRow(row)
    assert "300,000.00 元" in window.explain.toPlainText()
    model = window.pages[vocab.SHEET_FACILITIES].model
    model.setData(model.index(0, 4), "31")
    settle(qtbot, window)
    text = window.explain.toPlainText()
    assert "× 31 个" in text and "310,000.00 元" in text, "same line, new numbers"


def test_new_scenario_starts_from_settings_with_the_last_profile(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "xx-performance-2025.xlsx")
    window.act_new.trigger()
    settle(qtbot, window)
    assert window.document.profile_id() == "xx_talent" and window.tabs.currentWidget() is window.settings_panel
    assert window.pages[vocab.SHEET_STAFF].model.rowCount() == 0
    problem = next(p for p in window.outcome.problems if p.code == "baseline_required")
    assert window.settings_panel.baseline_edit.toolTip() == problem.format("zh")
    assert [a.text() for a in window.menu_recent.actions()] == ["xx-performance-2025.xlsx"]
