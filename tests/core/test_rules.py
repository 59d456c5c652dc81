"""Each eligibility rule at its edges, rounding, and the band defaults."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pytest

from budgetcalc.base.calendar import month_label
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import read_sheets
from budgetcalc.rules.catalogue import Catalogue
from tests.builders import Row, sheets


def run(catalogue: Catalogue, profile: str, facilities: Sequence[Row] = (), staff: Sequence[Row] = (),
        overrides: Sequence[Row] = (), year: int = 2025, extra: Mapping[str, object] | None = None) -> Result:
    settings = {"预算年度": year, "政策标准": profile, **(extra or {})}
    read = read_sheets(sheets(settings, facilities, staff, overrides), catalogue)
    assert read.scenario is not None, [p.format() for p in read.problems]
    return compute(read.scenario, catalogue)


def fen(result: Result, standard_id: str) -> int:
    return result.by_standard().get(standard_id, 0)


VEHICLE = "nanxun.mobile_clinic_operation"
CLINIC = "wendeng.village_clinic_operation"
POST = "wendeng.village_post_subsidy"
STATIONED = "nanxun.stationed_staff_subsidy"
GP = "nanxun.gp_post_subsidy"
REWARD = "nanxun.long_service_reward"


def vehicle(**cells: object) -> Row:
    return {"机构编码": "V1", "机构类型": "移动医疗车", "新增": "是", **cells}


# ------------------------------------------------------------- facility months


@pytest.mark.parametrize(("start", "end", "months"), [
    (None, None, 12),
    (dt.date(2024, 11, 1), None, 12),
    (dt.date(2025, 1, 1), None, 12),
    (dt.date(2025, 1, 31), None, 12),
    (dt.date(2025, 7, 1), None, 6),
    (dt.date(2025, 12, 31), None, 1),       # starts on the last day: December counts
    (dt.date(2026, 1, 1), None, 0),         # starts after the year
    (None, dt.date(2025, 1, 1), 1),         # stops on the first day: January counts
    (None, dt.date(2024, 12, 31), 0),       # stopped before the year
    (dt.date(2025, 3, 15), dt.date(2025, 5, 2), 3),
    (dt.date(2024, 3, 1), dt.date(2026, 3, 1), 12),
])
def test_vehicle_months_count_start_and_end_month_whole(catalogue: Catalogue, start, end, months: int) -> None:  # type: ignore[no-untyped-def]
    cells = {k: v for k, v in (("启用日期", start), ("停用日期", end)) if v is not None}
    result = run(catalogue, "nanxun", [vehicle(**cells)])
    assert fen(result, VEHICLE) == 250_000_00 * months // 12
    assert len(result.lines) == (1 if months else 0)


def test_vehicle_must_be_new(catalogue: Catalogue) -> None:
    result = run(catalogue, "nanxun", [vehicle(新增="否"), vehicle(机构编码="V2", 新增="")])
    assert fen(result, VEHICLE) == 0


def test_count_multiplies_a_row(catalogue: Catalogue) -> None:
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是", "数量": 126}])
    assert fen(result, CLINIC) == 126 * 10_000_00
    assert result.lines["quantity"].tolist() == [126]


def test_clinic_must_be_integrated_and_a_clinic(catalogue: Catalogue) -> None:
    result = run(catalogue, "wendeng", [
        {"机构编码": "C1", "机构类型": "村卫生室", "一体化管理": "否"},
        {"机构编码": "C2", "机构类型": "社区卫生服务站", "一体化管理": "是"},
    ])
    assert fen(result, CLINIC) == 0


# ------------------------------------------------------------- rounding


def test_prorated_clinic_rounds_half_up_per_line(catalogue: Catalogue) -> None:
    # 10,000 元 × 8/12 = 6,666.666… → 6,666.67 元 (the standards page's own example)
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是",
                                        "启用日期": "2025-05-01"}])
    assert fen(result, CLINIC) == 666_667


@pytest.mark.parametrize(("rate", "months", "expected_fen"), [
    ("1.50", 1, 13),   # 12.5 fen → 13 (half-even would give 12)
    ("0.30", 1, 3),    # 2.5 fen → 3 (half-even: 2)
    ("0.90", 1, 8),    # 7.5 fen → 8
    ("1.02", 5, 43),   # 42.5 fen → 43
    ("0.06", 1, 1),    # 0.5 fen → 1 (half-even: 0)
    ("0.05", 1, 0),    # 0.4166… fen → 0
])
def test_half_fen_boundaries_round_up_never_to_even(catalogue: Catalogue, rate: str, months: int, expected_fen: int) -> None:
    start = dt.date(2025, 13 - months, 1)
    result = run(catalogue, "wendeng",
                 [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是", "启用日期": start}],
                 overrides=[{"标准编号": CLINIC, "标准值": rate, "说明": "测试"}])
    assert fen(result, CLINIC) == expected_fen


def test_total_is_the_sum_of_rounded_lines_not_the_rounded_sum(catalogue: Catalogue) -> None:
    # three clinics each 1 month at 1.50 元/年: each line 12.5 → 13 fen; total 39, not round(37.5)=38
    rows = [{"机构编码": f"C{i}", "机构类型": "村卫生室", "一体化管理": "是", "启用日期": "2025-12-01"} for i in range(3)]
    result = run(catalogue, "wendeng", rows, overrides=[{"标准编号": CLINIC, "标准值": "1.50"}])
    assert result.lines["amount_fen"].tolist() == [13, 13, 13]
    assert result.total_fen == 39


def test_count_is_applied_before_rounding(catalogue: Catalogue) -> None:
    # one row of 3 clinics: 3 × 150 fen × 1/12 = 37.5 → 38 (a line is a row with its count)
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是",
                                        "启用日期": "2025-12-01", "数量": 3}],
                 overrides=[{"标准编号": CLINIC, "标准值": "1.50"}])
    assert result.total_fen == 38


# ------------------------------------------------------------- staff rules


def stationed(**cells: object) -> Row:
    return {"机构编码": "ST", "编制类型": "在编", "驻村": "是", **cells}


STATION = {"机构编码": "ST", "机构类型": "社区卫生服务站", "一体化管理": "是"}


@pytest.mark.parametrize(("on_post", "months"), [
    (dt.date(2022, 1, 1), 12),
    (dt.date(2024, 1, 1), 12),    # exactly 12 months on 2025-01-01
    (dt.date(2024, 1, 2), 11),    # one day short on 2025-01-01: from February
    (dt.date(2024, 10, 1), 3),    # the Nanxun example: October to December
    (dt.date(2024, 10, 31), 2),   # month end: from December
    (dt.date(2024, 2, 29), 10),   # leap day: not 12 months on 2025-02-01, 12 on 2025-03-01 → Mar–Dec
    (dt.date(2024, 12, 31), 0),   # qualifies 2026-01
    (dt.date(2025, 3, 1), 0),
])
def test_stationed_staff_twelve_month_rule(catalogue: Catalogue, on_post: dt.date, months: int) -> None:
    result = run(catalogue, "nanxun", [STATION], [stationed(到岗日期=on_post)])
    assert fen(result, STATIONED) == 24_000_00 * months // 12


def test_leap_day_registration_across_years(catalogue: Catalogue) -> None:
    # registered 2024-02-29: on 2025-02-01 not yet 12 months, on 2025-03-01 yes → Mar–Dec
    hc = {"机构编码": "HC", "机构类型": "乡镇卫生院"}
    result = run(catalogue, "nanxun", [hc], [{"机构编码": "HC", "编制类型": "在编", "全科注册日期": "2024-02-29"}])
    assert month_label(int(result.lines.iloc[0]["first_month"])) == "2025-03"
    assert fen(result, GP) == 6_000_00 * 10 // 12


def test_gp_registered_mid_month_example_of_the_standards_page(catalogue: Catalogue) -> None:
    hc = {"机构编码": "HC", "机构类型": "乡镇卫生院"}
    result = run(catalogue, "nanxun", [hc], [{"机构编码": "HC", "编制类型": "在编", "全科注册日期": "2024-06-15"}])
    assert fen(result, GP) == 3_000_00


def test_gp_needs_registration_and_an_eligible_place(catalogue: Catalogue) -> None:
    places = [{"机构编码": "HC", "机构类型": "乡镇卫生院"}, {"机构编码": "CC", "机构类型": "社区卫生服务中心"}]
    result = run(catalogue, "nanxun", places, [
        {"机构编码": "HC", "编制类型": "在编", "岗位": "全科医生"},  # no registration date
        {"机构编码": "CC", "编制类型": "在编", "全科注册日期": "2019-01-01"},  # 服务中心 not listed
    ])
    assert fen(result, GP) == 0


def test_stationed_requires_in_establishment_stationed_at_a_station(catalogue: Catalogue) -> None:
    hc = {"机构编码": "HC", "机构类型": "乡镇卫生院"}
    result = run(catalogue, "nanxun", [STATION, hc], [
        stationed(编制类型="编外"),
        stationed(驻村="否"),
        stationed(机构编码="HC"),
        stationed(合署办公本部="是"),
    ])
    assert fen(result, STATIONED) == 0


def test_leaving_post_ends_the_months(catalogue: Catalogue) -> None:
    result = run(catalogue, "nanxun", [STATION], [stationed(到岗日期="2020-01-01", 离岗日期="2025-04-10")])
    assert fen(result, STATIONED) == 24_000_00 * 4 // 12


def test_retirement_in_the_year_ends_monthly_subsidy(catalogue: Catalogue) -> None:
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室"}], [
        {"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "镇聘村用", "退休日期": "2025-06-30"},
        {"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "镇聘村用", "退休日期": "2024-06-30"},
        {"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "镇聘村用", "退休日期": "2026-06-30"},
    ])
    post = result.lines[result.lines["standard_id"] == POST]
    assert post["months"].tolist() == [6, 12]
    assert fen(result, POST) == 200_00 * 18


def test_post_subsidy_recruitment_routes_only(catalogue: Catalogue) -> None:
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室"}], [
        {"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "大学生乡村医生专项", "人数": 3},
        {"机构编码": "C", "编制类型": "在编", "招聘方式": "县聘乡用"},
        {"机构编码": "C", "编制类型": "乡村医生"},  # default 常规
    ])
    assert fen(result, POST) == 3 * 200_00 * 12


# ------------------------------------------------------------- one-off reward


def veteran(**cells: object) -> Row:
    return {"机构编码": "HC", "编制类型": "在编", "全日制大中专及以上": "是", "基层累计服务年限": 30,
            "退休日期": "2025-06-30", **cells}


HC = {"机构编码": "HC", "机构类型": "中心卫生院"}


@pytest.mark.parametrize(("cells", "paid"), [
    ({}, True),
    ({"基层累计服务年限": 29.9}, False),
    ({"基层累计服务年限": 45}, True),
    ({"退休日期": "2025-01-01"}, True),
    ({"退休日期": "2025-12-31"}, True),
    ({"退休日期": "2024-12-31"}, False),
    ({"退休日期": "2026-01-01"}, False),
    ({"退休日期": ""}, False),
    ({"全日制大中专及以上": "否"}, False),
    ({"合署办公本部": "是"}, False),
    ({"招聘方式": "县聘乡用"}, False),
    ({"人数": 2}, True),
    ({"离岗日期": "2024-12-31"}, False),   # no longer on post when retiring (仍在岗)
    ({"离岗日期": "2025-06-30"}, True),
])
def test_long_service_reward_edges(catalogue: Catalogue, cells: dict[str, object], paid: bool) -> None:
    result = run(catalogue, "nanxun", [HC], [veteran(**cells)])
    count = int(cells.get("人数", 1))  # type: ignore[call-overload]
    assert fen(result, REWARD) == (50_000_00 * count if paid else 0)


# ------------------------------------------------------------- effective dates


def test_standard_not_in_force_gives_nothing_and_says_so(catalogue: Catalogue) -> None:
    # Nanxun is in force from 2024-08-07: 2023 has no month in force
    result = run(catalogue, "nanxun", [vehicle()], year=2023)
    assert result.total_fen == 0
    assert any(w.code == "not_in_force" for w in result.warnings)


def test_first_month_in_force_counts_whole(catalogue: Catalogue) -> None:
    # in force from 2024-08-07: August–December 2024 count
    result = run(catalogue, "nanxun", [vehicle()], year=2024)
    assert fen(result, VEHICLE) == 10_416_667  # 250,000 × 5/12 = 104,166.666… 元 rounded half up


@pytest.mark.parametrize("year", [2027, 2028, 2030])
def test_nanxun_continues_after_the_trial_and_says_so_once(catalogue: Catalogue, year: int) -> None:
    """试行三年……如无变化则继续执行: the trial ends 2027-08-06, the standards go on in full."""
    result = run(catalogue, "nanxun", [vehicle()], year=year)
    assert fen(result, VEHICLE) == 250_000_00
    assert [w.code for w in result.warnings] == ["trial_ended"]
    assert "2027-08-06" in result.warnings[0].message() and "继续执行" in result.warnings[0].message()


def test_no_trial_warning_before_the_trial_ends(catalogue: Catalogue) -> None:
    assert not [w for w in run(catalogue, "nanxun", [vehicle()], year=2026).warnings if w.code == "trial_ended"]


# ------------------------------------------------------------- performance-pay bands


HC_XX = {"机构编码": "HC", "机构类型": "乡镇卫生院"}
XX_STAFF = [{"机构编码": "HC", "编制类型": "在编", "人数": 10},
            {"机构编码": "HC", "编制类型": "在编", "主要负责人": "是"}]


def test_band_defaults_are_the_low_ends_and_gp_uplift_ten_percent(catalogue: Catalogue) -> None:
    result = run(catalogue, "xx_talent", [HC_XX], XX_STAFF, extra={"绩效工资基准线": 100000})
    b = result.by_standard()
    assert b["xx_talent.performance_total"] == 10 * 100000_00
    assert b["xx_talent.performance_overtime"] == 10 * 10000_00
    assert b["xx_talent.performance_gp_uplift"] == 10 * 10000_00
    # principal: average (100 % + 10 % + 10 %) × 100,000 = 120,000 × 150 %
    assert b["xx_talent.principal_pay"] == 180000_00


def test_gp_uplift_zero_turns_it_off_and_leaves_the_principal_average(catalogue: Catalogue) -> None:
    result = run(catalogue, "xx_talent", [HC_XX], XX_STAFF, extra={"绩效工资基准线": 100000, "全科增核": "0"})
    b = result.by_standard()
    assert b["xx_talent.performance_gp_uplift"] == 0
    assert b["xx_talent.principal_pay"] == 110000_00 * 150 // 100


def test_headcount_excludes_principal_and_village_doctors_and_other_units(catalogue: Catalogue) -> None:
    facilities = [HC_XX, {"机构编码": "VC", "机构类型": "村卫生室"}]
    staff = [*XX_STAFF, {"机构编码": "HC", "编制类型": "乡村医生", "人数": 5},
             {"机构编码": "HC", "编制类型": "编外", "人数": 2},
             {"机构编码": "VC", "编制类型": "在编", "人数": 4}]
    result = run(catalogue, "xx_talent", facilities, staff, extra={"绩效工资基准线": 100000})
    assert result.by_standard()["xx_talent.performance_total"] == 12 * 100000_00


def test_low_chosen_high_are_all_reported(catalogue: Catalogue) -> None:
    result = run(catalogue, "xx_talent", [HC_XX], XX_STAFF,
                 extra={"绩效工资基准线": 100000, "绩效总量档位": "120%"})
    line = result.lines[result.lines["standard_id"] == "xx_talent.performance_total"].iloc[0]
    assert (line["low_fen"], line["amount_fen"], line["high_fen"]) == (1000000_00, 1200000_00, 1350000_00)


def test_part_year_staff_count_in_person_months(catalogue: Catalogue) -> None:
    staff = [{"机构编码": "HC", "编制类型": "在编", "人数": 1, "到岗日期": "2025-07-01"}]
    result = run(catalogue, "xx_talent", [HC_XX], staff, extra={"绩效工资基准线": 100000})
    assert result.by_standard()["xx_talent.performance_total"] == 50000_00


def test_band_choice_outside_the_band_is_refused(catalogue: Catalogue) -> None:
    settings = {"预算年度": 2025, "政策标准": "xx_talent", "绩效工资基准线": 100000, "绩效总量档位": "140%"}
    read = read_sheets(sheets(settings, [HC_XX], XX_STAFF), catalogue)
    assert read.scenario is None
    assert [p.code for p in read.problems] == ["band_out_of_range"]


def test_missing_baseline_is_refused_for_a_band_profile(catalogue: Catalogue) -> None:
    read = read_sheets(sheets({"预算年度": 2025, "政策标准": "xx_talent"}, [HC_XX], XX_STAFF), catalogue)
    assert [p.code for p in read.problems] == ["baseline_required"]


# ------------------------------------------------------------- overrides and user rates


def test_override_keeps_citation_and_is_marked(catalogue: Catalogue) -> None:
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是"}],
                 overrides=[{"标准编号": CLINIC, "标准值": 12000, "说明": "提标方案"}])
    value = result.values[CLINIC]
    assert value.overridden and value.override is not None and value.override.reason == "提标方案"
    assert value.catalogue_amount == 10000 and value.amount == 12000
    assert result.standard(CLINIC).clause == catalogue.profile("wendeng").standard(CLINIC).clause
    assert result.lines["value_source"].tolist() == ["override"]


def test_user_rate_item_computes_once_a_rate_is_entered(catalogue: Catalogue) -> None:
    facilities = [{"机构编码": "HC", "机构类型": "乡镇卫生院"}]
    staff = [{"机构编码": "HC", "编制类型": "在编", "人数": 5}]
    assert run(catalogue, "lishui", facilities, staff).total_fen == 0
    result = run(catalogue, "lishui", facilities, staff,
                 overrides=[{"标准编号": "lishui.township_allowance", "标准值": 300}])
    assert result.by_standard()["lishui.township_allowance"] == 5 * 300_00 * 12


def test_lump_sum_item_is_one_line(catalogue: Catalogue) -> None:
    result = run(catalogue, "nanxun", overrides=[{"标准编号": "nanxun.training_fund", "标准值": "800000"}])
    assert result.by_standard()["nanxun.training_fund"] == 800000_00
    assert len(result.lines) == 1
