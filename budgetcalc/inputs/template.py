"""The blank input workbook an officer fills in Excel or WPS (``budgetcalc template``).

Headers are the fixed contract of the input-workbook specification; drop-down lists guard
the enumerated columns and date cells carry a date format, so most mistakes never happen.
The 说明 sheet lists every column — required or not, what it holds, which standards of
which document read it — from the catalogue itself, so it cannot drift from the rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from budgetcalc.base.safe_io import atomic_write
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.rules.eligibility import Subject
from budgetcalc.rules.kinds import Band, RateRule

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

TEMPLATE_ROWS = 2000

INSTRUCTIONS = (
    ("基层卫生补助资金测算 输入工作簿", ""),
    ("", ""),
    ("工作表", "用途"),
    ("参数", "预算年度、政策标准（必填），编制单位，绩效工资基准线及档位（仅含绩效工资档位的政策标准）。"),
    ("标准调整", "可选：本方案对标准值的调整（如提标方案），填标准编号、新标准值（按标准自身单位）和说明（必填理由）；"
               "文件未定额、由用户填报的项目也填在这里，可按单位（机构编码）逐行填报金额和数量。"),
    ("机构", "每行一个机构或一组相同机构（“数量”列为几个）。机构编码须唯一。"),
    ("人员", "每行一人或一组相同人员（“人数”列为几人）。机构编码须在“机构”表中存在。"),
    ("区域", "可选：各镇街常住人口、服务人口，用于人员配置标准测算。"),
    ("规划", "可选：逐年测算的增长规则（人员增长%/年、每年招聘人数、某年新增机构），用于多年预测和三年滚动规划。"),
    ("考核等次", "可选：自定的考核等次（如 优秀、良好、合格）及各等次单位的绩效工资档位；在“机构”表的考核等次列为单位选等次。"
                 "单位自身的档位也可在“标准调整”表按机构编码填写（优先于等次）。"),
    ("资金分担", "可选：各项目的资金性质和中央、省、市、县区、镇街分担比例（%，合计100）；标准编号空白的一行适用于全部项目。"),
    ("上年数", "可选：上年预算数、上年执行数（元），按标准编号或项目名称填写；测算汇总表列出增减额、增减率和增减原因（说明）。"),
    ("绩效目标", "可选：把若干标准归并为一个申报项目，并填写满意度等指标；产出指标由测算自动生成。"),
    ("", ""),
    ("填写规则", ""),
    ("是/否列", "填“是”或“否”（也可 Y/N、TRUE/FALSE、1/0、√/空白），空白视为“否”。"),
    ("日期列", "Excel 日期，或文本 2025-03-01、2025/3/1、2025.3.1、2025年3月1日；1950 年以前或 2100 年以后的日期视为输入错误。"),
    ("百分比", "110%、1.1 或 110 均表示 110%。"),
    ("金额", "单位为元，表头注明万元的除外。"),
    ("空白", "选填项空白表示“未填写”，不等于 0；到岗日期空白按预算年度前已到岗计（测算明细中注明）。"),
    ("月数", "按整月计：启用（到岗）当月和停用（离岗）当月均计入。"),
    ("", ""),
    ("注意", "表头文字和工作表名称请勿修改；可以增加其他列和工作表，程序会保留并忽略。与规定列名相近的列名会提示。"),
)

_TIME_COLUMNS = {Subject.FACILITY: ("start_date", "end_date"),
                 Subject.STAFF: ("on_post_date", "off_post_date", "retirement_date")}


def write_template(target: str | Path, catalogue: Catalogue) -> Path:
    return atomic_write(target, lambda tmp: _build(catalogue).save(tmp))


def standards_reading(catalogue: Catalogue) -> dict[tuple[str, str], list[str]]:
    """(sheet, column key) → 'profile: standard' of every money standard that reads the column."""
    out: dict[tuple[str, str], list[str]] = {}
    for profile in catalogue.profiles:
        for std in profile.money_standards:
            rule = std.eligibility if isinstance(std, RateRule) else std.headcount
            read = set(rule.columns_read())
            subject = rule.subject if isinstance(std, RateRule) else Subject.STAFF
            sheet = vocab.SHEET_FACILITIES if subject == Subject.FACILITY else vocab.SHEET_STAFF
            read |= {(sheet, key) for key in _TIME_COLUMNS.get(subject, ())}
            for key in read:
                out.setdefault(key, []).append(f"{profile.name}：{std.label}")
    return out


def _band_hints(catalogue: Catalogue) -> dict[str, str]:
    """The 参数 items that choose band points, with each document's range and default."""
    hints: dict[str, list[str]] = {}
    for profile in catalogue.profiles:
        for band in profile.of_kind(Band):
            off = "，填 0 表示不计" if band.may_be_off else ""
            hints.setdefault(band.setting, []).append(
                f"{profile.name}{band.label} {band.low}%–{band.high}%，空白取 {band.default_point}%{off}")
    return {k: "；".join(v) for k, v in hints.items()}


