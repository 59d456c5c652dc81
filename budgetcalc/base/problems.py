"""Problems with the user's input, as values.

Validation never stops at the first problem: it returns every problem found, each naming
the sheet, the row number as Excel shows it, the column header, the value found and what
was expected. The command line prints them, the desktop app lists them in a panel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
Lang = Literal["zh", "en"]

# message id → (Chinese, English); {placeholders} are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "file_unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "file_missing": ("无法读取文件：文件不存在", "cannot read the file: it does not exist"),
    "file_not_regular": ("无法读取文件：不是普通文件（文件夹、设备或管道）", "cannot read the file: not a regular file (a folder, device or pipe)"),
    "sheet_missing": ("缺少工作表“{sheet}”", "sheet “{sheet}” is missing"),
    "header_missing": ("缺少列“{column}”", "column “{column}” is missing"),
    "header_duplicate": ("列“{column}”出现了不止一次", "column “{column}” appears more than once"),
    "required": ("必填项为空", "required value is empty"),
    "not_a_number": ("不是数字", "not a number"),
    "not_whole": ("应为整数", "must be a whole number"),
    "negative": ("不能为负数", "must not be negative"),
    "too_large": ("数值过大（上限 {limit}）", "value too large (limit {limit})"),
    "not_a_date": ("不是有效日期", "not a valid date"),
    "not_bool": ("应为“是”或“否”", "must be 是 (yes) or 否 (no)"),
    "not_in_choices": ("不是可选值", "not one of the allowed values"),
    "not_percent": ("不是有效百分比", "not a valid percentage"),
    "duplicate_code": ("机构编码重复（另见第 {other} 行）", "duplicate facility code (also row {other})"),
    "unknown_facility": ("机构编码在“机构”表中不存在", "facility code not found in sheet 机构"),
    "end_before_start": ("停止日期早于开始日期", "end date is before start date"),
    "year_out_of_range": ("预算年度应在 2000–2100 之间", "budget year must be 2000–2100"),
    "unknown_profile": ("没有这个政策标准", "no such policy profile"),
    "unknown_standard": ("该政策标准中没有这个标准编号", "no such standard id in this profile"),
    "override_kind": ("该标准不能在此调整", "this standard cannot be overridden here"),
    "sub_fen": ("金额最多两位小数（到分）", "amounts have at most two decimals (fen)"),
    "duplicate_override": ("同一标准调整了不止一次（另见第 {other} 行）", "standard overridden more than once (also row {other})"),
    "baseline_required": ("该政策标准含绩效工资档位，须填写绩效工资基准线", "this profile has performance-pay bands: 绩效工资基准线 is required"),
    "band_out_of_range": ("超出文件规定的档位范围 {low}%–{high}%", "outside the band {low}%–{high}% set by the document"),
    "not_in_force": ("标准“{standard}”在 {year} 年不在有效期内（{start} 至 {end}），不计金额", "standard “{standard}” is not in force in {year} ({start} to {end}): no money"),
    "trial_ended": ("{profile}{document}的试行期已于 {end} 届满；文件规定如无变化则继续执行，本测算按原标准计列，请核实是否有新文件", "the trial period of {profile} {document} ended on {end}; the document continues it unless changed, so the standards are applied as they are — check for a newer document"),
    "nothing_qualifies": ("按政策标准 {profile}，{year} 年没有任何机构或人员符合条件，合计为 0（是否选错了政策标准？）", "under profile {profile} nothing qualifies in {year} and the total is 0 (is it the right profile?)"),
    "fund_shortfall": ("从“{fund}”中列支的{draws}共 {draws_yuan} 元，超过该经费 {fund_yuan} 元，缺口 {shortfall_yuan} 元已作为单独一行计入合计", "{draws} paid from “{fund}” come to {draws_yuan} yuan, more than the fund's {fund_yuan} yuan: the shortfall of {shortfall_yuan} yuan is added as a line of its own"),
    "norm_town_without_population": ("镇街“{town}”有人员但“区域”表中没有其人口，配置标准未覆盖该镇街", "town “{town}” has staff but no population on sheet 区域: the norms leave it out"),
    "norm_population_without_staff": ("“区域”表中的镇街“{town}”没有任何机构或人员", "town “{town}” of sheet 区域 has no facility or staff"),
    "plan_not_a_growth_schedule": ("该标准编号不是有年增长率的逐年安排标准", "not a schedule with an annual growth"),
    "plan_recruit_needs": ("招聘规则须填写机构编码和编制类型", "a recruitment rule needs 机构编码 and 编制类型"),
    "standard_check": ("{label}：{message}", "{label}: {message_en}"),
    "standard_check_more": ("{label}：另有 {n} 行同样情况（{message}）", "{label}: {n} more rows alike ({message_en})"),
    "unknown_setting": ("未知的参数项（已忽略）", "unknown setting (ignored)"),
    "date_implausible": ("日期不合理（常因把数字当作日期输入）", "implausible date (often a number typed into a date column)"),
    "header_resembles": ("列名“{header}”不是规定的列名，可能应为“{meant}”；该列未被读取", "column “{header}” is not a contract header — did you mean “{meant}”? The column was not read"),
    "column_missing_for": ("缺少列“{column}”，以下标准需要它：{standards}；按空白计算", "column “{column}” is missing and {standards} read it: computed as blank"),
    "town_not_in_regions": ("所属镇街“{town}”不在“区域”表中{hint}", "town “{town}” is not on sheet 区域{hint}"),
    "override_below_minimum": ("低于文件规定的下限 {limit}（{clause}）", "below the document's minimum {limit} ({clause})"),
    "override_above_maximum": ("高于文件规定的上限 {limit}（{clause}）", "above the document's maximum {limit} ({clause})"),
    "override_no_reason": ("标准调整未填写说明（测算表将注明“未填说明”）", "override without a reason (the sheet will say so)"),
    "entry_unknown_facility": ("机构编码在“机构”表中不存在", "facility code not found in sheet 机构"),
    "duplicate_entry": ("同一项目同一单位填报了不止一次（另见第 {other} 行）", "item entered more than once for this unit (also row {other})"),
    "entry_needs_unit": ("该项目按行计算，不能按单位填报（请清空机构编码）", "this item is computed per row: leave 机构编码 blank"),
    "unit_point_not_a_unit": ("按单位调整的档位只适用于机构（该机构不在此档位的核定范围内）",
                              "a unit's point applies to a facility this band covers"),
    "duplicate_grade": ("等次重复（另见第 {other} 行）", "grade defined twice (also row {other})"),
    "grade_setting_unused": ("所选政策标准没有此档位，该列不起作用", "the profile has no such band: the column is not used"),
    "solve_unknown_standard": ("政策标准 {profile} 中没有标准 {id}", "profile {profile} has no standard {id}"),
    "solve_not_adjustable": ("标准 {id} 不能按此方式测算上限（可调：档位、单位标准额、新增机构数）",
                             "{id} cannot be varied this way (a band's point, a rate, or a count of new facilities)"),
    "solve_outside_band": ("测算范围须在文件规定的档位 {low}%–{high}% 之内", "the range must lie in the band {low}%–{high}%"),
    "solve_below_minimum": ("测算范围不能低于文件规定的下限 {low} 元", "the range cannot go below the minimum {low} yuan"),
    "solve_above_maximum": ("测算范围不能高于文件规定的上限 {high} 元", "the range cannot go above the maximum {high} yuan"),
    "solve_empty_range": ("测算范围为空：下限 {low} 大于上限 {high}", "empty range: low {low} is above high {high}"),
    "solve_low_exceeds": ("取下限 {value} 时合计已为 {total} 元，超过预算上限 {ceiling} 元：上限内无解",
                          "even at the low end {value} the total is {total} yuan, above the ceiling of {ceiling} yuan"),
    "payer_shares": ("各级分担比例之和应为 100%（现为 {total}%）", "the levels' shares must add up to 100% (now {total}%)"),
    "managing_unit_unknown": ("所属卫生院的机构编码在“机构”表中不存在", "所属卫生院 is not a facility code of sheet 机构"),
    "managing_unit_not_a_centre": ("所属卫生院应为乡镇卫生院、中心卫生院或社区卫生服务中心", "所属卫生院 should be a health centre"),
    "payer_split_unknown": ("{standard}：文件规定由多级财政负担但未定比例，暂按{words}列示，请在“资金分担”表填写",
                            "{standard}: the document names several payers without shares; shown as {words} until the 资金分担 sheet says"),
    "amount_too_large": ("测算金额过大，超出可精确计算的范围（{limit} 元）：请检查数量、人数与标准调整中的数值",
                         "the amounts are too large to compute exactly (limit {limit} 元): check the counts, "
                         "headcounts and the values on sheet 标准调整"),
    "workbook_cell_unreadable": ("工作簿中有单元格无法读取（常因日期格式的单元格中填了极大或极小的数值）：{detail}",
                                 "a cell of the workbook cannot be read (often a date-formatted cell holding a huge or "
                                 "tiny number): {detail}"),
    "workbook_too_big": ("工作簿解压后过大（{size}，上限 {limit}）：请删除无关的工作表或行后再导入",
                         "the workbook is too large uncompressed ({size}, limit {limit})"),
    "workbook_sheet_too_large": ("工作表范围过大（{rows} 行 × {columns} 列，上限 {max_rows} 行、{max_columns} 列）："
                                 "可能有远处的单元格被误填，请清除后再导入，或按县（区）分别导入",
                                 "a sheet spans too far ({rows} rows × {columns} columns; limits {max_rows} rows, "
                                 "{max_columns} columns): a stray far cell?"),
    "workbook_too_many_cells": ("工作簿单元格过多（{cells} 个，上限 {limit}）：请分县（区）导入或删除无关的行列",
                                "too many cells ({cells}, limit {limit}): import county by county"),
    "workbook_string_too_long": ("有单元格文本超过 Excel 的上限（{limit} 个字符）", "a cell's text exceeds Excel's limit ({limit} characters)"),
    "workbook_strings_too_big": ("长文本被大量单元格引用，展开后过大（{size}，上限 {limit}）",
                                 "long texts referenced by many cells expand too far ({size}, limit {limit})"),
    "unknown_grade": ("考核等次未在“考核等次”表中定义", "grade not defined on sheet 考核等次"),
    "scenario_file_unreadable": ("无法读取方案文件：{detail}", "cannot read the scenario file: {detail}"),
    "scenario_file_too_large": ("方案文件过大（{size} 字节，上限 {limit} 字节），拒绝打开",
                                "the scenario file is too large ({size} bytes, the limit is {limit}): not opened"),
    "scenario_file_not_utf8": ("方案文件不是 UTF-8 编码的文本（第 {offset} 字节无法解码）",
                               "the scenario file is not UTF-8 text (byte {offset} cannot be decoded)"),
    "scenario_file_not_json": ("方案文件不是有效的 JSON（第 {line} 行第 {column} 列有误）",
                               "the scenario file is not valid JSON (line {line}, column {column}: {detail})"),
    "scenario_file_too_deep": ("方案文件嵌套层数过多（超过 {limit} 层），不是本程序保存的方案文件",
                               "the scenario file is nested more than {limit} levels deep: not a file this program saved"),
    "scenario_file_duplicate_key": ("方案文件中同一对象内的键“{key}”出现了不止一次，无法确定取哪一个",
                                    "key “{key}” appears more than once in one object of the scenario file: which one counts is unclear"),
    "scenario_file_number": ("方案文件中的数字 {value} 无效（{reason}）", "the scenario file holds an invalid number {value} ({reason_en})"),
    "scenario_file_not_ours": ("不是本程序的方案文件", "not a scenario file of this program"),
    "scenario_file_version": ("方案文件版本无法识别（“version”为 {value}，应为正整数）",
                              "the scenario file's version is not recognised (“version” is {value}, expected a positive whole number)"),
    "scenario_file_newer": ("该方案文件由更新版本的程序保存（{saved_by}，格式版本 {version}），请升级本程序后再打开",
                            "the scenario file was saved by a newer program ({saved_by}, format version {version}): upgrade to open it"),
    "scenario_file_shape": ("方案文件结构有误：{where}应为{expected}", "the scenario file is malformed: {where_en} should be {expected_en}"),
    "scenario_file_bad_text": ("方案文件中{where}含有无效字符（孤立的代理项 {char}），可能已被其他程序损坏",
                               "{where_en} of the scenario file holds an invalid character (a lone surrogate {char}): another program may have damaged it"),
    "scenario_file_standards": ("方案文件中保存的标准有误：{detail}", "the standards stored in the scenario file are invalid: {detail}"),
    "scenario_file_altered": ("方案文件中保存的标准（{file}）与其校验值不符，已在本程序之外被改动；为免按改动过的标准测算，拒绝打开",
                              "the standards stored in the scenario file ({file}) do not match their checksum: they were changed outside "
                              "this program, and the file is not opened so that nothing is computed with altered standards"),
    "scenario_file_unusable": ("方案文件的输入数据无法读取：{detail}", "the scenario file's input sheets cannot be read: {detail}"),
}

# What was expected, in English; Chinese workbook values (列名、可选值) stay as typed.
_EXPECTED_EN: dict[str, str] = {
    "不小于0的整数": "a whole number ≥ 0",
    "数字": "a number",
    "不小于0的数字": "a number ≥ 0",
    "是/否（也可 Y/N、TRUE/FALSE、1/0、√/空）": "是/否 (or Y/N, TRUE/FALSE, 1/0, √/blank)",
    "日期，如 2025-03-01、2025/3/1 或 2025年3月1日": "a date such as 2025-03-01, 2025/3/1 or 2025年3月1日",
    "日期，如 2025-03-01、2025/3/1、2025.3.1 或 2025年3月1日": "a date such as 2025-03-01, 2025/3/1, 2025.3.1 or 2025年3月1日",
    "1950–2100 年之间的日期": "a date from 1950 to 2100",
    "每个单位只填报一次": "each unit entered once",
    "必填": "a value (required)",
    "四位年份，如 2025": "a four-digit year such as 2025",
    "2000–2100 的年份": "a year from 2000 to 2100",
    "元，最多两位小数": "元 with at most two decimals",
    "百分比，如 110%、1.1 或 110": "a percentage such as 110%, 1.1 or 110",
    "Excel 工作簿（.xlsx）": "an Excel workbook (.xlsx)",
    "每个机构编码只出现一次": "each facility code only once",
    "“机构”表中已有的机构编码": "a facility code listed in sheet 机构",
    "每个标准只调整一次": "each standard overridden only once",
    "金额或档位类标准": "a rate or band standard",
    "金额、档位或人员配置类标准": "a rate, band or staffing-norm standard",
    "每个等次只填一行": "one row per grade",
    "每个项目只填一行": "one row per item",
    "每个标准只归入一个项目": "each standard in one project only",
    "每个标准只填一行": "one row per standard",
    "各级分担比例之和为 100%": "shares adding up to 100%",
    "标准编号或项目名称": "a standard id or an item name",
    "空白": "blank",
    "先在“考核等次”表中定义等次及其档位": "grades and their points defined on sheet 考核等次 first",
}
_EXPECTED_EN_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^不大于(.+)的整数$", r"a whole number ≤ \1"),
    (r"^政策标准 (\S+) 中的标准编号$", r"a standard id of profile \1"),
    (r"^不早于 (.+)$", r"not before \1"),
    (r"^(.+)，或 0（不计）$", r"\1, or 0 (off)"),
    (r"^(.+)，最多两位小数$", r"\1, at most two decimals"),
    (r"^“考核等次”表中的等次：(.+)$", r"a grade of sheet 考核等次: \1"),
)


def expected_text(text: str, lang: Lang) -> str:
    if lang == "zh" or not text:
        return text
    if text in _EXPECTED_EN:
        return _EXPECTED_EN[text]
    for pattern, repl in _EXPECTED_EN_PATTERNS:
        if re.match(pattern, text):
            return re.sub(pattern, repl, text)
    return text


_LONG_NUMBER = re.compile(r"-?\d{19,}(?:\.\d*)?")
MAX_SHOWN = 80


def shown_value(value: str) -> str:
    """A cell's value as a message quotes it: a 309-digit number (a float of 1e308 written out)
    as 1e+308, a text longer than MAX_SHOWN characters cut with an ellipsis."""
    if _LONG_NUMBER.fullmatch(value):
        return f"{float(value):.6g}"
    return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"


@dataclass(frozen=True)
class Problem:
    code: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    expected: str = ""
    severity: Severity = "error"
    params: tuple[tuple[str, str], ...] = field(default=())

    def params_dict(self) -> dict[str, str]:
        return dict(self.params)

    def message(self, lang: Lang = "zh") -> str:
        zh, en = MESSAGES[self.code]
        return (zh if lang == "zh" else en).format(**dict(self.params))

    def format(self, lang: Lang = "zh") -> str:
        """One line, e.g. ``人员 第5行 [人数]：值“-2”：不能为负数；应为：不小于0的整数``."""
        where: list[str] = []
        if self.sheet:
            where.append(self.sheet)
        if self.row is not None:
            where.append(f"第{self.row}行" if lang == "zh" else f"row {self.row}")
        if self.column:
            where.append(f"[{self.column}]")
        head = " ".join(where)
        parts = [self.message(lang)]
        if self.value != "":
            shown = shown_value(self.value)
            parts.insert(0, (f"值“{shown}”" if lang == "zh" else f"value “{shown}”"))
        if self.expected:
            parts.append(("应为：" if lang == "zh" else "expected: ") + expected_text(self.expected, lang))
        tag = ("警告" if lang == "zh" else "warning") if self.severity == "warning" else ""
        body = ("；" if lang == "zh" else "; ").join(parts)
        lead = " ".join(x for x in (tag, head) if x)
        if not lead:
            return body
        return f"{lead}：{body}" if lang == "zh" else f"{lead}: {body}"

    def as_dict(self, lang: Lang = "zh") -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": expected_text(self.expected, lang),
            "message": self.message(lang),
        }


def errors(problems: tuple[Problem, ...] | list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
