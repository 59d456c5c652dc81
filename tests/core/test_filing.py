"""The budget the bureau files: 科目 codes on every line, who pays, last year beside this year, per
budget unit, the monthly cash plan, 绩效目标, the budget system's import file, whole 元.

Figures are worked by hand; sums are checked to the fen against the computation's total.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from budgetcalc.cli import main
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import read_sheets, read_workbook
from budgetcalc.report.json_out import to_json
from budgetcalc.rules.catalogue import Catalogue, load_catalogue
from budgetcalc.sheets.budget import build_sheet
from budgetcalc.sheets.layout import DataDate, Table
from tests.builders import Row, sheets, write_xlsx
from tests.conftest import EXAMPLES

ROOT = Path(__file__).parents[2]
SAMPLES = sorted((ROOT / "scenarios").glob("*.xlsx")) + sorted(EXAMPLES.glob("*.xlsx"))
CLINIC, POST = "wendeng.village_clinic_operation", "wendeng.village_post_subsidy"
DAY = dt.date(2025, 11, 20)


def run(catalogue: Catalogue, profile: str, facilities: list[Row], staff: list[Row] = [], **more: object) -> Result:
    settings = {"预算年度": 2025, "政策标准": profile, **more.pop("settings", {})}  # type: ignore[dict-item]
    read = read_sheets(sheets(settings, facilities, staff, **more), catalogue)  # type: ignore[arg-type]
    assert read.scenario is not None, [p.format() for p in read.problems]
    return compute(read.scenario, catalogue)


def table(result: Result, sheet: str, unit: str = "yuan", prior: Result | None = None) -> Table:
    built = build_sheet(result, unit, data_date=DataDate(DAY), today=DAY, prior=prior)  # type: ignore[arg-type]
    return next(t for t in built.tables if t.sheet == sheet)


def col(t: Table, key: str) -> int:
    return [c.key for c in t.columns].index(key)


def sample_results(catalogue: Catalogue) -> list[Result]:
    out = []
    for path in SAMPLES:
        read = read_workbook(path, catalogue)
        assert read.scenario is not None, path
        out.append(compute(read.scenario, catalogue))
    return out


# ================================================================== 1. codes


def test_every_line_of_every_sample_carries_the_three_codes(catalogue: Catalogue) -> None:
    for result in sample_results(catalogue):
        lines = result.lines
        assert len(lines), result.scenario.source
        for column in ("function_code", "gov_economic_code", "dept_economic_code"):
            assert (lines[column].str.len() >= 5).all(), (result.scenario.source, column)
        for getter in (result.by_function, result.by_gov_economic, result.by_dept_economic):
            assert sum(getter().values()) == result.total_fen


def test_codes_follow_the_facility_type_and_a_standards_own(catalogue: Catalogue) -> None:
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是"}],
                 [{"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "镇聘村用", "人数": 2}])
    codes = {sid: (f, g, d) for sid, f, g, d in result.lines[["standard_id", "function_code", "gov_economic_code",
                                                              "dept_economic_code"]].itertuples(index=False)}
    assert codes[CLINIC] == ("2100399", "50502", "30299")   # 其他基层医疗卫生机构 · 商品和服务支出
    assert codes[POST] == ("2100399", "50999", "30305")     # paid to village doctors: 对个人和家庭的补助 · 生活补助
    nanxun = run(catalogue, "nanxun", [{"机构编码": "H", "机构类型": "乡镇卫生院"}],
                 [{"机构编码": "H", "编制类型": "在编", "岗位": "全科医生", "全科注册日期": dt.date(2020, 1, 1)}])
    gp = nanxun.lines[nanxun.lines["standard_id"] == "nanxun.gp_post_subsidy"].iloc[0]
    assert (gp["function_code"], gp["gov_economic_code"], gp["dept_economic_code"]) == ("2100302", "50501", "30102")
    sheet = table(result, "科目汇总")
    texts = [str(c) for r in sheet.rows for c in r.cells if c]
    assert "2100399" in texts and "其他基层医疗卫生机构支出" in texts and "生活补助" not in texts  # a draw is inside


def test_a_code_changed_in_a_user_profile_shows_in_the_sheet(tmp_path: Path) -> None:
    folder = tmp_path / "standards"
    folder.mkdir()
    text = (ROOT / "tests/data/catalogues/custom/demo.toml").read_text("utf-8")
    text = text.replace('effective_from = 2025-04-01\n', 'effective_from = 2025-04-01\n\n'
                        '[profile.classification.function]\n"社区卫生服务站" = "2100301"\n\n'
                        '[profile.classification.economic]\n"机构运行保障" = ["50502", "30201"]\n', 1)
    (folder / "demo.toml").write_text(text, "utf-8")
    demo = load_catalogue(folder)
    result = run(demo, "demo", [{"机构编码": "S", "机构类型": "社区卫生服务站", "一体化管理": "是"}])
    assert set(result.lines["dept_economic_code"]) == {"30201"}
    cells = [str(c) for r in table(result, "科目汇总").rows for c in r.cells if c]
    assert "30201" in cells and "2100301" in cells
    again = text.replace('["50502", "30201"]', '["50502", "30299"]')
    (folder / "demo.toml").write_text(again, "utf-8")
    changed = run(load_catalogue(folder), "demo", [{"机构编码": "S", "机构类型": "社区卫生服务站", "一体化管理": "是"}])
    assert set(changed.lines["dept_economic_code"]) == {"30299"}


# ================================================================== 2. who pays


def test_a_scenarios_split_by_level_adds_up_to_every_line(catalogue: Catalogue) -> None:
    clinics = [{"机构编码": f"C{i}", "机构类型": "村卫生室", "一体化管理": "是", "启用日期": dt.date(2025, i, 1)}
               for i in range(1, 8)]
    result = run(catalogue, "wendeng", clinics, payers=[{"标准编号": CLINIC, "县区": 60, "镇街": 40, "说明": "区镇分担"}])
    parts = result.level_parts()
    assert (parts.sum(axis=1) == result.lines["amount_fen"]).all()
    county = sum(parts["县区"])
    assert result.by_level() == {"县区": county, "镇街": result.total_fen - county}
    assert abs(county * 5 - result.total_fen * 3) < 5 * len(parts)  # 60 %, within a fen a line
    out = json.loads(json.dumps(to_json(result)))
    assert all(sum(line["levels"].values()) == line["amount_fen"] for line in out["lines"])
    wrong = read_sheets(sheets({"预算年度": 2025, "政策标准": "wendeng"}, clinics,
                               payers=[{"标准编号": CLINIC, "县区": 60, "镇街": 30}]), catalogue)
    assert [p.code for p in wrong.problems] == ["payer_shares"] and wrong.scenario is None


def test_a_document_naming_two_levels_without_shares_says_so(catalogue: Catalogue) -> None:
    result = run(catalogue, "nanxun", [{"机构编码": "H", "机构类型": "乡镇卫生院"}],
                 overrides=[{"标准编号": "nanxun.low_volume_subsidy", "标准值": 300_000, "说明": "困难补助"}])
    assert any(w.code == "payer_split_unknown" for w in result.warnings)
    settled = run(catalogue, "nanxun", [{"机构编码": "H", "机构类型": "乡镇卫生院"}],
                  overrides=[{"标准编号": "nanxun.low_volume_subsidy", "标准值": 300_000, "说明": "困难补助"}],
                  payers=[{"标准编号": "nanxun.low_volume_subsidy", "县区": 50, "镇街": 50}])
    assert not any(w.code == "payer_split_unknown" for w in settled.warnings)
    assert settled.by_level() == {"县区": 150_000_00, "镇街": 150_000_00}


# ================================================================== 3. against last year


def test_last_years_sheet_gives_the_change_and_its_rate(catalogue: Catalogue) -> None:
    """3 clinics × 10,000 = 30,000 this year against 25,000 filed last year: +5,000, +20.00 %."""
    clinics = [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是", "数量": 3}]
    result = run(catalogue, "wendeng", clinics, prior=[
        {"标准编号": CLINIC, "上年预算数": 25_000, "说明": "新增1个一体化村卫生室"},
        {"项目": "标准化建设补助", "上年预算数": 8_000}])
    t = table(result, "汇总")
    item = next(r.cells for r in t.rows if str(r.cells[col(t, "item")]).startswith("一体化管理村卫生室运行保障经费"))
    assert (item[col(t, "prior")], item[col(t, "amount")], item[col(t, "delta")]) == (25_000_00, 30_000_00, 5_000_00)
    assert item[col(t, "delta_rate")] == "+20.00%" and item[col(t, "cause")] == "新增1个一体化村卫生室"
    gone = next(r.cells for r in t.rows if r.cells[col(t, "item")] == "标准化建设补助")
    assert gone[col(t, "delta")] == -8_000_00 and gone[col(t, "delta_rate")] == "-100.00%"
    total = next(r.cells for r in t.rows if r.style == "total" and r.cells[col(t, "item")] == "合计")
    assert (total[col(t, "prior")], total[col(t, "delta")]) == (33_000_00, -3_000_00)


def test_last_years_scenario_splits_the_change_into_its_causes(catalogue: Catalogue, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The raised example against the plain one: 10,000 → 12,000 a clinic is 标准变化 +60,000."""
    assert main(["compute", str(EXAMPLES / "wendeng-2025-raised.xlsx"), "--json",
                 "--prior", str(EXAMPLES / "wendeng-2025.xlsx")]) == 0
    prior = {p["standard_id"]: p for p in json.loads(capsys.readouterr().out)["prior"]}
    assert prior[CLINIC]["delta_fen"] == 60_000_00 and prior[CLINIC]["causes"] == {"rate": 60_000_00}
    assert prior[CLINIC]["rate"] == "20.00"
    out = tmp_path / "sheet.xlsx"
    assert main(["export", str(EXAMPLES / "wendeng-2025-raised.xlsx"), "--prior", str(EXAMPLES / "wendeng-2025.xlsx"),
                 "-o", str(out)]) == 0
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("汇总").to_python()
    cells = [str(c) for r in rows for c in r]
    assert "上年预算数" in cells and "增减原因" in cells and any("标准变化 +60,000.00 元" in c for c in cells)


