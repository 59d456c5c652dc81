"""The text of one spreadsheet cell, as an officer sees it.

Kept free of pandas so the desktop window can show cells before pandas has loaded; the
column-wise parsers in ``cells`` use the same function.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata


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


def header_key(value: object) -> str:
    """A header as the reader matches it: full-width folded, every space removed."""
    return normalize_text(cell_text(value)).replace(" ", "").replace("\u3000", "")


# The date forms an officer may type (input-workbook.md): 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日,
# optionally followed by a time of day (WPS writes one when a cell was a date-time).
DATE_PATTERN = r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
_DATE_RE = re.compile(DATE_PATTERN)

# A date outside these years is a typing mistake (a number typed into a date column reads as 1905).
EARLIEST_DATE = dt.date(1950, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def date_value(value: object) -> dt.date | None:
    """A date cell (a real date or text in one of the accepted forms), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE_RE.match(normalize_text(cell_text(value)))
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