def _build(catalogue: Catalogue) -> Workbook:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    header_font = Font(name="黑体", bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")

    book = Workbook()
    guide = book.worksheets[0]
    guide.title = "说明"
    for line in INSTRUCTIONS:
        guide.append(list(line))
    guide["A1"].font = Font(name="黑体", bold=True, size=14)
    guide.append([])
    guide.append(["各列说明", "", "", ""])
    guide.append(["工作表", "列名", "必填", "说明及影响的标准"])
    reading = standards_reading(catalogue)
    for sheet_name, columns in ((vocab.SHEET_FACILITIES, vocab.FACILITY_COLUMNS), (vocab.SHEET_STAFF, vocab.STAFF_COLUMNS),
                                (vocab.SHEET_REGIONS, vocab.REGION_COLUMNS), (vocab.SHEET_OVERRIDES, vocab.OVERRIDE_COLUMNS),
                                (vocab.SHEET_PLAN, vocab.PLAN_COLUMNS), (vocab.SHEET_GRADES, vocab.GRADE_COLUMNS),
                                (vocab.SHEET_PAYERS, vocab.PAYER_COLUMNS), (vocab.SHEET_PRIOR, vocab.PRIOR_COLUMNS),
                                (vocab.SHEET_PROJECTS, vocab.PROJECT_COLUMNS)):
        for col in columns:
            choices = f"可选值：{'、'.join(col.choices)}。" if col.choices else ""
            used = reading.get((sheet_name, col.key), [])
            drives = f"影响：{'；'.join(used)}" if used else ""
            hint = f"{col.hint}。" if col.hint else ""
            guide.append([sheet_name, col.header, "是" if col.required else "", hint + choices + drives])
    for letter, width in (("A", 14), ("B", 22), ("C", 6), ("D", 90)):
        guide.column_dimensions[letter].width = width
    for cell in guide["D"]:
        cell.alignment = wrap
    for cell in guide["B"][:len(INSTRUCTIONS)]:
        cell.alignment = wrap

    def header(ws: Worksheet, titles: list[str], widths: list[int], required: frozenset[str] = frozenset()) -> None:
        ws.append(titles)
        for j, w in enumerate(widths, start=1):
            cell = ws.cell(row=1, column=j)
            cell.font, cell.fill = header_font, header_fill
            if titles[j - 1] in required:
                cell.font = Font(name="黑体", bold=True, color="C00000")
            ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = "A2"

    def choose(ws: Worksheet, column: int, choices: tuple[str, ...], title: str) -> None:
        letter = get_column_letter(column)
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="输入有误", error=f"{title}：请从下拉列表中选择")
        dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        ws.add_data_validation(dv)

    settings = book.create_sheet(vocab.SHEET_SETTINGS)
    header(settings, ["项目", "值", "说明"], [18, 24, 80])
    hints = {
        vocab.SETTING_YEAR: "必填，四位年份，如 2025",
        vocab.SETTING_PROFILE: "必填：" + "、".join(f"{p.id}（{p.name}）" for p in catalogue.profiles),
        vocab.SETTING_UNIT: "打印在测算表表头",
        vocab.SETTING_BASELINE: "元/人·年；仅含绩效工资档位的政策标准必填",
        vocab.SETTING_CONTRACT_STAFF: "是/否，默认是：编外人员计入绩效工资核定人数",
        vocab.SETTING_FISCAL_SHARE: "财政保障的绩效工资总量比例，默认 100%（核定总量另列）",
        vocab.SETTING_GAP_COST: "元/人·年；填写后测算人员配置缺口的年成本",
        vocab.SETTING_CASH_PLAN: "分月用款计划中按年补助的拨付方式：按月（默认）或按季（季末拨付）；一次性奖励在发放当月",
        vocab.SETTING_PROGRAMME_START: "未注明年份的规划（如 XX区五年工程）的第一年，默认预算年度的次年",
        vocab.SETTING_ORDER: "测算表、汇总中镇街、机构、人员的排列：录入顺序（默认，按“机构”“人员”表的顺序）或拼音",
        vocab.SETTING_FILING_DATE: "测算表落款的日期，如 2025-01-10；空白＝导出当日",
    } | _band_hints(catalogue)
    for item, _ in vocab.SETTING_ITEMS:
        settings.append([item, None, hints.get(item, "")])
    for cell in settings["C"]:
        cell.alignment = wrap
    profile_dv = DataValidation(type="list", formula1='"' + ",".join(catalogue.ids) + '"', allow_blank=True)
    profile_dv.add("B3")
    settings.add_data_validation(profile_dv)
    items = [item for item, _ in vocab.SETTING_ITEMS]
    order_dv = DataValidation(type="list", formula1='"' + ",".join(vocab.ORDER_CHOICES) + '"', allow_blank=True)
    order_dv.add(f"B{2 + items.index(vocab.SETTING_ORDER)}")
    settings.add_data_validation(order_dv)
    settings.cell(row=2 + items.index(vocab.SETTING_FILING_DATE), column=2).number_format = "yyyy-mm-dd"

    overrides = book.create_sheet(vocab.SHEET_OVERRIDES)
    header(overrides, [c.header for c in vocab.OVERRIDE_COLUMNS], [40, 14, 40, 14, 10],
           frozenset(c.header for c in vocab.OVERRIDE_COLUMNS if c.required))

    for sheet_name, columns in ((vocab.SHEET_FACILITIES, vocab.FACILITY_COLUMNS),
                                (vocab.SHEET_STAFF, vocab.STAFF_COLUMNS),
                                (vocab.SHEET_REGIONS, vocab.REGION_COLUMNS),
                                (vocab.SHEET_PLAN, vocab.PLAN_COLUMNS),
                                (vocab.SHEET_GRADES, vocab.GRADE_COLUMNS),
                                (vocab.SHEET_PAYERS, vocab.PAYER_COLUMNS),
                                (vocab.SHEET_PRIOR, vocab.PRIOR_COLUMNS),
                                (vocab.SHEET_PROJECTS, vocab.PROJECT_COLUMNS)):
        ws = book.create_sheet(sheet_name)
        header(ws, [c.header for c in columns], [max(10, 2 * len(c.header) + 4) for c in columns],
               frozenset(c.header for c in columns if c.required))
        for j, col in enumerate(columns, start=1):
            if col.kind == "enum":
                choose(ws, j, col.choices, col.header)
            elif col.kind == "bool":
                choose(ws, j, ("是", "否"), col.header)
            elif col.kind == "date":
                letter = get_column_letter(j)
                ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
                for r in range(2, TEMPLATE_ROWS + 1):
                    ws.cell(row=r, column=j).number_format = "yyyy-mm-dd"
                ws.column_dimensions[letter].width = 13
        for row in ws.iter_rows(min_row=1, max_row=1):
            for cell in row:
                cell.alignment = Alignment(horizontal="center")
    return book
