"""Editing the tables in the window: cells, paste blocks, rows, undo/redo, sort, filter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from budgetcalc.base.money import format_yuan
from budgetcalc.inputs import editing
from budgetcalc.rules import vocab
from tests.builders import write_xlsx
from tests.conftest import EXAMPLES
from tests.ui.conftest import Button, settle
from ui.delegates import CellDelegate
from ui.models import style
from ui.qt import QApplication, QComboBox, QDateEdit, QGuiApplication, QKeySequence, QLineEdit, Qt

FAC, STAFF = vocab.SHEET_FACILITIES, vocab.SHEET_STAFF
COUNT = 4  # 数量
TYPE = 2   # 机构类型


def cell(window: Any, sheet: str, row_index: int, column: int) -> Any:
    model = window.pages[sheet].model
    return model.index(model.view_row(row_index), column)


def test_editing_a_cell_changes_the_total(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    before = window.outcome.totals.total_fen
    model = window.pages[FAC].model
    assert model.setData(cell(window, FAC, 1, COUNT), "31")  # 30 → 31 integrated village clinics
    settle(qtbot, window)
    assert window.outcome.totals.total_fen == before + 1_000_000  # 10,000 元 a clinic a year
    assert format_yuan(before + 1_000_000) in window.result_panel.total_label.text()
    assert window.isWindowModified()
    assert window.act_undo.text() == "撤销 修改 机构 第2行 [数量]" and not window.act_redo.isEnabled()
    assert not model.setData(cell(window, FAC, 1, COUNT), "31"), "no edit when nothing changes"


TSV = "WD-VC-C\t新村卫生室\t村卫生室\t\t1,000\t是\r\nWD-VC-D\t\"坏\n村\"\t村卫生所\t\t２\t是\r\n"


def test_paste_block_with_a_bad_value_marks_cell_and_lists_cli_message(
        make_window: Any, qtbot: Any, tmp_path: Path, dialogs: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    page = window.pages[FAC]
    window.tabs.setCurrentWidget(page)
    QGuiApplication.clipboard().setText(TSV)
    page.view.setFocus()
    page.view.selectionModel().select(page.model.index(2, 0), page.view.selectionModel().SelectionFlag.ClearAndSelect)
    # paste over the last row (WD-HC1) and one new row: Ctrl+V on the table, as an officer does
    rows_before = page.model.total_rows()
    dialogs.answers.append(Button.Yes)   # 覆盖: the row holds data, so the paste asks first
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert page.model.total_rows() == rows_before + 1
    book = window.document.book
    assert book[FAC][3][:6] == ["WD-VC-C", "新村卫生室", "村卫生室", "", "1000", "是"]
    assert book[FAC][4][1] == "坏\n村" and book[FAC][4][4] == "2"

    shown = [window.problems_panel.model.index(r).data() for r in range(window.problems_panel.model.rowCount())]
    # exactly what `budgetcalc validate` prints for the same sheets saved as a workbook
    workbook = write_xlsx(tmp_path / "same.xlsx", book)
    cli = subprocess.run([sys.executable, "-m", "budgetcalc", "validate", str(workbook)], capture_output=True,
                         text=True, encoding="utf-8", check=False)
    assert shown == cli.stdout.splitlines()[:-1]
    assert shown == ["机构 第5行 [机构类型]：值“村卫生所”；不是可选值；应为：" + "、".join(vocab.FACILITY_TYPES)]
    bad = cell(window, FAC, 4, TYPE)
    assert bad.data(Qt.ItemDataRole.BackgroundRole) == style.ERROR_BG
    assert bad.data(Qt.ItemDataRole.ToolTipRole) == shown[0]
    assert window.outcome.result is None and "显示上次有效结果" in window.result_panel.message_label.text()

    window.tabs.setCurrentIndex(0)
    window.problems_panel.view.clicked.emit(window.problems_panel.model.index(0))
    assert window.tabs.currentWidget() is page
    current = page.view.currentIndex()
    assert (page.model.row_index(current.row()), current.column()) == (4, TYPE)

    # the paste is one step to undo and redo
    window.act_undo.trigger()
    settle(qtbot, window)
    assert page.model.total_rows() == rows_before and window.problems_panel.model.rowCount() == 0
    assert window.outcome.totals.total_fen == 30_000_000
    window.act_redo.trigger()
    settle(qtbot, window)
    assert page.model.total_rows() == rows_before + 1 and window.problems_panel.model.rowCount() == 1
    undo_keys = [k.toString() for k in window.act_undo.shortcuts()]
    assert undo_keys == [QKeySequence(QKeySequence.StandardKey.Undo).toString()]
    assert "Ctrl+Y" in [k.toString() for k in window.act_redo.shortcuts()]


def test_copy_gives_tab_separated_text_that_pastes_back(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    page = window.pages[FAC]
    selection = page.view.selectionModel()
    selection.select(page.model.index(0, 0), selection.SelectionFlag.ClearAndSelect)
    selection.select(page.model.index(1, 4), selection.SelectionFlag.Select)
    page.copy()
    assert QGuiApplication.clipboard().text() == "WD-VC-A\t\t\t\t\r\n\t\t\t\t5\r\n"
    assert editing.parse_clipboard(QGuiApplication.clipboard().text())[1][4] == "5"


def test_fill_clear_add_duplicate_delete_rows_each_undoable(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    page, doc = window.pages[FAC], window.document
    original = doc.book
    selection = page.view.selectionModel()
    selection.select(page.model.index(0, COUNT), selection.SelectionFlag.ClearAndSelect)
    selection.select(page.model.index(1, COUNT), selection.SelectionFlag.Select)
    page.paste("１０")                                     # one value into a selection fills it
    assert [doc.book[FAC][i][COUNT] for i in (1, 2)] == ["10", "10"]
    page.clear_cells()
    assert [doc.book[FAC][i][COUNT] for i in (1, 2)] == ["", ""]
    page.select_row(1)
    page.duplicate_rows()
    assert [r[0] for r in doc.book[FAC][1:]] == ["WD-VC-A", "WD-VC-A", "WD-VC-B", "WD-HC1"]
    settle(qtbot, window)
    assert [p.code for p in window.outcome.problems] == ["duplicate_code", "duplicate_code"]
    page.add_row()
    assert doc.book[FAC][3] == list(editing.blank_row(FAC))
    page.select_row(3)
    page.delete_rows()
    assert len(doc.book[FAC]) == 5
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.book == original
    settle(qtbot, window)
    assert window.outcome.totals.total_fen == 30_000_000 and not window.isWindowModified()


def test_sort_and_filter_happen_in_the_model_and_edits_follow_the_rows(make_window: Any, qtbot: Any) -> None:
    window = make_window(Path("scenarios/nanxun-2025.xlsx").resolve())
    page = window.pages[FAC]
    model, view = page.model, page.view
    population = [c.key for c in vocab.FACILITY_COLUMNS].index("service_population")
    view.sortByColumn(population, Qt.SortOrder.DescendingOrder)      # 服务人口, as numbers, blanks last
    shown = [model.index(r, population).data() for r in range(model.rowCount())]
    assert shown[:3] == ["62,000", "58,000", "54,000"] and shown[-1] == ""
    assert model.headerData(0, Qt.Orientation.Vertical) == str(model.row_index(0) + 1)  # Excel row numbers
    page.filter_edit.setText("ＭＶ")                           # full-width typed: still found
    assert model.rowCount() == 4 and page.count_label.text() == "4 / 20 行"
    target = model.row_index(0)
    model.setData(model.index(0, 1), "改名的车")
    assert window.document.book[FAC][target][1] == "改名的车"
    page.filter_edit.clear()
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert [model.row_index(r) for r in range(model.rowCount())] == list(range(1, 21))


def test_editors_follow_the_column_kinds(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    page = window.pages[FAC]
    delegate = page.view.itemDelegate()
    assert isinstance(delegate, CellDelegate)
    model = page.model
    combo = delegate.createEditor(page.view, None, model.index(0, TYPE))
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["", *vocab.FACILITY_TYPES]
    flag = delegate.createEditor(page.view, None, model.index(0, 6))
    assert isinstance(flag, QComboBox) and flag.itemText(1) == "是"
    flag.setCurrentText("是")
    delegate.setModelData(flag, model, model.index(0, 6))
    assert window.document.book[FAC][1][6] == "是"
    start = [c.key for c in vocab.FACILITY_COLUMNS].index("start_date")
    date = delegate.createEditor(page.view, None, model.index(1, start))
    assert isinstance(date, QDateEdit)
    delegate.setEditorData(date, model.index(1, start))
    assert date.date().toString("yyyy-MM-dd") == "2024-11-01"
    date.setDate(date.date().addMonths(2))
    delegate.setModelData(date, model, model.index(1, start))
    assert window.document.book[FAC][2][start] == "2025-01-01"
    assert isinstance(delegate.createEditor(page.view, None, model.index(0, COUNT)), QLineEdit)
    assert model.index(0, COUNT).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)


def test_settings_form_edits_the_settings_sheet_and_shows_its_problems(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "xx-performance-2025.xlsx")
    panel = window.settings_panel
    assert set(panel.band_edits) == {"绩效总量档位", "加班档位", "全科增核", "负责人倍数"}
    before = window.outcome.totals.total_fen
    panel.band_edits["绩效总量档位"].setText("140%")
    panel.band_edits["绩效总量档位"].editingFinished.emit()
    settle(qtbot, window)
    problem = next(p for p in window.outcome.problems if p.code == "band_out_of_range")
    assert panel.band_edits["绩效总量档位"].toolTip() == problem.format("zh")
    window.jump_to_problem(problem)
    assert window.tabs.currentWidget() is panel
    window.act_undo.trigger()
    settle(qtbot, window)
    assert window.outcome.totals.total_fen == before and panel.band_edits["绩效总量档位"].text() == "110%"
    panel.year_spin.setValue(2026)
    settle(qtbot, window)
    assert editing.setting_value(window.document.book, vocab.SETTING_YEAR) == 2026
    index = panel.profile_combo.findData("nanxun")
    panel.profile_combo.setCurrentIndex(index)
    panel.profile_combo.activated.emit(index)
    settle(qtbot, window)
    assert window.document.profile_id() == "nanxun" and not panel.bands_box.isVisibleTo(panel)


def test_typing_into_a_cell_with_the_keyboard_edits_it(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    page = window.pages[FAC]
    window.tabs.setCurrentWidget(page)
    window.activateWindow()
    page.view.setFocus()
    page.view.setCurrentIndex(cell(window, FAC, 2, COUNT))
    qtbot.keyClicks(page.view, "6")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)       # Qt commits the editor's text on the next event loop turn
    qtbot.waitUntil(lambda: window.document.book[FAC][2][COUNT] == "60")
    settle(qtbot, window)
    assert window.outcome.totals.total_fen == 30_000_000  # non-integrated clinics get nothing: total unchanged
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert window.document.book[FAC][2][COUNT] == ""
