"""Figures an officer can sign: the rules as the documents say them, no silent input mistake,
every row accounted for, explanations an auditor can follow (issue: policy fidelity).

Figures are worked by hand in each test from the clause it names.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from budgetcalc.cli import main
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import read_sheets
from budgetcalc.report.explain import explanations
from budgetcalc.report.json_out import to_json
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.sheets.budget import build_sheet
from budgetcalc.sheets.layout import DataDate
from tests.builders import Row, sheets, write_xlsx
from tests.conftest import EXAMPLES
from tests.core.test_rules import fen, run

CLINIC, POST, INSURANCE = "wendeng.village_clinic_operation", "wendeng.village_post_subsidy", \
    "wendeng.village_doctor_insurance"
STATIONED, GP, REWARD, VEHICLE = ("nanxun.stationed_staff_subsidy", "nanxun.gp_post_subsidy",
                                  "nanxun.long_service_reward", "nanxun.mobile_clinic_operation")
DAY = dt.date(2025, 11, 20)


def not_counted(result: Result) -> dict[tuple[str, int], dict[str, object]]:
    return {(str(r["standard_id"]), int(r["row"] or 0)): r for r in to_json(result)["not_counted"]}


def texts(result: Result) -> list[str]:
    return explanations(result, result.lines).tolist()


# ================================================================== 1. rules as the documents say them


def test_a_draw_on_the_fund_is_inside_the_fund(catalogue: Catalogue) -> None:
    """二(二)8 岗位补贴 所需资金从县级村卫生室运行保障经费中解决: 其中, not added."""
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是", "数量": 2}],
                 [{"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "镇聘村用", "人数": 3}])
    assert fen(result, CLINIC) == 2 * 10_000_00 and fen(result, POST) == 3 * 200_00 * 12  # 20,000 and 7,200
    assert result.total_fen == 2_000_000 and result.shortfalls()[0].shortfall_fen == 0
    out = to_json(result)
    assert out["draws_on"] == {POST: CLINIC, INSURANCE: CLINIC}
    assert out["shortfalls"] == [] and out["total_fen"] == sum(line["amount_fen"] for line in out["lines"]
                                                                 if line["in_total"])
    assert [line["in_total"] for line in out["lines"] if line["standard_id"] == POST] == [False]


def test_draws_beyond_the_fund_add_the_shortfall_as_its_own_line(catalogue: Catalogue) -> None:
    """One clinic (10,000) against five subsidised doctors (5 × 200 × 12 = 12,000): 缺口 2,000 is added."""
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是"}],
                 [{"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "大学生乡村医生专项", "人数": 5}])
    assert result.total_fen == 1_200_000
    out = to_json(result)
    assert out["shortfalls"] == [{"fund": CLINIC, "draws": [POST, INSURANCE], "fund_fen": 1_000_000,
                                  "draws_fen": 1_200_000, "shortfall_fen": 200_000}]
    assert out["by_standard"][CLINIC] == 1_000_000 and out["by_standard"][POST] == 1_200_000
    shortfall = [line for line in out["lines"] if line["line_kind"] == "shortfall"]
    assert [(s["amount_fen"], s["label"]) for s in shortfall] == [(200_000, "一体化管理村卫生室运行保障经费缺口")]
    assert "缺口 2,000.00 元计入合计" in shortfall[0]["explanation"]
    assert [w["code"] for w in out["warnings"]] == ["fund_shortfall"]
    table = build_sheet(result, data_date=DataDate(DAY), today=DAY).tables[0]
    items = [r.cells[1] for r in table.rows if r.style == "item"]
    assert "一体化管理村卫生室运行保障经费缺口" in items


def test_wendeng_sample_sheet_shows_the_post_subsidy_as_part_and_a_total_of_300000(catalogue: Catalogue) -> None:
    from budgetcalc.scenarios.opening import open_input

    opened = open_input(EXAMPLES / "wendeng-2025.xlsx", catalogue)
    assert opened.read.scenario is not None
    sheet = build_sheet(compute(opened.read.scenario, catalogue), data_date=DataDate(DAY), today=DAY)
    summary = sheet.tables[0]
    parts = [r.cells for r in summary.rows if r.style == "part"]
    assert parts[0][1] == "其中：村卫生室岗位补贴" and parts[0][7] == 1_800_000
    assert sheet.total_fen == 30_000_000 and sheet.total_words == "叁拾万元整"
    notes = "\n".join(p for n in sheet.notes for p in n.paragraphs)
    assert "不另计入合计" in notes and "缺口" in notes


@pytest.mark.parametrize(("own", "facility", "paid"), [("否", "否", True), ("是", "否", False), ("否", "是", False)])
def test_head_office_is_a_facility_property_excluding_its_staff(catalogue: Catalogue, own: str, facility: str,
                                                                  paid: bool) -> None:
    """附件第二条: the co-located head office's staff are outside the whole 细则."""
    hq = {"机构编码": "HQ", "机构类型": "中心卫生院", "合署办公本部": facility}
    station = {"机构编码": "ST", "机构类型": "社区卫生服务站", "合署办公本部": facility}
    result = run(catalogue, "nanxun", [hq, station], [
        {"机构编码": "HQ", "编制类型": "在编", "全科注册日期": "2020-01-01", "合署办公本部": own},
        {"机构编码": "ST", "编制类型": "在编", "驻村": "是", "到岗日期": "2020-01-01", "合署办公本部": own},
        {"机构编码": "HQ", "编制类型": "在编", "全日制大中专及以上": "是", "基层累计服务年限": 32,
         "退休日期": "2025-05-31", "合署办公本部": own}])
    assert (fen(result, GP), fen(result, STATIONED), fen(result, REWARD)) == (
        (6_000_00, 24_000_00, 50_000_00) if paid else (0, 0, 0))
    if not paid:
        reasons = {r["reason"] for r in to_json(result)["not_counted"]}
        assert reasons == {"condition.staff_flags.head_office"}


