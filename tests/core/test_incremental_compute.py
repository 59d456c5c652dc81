"""An edited book computed from the result before the edit gives exactly what a whole computation gives.

After an edit the app computes with the previous result: a rate's lines of the rows that did not
change are taken from it, and only the changed rows' lines are computed again. Each test compares
that with a computation from nothing (lines, rows not counted, warnings, totals, tables) on the
five sample scenarios, over chains of edits that move rows into and out of scope, eligibility,
the budget year and the facility a person works at; one counts what was computed, so that a
splice that silently computed every row, or too few, fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcalc.compute import engine
from budgetcalc.compute.calculators import rates
from budgetcalc.compute.splice import changed_rows, with_rows
from budgetcalc.inputs import editing
from budgetcalc.inputs.editing import InsertRows, RemoveRows, SetCells
from budgetcalc.inputs.reader import load_sheets
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import default_catalogue
from budgetcalc.scenarios.session import Outcome, complete, evaluate, evaluate_total
from tests.builders import each_edit

CATALOGUE = default_catalogue()
SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.xlsx"))
BOOKS = {path.stem: editing.canonical_book(load_sheets(path))[0] for path in SCENARIOS}

DATES = ["", "2019-12-31", "2024-06-01", "2025-01-01", "2025-03-15", "2025-12-31", "2026-02-01",
         dt.date(2025, 7, 1)]
FLAGS = ["", "是", "否"]
VALUES: dict[str, list[object]] = {
    "type": list(vocab.FACILITY_TYPES), "category": list(vocab.STAFF_CATEGORIES), "post": ["", *vocab.POSTS],
    "recruitment": ["", *vocab.RECRUITMENT], "licence": ["", *vocab.LICENCES], "title": ["", *vocab.TITLES],
    "count": [0, 1, 2, 3, "", "两"], "service_years": ["", 0, 3, 8, 20], "service_population": ["", 900, 5000],
    "town": ["甲镇", "乙镇", "新镇", ""], "grade": ["", "优秀", "合格"], "name": ["张三", ""], "person_id": ["X1", ""],
}
for column in (*vocab.FACILITY_COLUMNS, *vocab.STAFF_COLUMNS):
    if column.kind == "bool":
        VALUES[column.key] = FLAGS
    elif column.kind == "date":
        VALUES[column.key] = DATES


def _columns(sheet: str) -> tuple[vocab.Column, ...]:
    return vocab.STAFF_COLUMNS if sheet == vocab.SHEET_STAFF else vocab.FACILITY_COLUMNS


def _same(incremental: Outcome, whole: Outcome) -> None:
    assert incremental.problems == whole.problems
    assert incremental.totals == whole.totals
    assert (incremental.result is None) == (whole.result is None)
    if whole.result is None:
        return
    assert incremental.result is not None
    pd.testing.assert_frame_equal(incremental.result.lines, whole.result.lines, check_exact=True)
    pd.testing.assert_frame_equal(incremental.result.uncounted, whole.result.uncounted, check_exact=True)
    assert incremental.not_counted is not None and whole.not_counted is not None
    pd.testing.assert_frame_equal(incremental.not_counted, whole.not_counted, check_exact=True)
    assert incremental.result.tables == whole.result.tables
    assert incremental.filing == whole.filing


@st.composite
def chains(draw: Any) -> tuple[str, list[SetCells | InsertRows | RemoveRows]]:
    name = draw(st.sampled_from(sorted(BOOKS)))
    book = BOOKS[name]
    out: list[SetCells | InsertRows | RemoveRows] = []
    for _ in range(draw(st.integers(1, 6))):
        sheet = draw(st.sampled_from([vocab.SHEET_STAFF, vocab.SHEET_STAFF, vocab.SHEET_FACILITIES]))
        columns, height = _columns(sheet), len(book[sheet])
        kind = draw(st.sampled_from(["cells"] * 8 + ["insert", "remove"]))
        if kind == "cells":
            cells = []
            for _ in range(draw(st.integers(1, 3))):
                j = draw(st.integers(0, len(columns) - 1))
                codes = [r[0] for r in book[vocab.SHEET_FACILITIES][1:4]] + ["无此编码"]
                pool = codes if columns[j].key in ("facility_code", "code") else VALUES.get(columns[j].key, [""])
                cells.append((draw(st.integers(1, height - 1)), j, draw(st.sampled_from(pool))))
            out.append(SetCells(sheet, tuple(cells)))
        elif kind == "insert":
            out.append(InsertRows(sheet, ((draw(st.integers(1, height - 1)), tuple(book[sheet][1])),)))
        else:
            out.append(RemoveRows(sheet, (draw(st.integers(1, height - 2)),)))
    return name, out


@given(chains())
def test_a_chain_of_edits_computed_from_the_last_result_equals_whole_computations(chain: Any) -> None:
    name, edits = chain
    book = BOOKS[name]
    outcome = evaluate(book, CATALOGUE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_JOIN_SPLICED_FROM", 0)   # the staff↔facility join spliced too, as at a province
        for book in each_edit(book, edits):
            outcome = evaluate(book, CATALOGUE, previous=outcome)
            _same(outcome, evaluate(book, CATALOGUE))


def _paid_staff_row(outcome: Outcome) -> tuple[int, str]:
    """A staff row a standard pays (its book index), and that standard."""
    assert outcome.result is not None
    lines = outcome.result.lines
    paid = lines[(lines["sheet"] == vocab.SHEET_STAFF) & (lines["amount_fen"] > 0) & (lines["kind"] != "band")]
    return int(paid["row"].iloc[0]) - 1, str(paid["standard_id"].iloc[0])


@pytest.mark.parametrize("name", sorted(set(BOOKS) - {"xx_talent-2025"}))   # its persons are paid by bands
def test_one_edited_count_computes_one_row_again(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    book = BOOKS[name]
    before = evaluate(book, CATALOGUE)
    index, paid_by = _paid_staff_row(before)
    computed: list[int] = []
    whole: list[str] = []
    real_rows, real_whole = rates._row_lines, rates._whole
    monkeypatch.setattr(rates, "_row_lines", lambda std, value, year, rows, on_staff:
                        computed.append(len(rows)) or real_rows(std, value, year, rows, on_staff))
    monkeypatch.setattr(rates, "_whole", lambda std, *args: whole.append(std.id) or real_whole(std, *args))
    joined: list[int] = []
    real_join = engine.staff_with_facility
    monkeypatch.setattr(engine, "staff_with_facility", lambda staff, facilities:
                        joined.append(len(staff)) or real_join(staff, facilities))
    monkeypatch.setattr(engine, "_JOIN_SPLICED_FROM", 0)
    column = [c.key for c in vocab.STAFF_COLUMNS].index("count")
    count = int(book[vocab.SHEET_STAFF][index][column] or 0)
    book, _ = editing.apply(book, SetCells(vocab.SHEET_STAFF, ((index, column, count + 1),)))
    after = evaluate(book, CATALOGUE, previous=before)
    assert whole == [] and computed and set(computed) <= {0, 1} and joined == [1]
    monkeypatch.undo()
    _same(after, evaluate(book, CATALOGUE))
    assert after.totals is not None and before.totals is not None
    assert after.totals.groups["standard_id"][paid_by] > before.totals.groups["standard_id"][paid_by]


def test_edits_whose_rows_not_counted_were_never_made_make_them_whole() -> None:
    """The app skips the second step of an outcome edited again meanwhile: the edit after it splices
    lines onto a result whose rows not counted were never made."""
    book = BOOKS["nanxun-2025"]
    outcome = evaluate(book, CATALOGUE)
    index, _ = _paid_staff_row(outcome)
    column = [c.key for c in vocab.STAFF_COLUMNS].index("count")
    for count in (2, 0, 3):   # the second takes the row out of the lines, the third puts it back
        book, _ = editing.apply(book, SetCells(vocab.SHEET_STAFF, ((index, column, count),)))
        outcome = evaluate_total(book, CATALOGUE, previous=outcome)
    _same(complete(outcome), evaluate(book, CATALOGUE))


def test_a_facility_edited_computes_its_staff_again() -> None:
    book = BOOKS["wendeng-2025"]
    outcome = evaluate(book, CATALOGUE)
    column = [c.key for c in vocab.FACILITY_COLUMNS].index("type")
    for value in ("其他", "村卫生室", "社区卫生服务站"):   # its staff leave the scope of a standard, and come back
        book, _ = editing.apply(book, SetCells(vocab.SHEET_FACILITIES, ((1, column, value),)))
        outcome = evaluate(book, CATALOGUE, previous=outcome)
        _same(outcome, evaluate(book, CATALOGUE))


def test_changed_rows_compares_values_and_their_types() -> None:
    old = pd.DataFrame({"text": pd.Series(["a", None, "c"], dtype=object), "n": [1, 2, 3],
                        "day": pd.to_datetime(["2025-01-01", None, "2025-03-01"]),
                        "count": pd.array([1, None, 3], dtype="Int64")})
    assert changed_rows(old, old).tolist() == []
    new = old.copy(deep=False)
    new["text"] = pd.Series(["a", np.nan, "C"], dtype=object)   # None → NaN is blank for blank; c → C is not
    new["count"] = pd.array([1, None, 4], dtype="Int64")
    assert changed_rows(new, old).tolist() == [2]
    typed = old.assign(text=pd.Series([1, None, "c"], dtype=object))
    assert changed_rows(typed.assign(text=pd.Series([True, None, "c"], dtype=object)), typed).tolist() == [0]
    assert changed_rows(old.iloc[:2], old) is None
    assert changed_rows(old.rename(columns={"n": "m"}), old) is None


def test_with_rows_shares_the_columns_it_does_not_change() -> None:
    frame = pd.DataFrame({"a": pd.Series(["x", "y", "z"], dtype=object), "b": [1, 2, 3]})
    out = with_rows(frame, np.array([1]), pd.DataFrame({"a": pd.Series(["y"], dtype=object), "b": [7]}))
    assert out["b"].tolist() == [1, 7, 3] and frame["b"].tolist() == [1, 2, 3]
    assert out["a"].dtype == object and np.shares_memory(out["a"].to_numpy(), frame["a"].to_numpy())
