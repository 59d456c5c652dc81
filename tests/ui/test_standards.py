"""Browsing standards, overriding one with a reason, and seeing the mark wherever it is used."""

from __future__ import annotations

from typing import Any

import pytest

from budgetcalc.rules import vocab
from tests.conftest import EXAMPLES
from tests.ui.conftest import settle
from ui.models import style
from ui.qt import Qt
from ui.widgets.standards_page import OverrideDialog

SID = "wendeng.village_clinic_operation"


def test_override_is_marked_in_standards_groups_lines_and_explanation(
        make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    before = window.outcome.totals.total_fen
    page = window.standards_page
    window.tabs.setCurrentWidget(page)
    page.select_standard(SID)
    asked: list[tuple[str, str]] = []

    def answer(_parent: Any, std: Any, value: str, reason: str, **_extra: Any) -> dict[str, str]:
        asked.append((value, reason))
        return {"value": "12000", "reason": "区财政提标", "quantity": "", "unit": ""}

    monkeypatch.setattr(OverrideDialog, "ask", staticmethod(answer))
    page.override_selected()
    settle(qtbot, window)
    assert asked == [("10000", "")]                       # the catalogue value is offered first
    assert window.outcome.totals.total_fen == before + 30 * 2000 * 100
    row = page.model.row_of(SID)
    assert page.model.index(row, 2).data() == "12,000 元/个·年"
    assert page.model.index(row, 1).data() == "10,000.00 元/个·年"  # the catalogue's own value stays in view
    assert page.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) == style.OVERRIDE_BG
    assert window.document.book[vocab.SHEET_OVERRIDES][1] == [SID, "12000", "区财政提标", "", ""]

    groups = window.result_panel.groups
    grow = groups.row_of(SID)
    assert groups.index(grow, 0).data().endswith("（调整）")
    assert groups.index(grow, 0).data(Qt.ItemDataRole.BackgroundRole) == style.OVERRIDE_BG
    lines = window.result_panel.lines
    marked = [lines.index(r, 0).data() for r in range(lines.rowCount())]
    assert any(text.endswith("（调整）") for text in marked)
    line = next(r for r in range(lines.rowCount()) if marked[r].endswith("（调整）"))
    window.result_panel.lines_view.selectRow(line)
    text = window.explain.toPlainText()
    assert "本方案已调整：标准库值 10,000.00 元/个·年，调整为 12,000.00 元/个·年；理由：区财政提标" in text

    window.act_undo.trigger()
    settle(qtbot, window)
    assert window.outcome.totals.total_fen == before
    assert page.model.index(row, 2).data() == ""