@pytest.mark.parametrize(("route", "paid"), [("县聘乡用", False), ("县聘村用", False), ("乡聘村用", True), ("常规", True)])
def test_county_hired_staff_wait_for_the_long_service_reward(catalogue: Catalogue, route: str, paid: bool) -> None:
    """附件第十二条 县聘乡（村）用人员暂不享受: 县聘乡用 and 县聘村用, not 乡聘村用."""
    result = run(catalogue, "nanxun", [{"机构编码": "HC", "机构类型": "乡镇卫生院"}], [
        {"机构编码": "HC", "编制类型": "在编", "招聘方式": route, "全日制大中专及以上": "是", "基层累计服务年限": 30,
         "退休日期": "2025-09-30"}])
    assert fen(result, REWARD) == (50_000_00 if paid else 0)
    if not paid:
        assert not_counted(result)[(REWARD, 2)]["reason"] == "condition.exclude_recruitment"
        assert not_counted(result)[(REWARD, 2)]["message"] == f"招聘方式为“{route}”，按文件不享受"


def test_gp_at_a_community_health_centre_is_not_paid_and_named(catalogue: Catalogue) -> None:
    places = [{"机构编码": "CC", "机构类型": "社区卫生服务中心"}, {"机构编码": "HC", "机构类型": "乡镇卫生院"}]
    result = run(catalogue, "nanxun", places, [{"机构编码": "CC", "编制类型": "在编", "全科注册日期": "2019-01-01"},
                                               {"机构编码": "HC", "编制类型": "在编", "全科注册日期": "2019-01-01"}])
    assert fen(result, GP) == 6_000_00
    warned = [w for w in result.warnings if w.params_dict().get("code") == "gp_at_community_centre"]
    assert [(w.sheet, w.row) for w in warned] == [("人员", 2)]
    assert "社区卫生服务中心" in warned[0].message() and "脚注1" in warned[0].message()
    assert not_counted(result)[(GP, 2)]["reason"] == "condition.facility_types"


def test_a_new_vehicle_older_than_the_policy_is_flagged(catalogue: Catalogue) -> None:
    result = run(catalogue, "nanxun", [{"机构编码": "V1", "机构类型": "移动医疗车", "新增": "是", "启用日期": "2024-05-01"},
                                       {"机构编码": "V2", "机构类型": "移动医疗车", "新增": "是", "启用日期": "2024-08-07"}])
    assert fen(result, VEHICLE) == 2 * 250_000_00  # still computed: the officer decides
    warned = [(w.sheet, w.row) for w in result.warnings if w.params_dict().get("code") == "new_vehicle_before_policy"]
    assert warned == [("机构", 2)]


