"""A profile of known kinds added as a TOML file only computes, with no code knowing its ids."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcalc.compute.engine import compute
from budgetcalc.inputs.reader import read_sheets
from budgetcalc.report.json_out import to_json
from budgetcalc.rules.catalogue import Catalogue, load_catalogue
from budgetcalc.rules.kinds import Kind, Schedule
from tests.builders import sheets

DIRECTORY = Path(__file__).parents[1] / "data" / "catalogues" / "custom"


@pytest.fixture(scope="module")
def demo() -> Catalogue:
    return load_catalogue(DIRECTORY)


def _compute(demo: Catalogue, staff_count: int, overrides: tuple[dict[str, object], ...] = ()):  # type: ignore[no-untyped-def]
    book = sheets({"预算年度": 2025, "政策标准": "demo"},
                  [{"机构编码": "S1", "机构类型": "社区卫生服务站", "数量": 2, "一体化管理": "是"},
                   {"机构编码": "S2", "机构类型": "社区卫生服务站", "一体化管理": "否"}],
                  [{"机构编码": "S1", "编制类型": "乡村医生", "人数": staff_count, "执业资格": "无"},
                   {"机构编码": "S2", "编制类型": "乡村医生", "到岗日期": dt.date(2025, 7, 20)}],
                  list(overrides))
    read = read_sheets(book, demo)
    assert read.scenario is not None, [p.format() for p in read.problems]
    return compute(read.scenario, demo)


def test_the_file_loads_into_typed_kinds(demo: Catalogue) -> None:
    profile = demo.profile("demo")
    assert [s.kind for s in profile.standards] == [Kind.UNIT_RATE, Kind.UNIT_RATE, Kind.ENTERED, Kind.NORM,
                                                   Kind.SCHEDULE, Kind.TARGET]
    schedule = profile.standard("demo.guarantee_ratio")
    assert isinstance(schedule, Schedule) and schedule.value_for(2030) == Decimal(100)
    assert profile.draws() == {"demo.doctor_allowance": "demo.station_fund"}


def test_it_computes_from_its_own_rules(demo: Catalogue) -> None:
    result = _compute(demo, 1)
    # in force from 2025-04: 2 integrated stations × 8,000 × 9/12 = 12,000.00; S2 is not integrated
    assert result.by_standard()["demo.station_fund"] == 1_200_000
    # 1 doctor Apr–Dec (9 months) + 1 from 2025-07 (6 months) at 300 a month, drawn from the fund
    assert result.by_standard()["demo.doctor_allowance"] == 300_00 * 15
    assert result.total_fen == 1_200_000  # the draw stays inside the fund
    assert [w.params_dict()["code"] for w in result.warnings if w.code == "standard_check"] == ["doctor_without_licence"]
    reasons = {(r["standard_id"], r["reason"]) for r in to_json(result)["not_counted"]}
    assert ("demo.station_fund", "condition.facility_flags.integrated") in reasons


def test_draws_beyond_the_fund_add_a_shortfall_line(demo: Catalogue) -> None:
    result = _compute(demo, 10)  # 10 + 1 doctors: 300 × (10 × 9 + 6) = 28,800.00 > 12,000.00
    assert result.by_standard()["demo.doctor_allowance"] == 300_00 * 96
    assert result.total_fen == 1_200_000 + (2_880_000 - 1_200_000)
    out = json.loads(json.dumps(to_json(result), ensure_ascii=False))
    assert out["shortfalls"] == [{"fund": "demo.station_fund", "draws": ["demo.doctor_allowance"],
                                  "fund_fen": 1_200_000, "draws_fen": 2_880_000, "shortfall_fen": 1_680_000}]
    assert "demo.station_fund#shortfall" not in out["by_standard"]
    assert any(w.code == "fund_shortfall" for w in result.warnings)


def test_an_entered_item_computes_once_entered_and_a_minimum_holds(demo: Catalogue) -> None:
    result = _compute(demo, 1, ({"标准编号": "demo.award", "标准值": "5000", "说明": "考核优秀", "机构编码": "S1"},
                                {"标准编号": "demo.award", "标准值": "3000", "说明": "考核良好", "机构编码": "S2"}))
    assert result.by_standard()["demo.award"] == 8_000_00 * 9 // 12  # a yearly item in force 9 months
    low = sheets({"预算年度": 2025, "政策标准": "demo"}, [{"机构编码": "S1", "机构类型": "社区卫生服务站"}], [],
                 [{"标准编号": "demo.doctor_allowance", "标准值": "250", "说明": "压减"}])
    problems = read_sheets(low, demo).problems
    assert [(p.code, p.params_dict()["clause"]) for p in problems if p.severity == "error"] == [
        ("override_below_minimum", "第四条")]
    high = sheets({"预算年度": 2025, "政策标准": "demo"}, [], [],
                  [{"标准编号": "demo.award", "标准值": "25000", "说明": "特别奖励"}])
    [problem] = [p for p in read_sheets(high, demo).problems if p.severity == "error"]
    assert problem.code == "override_above_maximum" and "20,000.00" in problem.message()
