"""Every table model passes Qt's own model checker, with data, sorted and filtered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from budgetcalc.inputs.editing.book import TABLES
from budgetcalc.rules import vocab
from tests.conftest import EXAMPLES
from tests.ui.conftest import settle
from ui.qt import Qt

SCENARIO = Path(__file__).parents[2] / "scenarios" / "nanxun-2025.xlsx"


def test_sheet_models_pass_the_model_tester(make_window: Any, qtbot: Any, qtmodeltester: Any) -> None:
    window = make_window(SCENARIO)
    for sheet, page in window.pages.items():
        qtmodeltester.check(page.model)
        assert page.model.columnCount() == len(TABLES[sheet])
    staff = window.pages[vocab.SHEET_STAFF]
    staff.model.sort(3, Qt.SortOrder.DescendingOrder)
    staff.filter_edit.setText("NX-HC01")
    qtmodeltester.check(staff.model)
    staff.paste("X\tY\r\nZ\r\n")    # edits with an order and a filter in place
    qtmodeltester.check(staff.model)


def test_result_models_pass_the_model_tester(make_window: Any, qtbot: Any, qtmodeltester: Any) -> None:
    window = make_window(EXAMPLES / "xx-performance-2025.xlsx")
    panel = window.result_panel
    qtmodeltester.check(panel.groups)
    qtmodeltester.check(panel.lines)
    panel.group_view.selectRow(0)
    panel.lines.sort(7, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(panel.lines)
    amounts = [panel.lines.index(r, 7).data() for r in range(panel.lines.rowCount())]
    as_fen = [int(a.replace(",", "").replace(".", "")) for a in amounts]
    assert as_fen == sorted(as_fen, reverse=True)
    for n in range(panel.group_combo.count()):
        panel.group_combo.setCurrentIndex(n)
        qtmodeltester.check(panel.groups)


def test_standards_and_problems_models_pass_the_model_tester(make_window: Any, qtbot: Any,
                                                             qtmodeltester: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025-raised.xlsx")
    qtmodeltester.check(window.standards_page.model)
    model = window.pages[vocab.SHEET_FACILITIES].model
    model.setData(model.index(0, 2), "卫生所")
    model.setData(model.index(1, 4), "-3")
    settle(qtbot, window)
    assert window.problems_panel.model.rowCount() == 2
    qtmodeltester.check(window.problems_panel.model)
    qtmodeltester.check(window.standards_page.model)


def test_empty_models_pass_the_model_tester(make_window: Any, qtbot: Any, qtmodeltester: Any) -> None:
    window = make_window()            # a new scenario: empty tables, a result of 0
    assert window.outcome.totals.total_fen == 0
    for page in window.pages.values():
        qtmodeltester.check(page.model)
    qtmodeltester.check(window.result_panel.lines)
    qtmodeltester.check(window.problems_panel.model)