# ================================================================== 4–6. per unit, per month, 绩效目标


def test_budget_units_add_up_and_follow_the_managing_centre(catalogue: Catalogue) -> None:
    result = run(catalogue, "wendeng", [
        {"机构编码": "H", "机构名称": "甲卫生院", "机构类型": "乡镇卫生院"},
        {"机构编码": "C1", "机构类型": "村卫生室", "一体化管理": "是", "数量": 2, "所属卫生院": "H"},
        {"机构编码": "C2", "机构类型": "村卫生室", "一体化管理": "是"}])
    assert result.by_unit() == {"H": 20_000_00, "C2": 10_000_00}
    for r in sample_results(catalogue):
        assert sum(r.by_unit().values()) == r.total_fen
    t = table(result, "分单位")
    total = next(r.cells for r in t.rows if r.style == "total")
    assert total[col(t, "amount")] == result.total_fen
    assert "1 个一体化管理的机构未填所属卫生院" in t.formula_note
    unknown = read_sheets(sheets({"预算年度": 2025, "政策标准": "wendeng"},
                                 [{"机构编码": "C", "机构类型": "村卫生室", "所属卫生院": "X"}]), catalogue)
    assert [p.code for p in unknown.problems] == ["managing_unit_unknown"]


@pytest.mark.parametrize("quarterly", [False, True])
def test_every_line_months_add_up_to_the_line(catalogue: Catalogue, quarterly: bool) -> None:
    for r in sample_results(catalogue):
        scenario = r.scenario.with_settings(quarterly_cash=quarterly)
        result = compute(scenario, catalogue)
        months = result.monthly_lines()
        assert (months.sum(axis=1) == result.lines["amount_fen"]).all(), r.scenario.source
        assert sum(result.monthly().values()) == result.total_fen
        if quarterly:
            yearly = (result.lines["per"] != "once").to_numpy()
            assert (months[yearly][[1, 2, 4, 5, 7, 8, 10, 11]] == 0).all().all()