def test_village_doctor_insurance_is_for_other_village_doctors_only(catalogue: Catalogue) -> None:
    """二(二)8: 在编 and 镇聘村用 doctors are insured by their employer; 大学生专项 recruits too."""
    staff = [{"机构编码": "C", "编制类型": "乡村医生", "人数": 4},
             {"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "镇聘村用", "人数": 2},
             {"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "大学生乡村医生专项"},
             {"机构编码": "C", "编制类型": "在编", "岗位": "乡村医生"}]
    result = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是", "数量": 10}],
                 staff, overrides=[{"标准编号": INSURANCE, "标准值": "100", "说明": "区定补助标准"}])
    assert fen(result, INSURANCE) == 4 * 100_00 * 12
    assert result.total_fen == 10 * 10_000_00  # 4,800 + 7,200 of post subsidies fit inside the 100,000 fund


def test_post_subsidy_at_a_health_centre_is_computed_and_flagged(catalogue: Catalogue) -> None:
    result = run(catalogue, "wendeng", [{"机构编码": "HC", "机构类型": "乡镇卫生院"}],
                 [{"机构编码": "HC", "编制类型": "乡村医生", "招聘方式": "镇聘村用"}])
    assert fen(result, POST) == 200_00 * 12
    assert [w.params_dict()["code"] for w in result.warnings if w.code == "standard_check"] == [
        "post_subsidy_at_health_centre"]


def _override_problems(catalogue: Catalogue, profile: str, rows: Sequence[Row], extra: dict[str, object] | None = None,
                       ) -> list[tuple[str, str, object]]:
    book = sheets({"预算年度": 2025, "政策标准": profile, **(extra or {})}, [], [], rows)
    return [(p.code, p.severity, p.message()) for p in read_sheets(book, catalogue).problems]


def test_an_override_below_the_documents_minimum_is_refused_with_the_limit_and_clause(catalogue: Catalogue) -> None:
    found = _override_problems(catalogue, "wendeng", [{"标准编号": POST, "标准值": "150", "说明": "压减"}])
    assert found == [("override_below_minimum", "error", "低于文件规定的下限 200.00 元/人·月（二(二)8）")]
    assert _override_problems(catalogue, "wendeng", [{"标准编号": POST, "标准值": "200", "说明": "按下限"}]) == []


def test_a_band_override_outside_the_band_is_refused(catalogue: Catalogue) -> None:
    rows = [{"标准编号": "xx_talent.performance_total", "标准值": "140%", "说明": "超档"}]
    found = _override_problems(catalogue, "xx_talent", rows, {"绩效工资基准线": 100000})
    assert [(c, s) for c, s, _ in found] == [("band_out_of_range", "error")] and "100%–135%" in str(found[0][2])


def test_an_override_without_a_reason_is_a_warning(catalogue: Catalogue) -> None:
    found = _override_problems(catalogue, "wendeng", [{"标准编号": CLINIC, "标准值": "12000"}])
    assert [(c, s) for c, s, _ in found] == [("override_no_reason", "warning")]


# ================================================================== 2. no silent input mistake


def _problems(catalogue: Catalogue, profile: str, facilities: Sequence[Row], staff: Sequence[Row] = (),
              regions: Sequence[Row] | None = None, edit: object = None) -> list[tuple[str, str, str, int | None]]:
    book = sheets({"预算年度": 2025, "政策标准": profile}, facilities, staff, regions=regions)
    if callable(edit):
        edit(book)
    return [(p.code, p.severity, p.column, p.row) for p in read_sheets(book, catalogue).problems]


def test_a_header_resembling_a_contract_header_is_a_warning_naming_both(catalogue: Catalogue) -> None:
    def rename(book: dict[str, list[list[object]]]) -> None:
        headers = book["人员"][0]
        headers[headers.index("到岗日期")] = "到岗时间"
        headers[headers.index("驻村")] = "是否驻村"

    found = _problems(catalogue, "nanxun", [{"机构编码": "ST", "机构类型": "社区卫生服务站"}],
                      [{"机构编码": "ST", "编制类型": "在编"}], edit=rename)
    resembles = {col for c, s, col, _ in found if c == "header_resembles" and s == "warning"}
    assert resembles == {"到岗时间", "是否驻村"}
    book = sheets({"预算年度": 2025, "政策标准": "nanxun"}, [{"机构编码": "ST", "机构类型": "社区卫生服务站"}], [])
    rename(book)
    message = next(p.message() for p in read_sheets(book, catalogue).problems if p.column == "到岗时间")
    assert "可能应为“到岗日期”" in message
    # ... and the missing column then warns about the standard that reads it
    assert ("column_missing_for", "warning", "到岗日期", None) in found


def test_a_missing_optional_column_a_standard_reads_names_the_standard(catalogue: Catalogue) -> None:
    def drop(book: dict[str, list[list[object]]]) -> None:
        at = book["人员"][0].index("到岗日期")
        for row in book["人员"]:
            del row[at]

    book = sheets({"预算年度": 2025, "政策标准": "nanxun"}, [{"机构编码": "ST", "机构类型": "社区卫生服务站"}],
                  [{"机构编码": "ST", "编制类型": "在编"}])
    drop(book)
    [problem] = [p for p in read_sheets(book, catalogue).problems if p.code == "column_missing_for"]
    assert problem.severity == "warning" and problem.sheet == "人员" and problem.column == "到岗日期"
    assert "在编人员驻村保障补助" in problem.message()


def test_an_implausible_date_is_an_error_with_its_cell(catalogue: Catalogue) -> None:
    found = _problems(catalogue, "nanxun", [{"机构编码": "V", "机构类型": "移动医疗车", "启用日期": dt.date(1905, 7, 16)}])
    assert found == [("date_implausible", "error", "启用日期", 2)]
    assert _problems(catalogue, "nanxun", [{"机构编码": "V", "机构类型": "移动医疗车", "启用日期": "2025.3.1"}]) == []
    assert _problems(catalogue, "nanxun", [{"机构编码": "V", "机构类型": "移动医疗车", "启用日期": 2024.3}])[0][0] == \
        "not_a_date"


def test_a_town_not_on_the_regions_sheet_is_a_warning_with_the_nearest_name(catalogue: Catalogue) -> None:
    book = sheets({"预算年度": 2025, "政策标准": "nanxun"}, [{"机构编码": "A", "机构类型": "乡镇卫生院", "所属镇街": "东山"}],
                  [], regions=[{"镇街": "东山镇", "常住人口": 30000}, {"镇街": "西山镇", "常住人口": 20000}])
    [problem] = read_sheets(book, catalogue).problems
    assert (problem.code, problem.severity, problem.row) == ("town_not_in_regions", "warning", 2)
    assert "是否应为“东山镇”" in problem.message()


def test_a_profile_under_which_nothing_qualifies_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(EXAMPLES / "nanxun-2025.xlsx"), "--profile", "wendeng", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total_fen"] == 0
    assert "nothing_qualifies" in [w["code"] for w in out["warnings"]]


def test_a_blank_qualifying_date_is_named_as_an_assumption(catalogue: Catalogue) -> None:
    result = run(catalogue, "nanxun", [{"机构编码": "ST", "机构类型": "社区卫生服务站"}],
                 [{"机构编码": "ST", "编制类型": "在编", "驻村": "是"}])
    assert fen(result, STATIONED) == 24_000_00
    assert "到岗日期空白，按预算年度前已满1年计" in texts(result)[0]


def test_template_refuses_to_overwrite_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "模板.xlsx"
    out.write_bytes(b"the officer's own file")
    assert main(["template", str(out)]) == 2
    assert out.read_bytes() == b"the officer's own file" and "--force" in capsys.readouterr().err
    assert main(["template", str(out), "--force"]) == 0 and out.read_bytes()[:2] == b"PK"


def test_warnings_go_to_stderr_and_to_the_json_with_their_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = sheets({"预算年度": 2025, "政策标准": "nanxun"},
                  [{"机构编码": "CC", "机构类型": "社区卫生服务中心", "所属镇街": "甲镇"}],
                  [{"机构编码": "CC", "编制类型": "在编", "全科注册日期": "2019-01-01"}])
    path = write_xlsx(tmp_path / "w.xlsx", book)
    assert main(["compute", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    warning = next(w for w in json.loads(captured.out)["warnings"] if w["code"] == "standard_check")
    assert (warning["sheet"], warning["row"], warning["severity"]) == ("人员", 2, "warning")
    assert "社区卫生服务中心" in warning["message"] and "警告 人员 第2行" in captured.err


# ================================================================== 3. every row accounted for


def test_each_not_counted_reason_is_listed_with_its_months_and_message(catalogue: Catalogue) -> None:
    nanxun = run(catalogue, "nanxun", [
        {"机构编码": "ST", "机构类型": "社区卫生服务站"},
        {"机构编码": "V0", "机构类型": "移动医疗车", "新增": "否"},
        {"机构编码": "HC", "机构类型": "乡镇卫生院"}], [
        {"机构编码": "ST", "编制类型": "在编", "驻村": "是", "到岗日期": "2025-03-01"},             # row 2
        {"机构编码": "ST", "编制类型": "在编", "驻村": "是", "到岗日期": "2024-05-08"},             # row 3
        {"机构编码": "ST", "编制类型": "在编", "驻村": "是", "到岗日期": "2018-01-01",
         "离岗日期": "2024-06-30"},                                                              # row 4
        {"机构编码": "ST", "编制类型": "在编", "驻村": "是", "到岗日期": "2026-02-01"},             # row 5
        {"机构编码": "HC", "编制类型": "在编", "全日制大中专及以上": "是", "基层累计服务年限": 31,
         "退休日期": "2027-06-30"}])                                                             # row 6
    found = not_counted(nanxun)
    assert found[(STATIONED, 2)]["reason"] == "qualifying" and found[(STATIONED, 2)]["months_counted"] == 0
    assert found[(STATIONED, 2)]["message"] == "到岗2025-03-01，满1年自2026-03起，本年度不计"
    assert found[(STATIONED, 3)]["reason"] == "qualifying" and found[(STATIONED, 3)]["months_counted"] == 7
    assert found[(STATIONED, 3)]["message"] == "到岗2024-05-08，满1年自2025-06起，本年度计7个月"
    assert found[(STATIONED, 4)]["reason"] == "ended_before_year"
    assert found[(STATIONED, 5)]["reason"] == "starts_after_year"
    assert found[(REWARD, 6)]["reason"] == "once_other_year" and "2027-06-30" in str(found[(REWARD, 6)]["message"])
    assert found[(VEHICLE, 3)]["reason"] == "condition.facility_flags.new"
    assert found[(VEHICLE, 3)]["message"] == "未标记“新增”"
    wendeng = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "否"}])
    assert not_counted(wendeng)[(CLINIC, 2)]["message"] == "未标记“一体化管理”"


