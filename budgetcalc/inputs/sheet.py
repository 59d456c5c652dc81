"""One sheet of the input workbook read into a typed table, every problem collected.

The header row is found within the first rows (officers put titles above tables);
headers match ignoring spaces and full-width forms. A header that is not in the contract
but resembles a contract header that is missing (``到岗时间`` for ``到岗日期``) is a
warning naming both: the column would otherwise be dropped without a word.

An edit in the app changes a few rows of a sheet of thousands. The book is never changed
in place (an edit copies the rows it touches and shares the rest), so a read given the
previous read of the sheet parses only the rows that are not the same objects as before and
splices them in: the same frame and the same problems, in the same order, as a whole read.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace
from typing import overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.base.grid import as_grid
from budgetcalc.base.problems import Problem
from budgetcalc.base.reuse import SPLICE_MAX_ROWS
from budgetcalc.inputs import cells
from budgetcalc.inputs.checks import CodesChecked
from budgetcalc.inputs.headers import header_problems, locate
from budgetcalc.rules import vocab


@dataclass(frozen=True)
class TableRead:
    frame: pd.DataFrame | None
    present: frozenset[str]          # keys of the contract columns found in the header
    problems: tuple[Problem, ...] = ()        # the sheet's own: its header's, then its cells' by column and row
    rows: list[list[object]] | None = field(default=None, repr=False, compare=False)   # what was read
    header_at: int = -1
    positions: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    header_count: int = 0            # how many of ``problems`` are the header's
    checked: CodesChecked | None = field(default=None, repr=False, compare=False)   # for the next read (staff)


class Sheet:
    """One sheet's rows as raw cells with the Excel row number of each."""

    def __init__(self, name: str, rows: list[list[object]]):
        self.name = name
        self.rows = rows

    def table(self, columns: tuple[vocab.Column, ...], problems: list[Problem],
              previous: TableRead | None = None) -> TableRead:
        """The sheet's table; its problems are appended to ``problems``. ``previous`` is an earlier
        read of this sheet with the same columns: only the rows changed since are parsed again."""
        read = _spliced(self.name, self.rows, columns, previous) if previous is not None else None
        if read is None:
            read = self._whole(columns)
        problems.extend(read.problems)
        return read

    def _whole(self, columns: tuple[vocab.Column, ...]) -> TableRead:
        found = locate(self.rows, columns)
        if found is None:
            return TableRead(None, frozenset(), tuple(
                Problem("header_missing", self.name, 1, c.header, params=(("column", c.header),))
                for c in columns if c.required))
        header_at, positions = found.row, found.positions
        header = tuple(header_problems(self.name, found, columns))
        present = frozenset(positions)
        if any(c.required and c.key not in positions for c in columns):
            return TableRead(None, present, header)
        frame, problems = _parse_rows(self.name, columns, positions, self.rows[header_at + 1:],
                                      pd.RangeIndex(header_at + 2, len(self.rows) + 1))
        return TableRead(frame, present, header + problems, self.rows, header_at, positions, len(header))


def _spliced(name: str, rows: list[list[object]], columns: tuple[vocab.Column, ...],
             previous: TableRead) -> TableRead | None:
    """``previous`` with the rows changed since parsed again; None when a whole read is needed
    (rows added or removed, the header or a row above it changed, too many rows changed)."""
    old = previous.rows
    if old is None or previous.frame is None or len(old) != len(rows):
        return None
    if old is rows:
        return previous
    at = previous.header_at
    if any(rows[i] is not old[i] for i in range(at + 1)):
        return None
    changed = np.flatnonzero(np.fromiter(map(operator.is_not, rows, old), dtype=bool, count=len(rows))).tolist()
    if not changed:
        return replace(previous, rows=rows)
    if len(changed) > SPLICE_MAX_ROWS:
        return None
    excel_rows = pd.Index(np.asarray(changed, dtype="int64") + 1)
    header = previous.problems[:previous.header_count]
    return (_cells_spliced(name, rows, columns, previous, changed, excel_rows, header)
            or _rows_spliced(name, rows, columns, previous, changed, excel_rows, header))


def _rows_spliced(name: str, rows: list[list[object]], columns: tuple[vocab.Column, ...], previous: TableRead,
                  changed: list[int], excel_rows: pd.Index, header: tuple[Problem, ...]) -> TableRead:
    """The changed rows parsed whole and put in place of what they were (a row may have come or gone)."""
    assert previous.frame is not None
    frame, problems = _parse_rows(name, columns, previous.positions, [rows[i] for i in changed], excel_rows)
    kept = previous.frame[~previous.frame["row"].isin(excel_rows)]
    merged = pd.concat([kept, frame]).sort_values("row", kind="stable") if len(frame) else kept
    return _replaced(previous, columns, header, merged.reset_index(drop=True), rows, excel_rows, None, problems)


