"""The input workbook's fixed vocabulary: sheet names, headers, enumerated values.

These are a user-facing contract (officers' spreadsheets are filled against them), so they
are spelled exactly as the input-workbook specification has them. Internal column names
are English so the catalogue and the engine never depend on how a header is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from budgetcalc.base.ordering import Order

ValueKind = Literal["text", "enum", "count", "number", "bool", "date", "percent"]

SHEET_SETTINGS = "参数"
SHEET_OVERRIDES = "标准调整"
SHEET_FACILITIES = "机构"
SHEET_STAFF = "人员"
SHEET_REGIONS = "区域"
SHEET_PLAN = "规划"
SHEET_GRADES = "考核等次"
SHEET_PAYERS = "资金分担"
SHEET_PRIOR = "上年数"
SHEET_PROJECTS = "绩效目标"

FACILITY_TYPES = (
    "乡镇卫生院", "中心卫生院", "社区卫生服务中心", "社区卫生服务站", "村卫生室",
    "移动医疗车", "急救站", "救护车", "其他",
)
STAFF_CATEGORIES = ("在编", "编外", "乡村医生")
POSTS = ("全科医生", "临床医生", "公共卫生医师", "中医", "护士", "医技", "药剂", "管理", "乡村医生", "其他")
RECRUITMENT = ("常规", "大学生乡村医生专项", "镇聘村用", "县聘乡用", "县聘村用", "乡聘村用")
LICENCES = ("执业医师", "执业助理医师", "乡村全科执业助理医师", "乡村医生执业证", "护士执业证", "无")
TITLES = ("初级", "中级", "副高", "正高", "无")
# the sheet categories of money standards (表一 groups its lines by them)
CATEGORIES = ("机构运行保障", "人员补助", "绩效工资", "奖励", "专项经费", "建设与设备")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: ValueKind
    required: bool = False
    choices: tuple[str, ...] = ()
    default: object = None
    hint: str = ""
    maximum: int | None = None   # a number above it is no plausible value ("too large", the bound named)


FACILITY_COLUMNS: tuple[Column, ...] = (
    Column("code", "机构编码", "text", required=True, hint="唯一编码"),
    Column("name", "机构名称", "text"),
    Column("type", "机构类型", "enum", required=True, choices=FACILITY_TYPES),
    Column("town", "所属镇街", "text"),
    Column("count", "数量", "count", default=1),
    Column("integrated", "一体化管理", "bool", default=False),
    Column("new", "新增", "bool", default=False),
    Column("head_office", "合署办公本部", "bool", default=False),
    Column("start_date", "启用日期", "date", hint="空白＝预算年度前已启用"),
    Column("end_date", "停用日期", "date", hint="空白＝预算年度后仍在用"),
    Column("service_population", "服务人口", "count"),
    Column("grade", "考核等次", "text", hint="单位的考核等次（如 优秀、良好、合格），其档位见“考核等次”表"),
    Column("managing_unit", "所属卫生院", "text",
           hint="一体化管理的村卫生室、服务站等：管理它的卫生院（中心）的机构编码，其经费列入该预算单位；空白＝自身"),
)

STAFF_COLUMNS: tuple[Column, ...] = (
    Column("person_id", "人员编码", "text"),
    Column("name", "姓名", "text"),
    Column("facility_code", "机构编码", "text", required=True),
    Column("count", "人数", "count", default=1),
    Column("category", "编制类型", "enum", required=True, choices=STAFF_CATEGORIES),
    Column("post", "岗位", "enum", choices=POSTS),
    Column("recruitment", "招聘方式", "enum", choices=RECRUITMENT, default="常规"),
    Column("stationed", "驻村", "bool", default=False),
    Column("on_post_date", "到岗日期", "date"),
    Column("off_post_date", "离岗日期", "date"),
    Column("gp_registration_date", "全科注册日期", "date"),
    Column("full_time_graduate", "全日制大中专及以上", "bool", default=False),
    Column("service_years", "基层累计服务年限", "number", maximum=80),
    Column("retirement_date", "退休日期", "date"),
    Column("head_office", "合署办公本部", "bool", default=False),
    Column("principal", "主要负责人", "bool", default=False),
    Column("licence", "执业资格", "enum", choices=LICENCES),
    Column("title", "职称", "enum", choices=TITLES),
    Column("backbone", "骨干人才", "bool", default=False),
)

REGION_COLUMNS: tuple[Column, ...] = (
    Column("town", "镇街", "text", required=True),
    Column("resident_population", "常住人口", "count"),
    Column("service_population", "服务人口", "count"),
    Column("is_street", "街道", "bool", default=False),
)

PLAN_RULES = ("人员增长", "招聘", "新增机构")
PLAN_COLUMNS: tuple[Column, ...] = (
    Column("rule", "规则", "enum", required=True, choices=PLAN_RULES,
           hint="人员增长：每年按百分比增长（复利、整人）；招聘：每年招聘人数；新增机构：该年度新增机构数"),
    Column("value", "数值", "number", hint="人员增长为 %/年；招聘为人/年；新增机构为个数"),
    Column("from_year", "起始年度", "count", hint="空白＝预算年度的下一年"),
    Column("to_year", "截止年度", "count", hint="空白＝一直适用（新增机构只在起始年度）"),
    Column("facility_code", "机构编码", "text", hint="招聘到该机构；人员增长只计该机构"),
    Column("facility_type", "机构类型", "enum", choices=FACILITY_TYPES, hint="人员增长的范围；新增机构的类型"),
    Column("category", "编制类型", "enum", choices=STAFF_CATEGORIES, hint="人员增长的范围；招聘人员的编制类型"),
    Column("post", "岗位", "enum", choices=POSTS),
    Column("recruitment", "招聘方式", "enum", choices=RECRUITMENT),
    Column("integrated", "一体化管理", "bool", default=False, hint="新增机构是否一体化管理"),
    Column("new", "新增", "bool", default=True, hint="新增机构是否计为“新增”（如移动医疗车）"),
    Column("standard_id", "标准编号", "text", hint="人员增长按该逐年安排标准的年增长率（数值空白时）"),
    Column("note", "说明", "text"),
)

OVERRIDE_COLUMNS: tuple[Column, ...] = (
    Column("standard_id", "标准编号", "text", required=True),
    Column("value", "标准值", "text", required=True, hint="标准自身单位的数值"),
    Column("reason", "说明", "text", hint="调整或填报的理由，打印在测算表上"),
    Column("facility_code", "机构编码", "text", hint="用户填报项目：按单位填报时填该单位的机构编码"),
    Column("quantity", "数量", "count", hint="用户填报项目：数量，空白为 1"),
    Column("from_year", "起始年度", "count", hint="空白＝各年度；填写后自该年度起适用（逐年测算）"),
)

LEVELS = ("中央", "省", "市", "县区", "镇街")
FUND_TYPES = ("一般公共预算", "政府性基金预算", "上级转移支付", "社会保险基金预算")
PAYER_COLUMNS: tuple[Column, ...] = (
    Column("standard_id", "标准编号", "text", hint="空白＝本方案全部项目"),
    Column("fund_type", "资金性质", "enum", choices=FUND_TYPES),
    *(Column(f"level_{i}", level, "number", hint="分担比例（%），各级之和为 100", maximum=100)
      for i, level in enumerate(LEVELS)),
    Column("note", "说明", "text"),
)

PRIOR_COLUMNS: tuple[Column, ...] = (
    Column("standard_id", "标准编号", "text", hint="本年度有对应标准的填标准编号"),
    Column("label", "项目", "text", hint="无对应标准的上年项目填名称"),
    Column("budget", "上年预算数", "number", hint="元", maximum=10**12),   # 1 万亿元
    Column("actual", "上年执行数", "number", hint="元，可空", maximum=10**12),
    Column("note", "说明", "text"),
)

PROJECT_COLUMNS: tuple[Column, ...] = (
    Column("project", "项目名称", "text", required=True, hint="绩效目标申报的项目；同名各行为同一项目"),
    Column("standard_id", "标准编号", "text", hint="归入该项目的标准（每行一个）；未归入项目的标准各为一个项目"),
    Column("goal", "年度绩效目标", "text", hint="空白＝按测算自动生成"),
    Column("level1", "一级指标", "text", hint="产出指标、效益指标、满意度指标；空白＝满意度指标"),
    Column("level2", "二级指标", "text", hint="如 服务对象满意度指标、社会效益指标"),
    Column("indicator", "三级指标", "text", hint="如 乡村医生满意度"),
    Column("value", "指标值", "text", hint="如 ≥90%"),
)

SETTINGS_HEADERS = ("项目", "值")

# 参数 sheet items: key, label, kind, required
SETTING_YEAR = "预算年度"
SETTING_PROFILE = "政策标准"
SETTING_UNIT = "编制单位"
SETTING_BASELINE = "绩效工资基准线"
SETTING_GAP_COST = "缺口人员年成本"
SETTING_CONTRACT_STAFF = "编外人员计入核定人数"
SETTING_FISCAL_SHARE = "绩效工资财政保障比例"
SETTING_PROGRAMME_START = "规划起始年度"
SETTING_CASH_PLAN = "用款计划拨付方式"
CASH_PLAN_CHOICES = ("按月", "按季")
SETTING_ORDER = "排序方式"            # how towns, facilities and staff are listed (base.ordering.Order)
ORDER_CHOICES = tuple(o.value for o in Order)
SETTING_FILING_DATE = "填报日期"      # the date signed on the sheets (default: the day of export)
SETTING_ITEMS: tuple[tuple[str, ValueKind], ...] = (
    (SETTING_YEAR, "count"),
    (SETTING_PROFILE, "text"),
    (SETTING_UNIT, "text"),
    (SETTING_BASELINE, "number"),
    ("绩效总量档位", "percent"),
    ("加班档位", "percent"),
    ("全科增核", "percent"),
    ("负责人倍数", "percent"),
    (SETTING_CONTRACT_STAFF, "bool"),
    (SETTING_FISCAL_SHARE, "percent"),
    (SETTING_GAP_COST, "number"),
    (SETTING_PROGRAMME_START, "count"),
    (SETTING_CASH_PLAN, "enum"),
    (SETTING_ORDER, "enum"),
    (SETTING_FILING_DATE, "date"),
)
# the 参数 items that choose a band's point (the others are read by name)
BAND_SETTINGS = ("绩效总量档位", "加班档位", "全科增核", "负责人倍数")

# 考核等次: each grade an officer defines, with the band points a unit of that grade takes
GRADE_COLUMNS: tuple[Column, ...] = (
    Column("grade", "等次", "text", required=True, hint="考核等次的名称，与“机构”表的考核等次一致"),
    *(Column(f"point_{i}", setting, "text", hint="该等次单位的档位（%），空白＝按参数表") for i, setting in
      enumerate(BAND_SETTINGS)),
)

FACILITY_FLAGS = ("integrated", "new", "head_office")
STAFF_FLAGS = ("stationed", "full_time_graduate", "head_office", "principal", "backbone")
STAFF_DATES = ("on_post_date", "off_post_date", "gp_registration_date", "retirement_date")
STAFF_NUMBERS = ("service_years",)

_TRUE = ("是", "Y", "YES", "TRUE", "1", "√", "✓", "✔", "T", "对")
_FALSE = ("否", "N", "NO", "FALSE", "0", "×", "F", "", "不是")
TRUE_WORDS = frozenset(_TRUE + tuple(w.lower() for w in _TRUE) + tuple(w.title() for w in _TRUE))
FALSE_WORDS = frozenset(_FALSE + tuple(w.lower() for w in _FALSE) + tuple(w.title() for w in _FALSE))
