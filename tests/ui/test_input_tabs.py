"""The 资金分担, 上年数 and 绩效目标 tables as tabs of the window: typed in, they change 上年对比 and 资金来源.

Nanxun 2025 has none of the three sheets. Its by-standard amounts (read from the window, checked by hand):
驻村补助 nanxun.stationed_staff_subsidy 888,000.00 元, 移动医疗车运行保障 nanxun.mobile_clinic_operation
437,500.00 元 (250,000 + 125,000 + 62,500, every line an even number of fen), 合计 1,520,500.00 元, all paid
by 县区.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from budgetcalc.base.money import format_change, format_yuan
from budgetcalc.rules import vocab
from tests.ui.conftest import Dialogs, settle
from ui.delegates import CellDelegate
from ui.qt import QComboBox, QImage, QLineEdit, Qt, QWidget

ROOT = Path(__file__).resolve().parents[2]
NANXUN = ROOT / "scenarios" / "nanxun-2025.xlsx"
PAYERS, PRIOR, PROJECTS = vocab.SHEET_PAYERS, vocab.SHEET_PRIOR, vocab.SHEET_PROJECTS
STATIONED = "nanxun.stationed_staff_subsidy"
MOBILE = "nanxun.mobile_clinic_operation"
TOTAL_FEN = 152_050_000


def column(sheet_columns: tuple[vocab.Column, ...], header: str) -> int:
    return [c.header for c in sheet_columns].index(header)


def add_row(window: Any, qtbot: Any, sheet: str, cells: dict[str, str]) -> int:
    """A new row in the sheet's tab, typed cell by cell through the model (as the editors do)."""
    page = window.pages[sheet]
    window.tabs.setCurrentWidget(page)
    page.add_row()
    row = page.model.total_rows()
    for header, text in cells.items():
        index = page.model.index(page.model.view_row(row), column(page.model.columns, header))
        assert page.model.setData(index, text)
    settle(qtbot, window)
    return row