def test_a_full_year_row_is_not_listed_and_a_part_year_row_is(catalogue: Catalogue) -> None:
    result = run(catalogue, "nanxun", [{"机构编码": "V1", "机构类型": "移动医疗车", "新增": "是"},
                                       {"机构编码": "V2", "机构类型": "移动医疗车", "新增": "是", "启用日期": "2025-07-15"}])
    found = not_counted(result)
    assert list(found) == [(VEHICLE, 3)]
    assert found[(VEHICLE, 3)]["reason"] == "starts_in_year" and found[(VEHICLE, 3)]["months_counted"] == 6


# ================================================================== 4. explanations an auditor can follow


def test_explanations_say_everything_that_decided_the_line(catalogue: Catalogue) -> None:
    nanxun = run(catalogue, "nanxun", [{"机构编码": "V", "机构类型": "移动医疗车", "新增": "是", "启用日期": "2025-03-15"},
                                       {"机构编码": "ST", "机构类型": "社区卫生服务站"}],
                 [{"机构编码": "ST", "编制类型": "在编", "驻村": "是", "到岗日期": "2024-05-08"}])
    vehicle, stationed = texts(nanxun)
    assert vehicle.startswith("250,000.00 元/车·年 × 1 车 × 10/12 个月（2025-03 至 2025-12） = 208,333.33 元")
    assert "启用2025-03-15，当月按整月计" in vehicle and "新增" in vehicle
    assert vehicle.endswith("依据：浔政办发〔2024〕25号 正文二(四)11及脚注7")
    assert "到岗2024-05-08，满1年自2025-06起" in stationed
    wendeng = run(catalogue, "wendeng", [{"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是"}],
                  [{"机构编码": "C", "编制类型": "乡村医生", "招聘方式": "镇聘村用"}],
                  overrides=[{"标准编号": CLINIC, "标准值": "12000", "说明": "提标方案"}])
    clinic, post = texts(wendeng)
    assert "标准调整：10,000.00→12,000.00 元/个·年（提标方案）" in clinic
    assert "文件规定不低于 200.00 元，按下限计" in post and "从一体化管理村卫生室运行保障经费中列支，不另计入合计" in post


