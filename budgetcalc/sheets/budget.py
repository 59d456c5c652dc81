"""The printed 测算表 as plain data: one layout, rendered to Excel, PDF and (later) the print preview.

Everything a reader of the sheet sees is decided here, so the renderers cannot disagree:
which rows, in which order, with which subtotals, notes and sign-off. Cells keep their
type (text, count, money) so Excel gets numbers and PDF the same figures formatted.
Money cells are exact integers in hundredths of their table's unit (fen for 元, 0.01 万元
for 万元), already rounded half up, so no renderer ever rounds or adds.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from budgetcalc.base.money import div_half_up, format_yuan, rmb_upper, yuan_to_fen
from budgetcalc.compute.result import NO_TOWN, Result
from budgetcalc.report import citation
from budgetcalc.rules.catalogue import Standard

Unit = Literal["yuan", "wan"]
UNIT_NAMES: dict[Unit, str] = {"yuan": "元", "wan": "万元"}
ColumnKind = Literal["text", "count", "money", "rate"]
RowStyle = Literal["item", "group", "rounding", "total", "words"]
CellValue = str | int | None

SUMMARY_SHEET, TOWN_SHEET, LINE_SHEET, BAND_SHEET, NOTES_SHEET = "汇总", "明细", "逐行明细", "绩效工资", "测算说明"
ROUNDING_LABEL = "尾差（四舍五入）"
_FEN_PER_WAN_HUNDREDTH = 10_000  # 0.01 万元 = 100 元
_TEXT_NUMBERS = "甲乙丙丁戊己庚辛壬癸"
_CN_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: ColumnKind = "text"
    width: int = 10       # in half-width character cells: a Chinese character takes two
    number: str = ""      # 列次: text columns (甲)(乙)…, figures (1)(2)…, so formulas can cite them


@dataclass(frozen=True)
class Row:
    cells: tuple[CellValue, ...]
    style: RowStyle = "item"
    span: tuple[int, int] | None = None  # first..last column merged, showing the first one's value


@dataclass(frozen=True)
class Table:
    sheet: str            # its own workbook sheet; the PDF starts a new page for it
    title: str
    unit: Unit
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    formula_note: str = ""

    @property
    def unit_label(self) -> str:
        return f"单位：{UNIT_NAMES[self.unit]}"


@dataclass(frozen=True)
class Note:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DataDate:
    """As of when the figures are: the input file's modification date, or failing that the export day."""

    day: date
    file: str = ""  # name of the file whose date it is; "" = the export day

    def describe(self) -> str:
        when = f"{self.day.year}年{self.day.month}月{self.day.day}日"
        if self.file:
            return f"数据日期：{when}（输入文件“{self.file}”的修改日期）"
        return f"数据日期：{when}（导出当日；未取得输入文件的修改日期）"


@dataclass(frozen=True)
class ChartImage:
    """A chart already drawn (PNG), placed after the tables by both renderers."""

    title: str
    png: bytes


@dataclass(frozen=True)
class BudgetSheet:
    title: str
    preparer: str                  # 编制单位（盖章）：…
    unit: Unit
    header_lines: tuple[str, ...]  # budget year, policy profile and its document number
    tables: tuple[Table, ...]
    notes: tuple[Note, ...]
    sign_off: tuple[str, ...]      # 单位负责人 / 审核人 / 制表人 / 日期, on every page
    total_fen: int
    total_words: str
    charts: tuple[ChartImage, ...] = ()


# ------------------------------------------------------------------ figures