def rows_of(window: Any, key: str) -> list[list[str]]:
    model = window.result_panel.filing_views[key].model
    return [[model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def by_standard(window: Any, standard_id: str) -> int:
    return window.outcome.totals.groups["standard_id"][standard_id]


def label(window: Any, standard_id: str) -> str:
    return window.outcome.result.standard(standard_id).label


def test_the_three_sheets_are_table_tabs_with_their_columns_in_both_languages(make_window: Any) -> None:
    window = make_window(NANXUN)
    titles = [window.tabs.tabText(n) for n in range(window.tabs.count())]
    assert titles == ["参数", "机构", "人员", "区域", "规划", "考核等次", "政策标准", "资金分担", "上年数", "绩效目标"]
    for sheet, columns in ((PAYERS, vocab.PAYER_COLUMNS), (PRIOR, vocab.PRIOR_COLUMNS),
                           (PROJECTS, vocab.PROJECT_COLUMNS)):
        page = window.pages[sheet]
        assert window.tabs.indexOf(page) == titles.index(sheet)
        assert [c.header for c in page.model.columns] == [c.header for c in columns]
        assert page.model.total_rows() == 0   # nanxun has none of them: header only
    # the 资金性质 cell is a drop-down of the fund types the reader accepts, a share a right-aligned line edit
    page = window.pages[PAYERS]
    page.add_row()
    delegate = page.view.itemDelegate()
    assert isinstance(delegate, CellDelegate)
    parent = QWidget()
    combo = delegate.createEditor(parent, None, page.model.index(0, column(vocab.PAYER_COLUMNS, "资金性质")))
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["", *vocab.FUND_TYPES]
    share = delegate.createEditor(parent, None, page.model.index(0, column(vocab.PAYER_COLUMNS, "县区")))
    assert isinstance(share, QLineEdit) and share.alignment() & Qt.AlignmentFlag.AlignRight
    parent.deleteLater()
    # Ctrl+1 … Ctrl+9 choose the first nine tabs; 政策标准 keeps Ctrl+7
    assert [a.shortcut().toString() for a in window.tab_actions] == [f"Ctrl+{n}" for n in range(1, 10)]
    window.tab_actions[6].trigger()
    assert window.tabs.currentWidget() is window.standards_page
    window.tab_actions[8].trigger()
    assert window.tabs.currentWidget() is window.pages[PRIOR]

    window.set_language("en")
    assert [window.tabs.tabText(n) for n in range(7, 10)] == ["Cost sharing", "Prior year", "Performance"]
    prior = window.pages[PRIOR].model
    assert [prior.headerData(c, Qt.Orientation.Horizontal) for c in range(prior.columnCount())] == [
        "Standard id", "Item", "Budget last year", "Spent last year", "Reason"]
    payers = window.pages[PAYERS].model
    assert [payers.headerData(c, Qt.Orientation.Horizontal) for c in range(payers.columnCount())] == [
        "Standard id", "Fund type", "Central", "Province", "City", "County", "Town", "Reason"]
    projects = window.pages[PROJECTS].model
    assert projects.headerData(0, Qt.Orientation.Horizontal) == "Project *"   # required
    assert projects.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).startswith("项目名称")


def test_last_years_figures_typed_in_the_tab_show_in_the_comparison(make_window: Any, qtbot: Any) -> None:
    window = make_window(NANXUN)
    prior = window.result_panel.filing_views["view_prior"]
    assert prior.model.rowCount() == 0 and prior.view.isHidden()
    assert "“上年数”标签页" in prior.note.text()           # the note points at the tab, not the workbook
    assert "重新打开" not in prior.note.text()

    current = by_standard(window, STATIONED)
    assert current == 88_800_000
    add_row(window, qtbot, PRIOR, {"标准编号": STATIONED, "上年预算数": "800000", "说明": "驻村人员增加"})
    rows = rows_of(window, "view_prior")
    # 888,000.00 this year − 800,000.00 typed = +88,000.00, +11.00 %
    assert current - 80_000_000 == 8_800_000
    assert rows[0] == [label(window, STATIONED), "800,000.00", format_yuan(current),
                       format_change(current - 80_000_000), "+11.00%", "驻村人员增加", ""]
    assert rows[0][3] == "+88,000.00"
    assert rows[-1][:4] == ["合计", "800,000.00", "1,520,500.00", "+720,500.00"]
    assert not prior.view.isHidden() and prior.note.text().startswith("上年数取自")

    # an item with no standard this year is named in 项目 and shown as gone
    add_row(window, qtbot, PRIOR, {"项目": "乡村医生培训补助", "上年预算数": "50000"})
    rows = rows_of(window, "view_prior")
    gone = next(r for r in rows if r[0].startswith("乡村医生培训补助"))
    assert gone[0] == "乡村医生培训补助（本年不再安排）"
    assert gone[1:5] == ["50,000.00", "0.00", "-50,000.00", "-100.00%"]
    assert rows[-1][:4] == ["合计", "850,000.00", "1,520,500.00", "+670,500.00"]

    # a bad figure is the reader's problem, and a click on it goes to the cell in the 上年数 tab
    page = window.pages[PRIOR]
    budget = column(vocab.PRIOR_COLUMNS, "上年预算数")
    assert page.model.setData(page.model.index(page.model.view_row(1), budget), "-1")
    settle(qtbot, window)
    problems = window.problems_panel.model
    assert problems.rowCount() == 1 and problems.index(0).data().startswith("上年数 第2行 [上年预算数]")
    window.tabs.setCurrentIndex(0)
    window.problems_panel.view.clicked.emit(problems.index(0))
    assert window.tabs.currentWidget() is page
    assert (page.model.row_index(page.view.currentIndex().row()), page.view.currentIndex().column()) == (1, budget)

    # undo takes the typing back, step by step, to no comparison at all
    window.act_undo.trigger()
    settle(qtbot, window)
    assert rows_of(window, "view_prior")[0][3] == "+88,000.00"
    while window.document.undo_stack.canUndo():
        window.act_undo.trigger()
    settle(qtbot, window)
    assert page.model.total_rows() == 0 and prior.model.rowCount() == 0 and prior.view.isHidden()


def test_a_share_typed_in_the_tab_splits_the_standard_between_two_levels(make_window: Any, qtbot: Any) -> None:
    window = make_window(NANXUN)
    assert rows_of(window, "view_payers") == [
        ["一般公共预算", "0.00", "0.00", "0.00", "1,520,500.00", "0.00", "1,520,500.00"],
        ["合计", "0.00", "0.00", "0.00", "1,520,500.00", "0.00", "1,520,500.00"],
    ]
    mobile = by_standard(window, MOBILE)
    assert mobile == 43_750_000
    add_row(window, qtbot, PAYERS, {"标准编号": MOBILE, "资金性质": "一般公共预算", "省": "50", "县区": "50"})
    half = mobile // 2                               # 218,750.00: every line is an even number of fen
    assert window.outcome.totals.total_fen == TOTAL_FEN
    rows = rows_of(window, "view_payers")
    assert rows[0] == ["一般公共预算", "0.00", format_yuan(half), "0.00", format_yuan(TOTAL_FEN - half), "0.00",
                       "1,520,500.00"]
    assert rows[0][2] == "218,750.00" and rows[0][4] == "1,301,750.00"
    window.result_panel.lines_view.selectRow(0)    # the 250,000 元 vehicle: half from each level
    assert "各级分担：省 50%：125,000.00 元；县区 50%：125,000.00 元" in window.explain.toPlainText()

    # another fund type for it: a row of its own
    page = window.pages[PAYERS]
    fund = column(vocab.PAYER_COLUMNS, "资金性质")
    assert page.model.setData(page.model.index(page.model.view_row(1), fund), "上级转移支付")
    settle(qtbot, window)
    rows = rows_of(window, "view_payers")
    funds = {r[0]: r[1:] for r in rows}
    assert sorted(funds) == sorted(["一般公共预算", "上级转移支付", "合计"]) and rows[-1][0] == "合计"
    assert funds["上级转移支付"] == ["0.00", "218,750.00", "0.00", "218,750.00", "0.00", "437,500.00"]
    assert funds["一般公共预算"] == ["0.00", "0.00", "0.00", format_yuan(TOTAL_FEN - mobile), "0.00",
                                  format_yuan(TOTAL_FEN - mobile)]
    assert funds["合计"][1] == "218,750.00" and funds["合计"][-1] == "1,520,500.00"


def test_the_new_tabs_round_trip_through_a_scenario_file(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                         tmp_path: Path) -> None:
    window = make_window(NANXUN)
    add_row(window, qtbot, PRIOR, {"标准编号": STATIONED, "上年预算数": "800000", "上年执行数": "790000.5",
                                   "说明": "驻村人员增加"})
    add_row(window, qtbot, PAYERS, {"标准编号": MOBILE, "资金性质": "一般公共预算", "省": "50", "县区": "50",
                                    "说明": "省县共担"})
    add_row(window, qtbot, PROJECTS, {"项目名称": "基层卫生人员补助", "标准编号": STATIONED,
                                      "三级指标": "驻村人员满意度", "指标值": "≥90%"})
    assert [p.project for p in window.outcome.result.scenario.projects] == ["基层卫生人员补助"]
    prior, payers = rows_of(window, "view_prior"), rows_of(window, "view_payers")
    assert prior[0][6] == "790,000.50" and payers[0][2] == "218,750.00"
    shown = {s: [[window.pages[s].model.index(r, c).data() for c in range(window.pages[s].model.columnCount())]
                 for r in range(window.pages[s].model.rowCount())] for s in (PAYERS, PRIOR, PROJECTS)}

    target = tmp_path / "南浔.bcs.json"
    dialogs.save_file = str(target)
    assert window.save()
    sheets = json.loads(target.read_text("utf-8"))["sheets"]
    assert sheets[PRIOR][1] == [STATIONED, "", "800000.00", "790000.50", "驻村人员增加"]
    assert sheets[PAYERS][1][:2] == [MOBILE, "一般公共预算"] and sheets[PAYERS][1][-1] == "省县共担"
    assert sheets[PROJECTS][1] == ["基层卫生人员补助", STATIONED, "", "", "", "驻村人员满意度", "≥90%"]
    assert sheets[PAYERS][1][0] == MOBILE and sheets[PROJECTS][1][0] == "基层卫生人员补助"
    window.close()

    again = make_window(target)
    settle(qtbot, again)
    for sheet, rows in shown.items():
        model = again.pages[sheet].model
        assert [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())] \
            == rows, sheet
    assert rows_of(again, "view_prior") == prior
    assert rows_of(again, "view_payers") == payers
    assert [p.project for p in again.outcome.result.scenario.projects] == ["基层卫生人员补助"]


def test_a_screenshot_can_show_an_input_table_beside_a_result_view(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    shots = {}
    for tab in ("prior", f"{PRIOR},prior"):
        out = tmp_path / f"{len(shots)}.png"
        proc = subprocess.run([sys.executable, "-m", "ui", str(ROOT / "scenarios" / "wendeng-2025.xlsx"),
                               "--screenshot", str(out), "--tab", tab],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        shots[tab] = QImage(str(out))
    # the same window but for the left half: 机构 (the tab an opened file shows) against 上年数
    plain, chosen = shots["prior"], shots[f"{PRIOR},prior"]
    assert plain.size() == chosen.size()
    half = plain.width() // 2
    assert plain.copy(0, 0, half, plain.height()) != chosen.copy(0, 0, half, chosen.height())
