"""What a cell shows, and the orders and filters of a table, computed without pandas."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from operator import itemgetter

from budgetcalc.base.celltext import cell_text, date_value, normalize_text
from budgetcalc.base.problems import Problem
from budgetcalc.inputs.editing.book import SETTING_NAMES, TABLES
from budgetcalc.rules import vocab

NUMBER_JUNK = re.compile(r"[,\s¥元]")


def is_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def number_value(value: object) -> Decimal | None:
    """A count or number cell as Decimal, or None when blank or not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    cleaned = NUMBER_JUNK.sub("", normalize_text(cell_text(value)))
    if cleaned == "" or not is_number(cleaned):
        return None
    return Decimal(cleaned)


def grouped(number: Decimal) -> str:
    """12345.5 → '12,345.5' (thousands separators, digits as typed)."""
    text = f"{number:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def cell_display(value: object, kind: vocab.ValueKind) -> str:
    """Numbers with thousands separators; anything else as the officer typed it."""
    if kind in ("count", "number"):
        number = number_value(value)
        if number is not None:
            return grouped(number)
    return cell_text(value)


def sort_order(rows: Sequence[Sequence[object]], indices: Iterable[int], column: int,
               kind: vocab.ValueKind, descending: bool = False) -> list[int]:
    """Row indices ordered by one column: numbers and dates by value, blanks always last.

    Cells that are not of the column's kind (text in a number column) follow the others,
    ordered as text; the sort is stable. Keys are plain floats and strings, so a
    150,000-row table sorts in a fraction of a second.
    """
    numeric, dated = kind in ("count", "number"), kind == "date"
    typed: list[tuple[float, int]] = []
    texts: list[tuple[str, int]] = []
    blanks: list[int] = []
    for i in indices:
        row = rows[i]
        value = row[column] if column < len(row) else ""
        if numeric and isinstance(value, (int, float)) and not isinstance(value, bool):
            typed.append((value, i))  # what workbooks hold: no parsing
            continue
        if dated and isinstance(value, dt.date):  # datetimes too: ordered by their day
            typed.append((value.toordinal(), i))
            continue
        text = value if isinstance(value, str) else cell_text(value)
        if text == "" or text.isspace():
            blanks.append(i)
            continue
        if numeric:
            number = number_value(value)
            if number is not None:
                typed.append((float(number), i))
                continue
        elif dated:
            day = date_value(value)
            if day is not None:
                typed.append((day.toordinal(), i))
                continue
        texts.append((text.strip(), i))
    first = itemgetter(0)
    typed.sort(key=first, reverse=descending)  # stable in both directions
    texts.sort(key=first, reverse=descending)
    return [i for _, i in typed] + [i for _, i in texts] + blanks


def filter_rows(rows: Sequence[Sequence[object]], text: str, within: Iterable[int] | None = None) -> list[int]:
    """Data row indices (1…) whose cells contain ``text``, ignoring case and full-width forms.

    ``within`` limits the search to rows an earlier, shorter filter text already kept
    (typing narrows the search instead of starting over).
    """
    needle = normalize_text(text).casefold()
    candidates = range(1, len(rows)) if within is None else within
    if not needle:
        return list(candidates)
    found: list[int] = []
    wide = _FULL_WIDTH.search
    for i in candidates:
        hay = "\t".join([v if type(v) is str else ("" if v is None else cell_text(v)) for v in rows[i]])
        if wide(hay):
            hay = hay.translate(_HALF_WIDTH)
        if needle in hay.casefold():
            found.append(i)
    return found


# full-width ASCII forms (！ to ～) and the ideographic space → half-width, as NFKC does for them
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_HALF_WIDTH = str.maketrans({0xFF01 + k: 0x21 + k for k in range(94)} | {0x3000: 0x20})


def problem_cells(problems: Iterable[Problem], sheet: str) -> dict[tuple[int, int], list[Problem]]:
    """Problems of a table placed on their cells: (row index in the sheet, column) → problems."""
    headers = {c.header: j for j, c in enumerate(TABLES[sheet])}
    out: dict[tuple[int, int], list[Problem]] = {}
    for p in problems:
        if p.sheet == sheet and p.row is not None and p.row >= 2 and p.column in headers:
            out.setdefault((p.row - 1, headers[p.column]), []).append(p)
    return out


def setting_problems(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Problems of the 参数 sheet by setting item (预算年度, 绩效总量档位, …)."""
    out: dict[str, list[Problem]] = {}
    for p in problems:
        if p.sheet == vocab.SHEET_SETTINGS and p.column in SETTING_NAMES:
            out.setdefault(p.column, []).append(p)
    return out
