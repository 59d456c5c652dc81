"""Turning spreadsheet cells into typed columns, a whole column at a time.

Each parser takes the raw cells of one column (whatever Excel, WPS or calamine produced:
str, float, bool, date) and returns the typed column plus a mask of cells it could not
read, so the reader can report all of them at once. A blank cell is "not given", never 0.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from budgetcalc.base.celltext import DATE_PATTERN, EARLIEST_DATE, LATEST_DATE, cell_text, normalize_text
from budgetcalc.base.money import to_decimal
from budgetcalc.rules.vocab import FALSE_WORDS, TRUE_WORDS

MAX_COUNT = 10_000_000
_DATE_TEXT = DATE_PATTERN
DATE_EXPECTED = "日期，如 2025-03-01、2025/3/1、2025.3.1 或 2025年3月1日"
PLAUSIBLE_EXPECTED = f"{EARLIEST_DATE.year}–{LATEST_DATE.year} 年之间的日期"


@dataclass(frozen=True)
class Parsed:
    values: pd.Series
    # (mask of unreadable cells, message id, what was expected), one entry per kind of problem
    issues: tuple[tuple[pd.Series, str, str], ...] = ()
    params: tuple[tuple[str, str], ...] = ()   # message parameters (e.g. the limit of too_large)


_FULL_WIDTH = r"[\u3000\uff01-\uff5e]"
_FULL_WIDTH_RE = re.compile(_FULL_WIDTH)
_DATE_TYPES = (dt.date, dt.datetime, pd.Timestamp)


@dataclass(frozen=True)
class Cells:
    """One column of raw cells with what every parser needs, computed once, vectorised."""

    raw: pd.Series
    text: pd.Series      # what the officer sees, trimmed ('' for blank)
    norm: pd.Series      # text with full-width digits, letters and brackets made half-width
    is_date: pd.Series
    is_bool: pd.Series
    is_number: pd.Series  # a real number cell (not a bool, not text)
    blank: pd.Series

    def take(self, rows: pd.Series) -> Cells:
        return Cells(self.raw[rows], self.text[rows], self.norm[rows], self.is_date[rows], self.is_bool[rows],
                     self.is_number[rows], self.blank[rows])

    @classmethod
    def of(cls, raw: pd.Series) -> Cells:
        """Work on the distinct values only, then spread back.

        Most columns repeat a handful of values (是/否, types, dates, counts), so this
        turns millions of per-cell string operations into a few hundred. Python hashes
        True like 1 and 1.0, so cells equal to 0 or 1 are re-read one by one.
        """
        codes, uniques = pd.factorize(raw.to_numpy(dtype=object), use_na_sentinel=True)
        distinct_raw = pd.Series(uniques, dtype=object)
        distinct = cls._of_distinct(distinct_raw)
        ambiguous = np.flatnonzero(((distinct.is_number | distinct.is_bool) & distinct_raw.isin([0, 1])).to_numpy())

        known = codes >= 0
        picks = codes[known]

        def spread(values: pd.Series, missing: str) -> pd.Series:
            out = np.full(len(codes), missing, dtype=object)
            out[known] = values.to_numpy(dtype=object)[picks]
            return pd.Series(out, index=raw.index, dtype=object)

        def flags(values: pd.Series) -> pd.Series:
            out = np.zeros(len(codes), dtype=bool)
            out[known] = values.to_numpy(dtype=bool)[picks]
            return pd.Series(out, index=raw.index, dtype=bool)

        text, norm = spread(distinct.text, ""), spread(distinct.norm, "")
        is_date, is_bool, is_number = flags(distinct.is_date), flags(distinct.is_bool), flags(distinct.is_number)
        blank = pd.Series(~known, index=raw.index, dtype=bool) | flags(distinct.blank)
        if len(ambiguous):
            rows = np.isin(codes, ambiguous)
            exact = cls._of_distinct(raw[rows])
            text[rows], norm[rows] = exact.text, exact.norm
            is_bool[rows], is_number[rows], blank[rows] = exact.is_bool, exact.is_number, exact.blank
        return cls(raw, text, norm, is_date, is_bool, is_number, blank)

    @classmethod
    def _of_distinct(cls, raw: pd.Series) -> Cells:
        values = raw.to_numpy(dtype=object)
        kinds = pd.Series(np.fromiter(map(type, values), dtype=object, count=len(values)), index=raw.index)
        is_str = (kinds == str).to_numpy(dtype=bool)
        missing = raw.isna().to_numpy(dtype=bool)
        text = pd.Series("", index=raw.index, dtype=object)
        done = is_str | missing
        if is_str.any():
            strs = values[is_str]
            stripped = np.empty(len(strs), dtype=object)
            stripped[:] = [v.strip() for v in strs]
            text[is_str] = stripped
        is_number = kinds.isin((int, float, np.int64, np.float64))
        if is_number.any():
            nums = raw[is_number].astype("float64")
            whole = nums.index[(nums == np.floor(nums)) & (nums.abs() < 1e15)]
            text[whole] = nums[whole].astype(np.int64).astype(str)
            done |= raw.index.isin(whole)
        is_date = kinds.isin(_DATE_TYPES)
        if is_date.any():
            stamps = _real_dates(raw[is_date])
            midnight = stamps.index[stamps.notna() & (stamps.dt.normalize() == stamps)]
            text[midnight] = stamps[midnight].dt.strftime("%Y-%m-%d")
            done |= raw.index.isin(midnight)
        if not done.all():  # bools, fractions, times of day: rare, one by one
            text[~done] = raw[~done].map(cell_text)
        norm = text.copy()
        if len(text) and _FULL_WIDTH_RE.search("\x00".join(text.tolist())):  # one search for the whole column
            wide = text.str.contains(_FULL_WIDTH, regex=True)
            norm[wide] = text[wide].map(normalize_text)
        return cls(raw, text, norm, is_date, kinds.isin((bool,)), is_number, text == "")


def texts(raw: pd.Series) -> pd.Series:
    return Cells.of(raw).text


def parse_text(col: Cells) -> Parsed:
    return Parsed(col.text.where(~col.blank, None))


def parse_enum(col: Cells, choices: tuple[str, ...], default: object = None) -> Parsed:
    values = col.norm
    blank = col.blank
    bad = ~blank & ~values.isin(choices)
    out = values.where(~blank, default).where(~bad, None)
    return Parsed(out, ((bad, "not_in_choices", "、".join(choices)),))


def _numbers(col: Cells) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(float values, blank mask, unreadable mask). Text may carry thousands separators, ¥, spaces."""
    blank = col.blank
    num = pd.Series(np.nan, index=col.raw.index, dtype="float64")
    if col.is_number.any():
        num[col.is_number] = col.raw[col.is_number].astype("float64")
    typed = ~blank & ~col.is_number & ~col.is_bool
    if typed.any():
        cleaned = col.norm[typed].str.replace(r"[,\s¥￥元]", "", regex=True)
        num[typed] = pd.to_numeric(cleaned, errors="coerce").astype("float64")
    bad = (~blank & ~np.isfinite(num)) | col.is_bool   # "inf" is no number an officer means
    return num, blank, bad


