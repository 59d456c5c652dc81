"""The blank input workbook an officer fills in Excel or WPS (``budgetcalc template``).

Headers are the fixed contract of the input-workbook specification; drop-down lists guard
the enumerated columns and date cells carry a date format, so most mistakes never happen.
"""

from __future__ import annotations

from pathlib import Path

from budgetcalc.base.safe_io import atomic_write
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue

TEMPLATE_ROWS = 2000

INSTRUCTIONS = (
    ("基层卫生补助资金测算 输入工作簿", ""),
    ("", ""),
    ("工作表", "用途"),
    ("参数", "预算年度、政策标准（必填），编制单位，绩效工资基准线及档位（仅含绩效工资档位的政策标准）。"),
    ("标准调整", "可选：本方案对标准值的调整（如提标方案），填标准编号、新标准值（按标准自身单位）和说明。"),
    ("机构", "每行一个机构或一组相同机构（“数量”列为几个）。机构编码须唯一。"),
    ("人员", "每行一人或一组相同人员（“人数”列为几人）。机构编码须在“机构”表中存在。"),
    ("区域", "可选：各镇街常住人口、服务人口，用于人员配置标准测算。"),
    ("", ""),
    ("填写规则", ""),
    ("是/否列", "填“是”或“否”（也可 Y/N、TRUE/FALSE、1/0、√/空白），空白视为“否”。"),
    ("日期列", "Excel 日期，或文本 2025-03-01、2025/3/1、2025年3月1日。"),
    ("百分比", "110%、1.1 或 110 均表示 110%。"),
    ("金额", "单位为元，表头注明万元的除外。"),
    ("空白", "选填项空白表示“未填写”，不等于 0。"),
    ("月数", "按整月计：启用（到岗）当月和停用（离岗）当月均计入。"),
    ("", ""),
    ("注意", "表头文字和工作表名称请勿修改；可以增加其他列和工作表，程序会保留并忽略。"),
)


def write_template(target: str | Path, catalogue: Catalogue) -> Path:
    return atomic_write(target, lambda tmp: _build(catalogue).save(tmp))


def _build(catalogue: Catalogue):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    header_font = Font(name="黑体", bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")

    book = Workbook()
    guide = book.active
    guide.title = "说明"
    for row in INSTRUCTIONS:
        guide.append(list(row))
    guide["A1"].font = Font(name="黑体", bold=True, size=14)
    guide.column_dimensions["A"].width = 14
    guide.column_dimensions["B"].width = 90
    for cell in guide["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    def header(ws, titles: list[str], widths: list[int]) -> None:  # type: ignore[no-untyped-def]
        ws.append(titles)
        for j, w in enumerate(widths, start=1):
            cell = ws.cell(row=1, column=j)
            cell.font, cell.fill = header_font, header_fill
            ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = "A2"

    def choose(ws, column: int, choices: tuple[str, ...], title: str) -> None:  # type: ignore[no-untyped-def]
        letter = get_column_letter(column)
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="输入有误", error=f"{title}：请从下拉列表中选择")
        dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        ws.add_data_validation(dv)

    settings = book.create_sheet(vocab.SHEET_SETTINGS)
    header(settings, ["项目", "值", "说明"], [18, 24, 60])
    hints = {
        vocab.SETTING_YEAR: "必填，四位年份，如 2025",
        vocab.SETTING_PROFILE: "必填：" + "、".join(catalogue.ids),
        vocab.SETTING_UNIT: "打印在测算表表头",
        vocab.SETTING_BASELINE: "元/人·年；仅含绩效工资档位的政策标准必填",
        "绩效总量档位": "100%–135%，空白取下限",
        "加班档位": "10%–15%，空白取下限",
        "全科增核": "默认 10%，填 0 表示不增核",
        "负责人倍数": "150%–230%，空白取下限",
    }
    for item, _ in vocab.SETTING_ITEMS:
        settings.append([item, None, hints[item]])
    profile_dv = DataValidation(type="list", formula1='"' + ",".join(catalogue.ids) + '"', allow_blank=True)
    profile_dv.add("B3")
    settings.add_data_validation(profile_dv)

    overrides = book.create_sheet(vocab.SHEET_OVERRIDES)
    header(overrides, [c.header for c in vocab.OVERRIDE_COLUMNS], [40, 14, 40])

    for sheet_name, columns in ((vocab.SHEET_FACILITIES, vocab.FACILITY_COLUMNS),
                                (vocab.SHEET_STAFF, vocab.STAFF_COLUMNS),
                                (vocab.SHEET_REGIONS, vocab.REGION_COLUMNS)):
        ws = book.create_sheet(sheet_name)
        header(ws, [c.header for c in columns], [max(10, 2 * len(c.header) + 4) for c in columns])
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
