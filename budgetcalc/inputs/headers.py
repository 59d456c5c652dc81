"""Finding a table's header row and its columns — the one rule the reader and the editor share.

Officers put titles above tables and type headers with stray spaces or full-width
brackets; the header is the first of the first ten rows holding a contract header, and
headers match by ``header_key``. Kept free of pandas: the desktop window lays out a
workbook with it before pandas has loaded.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from budgetcalc.base.celltext import cell_text, header_key
from budgetcalc.base.problems import Problem
from budgetcalc.rules import vocab

HEADER_SEARCH_ROWS = 10
RESEMBLANCE = 0.5


@dataclass(frozen=True)
class Located:
    """Where a table's header is and what it holds."""

    row: int                                  # index of the header row in the sheet
    positions: dict[str, int]                 # column key → column index (the last one wins)
    duplicates: tuple[vocab.Column, ...]      # contract columns given more than once
    unknown: tuple[str, ...]                  # headers that are not in the contract


def locate(rows: Sequence[Sequence[object]], columns: Sequence[vocab.Column]) -> Located | None:
    wanted = {header_key(c.header): c for c in columns}
    header_at = next((i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS])
                      if any(header_key(v) in wanted for v in row)), None)
    if header_at is None:
        return None
    positions: dict[str, int] = {}
    duplicates: list[vocab.Column] = []
    unknown: list[str] = []
    for j, value in enumerate(rows[header_at]):
        col = wanted.get(header_key(value))
        if col is None:
            if cell_text(value):
                unknown.append(cell_text(value))
            continue
        if col.key in positions:
            duplicates.append(col)
        positions[col.key] = j
    return Located(header_at, positions, tuple(duplicates), tuple(unknown))


def resembling(text: str, candidates: Sequence[str]) -> str | None:
    """The contract header an unknown header probably means (``是否驻村`` → ``驻村``), if any."""
    key = header_key(text)
    if not key:
        return None
    scored = []
    for c in candidates:
        other = header_key(c)
        ratio = difflib.SequenceMatcher(None, key, other).ratio()
        if (ratio >= RESEMBLANCE and len(set(key) & set(other)) >= 2) or (len(other) >= 2 and other in key):
            scored.append((ratio, c))
    return max(scored)[1] if scored else None


def header_problems(sheet: str, found: Located, columns: Sequence[vocab.Column]) -> list[Problem]:
    """Duplicated and missing contract headers (errors), and headers that look like a missing one (warnings)."""
    at = found.row + 1
    problems = [Problem("header_duplicate", sheet, at, c.header, params=(("column", c.header),)) for c in found.duplicates]
    missing_headers = [c.header for c in columns if c.key not in found.positions]
    for text in found.unknown:
        guess = resembling(text, missing_headers)
        if guess is not None:
            problems.append(Problem("header_resembles", sheet, at, text, text, guess, severity="warning",
                                    params=(("header", text), ("meant", guess))))
    problems.extend(Problem("header_missing", sheet, at, c.header, params=(("column", c.header),))
                    for c in columns if c.required and c.key not in found.positions)
    return problems