def parse_count(col: Cells, default: int | None = None) -> Parsed:
    num, blank, bad = _numbers(col)
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
    return Parsed(values, issues, (("limit", f"{MAX_COUNT:,}"),))


def parse_number(col: Cells, maximum: int | None = None) -> Parsed:
    num, blank, bad = _numbers(col)
    negative = ~blank & ~bad & (num < 0)
    too_big = ~blank & ~bad & (num > maximum) if maximum is not None else pd.Series(False, index=num.index)
    values = num.where(~bad & ~negative & ~too_big).astype("Float64")
    limit = f"{maximum:,}" if maximum is not None else ""
    return Parsed(values, ((bad, "not_a_number", "数字"), (negative, "negative", "不小于0的数字"),
                           (too_big, "too_large", f"不大于{limit}的数字")), (("limit", limit),))


def parse_bool(col: Cells, default: bool = False) -> Parsed:
    is_true = col.norm.isin(TRUE_WORDS)
    bad = ~is_true & ~col.norm.isin(FALSE_WORDS)
    values = (is_true | (col.blank & default)).astype(bool)
    return Parsed(values, ((bad, "not_bool", "是/否（也可 Y/N、TRUE/FALSE、1/0、√/空）"),))


def _real_dates(raw: pd.Series) -> pd.Series:
    """Date cells as timestamps; a date pandas cannot hold (before 1677, after 2262) is NaT here and
    reported as implausible by the caller, never an exception."""
    codes, uniques = pd.factorize(raw.to_numpy(dtype=object))
    stamps: list[object] = []
    for value in uniques:
        year = getattr(value, "year", None)
        if not isinstance(year, int) or not 1678 <= year <= 2261:  # outside what datetime64[ns] holds
            stamps.append(pd.NaT)
            continue
        try:
            stamps.append(pd.Timestamp(value).normalize())
        except (ValueError, OverflowError, TypeError, pd.errors.OutOfBoundsDatetime):
            stamps.append(pd.NaT)
    table = pd.Series(stamps, dtype="datetime64[ns]") if stamps else pd.Series([], dtype="datetime64[ns]")
    return pd.Series(table.to_numpy()[codes] if len(codes) else [], index=raw.index, dtype="datetime64[ns]")


def parse_date(col: Cells) -> Parsed:
    is_date, blank = col.is_date, col.blank
    real = pd.Series(pd.NaT, index=col.raw.index, dtype="datetime64[ns]")
    out_of_range = pd.Series(False, index=col.raw.index)
    if is_date.any():
        stamps = _real_dates(col.raw[is_date])
        real[is_date] = stamps
        out_of_range[is_date] = stamps.isna()
    typed = ~is_date & ~blank
    parts = col.norm[typed].str.extract(_DATE_TEXT)
    fields = pd.DataFrame({
        "year": pd.to_numeric(parts[0], errors="coerce"),
        "month": pd.to_numeric(parts[1], errors="coerce"),
        "day": pd.to_numeric(parts[2], errors="coerce"),
    })
    has_fields = fields.notna().all(axis=1)
    far = has_fields & ~fields["year"].between(EARLIEST_DATE.year, LATEST_DATE.year)
    if far.any():
        out_of_range[far[far].index] = True
    near = has_fields & ~far
    if near.any():
        real[near[near].index] = pd.to_datetime(fields[near], errors="coerce")
    implausible = ~blank & (out_of_range | (real.notna() & ((real < pd.Timestamp(EARLIEST_DATE))
                                                           | (real > pd.Timestamp(LATEST_DATE)))))
    real = real.mask(implausible)
    bad = ~blank & real.isna() & ~implausible
    return Parsed(real, ((bad, "not_a_date", DATE_EXPECTED), (implausible, "date_implausible", PLAUSIBLE_EXPECTED)))


MAX_PERCENT_READ = Decimal(10) ** 9   # far above any band: larger is reported too large by the caller


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
    if abs(result) > MAX_PERCENT_READ:  # 1e30 %: kept as typed for the caller's "too large", never quantized
        return result
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
