"""The 测算表: summary by category with 其中 rows for draws on a fund, the town and facility table,
every line, the performance-pay bands, the rows not counted, and the notes.

``unit`` applies to the summary and the town table, while the line, band and not-counted
tables stay in 元 to the fen so every line can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from budgetcalc.base.money import div_half_up, rmb_upper, round_half_up, yuan_to_fen
from budgetcalc.base.problems import Problem
from budgetcalc.compute.result import NO_TOWN, Result
from budgetcalc.compute.traces import LineKind
from budgetcalc.report.explain import formulas, not_counted_messages
from budgetcalc.report.words import citation, describe_eligibility, document
from budgetcalc.rules.kinds import Band, BandBasis, EnteredRate, MoneyStandard, Per, RateRule, UnitRate
from budgetcalc.rules.values import ValueSource
from budgetcalc.sheets.layout import (
    BAND_SHEET,
    LINE_SHEET,
    NOT_COUNTED_SHEET,
    ROUNDING_LABEL,
    SUMMARY_SHEET,
    TOWN_SHEET,
    BudgetSheet,
    Column,
    DataDate,
    Row,
    Table,
    Unit,
    cents,
    chinese_ordinal,
    column_number,
    data_date_of_file,
    make_row,
    numbered,
    rounding_difference,
    span_of,
)
from budgetcalc.sheets.notes import budget_notes, override_remark

_FEN_PER_WAN_HUNDREDTH = 10_000
MAX_NOT_COUNTED_ROWS = 2_000


def data_date_of(result: Result, today: date) -> DataDate:
    """The input file's modification date when the scenario came from a file that still exists."""
    return data_date_of_file(Path(result.scenario.source) if result.scenario.source else None, today)


def build_sheet(result: Result, unit: Unit = "yuan", *, data_date: DataDate, today: date,
                notices: Sequence[Problem] = (), not_counted: bool = True) -> BudgetSheet:
    """The whole sheet. ``notices`` are the input's own warnings (shown under 数据提示 with the
    computation's); ``not_counted`` adds the table of rows not counted or counted in part."""
    profile = result.profile
    settings = result.scenario.settings
    tables = [_summary_table(result, unit), _town_table(result, unit), _line_table(result)]
    if (result.lines["kind"] == "band").any():
        tables.append(_band_table(result))
    if not_counted and len(result.not_counted()):
        tables.append(_not_counted_table(result))
    return BudgetSheet(
        title=f"{result.year}年度基层医疗卫生补助资金测算表",
        preparer=f"编制单位（盖章）：{settings.unit_name}",
        unit=unit,
        header_lines=(f"预算年度：{result.year}年", f"政策标准：{profile.name} {document(profile)}"),
        tables=tuple(tables),
        notes=budget_notes(result, unit, data_date, tuple(dict.fromkeys(tuple(notices) + result.warnings))),
        sign_off=("单位负责人：", "审核人：", "制表人：", f"日期：{today.year}年{today.month}月{today.day}日"),
        total_fen=result.total_fen,
        total_words=rmb_upper(result.total_fen),
    )


def money_standards(result: Result) -> list[MoneyStandard]:
    """The standards with money, in the profile's order (those nothing qualified for included)."""
    ids = result.by_standard()
    return [s for s in result.profile.money_standards if s.id in ids]


def _baseline_band_ids(result: Result) -> set[str]:
    """Bands whose line quantity is a whole-person count derived from person-months, not a headcount."""
    return {s.id for s in result.profile.of_kind(Band) if s.basis == BandBasis.UNIT_BASELINE}


def _person_months(lines: pd.DataFrame, baseline: set[str]) -> pd.Series:
    """Quantity × months per line; missing where it is not what the amount was computed from."""
    pm = (lines["quantity"] * lines["months"]).astype("Float64")
    hidden = (lines["per"] == "once") | lines["standard_id"].isin(baseline) | (lines["line_kind"] != "standard")
    return pm.mask(hidden)


