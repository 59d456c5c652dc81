"""An edited book read from the read before the edit gives exactly what a whole read gives.

The app reads the book again after every edit, giving the previous outcome's sheet reads:
only the rows the edit touched are parsed. Each test compares the two reads (frames with
their dtypes, problems in order, totals) and one counts what was parsed, so that a splice
that silently read the whole sheet, or read too little, fails.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcalc.base.problems import errors
from budgetcalc.inputs import cells, editing
from budgetcalc.inputs.editing import InsertRows, RemoveRows, SetCells
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import default_catalogue
from budgetcalc.scenarios.session import Outcome, evaluate
from tests.builders import each_edit, sheets

CATALOGUE = default_catalogue()
STAFF_HEADERS = [c.header for c in vocab.STAFF_COLUMNS]
FACILITY_HEADERS = [c.header for c in vocab.FACILITY_COLUMNS]


def _book() -> dict[str, list[list[object]]]:
    facilities = [{"机构编码": f"F{i}", "机构名称": f"卫生室{i}", "机构类型": "村卫生室", "所属镇街": "甲镇",
                   "数量": 1, "一体化管理": "是", "启用日期": "2020-01-01"} for i in range(6)]
    staff = [{"机构编码": f"F{i % 6}", "姓名": f"人{i}", "人数": 1, "编制类型": "编外", "招聘方式": "镇聘村用",
              "到岗日期": dt.date(2024, 1 + i % 12, 1)} for i in range(30)]
    staff[4] = {}   # a blank row inside the table
    return sheets({"预算年度": 2025, "政策标准": "wendeng"}, facilities, staff)


def _same(incremental: Outcome, whole: Outcome) -> None:
    assert incremental.problems == whole.problems
    assert incremental.totals == whole.totals
    for name, read in whole.tables.items():
        mine = incremental.tables[name]
        assert (mine.frame is None) == (read.frame is None), name
        if read.frame is not None:
            assert mine.frame is not None
            pd.testing.assert_frame_equal(mine.frame, read.frame, check_exact=True)


values = st.sampled_from(["", " ", "abc", -1, 0, 1, 1.5, 2.0, True, False, "是", "否", "Y", "２", "1,000",
                          "2025-03-01", "2025年3月1日", "1000-01-01", dt.date(2025, 6, 1), dt.datetime(2024, 7, 9),
                          10 ** 8, "村卫生室", "编外", "F1", "F9", "乙镇", "=1+1"])


@st.composite
def edits(draw: Any) -> list[SetCells | InsertRows | RemoveRows]:
    out: list[SetCells | InsertRows | RemoveRows] = []
    for _ in range(draw(st.integers(1, 6))):
        sheet, width, height = draw(st.sampled_from([(vocab.SHEET_STAFF, len(STAFF_HEADERS), 31),
                                                     (vocab.SHEET_FACILITIES, len(FACILITY_HEADERS), 7)]))
        kind = draw(st.sampled_from(["cells", "cells", "cells", "insert", "remove"]))
        if kind == "cells":
            changed = draw(st.lists(st.tuples(st.integers(1, height - 1), st.integers(0, width - 1), values),
                                    min_size=1, max_size=4))
            out.append(SetCells(sheet, tuple(changed)))
        elif kind == "insert":
            out.append(InsertRows(sheet, ((draw(st.integers(1, height)), editing.blank_row(sheet)),)))
        else:
            out.append(RemoveRows(sheet, (draw(st.integers(1, height - 2)),)))
    return out


@given(edits())
def test_a_chain_of_edits_read_from_the_last_read_equals_whole_reads(chain: list[Any]) -> None:
    book = _book()
    outcome = evaluate(book, CATALOGUE)
    for book in each_edit(book, chain):
        outcome = evaluate(book, CATALOGUE, previous=outcome)
        _same(outcome, evaluate(book, CATALOGUE))


def test_one_typed_cell_parses_one_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    book = _book()
    before = evaluate(book, CATALOGUE)
    parsed: list[int] = []
    real = cells.Cells.of.__func__   # type: ignore[attr-defined]
    monkeypatch.setattr(cells.Cells, "of", classmethod(lambda cls, raw: parsed.append(len(raw)) or real(cls, raw)))
    column = STAFF_HEADERS.index("人数")
    book, _ = editing.apply(book, SetCells(vocab.SHEET_STAFF, ((3, column, 4),)))
    after = evaluate(book, CATALOGUE, previous=before)
    assert parsed == [1]
    monkeypatch.undo()
    _same(after, evaluate(book, CATALOGUE))
    assert after.totals is not None and before.totals is not None
    post = "wendeng.village_post_subsidy"   # three more persons all year (其中 of the clinic fund)
    assert after.totals.groups["standard_id"][post] - before.totals.groups["standard_id"][post] == 3 * 20_000 * 12


def test_a_cell_made_invalid_then_valid_again_reports_and_clears_its_problem() -> None:
    book = _book()
    outcome = evaluate(book, CATALOGUE)
    column = STAFF_HEADERS.index("人数")
    book, _ = editing.apply(book, SetCells(vocab.SHEET_STAFF, ((6, column, "两"),)))
    outcome = evaluate(book, CATALOGUE, previous=outcome)
    assert [(p.code, p.sheet, p.row, p.column) for p in outcome.problems] == [
        ("not_a_number", vocab.SHEET_STAFF, 7, "人数")]
    assert outcome.result is None
    book, _ = editing.apply(book, SetCells(vocab.SHEET_STAFF, ((6, column, 2),)))
    outcome = evaluate(book, CATALOGUE, previous=outcome)
    assert not errors(outcome.problems) and outcome.result is not None


def test_a_blank_row_filled_in_joins_the_table_in_its_place() -> None:
    book = _book()
    outcome = evaluate(book, CATALOGUE)
    fill = tuple((4, STAFF_HEADERS.index(h), v) for h, v in
                 (("机构编码", "F0"), ("人数", 1), ("编制类型", "编外"), ("驻村", "是"), ("到岗日期", "2025-01-01")))
    book, _ = editing.apply(book, SetCells(vocab.SHEET_STAFF, fill))
    outcome = evaluate(book, CATALOGUE, previous=outcome)
    rows = outcome.tables[vocab.SHEET_STAFF].frame
    assert rows is not None and rows["row"].tolist() == sorted(rows["row"].tolist()) and 5 in rows["row"].tolist()
    _same(outcome, evaluate(book, CATALOGUE))


def test_a_read_of_another_book_is_not_reused() -> None:
    first = evaluate(_book(), CATALOGUE)
    other = _book()
    other[vocab.SHEET_STAFF][1][STAFF_HEADERS.index("人数")] = 9
    _same(evaluate(other, CATALOGUE, previous=first), evaluate(other, CATALOGUE))


def test_the_staff_codes_are_looked_up_again_only_when_a_code_column_changed() -> None:
    book = _book()
    before = evaluate(book, CATALOGUE)
    count, code = STAFF_HEADERS.index("人数"), STAFF_HEADERS.index("机构编码")
    book, _ = editing.apply(book, SetCells(vocab.SHEET_STAFF, ((3, count, 4),)))
    after = evaluate(book, CATALOGUE, previous=before)
    assert after.tables[vocab.SHEET_STAFF].checked is before.tables[vocab.SHEET_STAFF].checked
    book, _ = editing.apply(book, SetCells(vocab.SHEET_STAFF, ((3, code, "无此机构"),)))
    after = evaluate(book, CATALOGUE, previous=after)
    assert [(p.code, p.row) for p in after.problems if p.code == "unknown_facility"] == [("unknown_facility", 4)]
    _same(after, evaluate(book, CATALOGUE))
