"""项目支出绩效目标申报表: one table per project, in the standard layout (一级/二级/三级指标, 指标值)."""

from __future__ import annotations

from datetime import date

from budgetcalc.base.money import format_yuan, rmb_upper
from budgetcalc.compute.result import Result
from budgetcalc.filing.performance import Project, projects
from budgetcalc.report.words import document
from budgetcalc.sheets.layout import BudgetSheet, Column, Note, Row, Table, make_row, numbered, sign_off, span_of

_COLUMNS = numbered((
    Column("level1", "一级指标", width=14),
    Column("level2", "二级指标", width=18),
    Column("name", "三级指标", width=40),
    Column("value", "指标值", width=40),
    Column("basis", "依据", width=22),
))


def _table(result: Result, n: int, project: Project) -> Table:
    cols = _COLUMNS
    whole = span_of(cols, "level2", "basis")
    funds = "；".join(f"{fund} {format_yuan(fen)} 元" for fund, fen in project.by_fund)
    rows: list[Row] = [
        make_row(cols, "group", whole, level1="项目名称", level2=project.name),
        make_row(cols, "item", whole, level1="主管部门", level2=result.scenario.settings.unit_name or "（编制单位）"),
        make_row(cols, "item", whole, level1="项目资金（元）",
                 level2=f"年度资金总额 {format_yuan(project.amount_fen)} 元（{rmb_upper(project.amount_fen)}）；其中：{funds}"),
        make_row(cols, "item", whole, level1="年度绩效目标", level2=project.goal),
        make_row(cols, "group", None, level1="一级指标", level2="二级指标", name="三级指标", value="指标值", basis="依据"),
    ]
    rows += [make_row(cols, level1=i.level1, level2=i.level2, name=i.name, value=i.value, basis=i.basis)
             for i in project.indicators]
    return Table(f"项目{n}", f"项目支出绩效目标申报表（{n}）", "yuan", cols, tuple(rows),
                 "产出指标由本测算生成（数量为补助对象数，成本为执行的补助标准）；效益指标取自政策文件同一部分的目标；"
                 "满意度等指标由用户在“绩效目标”表填报")


def build_performance_sheet(result: Result, *, today: date) -> BudgetSheet:
    profile = result.profile
    found = projects(result)
    tables = tuple(_table(result, n, p) for n, p in enumerate(found, start=1))
    total = sum(p.amount_fen for p in found)
    return BudgetSheet(
        title=f"{result.year}年度项目支出绩效目标申报表",
        preparer=f"申报单位（盖章）：{result.scenario.settings.unit_name}",
        unit="yuan",
        header_lines=(f"预算年度：{result.year}年", f"政策依据：{profile.name} {document(profile)}"),
        tables=tables,
        notes=(Note("说明", (f"共 {len(found)} 个项目，资金合计 {format_yuan(total)} 元，与测算表合计一致。"
                             if total == result.total_fen else
                             f"共 {len(found)} 个项目，资金合计 {format_yuan(total)} 元。",
                             "项目按“绩效目标”表的归并填列；未归并的标准各为一个项目。")),),
        sign_off=sign_off(result.scenario.settings.filing_date, today, "单位负责人：", "财务负责人：", "填表人："),
        total_fen=total,
        total_words=rmb_upper(total),
    )
