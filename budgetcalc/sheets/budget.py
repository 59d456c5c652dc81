"""The 测算表: summary by category with 其中 rows for draws on a fund, the town and facility table,
every line, the performance-pay bands, the rows not counted, and the notes.

``unit`` applies to the summary and the town table, while the line, band and not-counted
tables stay in 元 to the fen so every line can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from budgetcalc.base.money import rmb_upper, round_half_up, yuan_to_fen
from budgetcalc.base.problems import Problem
from budgetcalc.compute.result import Result
from budgetcalc.compute.traces import LineKind
from budgetcalc.filing.prior import PriorItem, PriorYear, against_prior
from budgetcalc.report.comparison import explain_causes
from budgetcalc.report.words import citation, document, value_mark
from budgetcalc.rules.kinds import Band, EnteredRate, MoneyStandard, Per, RateRule, UnitRate
from budgetcalc.sheets.details import band_table, line_table, not_counted_table, town_table
from budgetcalc.sheets.filing import cash_table, codes_table, payers_table, units_table
from budgetcalc.sheets.layout import (
    ROUNDING_LABEL,
    SUMMARY_SHEET,
    BudgetSheet,
    Column,
    DataDate,
    Row,
    RowStyle,
    Table,
    Unit,
    cents,
    chinese_ordinal,
    column_number,
    data_date_of_file,
    make_row,
    numbered,
    sign_off,
    span_of,
)
from budgetcalc.sheets.notes import budget_notes, override_remark
from budgetcalc.sheets.rows import (
    baseline_band_ids,
    int_or_none,
    money_standards,
    person_months,
    rounding_note,
    rounding_rows,
)
from budgetcalc.sheets.staffing import norms_table, targets_table

MAX_NOT_COUNTED_ROWS = 2_000


def data_date_of(result: Result, today: date) -> DataDate:
    """The input file's modification date when the scenario came from a file that still exists."""
    return data_date_of_file(Path(result.scenario.source) if result.scenario.source else None, today)


def build_sheet(result: Result, unit: Unit = "yuan", *, data_date: DataDate, today: date,
                notices: Sequence[Problem] = (), not_counted: bool = True, prior: Result | None = None) -> BudgetSheet:
    """The whole sheet. ``notices`` are the input's own warnings (shown under 数据提示 with the
    computation's); ``not_counted`` adds the table of rows not counted or counted in part; last
    year (``prior``'s computation, else the 上年数 sheet) adds 上年 and 增减 columns to 表一."""
    profile = result.profile
    settings = result.scenario.settings
    tables = [_summary_table(result, unit, against_prior(result, prior)), town_table(result, unit), line_table(result)]
    if (result.lines["kind"] == "band").any():
        tables.append(band_table(result))
    if not_counted and len(result.not_counted()):
        tables.append(not_counted_table(result))
    tables.extend(t for t in (norms_table(result), targets_table(result)) if t is not None)
    if len(result.lines):
        tables.extend((codes_table(result, unit), payers_table(result, unit), units_table(result, unit),
                       cash_table(result, unit)))
    return BudgetSheet(
        title=f"{result.year}年度基层医疗卫生补助资金测算表",
        preparer=f"编制单位（盖章）：{settings.unit_name}",
        unit=unit,
        header_lines=(f"预算年度：{result.year}年", f"政策标准：{profile.name} {document(profile)}"),
        tables=tuple(tables),
        notes=budget_notes(result, unit, data_date, tuple(dict.fromkeys(tuple(notices) + result.warnings))),
        sign_off=sign_off(settings.filing_date, today, "单位负责人：", "审核人：", "制表人："),
        total_fen=result.total_fen,
        total_words=rmb_upper(result.total_fen),
    )


# ------------------------------------------------------------------ 表一 汇总


_SUMMARY_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("item", "项目", width=24),
    Column("basis", "政策依据（文号、条款）", width=32),
    Column("rate", "标准", "rate", 13),
    Column("rate_unit", "单位", width=16),
    Column("quantity", "数量", "count", 8),
    Column("months", "月数", "count", 8),
    Column("amount", "金额", "money", 15),
    Column("source", "资金来源", width=12),
    Column("remark", "备注", width=22),
))
# with last year: 上年预算数 before, 增减额、增减率、增减原因 after 本年测算数
_PRIOR_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("item", "项目", width=22),
    Column("basis", "政策依据（文号、条款）", width=24),
    Column("rate", "标准", "rate", 12),
    Column("rate_unit", "单位", width=12),
    Column("quantity", "数量", "count", 7),
    Column("months", "月数", "count", 7),
    Column("prior", "上年预算数", "money", 14),
    Column("amount", "本年测算数", "money", 14),
    Column("delta", "增减额", "money", 14),
    Column("delta_rate", "增减率", width=9),
    Column("cause", "增减原因", width=22),
    Column("source", "资金来源", width=10),
    Column("remark", "备注", width=18),
))