def test_months_follow_the_line_and_a_one_off_falls_in_its_month(catalogue: Catalogue) -> None:
    result = run(catalogue, "nanxun", [{"机构编码": "V", "机构类型": "移动医疗车", "新增": "是", "启用日期": dt.date(2025, 10, 15)},
                                       {"机构编码": "H", "机构类型": "乡镇卫生院"}],
                 [{"机构编码": "H", "编制类型": "在编", "全日制大中专及以上": "是", "基层累计服务年限": 31,
                   "退休日期": dt.date(2025, 6, 30)}])
    monthly = result.monthly()
    # the vehicle: 250,000 × 3/12 = 62,500 over Oct–Dec (20,833.33, 20,833.34, 20,833.33); the reward 50,000 in June
    assert monthly[6] == 50_000_00 and [monthly[m] for m in (10, 11, 12)] == [2_083_333, 2_083_334, 2_083_333]
    assert sum(monthly[m] for m in (1, 2, 3, 4, 5, 7, 8, 9)) == 0


def test_the_wendeng_performance_sheet_lists_the_clinic_count_and_the_rate(tmp_path: Path) -> None:
    out = tmp_path / "绩效目标.xlsx"
    assert main(["performance", str(ROOT / "scenarios/wendeng-2025.xlsx"), "-o", str(out)]) == 0
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(out))
    cells = [str(c) for name in book.sheet_names for r in book.get_sheet_by_name(name).to_python() for c in r]
    assert "一体化管理村卫生室运行保障" in cells
    assert any(c.endswith(" 个") and c.split()[0].replace(",", "").isdigit() for c in cells)  # 数量指标
    assert "10,000.00 元/个·年" in cells and "≥90%" in cells and "乡村医生满意度" in cells
    read = read_workbook(ROOT / "scenarios/wendeng-2025.xlsx", load_catalogue())
    assert read.scenario is not None
    clinics = int(compute(read.scenario, load_catalogue()).lines.query("standard_id == @CLINIC")["quantity"].sum())
    assert f"{clinics:,} 个" in cells