def cents(fen: int, unit: Unit) -> int:
    """Fen as hundredths of the unit, rounded half up (0.01 万元 = 10,000 fen)."""
    if unit == "yuan":
        return int(fen)
    return int((Decimal(int(fen)) / _FEN_PER_WAN_HUNDREDTH).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cell_text(column: Column, value: CellValue) -> str:
    """A cell as printed: money and rates with two decimals, counts with thousands separators."""
    if value is None:
        return ""
    if isinstance(value, int) and column.kind in ("money", "rate"):
        return format_yuan(value)  # hundredths of the unit print like fen of a yuan
    if isinstance(value, int):
        return f"{value:,}"
    return value


def rounding_difference(parts_fen: Iterable[int], unit: Unit) -> int:
    """Rounded whole minus the sum of the rounded parts: the 尾差 a reader must be shown."""
    parts = [int(p) for p in parts_fen]
    return cents(sum(parts), unit) - sum(cents(p, unit) for p in parts)


def chinese_ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十; from 100 on, plain digits (a province may have that many towns)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


def numbered(columns: Sequence[Column]) -> tuple[Column, ...]:
    text_no, fig_no, out = 0, 0, []
    for col in columns:
        if col.kind == "text":
            label = f"({_TEXT_NUMBERS[text_no]})"
            text_no += 1
        else:
            fig_no += 1
            label = f"({fig_no})"
        out.append(Column(col.key, col.title, col.kind, col.width, label))
    return tuple(out)


def _num(columns: Sequence[Column], key: str) -> str:
    return next(c.number for c in columns if c.key == key)


def make_row(columns: Sequence[Column], style: RowStyle = "item", span: tuple[int, int] | None = None,
         **cells: Any) -> Row:
    keys = [c.key for c in columns]
    values: list[CellValue] = [None] * len(keys)
    for key, value in cells.items():
        values[keys.index(key)] = value
    return Row(tuple(values), style, span)


def span_of(columns: Sequence[Column], first: str, last: str) -> tuple[int, int]:
    keys = [c.key for c in columns]
    return keys.index(first), keys.index(last)


# ------------------------------------------------------------------ building


def data_date_of(result: Result, today: date) -> DataDate:
    """The input file's modification date when the scenario came from a file that still exists."""
    return data_date_of_file(Path(result.scenario.source) if result.scenario.source else None, today)


def data_date_of_file(source: Path | None, today: date) -> DataDate:
    """``source``'s modification date, or ``today`` when there is no such file (unsaved work)."""
    if source is not None and source.is_file():
        return DataDate(date.fromtimestamp(os.path.getmtime(source)), source.name)
    return DataDate(today)


def build_sheet(result: Result, unit: Unit = "yuan", *, data_date: DataDate, today: date) -> BudgetSheet:
    """The whole sheet; ``unit`` applies to the summary and the town table, while the line and
    performance-pay details stay in 元 to the fen so every line can be checked by hand."""
    profile = result.profile
    settings = result.scenario.settings
    tables = [_summary_table(result, unit), _town_table(result, unit), _line_table(result)]
    if (result.lines["kind"] == "band").any():
        tables.append(_band_table(result))
    return BudgetSheet(
        title=f"{result.year}年度基层医疗卫生补助资金测算表",
        preparer=f"编制单位（盖章）：{settings.unit_name}",
        unit=unit,
        header_lines=(f"预算年度：{result.year}年", f"政策标准：{profile.name} {profile.citation}"),
        tables=tuple(tables),
        notes=_notes(result, unit, data_date),
        sign_off=("单位负责人：", "审核人：", "制表人：", f"日期：{today.year}年{today.month}月{today.day}日"),
        total_fen=result.total_fen,
        total_words=rmb_upper(result.total_fen),
    )


def _money_standards(result: Result) -> list[Standard]:
    """The standards with money, in the profile's order (those nothing qualified for included)."""
    ids = result.by_standard()
    return [s for s in result.profile.standards if s.id in ids]


def _baseline_band_ids(result: Result) -> set[str]:
    """Bands whose line quantity is a whole-person count derived from person-months, not a headcount."""
    return {s.id for s in result.profile.standards if s.kind == "band" and s.basis == "unit_baseline"}


def _person_months(result: Result) -> pd.Series:
    """Quantity × months per line; missing where it is not what the amount was computed from."""
    lines = result.lines
    pm = (lines["quantity"] * lines["months"]).astype("Float64")
    hidden = (lines["per"] == "once") | lines["standard_id"].isin(_baseline_band_ids(result))
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


def _effective_rates(result: Result, std: Standard) -> set[int]:
    """The rate in fen per unit that each line was computed at (a band's: baseline × point)."""
    if std.kind == "unit_rate":
        assert std.value is not None
        return {yuan_to_fen(std.value)}
    pairs = result.lines.loc[result.lines["standard_id"] == std.id, ["rate", "point"]].drop_duplicates()
    return {yuan_to_fen(Decimal(r) * Decimal(p) / 100) for r, p in pairs.itertuples(index=False)}


def _override_remark(std: Standard) -> str:
    if std.kind == "band":
        return f"标准调整：选定档位 {std.value}%（{std.override_reason}）"
    before = f"{std.catalogue_value:,}" if std.catalogue_value is not None else "未定额"
    return f"标准调整：{before}→{std.value:,}（{std.override_reason}）"


def _summary_remark(result: Result, std: Standard, amount_fen: int) -> str:
    parts: list[str] = []
    if std.overridden:
        parts.append(_override_remark(std))
    if std.kind == "band":
        point = result.lines.loc[result.lines["standard_id"] == std.id, "point"]
        chosen = "、".join(sorted(set(point))) if len(point) else "—"
        parts.append(f"档位 {std.low}%–{std.high}%，选定 {chosen}%，见绩效工资表")
    if amount_fen == 0:
        parts.append("本年度无符合条件的对象")
    return "；".join(parts)


def _rounding_note(unit: Unit) -> str:
    return f"；万元数四舍五入保留两位小数，与所列各数之和的差额列为{ROUNDING_LABEL}" if unit == "wan" else ""


def _formula_note(result: Result, columns: Sequence[Column], unit: Unit) -> str:
    rate, qty, months, amount = (_num(columns, k) for k in ("rate", "quantity", "months", "amount"))
    pers = {s.per for s in _money_standards(result) if s.kind == "unit_rate"}
    parts = []
    if "year" in pers or any(s.kind == "band" for s in _money_standards(result)):
        parts.append(f"{amount}={rate}×{months}÷12（按年标准）")
    if "month" in pers:
        parts.append(f"{amount}={rate}×{months}（按月标准）")
    if "once" in pers:
        parts.append(f"{amount}={rate}×{qty}（一次性）")
    return ("；".join(parts) + f"；{months}为各明细行数量×月数之和；{amount}为各明细行金额（四舍五入到分）之和"
            + _rounding_note(unit))


def _standard_counts(result: Result) -> dict[str, tuple[int | None, int | None]]:
    """数量 and 月数 of each standard, summed over its lines; None where the amount was not
    computed from them (one-off months, baseline-band headcounts)."""
    found = (result.lines.assign(pm=_person_months(result)).groupby("standard_id", sort=False)
             [["quantity", "pm"]].sum(min_count=1).to_dict("index"))
    baseline = _baseline_band_ids(result)
    out: dict[str, tuple[int | None, int | None]] = {}
    for std in _money_standards(result):
        sums = found.get(std.id, {"quantity": 0, "pm": 0})
        quantity = None if std.id in baseline else int(sums["quantity"])
        months = None if std.id in baseline or std.per == "once" else _int_or_none(sums["pm"])
        out[std.id] = (quantity, months)
    return out


def _summary_table(result: Result, unit: Unit) -> Table:
    cols = _SUMMARY_COLUMNS
    sums = result.by_standard()
    counts = _standard_counts(result)
    categories: dict[str, list[Standard]] = {}
    for std in _money_standards(result):
        categories.setdefault(std.category or "其他", []).append(std)

    rows: list[Row] = []
    item_no = 0
    for n, (category, stds) in enumerate(categories.items(), start=1):
        fens = [sums[s.id] for s in stds]
        rows.append(make_row(cols, "group", no=chinese_ordinal(n), item=category,
                         amount=cents(sum(fens), unit), remark="小计"))
        for std in stds:
            item_no += 1
            rates = _effective_rates(result, std)
            rows.append(make_row(
                cols, no=str(item_no), item=std.label + ("（调整）" if std.overridden else ""),
                basis=citation(result, std.clause),
                rate=next(iter(rates)) if len(rates) == 1 else None,
                rate_unit="元/人·年" if std.kind == "band" else std.unit,
                quantity=counts[std.id][0], months=counts[std.id][1],
                amount=cents(sums[std.id], unit), source=std.funding_source,
                remark=_summary_remark(result, std, sums[std.id])))
        rows.extend(_rounding_rows(cols, fens, unit))
    category_fens = [sum(sums[s.id] for s in stds) for stds in categories.values()]
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


def _town_table(result: Result, unit: Unit) -> Table:
    cols = _TOWN_COLUMNS
    lines = result.lines
    order = {s.id: i for i, s in enumerate(result.profile.standards)}
    towns = lines["town"].fillna("").replace("", NO_TOWN)
    baseline = lines["standard_id"].isin(_baseline_band_ids(result))
    frame = lines.assign(
        town=towns, pm=_person_months(result), order=lines["standard_id"].map(order),
        qty=lines["quantity"].astype("Float64").mask(baseline),
        facility_code=lines["facility_code"].replace("", "（整体计列）"))
    grouped = (frame.groupby(["town", "facility_code", "facility_name", "order", "label"], sort=True)
               [["qty", "pm", "amount_fen"]].sum(min_count=1).reset_index())
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
    for n, (town, size) in enumerate(grouped.groupby("town", sort=True).size().items(), start=1):
        block = fens.iloc[start:start + size].tolist()
        town_fens.append(sum(block))
        rows.append(make_row(cols, "group", span=span_of(cols, "town", "months"), no=chinese_ordinal(n),
                         town=f"{town}（小计）", amount=cents(sum(block), unit)))
        rows.extend(Row(r) for r in records[start:start + size])
        rows.extend(_rounding_rows(cols, block, unit))
        start += size
    rows.extend(_rounding_rows(cols, town_fens, unit))
    rows.append(make_row(cols, "total", span=span_of(cols, "town", "months"), town="合计",
                     amount=cents(result.total_fen, unit)))
    note = (f"{_num(cols, 'months')}为数量×月数之和（人·月、车·月等）；"
            "一次性奖励及按核定人数计算的绩效工资不列月数；镇街小计为所属明细行金额之和" + _rounding_note(unit))
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


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


def _line_table(result: Result) -> Table:
    """Every budget line, so each figure of the summary can be traced to an input row."""
    cols = _LINE_COLUMNS
    lines = result.lines
    code, name = _text(lines["facility_code"]), _text(lines["facility_name"])
    once = lines["per"] == "once"
    baseline = lines["standard_id"].isin(_baseline_band_ids(result))
    span_text = _text(lines["months_from"]) + " 至 " + _text(lines["months_to"])
    period = span_text.where(~once, _text(lines["months_from"]) + "（一次性）").where(lines["months_from"] != "", "")
    source = (lines["sheet"] + "表第" + lines["row"].astype(str) + "行").where(lines["sheet"] != "", "（整体计列）")
    table = pd.DataFrame({
        "town": _text(lines["town"]),
        "facility": (code + " " + name).str.strip(),
        "person": _text(lines["person"]),
        "source": source,
        "quantity": lines["quantity"].astype(object).where(~baseline, None),
        "period": period,
        "months": lines["months"].astype(object).where(~(once | baseline), None),
        "amount": lines["amount_fen"].astype(object),
        "formula": _text(lines["formula"]),
    })
    rows: list[Row] = []
    item_no = 0
    for n, std in enumerate(_money_standards(result), start=1):
        block = table[lines["standard_id"].to_numpy() == std.id]
        condition = std.eligibility or std.headcount
        head = f"（{chinese_ordinal(n)}）{std.label}　依据：{citation(result, std.clause)}"
        if condition is not None and condition.describe():
            head += f"　条件：{condition.describe()}"
        rows.append(make_row(cols, "group", span=span_of(cols, "town", "months"), town=head,
                         amount=int(lines.loc[lines["standard_id"] == std.id, "amount_fen"].sum())))
        numbers = [str(i) for i in range(item_no + 1, item_no + len(block) + 1)]
        item_no += len(block)
        records = block.itertuples(index=False, name=None)
        rows.extend(Row((no, *cells)) for no, cells in zip(numbers, records, strict=True))
    rows.append(make_row(cols, "total", span=span_of(cols, "town", "months"), town="合计", amount=result.total_fen))
    note = "数量、月数、金额取自每一明细行；金额按行四舍五入到分；“数据来源”为输入工作簿的工作表及行号"
    return Table(LINE_SHEET, "表三　逐行明细表", "yuan", cols, tuple(rows), note)


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
    lines = result.lines
    bands = [s for s in _money_standards(result) if s.kind == "band"]
    rows: list[Row] = []
    item_no = 0
    for n, std in enumerate(bands, start=1):
        block = lines[lines["standard_id"] == std.id]
        rows.append(make_row(
            cols, "group", span=span_of(cols, "facility", "point"),
            facility=(f"（{chinese_ordinal(n)}）{std.label}　档位 {std.low}%–{std.high}%"
                      f"　依据：{citation(result, std.clause)}"),
            low=int(block["low_fen"].sum()), amount=int(block["amount_fen"].sum()), high=int(block["high_fen"].sum())))
        items = pd.DataFrame({
            "no": pd.RangeIndex(item_no + 1, item_no + len(block) + 1).astype(str),
            "facility": (_text(block["facility_code"]) + " " + _text(block["facility_name"])).str.strip(),
            "person": _text(block["person"]), "band": f"{std.low}%–{std.high}%", "point": _text(block["point"]) + "%",
            "low": block["low_fen"].astype(object), "amount": block["amount_fen"].astype(object),
            "high": block["high_fen"].astype(object), "formula": _text(block["formula"])})
        item_no += len(block)
        rows.extend(Row(r) for r in items.itertuples(index=False, name=None))
    band_lines = lines[lines["kind"] == "band"]
    rows.append(make_row(cols, "total", span=span_of(cols, "facility", "point"), facility="合计",
                     low=int(band_lines["low_fen"].sum()), amount=int(band_lines["amount_fen"].sum()),
                     high=int(band_lines["high_fen"].sum())))
    note = ("同一人数按文件规定档位的下限、选定档位、上限分别测算，供比较；"
            "测算汇总表按选定档位计列；主要负责人年薪不计入单位绩效工资总量")
    return Table(BAND_SHEET, "表四　绩效工资档位测算表", "yuan", cols, tuple(rows), note)


# ------------------------------------------------------------------ 测算说明


def _formula_words(result: Result, std: Standard) -> str:
    if std.kind == "band":
        baseline = result.scenario.settings.baseline_fen or 0
        if std.basis == "unit_average":
            return (f"金额 = 单位年人均绩效工资（基准线 {format_yuan(baseline)} 元 × 各项档位之和）"
                    f"× 倍数（{std.low}%–{std.high}%）× 人数 × 在岗月数 ÷ 12")
        return (f"金额 = 绩效工资基准线 {format_yuan(baseline)} 元/人·年 × 人数 × 选定档位"
                f"（{std.low}%–{std.high}%）；人数按在岗人·月数 ÷ 12 折算")
    assert std.value is not None
    rate = f"{format_yuan(yuan_to_fen(std.value))} {std.unit}"
    q = std.quantity_unit or "数量"
    if std.per == "once":
        return f"金额 = {rate} × {q}数"
    if std.per == "month":
        return f"金额 = {rate} × {q}数 × 月数"
    return f"金额 = {rate} × {q}数 × 月数 ÷ 12"


def _standard_note(result: Result, std: Standard, amount_fen: int) -> str:
    condition = std.eligibility or std.headcount
    text = [f"依据{citation(result, std.clause)}：{std.summary}", f"测算公式：{_formula_words(result, std)}。"]
    if condition is not None and condition.describe():
        text.append(f"计列条件：{condition.describe()}。")
    if std.note:
        text.append(f"执行口径：{std.note}")
    if std.overridden:
        text.append(_override_remark(std) + "。")
    text.append(f"本年度测算金额 {format_yuan(amount_fen)} 元。")
    return "".join(t if t.endswith(("。", "；", "：")) else t + "。" for t in text)


def _notes(result: Result, unit: Unit, data_date: DataDate) -> tuple[Note, ...]:
    profile = result.profile
    until = f"至{profile.effective_to}" if profile.effective_to else "起"
    issued = f"，{profile.issued}印发" if profile.issued else ""
    basis = Note("一、编制依据", (
        f"政策标准：{profile.name} {profile.citation}，{profile.issuer}{issued}，"
        f"施行期 {profile.effective_from}{until}。",
        f"预算年度：{result.year}年1月至12月。",
        data_date.describe() + "。",
    ))
    sums = result.by_standard()
    methods = Note("二、各项目测算方法", tuple(
        f"（{chinese_ordinal(i)}）{std.label}。{_standard_note(result, std, sums[std.id])}"
        for i, std in enumerate(_money_standards(result), start=1)))
    rules = [
        "月数按整月计算：起止月份均计入（到岗、启用、离岗、停用、退休当月均按整月计），不按日折算。",
    ]
    qualifying = [s for s in _money_standards(result) if s.eligibility and s.eligibility.qualifying_from]
    if qualifying:
        names = "、".join(s.label for s in qualifying)
        rules.append(f"满12个月的规定（{names}）：自相应日期起满12个月后计发；日期为当月1日的，自满12个月的当月起计，"
                     "其他日期自其次月起计。")
    rules.append("金额按每一明细行四舍五入计至分；各项目、各类别、各镇街小计及合计均为明细行金额之和，不另行四舍五入。")
    if unit == "wan":
        rules.append(f"汇总表及明细表以万元为单位，每个数按元数四舍五入保留两位小数；小计、合计为精确数四舍五入，"
                     f"与所列各数之和不等时，差额列为“{ROUNDING_LABEL}”行。逐行明细表、绩效工资档位测算表以元为单位。")
    if (result.lines["kind"] == "band").any():
        rules.append("绩效工资选定档位取自输入工作簿“参数”表（未填写的按文件规定的默认档位），"
                     "另按档位下限、上限测算金额供比较；合计按选定档位计列。")
    decisions = Note("三、测算口径", tuple(f"{i}. {r}" for i, r in enumerate(rules, start=1)))
    notes = [basis, methods, decisions]
    if result.warnings:
        notes.append(Note("四、提示", tuple(w.format() for w in result.warnings)))
    return tuple(notes)

