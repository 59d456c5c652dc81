"""Builds the sample input workbooks in scenarios/ and the raised-standards 文登 scenario file
(deterministic figures; run to regenerate).

Figures are invented but shaped like a real county's returns: towns, a mix of facility
types, grouped rows with counts, part-year starts, retirements and the recruitment routes
the standards distinguish.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from budgetcalc.rules import vocab  # noqa: E402
from tests.builders import sheets, write_xlsx  # noqa: E402

D = dt.date


def nanxun() -> dict:
    towns = ["南浔镇", "练市镇", "双林镇", "菱湖镇", "和孚镇", "千金镇", "石淙镇", "善琏镇"]
    facilities = []
    for i, town in enumerate(towns, start=1):
        # the four central health centres co-located with the district hospital: their head offices are
        # outside the 细则 (annex 第二条), so their own staff get none of its subsidies
        co_located = town in ("南浔镇", "练市镇", "双林镇", "菱湖镇")
        kind = "中心卫生院" if co_located else "乡镇卫生院"
        facilities.append({"机构编码": f"NX-HC{i:02d}", "机构名称": f"{town[:-1]}{'中心' if kind == '中心卫生院' else ''}卫生院",
                           "机构类型": kind, "所属镇街": town, "服务人口": 30000 + 4000 * i,
                           "合署办公本部": "是" if co_located else "否"})
        facilities.append({"机构编码": f"NX-ST{i:02d}", "机构名称": f"{town[:-1]}各村服务站", "机构类型": "社区卫生服务站",
                           "所属镇街": town, "数量": 6 + i % 4, "一体化管理": "是"})
    facilities += [
        {"机构编码": "NX-MV01", "机构名称": "巡回医疗车1号", "机构类型": "移动医疗车", "所属镇街": "和孚镇", "新增": "是", "启用日期": D(2024, 11, 1)},
        {"机构编码": "NX-MV02", "机构名称": "巡回医疗车2号", "机构类型": "移动医疗车", "所属镇街": "千金镇", "新增": "是", "启用日期": D(2025, 7, 1)},
        {"机构编码": "NX-MV03", "机构名称": "巡回医疗车3号", "机构类型": "移动医疗车", "所属镇街": "石淙镇", "新增": "是", "启用日期": D(2025, 10, 15)},
        {"机构编码": "NX-MV00", "机构名称": "巡回医疗车（原有）", "机构类型": "移动医疗车", "所属镇街": "练市镇", "新增": "否"},
    ]
    staff = []
    for i, _town in enumerate(towns, start=1):
        staff.append({"机构编码": f"NX-ST{i:02d}", "人数": 3 + i % 3, "编制类型": "在编", "岗位": "临床医生", "驻村": "是", "到岗日期": D(2021, 3, 1)})
        staff.append({"机构编码": f"NX-ST{i:02d}", "人数": 1, "编制类型": "在编", "岗位": "护士", "驻村": "是", "到岗日期": D(2024, 4 + i % 6, 1 + 7 * (i % 3))})
        staff.append({"机构编码": f"NX-HC{i:02d}", "人数": 2 + i % 4, "编制类型": "在编", "岗位": "全科医生", "全科注册日期": D(2019, 5, 1)})
        staff.append({"机构编码": f"NX-HC{i:02d}", "人数": 1, "编制类型": "在编", "岗位": "全科医生", "全科注册日期": D(2024, i, 10 + i)})
        staff.append({"机构编码": f"NX-HC{i:02d}", "人数": 18 + 3 * i, "编制类型": "在编", "岗位": "临床医生"})
    staff += [
        {"姓名": "沈某", "机构编码": "NX-HC05", "编制类型": "在编", "岗位": "护士", "全日制大中专及以上": "是", "基层累计服务年限": 31, "退休日期": D(2025, 6, 30)},
        {"姓名": "陆某", "机构编码": "NX-HC01", "编制类型": "在编", "岗位": "临床医生", "全日制大中专及以上": "是", "基层累计服务年限": 33, "退休日期": D(2025, 3, 31), "合署办公本部": "是"},
        {"姓名": "钱某", "机构编码": "NX-HC06", "编制类型": "在编", "岗位": "医技", "全日制大中专及以上": "是", "基层累计服务年限": 36, "退休日期": D(2025, 11, 30)},
        {"姓名": "吴某", "机构编码": "NX-HC07", "编制类型": "在编", "岗位": "药剂", "全日制大中专及以上": "是", "基层累计服务年限": 28, "退休日期": D(2025, 9, 30)},
        {"姓名": "周某", "机构编码": "NX-HC08", "编制类型": "编外", "招聘方式": "县聘乡用", "岗位": "临床医生", "全日制大中专及以上": "是", "基层累计服务年限": 30, "退休日期": D(2025, 8, 31)},
    ]
    regions = [{"镇街": t, "常住人口": 40000 + 5000 * i} for i, t in enumerate(towns)]
    return sheets({"预算年度": 2025, "政策标准": "nanxun", "编制单位": "湖州市南浔区财政局"}, facilities, staff, regions=regions)


def wendeng() -> dict:
    towns = ["龙山街道", "天福街道", "环山街道", "宋村镇", "泽头镇", "大水泊镇", "张家产镇", "高村镇", "侯家镇"]
    facilities, staff = [], []
    for i, town in enumerate(towns, start=1):
        facilities.append({"机构编码": f"WD-HC{i:02d}", "机构名称": f"{town}卫生院", "机构类型": "乡镇卫生院", "所属镇街": town})
        facilities.append({"机构编码": f"WD-VC{i:02d}A", "机构名称": f"{town}一体化村卫生室", "机构类型": "村卫生室", "所属镇街": town,
                           "数量": 8 + i, "一体化管理": "是", "所属卫生院": f"WD-HC{i:02d}"})
        facilities.append({"机构编码": f"WD-VC{i:02d}B", "机构名称": f"{town}其他村卫生室", "机构类型": "村卫生室", "所属镇街": town,
                           "数量": 1 + i % 3, "一体化管理": "否", "所属卫生院": f"WD-HC{i:02d}"})
        staff.append({"机构编码": f"WD-HC{i:02d}", "人数": 20 + 4 * i, "编制类型": "在编", "岗位": "临床医生"})
        staff.append({"机构编码": f"WD-VC{i:02d}A", "人数": 2 + i % 3, "编制类型": "乡村医生", "岗位": "乡村医生",
                      "招聘方式": "大学生乡村医生专项", "到岗日期": D(2023, 9, 1)})
        staff.append({"机构编码": f"WD-VC{i:02d}A", "人数": 1 + i % 2, "编制类型": "乡村医生", "岗位": "乡村医生",
                      "招聘方式": "镇聘村用", "到岗日期": D(2025, 1 + i, 1)})
        staff.append({"机构编码": f"WD-VC{i:02d}A", "人数": 4 + i // 2, "编制类型": "乡村医生", "岗位": "乡村医生",
                      "执业资格": "乡村医生执业证"})
        staff.append({"机构编码": f"WD-VC{i:02d}A", "人数": 4 + (i + 1) // 2, "编制类型": "乡村医生", "岗位": "乡村医生",
                      "执业资格": "执业助理医师"})
    facilities.append({"机构编码": "WD-VC-NEW", "机构名称": "新建一体化村卫生室", "机构类型": "村卫生室", "所属镇街": "宋村镇",
                       "一体化管理": "是", "启用日期": D(2025, 5, 1), "所属卫生院": "WD-HC04"})
    regions = [{"镇街": t, "常住人口": 22000 + 3500 * i} for i, t in enumerate(towns)]
    prior = [{"标准编号": "wendeng.village_clinic_operation", "上年预算数": 1_080_000, "上年执行数": 1_075_000,
              "说明": "新增一体化村卫生室"},
             {"标准编号": "wendeng.village_post_subsidy", "上年预算数": 76_800},
             {"项目": "村卫生室标准化建设补助（一次性）", "上年预算数": 150_000, "说明": "上年一次性安排，本年不再安排"}]
    projects = [{"项目名称": "一体化管理村卫生室运行保障", "标准编号": "wendeng.village_clinic_operation",
                 "三级指标": "乡村医生满意度", "指标值": "≥90%"},
                {"项目名称": "一体化管理村卫生室运行保障", "一级指标": "效益指标", "二级指标": "社会效益指标",
                 "三级指标": "一体化管理村卫生室覆盖率", "指标值": "≥95%"}]
    return sheets({"预算年度": 2025, "政策标准": "wendeng", "编制单位": "威海市文登区财政局"}, facilities, staff,
                  regions=regions, prior=prior, projects=projects)


def xx_talent() -> dict:
    units = [("XX-HC01", "城关镇卫生院", "乡镇卫生院", 46), ("XX-HC02", "东湖镇中心卫生院", "中心卫生院", 58),
             ("XX-CC01", "城南社区卫生服务中心", "社区卫生服务中心", 34), ("XX-HC03", "西山乡卫生院", "乡镇卫生院", 21)]
    facilities, staff = [], []
    for code, name, kind, n in units:
        facilities.append({"机构编码": code, "机构名称": name, "机构类型": kind, "所属镇街": name[:3]})
        staff.append({"机构编码": code, "人数": n - 6, "编制类型": "在编", "岗位": "临床医生"})
        staff.append({"机构编码": code, "人数": 6, "编制类型": "编外", "岗位": "护士"})
        staff.append({"机构编码": code, "人数": 1, "编制类型": "在编", "岗位": "管理", "主要负责人": "是"})
        staff.append({"机构编码": code, "人数": 4, "编制类型": "乡村医生", "岗位": "乡村医生"})
    staff.append({"机构编码": "XX-HC03", "人数": 3, "编制类型": "在编", "岗位": "全科医生", "到岗日期": D(2025, 9, 1)})
    settings = {"预算年度": 2025, "政策标准": "xx_talent", "编制单位": "XX区财政局", "绩效工资基准线": 96000,
                "绩效总量档位": "115%", "加班档位": "12%", "全科增核": "10%", "负责人倍数": "180%"}
    return sheets(settings, facilities, staff)


def lishui() -> dict:
    facilities = [
        {"机构编码": "LS-HC01", "机构名称": "碧湖镇中心卫生院", "机构类型": "中心卫生院", "所属镇街": "碧湖镇"},
        {"机构编码": "LS-HC02", "机构名称": "大港头镇卫生院", "机构类型": "乡镇卫生院", "所属镇街": "大港头镇"},
        {"机构编码": "LS-MV01", "机构名称": "智慧流动医院1号", "机构类型": "移动医疗车", "所属镇街": "碧湖镇"},
        {"机构编码": "LS-MV02", "机构名称": "智慧流动医院2号", "机构类型": "移动医疗车", "所属镇街": "大港头镇", "启用日期": D(2025, 4, 1)},
    ]
    staff = [
        {"机构编码": "LS-HC01", "人数": 64, "编制类型": "在编", "岗位": "临床医生"},
        {"机构编码": "LS-HC02", "人数": 27, "编制类型": "在编", "岗位": "临床医生"},
        {"机构编码": "LS-HC02", "人数": 5, "编制类型": "编外", "岗位": "护士"},
    ]
    overrides = [
        {"标准编号": "lishui.township_allowance", "标准值": 400, "说明": "按市定乡镇工作补贴标准"},
        {"标准编号": "lishui.mobile_hospital_operation", "标准值": 180000, "说明": "按上年度实际运行成本"},
    ]
    return sheets({"预算年度": 2025, "政策标准": "lishui", "编制单位": "丽水市莲都区财政局"}, facilities, staff, overrides)


def zhuzhou() -> dict:
    """A county's 公益一类 guarantee base (人员经费 + 公用经费) with the principals' target salary entered."""
    towns = [("建宁街道", True, 62000), ("白关镇", False, 38000), ("龙头铺镇", False, 41000), ("南阳桥乡", False, 23000)]
    facilities, staff = [], []
    for i, (town, street, _population) in enumerate(towns, start=1):
        kind = "社区卫生服务中心" if street else "乡镇卫生院"
        facilities.append({"机构编码": f"ZZ-HC{i:02d}", "机构名称": f"{town}{'社区卫生服务中心' if street else '卫生院'}",
                           "机构类型": kind, "所属镇街": town})
        facilities.append({"机构编码": f"ZZ-VC{i:02d}", "机构名称": f"{town}各村卫生室", "机构类型": "村卫生室",
                           "所属镇街": town, "数量": 6 + i})
        staff.append({"机构编码": f"ZZ-HC{i:02d}", "人数": 24 + 6 * i, "编制类型": "在编", "岗位": "临床医生"})
        staff.append({"机构编码": f"ZZ-HC{i:02d}", "人数": 1 if i != 4 else 0, "编制类型": "在编", "岗位": "公共卫生医师"})
        staff.append({"机构编码": f"ZZ-HC{i:02d}", "人数": 1, "编制类型": "在编", "岗位": "管理", "主要负责人": "是"})
        staff.append({"机构编码": f"ZZ-VC{i:02d}", "人数": 6 + i, "编制类型": "乡村医生", "岗位": "乡村医生"})
    regions = [{"镇街": town, "常住人口": population, "街道": "是" if street else "否"} for town, street, population in towns]
    overrides = [
        {"标准编号": "zhuzhou.full_guarantee_base", "标准值": 10_000_000, "说明": "全县公益一类人员经费和公用经费（全额保障水平）"},
        {"标准编号": "zhuzhou.principal_target_salary", "标准值": 160_000, "数量": 4, "说明": "四家机构主要负责人目标年薪"},
    ]
    return sheets({"预算年度": 2025, "政策标准": "zhuzhou", "编制单位": "株洲市某县财政局"}, facilities, staff, overrides,
                  regions=regions)


# 文登 with raised standards, saved as a scenario file (the README's compare example)
RAISED = [
    {"标准编号": "wendeng.village_clinic_operation", "标准值": 12_000, "说明": "提标方案"},
    {"标准编号": "wendeng.village_post_subsidy", "标准值": 250, "说明": "提标方案"},
]


def save_raised(path: Path) -> Path:
    from budgetcalc.inputs.reader import read_sheets
    from budgetcalc.rules.catalogue import default_catalogue
    from budgetcalc.scenarios.file import save_scenario

    catalogue = default_catalogue()
    book = wendeng()
    book[vocab.SHEET_OVERRIDES] = sheets({}, overrides=RAISED)[vocab.SHEET_OVERRIDES]
    read = read_sheets(book, catalogue)
    assert read.scenario is not None, read.problems
    return save_scenario(path, read.scenario, catalogue)


if __name__ == "__main__":
    out = ROOT / "scenarios"
    out.mkdir(exist_ok=True)
    for name, build in (("nanxun-2025", nanxun), ("wendeng-2025", wendeng), ("xx_talent-2025", xx_talent),
                        ("lishui-2025", lishui), ("zhuzhou-2025", zhuzhou)):
        write_xlsx(out / f"{name}.xlsx", build())
        print(out / f"{name}.xlsx")
    print(save_raised(out / "wendeng-2025-raised.bcs.json"))
