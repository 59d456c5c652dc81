"""Edits as pure transforms, pasting from Excel/WPS, sort/filter orders, storing a book."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcalc.base.problems import Problem
from budgetcalc.compute.engine import compute
from budgetcalc.inputs import editing
from budgetcalc.inputs.cells import cell_text
from budgetcalc.inputs.reader import load_sheets, read_sheets
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue, merge_catalogues
from budgetcalc.scenarios import drafts
from budgetcalc.scenarios.file import load_scenario
from tests.conftest import EXAMPLES

FAC = vocab.SHEET_FACILITIES
STAFF = vocab.SHEET_STAFF


def book_with_facilities(*codes: str) -> editing.Book:
    book = editing.new_book("nanxun", 2025)
    book[FAC] += [[c, f"名{c}", "村卫生室", "甲镇", *[""] * (len(vocab.FACILITY_COLUMNS) - 4)] for c in codes]
    return book


# ------------------------------------------------------------------ apply and inverse


def test_set_cells_returns_new_book_and_inverse_restores_it() -> None:
    book = book_with_facilities("A", "B")
    new, inverse = editing.apply(book, editing.SetCells(FAC, ((1, 0, "X"), (2, 4, 3))))
    assert new[FAC][1][0] == "X" and new[FAC][2][4] == 3
    assert book[FAC][1][0] == "A", "the given book is never changed"
    back, _ = editing.apply(new, inverse)
    assert back == book


def test_set_cells_pads_short_rows_from_workbooks() -> None:
    book = {FAC: [["机构编码"], ["A"]]}
    new, inverse = editing.apply(book, editing.SetCells(FAC, ((1, 3, "x"),)))
    assert new[FAC][1] == ["A", "", "", "x"]
    assert editing.apply(new, inverse)[0][FAC][1][3] == ""


def test_same_cell_twice_in_one_edit_undoes_to_the_first_value() -> None:
    book = book_with_facilities("A")
    new, inverse = editing.apply(book, editing.SetCells(FAC, ((1, 0, "X"), (1, 0, "Y"))))
    assert new[FAC][1][0] == "Y"
    assert editing.apply(new, inverse)[0] == book


def test_remove_insert_and_duplicate_round_trip() -> None:
    book = book_with_facilities("A", "B", "C", "D")
    removed, inverse = editing.apply(book, editing.remove(FAC, [3, 1]))
    assert [r[0] for r in removed[FAC][1:]] == ["B", "D"]
    assert editing.apply(removed, inverse)[0] == book
    dup, inverse = editing.apply(book, editing.duplicate(book, FAC, [2, 1]))
    assert [r[0] for r in dup[FAC][1:]] == ["A", "B", "A", "B", "C", "D"]
    assert editing.apply(dup, inverse)[0] == book
    blank, _ = editing.apply(book, editing.insert_blank(book, FAC, 99, 2))
    assert blank[FAC][-2:] == [list(editing.blank_row(FAC))] * 2


def test_header_row_cannot_be_edited_or_removed() -> None:
    book = book_with_facilities("A")
    with pytest.raises(IndexError):
        editing.apply(book, editing.SetCells(FAC, ((0, 0, "x"),)))
    with pytest.raises(IndexError):
        editing.apply(book, editing.RemoveRows(FAC, (0,)))


def test_macro_is_undone_as_one_in_reverse_order() -> None:
    book = book_with_facilities("A")
    macro = editing.Macro((editing.insert_blank(book, FAC, 2), editing.SetCells(FAC, ((2, 0, "N"),))))
    new, inverse = editing.apply(book, macro)
    assert [r[0] for r in new[FAC][1:]] == ["A", "N"]
    assert editing.apply(new, inverse)[0] == book
    assert editing.sheets_of(macro) == {FAC} and editing.is_structural(macro)
    assert not editing.is_structural(editing.SetCells(FAC, ()))


@given(st.lists(st.tuples(st.integers(1, 4), st.integers(0, 9), st.text(max_size=3)), max_size=12))
def test_any_cell_edit_is_undone_exactly(cells: list[tuple[int, int, str]]) -> None:
    book = book_with_facilities("A", "B", "C", "D")
    new, inverse = editing.apply(book, editing.SetCells(FAC, tuple(cells)))
    assert editing.apply(new, inverse)[0] == book


# ------------------------------------------------------------------ settings and overrides


def test_settings_rows_are_fixed_and_read_back_by_the_reader(catalogue: Catalogue) -> None:
    book = editing.new_book("xx_talent", 2025)
    book, _ = editing.apply(book, editing.set_setting(vocab.SETTING_BASELINE, "100,000"))
    book, _ = editing.apply(book, editing.set_setting("绩效总量档位", "140%"))
    assert editing.setting_value(book, vocab.SETTING_YEAR) == 2025
    read = read_sheets(book, catalogue)
    by_item = editing.setting_problems(read.problems)
    assert [p.code for p in by_item["绩效总量档位"]] == ["band_out_of_range"]


def test_overrides_are_set_changed_and_removed(catalogue: Catalogue) -> None:
    book = editing.new_book("wendeng", 2025)
    sid = "wendeng.village_clinic_operation"
    book, _ = editing.apply(book, editing.set_override(book, sid, "20000", "县里提标"))
    assert editing.overrides_of(book) == {sid: (1, "20000", "县里提标")}
    book, _ = editing.apply(book, editing.set_override(book, sid, "22000", "再提标"))
    assert editing.overrides_of(book)[sid][1:] == ("22000", "再提标")
    read = read_sheets(book, catalogue)
    assert read.ok and read.scenario.overrides[0].value == Decimal("22000")
    removal = editing.remove_override(book, sid)
    assert removal is not None
    book, _ = editing.apply(book, removal)
    assert editing.overrides_of(book) == {} and editing.remove_override(book, sid) is None


# ------------------------------------------------------------------ importing a workbook


@pytest.mark.parametrize("case", sorted(p.name for p in EXAMPLES.glob("*.xlsx")))
def test_canonical_book_gives_the_same_figures_as_the_workbook(case: str, catalogue: Catalogue) -> None:
    raw = load_sheets(EXAMPLES / case)
    book, notes = editing.canonical_book(raw)
    assert notes == []
    direct, canonical = read_sheets(raw, catalogue), read_sheets(book, catalogue)
    assert direct.ok and canonical.ok
    assert compute(canonical.scenario, catalogue).total_fen == compute(direct.scenario, catalogue).total_fen
    assert [len(r) for r in book[FAC]] == [len(vocab.FACILITY_COLUMNS)] * len(book[FAC])


def test_canonical_book_moves_columns_drops_titles_and_reports_missing_headers() -> None:
    raw = {
        "参数": [["项目", "值"], ["预算年度", 2025], ["政策标准", "nanxun"], ["未知", 1]],
        "机构": [["某县机构表"], [], ["备注", "机构类型", " 机构编码 "], ["x", "村卫生室", "C1"], ["", "", ""]],
        "人员": [["姓名"], ["张三"]],
    }
    book, notes = editing.canonical_book(raw)
    assert book[FAC][1][:3] == ["C1", "", "村卫生室"] and len(book[FAC]) == 2
    assert editing.setting_value(book, vocab.SETTING_PROFILE) == "nanxun"
    assert {(p.code, p.sheet, p.column) for p in notes} == {
        ("header_missing", STAFF, "机构编码"), ("header_missing", STAFF, "编制类型")}
    assert [r[1] for r in book[STAFF][1:]] == ["张三"]


# ------------------------------------------------------------------ paste


def test_parse_clipboard_handles_excel_and_wps_text() -> None:
    excel = 'A1\t"two\r\nlines"\t3\r\nB1\t"say ""hi"""\t\r\n'
    assert editing.parse_clipboard(excel) == [["A1", "two\r\nlines", "3"], ["B1", 'say "hi"', ""]]
    assert editing.parse_clipboard("x\ny\n") == [["x"], ["y"]]
    assert editing.parse_clipboard("only") == [["only"]]
    assert editing.parse_clipboard("a\n\nb") == [["a"], [""], ["b"]]
    assert editing.parse_clipboard("") == []