def test_removing_an_override_and_a_bad_override_value(make_window: Any, qtbot: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(EXAMPLES / "wendeng-2025-raised.xlsx")   # carries a 标准调整 sheet
    page = window.standards_page
    overridden = [page.model.standard(r).id for r in range(page.model.rowCount())
                  if page.model.override(page.model.standard(r).id)]
    assert overridden
    page.select_standard(overridden[0])
    monkeypatch.setattr(OverrideDialog, "ask", staticmethod(
        lambda *a, **k: {"value": "一万", "reason": "写错了", "quantity": "", "unit": ""}))
    page.override_selected()
    settle(qtbot, window)
    problem = next(p for p in window.outcome.problems if p.sheet == vocab.SHEET_OVERRIDES)
    assert problem.code == "not_a_number"
    row = page.model.row_of(overridden[0])
    assert page.model.index(row, 2).data(Qt.ItemDataRole.BackgroundRole) == style.ERROR_BG
    window.tabs.setCurrentIndex(0)
    window.jump_to_problem(problem)
    assert window.tabs.currentWidget() is page and page.view.currentIndex().row() == row
    page.remove_selected()
    settle(qtbot, window)
    assert window.outcome.result is not None and not window.outcome.result.values[overridden[0]].overridden


def test_standards_browser_shows_value_unit_band_dates_and_citation(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "xx-performance-2025.xlsx")
    model = window.standards_page.model
    row = model.row_of("xx_talent.performance_total")
    texts = [model.index(row, c).data() for c in range(model.columnCount())]
    std = model.standard(row)
    assert texts[0] == std.label and texts[1] == "100%–135%" and texts[2:4] == ["", ""] and texts[4] == "档位区间"
    assert texts[5].startswith(str(std.effective.start))
    assert texts[6] == f"《{model.profile.title}》 {std.clause}"
    window.standards_page.select_standard(std.id)
    details = window.standards_page.details.toPlainText()
    assert std.summary in details and std.clause in details


def test_an_entered_rate_item_filled_in_the_app_changes_the_total(make_window: Any, qtbot: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """nanxun.training_fund has no amount in the document: 请填报 writes the officer's entry and it counts."""
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    before = window.outcome.totals.total_fen
    page = window.standards_page
    page.select_standard("nanxun.training_fund")
    assert page.override_button.text() == "请填报…" and page.override_button.isEnabled()
    row = page.model.row_of("nanxun.training_fund")
    assert page.model.index(row, 2).data() == "请填报"
    seen: list[dict[str, Any]] = []

    def answer(_parent: Any, std: Any, value: str, reason: str, **extra: Any) -> dict[str, str]:
        seen.append(extra)
        return {"value": "80000", "reason": "年度在职培训", "quantity": "2", "unit": ""}

    monkeypatch.setattr(OverrideDialog, "ask", staticmethod(answer))
    page.override_selected()
    settle(qtbot, window)
    assert "units" in seen[0] and seen[0]["units"]            # a lump-sum item can be entered per unit
    assert window.outcome.totals.total_fen == before + 2 * 80_000 * 100
    assert window.document.book[vocab.SHEET_OVERRIDES][1] == ["nanxun.training_fund", "80000", "年度在职培训", "", "2"]
    assert window.outcome.totals.groups["standard_id"]["nanxun.training_fund"] == 16_000_000


def test_the_dialog_refuses_a_value_below_the_minimum_naming_the_limit(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    std = window.document.catalogue().profile("wendeng").standard("wendeng.village_post_subsidy")
    dialog = OverrideDialog(std, "150", "", window)
    qtbot.addWidget(dialog)
    dialog.show()
    accepted = dialog.DialogCode.Accepted.value
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()                                   # no reason, no override
    dialog.reason_edit.setText("压减")
    assert ok.isEnabled()
    ok.click()
    assert dialog.result() != accepted and dialog.isVisible()
    assert "低于文件规定的下限 200.00 元/人·月（二(二)8）" in dialog.error_label.text()
    dialog.value_edit.setText("250")
    ok.click()
    assert dialog.result() == accepted


def test_a_row_counted_in_part_or_not_at_all_shows_why(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    panel = window.result_panel
    assert panel.not_counted.rowCount() == 2
    assert panel.detail_tabs.tabText(1) == "未计入或部分计入（2）"
    texts = [panel.not_counted.index(r, 3).data() for r in range(2)]
    assert "未标记“一体化管理”" in texts and "到岗2025-04-01，自2025-04起计9个月" in texts
    facilities = window.pages[vocab.SHEET_FACILITIES].model
    assert facilities.headerData(1, Qt.Orientation.Vertical) == "3 ◐"   # WD-VC-B, the clinic not integrated
    assert "未标记“一体化管理”" in facilities.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert facilities.headerData(0, Qt.Orientation.Vertical) == "2"
    row = next(r for r in range(2) if panel.not_counted.entry(r)[0] == vocab.SHEET_FACILITIES)
    panel.not_counted_view.clicked.emit(panel.not_counted.index(row, 0))
    page = window.pages[vocab.SHEET_FACILITIES]
    assert window.tabs.currentWidget() is page and page.model.row_index(page.view.currentIndex().row()) == 2