def test_english_explanations_are_rendered_from_the_same_traces(catalogue: Catalogue) -> None:
    result = run(catalogue, "nanxun", [{"机构编码": "V", "机构类型": "移动医疗车", "新增": "是", "启用日期": "2025-07-01"}])
    [line] = to_json(result, "en")["lines"]
    assert line["explanation"] == ("250,000.00 yuan/vehicle·year × 1 × 6/12 months (2025-07 to 2025-12) = "
                                   "125,000.00 yuan; newly added (新增); basis: 浔政办发〔2024〕25号 正文二(四)11及脚注7")
    [entry] = to_json(run(catalogue, "nanxun", [{"机构编码": "V", "机构类型": "移动医疗车"}]), "en")["not_counted"]
    assert entry["message"] == "not newly added (新增)"


def test_the_principals_multiple_is_shown_as_its_parts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(EXAMPLES / "xx-performance-2025.xlsx"), "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)["lines"]
    principal = next(line for line in lines if line["standard_id"] == "xx_talent.principal_pay")
    assert "110% + 10% + 10% = 130%" in principal["explanation"]
    assert "单位年人均绩效工资 130,000.00 元" in principal["explanation"] and "× 180%" in principal["explanation"]


@pytest.mark.parametrize("case", ["nanxun-2025", "wendeng-2025", "wendeng-2025-raised", "xx-performance-2025"])
def test_no_python_value_reaches_a_user(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("zh", "en"):
        assert main(["compute", str(EXAMPLES / f"{case}.xlsx"), "--lang", lang]) == 0
        assert main(["compute", str(EXAMPLES / f"{case}.xlsx"), "--json", "--lang", lang]) == 0
        assert main(["profiles", "--lang", lang]) == 0
        out = capsys.readouterr().out
        for leak in ("None", "nan", "NaT", "Decimal(", "True", "False", "minimum=", "ratio="):
            assert leak not in out.replace('"nanxun', "").replace("nanxun", ""), (lang, leak)


# ================================================================== 6. command line in the officer's language


def test_lang_after_the_subcommand_and_english_compute_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLES / "wendeng-2025.xlsx"), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == "no problems"
    assert main(["compute", str(EXAMPLES / "wendeng-2025.xlsx"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Total: 300,000.00 yuan" in out and "of which: 村卫生室岗位补贴" in out


def test_the_summary_lists_labels_and_ids_only_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(EXAMPLES / "wendeng-2025.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "一体化管理村卫生室运行保障经费" in out and "wendeng.village_clinic_operation" not in out
    assert main(["compute", str(EXAMPLES / "wendeng-2025.xlsx"), "--ids"]) == 0
    assert "wendeng.village_clinic_operation" in capsys.readouterr().out


def test_help_is_in_chinese_and_file_errors_in_one_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["compute", "--help"])
    out = capsys.readouterr().out
    assert "用法：" in out and "测算资金需求" in out and "usage:" not in out
    assert main(["validate", str(tmp_path / "没有.xlsx")]) == 1
    assert "无法读取文件：文件不存在" in capsys.readouterr().out
    assert main(["validate", str(tmp_path / "没有.xlsx"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "cannot read the file: it does not exist" in out and "文件不存在" not in out