def test_clipboard_round_trip() -> None:
    rows = [["a", "b\tc"], ['q"x', "line\nbreak"]]
    assert editing.parse_clipboard(editing.to_clipboard(rows)) == rows


@pytest.mark.parametrize(("text", "kind", "want"), [
    ("1,234", "count", "1234"), ("１２３", "count", "123"), (" ¥1,234.50 ", "number", "1234.50"),
    ("￥８００元", "number", "800"), ("十二", "count", "十二"), ("１２０％", "percent", "120%"),
    ("２０２５－０３－０１", "date", "2025-03-01"), ("村卫生室 ", "enum", "村卫生室"), (" 001 ", "text", "001"),
])
def test_clean_cell(text: str, kind: vocab.ValueKind, want: str) -> None:
    assert editing.clean_cell(text, kind) == want


def test_paste_writes_block_extends_rows_and_is_one_undo(catalogue: Catalogue) -> None:
    book = book_with_facilities("A")
    block = editing.parse_clipboard("B\t乙\t村卫生室\t甲镇\t1,200\r\n"
                                    "C\t丙\t诊所\t甲镇\t２\r\n"
                                    "D\t丁\t村卫生室\t\t3\tx\tx\tx\tx\tx\tx\tx\r\n")
    edit = editing.paste(book, FAC, [1], 0, block)
    new, inverse = editing.apply(book, edit)
    assert [r[0] for r in new[FAC][1:]] == ["B", "C", "D"]
    assert new[FAC][1][4] == "1200" and new[FAC][2][4] == "2"
    assert all(len(r) == len(vocab.FACILITY_COLUMNS) for r in new[FAC])
    assert editing.apply(new, inverse)[0] == book
    problems = read_sheets(new, catalogue).problems
    assert [(p.code, p.row, p.column) for p in problems if p.sheet == FAC] == [
        ("not_in_choices", 3, "机构类型"), ("not_bool", 4, "一体化管理"), ("not_bool", 4, "新增"),
        ("not_bool", 4, "合署办公本部"), ("not_a_date", 4, "启用日期"), ("not_a_date", 4, "停用日期"), ("not_a_number", 4, "服务人口"),
        ("unknown_grade", 4, "考核等次")]
    cells = editing.problem_cells(problems, FAC)
    assert cells[(2, 2)][0].code == "not_in_choices"


