"""The printed sheets as plain data: one layout, rendered to Excel, PDF and the print preview.

Everything a reader of a sheet sees is decided by the builders (``sheets.budget``,
``sheets.comparison``) in these terms, so the renderers cannot disagree: which rows, in
which order, with which subtotals, notes and sign-off. Cells keep their type (text,
count, money) so Excel gets numbers and PDF the same figures formatted. Money cells are
exact integers in hundredths of their table's unit (fen for 元, 0.01 万元 for 万元),
already rounded half up, so no renderer ever rounds or adds.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from budgetcalc.base.money import format_yuan

Unit = Literal["yuan", "wan", "whole"]   # whole: 元 without 角分, as some bureaus file
UNIT_NAMES: dict[Unit, str] = {"yuan": "元", "wan": "万元", "whole": "元"}
ColumnKind = Literal["text", "count", "money", "rate"]
RowStyle = Literal["item", "part", "group", "rounding", "total", "words"]
CellValue = str | int | None

SUMMARY_SHEET, TOWN_SHEET, LINE_SHEET, BAND_SHEET, NOTES_SHEET = "汇总", "明细", "逐行明细", "绩效工资", "测算说明"
NOT_COUNTED_SHEET = "未计入"
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
    sheet: str            # its own workbook sheet; the PDF starts a new page for it (unless packed)
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
    pack_tables: bool = False      # PDF: a small table goes below the one before when it fits (else a page each)


# ------------------------------------------------------------------ figures


def cents(fen: int, unit: Unit) -> int:
    """Fen as hundredths of the unit, rounded half up (0.01 万元 = 10,000 fen)."""
    if unit == "yuan":
        return int(fen)
    if unit == "whole":  # whole 元, kept in hundredths so every renderer reads it the same way
        return int((Decimal(int(fen)) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 100
    return int((Decimal(int(fen)) / _FEN_PER_WAN_HUNDREDTH).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cell_text(column: Column, value: CellValue, unit: Unit = "yuan") -> str:
    """A cell as printed: money and rates with two decimals (whole 元 without), counts with separators."""
    if value is None:
        return ""
    if isinstance(value, int) and column.kind == "money" and unit == "whole":
        return f"{value // 100:,}"
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


def column_number(columns: Sequence[Column], key: str) -> str:
    return next(c.number for c in columns if c.key == key)


def make_row(columns: Sequence[Column], style: RowStyle = "item", span: tuple[int, int] | None = None, /,
             **cells: Any) -> Row:
    keys = [c.key for c in columns]
    values: list[CellValue] = [None] * len(keys)
    for key, value in cells.items():
        values[keys.index(key)] = value
    return Row(tuple(values), style, span)


def span_of(columns: Sequence[Column], first: str, last: str) -> tuple[int, int]:
    keys = [c.key for c in columns]
    return keys.index(first), keys.index(last)


def sign_off(filing_date: date | None, today: date, *signers: str) -> tuple[str, ...]:
    """The sign-off: who signs, then 日期 — the 参数 sheet's 填报日期, else the day the sheet is written."""
    day = filing_date or today
    return (*signers, f"日期：{day.year}年{day.month}月{day.day}日")


def data_date_of_file(source: Path | None, today: date) -> DataDate:
    """``source``'s modification date, or ``today`` when there is no such file (unsaved work)."""
    if source is not None and source.is_file():
        return DataDate(date.fromtimestamp(os.path.getmtime(source)), source.name)
    return DataDate(today)
