"""Planning: staffing norms and gaps, targets, projection over years, the rolling plan, the ceiling solver.

Figures are worked by hand from the clause each test names (standards.md sections 3, 4, 6).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcalc.cli import main
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import read_sheets
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.planning.projection import project
from budgetcalc.planning.solver import SolveRefused, Vary, solve
from budgetcalc.report.staffing import norms_json, targets_json
from budgetcalc.rules.catalogue import Catalogue
from tests.builders import Row, sheets, write_xlsx
from tests.conftest import EXAMPLES

XX_EXAMPLE = EXAMPLES / "xx-performance-2025.xlsx"


def scenario(catalogue: Catalogue, profile: str, facilities: Sequence[Row] = (), staff: Sequence[Row] = (),
             regions: Sequence[Row] | None = None, overrides: Sequence[Row] = (), plan: Sequence[Row] = (),
             year: int = 2025, extra: Mapping[str, object] | None = None) -> Scenario:
    settings = {"预算年度": year, "政策标准": profile, **(extra or {})}
    read = read_sheets(sheets(settings, facilities, staff, overrides, regions, plan), catalogue)
    assert read.scenario is not None, [p.format() for p in read.problems]
    return read.scenario


def norm(result: Result, standard_id: str, area: str = "全区") -> dict[str, object]:
    rows = [r for r in norms_json(result) if r["standard_id"] == standard_id and r["area"] == area]
    assert len(rows) == 1, norms_json(result)
    return rows[0]


TOWN = [{"镇街": "甲镇", "常住人口": 52_000}]
HC = {"机构编码": "HC", "机构类型": "乡镇卫生院", "所属镇街": "甲镇"}
ST = {"机构编码": "ST", "机构类型": "社区卫生服务站", "所属镇街": "甲镇"}
VC = {"机构编码": "VC", "机构类型": "村卫生室", "所属镇街": "甲镇", "数量": 3}


# ================================================================== norms (section 3)


def test_a_town_of_52000_gives_wendengs_two_ranges_of_52_to_78(catalogue: Catalogue) -> None:
    """二(二)4 and 二(二)5: 1‰–1.5‰ of residents, rounded up: 52 and 78."""
    result = compute(scenario(catalogue, "wendeng", [HC, VC], [
        {"机构编码": "HC", "编制类型": "在编", "人数": 40, "岗位": "临床医生"},
        {"机构编码": "HC", "编制类型": "编外", "人数": 5, "岗位": "护士"},       # not establishment
        {"机构编码": "VC", "编制类型": "乡村医生", "人数": 30, "岗位": "乡村医生"}], TOWN), catalogue)
    township = norm(result, "wendeng.norm_township_establishment", "甲镇")
    assert (township["required_min"], township["required_max"], township["actual"], township["gap"]) == (52, 78, 40, 12)
    doctors = norm(result, "wendeng.norm_village_doctors")
    assert (doctors["required_min"], doctors["required_max"], doctors["actual"], doctors["gap"]) == (52, 78, 30, 22)


def test_nanxun_and_xx_grassroots_staff_for_52000(catalogue: Catalogue) -> None:
    """Nanxun 二(二)4: 3.3 per 1,000 → 171.6 → 172; XX 一: 35 per 10,000 → 182."""
    nanxun = compute(scenario(catalogue, "nanxun", [HC], [{"机构编码": "HC", "编制类型": "在编", "人数": 100}],
                              TOWN), catalogue)
    assert norm(nanxun, "nanxun.norm_grassroots_staff")["required_min"] == 172
    assert norm(nanxun, "nanxun.norm_grassroots_staff")["gap"] == 72
    xx = compute(scenario(catalogue, "xx_talent", [HC], [{"机构编码": "HC", "编制类型": "在编", "人数": 190}],
                          TOWN, extra={"绩效工资基准线": 100_000}), catalogue)
    row = norm(xx, "xx_talent.norm_grassroots_staff")
    assert (row["required_min"], row["actual"], row["gap"]) == (182, 190, 0)  # never below 0


def test_the_gap_costs_the_entered_cost_per_person_and_a_norms_own_cost_wins(catalogue: Catalogue) -> None:
    staff = [{"机构编码": "HC", "编制类型": "在编", "人数": 40}, {"机构编码": "VC", "编制类型": "乡村医生", "人数": 30}]
    result = compute(scenario(catalogue, "wendeng", [HC, VC], staff, TOWN, extra={"缺口人员年成本": 80_000},
                              overrides=[{"标准编号": "wendeng.norm_village_doctors", "标准值": 36_000,
                                          "说明": "乡村医生人均年收入"}]), catalogue)
    assert norm(result, "wendeng.norm_township_establishment")["cost_fen"] == 12 * 80_000_00
    assert norm(result, "wendeng.norm_village_doctors")["cost_fen"] == 22 * 36_000_00


def test_norms_scope_towns_streets_and_units(catalogue: Catalogue) -> None:
    """Nanxun's 13 per 10,000 is 南浔镇's stations only; Zhuzhou counts whole 50,000s of a street;
    Lishui's crew of 4 is per ambulance; Zhuzhou's ≥ 1 public-health physician per township unit."""
    nanxun = compute(scenario(catalogue, "nanxun", [
        {"机构编码": "S1", "机构类型": "社区卫生服务站", "所属镇街": "南浔镇"},
        {"机构编码": "S2", "机构类型": "社区卫生服务站", "所属镇街": "练市镇"}], [
        {"机构编码": "S1", "编制类型": "在编", "人数": 10}, {"机构编码": "S2", "编制类型": "在编", "人数": 10}],
        [{"镇街": "南浔镇", "常住人口": 40_000, "服务人口": 50_000}, {"镇街": "练市镇", "常住人口": 60_000}]), catalogue)
    areas = {r["area"] for r in norms_json(nanxun) if r["standard_id"] == "nanxun.norm_station_establishment"}
    assert areas == {"南浔镇", "全区"}
    assert norm(nanxun, "nanxun.norm_station_establishment", "南浔镇")["required_min"] == 65  # 13 × 5 (服务人口)

    zhuzhou = compute(scenario(catalogue, "zhuzhou", [
        {"机构编码": "C1", "机构类型": "社区卫生服务中心", "所属镇街": "建宁街道"},
        {"机构编码": "T1", "机构类型": "乡镇卫生院", "所属镇街": "白关镇"}], [
        {"机构编码": "T1", "编制类型": "在编", "岗位": "临床医生", "人数": 8}],
        [{"镇街": "建宁街道", "常住人口": 120_000, "街道": "是"}, {"镇街": "白关镇", "常住人口": 90_000}]), catalogue)
    street = norm(zhuzhou, "zhuzhou.community_centre_per_50k", "建宁街道")
    assert (street["required_min"], street["actual"], street["gap"]) == (2, 1, 1)
    assert "白关镇" not in {r["area"] for r in norms_json(zhuzhou)
                          if r["standard_id"] == "zhuzhou.community_centre_per_50k"}
    physician = norm(zhuzhou, "zhuzhou.public_health_physician", "白关镇")
    assert (physician["required_min"], physician["actual"], physician["gap"]) == (1, 0, 1)

    lishui = compute(scenario(catalogue, "lishui", [
        {"机构编码": "A", "机构类型": "救护车", "所属镇街": "甲镇", "数量": 3},
        {"机构编码": "E", "机构类型": "急救站", "所属镇街": "甲镇"}], [
        {"机构编码": "E", "编制类型": "在编", "人数": 9}], TOWN), catalogue)
    crew = norm(lishui, "lishui.ambulance_crew", "甲镇")
    assert crew["required_min"] == 12


def test_towns_without_population_or_staff_are_warnings(catalogue: Catalogue) -> None:
    result = compute(scenario(catalogue, "wendeng", [HC, {**VC, "所属镇街": "乙镇"}], [
        {"机构编码": "HC", "编制类型": "在编"}, {"机构编码": "VC", "编制类型": "乡村医生"}],
        [*TOWN, {"镇街": "丙镇", "常住人口": 9_000}]), catalogue)
    warned = {(w.code, dict(w.params)["town"]) for w in result.warnings if w.code.startswith("norm_")}
    assert warned == {("norm_town_without_population", "乙镇"), ("norm_population_without_staff", "丙镇")}


def test_norms_command_json_has_the_documented_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "in.xlsx", sheets({"预算年度": 2025, "政策标准": "wendeng"}, [HC],
                                                    [{"机构编码": "HC", "编制类型": "在编", "人数": 50}], regions=TOWN))
    assert main(["norms", str(path), "--json", "--cost", "60000"]) == 0
    rows = json.loads(capsys.readouterr().out)
    row = next(r for r in rows if r["standard_id"] == "wendeng.norm_township_establishment" and r["area"] == "全区")
    assert {k: row[k] for k in ("required_min", "required_max", "actual", "gap", "cost_fen")} == {
        "required_min": 52, "required_max": 78, "actual": 50, "gap": 2, "cost_fen": 2 * 60_000_00}


# ================================================================== targets (section 6)


def test_a_share_target_is_measured_from_the_staff_rows(catalogue: Catalogue) -> None:
    """XX 一: backbone talent ≥ 10 % of technical staff in health centres; 1 of 12 is 8.33 %."""
    result = compute(scenario(catalogue, "xx_talent", [HC], [
        {"机构编码": "HC", "编制类型": "在编", "岗位": "临床医生", "人数": 11},
        {"机构编码": "HC", "编制类型": "在编", "岗位": "临床医生", "骨干人才": "是"}],
        extra={"绩效工资基准线": 100_000}), catalogue)
    rows = {r["standard_id"]: r for r in targets_json(result)}
    target = rows["xx_talent.target_backbone_share"]
    assert target["met"] is False and Decimal(str(target["actual"])) == Decimal("8.33")
    assert any(r["met"] is None and r["deadline"] for r in rows.values())  # goals the inputs cannot measure


# ================================================================== projection (section 4)


def test_zhuzhou_guarantee_base_follows_the_schedule(catalogue: Catalogue) -> None:
    """二(三)1: 80 % by 2022, 90 % 2023, fully from 2024 on, of the full-guarantee base."""
    base = scenario(catalogue, "zhuzhou", [HC], overrides=[
        {"标准编号": "zhuzhou.full_guarantee_base", "标准值": 10_000_000, "说明": "公益一类人员经费+公用经费"}],
        year=2022)
    years = project(base, catalogue, 2026).years
    assert [y.result.by_standard()["zhuzhou.full_guarantee_base"] for y in years] == [
        8_000_000_00, 9_000_000_00, 10_000_000_00, 10_000_000_00, 10_000_000_00]


def test_growth_compounds_in_whole_persons(catalogue: Catalogue) -> None:
    """+5 % a year on last year's end: 40 → 42 → 44 (44.1) → 46 (46.2) → 48 (48.3)."""
    s = scenario(catalogue, "nanxun", [HC], [{"机构编码": "HC", "编制类型": "在编", "人数": 40}],
                 plan=[{"规则": "人员增长", "数值": 5}])
    assert [y.staff for y in project(s, catalogue, 2029).years] == [40, 42, 44, 46, 48]


