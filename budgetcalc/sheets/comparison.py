"""The comparison sheet (方案比较表), in the layout of the budget sheet.

Built as a ``BudgetSheet`` so the same Excel and PDF renderers print it — same header,
numbered columns, sign-off footer and page numbers — with the charts after the tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from budgetcalc.base.money import format_yuan, rmb_upper
from budgetcalc.compare import Comparison, Status, percent
from budgetcalc.report.comparison import basis_note, cause_label, row_causes, row_label
from budgetcalc.report.words import citation
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
    column_number,
    make_row,
    numbered,
    sign_off,
    span_of,
)

_STATUS = {Status.ADDED: "（仅该方案有）", Status.REMOVED: "（该方案无）", Status.NEITHER: "", Status.BOTH: ""}


def build_comparison_sheet(comparison: Comparison, unit: Unit = "yuan", *, today: date,
                           charts: bool = True) -> BudgetSheet:
    base = comparison.results[0]
    years = sorted({r.year for r in comparison.results})
    year_text = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    tables = [_totals_table(comparison, unit), _standards_table(comparison, unit)]
    tables += [_group_table(comparison, unit, by, title, sheet) for by, title, sheet in (
        ("category", "表三　按类别比较", "按类别"), ("funding_source", "表四　按资金来源比较", "按资金来源"),
        ("town", "表五　按镇街比较", "按镇街"))]
    return BudgetSheet(
        title=f"{year_text}年度基层医疗卫生补助资金方案比较表",
        preparer=f"编制单位（盖章）：{base.scenario.settings.unit_name}",
        unit=unit,
        header_lines=(f"基准方案：{comparison.names[0]}", basis_note(comparison)),
        tables=tuple(tables),
        notes=_notes(comparison),
        sign_off=sign_off(base.scenario.settings.filing_date, today, "单位负责人：", "审核人：", "制表人："),
        total_fen=base.total_fen,
        total_words=rmb_upper(base.total_fen),
        charts=_charts(comparison) if charts else (),
        pack_tables=True,
    )


def _scenario_columns(comparison: Comparison) -> list[Column]:
    names = comparison.names
    cols = [Column(f"amount{i}", f"{name}" + ("（基准）" if i == 0 else ""), "money", 15)
            for i, name in enumerate(names)]
    cols += [Column(f"delta{i}", f"{names[i]}比基准增减", "money", 15) for i in range(1, len(names))]
    return cols


def _amount_cells(amounts: Sequence[int], unit: Unit) -> dict[str, Any]:
    cells = {f"amount{i}": cents(fen, unit) for i, fen in enumerate(amounts)}
    cells |= {f"delta{i}": cents(amounts[i] - amounts[0], unit) for i in range(1, len(amounts))}
    return cells


def _totals_table(comparison: Comparison, unit: Unit) -> Table:
    cols = numbered((
        Column("no", "序号", width=6), Column("name", "方案", width=22), Column("basis", "政策标准及年度", width=36),
        Column("amount", "合计金额", "money", 16), Column("delta", "比基准增减", "money", 16),
        Column("pct", "增减幅度", width=11), Column("words", "合计人民币（大写）", width=36),
    ))
    rows: list[Row] = []
    base = comparison.totals_fen[0]
    for i, (name, result) in enumerate(zip(comparison.names, comparison.results, strict=True)):
        delta = comparison.delta_fen[i]
        rows.append(make_row(
            cols, no=str(i + 1), name=name + ("（基准）" if i == 0 else ""),
            basis=f"{result.profile.name} {result.profile.document_number or result.profile.title} {result.year}年度",
            amount=cents(result.total_fen, unit), delta=None if i == 0 else cents(delta, unit),
            pct="" if i == 0 or base == 0 else f"{percent(delta, base)}%", words=rmb_upper(result.total_fen)))
    total_no, delta_no, pct_no = (column_number(cols, k) for k in ("amount", "delta", "pct"))
    note = f"{total_no}为各方案合计，{delta_no}={total_no}−基准方案{total_no}，{pct_no}={delta_no}÷基准方案{total_no}"
    return Table("方案合计", "表一　方案合计比较", unit, cols, tuple(rows), note)


def _standards_table(comparison: Comparison, unit: Unit) -> Table:
    cols = numbered((
        Column("no", "序号", width=6), Column("item", "项目", width=24),
        Column("basis", "政策依据（文号、条款）", width=30),
        *_scenario_columns(comparison), Column("reason", "增减原因", width=34),
    ))
    rows: list[Row] = []
    for n, row in enumerate(comparison.standards, start=1):
        result = next(r for r, present in zip(comparison.results, row.present, strict=True) if present)
        std = result.profile.standard(row.standard_id)
        reasons = [f"{comparison.names[i]}{_STATUS[row.status(i)]}：{row_causes(comparison, row, i)}"
                   for i in range(1, len(comparison.names)) if row.causes[i]]
        rows.append(make_row(cols, "item" if row.in_total else "part", no=str(n), item=row_label(row),
                             basis=citation(result.profile, std.clause),
                             reason="；".join(reasons), **_amount_cells(row.amounts_fen, unit)))
    rows.append(make_row(cols, "total", span_of(cols, "item", "basis"), item="合计",
                         **_amount_cells(comparison.totals_fen, unit)))
    return Table("按标准比较", "表二　按标准比较", unit, cols, tuple(rows),
                 _delta_note(cols, len(comparison.names))
                 + "；原因按标准变化、数量变化、月数变化、新增行、删除行分解，尾差为四舍五入所致"
                 + ("；标“其中”的行从所列经费中列支，不计入合计" if any(not r.in_total for r in comparison.standards) else ""))


def _delta_note(cols: Sequence[Column], scenarios: int) -> str:
    """'(3)=(2)−(1)，(4)=…': each 比基准增减 column from the scenario columns, by their numbers."""
    base = column_number(cols, "amount0")
    return "增减：" + "，".join(f"{column_number(cols, f'delta{i}')}={column_number(cols, f'amount{i}')}−{base}"
                             for i in range(1, scenarios))


def _group_table(comparison: Comparison, unit: Unit, by: str, title: str, sheet: str) -> Table:
    label = {"category": "类别", "funding_source": "资金来源", "town": "镇街"}[by]
    cols = numbered((Column("no", "序号", width=6), Column("item", label, width=24), *_scenario_columns(comparison)))
    groups = comparison.grouped(by)
    rows = [make_row(cols, no=str(n), item=key, **_amount_cells(amounts, unit))
            for n, (key, amounts) in enumerate(groups.items(), start=1)]
    rows.append(make_row(cols, "total", item="合计", **_amount_cells(comparison.totals_fen, unit)))
    return Table(sheet, title, unit, cols, tuple(rows), _delta_note(cols, len(comparison.names)))


def _notes(comparison: Comparison) -> tuple[Note, ...]:
    notes = [Note("一、比较口径", (
        basis_note(comparison) + "。",
        "各方案按各自的政策标准、预算年度和标准调整分别测算，每行金额按四舍五入到分，合计为各行之和。",
        "增减原因按行分解：标准变化＝(新标准−原标准)×原数量×原月数；数量变化＝新标准×(新数量−原数量)×原月数；"
        "月数变化＝新标准×新数量×(新月数−原月数)；新增行、删除行为仅一方有的输入行。各项分别四舍五入到分，"
        "与实际增减之差列为“" + cause_label("rounding") + "”。行按工作表、行号、机构编码和人员对应。",
    ))]
    for i in range(1, len(comparison.names)):
        paragraphs = [f"合计{'增加' if comparison.delta_fen[i] >= 0 else '减少'} "
                      f"{format_yuan(abs(comparison.delta_fen[i]))} 元。"]
        for row in comparison.standards:
            if row.causes[i]:
                paragraphs.append(f"{row_label(row)}{_STATUS[row.status(i)]}：{format_yuan(row.delta_fen(i))} 元"
                                  f"（{row_causes(comparison, row, i)}）。")
        notes.append(Note(f"{chinese_ordinal(i + 1)}、{comparison.names[i]}与{comparison.names[0]}比较", tuple(paragraphs)))
    return tuple(notes)


def _charts(comparison: Comparison) -> tuple[ChartImage, ...]:
    from budgetcalc.sheets.charts import category_bars, figure_png, waterfall

    images = [ChartImage("各方案按类别金额（万元）", figure_png(category_bars(comparison)))]
    images += [ChartImage(f"{comparison.names[0]}→{comparison.names[i]} 差额分解（万元）",
                          figure_png(waterfall(comparison, i))) for i in range(1, len(comparison.names))]
    return tuple(images)
