"""Turning spreadsheet cells into typed columns, a whole column at a time.

Each parser takes the raw cells of one column (whatever Excel, WPS or calamine produced:
str, float, bool, date) and returns the typed column plus a mask of cells it could not
read, so the reader can report all of them at once. A blank cell is "not given", never 0.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from .money import to_decimal
from .vocab import FALSE_WORDS, TRUE_WORDS

MAX_COUNT = 10_000_000
_DATE_TEXT = r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"


@dataclass(frozen=True)
class Parsed:
    values: pd.Series
    # (mask of unreadable cells, message id, what was expected), one entry per kind of problem
    issues: tuple[tuple[pd.Series, str, str], ...] = ()


def normalize_text(text: str) -> str:
    """Full-width to half-width (digits, brackets, letters), trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def cell_text(value: object) -> str:
    """The text an officer sees in a cell: 1001.0 → '1001', dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def texts(raw: pd.Series) -> pd.Series:
    return raw.map(cell_text).astype(object)


def blank_mask(raw: pd.Series) -> pd.Series:
    return texts(raw) == ""


def parse_text(raw: pd.Series) -> Parsed:
    values = texts(raw)
    return Parsed(values.where(values != "", None))


def parse_enum(raw: pd.Series, choices: tuple[str, ...], default: object = None) -> Parsed:
    values = texts(raw).map(normalize_text)
    blank = values == ""
    bad = ~blank & ~values.isin(choices)
    out = values.where(~blank, default).where(~bad, None)
    return Parsed(out, ((bad, "not_in_choices", "、".join(choices)),))


def _numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(float values, blank mask, unreadable mask). Strips thousands separators, ¥, spaces."""
    txt = texts(raw).map(normalize_text)
    blank = txt == ""
    cleaned = txt.str.replace(r"[,\s¥￥元]", "", regex=True)
    is_bool = raw.map(lambda v: isinstance(v, bool)).astype(bool)
    num = pd.to_numeric(cleaned.where(~blank & ~is_bool), errors="coerce").astype("float64")
    bad = (~blank & num.isna()) | is_bool
    return num, blank, bad


def parse_count(raw: pd.Series, default: int | None = None) -> Parsed:
    num, blank, bad = _numbers(raw)
    ok = ~blank & ~bad
    negative = ok & (num < 0)
    not_whole = ok & ~negative & (num != np.floor(num))
    too_big = ok & (num > MAX_COUNT)
    expected = "不小于0的整数"
    issues = ((bad, "not_a_number", expected), (negative, "negative", expected),
              (not_whole, "not_whole", expected), (too_big, "too_large", f"不大于{MAX_COUNT:,}的整数"))
    good = ok & ~negative & ~not_whole & ~too_big
    values = num.where(good).round().astype("Int64")
    if default is not None:
        values = values.where(~blank, default).astype("Int64")
    return Parsed(values, issues)


def parse_number(raw: pd.Series) -> Parsed:
    num, blank, bad = _numbers(raw)
    negative = ~blank & ~bad & (num < 0)
    values = num.where(~bad & ~negative).astype("Float64")
    return Parsed(values, ((bad, "not_a_number", "数字"), (negative, "negative", "不小于0的数字")))


def parse_bool(raw: pd.Series, default: bool = False) -> Parsed:
    txt = texts(raw).map(normalize_text).str.upper()
    is_true = txt.isin(TRUE_WORDS)
    bad = ~is_true & ~txt.isin(FALSE_WORDS)
    values = (is_true | ((txt == "") & default)).astype(bool)
    return Parsed(values, ((bad, "not_bool", "是/否（也可 Y/N、TRUE/FALSE、1/0、√/空）"),))


def parse_date(raw: pd.Series) -> Parsed:
    is_date = raw.map(lambda v: isinstance(v, dt.date)).astype(bool)
    txt = texts(raw).map(normalize_text)
    blank = txt == ""
    real = pd.to_datetime(txt.where(is_date), errors="coerce", format="mixed")
    parts = txt.where(~is_date & ~blank, "").str.extract(_DATE_TEXT)
    fields = pd.DataFrame({
        "year": pd.to_numeric(parts[0], errors="coerce"),
        "month": pd.to_numeric(parts[1], errors="coerce"),
        "day": pd.to_numeric(parts[2], errors="coerce"),
    })
    has_fields = fields.notna().all(axis=1)
    from_text = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    if has_fields.any():
        from_text[has_fields] = pd.to_datetime(fields[has_fields], errors="coerce")
    values = real.astype("datetime64[ns]").where(is_date, from_text)
    bad = ~blank & values.isna()
    return Parsed(values, ((bad, "not_a_date", "日期，如 2025-03-01、2025/3/1 或 2025年3月1日"),))


def parse_percent_value(value: object) -> Decimal | None:
    """'120%', 1.2, '1.2' and 120 all mean 120 %. Returns None if unreadable.

    A plain number of at most 5 is a fraction (Excel's percent cells hold 1.2 for 120 %);
    above 5 it is already in percent. The bands of the documents (10–15 %, 100–135 %,
    150–230 %) never fall between the two readings.
    """
    text = normalize_text(cell_text(value)).replace(" ", "")
    if text == "":
        return None
    is_pct = text.endswith("%")
    try:
        number = to_decimal(text.rstrip("%"))
    except ValueError:
        return None
    result = number if is_pct or abs(number) > 5 else number * 100
    return result.quantize(Decimal(1)) if result == result.to_integral() else result.normalize()


def decimal_value(value: object) -> Decimal | None:
    """A money or rate cell as Decimal; floats via their shortest repr (what Excel shows)."""
    text = normalize_text(cell_text(value)).replace(",", "").replace("¥", "").replace("￥", "")
    if text == "":
        return None
    try:
        return to_decimal(text)
    except ValueError:
        return None