def test_with_no_rule_each_year_is_exactly_compute_for_that_year(catalogue: Catalogue) -> None:
    s = scenario(catalogue, "nanxun", [{"机构编码": "V", "机构类型": "移动医疗车", "新增": "是"}, HC], [
        {"机构编码": "HC", "编制类型": "在编", "驻村": "是", "人数": 3}])
    for y in project(s, catalogue, 2028).years:
        alone = compute(s.with_settings(year=y.year), catalogue)
        assert y.result.by_standard() == alone.by_standard() and y.result.total_fen == alone.total_fen


def test_nanxun_2028_computes_in_full_with_the_trial_warning(catalogue: Catalogue) -> None:
    s = scenario(catalogue, "nanxun", [{"机构编码": "V", "机构类型": "移动医疗车", "新增": "是"}], year=2028)
    result = compute(s, catalogue)
    assert result.total_fen == 250_000_00
    assert any("试行" in w.format() for w in result.warnings)


def test_xx_growth_runs_for_the_programmes_five_years_from_its_start(catalogue: Catalogue) -> None:
    """一: +5 % a year over a five-year programme 2024–2028; from the 2025 figures it grows 2026–2028 only."""
    s = scenario(catalogue, "xx_talent", [HC], [{"机构编码": "HC", "编制类型": "在编", "人数": 100}],
                 plan=[{"规则": "人员增长", "标准编号": "xx_talent.headcount_growth"}],
                 extra={"绩效工资基准线": 100_000, "规划起始年度": 2024})
    staff = [y.staff for y in project(s, catalogue, 2030).years]
    assert staff == [100, 105, 110, 116, 116, 116]  # 2025 … 2030
    unset = scenario(catalogue, "xx_talent", [HC], [{"机构编码": "HC", "编制类型": "在编", "人数": 100}],
                     plan=[{"规则": "人员增长", "标准编号": "xx_talent.headcount_growth"}],
                     extra={"绩效工资基准线": 100_000})
    assert [y.staff for y in project(unset, catalogue, 2031).years] == [100, 105, 110, 116, 122, 128, 128]


