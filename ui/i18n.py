"""Every text the window shows, in Simplified Chinese (default) and English.

One flat catalogue keyed by message id, so a missing translation is a test failure rather
than a half-English window. Problems are not translated here: they come from the core
(``Problem.format(lang)``), the same sentences the command line prints. Workbook
vocabulary (sheet names, enumerated values) stays Chinese in both languages, because it
is what the officer's spreadsheets contain; English column titles carry the Chinese
header in their tooltip.
"""

from __future__ import annotations

from typing import Literal

from budgetcalc.rules import vocab

Lang = Literal["zh", "en"]
_lang: list[Lang] = ["zh"]


def set_lang(lang: Lang) -> None:
    _lang[0] = lang


def lang() -> Lang:
    return _lang[0]


def colon() -> str:
    """The label separator: full-width in Chinese text, ': ' in English."""
    return "：" if _lang[0] == "zh" else ": "


def paren(text: object) -> str:
    return f"（{text}）" if _lang[0] == "zh" else f" ({text})"


def tr(key: str, **params: object) -> str:
    zh, en = MESSAGES[key]
    text = zh if _lang[0] == "zh" else en
    return text.format(**params) if params else text


MESSAGES: dict[str, tuple[str, str]] = {
    "app_title": ("基层卫生补助资金测算", "Grassroots health funding calculator"),
    "untitled": ("未命名方案", "Untitled scenario"),
    "read_only_tag": ("（只读）", " (read-only)"),
    # menus and actions
    "menu_file": ("文件(&F)", "&File"),
    "menu_edit": ("编辑(&E)", "&Edit"),
    "menu_view": ("视图(&V)", "&View"),
    "menu_lang": ("语言 / Language", "Language / 语言"),
    "menu_help": ("帮助(&H)", "&Help"),
    "menu_recent": ("最近打开(&R)", "&Recent"),
    "act_new": ("新建方案(&N)", "&New scenario"),
    "act_open": ("打开(&O)…", "&Open…"),
    "act_save": ("保存(&S)", "&Save"),
    "act_save_as": ("另存为(&A)…", "Save &as…"),
    "act_quit": ("退出(&X)", "E&xit"),
    # budget sheet: export and print
    "menu_export": ("导出测算表(&E)", "&Export budget sheet"),
    "act_export_xlsx": ("导出为 Excel 工作簿(&X)…", "As &Excel workbook…"),
    "act_export_pdf": ("导出为 PDF(&P)…", "As &PDF…"),
    "act_print": ("打印预览与打印(&P)…", "&Print preview and print…"),
    "unit_yuan": ("金额单位：元", "Amounts in 元 (yuan)"),
    "unit_wan": ("金额单位：万元", "Amounts in 万元 (10,000 yuan)"),
    "sheet_file_stem": ("测算表", "budget-sheet"),
    "filter_xlsx": ("Excel 工作簿 (*.xlsx)", "Excel workbook (*.xlsx)"),
    "filter_pdf": ("PDF 文件 (*.pdf)", "PDF file (*.pdf)"),
    "exporting": ("正在导出 {name}…", "Exporting {name}…"),
    "exported": ("已导出测算表：{name}", "Budget sheet exported: {name}"),
    "preparing_print": ("正在生成打印页面…", "Preparing the pages…"),
    "print_preview_title": ("打印预览（共 {pages} 页）", "Print preview ({pages} pages)"),
    "export_refused_title": ("不能生成测算表", "No budget sheet"),
    "export_refused": ("输入有 {n} 个错误（见下方问题列表），改正后才能导出或打印测算表。",
                       "The input has {n} error(s) (see the problems list); correct them to export or print "
                       "the budget sheet."),
    "export_failed_title": ("导出失败", "Export failed"),
    "export_failed": ("测算表未能写出，原有文件未改动（如在 Excel 或 WPS 中打开，请先关闭）：\n{detail}",
                      "The sheet was not written and any existing file is unchanged (close it in Excel or WPS "
                      "if it is open there):\n{detail}"),
    "act_undo": ("撤销", "Undo"),
    "act_redo": ("重做", "Redo"),
    "act_copy": ("复制(&C)", "&Copy"),
    "act_paste": ("粘贴(&P)", "&Paste"),
    "act_clear": ("清除单元格", "Clear cells"),
    "act_add_row": ("添加行", "Add row"),
    "act_dup_row": ("复制行", "Duplicate rows"),
    "act_del_row": ("删除行", "Delete rows"),
    "act_find": ("筛选(&F)", "&Filter"),
    "act_about": ("关于(&A)", "&About"),
    "act_recompute_new": ("改用标准库新值重新测算", "Recompute with the catalogue's new values"),
    "recent_empty": ("（无）", "(none)"),
    "lang_zh": ("中文", "中文 (Chinese)"),
    "lang_en": ("English", "English"),
    # tabs and panels
    "tab_settings": ("参数", "Settings"),
    "tab_facilities": ("机构", "Facilities"),
    "tab_staff": ("人员", "Staff"),
    "tab_regions": ("区域", "Regions"),
    "tab_standards": ("政策标准", "Standards"),
    "problems_title": ("问题", "Problems"),
    "problems_none": ("未发现问题", "No problems"),
    "problems_count": ("{errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "explain_title": ("说明", "Explanation"),
    "explain_hint": ("点击任一金额查看计算过程、所用数据和政策依据。",
                     "Click any figure to see how it was computed, the inputs it used and its legal basis."),
    # settings form
    "profile": ("政策标准", "Policy profile"),
    "year": ("预算年度", "Budget year"),
    "unit_name": ("编制单位", "Preparing unit"),
    "baseline": ("绩效工资基准线（元/人·年）", "Performance-pay baseline (元/person·year)"),
    "band_default": ("默认 {point}%", "default {point}%"),
    "band_range": ("档位 {low}%–{high}%", "band {low}%–{high}%"),
    "recent": ("最近打开", "Recent scenarios"),
    "open_recent_hint": ("双击打开", "Double-click to open"),
    "file_label": ("文件", "File"),
    "standards_stored": ("按方案保存时的标准测算；标准库现有更新的标准值。",
                         "Computed with the standards stored in the scenario; the catalogue now has newer values."),
    # tables
    "filter_placeholder": ("筛选（Ctrl+F）…", "Filter (Ctrl+F)…"),
    "rows_count": ("{shown} / {total} 行", "{shown} / {total} rows"),
    "edit_cell": ("修改 {sheet} 第{row}行 [{column}]", "edit {sheet} row {row} [{column}]"),
    "edit_setting": ("修改 {item}", "change {item}"),
    "paste_cells": ("粘贴 {n} 个单元格", "paste {n} cell(s)"),
    "clear_cells": ("清除 {n} 个单元格", "clear {n} cell(s)"),
    "add_rows": ("添加 {n} 行", "add {n} row(s)"),
    "dup_rows": ("复制 {n} 行", "duplicate {n} row(s)"),
    "del_rows": ("删除 {n} 行", "delete {n} row(s)"),
    "set_override": ("调整标准 {id}", "override {id}"),
    "remove_override": ("取消调整 {id}", "remove override of {id}"),
    "required_tip": ("必填", "required"),
    # result
    "total": ("合计", "Total"),
    "yuan": ("元", "元"),
    "wan": ("万元", "万元"),
    "upper": ("人民币大写", "In words (人民币大写)"),
    "perf_band": ("绩效工资档位", "Performance-pay band"),
    "low": ("低", "low"),
    "chosen": ("选定", "chosen"),
    "high": ("高", "high"),
    "group_by": ("分组", "Group by"),
    "by_standard": ("按标准", "By standard"),
    "by_category": ("按类别", "By category"),
    "by_funding_source": ("按资金来源", "By funding source"),
    "by_town": ("按镇街", "By town"),
    "col_group": ("项目", "Item"),
    "col_amount": ("金额（元）", "Amount (元)"),
    "col_wan": ("万元", "万元"),
    "col_label": ("标准", "Standard"),
    "col_facility": ("机构", "Facility"),
    "col_person": ("人员", "Person"),
    "col_town": ("镇街", "Town"),
    "col_quantity": ("数量", "Qty"),
    "col_months": ("月数", "Months"),
    "col_rate": ("标准值", "Rate"),
    "col_low": ("低档（元）", "Low (元)"),
    "col_high": ("高档（元）", "High (元)"),
    "overridden_mark": ("（调整）", " (overridden)"),
    "no_result": ("输入有错误，暂不测算：请先修正下方列出的问题。",
                  "The input has errors, so nothing is computed yet: fix the problems listed below."),
    "loading": ("正在加载…", "Loading…"),
    "computing": ("正在测算…", "Computing…"),
    "computed_in": ("已测算（{ms} 毫秒）", "Computed ({ms} ms)"),
    # explanation
    "ex_formula": ("计算过程", "Formula"),
    "ex_inputs": ("所用数据", "Inputs used"),
    "ex_row_link": ("{sheet} 第{row}行", "{sheet} row {row}"),
    "ex_staff_of": ("人员表中该机构的人员", "this facility's staff in sheet 人员"),
    "ex_standard": ("标准", "Standard"),
    "ex_value": ("标准值", "Value"),
    "ex_band": ("档位", "Band"),
    "ex_overridden": ("本方案已调整：标准库值 {old}，调整为 {new}；理由：{reason}",
                      "Overridden in this scenario: catalogue value {old}, now {new}; reason: {reason}"),
    "ex_not_overridden": ("未调整（标准库值）", "Not overridden (catalogue value)"),
    "ex_basis": ("政策依据", "Legal basis"),
    "ex_summary": ("条款内容", "What the clause provides"),
    "ex_who": ("适用条件", "Who qualifies"),
    "ex_effective": ("有效期", "In force"),
    "ex_note": ("说明", "Note"),
    "ex_sum_of": ("共 {n} 行之和", "sum of {n} line(s)"),
    "ex_more": ("……另有 {n} 行", "… and {n} more line(s)"),
    "ex_total_parts": ("各标准金额", "By standard"),
    "ex_open": ("起", "onwards"),
    # standards browser
    "std_id": ("标准编号", "Standard id"),
    "std_label": ("名称", "Name"),
    "std_kind": ("类型", "Kind"),
    "std_value": ("标准值", "Value"),
    "std_unit": ("单位", "Unit"),
    "std_effective": ("有效期", "In force"),
    "std_citation": ("依据", "Basis"),
    "std_override": ("本方案调整", "Override"),
    "std_override_btn": ("调整标准值…", "Override value…"),
    "std_remove_btn": ("取消调整", "Remove override"),
    "std_cannot_override": ("只有金额或档位类标准可以调整", "Only rate and band standards can be overridden"),
    "override_title": ("调整标准值", "Override a standard"),
    "override_value": ("本方案采用的值（{unit}）", "Value for this scenario ({unit})"),
    "override_reason": ("调整理由", "Reason"),
    "override_catalogue": ("标准库值：{value}", "Catalogue value: {value}"),
    "override_reason_required": ("请填写调整理由（打印在测算表上）", "Give a reason (it is printed on the sheet)"),
    "enter_title": ("填报标准值", "Enter a rate"),
    "enter_quantity": ("数量（空白为 1）", "Quantity (blank = 1)"),
    "enter_unit": ("填报单位", "For unit"),
    "enter_whole_item": ("（整个项目）", "(the whole item)"),
    "std_enter_btn": ("请填报…", "Enter rate…"),
    "std_to_enter": ("请填报", "to be entered"),
    "ex_entered": ("未定额（由用户填报）", "no amount set (entered by the officer)"),
    "ex_draw": ("从“{fund}”中列支：列为其中项，不计入合计", "paid from “{fund}”: shown under it, not added to the total"),
    "of_which": ("其中：", "of which: "),
    "shortfall": ("{label}缺口（计入合计）", "{label}: shortfall (added to the total)"),
    "nc_count": ("未计入或部分计入（{n}）", "Not counted or in part ({n})"),
    "lines_title": ("明细", "Lines"),
    "nc_marker": ("本行有标准未计入或部分计入：", "A standard counts this row in part or not at all:"),
    "col_reason": ("原因", "Reason"),
    "col_source": ("数据来源", "Source row"),
    "col_months_counted": ("计入月数", "Months counted"),
    "kind_unit_rate": ("定额", "rate"),
    "kind_band": ("档位", "band"),
    "kind_norm": ("配置标准", "norm"),
    "kind_share": ("比例", "share"),
    "kind_schedule": ("进度", "schedule"),
    # files and safety
    "filter_files": ("方案或工作簿 (*.bcs.json *.xlsx);;方案文件 (*.bcs.json);;Excel 工作簿 (*.xlsx)",
                     "Scenarios or workbooks (*.bcs.json *.xlsx);;Scenario files (*.bcs.json);;"
                     "Excel workbooks (*.xlsx)"),
    "filter_scenario": ("方案文件 (*.bcs.json)", "Scenario files (*.bcs.json)"),
    "importing": ("正在导入 {name}…", "Importing {name}…"),
    "stage_read": ("读取工作簿", "reading the workbook"),
    "stage_check": ("检查数据", "checking the data"),
    "stage_compute": ("测算", "computing"),
    "opened": ("已打开 {name}", "Opened {name}"),
    "saved": ("已保存 {name}", "Saved {name}"),
    "saved_draft": ("已保存 {name}（含 {n} 个错误的草稿）", "Saved {name} (a draft with {n} error(s))"),
    "autosaved": ("已自动保存（{time}）", "Autosaved ({time})"),
    "open_failed_title": ("无法打开", "Cannot open"),
    "open_failed": ("无法打开 {name}：\n{detail}", "Cannot open {name}:\n{detail}"),
    "save_failed_title": ("保存失败", "Save failed"),
    "save_failed": ("保存失败，原文件未改动：\n{detail}", "Saving failed; the file on disk is unchanged:\n{detail}"),
    "save_errors_title": ("输入有错误", "The input has errors"),
    "save_errors": ("输入还有 {n} 个错误。仍然保存为草稿，以后再改？",
                    "The input still has {n} error(s). Save it as a draft to finish later?"),
    "save_no_profile": ("请先选择政策标准再保存。", "Choose a policy profile before saving."),
    "unsaved_title": ("未保存的修改", "Unsaved changes"),
    "unsaved": ("“{name}”有未保存的修改。保存吗？", "“{name}” has unsaved changes. Save them?"),
    "import_notes_title": ("导入提示", "Import notes"),
    "import_notes": ("工作簿的以下部分无法放入表格（相应列为空）：\n{notes}",
                     "These parts of the workbook could not be placed in the tables "
                     "(the columns are left empty):\n{notes}"),
    "catalogue_changed_title": ("标准库已更新", "Catalogue updated"),
    "catalogue_changed": ("此方案按保存时的标准计算，金额与当时相同。\n标准库中“{profile}”现有更新的标准值。\n\n"
                          "是否改用标准库的新值重新测算？（选“否”则保持原标准）",
                          "This scenario is computed with the standards saved in it, so the figures are as they were.\n"
                          "The catalogue now has newer values for “{profile}”.\n\n"
                          "Recompute with the catalogue's new values? (No keeps the stored standards)"),
    "upgraded": ("方案文件格式较旧，已备份为 {backup}，保存时将升级为新格式。",
                 "The scenario file is in an older format; it was backed up as {backup} "
                 "and will be upgraded on saving."),
    "locked_title": ("文件已被打开", "File in use"),
    "locked": ("“{name}”正由 {user}（计算机 {host}，进程 {pid}）自 {time} 起打开。\n\n"
               "可以只读打开，或打开一个副本（另存为新文件）。",
               "“{name}” has been open by {user} (computer {host}, process {pid}) since {time}.\n\n"
               "You can open it read-only, or open a copy (saved under a new name)."),
    "locked_read_only": ("只读打开", "Open read-only"),
    "locked_copy": ("打开副本", "Open a copy"),
    "read_only_save": ("此文件以只读方式打开，请另存为新文件。",
                       "This file is open read-only; save it under a new name."),
    "recover_title": ("恢复未保存的工作", "Recover unsaved work"),
    "recover": ("上次程序意外退出，留下了未保存的工作：\n{name}（自动保存于 {time}）。\n\n现在恢复吗？",
                "The program stopped unexpectedly last time and left unsaved work:\n{name} (autosaved {time}).\n\n"
                "Recover it now?"),
    "recovered": ("已恢复未保存的工作", "Unsaved work recovered"),
    "about": ("基层卫生补助资金测算 {version}\n"
              "按政策文件标准测算基层医疗卫生补助资金，精确到分，每个金额都可追溯到条款。",
              "Grassroots health funding calculator {version}\nComputes grassroots health funding from the policy "
              "documents' standards, exact to the fen, every figure traced to its clause."),
    "internal_error": ("程序内部错误，请将以下信息告知开发人员：\n{detail}",
                       "Internal error, please report:\n{detail}"),
    # scenario comparison (方案比较)
    "cmp_act_save_variant": ("另存为变体方案(&V)…", "Save as &variant…"),
    "cmp_variant_word": ("变体", "variant"),
    "cmp_act_compare": ("方案比较(&C)…", "&Compare scenarios…"),
    "cmp_title": ("方案比较", "Compare scenarios"),
    "cmp_files_title": ("方案文件（2–{n} 个，第一个为基准）", "Scenario files (2–{n}, the first is the baseline)"),
    "cmp_baseline_mark": ("基准", "Baseline"),
    "cmp_add": ("添加…", "Add…"),
    "cmp_add_title": ("添加要比较的方案", "Add scenarios to compare"),
    "cmp_remove": ("移除", "Remove"),
    "cmp_up": ("上移", "Up"),
    "cmp_down": ("下移", "Down"),
    "cmp_compare": ("比较", "Compare"),
    "cmp_computing": ("正在打开并测算各方案…", "Opening and computing the scenarios…"),
    "cmp_hint": ("添加 2–6 个方案文件或工作簿，按“比较”。", "Add 2–6 scenario files or workbooks, then press Compare."),
    "cmp_refused_title": ("无法比较", "Cannot compare"),
    "cmp_refused": ("以下文件有错误，未进行比较：\n{problems}",
                    "These files have errors; nothing was compared:\n{problems}"),
    "cmp_unreadable": ("无法读取", "cannot be read"),
    "cmp_more": ("……另有 {n} 条", "… and {n} more"),
    "cmp_failed_title": ("比较失败", "Comparison failed"),
    "cmp_failed": ("无法比较这些文件：\n{detail}", "These files could not be compared:\n{detail}"),
    "cmp_tab_table": ("表格", "Table"),
    "cmp_tab_charts": ("图表", "Charts"),
    "cmp_filter": ("筛选项目或原因…", "Filter items or causes…"),
    "cmp_kind_all": ("全部", "All"),
    "cmp_col_group": ("分组", "Group"),
    "cmp_col_item": ("项目", "Item"),
    "cmp_col_baseline": ("基准（元）", "baseline (元)"),
    "cmp_col_amount": ("金额（元）", "amount (元)"),
    "cmp_col_delta": ("比基准增减（元）", "vs baseline (元)"),
    "cmp_col_pct": ("增减幅度", "change %"),
    "cmp_col_cause": ("增减原因", "why"),
    "cmp_status_added": ("新增标准（仅该方案有）", "added (only in this scenario)"),
    "cmp_status_removed": ("该方案无此标准", "removed (not in this scenario)"),
    "cmp_ex_title": ("{item}：{variant} 比 {base}", "{item}: {variant} vs {base}"),
    "cmp_ex_causes": ("增减原因", "Why"),
    "cmp_ex_town_causes": ("原因按标准分解，见各标准行。", "Causes are split by standard; see the standard rows."),
    "cmp_ex_baseline": ("基准：{name}", "Baseline: {name}"),
    "cmp_ex_variant": ("比较方案：{name}", "Compared: {name}"),
    "cmp_ex_absent": ("该方案没有这一项。", "This scenario has no such item."),
    "cmp_chart_bars": ("各方案按类别金额", "By category"),
    "cmp_chart_waterfall": ("差额分解", "Difference by standard"),
    "cmp_chart_variant": ("比较方案：", "Scenario:"),
    "cmp_export_png": ("导出 PNG…", "Export PNG…"),
    "cmp_export_pdf": ("导出 PDF…", "Export PDF…"),
    "cmp_filter_png": ("PNG 图片 (*.png)", "PNG images (*.png)"),
    "cmp_filter_pdf": ("PDF 文件 (*.pdf)", "PDF files (*.pdf)"),
    "cmp_unit": ("单位：", "Unit:"),
    "cmp_export_sheet": ("导出比较表…", "Export comparison sheet…"),
    "cmp_sheet_name": ("方案比较表", "comparison"),
    "cmp_filter_sheet": ("Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)", "Excel workbooks (*.xlsx);;PDF files (*.pdf)"),
    "cmp_writing": ("正在写出 {name}…", "Writing {name}…"),
    "cmp_written": ("已写出：{name}", "Written: {name}"),
    "cmp_export_failed_title": ("导出失败", "Export failed"),
    "cmp_export_failed": ("导出失败，原有文件未改动：\n{detail}",
                          "Export failed; any existing file is unchanged:\n{detail}"),
}

_HEADERS_EN: dict[str, str] = {
    "机构编码": "Facility code", "机构名称": "Facility name", "机构类型": "Facility type", "所属镇街": "Town",
    "数量": "Count", "一体化管理": "Integrated", "新增": "New", "启用日期": "Start date",
    "停用日期": "End date", "服务人口": "Population", "人员编码": "Person id", "姓名": "Name",
    "人数": "Persons", "编制类型": "Establishment", "岗位": "Post", "招聘方式": "Recruitment",
    "驻村": "Stationed", "到岗日期": "On post from", "离岗日期": "Off post on",
    "全科注册日期": "GP registered", "全日制大中专及以上": "Full-time graduate",
    "基层累计服务年限": "Years of service", "退休日期": "Retires on", "合署办公本部": "Head office",
    "主要负责人": "Principal", "执业资格": "Licence", "职称": "Title", "骨干人才": "Backbone talent",
    "镇街": "Town", "常住人口": "Resident population", "街道": "Street (街道)",
    "标准编号": "Standard id", "标准值": "Value", "说明": "Reason",
}
_SETTINGS_EN: dict[str, str] = {
    "绩效总量档位": "Performance-pay total point", "加班档位": "Overtime point",
    "全科增核": "GP uplift", "负责人倍数": "Principal's multiple",
}


def header(column: vocab.Column) -> str:
    """A column's title: the workbook header in Chinese, an English name in English."""
    return column.header if _lang[0] == "zh" else _HEADERS_EN.get(column.header, column.header)


def setting_label(item: str) -> str:
    return item if _lang[0] == "zh" else _SETTINGS_EN.get(item, item)
