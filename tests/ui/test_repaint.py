"""What an edit costs the window: only the edited cell is parsed again, and a result tab the
officer is not looking at is laid out when it is opened, not at every outcome."""

from __future__ import annotations

from typing import Any

import pytest

from budgetcalc.inputs import cells
from budgetcalc.rules import vocab
from tests.conftest import EXAMPLES
from tests.ui.conftest import settle
from ui.widgets import staffing_views

FAC = vocab.SHEET_FACILITIES
COUNT = 4  # 数量


def test_an_edited_cell_is_the_only_cell_parsed_again(make_window: Any, qtbot: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    before = window.outcome.totals.total_fen
    parsed: list[int] = []
    real = cells.Cells.of.__func__   # type: ignore[attr-defined]
    monkeypatch.setattr(cells.Cells, "of", classmethod(lambda cls, raw: parsed.append(len(raw)) or real(cls, raw)))
    model = window.pages[FAC].model
    assert model.setData(model.index(model.view_row(1), COUNT), "31")   # 30 → 31 integrated village clinics
    settle(qtbot, window)
    assert parsed == [1]
    assert window.outcome.totals.total_fen == before + 1_000_000


def test_a_result_tab_not_shown_is_fitted_when_it_is_opened(make_window: Any, qtbot: Any,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    fitted: list[Any] = []
    real = staffing_views._fit_now
    monkeypatch.setattr(staffing_views, "_fit_now", lambda view, stretch: fitted.append(view) or real(view, stretch))
    units = window.result_panel.filing_views["view_units"].view
    model = window.pages[FAC].model
    assert model.setData(model.index(model.view_row(1), COUNT), "31")
    settle(qtbot, window)
    assert units not in fitted and not units.isVisible()
    window.result_panel.show_view("view_units")
    assert units in fitted
    name_width = units.fontMetrics().horizontalAdvance("龙山街道卫生院")
    assert units.columnWidth(1) >= name_width   # fitted to the names, not left at the default width
    fitted.clear()
    assert window.result_panel.show_view("view_result")
    window.result_panel.show_view("view_units")
    assert units not in fitted   # nothing new to fit: shown again as it was


def test_the_total_is_repainted_before_the_tables_of_the_same_edit(make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    before = window.outcome.totals.total_fen
    seen: list[tuple[str, int, str]] = []
    window.recalc.total_ready.connect(lambda o: seen.append(("total", o.totals.total_fen,
                                                             window.result_panel.total_label.text())))
    window.recalc.finished.connect(lambda o: seen.append(("all", o.totals.total_fen, "")))
    model = window.pages[FAC].model
    with qtbot.waitSignal(window.recalc.finished, timeout=30_000):
        assert model.setData(model.index(model.view_row(1), COUNT), "31")
    assert [(kind, fen) for kind, fen, _ in seen] == [("total", before + 1_000_000), ("all", before + 1_000_000)]
    assert "310,000.00" in seen[0][2]   # on screen at the first step, before the tables were laid out
    assert window.outcome.not_counted is not None and window.outcome.filing is not None


def test_no_date_editor_is_left_on_screen_by_the_column_fitting(make_window: Any) -> None:
    """A probe measuring the date column's width once sat visibly over each table's top-left cell."""
    from ui.qt import QDateEdit

    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    assert [e for e in window.findChildren(QDateEdit) if e.isVisible()] == []
