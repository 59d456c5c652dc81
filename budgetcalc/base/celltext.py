"""The text of one spreadsheet cell, as an officer sees it.

Kept free of pandas so the desktop window can show cells before pandas has loaded; the
column-wise parsers in ``cells`` use the same function.
"""

from __future__ import annotations

import datetime as dt
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
