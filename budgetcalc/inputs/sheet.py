"""One sheet of the input workbook read into a typed table, every problem collected.

The header row is found within the first rows (officers put titles above tables);
headers match ignoring spaces and full-width forms. A header that is not in the contract
but resembles a contract header that is missing (``到岗时间`` for ``到岗日期``) is a
warning naming both: the column would otherwise be dropped without a word.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.inputs import cells
from budgetcalc.inputs.headers import header_problems, locate
from budgetcalc.rules import vocab


@dataclass(frozen=True)
class TableRead:
    frame: pd.DataFrame | None
    present: frozenset[str]          # keys of the contract columns found in the header


class Sheet:
    """One sheet's rows as raw cells with the Excel row number of each."""

    def __init__(self, name: str, rows: list[list[object]]):
        self.name = name
        self.rows = rows

    def table(self, columns: tuple[vocab.Column, ...], problems: list[Problem]) -> TableRead:
        found = locate(self.rows, columns)
        if found is None:
            for c in columns:
                if c.required:
                    problems.append(Problem("header_missing", self.name, 1, c.header, params=(("column", c.header),)))
            return TableRead(None, frozenset())
        header_at, positions = found.row, found.positions
        problems.extend(header_problems(self.name, found, columns))
        missing = [c for c in columns if c.required and c.key not in positions]
        present = frozenset(positions)
        if missing:
            return TableRead(None, present)
        body = self.rows[header_at + 1:]
        index = pd.RangeIndex(header_at + 2, header_at + 2 + len(body))
        empty = pd.Series("", index=index, dtype=object)
        columns_cells = {c.key: cells.Cells.of(_column(body, positions[c.key], index) if c.key in positions else empty)
                         for c in columns}
        filled = ~pd.concat([columns_cells[k].blank for k in positions], axis=1).all(axis=1)
        kept = {k: v.take(filled) for k, v in columns_cells.items()}
        return TableRead(_parse_columns(self.name, columns, kept, problems), present)


def _column(body: list[list[object]], j: int, index: pd.RangeIndex) -> pd.Series:
    """Column ``j`` of the rows (a short row has nothing there): only the contract's columns are taken."""
    try:
        values = [r[j] for r in body]
    except IndexError:
        values = [r[j] if j < len(r) else "" for r in body]
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return pd.Series(arr, index=index, dtype=object, copy=False)


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
