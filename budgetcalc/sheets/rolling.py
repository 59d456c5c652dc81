"""三年滚动规划表 (中期财政规划): the budget year and the years after it, in the budget sheet's layout.

Each year's figures are that year's computation (``planning.projection``); the growth
assumptions, schedules and later rates are stated in the notes, so a reader sees what the
later years assume beyond the documents.
"""

from __future__ import annotations

from datetime import date

from budgetcalc.base.money import rmb_upper
from budgetcalc.planning.projection import Projection
from budgetcalc.report.projection import assumptions
from budgetcalc.report.words import citation, document
from budgetcalc.sheets.layout import (
    BudgetSheet,
    ChartImage,
    Column,
    Note,
    Row,
    Table,
    Unit,
    cents,
    chinese_ordinal,
    make_row,
    numbered,
    sign_off,
    span_of,
)


def _columns(projection: Projection) -> tuple[Column, ...]:
    years = [Column(f"y{y.year}", f"{y.year}年", "money", 16) for y in projection.years]
    return numbered((Column("no", "序号", width=6), Column("item", "项目", width=26),
                     Column("basis", "政策依据（文号、条款）", width=30), *years, Column("remark", "备注", width=24)))


def _plan_table(projection: Projection, unit: Unit) -> Table:
    cols = _columns(projection)
    years = projection.years
    first = years[0].result
    order: dict[str, tuple[str, str, str]] = {}
    for y in years:
        for sid in y.result.by_standard():
            if sid not in order:
                std = y.result.money_standard(sid)
                order[sid] = (std.category or "其他", std.label, citation(y.result.profile, std.clause))
    draws = first.profile.draws()
    rows: list[Row] = []
    categories = list(dict.fromkeys(c for c, _, _ in order.values()))
    item_no = 0
    for n, category in enumerate(categories, start=1):
        ids = [sid for sid, (c, _, _) in order.items() if c == category and sid not in draws]
        per_year = [y.result.by_category().get(category, 0) for y in years]
        rows.append(make_row(cols, "group", no=chinese_ordinal(n), item=category, remark="小计",
                             **{f"y{y.year}": cents(f, unit) for y, f in zip(years, per_year, strict=True)}))
        for sid in ids:
            item_no += 1
            _, label, basis = order[sid]
            rows.append(make_row(cols, no=str(item_no), item=label, basis=basis,
                                 **{f"y{y.year}": cents(y.result.by_standard().get(sid, 0), unit) for y in years}))
            for draw, fund in draws.items():
                if fund == sid and draw in order:
                    rows.append(make_row(cols, "part", item=f"其中：{order[draw][1]}", basis=order[draw][2],
                                         remark="从上一行经费中列支，不计入合计",
                                         **{f"y{y.year}": cents(y.result.by_standard().get(draw, 0), unit)
                                            for y in years}))
    rows.append(make_row(cols, "total", span_of(cols, "item", "basis"), item="合计",
                         **{f"y{y.year}": cents(y.result.total_fen, unit) for y in years}))
    note = ("各年度金额为该年度测算数（含该年度有效的标准值、规划新增的机构和人员）；各类别小计、合计为各项目之和"
            + ("；万元数为精确数四舍五入保留两位小数" if unit == "wan" else ""))
    return Table("三年规划", "三年滚动规划表", unit, cols, tuple(rows), note)


def _counts_table(projection: Projection) -> Table:
    years = projection.years
    cols = numbered((Column("no", "序号", width=6), Column("item", "项目", width=30),
                     *[Column(f"y{y.year}", f"{y.year}年", "count", 12) for y in years], Column("remark", "说明", width=40)))
    staff_added = [sum(a.count for a in y.added if a.rule.kind.value != "新增机构") for y in years]
    facilities_added = [sum(a.count for a in y.added if a.rule.kind.value == "新增机构") for y in years]
    rows = (make_row(cols, no="1", item="年末在岗人数（人）", remark="按各年度12月31日在岗计",
                     **{f"y{y.year}": y.staff for y in years}),
            make_row(cols, no="2", item="规划新增人员（人）", remark="“规划”表的人员增长、招聘",
                     **{f"y{y.year}": n for y, n in zip(years, staff_added, strict=True)}),
            make_row(cols, no="3", item="规划新增机构（个）", remark="“规划”表的新增机构",
                     **{f"y{y.year}": n for y, n in zip(years, facilities_added, strict=True)}))
    return Table("人员机构", "逐年人员与机构", "yuan", cols, rows)


def build_rolling_plan(projection: Projection, unit: Unit = "yuan", *, today: date, charts: bool = True) -> BudgetSheet:
    years = projection.years
    first = years[0].result
    profile = first.profile
    span = f"{years[0].year}—{years[-1].year}"
    notes = [Note("一、编制依据", (f"政策标准：{profile.name} {document(profile)}。",
                                   f"基期：{projection.base_year}年度预算测算；规划期：{span}年。")),
             Note("二、测算假设", tuple(f"{i}. {a}。" for i, a in enumerate(assumptions(projection), start=1)))]
    warned = list(dict.fromkeys(w.format() for y in years for w in y.result.warnings))
    if warned:
        notes.append(Note("三、提示", tuple(warned)))
    images: tuple[ChartImage, ...] = ()
    if charts:
        from budgetcalc.sheets.charts import figure_png, projection_bars

        images = (ChartImage("逐年测算（按类别，万元）", figure_png(projection_bars(projection))),)
    return BudgetSheet(
        title=f"{span}年基层医疗卫生补助资金三年滚动规划表" if len(years) == 3 else f"{span}年基层医疗卫生补助资金逐年测算表",
        preparer=f"编制单位（盖章）：{first.scenario.settings.unit_name}",
        unit=unit,
        header_lines=(f"规划期：{span}年", f"政策标准：{profile.name} {document(profile)}"),
        tables=(_plan_table(projection, unit), _counts_table(projection)),
        notes=tuple(notes),
        sign_off=sign_off(first.scenario.settings.filing_date, today, "单位负责人：", "审核人：", "制表人："),
        total_fen=first.total_fen,
        total_words=rmb_upper(first.total_fen),
        charts=images,
    )