# ================================================================== 7. the budget system's import file


def test_the_import_file_follows_its_mapping(tmp_path: Path) -> None:
    import python_calamine

    sample = str(ROOT / "scenarios/wendeng-2025.xlsx")
    default = tmp_path / "导入.xlsx"
    assert main(["system", sample, "-o", str(default)]) == 0
    rows = python_calamine.CalamineWorkbook.from_path(str(default)).get_sheet_by_name("导入").to_python()
    assert rows[0][:4] == ["预算年度", "预算单位编码", "预算单位名称", "项目名称"]
    amount = rows[0].index("金额（元）")
    read = read_workbook(sample, load_catalogue())
    assert read.scenario is not None
    total = compute(read.scenario, load_catalogue()).total_fen
    assert round(sum(float(r[amount]) for r in rows[1:]) * 100) == total
    mapping = tmp_path / "省模板.toml"
    shutil.copy(ROOT / "resources/export/budget_system.toml", mapping)
    mapping.write_text('name = "某省模板"\n[[column]]\nheader = "金额"\nfield = "amount_wan"\n'
                       '[[column]]\nheader = "功能科目"\nfield = "function_code"\n', "utf-8")
    custom = tmp_path / "导入.csv"
    assert main(["system", sample, "-o", str(custom), "--mapping", str(mapping)]) == 0
    lines = custom.read_text("utf-8-sig").splitlines()
    assert lines[0] == "金额,功能科目" and lines[1].split(",")[1] == "2100399"
    bad = tmp_path / "bad.toml"
    bad.write_text('[[column]]\nheader = "x"\nfield = "nonsense"\n', "utf-8")
    assert main(["system", sample, "-o", str(tmp_path / "x.csv"), "--mapping", str(bad)]) == 2
    assert not (tmp_path / "x.csv").exists()


