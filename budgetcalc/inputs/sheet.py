"""One sheet of the input workbook read into a typed table, every problem collected.

The header row is found within the first rows (officers put titles above tables);
headers match ignoring spaces and full-width forms. A header that is not in the contract
but resembles a contract header that is missing (``到岗时间`` for ``到岗日期``) is a
warning naming both: the column would otherwise be dropped without a word.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from budgetcalc.base.celltext import cell_text, header_key
from budgetcalc.base.problems import Problem
from budgetcalc.inputs import cells
from budgetcalc.rules import vocab

HEADER_SEARCH_ROWS = 10
RESEMBLANCE = 0.5


@dataclass(frozen=True)
class TableRead:
    frame: pd.DataFrame | None
    present: frozenset[str]          # keys of the contract columns found in the header


def find_header(rows: list[list[object]], wanted: set[str]) -> int | None:
    """Index of the first row (of the first ten) holding a contract header."""
    return next((i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS])
                 if any(header_key(v) in wanted for v in row)), None)


def resembling(text: str, candidates: list[str]) -> str | None:
    """The contract header an unknown header probably means (``是否驻村`` → ``驻村``), if any."""
    key = header_key(text)
    if not key:
        return None
    scored = [(difflib.SequenceMatcher(None, key, header_key(c)).ratio(), c) for c in candidates]
    scored = [(s, c) for s, c in scored if s >= RESEMBLANCE and len(set(key) & set(header_key(c))) >= 2
              or (header_key(c) in key and len(header_key(c)) >= 2)]
    return max(scored)[1] if scored else None


class Sheet:
    """One sheet's rows as raw cells with the Excel row number of each."""

    def __init__(self, name: str, rows: list[list[object]]):
        self.name = name
        self.rows = rows

    def table(self, columns: tuple[vocab.Column, ...], problems: list[Problem]) -> TableRead:
        wanted = {header_key(c.header): c for c in columns}
        header_at = find_header(self.rows, set(wanted))
        if header_at is None:
            for c in columns:
                if c.required:
                    problems.append(Problem("header_missing", self.name, 1, c.header, params=(("column", c.header),)))
            return TableRead(None, frozenset())
        positions: dict[str, int] = {}
        unknown: list[tuple[int, str]] = []
        for j, value in enumerate(self.rows[header_at]):
            col = wanted.get(header_key(value))
            if col is None:
                if cell_text(value):
                    unknown.append((j, cell_text(value)))
                continue
            if col.key in positions:
                problems.append(Problem("header_duplicate", self.name, header_at + 1, col.header,
                                        params=(("column", col.header),)))
            positions[col.key] = j
        missing_headers = [c.header for c in columns if c.key not in positions]
        for _, text in unknown:
            guess = resembling(text, missing_headers)
            if guess is not None:
                problems.append(Problem("header_resembles", self.name, header_at + 1, text, text, guess,
                                        severity="warning", params=(("header", text), ("meant", guess))))
        missing = [c for c in columns if c.required and c.key not in positions]
        for c in missing:
            problems.append(Problem("header_missing", self.name, header_at + 1, c.header,
                                    params=(("column", c.header),)))
        present = frozenset(positions)
        if missing:
            return TableRead(None, present)
        body = self.rows[header_at + 1:]
        width = max([len(self.rows[header_at])] + [len(r) for r in body])
        frame = pd.DataFrame([r + [""] * (width - len(r)) for r in body], columns=range(width), dtype=object)
        frame.index = pd.RangeIndex(header_at + 2, header_at + 2 + len(body))
        empty = pd.Series("", index=frame.index, dtype=object)
        columns_cells = {c.key: cells.Cells.of(frame[positions[c.key]] if c.key in positions else empty)
                         for c in columns}
        filled = ~pd.concat([columns_cells[k].blank for k in positions], axis=1).all(axis=1)
        kept = {k: v.take(filled) for k, v in columns_cells.items()}
        return TableRead(_parse_columns(self.name, columns, kept, problems), present)


def _parse_columns(sheet: str, columns: tuple[vocab.Column, ...], raw: dict[str, cells.Cells],
                   problems: list[Problem]) -> pd.DataFrame:
    out: dict[str, pd.Series] = {}
    rows = next(iter(raw.values())).raw.index
    for c in columns:
        series = raw[c.key]
        if c.kind == "text":
            parsed = cells.parse_text(series)
        elif c.kind == "enum":
            parsed = cells.parse_enum(series, c.choices, c.default)
        elif c.kind == "count":
            parsed = cells.parse_count(series, c.default if isinstance(c.default, int) else None)
        elif c.kind == "number":
            parsed = cells.parse_number(series)
        elif c.kind == "bool":
            parsed = cells.parse_bool(series, bool(c.default))
        else:
            parsed = cells.parse_date(series)
        for mask, code, expected in parsed.issues:
            hits = mask.index[mask.to_numpy(dtype=bool)]
            for row in hits:
                problems.append(Problem(code, sheet, int(row), c.header, series.text[row], expected,
                                        params=parsed.params))
        if c.required:
            empty = series.blank
            for row in empty.index[empty.to_numpy(dtype=bool)]:
                problems.append(Problem("required", sheet, int(row), c.header, "", "必填"))
        out[c.key] = parsed.values
    frame = pd.DataFrame(out, index=rows)
    frame.insert(0, "row", rows.to_numpy(dtype="int64"))
    return frame.reset_index(drop=True)