def _int_or_none(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def _ints_or_none(values: pd.Series) -> pd.Series:
    """Python ints, None where missing: cells the renderers can type-check."""
    return values.astype("Int64").astype(object).where(values.notna().to_numpy(), None)


def _cents_column(fen: pd.Series, unit: Unit) -> pd.Series:
    """Non-negative fen as hundredths of the unit, half up, as Python ints (see cents())."""
    if unit == "wan":
        fen = pd.Series(div_half_up(fen.to_numpy(dtype="int64"), _FEN_PER_WAN_HUNDREDTH), index=fen.index)
    return fen.astype(object)


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


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
    if isinstance(std, EnteredRate) and value.source == ValueSource.MISSING:
        parts.append("文件未定额，由用户填报；未填报")
    elif amount_fen == 0:
        parts.append("本年度无符合条件的对象")
    if std.draws_on:
        parts.append(f"从{result.standard(std.draws_on).label}中列支，不另计入合计")
    return "；".join(parts)


def _rounding_note(unit: Unit) -> str:
    return f"；万元数四舍五入保留两位小数，与所列各数之和的差额列为{ROUNDING_LABEL}" if unit == "wan" else ""


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
            + draws + _rounding_note(unit))


def _standard_counts(result: Result) -> dict[str, tuple[int | None, int | None]]:
    """数量 and 月数 of each standard, summed over its lines; None where the amount was not
    computed from them (one-off months, baseline-band headcounts)."""
    baseline = _baseline_band_ids(result)
    own = result.lines[result.lines["line_kind"] == LineKind.STANDARD.value]
    found = (own.assign(pm=_person_months(own, baseline)).groupby("standard_id", sort=False)
             [["quantity", "pm"]].sum(min_count=1).to_dict("index"))
    out: dict[str, tuple[int | None, int | None]] = {}
    for std in money_standards(result):
        sums = found.get(std.id, {"quantity": 0, "pm": 0})
        quantity = None if std.id in baseline else int(sums["quantity"])
        once = isinstance(std, RateRule) and std.per == Per.ONCE
        months = None if std.id in baseline or once else _int_or_none(sums["pm"])
        out[std.id] = (quantity, months)
    return out


def _item_row(result: Result, std: MoneyStandard, number: str, label: str, fen: int,
              counts: dict[str, tuple[int | None, int | None]], unit: Unit, style: str = "item") -> Row:
    cols = _SUMMARY_COLUMNS
    rates = _effective_rates(result, std)
    return make_row(
        cols, style, no=number, item=label + ("（调整）" if result.values[std.id].overridden else ""),  # type: ignore[arg-type]
        basis=citation(result.profile, std.clause),
        rate=next(iter(rates)) if len(rates) == 1 else None,
        rate_unit="元/人·年" if isinstance(std, Band) else std.unit,
        quantity=counts[std.id][0], months=counts[std.id][1],
        amount=cents(fen, unit), source=std.funding_source, remark=_summary_remark(result, std, fen))


def _summary_table(result: Result, unit: Unit) -> Table:
    cols = _SUMMARY_COLUMNS
    sums = result.by_standard()
    counts = _standard_counts(result)
    draws = result.profile.draws()
    shortfall = {s.fund: s.shortfall_fen for s in result.shortfalls() if s.shortfall_fen}
    categories: dict[str, list[MoneyStandard]] = {}
    for std in money_standards(result):
        if std.id not in draws:
            categories.setdefault(std.category or "其他", []).append(std)

    rows: list[Row] = []
    item_no = 0
    category_fens: list[int] = []
    for n, (category, stds) in enumerate(categories.items(), start=1):
        fens = [sums[s.id] for s in stds] + [shortfall[s.id] for s in stds if s.id in shortfall]
        category_fens.append(sum(fens))
        rows.append(make_row(cols, "group", no=chinese_ordinal(n), item=category,
                             amount=cents(sum(fens), unit), remark="小计"))
        for std in stds:
            item_no += 1
            rows.append(_item_row(result, std, str(item_no), std.label, sums[std.id], counts, unit))
            for draw_id, fund in draws.items():
                if fund == std.id and draw_id in sums:
                    draw = result.money_standard(draw_id)
                    rows.append(_item_row(result, draw, "", f"其中：{draw.label}", sums[draw_id], counts, unit,
                                          "part"))
            if std.id in shortfall:
                item_no += 1
                rows.append(make_row(cols, no=str(item_no), item=f"{std.label}缺口",
                                     basis=citation(result.profile, std.clause),
                                     amount=cents(shortfall[std.id], unit), source=std.funding_source,
                                     remark="从该经费列支的项目超出经费的部分，另行计入"))
        rows.extend(_rounding_rows(cols, fens, unit))
    rows.extend(_rounding_rows(cols, category_fens, unit))
    label_span = span_of(cols, "item", "months")
    rows.append(make_row(cols, "total", span=label_span, item="合计", amount=cents(result.total_fen, unit)))
    sources = result.by_funding_source()
    for source, fen in sources.items():
        rows.append(make_row(cols, "total", span=label_span, item=f"其中：{source}", amount=cents(fen, unit)))
    rows.extend(_rounding_rows(cols, sources.values(), unit, label=f"其中：{ROUNDING_LABEL}"))
    rows.append(make_row(cols, "words", span=span_of(cols, "item", "remark"),
                         item=f"合计人民币（大写）：{rmb_upper(result.total_fen)}"))
    return Table(SUMMARY_SHEET, "表一　测算汇总表", unit, cols, tuple(rows), _formula_note(result, cols, unit))