def test_paste_into_sorted_rows_and_fill_of_a_selection() -> None:
    book = book_with_facilities("A", "B", "C")
    new, _ = editing.apply(book, editing.paste(book, FAC, [3, 1], 4, [["5"], ["6"]]))
    assert (new[FAC][3][4], new[FAC][1][4]) == ("5", "6")
    new, _ = editing.apply(book, editing.fill(FAC, [(1, 4), (2, 4)], "１,０００"))
    assert new[FAC][1][4] == new[FAC][2][4] == "1000"


def test_overwriting_whole_rows_clears_their_other_cells_and_insert_changes_no_row() -> None:
    book = book_with_facilities("A", "B")
    filled = editing.apply(book, editing.SetCells(FAC, ((1, 4, "3"), (1, 8, "2024-01-01"), (2, 4, "9"))))[0]
    assert editing.holds_data(filled, FAC, [1]) and not editing.holds_data(editing.new_book("", 0), FAC, [1])
    block = [["X", "新"], ["Y", "又"]]
    replaced, undo = editing.apply(filled, editing.paste(filled, FAC, [1, 2], 0, block, replace_rows=True))
    assert [r[:2] for r in replaced[FAC][1:]] == [["X", "新"], ["Y", "又"]]
    assert all(editing.display_text(v) == "" for r in replaced[FAC][1:] for v in r[2:])  # nothing of A or B is left
    assert editing.apply(replaced, undo)[0] == filled
    # without 覆盖, or from a later column, the rest of each row stays
    kept = editing.apply(filled, editing.paste(filled, FAC, [1], 0, [["X"]]))[0]
    assert kept[FAC][1][4] == "3"
    edited = editing.apply(filled, editing.paste(filled, FAC, [1], 4, [["5"]], replace_rows=True))[0]
    assert edited[FAC][1][:1] == ["A"] and edited[FAC][1][4] == "5" and edited[FAC][1][8] == "2024-01-01"

    inserted = editing.apply(filled, editing.paste_as_rows(filled, FAC, 2, 0, [["N", "１,２"]]))[0]
    assert [r[0] for r in inserted[FAC][1:]] == ["A", "N", "B"]
    assert inserted[FAC][1] == filled[FAC][1] and inserted[FAC][3] == filled[FAC][2]
    assert inserted[FAC][2][:2] == ["N", "１,２"] and len(inserted[FAC][2]) == len(vocab.FACILITY_COLUMNS)


# ------------------------------------------------------------------ display, sort, filter


@pytest.mark.parametrize("value", [None, "", " a ", 1001.0, 2.5, 0.1 + 0.2, float("nan"), True, False, 7,
                                   dt.date(2025, 3, 1), dt.datetime(2025, 3, 1), dt.datetime(2025, 3, 1, 8, 30)])
def test_display_text_is_the_readers_cell_text(value: object) -> None:
    assert editing.display_text(value) == cell_text(value)


def test_cell_display_groups_thousands_for_numbers_only() -> None:
    assert editing.cell_display(34000.0, "count") == "34,000"
    assert editing.cell_display("1234567.25", "number") == "1,234,567.25"
    assert editing.cell_display("abc", "count") == "abc"
    assert editing.cell_display("NX-0001", "text") == "NX-0001"
    assert editing.cell_display(True, "count") == "TRUE"