def test_recruitment_and_new_vehicles_in_a_year(catalogue: Catalogue) -> None:
    s = scenario(catalogue, "nanxun", [ST], [{"机构编码": "ST", "编制类型": "在编", "驻村": "是", "人数": 2}],
                 plan=[{"规则": "招聘", "数值": 3, "机构编码": "ST", "编制类型": "在编", "起始年度": 2026,
                        "截止年度": 2026},
                       {"规则": "新增机构", "数值": 2, "机构类型": "移动医疗车", "新增": "是", "起始年度": 2027}])
    years = {y.year: y for y in project(s, catalogue, 2027).years}
    assert [years[y].staff for y in (2025, 2026, 2027)] == [2, 5, 5]
    assert years[2027].result.by_standard()["nanxun.mobile_clinic_operation"] == 2 * 250_000_00
    assert years[2026].result.by_standard().get("nanxun.mobile_clinic_operation", 0) == 0


def test_project_command_json_and_rolling_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = sheets({"预算年度": 2025, "政策标准": "nanxun"}, [ST], [{"机构编码": "ST", "编制类型": "在编", "驻村": "是",
                                                                 "人数": 2}])
    book["规划"] = [["规则", "数值"], ["人员增长", 50]]
    path = write_xlsx(tmp_path / "in.xlsx", book)
    assert main(["project", str(path), "--to", "2027", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [y["year"] for y in out["years"]] == [2025, 2026, 2027]
    # 2 → 3 → 5 (4.5 rounds half up); a person added on 1 January qualifies after 12 months on post (第十一条)
    assert [y["staff"] for y in out["years"]] == [2, 3, 5]
    assert [y["total_fen"] for y in out["years"]] == [2 * 24_000_00, 2 * 24_000_00, 3 * 24_000_00]
    assert any("50%" in a for a in out["assumptions"])
    sheet = tmp_path / "plan.xlsx"
    assert main(["project", str(path), "--to", "2027", "-o", str(sheet)]) == 0
    from openpyxl import load_workbook

    texts = [str(c.value) for ws in load_workbook(sheet).worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    assert any("三年滚动规划表" in t for t in texts) and "2027年" in texts
    assert any("每年增长 50%" in t for t in texts)


# ================================================================== the ceiling solver


def test_the_solver_finds_the_largest_point_that_fits_4000000(catalogue: Catalogue) -> None:
    from budgetcalc.inputs.reader import read_workbook

    s = read_workbook(XX_EXAMPLE, catalogue).scenario
    assert s is not None
    found = solve(s, catalogue, 4_000_000_00, "xx_talent.performance_total")
    assert found.vary == Vary.POINT and found.value == Decimal("105.7")
    assert found.total_fen <= 4_000_000_00 < found.next_total_fen  # type: ignore[operator]
    # the answer is an ordinary computation with that point, checked independently
    at = compute(s.with_overrides((*s.overrides, *_point(s, "105.7"))), catalogue)
    above = compute(s.with_overrides((*s.overrides, *_point(s, "105.8"))), catalogue)
    assert at.total_fen == found.total_fen <= 4_000_000_00 < above.total_fen
    with pytest.raises(SolveRefused) as refused:
        solve(s, catalogue, 3_000_000_00, "xx_talent.performance_total")
    assert refused.value.code == "solve_low_exceeds" and refused.value.params["value"] == "100%"


def _point(s: Scenario, point: str) -> tuple[object, ...]:
    from budgetcalc.rules.kinds import StandardId
    from budgetcalc.rules.values import Override

    return (Override(StandardId("xx_talent.performance_total"), Decimal(point), "test"),)


def test_the_solver_counts_whole_vehicles_and_raises_a_rate_to_the_fen(catalogue: Catalogue) -> None:
    s = scenario(catalogue, "nanxun", [ST], [{"机构编码": "ST", "编制类型": "在编", "驻村": "是", "人数": 5}])
    assert compute(s, catalogue).total_fen == 120_000_00
    vehicles = solve(s, catalogue, 1_000_000_00, "nanxun.mobile_clinic_operation", Vary.COUNT)
    assert vehicles.value == 3 and vehicles.total_fen == 120_000_00 + 3 * 250_000_00
    rate = solve(s, catalogue, 150_000_00, "nanxun.stationed_staff_subsidy")
    assert rate.value == Decimal(30_000) and rate.next_total_fen == 150_000_00 + 5  # 30,000.01 × 5


def test_solve_command_prints_value_and_total_and_refuses_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(XX_EXAMPLE), "--ceiling", "4000000", "--vary", "xx_talent.performance_total",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["value"] == "105.7" and out["total_fen"] <= 400_000_000 < out["next"]["total_fen"]
    assert main(["solve", str(XX_EXAMPLE), "--ceiling", "3000000", "--vary", "xx_talent.performance_total"]) == 2
    err = capsys.readouterr().err
    assert "3,816,000.00" in err and "3,000,000.00" in err and "Traceback" not in err


def test_quota_schedules_are_checked_against_the_plan(catalogue: Catalogue) -> None:
    """XX 一: recruit 30–50 a year; Zhuzhou 二(三)3: 县聘乡用 ≥ 80 % of the year's physician recruits."""
    xx = compute(scenario(catalogue, "xx_talent", [HC], [{"机构编码": "HC", "编制类型": "在编", "人数": 10}],
                          plan=[{"规则": "招聘", "数值": 20, "机构编码": "HC", "编制类型": "在编"}],
                          extra={"绩效工资基准线": 100_000}), catalogue)
    row = {r["standard_id"]: r for r in targets_json(xx)}["xx_talent.recruitment"]
    assert (row["actual_text"], row["required_text"], row["met"]) == ("20 人", "30–50", False)
    zz = compute(scenario(catalogue, "zhuzhou", [HC], plan=[
        {"规则": "招聘", "数值": 7, "机构编码": "HC", "编制类型": "在编", "岗位": "临床医生", "招聘方式": "县聘乡用"},
        {"规则": "招聘", "数值": 3, "机构编码": "HC", "编制类型": "在编", "岗位": "临床医生"},
        {"规则": "招聘", "数值": 5, "机构编码": "HC", "编制类型": "在编", "岗位": "护士"}]), catalogue)
    share = {r["standard_id"]: r for r in targets_json(zz)}["zhuzhou.county_hired_share"]
    assert (share["actual_text"], share["met"]) == ("70.00%", False)   # 7 of 10 physicians; nurses not counted
    unplanned = {r["standard_id"]: r for r in targets_json(compute(scenario(catalogue, "zhuzhou", [HC]), catalogue))}
    assert unplanned["zhuzhou.county_hired_share"]["met"] is None
    assert "lishui.targeted_training" not in unplanned   # another profile's


def test_every_id_of_sections_2_to_6_is_computed_or_checked(catalogue: Catalogue) -> None:
    """Money ids are lines or 请填报 items, norms and shares rows, schedules applied or listed as targets."""
    from budgetcalc.rules.kinds import Schedule

    for profile in catalogue.profiles:
        result = compute(scenario(catalogue, profile.id, [HC], [{"机构编码": "HC", "编制类型": "在编"}],
                                  extra={"绩效工资基准线": 100_000}), catalogue)
        listed = {r["standard_id"] for r in targets_json(result)}
        for std in profile.standards:
            if std.makes_money:
                assert std.id in result.by_standard() or std.id in result.to_enter, std.id
            elif isinstance(std, Schedule) and (std.applies_to or std.annual_growth is not None):
                continue  # applied to a base or to growth (tests above)
            else:
                assert std.id in listed, std.id