def _rounding_rows(cols: Sequence[Column], parts_fen: Iterable[int], unit: Unit,
                   label: str = ROUNDING_LABEL) -> list[Row]:
    diff = rounding_difference(parts_fen, unit)
    if diff == 0:
        return []
    first_text = next(c.key for c in cols[1:] if c.kind == "text")
    before_amount = cols[[c.key for c in cols].index("amount") - 1].key
    span = span_of(cols, first_text, before_amount)
    return [make_row(cols, "rounding", span=span, **{first_text: label, "amount": diff})]


# ------------------------------------------------------------------ 表二 按镇街、机构


_TOWN_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("town", "镇街", width=14),
    Column("code", "机构编码", width=12),
    Column("facility", "机构名称", width=24),
    Column("item", "项目", width=26),
    Column("quantity", "数量", "count", 8),
    Column("months", "月数", "count", 8),
    Column("amount", "金额", "money", 15),
))


def town_order(result: Result, towns: Iterable[str]) -> list[str]:
    """Towns as the officer listed them (the 机构 sheet's order), the unnamed last."""
    listed = list(dict.fromkeys(result.scenario.facilities["town"].fillna("").astype(str)))
    rank = {t: i for i, t in enumerate(listed)}
    return sorted(dict.fromkeys(towns), key=lambda t: (t == NO_TOWN, rank.get(t, len(rank)), t))


def _town_table(result: Result, unit: Unit) -> Table:
    cols = _TOWN_COLUMNS
    lines = result.lines[result.lines["in_total"].to_numpy(dtype=bool)]
    order = {s.id: i for i, s in enumerate(result.profile.standards)}
    towns = lines["town"].fillna("").replace("", NO_TOWN)
    baseline = lines["standard_id"].isin(_baseline_band_ids(result))
    facility_rank = {c: i for i, c in enumerate(result.scenario.facilities["code"])}
    frame = lines.assign(
        town=towns, pm=_person_months(lines, _baseline_band_ids(result)), order=lines["standard_id"].map(order),
        qty=lines["quantity"].astype("Float64").mask(baseline | (lines["line_kind"] != "standard")),
        facility_code=lines["facility_code"].replace("", "（整体计列）"),
        facility_rank=lines["facility_code"].map(facility_rank).fillna(len(facility_rank)))
    town_rank = {t: i for i, t in enumerate(town_order(result, frame["town"]))}
    frame = frame.assign(town_rank=frame["town"].map(town_rank))
    grouped = (frame.groupby(["town_rank", "town", "facility_rank", "facility_code", "facility_name", "order", "label"],
                             sort=True)[["qty", "pm", "amount_fen"]].sum(min_count=1).reset_index())
    fens = grouped["amount_fen"].astype("int64")
    items = pd.DataFrame({
        "no": pd.RangeIndex(1, len(grouped) + 1).astype(str), "town": grouped["town"],
        "code": grouped["facility_code"], "facility": grouped["facility_name"], "item": grouped["label"],
        "quantity": _ints_or_none(grouped["qty"]), "months": _ints_or_none(grouped["pm"]),
        "amount": _cents_column(fens, unit)})
    records = list(items.itertuples(index=False, name=None))
    rows: list[Row] = []
    town_fens: list[int] = []
    start = 0
    for n, (town, size) in enumerate(grouped.groupby(["town_rank", "town"], sort=True).size().items(), start=1):
        block = fens.iloc[start:start + size].tolist()
        town_fens.append(sum(block))
        rows.append(make_row(cols, "group", span=span_of(cols, "town", "months"), no=chinese_ordinal(n),
                             town=f"{town[1]}（小计）", amount=cents(sum(block), unit)))
        rows.extend(Row(r) for r in records[start:start + size])
        rows.extend(_rounding_rows(cols, block, unit))
        start += size
    rows.extend(_rounding_rows(cols, town_fens, unit))
    rows.append(make_row(cols, "total", span=span_of(cols, "town", "months"), town="合计",
                         amount=cents(result.total_fen, unit)))
    draws = "；从运行保障经费中列支的项目不另列（见表一“其中”行与表三）" if result.profile.draws() else ""
    note = (f"{column_number(cols, 'months')}为数量×月数之和（人·月、车·月等）；"
            "一次性奖励及按核定人数计算的绩效工资不列月数；镇街小计为所属明细行金额之和" + draws + _rounding_note(unit))
    return Table(TOWN_SHEET, "表二　测算明细表（按镇街、机构）", unit, cols, tuple(rows), note)


