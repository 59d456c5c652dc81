"""表六 人员配置标准测算表 and 表七 政策目标对照表: the norms and targets beside the money.

A bureau files the money; the health bureau asks what the people cost and whether the
county meets the documents' headcounts and targets. Both tables are the core's rows
(``compute.calculators.staffing`` and ``targets``) laid out, nothing recomputed here.
"""

from __future__ import annotations

from budgetcalc.compute.result import Result
from budgetcalc.report.staffing import norm_rows, share_rows, targets_json
from budgetcalc.report.standards import number
from budgetcalc.sheets.layout import Column, Row, Table, make_row, numbered

NORMS_SHEET, TARGETS_SHEET = "人员配置", "政策目标"

_NORM_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("item", "配置标准", width=26),
    Column("area", "镇街", width=12),
    Column("base", "测算基数", "count", 12),
    Column("required", "应配", width=12),
    Column("actual", "实有", "count", 9),
    Column("gap", "缺口", "count", 9),
    Column("cost", "缺口年成本", "money", 15),
    Column("basis", "依据", width=22),
))

_TARGET_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("item", "目标", width=24),
    Column("goal", "要求", width=40),
    Column("deadline", "期限", width=8),
    Column("basis", "依据", width=22),
    Column("actual", "现状", width=10),
    Column("required", "目标值", width=10),
    Column("status", "结论", width=14),
))

_STATUS = {True: "已达到", False: "未达到", None: "无法由输入测算"}


def norms_table(result: Result) -> Table | None:
    norms, shares = norm_rows(result), share_rows(result)
    if not norms and not shares:
        return None
    cols = _NORM_COLUMNS
    rows: list[Row] = []
    for i, r in enumerate(norms, start=1):
        std = result.standard(r.standard_id)
        need = f"{r.required_min:,}" + (f"–{r.required_max:,}" if r.required_max is not None else "")
        rows.append(make_row(cols, "total" if r.area == "全区" else "item", no=str(i), item=std.label, area=r.area,
                             base=r.base, required=need, actual=r.actual, gap=r.gap, cost=r.cost_fen,
                             basis=std.clause))
    for j, s in enumerate(shares, start=len(norms) + 1):
        std = result.standard(s.standard_id)
        rows.append(make_row(cols, "total" if s.area == "全区" else "item", no=str(j), item=std.label, area=s.area,
                             base=s.group, required=f"≥ {number(s.required)}%",
                             actual=s.members, gap=s.gap, basis=std.clause))
    note = ("应配人数＝比例×人口（常住或服务人口，取自“区域”表），不足一人的按一人计；缺口＝应配下限−实有，不为负；"
            "比例类要求的“测算基数”为该类人员总数，“实有”为其中符合条件的人数，“缺口”为达到比例尚缺人数；"
            "缺口年成本＝缺口×每人年成本（参数表或标准调整表填写）")
    return Table(NORMS_SHEET, "表六　人员配置标准测算表", "yuan", cols, tuple(rows), note)


def targets_table(result: Result) -> Table | None:
    targets = targets_json(result)
    if not targets:
        return None
    cols = _TARGET_COLUMNS
    rows = tuple(make_row(cols, no=str(i), item=t["label"], goal=t["goal"], deadline=str(t["deadline"] or ""),
                          basis=t["citation"], actual=t["actual_text"], required=t["required_text"],
                          status=_STATUS[t["met"]])
                 for i, t in enumerate(targets, start=1))
    note = "现状按本测算的机构、人员数据计算；无法由输入数据测算的目标仅列出要求和期限，供对照"
    return Table(TARGETS_SHEET, "表七　政策目标对照表", "yuan", cols, rows, note)
