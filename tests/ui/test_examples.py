"""The four public examples opened in the real window show the expected totals to the fen."""

from __future__ import annotations

from typing import Any

import pytest

from budgetcalc.base.money import format_wan, format_yuan, rmb_upper
from tests.conftest import EXAMPLES
from tests.ui.conftest import expected, settle

CASES = sorted(p.stem for p in EXAMPLES.glob("*.xlsx"))


@pytest.mark.parametrize("case", CASES)
def test_displayed_totals_equal_the_expected_json(case: str, make_window: Any, qtbot: Any) -> None:
    want = expected(case)
    window = make_window(EXAMPLES / f"{case}.xlsx")
    settle(qtbot, window)
    panel = window.result_panel
    assert f"{format_yuan(want['total_fen'])}</a> 元" in panel.total_label.text()
    assert f"{format_wan(want['total_fen'])} 万元" in panel.total_label.text()
    assert panel.upper_label.text().endswith(rmb_upper(want["total_fen"]))
    groups = panel.groups
    shown = {groups.key(r): groups.index(r, 1).data() for r in range(groups.rowCount())}
    for standard_id, fen in want["by_standard"].items():
        assert shown[standard_id] == format_yuan(fen), standard_id
    assert window.problems_panel.model.counts()[0] == 0
    assert "未发现问题" in window.problems_panel.title.text() or window.problems_panel.model.counts()[1]


def test_performance_pay_shows_low_chosen_and_high(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "xx-performance-2025.xlsx")
    settle(qtbot, window)
    totals = window.outcome.totals
    assert totals.has_bands and totals.low_fen < totals.total_fen <= totals.high_fen
    text = window.result_panel.band_label.text()
    for fen in (totals.low_fen, totals.total_fen, totals.high_fen):
        assert format_yuan(fen) in text
    assert window.result_panel.lines.columnCount() == 10  # low and high columns shown for bands


def test_every_grouping_adds_up_to_the_total(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    settle(qtbot, window)
    panel = window.result_panel
    for n in range(panel.group_combo.count()):
        panel.group_combo.setCurrentIndex(n)
        groups = panel.groups
        assert sum(groups.index(r, 0).data(256) for r in range(groups.rowCount())) == window.outcome.totals.total_fen
    panel.group_combo.setCurrentIndex(3)  # by town: lines of the selected town only
    panel.group_view.selectRow(0)
    town = panel.groups.key(0)
    assert panel.lines.rowCount() and all(
        window.outcome.result.lines.iloc[panel.lines.line(r)]["town"] in (town, "")
        for r in range(panel.lines.rowCount()))