def _effective_rates(result: Result, std: MoneyStandard) -> set[int]:
    """The rate in fen per unit that each line was computed at (a band's: baseline × point)."""
    value = result.values[std.id]
    if isinstance(std, UnitRate):
        return {yuan_to_fen(value.amount)} if value.amount is not None else set()
    if isinstance(std, EnteredRate):
        return {yuan_to_fen(e.value) for e in value.entries}
    own = result.lines[result.lines["standard_id"] == std.id]
    pairs = own[["rate_num", "rate_den"]].drop_duplicates()  # exact fen per person-month
    return {round_half_up(Fraction(int(n) * 12, int(d))) for n, d in pairs.itertuples(index=False)}


def _summary_remark(result: Result, std: MoneyStandard, amount_fen: int) -> str:
    parts: list[str] = []
    value = result.values[std.id]
    if value.overridden:
        parts.append(override_remark(result, std))
    if isinstance(std, Band):
        point = result.lines.loc[result.lines["standard_id"] == std.id, "point"]
        chosen = "、".join(sorted(set(point))) if len(point) else "—"
        parts.append(f"档位 {std.low}%–{std.high}%，选定 {chosen}%，见绩效工资表")
    if amount_fen == 0:
        parts.append("本年度无符合条件的对象")
    if std.draws_on:
        parts.append(f"从{result.standard(std.draws_on).label}中列支，不另计入合计")
    return "；".join(parts)


def _formula_note(result: Result, columns: Sequence[Column], unit: Unit) -> str:
    rate, qty, months, amount = (column_number(columns, k) for k in ("rate", "quantity", "months", "amount"))
    stds = money_standards(result)
    pers = {s.per for s in stds if isinstance(s, RateRule)}
    parts = []
    if Per.YEAR in pers or any(isinstance(s, Band) for s in stds):
        parts.append(f"{amount}={rate}×{months}÷12（按年标准）")
    if Per.MONTH in pers:
        parts.append(f"{amount}={rate}×{months}（按月标准）")
    if Per.ONCE in pers:
        parts.append(f"{amount}={rate}×{qty}（一次性）")
    draws = "；标“其中”的行从上一行经费中列支，金额不计入小计与合计" if result.profile.draws() else ""
    return ("；".join(parts) + f"；{months}为各明细行数量×月数之和；{amount}为各明细行金额（四舍五入到分）之和"
            + draws + rounding_note(unit))


def _standard_counts(result: Result) -> dict[str, tuple[int | None, int | None]]:
    """数量 and 月数 of each standard, summed over its lines; None where the amount was not
    computed from them (one-off months, baseline-band headcounts)."""
    baseline = baseline_band_ids(result)
    own = result.lines[result.lines["line_kind"] == LineKind.STANDARD.value]
    found = (own.assign(pm=person_months(own, baseline)).groupby("standard_id", sort=False)
             [["quantity", "pm"]].sum(min_count=1).to_dict("index"))
    out: dict[str, tuple[int | None, int | None]] = {}
    for std in money_standards(result):
        sums = found.get(std.id, {"quantity": 0, "pm": 0})
        quantity = None if std.id in baseline else int(sums["quantity"])
        once = isinstance(std, RateRule) and std.per == Per.ONCE
        months = None if std.id in baseline or once else int_or_none(sums["pm"])
        out[std.id] = (quantity, months)
    return out


def _prior_cells(item: PriorItem | None, unit: Unit, current_fen: int) -> dict[str, object]:
    """上年预算数, 增减额, 增减率 and 增减原因 of a row (blank where last year gave nothing)."""
    if item is None or item.prior_fen is None:
        return {"delta": cents(current_fen, unit) or None, "cause": "新增项目" if current_fen else ""}
    delta = current_fen - item.prior_fen
    rate = item.rate
    cause = explain_causes(dict(item.causes)) if item.causes else item.note
    return {"prior": cents(item.prior_fen, unit), "delta": cents(delta, unit),
            "delta_rate": "" if rate is None else f"{rate:+.2f}%", "cause": cause}


def _item_row(result: Result, std: MoneyStandard, number: str, label: str, fen: int,
              counts: dict[str, tuple[int | None, int | None]], unit: Unit, style: RowStyle = "item",
              prior: PriorYear | None = None) -> Row:
    cols = _PRIOR_COLUMNS if prior is not None else _SUMMARY_COLUMNS
    rates = _effective_rates(result, std)
    extra = _prior_cells(prior.item(std.id), unit, fen) if prior is not None else {}
    return make_row(
        cols, style, no=number, item=label + value_mark(result.values[std.id]),
        basis=citation(result.profile, std.clause),
        rate=next(iter(rates)) if len(rates) == 1 else None,
        rate_unit="元/人·年" if isinstance(std, Band) else std.unit,
        quantity=counts[std.id][0], months=counts[std.id][1],
        amount=cents(fen, unit), source=std.funding_source, remark=_summary_remark(result, std, fen), **extra)


