"""Scenario comparison: differences to the fen, and what caused them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

from budgetcalc.cli import main
from budgetcalc.compare import compare, default_names, percent
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import read_sheets, read_workbook
from budgetcalc.report.comparison import format_percent_change
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.scenarios.file import save_scenario
from budgetcalc.scenarios.opening import load_results
from budgetcalc.sheets.charts import category_bars, save_figure, waterfall
from tests.builders import sheets
from tests.conftest import EXAMPLES
from tests.core.test_properties import books, result_of

WENDENG = str(EXAMPLES / "wendeng-2025.xlsx")
RAISED = str(EXAMPLES / "wendeng-2025-raised.xlsx")


def test_raised_standards_cost_exactly_60000_yuan_attributed_to_the_rate(capsys: pytest.CaptureFixture[str]) -> None:
    """The post subsidy is drawn from the clinic fund: its +4,500 shows on its row, not in the total."""
    assert main(["compare", WENDENG, RAISED, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["totals_fen"] == [30000000, 36000000]
    assert got["delta_fen"] == [0, 6000000]
    assert got["by_standard"]["wendeng.village_clinic_operation"] == [30000000, 36000000]
    assert got["by_standard"]["wendeng.village_post_subsidy"] == [1800000, 2250000]
    causes = {s["standard_id"]: s["causes"][1] for s in got["standards"] if s["causes"][1]}
    assert causes == {"wendeng.village_clinic_operation": {"rate": 6000000},
                      "wendeng.village_post_subsidy": {"rate": 450000}}
    in_total = {s["standard_id"]: s["in_total"] for s in got["standards"]}
    assert in_total["wendeng.village_post_subsidy"] is False and in_total["wendeng.village_clinic_operation"]
    assert got["total_causes"][1] == {"rate": 6000000}
    assert got["same_basis"] is True


def test_text_output_names_the_cause(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", WENDENG, RAISED, "--names", "现行,提标"]) == 0
    out = capsys.readouterr().out
    assert "60,000.00" in out and "合计：标准变化 +60,000.00 元" in out
    assert "其中：村卫生室岗位补贴：标准变化：200→250 元/人·月（提标方案） +4,500.00 元" in out
    assert "64,500.00" not in out


def test_different_years_say_so_and_months_explain_the_difference(tmp_path: Path, catalogue: Catalogue,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    scenario = read_workbook(WENDENG, catalogue).scenario
    assert scenario is not None
    later = save_scenario(tmp_path / "2026.bcs.json", scenario.with_settings(year=2026), catalogue)
    assert main(["compare", WENDENG, str(later), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["same_basis"] is False and "2026年度" in got["basis_note"]
    post = next(s for s in got["standards"] if s["standard_id"] == "wendeng.village_post_subsidy")
    # the two 镇聘村用 persons from 2025-04 count 12 months in 2026: 2 × 200 × 3 months
    assert post["causes"][1] == {"months": 120000}


def test_different_profiles_show_added_and_removed_standards(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", WENDENG, str(EXAMPLES / "nanxun-2025.xlsx"), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    status = {s["standard_id"]: s["status"][1] for s in got["standards"]}
    assert status["wendeng.village_clinic_operation"] == "removed"
    assert status["nanxun.mobile_clinic_operation"] == "added"
    assert got["delta_fen"][1] == 54950000 - 30000000
    assert "注意" in got["basis_note"]


def _run(catalogue: Catalogue, facilities: list[dict[str, object]], staff: list[dict[str, object]]) -> Result:
    read = read_sheets(sheets({"预算年度": 2025, "政策标准": "wendeng"}, facilities, staff), catalogue)
    assert read.scenario is not None
    return compute(read.scenario, catalogue)


def test_count_and_new_rows_are_told_apart(catalogue: Catalogue) -> None:
    clinic = {"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是", "数量": 10}
    doctor = {"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "镇聘村用", "人数": 2}
    base = _run(catalogue, [clinic], [doctor])
    more = _run(catalogue, [{**clinic, "数量": 12}], [doctor, {**doctor, "人数": 1, "到岗日期": "2025-07-01"}])
    rows = {r.standard_id: r for r in compare([base, more], ["a", "b"]).standards}
    assert rows["wendeng.village_clinic_operation"].causes[1] == {"count": 2 * 10000_00}
    assert rows["wendeng.village_post_subsidy"].causes[1] == {"added_rows": 6 * 200_00}


def test_two_to_six_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", WENDENG]) == 2
    assert main(["compare", *[WENDENG] * 7]) == 2
    assert main(["compare", *[WENDENG] * 6, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["delta_fen"] == [0] * 6


def test_bad_input_is_refused_and_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("nope", "utf-8")
    out = tmp_path / "cmp.png"
    assert main(["compare", WENDENG, str(bad), "-o", str(out)]) == 2
    assert not out.exists() and capsys.readouterr().out == ""


@given(books())
def test_causes_add_up_to_the_difference(book: dict[str, object]) -> None:
    doubled = {**book,
               "facilities": [{**f, "数量": 2 * int(f["数量"])} for f in book["facilities"]],  # type: ignore[attr-defined]
               "staff": [{**s, "人数": 2 * int(s["人数"]) + 1} for s in book["staff"][1:]]}  # type: ignore[index]
    """Same standards, other counts (and rows shifted by one): no rate effect may appear, and what is left
    to rounding is at most half a fen per line rounded (each line of both scenarios, each cause once)."""
    before, after = result_of(book), result_of(doubled)
    comparison = compare([before, after], ["a", "b"])
    for row in comparison.standards:
        causes = row.causes[1]
        assert "rate" not in causes, causes
        assert sum(causes.values()) == row.delta_fen(1)
        rounded = sum(int((r.lines["standard_id"] == row.standard_id).sum()) for r in (before, after)) + len(causes)
        assert 2 * abs(causes.get("rounding", 0)) <= rounded
    assert sum(r.delta_fen(1) for r in comparison.standards if r.in_total) == comparison.delta_fen[1]


def test_charts_render(tmp_path: Path, catalogue: Catalogue) -> None:
    results = [compute(read_workbook(p, catalogue).scenario, catalogue) for p in (WENDENG, RAISED)]  # type: ignore[arg-type]
    comparison = compare(results, ["现行标准", "提标方案"])
    for fig, name in ((category_bars(comparison), "bars"), (waterfall(comparison), "waterfall")):
        png = save_figure(fig, tmp_path / f"{name}.png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
        pdf = save_figure(fig, tmp_path / f"{name}.pdf")
        assert b"/FontFile2" in pdf.read_bytes()  # the bundled TrueType font is embedded
    labels = [t.get_text() for t in waterfall(comparison).axes[0].get_xticklabels()]
    assert labels == ["现行标准", "一体化管理村卫生室运行保障经费", "提标方案"]  # a draw is inside its fund


def test_comparison_sheet_in_excel_and_pdf(tmp_path: Path) -> None:
    import openpyxl
    from pypdf import PdfReader

    xlsx, pdf = tmp_path / "比较.xlsx", tmp_path / "比较.pdf"
    for out in (xlsx, pdf):
        assert main(["compare", WENDENG, RAISED, "--names", "现行标准,提标方案", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[:2] == ["方案合计", "按标准比较"] and "图表" in book.sheetnames
    values = [c.value for row in book["按标准比较"].iter_rows() for c in row]
    assert 64500 not in values and 60000 in values and 4500 in values
    assert any(isinstance(v, str) and "标准变化：10,000→12,000 元/个·年" in v and "+60,000.00 元" in v for v in values)
    assert len(book["图表"]._images) == 2
    assert book["方案合计"].page_setup.paperSize == 9
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "方案比较表" in text and "60,000.00" in text and "64,500.00" not in text and "威文政办字〔2024〕10号" in text
    assert "第 1 页 共" in text
    assert pdf.read_bytes().count(b"/Subtype /Image") >= 2


def test_load_results_computes_each_file_or_says_why_not(tmp_path: Path, catalogue: Catalogue) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("nope", "utf-8")
    loaded = load_results([WENDENG, bad], catalogue)
    assert [r.total_fen for r in loaded.results] == [30000000]
    [(path, problems)] = loaded.refused
    assert path == bad and problems and all(p.severity == "error" for p in problems)
    assert default_names([WENDENG, RAISED, "x/wendeng-2025.bcs.json"]) == [
        "wendeng-2025", "wendeng-2025-raised", "wendeng-2025 (2)"]


def test_summed_causes_add_up_to_the_total_and_each_category(catalogue: Catalogue) -> None:
    comparison = compare(load_results([WENDENG, RAISED], catalogue).results, ["a", "b"])
    assert comparison.summed_causes(1) == {"rate": 6000000}
    for by in ("category", "funding_source"):
        for key, amounts in comparison.grouped(by).items():
            assert sum(comparison.summed_causes(1, by, key).values()) == amounts[1] - amounts[0]


def test_a_percent_change_carries_its_sign() -> None:
    assert format_percent_change(percent(6_450_000, 31_800_000)) == "+20.28%"
    assert format_percent_change(percent(-300, 1000)) == "-30.00%"
    assert format_percent_change(percent(0, 1000)) == "0.00%"