def _cells_spliced(name: str, rows: list[list[object]], columns: tuple[vocab.Column, ...], previous: TableRead,
                   changed: list[int], excel_rows: pd.Index, header: tuple[Problem, ...]) -> TableRead | None:
    """Only the columns whose cells changed, parsed on the changed rows (a typed cell: the common edit).
    None when a changed row was blank before or a changed cell is blank now (the row may come or go)."""
    assert previous.frame is not None
    old, frame = previous.rows, previous.frame
    assert old is not None
    at = np.searchsorted(frame["row"].to_numpy(), excel_rows.to_numpy())
    if (at >= len(frame)).any() or (frame["row"].to_numpy()[np.minimum(at, len(frame) - 1)] != excel_rows).any():
        return None
    edited = [c for c in columns if c.key in previous.positions
              and any(_differs(rows[i], old[i], previous.positions[c.key]) for i in changed)]
    if not edited:
        return replace(previous, rows=rows)
    parsed, problems = _parse_rows(name, tuple(edited), previous.positions, [rows[i] for i in changed],
                                   excel_rows, keep_blank=True)
    if parsed is None:
        return None
    out = frame.copy(deep=False)
    for c in edited:
        column = frame[c.key].copy()
        column.iloc[at] = parsed[c.key].array
        out[c.key] = column
    return _replaced(previous, columns, header, out, rows, excel_rows, {c.header for c in edited}, problems)


def _replaced(previous: TableRead, columns: tuple[vocab.Column, ...], header: tuple[Problem, ...],
              frame: pd.DataFrame, rows: list[list[object]], excel_rows: pd.Index, headers: set[str] | None,
              problems: tuple[Problem, ...]) -> TableRead:
    """``previous`` with the new frame, and its cell problems of the parsed rows (of the ``headers``
    columns, all when None) replaced by those just found."""
    touched = set(excel_rows.tolist())
    kept = [p for p in previous.problems[previous.header_count:]
            if p.row not in touched or (headers is not None and p.column not in headers)]
    return replace(previous, frame=frame, rows=rows, problems=header + _in_order(columns, [*kept, *problems]))


def _differs(row: list[object], was: list[object], j: int) -> bool:
    a = row[j] if j < len(row) else ""
    b = was[j] if j < len(was) else ""
    return type(a) is not type(b) or a != b   # 1, 1.0 and True are equal in Python, not in a cell


@overload
def _parse_rows(name: str, columns: tuple[vocab.Column, ...], positions: dict[str, int], body: list[list[object]],
                index: pd.Index) -> tuple[pd.DataFrame, tuple[Problem, ...]]: ...
@overload
def _parse_rows(name: str, columns: tuple[vocab.Column, ...], positions: dict[str, int], body: list[list[object]],
                index: pd.Index, keep_blank: bool) -> tuple[pd.DataFrame | None, tuple[Problem, ...]]: ...
def _parse_rows(name: str, columns: tuple[vocab.Column, ...], positions: dict[str, int], body: list[list[object]],
                index: pd.Index, keep_blank: bool = False) -> tuple[pd.DataFrame | None, tuple[Problem, ...]]:
    """The filled rows of ``body`` (Excel row numbers ``index``) as a typed frame, with their problems.
    With ``keep_blank`` every row is kept, and a blank cell among them gives no frame (None)."""
    empty = pd.Series("", index=index, dtype=object)
    grid = as_grid(body)
    columns_cells = {c.key: cells.Cells.of(_column(grid, body, positions[c.key], index) if c.key in positions
                                           else empty) for c in columns}
    if keep_blank:
        if any(v.blank.any() for v in columns_cells.values()):
            return None, ()
        kept = columns_cells
    else:
        filled = ~pd.concat([columns_cells[k].blank for k in positions], axis=1).all(axis=1)
        kept = columns_cells if filled.all() else {k: v.take(filled) for k, v in columns_cells.items()}
    problems: list[Problem] = []
    frame = _parse_columns(name, columns, kept, problems)
    return frame, _in_order(columns, problems)


def _in_order(columns: tuple[vocab.Column, ...], problems: list[Problem]) -> tuple[Problem, ...]:
    """Cell problems column by column, row by row (a cell's own in the order they were found)."""
    position = {c.header: i for i, c in enumerate(columns)}
    return tuple(sorted(problems, key=lambda p: (position.get(p.column, len(columns)), p.row or 0)))


def _column(grid: npt.NDArray[np.object_] | None, body: list[list[object]], j: int, index: pd.Index) -> pd.Series:
    """Column ``j`` of the rows: only the contract's columns are taken."""
    if grid is not None:
        arr = grid[:, j] if j < grid.shape[1] else np.full(len(body), "", dtype=object)
    else:
        arr = np.empty(len(body), dtype=object)
        arr[:] = [r[j] if j < len(r) else "" for r in body]
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
            parsed = cells.parse_number(series, c.maximum)
        elif c.kind == "bool":
            parsed = cells.parse_bool(series, bool(c.default))
        else:
            parsed = cells.parse_date(series)
        for mask, code, expected in parsed.issues:
            found = mask.to_numpy(dtype=bool)
            if not found.any():
                continue
            hits = mask.index[found]
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
