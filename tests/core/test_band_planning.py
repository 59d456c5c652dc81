"""Performance-pay planning (XX 二(四)10–11): a point per unit, grades, the principal's multiple per
unit, who counts in N, the GP uplift off, and the fiscal share of the approved total.

B = 100,000 元; unit A has 10 在编 and a principal, unit B 5 在编 + 2 编外 and a principal, all
the year. Figures are worked by hand: B × N × point, principal = B × (unit's points) × multiple.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

import pytest

from budgetcalc.base.money import round_half_up
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import ReadResult, read_sheets
from budgetcalc.report.explain import explanations
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.sheets.details import band_table
from tests.builders import Row, sheets

TOTAL, OVERTIME, GP, PRINCIPAL = ("xx_talent.performance_total", "xx_talent.performance_overtime",
                                  "xx_talent.performance_gp_uplift", "xx_talent.principal_pay")
FACILITIES = [{"机构编码": "A", "机构名称": "甲卫生院", "机构类型": "乡镇卫生院"},
              {"机构编码": "B", "机构名称": "乙卫生院", "机构类型": "乡镇卫生院"},
              {"机构编码": "V", "机构类型": "村卫生室"}]
STAFF = [{"机构编码": "A", "编制类型": "在编", "人数": 10}, {"机构编码": "A", "编制类型": "在编", "主要负责人": "是", "姓名": "甲"},
         {"机构编码": "B", "编制类型": "在编", "人数": 5}, {"机构编码": "B", "编制类型": "编外", "人数": 2},
         {"机构编码": "B", "编制类型": "在编", "主要负责人": "是", "姓名": "乙"}]


def read(extra: Mapping[str, object] | None = None, overrides: Sequence[Row] = (), grades: Sequence[Row] = (),
         facilities: Sequence[Row] = FACILITIES, catalogue: Catalogue | None = None) -> ReadResult:
    from budgetcalc.rules.catalogue import default_catalogue

    settings = {"预算年度": 2025, "政策标准": "xx_talent", "绩效工资基准线": 100_000, **(extra or {})}
    return read_sheets(sheets(settings, facilities, STAFF, overrides, grades=grades), catalogue or default_catalogue())


def run(catalogue: Catalogue, **kwargs: object) -> Result:
    got = read(catalogue=catalogue, **kwargs)  # type: ignore[arg-type]
    assert got.scenario is not None, [p.format() for p in got.problems]
    return compute(got.scenario, catalogue)


def by_unit(result: Result, standard_id: str) -> dict[str, int]:
    lines = result.lines[result.lines["standard_id"] == standard_id]
    return dict(zip(lines["facility_code"], lines["amount_fen"].astype(int), strict=True))


def test_a_units_own_point_beats_the_scenarios(catalogue: Catalogue) -> None:
    result = run(catalogue, overrides=[{"标准编号": TOTAL, "标准值": "120%", "机构编码": "A", "说明": "考核优秀"}])
    assert by_unit(result, TOTAL) == {"A": 1_200_000_00, "B": 700_000_00}
    # the principal's pay follows the unit's own points: A (120+10+10)% × 150 %, B (100+10+10)% × 150 %
    assert by_unit(result, PRINCIPAL) == {"A": 210_000_00, "B": 180_000_00}
    lows = result.lines[result.lines["standard_id"] == TOTAL].set_index("facility_code")
    assert (lows.loc["A", "low_fen"], lows.loc["A", "high_fen"]) == (1_000_000_00, 1_350_000_00)
    text = explanations(result, result.lines[result.lines["facility_code"] == "A"]).tolist()
    assert any("档位调整为 120%（考核优秀）" in t for t in text)


def test_grades_choose_points_and_the_principals_multiple(catalogue: Catalogue) -> None:
    grades = [{"等次": "优秀", "绩效总量档位": "130%", "负责人倍数": "200%"}, {"等次": "合格", "绩效总量档位": "100%"}]
    facilities = [{**FACILITIES[0], "考核等次": "优秀"}, {**FACILITIES[1], "考核等次": "合格"}, FACILITIES[2]]
    result = run(catalogue, grades=grades, facilities=facilities)
    assert by_unit(result, TOTAL) == {"A": 1_300_000_00, "B": 700_000_00}
    assert by_unit(result, PRINCIPAL) == {"A": 300_000_00, "B": 180_000_00}  # 150 % × 200 %; 120 % × 150 %
    table = band_table(result)
    basis = [r.cells[5] for r in table.rows if r.style == "item"]
    assert "考核等次 优秀" in basis and "考核等次 合格" in basis
    # a unit's own row still wins over its grade
    mine = run(catalogue, grades=grades, facilities=facilities,
               overrides=[{"标准编号": TOTAL, "标准值": 110, "机构编码": "B", "说明": "单列"}])
    assert by_unit(mine, TOTAL)["B"] == 770_000_00


def test_grade_and_unit_point_mistakes_are_errors_with_their_cells(catalogue: Catalogue) -> None:
    wrong = read(grades=[{"等次": "优秀", "绩效总量档位": "140%"}],
                 facilities=[{**FACILITIES[0], "考核等次": "良好"}, *FACILITIES[1:]])
    codes = {(p.code, p.sheet, p.row, p.column) for p in wrong.problems}
    assert ("band_out_of_range", "考核等次", 2, "绩效总量档位") in codes
    assert ("unknown_grade", "机构", 2, "考核等次") in codes and wrong.scenario is None
    outside = read(overrides=[{"标准编号": TOTAL, "标准值": 90, "机构编码": "A", "说明": "x"},
                              {"标准编号": TOTAL, "标准值": 110, "机构编码": "V", "说明": "x"}])
    found = {p.code for p in outside.problems}
    assert {"band_out_of_range", "unit_point_not_a_unit"} <= found and outside.scenario is None


def test_contract_staff_can_be_left_out_of_n(catalogue: Catalogue) -> None:
    assert by_unit(run(catalogue), TOTAL)["B"] == 700_000_00
    assert by_unit(run(catalogue, extra={"编外人员计入核定人数": "否"}), TOTAL)["B"] == 500_000_00


def test_the_gp_uplift_can_be_off(catalogue: Catalogue) -> None:
    on = run(catalogue)
    off = run(catalogue, extra={"全科增核": 0})
    assert on.by_standard()[GP] == 170_000_00 and off.by_standard().get(GP, 0) == 0
    assert by_unit(off, PRINCIPAL)["A"] == 165_000_00  # (100+10)% × 150 %, uplift no longer in the unit's points


@pytest.mark.parametrize("share", ["60%", "33%"])
def test_the_budget_funds_a_share_of_the_approved_total_in_one_exact_step(catalogue: Catalogue, share: str) -> None:
    full = run(catalogue)
    part = run(catalogue, extra={"绩效工资财政保障比例": share, "绩效工资基准线": "123456.78"})
    p = Fraction(share.rstrip("%")) / 100
    a = part.lines[(part.lines["standard_id"] == TOTAL) & (part.lines["facility_code"] == "A")].iloc[0]
    assert int(a["approved_fen"]) == 12_345_678 * 10  # 123,456.78 × 10 × 100 %
    assert int(a["amount_fen"]) == round_half_up(Fraction(12_345_678 * 10) * p)
    assert part.total_fen < full.total_fen
    table = band_table(part)
    assert any(c.title.startswith("核定总量") for c in table.columns)
    assert f"财政保障 {share.rstrip('%')}%" in table.formula_note
    assert any(f"× 财政保障 {share.rstrip('%')}%" in t for t in explanations(part, part.lines).tolist())


def test_grades_unit_points_and_planning_settings_survive_a_save(catalogue: Catalogue, tmp_path: Path) -> None:
    from budgetcalc.scenarios.file import load_scenario, save_scenario

    grades = [{"等次": "优秀", "绩效总量档位": "130%", "负责人倍数": "200%"}]
    facilities = [{**FACILITIES[0], "考核等次": "优秀"}, *FACILITIES[1:]]
    got = read(extra={"绩效工资财政保障比例": "80%", "编外人员计入核定人数": "否"}, grades=grades, facilities=facilities,
               overrides=[{"标准编号": TOTAL, "标准值": 110, "机构编码": "B", "说明": "单列"}], catalogue=catalogue)
    assert got.scenario is not None
    before = compute(got.scenario, catalogue)
    path = save_scenario(tmp_path / "方案.bcs.json", got.scenario, catalogue)
    opened = load_scenario(path, catalogue)
    assert opened.read.scenario is not None
    after = compute(opened.read.scenario, catalogue)
    assert after.by_standard() == before.by_standard() and after.total_fen == before.total_fen
    assert opened.read.scenario.grades == got.scenario.grades
