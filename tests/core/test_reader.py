"""Reading the input workbook: value forms, and bad input refused with every problem named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from budgetcalc.cli import main
from budgetcalc.inputs.reader import read_sheets, read_workbook
from budgetcalc.rules.catalogue import Catalogue
from tests.builders import sheets, write_xlsx
from tests.conftest import EXAMPLES

GOOD_SETTINGS = {"预算年度": 2025, "政策标准": "wendeng"}
CLINIC = {"机构编码": "C1", "机构类型": "村卫生室", "一体化管理": "是"}


def bad_book() -> dict[str, list[list[object]]]:
    return sheets(
        {"政策标准": "wendeng", "编制单位": "某区财政局"},             # 预算年度 missing
        [
            {"机构编码": "C1", "机构类型": "村卫生室", "数量": -3},     # row 2: negative count
            {"机构编码": "C2", "机构类型": "卫生所"},                    # row 3: unknown facility type
            {"机构编码": "C3", "机构类型": "村卫生室", "数量": "三十"},  # row 4: text in a number column
            {"机构编码": "C4", "机构类型": "村卫生室", "启用日期": "2025-02-30"},  # row 5: impossible date
        ],
        [
            {"机构编码": "C1", "编制类型": "乡村医生"},
            {"机构编码": "X9", "编制类型": "乡村医生"},                  # row 3: unknown facility code
        ],
    )


EXPECTED_PROBLEMS = {
    ("参数", None, "预算年度", "required"),
    ("机构", 2, "数量", "negative"),
    ("机构", 3, "机构类型", "not_in_choices"),
    ("机构", 4, "数量", "not_a_number"),
    ("机构", 5, "启用日期", "not_a_date"),
    ("人员", 3, "机构编码", "unknown_facility"),
}


def test_every_problem_is_named_at_once(catalogue: Catalogue) -> None:
    result = read_sheets(bad_book(), catalogue)
    assert result.scenario is None
    assert {(p.sheet, p.row, p.column, p.code) for p in result.problems} == EXPECTED_PROBLEMS
    by_code = {p.code: p for p in result.problems}
    assert by_code["negative"].value == "-3"
    assert by_code["not_a_number"].value == "三十"
    assert by_code["not_a_date"].value == "2025-02-30"
    assert "村卫生室" in by_code["not_in_choices"].expected
    assert by_code["unknown_facility"].value == "X9"


def test_compute_refuses_bad_workbook_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = write_xlsx(tmp_path / "bad.xlsx", bad_book())
    before = book.read_bytes()
    out = tmp_path / "out.json"
    assert main(["compute", str(book), "--json", "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [book]  # no temporary file left either
    assert book.read_bytes() == before
    for needle in ("预算年度", "第2行 [数量]", "-3", "卫生所", "三十", "2025-02-30", "X9", "第3行"):
        assert needle in captured.err, needle
    assert len([ln for ln in captured.err.splitlines() if "：" in ln]) >= 6


def test_validate_lists_problems_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = write_xlsx(tmp_path / "bad.xlsx", bad_book())
    assert main(["validate", str(book)]) == 1
    assert "共 6 个错误" in capsys.readouterr().out
    assert main(["validate", str(EXAMPLES / "nanxun-2025.xlsx")]) == 0
    assert capsys.readouterr().out.strip() == "未发现问题"


def test_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = write_xlsx(tmp_path / "bad.xlsx", bad_book())
    assert main(["--lang", "en", "validate", str(book)]) == 1
    out = capsys.readouterr().out
    assert "row 2 [数量]" in out and "must not be negative" in out and "6 error(s)" in out


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "not.xlsx"
    fake.write_text("hello", "utf-8")
    assert main(["compute", str(fake)]) == 2
    assert "无法读取文件" in capsys.readouterr().err


@pytest.mark.parametrize("yes", ["是", "Y", "y", "TRUE", True, 1, "1", "√"])
def test_yes_forms(catalogue: Catalogue, yes: object) -> None:
    read = read_sheets(sheets(GOOD_SETTINGS, [{**CLINIC, "一体化管理": yes}]), catalogue)
    assert read.scenario is not None and bool(read.scenario.facilities["integrated"].iloc[0])


@pytest.mark.parametrize("no", ["否", "N", "FALSE", False, 0, "0", ""])
def test_no_forms(catalogue: Catalogue, no: object) -> None:
    read = read_sheets(sheets(GOOD_SETTINGS, [{**CLINIC, "一体化管理": no}]), catalogue)
    assert read.scenario is not None and not bool(read.scenario.facilities["integrated"].iloc[0])


@pytest.mark.parametrize("value", [dt.date(2025, 3, 1), dt.datetime(2025, 3, 1), "2025-03-01", "2025/3/1",
                                   "2025年3月1日", "２０２５－０３－０１", " 2025-3-1 "])
def test_date_forms(catalogue: Catalogue, value: object) -> None:
    read = read_sheets(sheets(GOOD_SETTINGS, [{**CLINIC, "启用日期": value}]), catalogue)
    assert read.scenario is not None
    assert read.scenario.facilities["start_date"].iloc[0] == dt.datetime(2025, 3, 1)


@pytest.mark.parametrize("value", ["2025-13-01", "2025/02/29", "昨天", 45000, "2025.3"])
def test_bad_dates(catalogue: Catalogue, value: object) -> None:
    read = read_sheets(sheets(GOOD_SETTINGS, [{**CLINIC, "启用日期": value}]), catalogue)
    assert [p.code for p in read.problems] == ["not_a_date"]


@pytest.mark.parametrize(("value", "count"), [(30, 30), (30.0, 30), ("1,200", 1200), ("３０", 30), ("", 1)])
def test_count_forms(catalogue: Catalogue, value: object, count: int) -> None:
    read = read_sheets(sheets(GOOD_SETTINGS, [{**CLINIC, "数量": value}]), catalogue)
    assert read.scenario is not None and int(read.scenario.facilities["count"].iloc[0]) == count


@pytest.mark.parametrize(("value", "code"), [(2.5, "not_whole"), ("-1", "negative"), (True, "not_a_number"),
                                             (10**9, "too_large")])
def test_bad_counts(catalogue: Catalogue, value: object, code: str) -> None:
    read = read_sheets(sheets(GOOD_SETTINGS, [{**CLINIC, "数量": value}]), catalogue)
    assert [p.code for p in read.problems] == [code]


@pytest.mark.parametrize(("value", "point"), [("110%", "110"), (1.1, "110"), ("1.1", "110"), (110, "110"),
                                              ("112.5%", "112.5"), (1.125, "112.5")])
def test_percent_forms(catalogue: Catalogue, value: object, point: str) -> None:
    settings = {"预算年度": 2025, "政策标准": "xx_talent", "绩效工资基准线": 100000, "绩效总量档位": value}
    read = read_sheets(sheets(settings), catalogue)
    assert read.scenario is not None
    assert str(read.scenario.settings.band_point("绩效总量档位")) == point


def test_headers_tolerate_spaces_and_fullwidth_brackets_and_extra_columns(catalogue: Catalogue) -> None:
    book = sheets(GOOD_SETTINGS, [CLINIC])
    book["机构"][0] = [f" {h} " for h in book["机构"][0]] + ["备注（自用）"]
    book["机构"][1] = book["机构"][1] + ["随便写"]
    read = read_sheets(book, catalogue)
    assert read.scenario is not None and len(read.scenario.facilities) == 1


def test_missing_sheet_and_missing_header(catalogue: Catalogue) -> None:
    book = sheets(GOOD_SETTINGS, [CLINIC])
    del book["人员"]
    book["机构"][0][2] = "类型"
    read = read_sheets(book, catalogue)
    assert {(p.code, p.sheet, p.column) for p in read.problems} == {
        ("sheet_missing", "人员", ""), ("header_missing", "机构", "机构类型"), ("header_resembles", "机构", "类型")}


def test_blank_rows_are_skipped_and_row_numbers_stay_excel_rows(catalogue: Catalogue) -> None:
    book = sheets(GOOD_SETTINGS, [CLINIC, {}, {"机构编码": "C2", "机构类型": "错"}])
    read = read_sheets(book, catalogue)
    assert [(p.row, p.code) for p in read.problems] == [(4, "not_in_choices")]


def test_duplicate_facility_code(catalogue: Catalogue) -> None:
    read = read_sheets(sheets(GOOD_SETTINGS, [CLINIC, CLINIC]), catalogue)
    assert [(p.code, p.row) for p in read.problems] == [("duplicate_code", 2), ("duplicate_code", 3)]


def test_end_before_start(catalogue: Catalogue) -> None:
    read = read_sheets(sheets(GOOD_SETTINGS, [{**CLINIC, "启用日期": "2025-05-01", "停用日期": "2025-04-01"}]),
                       catalogue)
    assert [p.code for p in read.problems] == ["end_before_start"]


def test_override_problems(catalogue: Catalogue) -> None:
    read = read_sheets(sheets(GOOD_SETTINGS, [CLINIC], overrides=[
        {"标准编号": "wendeng.no_such", "标准值": 1},
        {"标准编号": "wendeng.village_clinic_operation", "标准值": "1.005"},
        {"标准编号": "wendeng.village_post_subsidy", "标准值": "-5"},
        {"标准编号": "wendeng.training_quotas", "标准值": "2"},
    ]), catalogue)
    assert [(p.row, p.code) for p in read.problems] == [
        (2, "unknown_standard"), (3, "sub_fen"), (4, "negative"), (5, "override_kind")]


def test_unknown_profile_and_year_range(catalogue: Catalogue) -> None:
    read = read_sheets(sheets({"预算年度": 1999, "政策标准": "beijing"}), catalogue)
    assert {p.code for p in read.problems} == {"year_out_of_range", "unknown_profile"}


def test_unknown_setting_is_only_a_warning(catalogue: Catalogue) -> None:
    read = read_sheets(sheets({**GOOD_SETTINGS, "备注": "x"}, [CLINIC]), catalogue)
    assert read.scenario is not None
    assert [(p.code, p.severity) for p in read.problems] == [("unknown_setting", "warning")]


def test_example_workbooks_read_without_problems(catalogue: Catalogue) -> None:
    for path in sorted(EXAMPLES.glob("*.xlsx")):
        result = read_workbook(path, catalogue)
        assert result.scenario is not None and result.problems == (), path