# ================================================================== 8. whole 元


def test_whole_yuan_tables_show_the_rounding_difference(catalogue: Catalogue) -> None:
    clinics = [{"机构编码": f"C{i}", "机构类型": "村卫生室", "一体化管理": "是", "启用日期": dt.date(2025, 2, 1)}
               for i in range(1, 4)]   # 3 × 10,000 × 11/12 = 9,166.67 each: whole 9,167 × 3 = 27,501 vs 27,500
    result = run(catalogue, "wendeng", clinics)
    t = table(result, "汇总", "whole")
    total = next(r.cells for r in t.rows if r.style == "total" and r.cells[col(t, "item")] == "合计")
    assert total[col(t, "amount")] == 27_500_00
    units = table(result, "分单位", "whole")
    rounding = [r for r in units.rows if r.style == "rounding"]
    assert rounding and rounding[0].cells[col(units, "amount")] == -100   # 27,500 − 3 × 9,167
    from budgetcalc.sheets.layout import cell_text

    assert cell_text(units.columns[col(units, "amount")], 27_500_00, "whole") == "27,500"


@pytest.mark.parametrize("unit", ["whole", "wan"])
def test_rounded_months_and_their_difference_add_up_to_each_row_of_the_cash_plan(catalogue: Catalogue,
                                                                                 unit: str) -> None:
    """In whole 元 or 万元 each month is rounded by itself: the row's 尾差 column makes the months add
    up to the row's rounded amount (Wendeng 2025 lost 3 元 across its months without it)."""
    for result in sample_results(catalogue):
        t = table(result, "分月用款", unit)
        keys = [f"m{m}" for m in range(1, 13)] + ["row_rounding"]
        for row in t.rows:
            if row.style == "rounding":
                continue
            parts = sum(int(row.cells[col(t, k)] or 0) for k in keys)
            assert parts == row.cells[col(t, "amount")], (result.profile.id, row.cells)
    assert "row_rounding" not in [c.key for c in table(sample_results(catalogue)[0], "分月用款", "yuan").columns]


def test_sample_workbook_with_prior_and_projects_sheets_reads_clean(catalogue: Catalogue, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "in.xlsx", sheets({"预算年度": 2025, "政策标准": "wendeng"},
                                                     [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是"}],
                                                     prior=[{"标准编号": CLINIC, "上年预算数": "-5"}],
                                                     projects=[{"项目名称": "甲", "标准编号": "wendeng.nothing"}]))
    read = read_workbook(path, catalogue)
    assert {(p.sheet, p.code) for p in read.problems} == {("上年数", "negative"), ("绩效目标", "unknown_standard")}


def test_payers_prior_and_projects_survive_a_save(catalogue: Catalogue, tmp_path: Path) -> None:
    from budgetcalc.scenarios.file import load_scenario, save_scenario

    read = read_workbook(ROOT / "scenarios/wendeng-2025.xlsx", catalogue)
    assert read.scenario is not None
    scenario = read.scenario
    with_payers = read_sheets(sheets({"预算年度": 2025, "政策标准": "wendeng"},
                                     [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是"}],
                                     payers=[{"标准编号": "", "资金性质": "上级转移支付", "省": 30, "县区": 70}]), catalogue)
    assert with_payers.scenario is not None
    scenario = scenario.__class__(**{**scenario.__dict__, "payers": with_payers.scenario.payers})
    before = compute(scenario, catalogue)
    opened = load_scenario(save_scenario(tmp_path / "文登.bcs.json", scenario, catalogue), catalogue)
    assert opened.read.scenario is not None
    after = compute(opened.read.scenario, catalogue)
    assert opened.read.scenario.prior == scenario.prior and opened.read.scenario.projects == scenario.projects
    assert after.by_level() == before.by_level() and set(before.by_level()) == {"省", "县区"}
    assert sum(after.by_level().values()) == after.total_fen
    assert set(after.lines["fund_type"]) == {"上级转移支付"}
