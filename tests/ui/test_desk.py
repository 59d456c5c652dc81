"""At home on the officer's desk: Qt's own dialogs in Chinese, pastes that ask, the last valid
result kept while an input has errors, a window that fits, a sharp preview printed in the
background, the guide (F1) and the blank template from the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from budgetcalc.inputs import editing
from budgetcalc.rules import vocab
from tests.conftest import EXAMPLES
from tests.ui.conftest import TIMEOUT_MS, Button, settle
from ui import i18n
from ui.delegates import CellDelegate, date_editor_width
from ui.main_window import MIN_SIZE, SCREEN_SHARE, MainWindow
from ui.models.standards import CHANGE_COLUMN
from ui.print_preview import render_dpi
from ui.qt import QDateEdit, QFileDialog, QKeySequence, QLabel, QMessageBox, QPrinter, QPushButton, Qt, QWidget
from ui.widgets import key_columns

FAC, STAFF = vocab.SHEET_FACILITIES, vocab.SHEET_STAFF
GP_DATE = [c.header for c in vocab.STAFF_COLUMNS].index("全科注册日期")


def _recording(found: list[tuple[str, str]]) -> Any:
    """A file dialog that records its title and start folder and is cancelled."""
    def dialog(_parent: Any, title: str, start: str = "", *_args: Any, **_kwargs: Any) -> tuple[str, str]:
        found.append((title, start))
        return "", ""
    return staticmethod(dialog)


def _box_texts() -> list[str]:
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Save
                      | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
    texts = [b.text() for b in box.buttons()]
    box.deleteLater()
    return texts


def _file_dialog_texts() -> list[str]:
    dialog = QFileDialog(None)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    texts = [w.text() for w in dialog.findChildren(QPushButton)] + [w.text() for w in dialog.findChildren(QLabel)]
    dialog.deleteLater()
    return texts


def test_qt_dialogs_follow_the_interface_language(make_window: Any) -> None:
    window = make_window()
    assert sorted(_box_texts()) == sorted(["保存", "丢弃", "取消"])
    texts = _file_dialog_texts()
    assert "取消" in texts and any(t.startswith("保存") for t in texts)
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts   # what qtbase_zh_CN.qm leaves out
    assert not [t for t in texts if t.strip("&: ") in ("Cancel", "Save", "Look in", "Files of type")]
    window.set_language("en")
    assert sorted(_box_texts()) == ["Cancel", "Discard", "Save"]
    window.set_language("zh")
    assert "取消" in _box_texts()


def test_window_titles_carry_no_shortcut_marks(make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    found: list[tuple[str, str]] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", _recording(found))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _recording(found))
    window.open_dialog()
    window.save_as()
    window.export_dialog(".pdf")
    assert [title for title, _ in found] == ["打开", "另存为", "导出为 PDF"]
    assert window.act_save_as.text() == "另存为(&A)…"   # the menu keeps its key


def test_language_switch_rewords_what_the_last_computation_said(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    reasons = window.result_panel.not_counted
    assert any("满1年" in str(reasons.index(r, 3).data()) for r in range(reasons.rowCount()))
    window.set_language("en")
    settle(qtbot, window)
    worded = [str(reasons.index(r, 3).data()) for r in range(reasons.rowCount())]
    assert worded and not any("满1年" in w for w in worded)
    window.set_language("zh")
    settle(qtbot, window)


# ------------------------------------------------------------------ paste


def _paste_at(window: MainWindow, sheet: str, row: int, column: int, text: str) -> None:
    page = window.pages[sheet]
    window.tabs.setCurrentWidget(page)
    selection = page.view.selectionModel()
    selection.select(page.model.index(row, column), selection.SelectionFlag.ClearAndSelect)
    page.view.setCurrentIndex(page.model.index(row, column))
    page.paste(text)


def test_a_paste_onto_filled_rows_asks_and_insert_changes_no_row(make_window: Any, qtbot: Any, dialogs: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    before = [list(r) for r in window.document.book[FAC]]
    block = "WD-NEW1\t新村卫生室一\t村卫生室\r\nWD-NEW2\t新村卫生室二\t村卫生室\r\n"

    dialogs.answers.append(Button.Cancel)
    _paste_at(window, FAC, 0, 0, block)
    assert dialogs.kinds() == ["box"] and "已有数据" in dialogs.texts("box")[0]
    assert window.document.book[FAC] == before

    dialogs.answers.append(Button.No)   # 插入为新行
    _paste_at(window, FAC, 0, 0, block)
    after = window.document.book[FAC]
    assert len(after) == len(before) + 2
    assert after[1][:3] == ["WD-NEW1", "新村卫生室一", "村卫生室"] and after[2][0] == "WD-NEW2"
    assert [after[0]] + after[3:] == before   # every old row, unchanged and in order
    assert window.document.undo_stack.undoText() == "粘贴为 2 个新行"
    window.act_undo.trigger()
    assert window.document.book[FAC] == before


def test_overwrite_leaves_no_old_cell_in_a_pasted_row(make_window: Any, qtbot: Any, dialogs: Any) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    doc = window.document
    doc.push(editing.SetCells(STAFF, ((1, 0, "P-OLD"), (1, 1, "老张"), (1, GP_DATE, "2020-03-01"))), "setup")
    old = list(doc.book[STAFF][1])
    # a person copied from another workbook: code, name, facility, count, establishment — no GP date
    person = ["P-NEW", "小李", "NX-HC01", "1", "在编"]
    dialogs.answers.append(Button.Yes)   # 覆盖
    _paste_at(window, STAFF, 0, 0, "\t".join(person) + "\r\n")
    row = doc.book[STAFF][1]
    assert row[:5] == person
    assert row[GP_DATE] == "" and all(editing.display_text(v) == "" for v in row[5:])  # nothing of 老张 is left
    assert "2020-03-01" not in [editing.display_text(v) for v in row] and old[GP_DATE] == "2020-03-01"

    # a block that starts further right edits those columns of the same person and keeps the rest
    dialogs.answers.append(Button.Yes)
    _paste_at(window, STAFF, 0, 3, "2\t编外\r\n")
    assert doc.book[STAFF][1][:5] == ["P-NEW", "小李", "NX-HC01", "2", "编外"]
    assert len(dialogs.kinds()) == 2


# ------------------------------------------------------------------ result while the input has errors


def test_an_error_keeps_the_last_total_greyed(make_window: Any, qtbot: Any) -> None:
    from budgetcalc.base.money import format_yuan

    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    panel = window.result_panel
    total = window.outcome.totals.total_fen
    assert not panel.stale and panel.views.isEnabled()
    count = [c.header for c in vocab.FACILITY_COLUMNS].index("数量")
    window.document.push(editing.SetCells(FAC, ((2, count, "abc"),)), "bad")
    settle(qtbot, window)
    assert window.outcome.result is None
    assert panel.stale and not panel.views.isEnabled()
    assert format_yuan(total) in panel.total_label.text() and "—" not in panel.total_label.text()
    assert "#8a8a8a" in panel.total_label.text()   # greyed, and no link to explain a stale figure
    assert "href" not in panel.total_label.text()
    assert panel.message_label.text() == "有 1 处错误，显示上次有效结果" and not panel.message_label.isHidden()
    window.act_undo.trigger()
    settle(qtbot, window)
    assert not panel.stale and panel.views.isEnabled() and panel.message_label.isHidden()
    assert "href='total'" in panel.total_label.text()


def test_the_standards_table_shows_both_values_and_their_difference(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    page = window.standards_page
    row = page.model.row_of("nanxun.mobile_clinic_operation")
    assert row is not None
    window.document.push(editing.set_override(window.document.book, "nanxun.mobile_clinic_operation", "300000",
                                              "提标方案", "", ""), "override")
    settle(qtbot, window)
    texts = [page.model.index(row, j).data() for j in range(4)]
    assert texts == ["移动医疗车运行保障", "250,000.00 元/车·年", "300,000 元/车·年", "+50,000.00 元（+20%）"]
    assert CHANGE_COLUMN == 3
    assert page.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("移动医疗车运行保障")


# ------------------------------------------------------------------ tables


def test_key_columns_stay_in_view_and_dates_fit_their_editor(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    page = window.pages[STAFF]
    window.tabs.setCurrentWidget(page)
    page.resize(600, 500)
    qtbot.waitUntil(lambda: page.view.horizontalScrollBar().maximum() > 0, timeout=TIMEOUT_MS)
    key = page.key_view
    assert key is not None and page.view.key_columns == 3   # 人员编码, 姓名, 机构编码
    shown = [j for j in range(page.model.columnCount()) if not key.isColumnHidden(j)]
    assert shown == [0, 1, 2]
    bar = page.view.horizontalScrollBar()
    bar.setValue(bar.maximum())
    assert key.isVisible() and key.columnViewportPosition(2) == page.view.columnWidth(0) + page.view.columnWidth(1)
    assert key.geometry().width() == sum(page.view.columnWidth(j) for j in range(3)) + key_columns.EDGE
    # a cell moved to is never hidden under the key columns
    page.select_cell(5, 4)
    assert page.view.columnViewportPosition(4) >= key.geometry().width()

    on_post = [c.header for c in vocab.STAFF_COLUMNS].index("到岗日期")
    assert page.view.columnWidth(on_post) >= date_editor_width(page.view)
    delegate = page.view.itemDelegate()
    assert isinstance(delegate, CellDelegate)
    index = page.model.index(0, on_post)
    page.view.setColumnWidth(on_post, 40)
    page.view.edit(index)
    editor = page.view.indexWidget(index) or page.view.viewport().findChild(QDateEdit)
    assert isinstance(editor, QDateEdit) and editor.width() >= editor.sizeHint().width()


# ------------------------------------------------------------------ window geometry


def _saved_geometry(width: int, height: int, x: int = 0, y: int = 0) -> Any:
    widget = QWidget()
    widget.setGeometry(x, y, width, height)
    widget.show()
    saved = widget.saveGeometry()
    widget.close()
    return saved


def test_a_stale_geometry_is_ignored(make_context: Any, qtbot: Any) -> None:
    context = make_context("geometry")
    context.settings.setValue("geometry", _saved_geometry(708, 666))
    window = MainWindow(context)
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert (window.width(), window.height()) == (int(room.width() * SCREEN_SHARE), int(room.height() * SCREEN_SHARE))
    assert 708 < MIN_SIZE[0] and 666 < MIN_SIZE[1]
    fits = (room.width() - 40, room.height() - 40)   # the screen (800×800 offscreen) is below the minimum
    context.settings.setValue("geometry", _saved_geometry(*fits, x=20, y=20))
    again = MainWindow(context)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == fits   # one that fits is kept


# ------------------------------------------------------------------ print preview


def test_preview_renders_at_screen_resolution_and_prints_in_the_background(make_window: Any, qtbot: Any,
                                                                           tmp_path: Path) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    shown: list[Any] = []
    window.preview_shown.connect(shown.append)
    window.act_print.trigger()
    qtbot.waitUntil(lambda: bool(shown) and shown[0].isVisible(), timeout=TIMEOUT_MS)
    preview = shown[0]
    def dpi() -> float:
        return render_dpi(preview.zoom, preview.logicalDpiX(), preview.devicePixelRatioF())

    qtbot.waitUntil(lambda: preview.rendered_dpi(0) == dpi(), timeout=TIMEOUT_MS)
    fitted = dpi()
    preview.step_zoom(1)
    qtbot.waitUntil(lambda: (preview.rendered_dpi(0) or 0) > fitted and preview.rendered_dpi(0) == dpi(),
                    timeout=TIMEOUT_MS)
    pixmap = preview.labels[0].pixmap()
    assert pixmap.width() == pytest.approx(preview.pages.size_pt(0)[0] * preview.rendered_dpi(0) / 72, abs=2)

    preview.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    preview.printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.printer.setResolution(72)
    with qtbot.waitSignal(preview.printing_done, timeout=TIMEOUT_MS) as done:
        job = preview.start_printing()
        assert job.isRunning() or job.isFinished()
        assert job is not None and preview.progress is not None
    assert done.args == [preview.page_count(), False]
    assert "已送打印机" in window.status_label.text()
    with qtbot.waitSignal(preview.printing_done, timeout=TIMEOUT_MS) as cancelled:
        job = preview.start_printing()
        job.cancel()
    printed, was_cancelled = cancelled.args
    assert was_cancelled and printed < preview.page_count()
    assert "已取消打印" in window.status_label.text()
    preview.close()


# ------------------------------------------------------------------ help and template


def test_the_guide_opens_with_f1(make_window: Any) -> None:
    window = make_window()
    assert window.act_guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert window.act_guide in window.menu_help.actions()
    window.act_guide.trigger()
    guide = window.guide
    assert guide is not None and guide.isVisible() and guide.windowTitle() == "使用说明"
    text = guide.browser.toPlainText()
    assert "满 1 年" in text and "机构编码" in text and "方案比较" in text and "打印" in text
    window.set_language("en")
    assert "12-month rule" in guide.browser.toPlainText() and guide.windowTitle() == "User guide"
    window.set_language("zh")
    guide.close()


def test_the_template_action_writes_the_blank_workbook(make_window: Any, qtbot: Any, dialogs: Any,
                                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    target = tmp_path / "exports" / "模板.xlsx"
    target.parent.mkdir()
    dialogs.save_file = str(target)
    assert window.act_template in window.menu_file.actions()
    window.act_template.trigger()
    qtbot.waitUntil(lambda: "已写出输入模板" in window.status_label.text(), timeout=TIMEOUT_MS)
    book = openpyxl.load_workbook(target)
    assert {FAC, STAFF, vocab.SHEET_SETTINGS} <= set(book.sheetnames)
    assert [c.value for c in book[FAC][1]][:3] == ["机构编码", "机构名称", "机构类型"]

    # the next dialogs start in the folder last used
    found: list[tuple[str, str]] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _recording(found))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", _recording(found))
    window.export_dialog(".xlsx")
    assert Path(found[-1][1]).parent == target.parent
    (tmp_path / "inputs").mkdir()
    window.context.remember_folder("open", tmp_path / "inputs" / "x.xlsx")
    window.open_dialog()
    assert found[-1][1] == str(tmp_path / "inputs")
    assert i18n.lang() == "zh"


def test_the_settings_panel_sets_the_order_and_the_filing_date(make_window: Any, qtbot: Any) -> None:
    """排序方式 and 填报日期 are settings of the 参数 sheet: chosen in the panel, they reach the book."""
    v = vocab
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    panel = window.settings_panel
    panel.order_combo.setCurrentIndex(panel.order_combo.findData("拼音"))
    panel.order_combo.activated.emit(panel.order_combo.currentIndex())
    panel.filing_date_edit.setText("2025-11-30")
    panel.filing_date_edit.editingFinished.emit()
    settle(qtbot, window)
    assert editing.display_text(editing.setting_value(window.document.book, v.SETTING_ORDER)) == "拼音"
    assert editing.display_text(editing.setting_value(window.document.book, v.SETTING_FILING_DATE)) == "2025-11-30"
    assert not [p for p in window.outcome.problems if p.severity == "error"]