# ------------------------------------------------------------------ 表三 逐行明细


_LINE_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("town", "镇街", width=10),
    Column("facility", "机构", width=22),
    Column("person", "姓名", width=10),
    Column("source", "数据来源", width=13),
    Column("quantity", "数量", "count", 6),
    Column("period", "起止月份", width=18),
    Column("months", "月数", "count", 6),
    Column("amount", "金额", "money", 14),
    Column("formula", "计算过程", width=50),
))


def _source(lines: pd.DataFrame) -> pd.Series:
    return (lines["sheet"] + "表第" + lines["row"].astype(str) + "行").where(
        (lines["sheet"] != "") & (lines["row"] > 0), "（整体计列）")


def _period(lines: pd.DataFrame) -> pd.Series:
    from budgetcalc.compute.months import month_labels

    valid = (lines["first_month"] > 0).to_numpy()
    first = pd.Series("", index=lines.index, dtype=object)
    last = pd.Series("", index=lines.index, dtype=object)
    if valid.any():
        first[valid] = month_labels(lines.loc[valid, "first_month"].to_numpy(dtype="int64"))
        last[valid] = month_labels(lines.loc[valid, "last_month"].to_numpy(dtype="int64"))
    once = lines["per"] == "once"
    period = (first + " 至 " + last).where(~once, first + "（一次性）")
    return period.where(valid & (lines["line_kind"] == "standard").to_numpy(), "")


def _line_table(result: Result) -> Table:
    """Every budget line, so each figure of the summary can be traced to an input row."""
    cols = _LINE_COLUMNS
    lines = result.lines.reset_index(drop=True)
    code, name = _text(lines["facility_code"]), _text(lines["facility_name"])
    once = lines["per"] == "once"
    baseline = lines["standard_id"].isin(_baseline_band_ids(result)) | (lines["line_kind"] != "standard")
    table = pd.DataFrame({
        "town": _text(lines["town"]),
        "facility": (code + " " + name).str.strip(),
        "person": _text(lines["person"]),
        "source": _source(lines),
        "quantity": lines["quantity"].astype(object).where(~baseline, None),
        "period": _period(lines),
        "months": lines["months"].astype(object).where(~(once | baseline), None),
        "amount": lines["amount_fen"].astype(object),
        "formula": formulas(result, lines) if len(lines) else pd.Series([], dtype=object),
    })
    rows: list[Row] = []
    item_no = 0
    kinds = lines["line_kind"].to_numpy()
    ids = lines["standard_id"].to_numpy()
    blocks: list[tuple[str, Any, str]] = []
    for std in money_standards(result):
        style = "part" if std.draws_on else "item"
        blocks.append((_line_head(result, std), (ids == std.id) & (kinds == LineKind.STANDARD.value), style))
        shortfall = (ids == std.id) & (kinds == LineKind.SHORTFALL.value)
        if shortfall.any():
            blocks.append((f"{std.label}缺口（计入合计）", shortfall, "item"))
    for n, (head, hit, style) in enumerate(blocks, start=1):
        block = table[hit]
        rows.append(make_row(cols, "group", span=span_of(cols, "town", "months"),
                             town=f"（{chinese_ordinal(n)}）{head}", amount=int(lines.loc[hit, "amount_fen"].sum())))
        numbers = [str(i) for i in range(item_no + 1, item_no + len(block) + 1)]
        item_no += len(block)
        rows.extend(Row((no, *cells), style) for no, cells in zip(numbers, block.itertuples(index=False, name=None),
                                                                   strict=True))
    rows.append(make_row(cols, "total", span=span_of(cols, "town", "months"), town="合计", amount=result.total_fen))
    note = "数量、月数、金额取自每一明细行；金额按行四舍五入到分；“数据来源”为输入工作簿的工作表及行号"
    if result.profile.draws():
        note += "；从运行保障经费中列支的项目单列，其金额不计入合计"
    return Table(LINE_SHEET, "表三　逐行明细表", "yuan", cols, tuple(rows), note)