def _summary_table(result: Result, unit: Unit, prior: PriorYear | None = None) -> Table:
    cols = _PRIOR_COLUMNS if prior is not None else _SUMMARY_COLUMNS
    sums = result.by_standard()
    counts = _standard_counts(result)
    draws = result.profile.draws()
    shortfall: dict[str, int] = {s.fund: s.shortfall_fen for s in result.shortfalls() if s.shortfall_fen}
    categories: dict[str, list[MoneyStandard]] = {}
    for std in money_standards(result):
        if std.id not in draws:
            categories.setdefault(std.category or "其他", []).append(std)

    def prior_sum(ids: list[str]) -> dict[str, object]:
        if prior is None:
            return {}
        found = [prior.item(i) for i in ids] + [prior.gap(i) for i in ids]
        before = sum(f.prior_fen or 0 for f in found if f is not None)
        now = sum(sums.get(i, 0) for i in ids) + sum(shortfall.get(i, 0) for i in ids)
        return {"prior": cents(before, unit), "delta": cents(now - before, unit)}

    rows: list[Row] = []
    item_no = 0
    category_fens: list[int] = []
    for n, (category, stds) in enumerate(categories.items(), start=1):
        fens = [sums[s.id] for s in stds] + [shortfall[s.id] for s in stds if s.id in shortfall]
        category_fens.append(sum(fens))
        rows.append(make_row(cols, "group", no=chinese_ordinal(n), item=category,
                             amount=cents(sum(fens), unit), remark="小计", **prior_sum([s.id for s in stds])))
        for std in stds:
            item_no += 1
            rows.append(_item_row(result, std, str(item_no), std.label, sums[std.id], counts, unit, prior=prior))
            for draw_id, fund in draws.items():
                if fund == std.id and draw_id in sums:
                    draw = result.money_standard(draw_id)
                    rows.append(_item_row(result, draw, "", f"其中：{draw.label}", sums[draw_id], counts, unit,
                                          "part", prior))
            if std.id in shortfall:
                item_no += 1
                gap = _prior_cells(prior.gap(std.id), unit, shortfall[std.id]) if prior is not None else {}
                rows.append(make_row(cols, no=str(item_no), item=f"{std.label}缺口",
                                     basis=citation(result.profile, std.clause),
                                     amount=cents(shortfall[std.id], unit), source=std.funding_source,
                                     remark="从该经费列支的项目超出经费的部分，另行计入", **gap))
        rows.extend(rounding_rows(cols, fens, unit))
    rows.extend(rounding_rows(cols, category_fens, unit))
    if prior is not None and prior.gone:
        item_no = _gone_rows(rows, cols, prior, item_no, unit, len(categories) + 1)
    label_span = span_of(cols, "item", "months")
    total_prior = ({"prior": cents(prior.prior_total_fen, unit),
                    "delta": cents(result.total_fen - prior.prior_total_fen, unit),
                    "delta_rate": _rate_text(result.total_fen, prior.prior_total_fen)} if prior is not None else {})
    rows.append(make_row(cols, "total", label_span, item="合计", amount=cents(result.total_fen, unit), **total_prior))
    sources = result.by_funding_source()
    for source, fen in sources.items():
        rows.append(make_row(cols, "total", label_span, item=f"其中：{source}", amount=cents(fen, unit)))
    rows.extend(rounding_rows(cols, sources.values(), unit, label=f"其中：{ROUNDING_LABEL}"))
    rows.append(make_row(cols, "words", span_of(cols, "item", "remark"),
                         item=f"合计人民币（大写）：{rmb_upper(result.total_fen)}"))
    note = _formula_note(result, cols, unit)
    if prior is not None:
        src = "上年方案测算结果" if prior.source == "scenario" else "输入工作簿“上年数”表"
        note += (f"；上年预算数取自{src}，增减额＝本年测算数－上年预算数，增减率＝增减额÷上年预算数"
                 + ("；增减原因按上年方案逐行分解" if prior.source == "scenario" else "；增减原因为“上年数”表的说明"))
    return Table(SUMMARY_SHEET, "表一　测算汇总表", unit, cols, tuple(rows), note)


def _rate_text(now: int, before: int) -> str:
    if not before:
        return ""
    return f"{(Decimal((now - before) * 100) / Decimal(before)).quantize(Decimal('0.01'), ROUND_HALF_UP):+.2f}%"


def _gone_rows(rows: list[Row], cols: tuple[Column, ...], prior: PriorYear, item_no: int, unit: Unit,
               group_no: int) -> int:
    """Last year's items with nothing this year: listed, so the 增减 of the total is accounted for."""
    gone = prior.gone
    before = sum(i.prior_fen or 0 for i in gone if i.in_total)
    rows.append(make_row(cols, "group", no=chinese_ordinal(group_no), item="上年安排、本年未列项目",
                         amount=cents(0, unit), prior=cents(before, unit), delta=cents(-before, unit), remark="小计"))
    for item in gone:
        item_no += 1
        rows.append(make_row(cols, no=str(item_no), item=item.label, prior=cents(item.prior_fen or 0, unit),
                             amount=cents(item.current_fen, unit), delta=cents(item.delta_fen, unit),
                             delta_rate="" if item.rate is None else f"{item.rate:+.2f}%",
                             cause=item.note or "本年不再安排"))
    return item_no