def test_sort_order_by_kind_with_blanks_last() -> None:
    rows: list[list[object]] = [["h"], ["10"], [""], [9.0], ["x"], ["1,000"]]
    assert editing.sort_order(rows, range(1, 6), 0, "count") == [3, 1, 5, 4, 2]
    assert editing.sort_order(rows, range(1, 6), 0, "count", descending=True) == [5, 1, 3, 4, 2]
    dates: list[list[object]] = [["h"], ["2025/3/1"], [dt.date(2024, 1, 1)], [""], ["2025年1月9日"]]
    assert editing.sort_order(dates, [1, 2, 3, 4], 0, "date") == [2, 4, 1, 3]


def test_filter_rows_ignores_case_and_full_width() -> None:
    rows: list[list[object]] = [["h"], ["NX-01", "南浔镇"], ["nx-02", "练市镇"], ["X", 34000.0], ["ＮＸ－０３", None]]
    assert editing.filter_rows(rows, "ＮＸ") == [1, 2, 4]
    assert editing.filter_rows(rows, "nx-0") == [1, 2, 4]
    assert editing.filter_rows(rows, "练市") == [2]
    assert editing.filter_rows(rows, "34000") == [3]
    assert editing.filter_rows(rows, "  ") == [1, 2, 3, 4]
    assert editing.filter_rows(rows, "nx-02", within=[2, 3]) == [2]  # typing on narrows the last result


def test_sort_order_reads_workbook_dates_and_datetimes_alike() -> None:
    rows: list[list[object]] = [["h"], [dt.datetime(2025, 1, 2)], [dt.date(2024, 5, 1)], ["2025/1/1"], ["不详"]]
    assert editing.sort_order(rows, range(1, 5), 0, "date") == [2, 3, 1, 4]
    assert editing.sort_order(rows, range(1, 5), 0, "date", descending=True) == [1, 3, 2, 4]


def test_date_and_number_values() -> None:
    assert editing.date_value("2025年3月1日") == dt.date(2025, 3, 1)
    assert editing.date_value("2025-02-30") is None and editing.date_value("") is None
    assert editing.number_value("¥1,234.5") == Decimal("1234.5") and editing.number_value(True) is None


# ------------------------------------------------------------------ storing


def test_book_json_round_trip_keeps_dates_as_text_the_reader_reads(catalogue: Catalogue) -> None:
    raw = load_sheets(EXAMPLES / "nanxun-2025.xlsx")
    book, _ = editing.canonical_book(raw)
    back = editing.book_from_json(json.loads(json.dumps(editing.book_to_json(book), ensure_ascii=False)))
    first, second = read_sheets(book, catalogue), read_sheets(back, catalogue)
    assert compute(second.scenario, catalogue).total_fen == compute(first.scenario, catalogue).total_fen


@pytest.mark.parametrize("bad", [[], {"机构": "x"}, {"机构": [[{"a": 1}]]}, {"机构": ["row"]}])
def test_book_from_json_refuses_anything_but_rows_of_scalars(bad: object) -> None:
    with pytest.raises(ValueError):
        editing.book_from_json(bad)


def test_a_draft_with_errors_is_saved_and_reopened_with_its_problems(tmp_path: Path, catalogue: Catalogue) -> None:
    book = book_with_facilities("A", "A")
    path = drafts.save_book(tmp_path / "草稿.bcs.json", book, catalogue)
    opened = load_scenario(path, catalogue)
    assert not opened.read.ok and {p.code for p in opened.read.problems} == {"duplicate_code"}
    assert opened.version == 1 and opened.sheets[FAC] == book[FAC]
    with pytest.raises(KeyError):
        drafts.save_book(tmp_path / "x.bcs.json", editing.new_book("nowhere", 2025), catalogue)


def test_merge_catalogues_prefers_stored_standards(catalogue: Catalogue) -> None:
    stored = Catalogue((catalogue.profile("nanxun"),))
    merged = merge_catalogues(stored, catalogue)
    assert merged.ids[0] == "nanxun" and sorted(merged.ids) == sorted(catalogue.ids)


def test_problem_cells_ignore_other_sheets_and_header_rows() -> None:
    problems = [Problem("required", FAC, 3, "机构类型"), Problem("header_missing", FAC, 1, "机构类型"),
                Problem("required", STAFF, 3, "编制类型"), Problem("sheet_missing", FAC)]
    assert list(editing.problem_cells(problems, FAC)) == [(2, 2)]