def _line_head(result: Result, std: MoneyStandard) -> str:
    head = f"{std.label}　依据：{citation(result.profile, std.clause)}"
    condition = std.eligibility if isinstance(std, RateRule) else std.headcount
    described = describe_eligibility(condition)
    if described:
        head += f"　条件：{described}"
    if std.draws_on:
        head += f"　（从{result.standard(std.draws_on).label}中列支，不计入合计）"
    return head


# ------------------------------------------------------------------ 表四 绩效工资档位


_BAND_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("facility", "机构", width=20),
    Column("person", "人员", width=10),
    Column("band", "档位区间", width=12),
    Column("point", "选定档位", width=9),
    Column("low", "按下限金额", "money", 15),
    Column("amount", "按选定档位金额", "money", 15),
    Column("high", "按上限金额", "money", 15),
    Column("formula", "计算过程", width=56),
))


def _band_table(result: Result) -> Table:
    cols = _BAND_COLUMNS
    lines = result.lines.reset_index(drop=True)
    texts = formulas(result, lines)
    rows: list[Row] = []
    item_no = 0
    bands = [s for s in money_standards(result) if isinstance(s, Band)]
    for n, std in enumerate(bands, start=1):
        hit = (lines["standard_id"] == std.id).to_numpy()
        block = lines[hit]
        rows.append(make_row(
            cols, "group", span=span_of(cols, "facility", "point"),
            facility=(f"（{chinese_ordinal(n)}）{std.label}　档位 {std.low}%–{std.high}%"
                      f"　依据：{citation(result.profile, std.clause)}"),
            low=int(block["low_fen"].sum()), amount=int(block["amount_fen"].sum()), high=int(block["high_fen"].sum())))
        items = pd.DataFrame({
            "no": pd.RangeIndex(item_no + 1, item_no + len(block) + 1).astype(str),
            "facility": (_text(block["facility_code"]) + " " + _text(block["facility_name"])).str.strip(),
            "person": _text(block["person"]), "band": f"{std.low}%–{std.high}%", "point": _text(block["point"]) + "%",
            "low": block["low_fen"].astype(object), "amount": block["amount_fen"].astype(object),
            "high": block["high_fen"].astype(object), "formula": texts[hit]})
        item_no += len(block)
        rows.extend(Row(r) for r in items.itertuples(index=False, name=None))
    band_lines = lines[lines["kind"] == "band"]
    rows.append(make_row(cols, "total", span=span_of(cols, "facility", "point"), facility="合计",
                         low=int(band_lines["low_fen"].sum()), amount=int(band_lines["amount_fen"].sum()),
                         high=int(band_lines["high_fen"].sum())))
    note = ("同一人数按文件规定档位的下限、选定档位、上限分别测算，供比较；"
            "测算汇总表按选定档位计列；主要负责人年薪不计入单位绩效工资总量")
    return Table(BAND_SHEET, "表四　绩效工资档位测算表", "yuan", cols, tuple(rows), note)


# ------------------------------------------------------------------ 表五 未计入、部分计入


_NOT_COUNTED_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("item", "项目", width=22),
    Column("source", "数据来源", width=13),
    Column("facility", "机构", width=20),
    Column("person", "姓名", width=10),
    Column("months", "计入月数", "count", 8),
    Column("amount", "计入金额", "money", 14),
    Column("reason", "原因", width=56),
))


def _not_counted_table(result: Result) -> Table:
    """Every row a standard addresses that got less than its months in force, or nothing, and why."""
    cols = _NOT_COUNTED_COLUMNS
    frame = result.not_counted().reset_index(drop=True)
    total = len(frame)
    frame = frame.head(MAX_NOT_COUNTED_ROWS)
    items = pd.DataFrame({
        "no": pd.RangeIndex(1, len(frame) + 1).astype(str), "item": _text(frame["label"]),
        "source": _source(frame),
        "facility": (_text(frame["facility_code"]) + " " + _text(frame["facility_name"])).str.strip(),
        "person": _text(frame["person"]), "months": frame["months"].astype(object),
        "amount": frame["amount_fen"].astype(object), "reason": not_counted_messages(result, frame)})
    rows = [Row(r) for r in items.itertuples(index=False, name=None)]
    note = "列出各标准涉及但本年度未计入或未全年计入的行及原因；计入部分已含在表一至表三中"
    if total > len(frame):
        note += f"；共 {total:,} 行，此处列出前 {len(frame):,} 行，其余见 compute --json 的 not_counted"
    return Table(NOT_COUNTED_SHEET, "表五　未计入及部分计入明细表", "yuan", cols, tuple(rows), note)
