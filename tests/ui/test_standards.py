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
    assert texts[0] == std.label and texts[1] == "100%–135%" and texts[3] == "档位区间"
    assert texts[4].startswith(str(std.effective.start))
    assert texts[5] == f"《{model.profile.title}》 {std.clause}"
    window.standards_page.select_standard(std.id)
    details = window.standards_page.details.toPlainText()
    assert std.summary in details and std.clause in details
