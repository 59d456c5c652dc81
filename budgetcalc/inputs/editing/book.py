"""A book — the input as an editor keeps it — and the edits made to it, as values.

Row 0 of a sheet is its header, so row index ``i`` is Excel row ``i + 1``. Each edit is a
frozen value; ``apply(book, edit)`` returns a new book and the edit that undoes it, so
undo is a stack of values and a multi-cell paste is one ``Macro``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from budgetcalc.base.celltext import cell_text, header_key, normalize_text
from budgetcalc.base.grid import as_grid
from budgetcalc.base.problems import Problem
from budgetcalc.inputs.headers import header_problems, locate
from budgetcalc.rules import vocab

Book = dict[str, list[list[object]]]

# the sheets an editor shows as tables, with their fixed columns
TABLES: dict[str, tuple[vocab.Column, ...]] = {
    vocab.SHEET_FACILITIES: vocab.FACILITY_COLUMNS,
    vocab.SHEET_STAFF: vocab.STAFF_COLUMNS,
    vocab.SHEET_REGIONS: vocab.REGION_COLUMNS,
    vocab.SHEET_OVERRIDES: vocab.OVERRIDE_COLUMNS,
    vocab.SHEET_PLAN: vocab.PLAN_COLUMNS,
    vocab.SHEET_GRADES: vocab.GRADE_COLUMNS,
    vocab.SHEET_PAYERS: vocab.PAYER_COLUMNS,
    vocab.SHEET_PRIOR: vocab.PRIOR_COLUMNS,
    vocab.SHEET_PROJECTS: vocab.PROJECT_COLUMNS,
}
SETTING_NAMES: tuple[str, ...] = tuple(item for item, _ in vocab.SETTING_ITEMS)


@dataclass(frozen=True)
class SetCells:
    """New values for cells given as (row index in the sheet, column, value)."""

    sheet: str
    cells: tuple[tuple[int, int, object], ...]


@dataclass(frozen=True)
class InsertRows:
    """Rows inserted so that each ends up at its index (indices ascending)."""

    sheet: str
    rows: tuple[tuple[int, tuple[object, ...]], ...]


@dataclass(frozen=True)
class RemoveRows:
    sheet: str
    indices: tuple[int, ...]


@dataclass(frozen=True)
class Macro:
    """Several edits undone and redone as one (a paste that also adds rows)."""

    edits: tuple[Edit, ...]


Edit = SetCells | InsertRows | RemoveRows | Macro


def apply(book: Book, edit: Edit) -> tuple[Book, Edit]:
    """The book after ``edit`` (the given book is left unchanged) and the edit undoing it."""
    if isinstance(edit, Macro):
        inverses: list[Edit] = []
        for part in edit.edits:
            book, undo_part = apply(book, part)
            inverses.append(undo_part)
        return book, Macro(tuple(reversed(inverses)))
    rows = list(book[edit.sheet])
    if isinstance(edit, SetCells):
        old: list[tuple[int, int, object]] = []
        copied: set[int] = set()
        for r, c, value in edit.cells:
            _check_data_row(r, len(rows))
            if r not in copied:
                rows[r] = list(rows[r])
                copied.add(r)
            row = rows[r]
            if c >= len(row):
                row.extend([""] * (c + 1 - len(row)))
            old.append((r, c, row[c]))
            row[c] = value
        inverse: Edit = SetCells(edit.sheet, tuple(reversed(old)))
    elif isinstance(edit, InsertRows):
        for index, cells in edit.rows:
            _check_data_row(index, len(rows) + 1)
            rows.insert(index, list(cells))
        inverse = RemoveRows(edit.sheet, tuple(i for i, _ in edit.rows))
    else:
        indices = sorted(set(edit.indices))
        for i in indices:
            _check_data_row(i, len(rows))
        removed = tuple((i, tuple(rows[i])) for i in indices)
        for i in reversed(indices):
            del rows[i]
        inverse = InsertRows(edit.sheet, removed)
    return {**book, edit.sheet: rows}, inverse


def _check_data_row(index: int, size: int) -> None:
    if not 1 <= index < size:
        raise IndexError(f"row {index} is not a data row (the header is row 0)")


def sheets_of(edit: Edit) -> set[str]:
    if isinstance(edit, Macro):
        return set().union(*(sheets_of(e) for e in edit.edits)) if edit.edits else set()
    return {edit.sheet}


def is_structural(edit: Edit) -> bool:
    """Whether rows come or go (a view must rebuild its row order)."""
    if isinstance(edit, Macro):
        return any(is_structural(e) for e in edit.edits)
    return not isinstance(edit, SetCells)


def blank_row(sheet: str) -> tuple[object, ...]:
    return ("",) * len(TABLES[sheet])


def new_book(profile_id: str, year: int) -> Book:
    """An empty scenario: settings with profile and year, every table with its header only."""
    settings: list[list[object]] = [[*vocab.SETTINGS_HEADERS]]
    for item in SETTING_NAMES:
        settings.append([item, ""])
    book: Book = {vocab.SHEET_SETTINGS: settings}
    for sheet, columns in TABLES.items():
        book[sheet] = [[c.header for c in columns]]
    book[vocab.SHEET_SETTINGS][setting_row(vocab.SETTING_YEAR)][1] = year
    book[vocab.SHEET_SETTINGS][setting_row(vocab.SETTING_PROFILE)][1] = profile_id
    return book


def setting_row(item: str) -> int:
    return 1 + SETTING_NAMES.index(item)


def setting_value(book: Book, item: str) -> object:
    row = book[vocab.SHEET_SETTINGS][setting_row(item)]
    return row[1] if len(row) > 1 else ""


def set_setting(item: str, value: object) -> SetCells:
    return SetCells(vocab.SHEET_SETTINGS, ((setting_row(item), 1, value),))


def canonical_book(raw: Book) -> tuple[Book, list[Problem]]:
    """Any input workbook's sheets → the editor's fixed layout, with notes on what was lost.

    Headers are found as the reader finds them (first ten rows, spacing and full-width
    forms ignored), columns are put in the specification's order, extra columns, title
    rows and trailing empty rows are dropped. A table whose header cannot be found
    starts empty; each such loss is returned as the problem the command line reports.
    """
    by_name = {normalize_text(name): rows for name, rows in raw.items()}
    book = new_book("", 0)
    notes: list[Problem] = []
    settings = by_name.get(vocab.SHEET_SETTINGS)
    if settings is None:
        notes.append(Problem("sheet_missing", vocab.SHEET_SETTINGS, params=(("sheet", vocab.SHEET_SETTINGS),)))
        settings = []
    target = book[vocab.SHEET_SETTINGS]
    for row in settings:
        key = header_key(row[0]) if row else ""
        if key in SETTING_NAMES:
            target[setting_row(key)][1] = row[1] if len(row) > 1 else ""
    for sheet, columns in TABLES.items():
        rows = by_name.get(sheet)
        if rows is None:
            if sheet in (vocab.SHEET_FACILITIES, vocab.SHEET_STAFF):
                notes.append(Problem("sheet_missing", sheet, params=(("sheet", sheet),)))
            continue
        book[sheet] = _canonical_table(sheet, rows, columns, notes)
    return book, notes


def _canonical_table(sheet: str, rows: list[list[object]], columns: tuple[vocab.Column, ...],
                     notes: list[Problem]) -> list[list[object]]:
    found = locate(rows, columns)
    out: list[list[object]] = [[c.header for c in columns]]
    if found is None:
        if any(any(cell_text(v) for v in row) for row in rows):
            notes.extend(Problem("header_missing", sheet, 1, c.header, params=(("column", c.header),))
                         for c in columns if c.required)
        return out
    notes.extend(header_problems(sheet, found, columns))
    body = rows[found.row + 1:]
    while body and not any(cell_text(v) for v in body[-1]):
        body = body[:-1]
    source = [found.positions.get(c.key) for c in columns]
    laid_out = _columns_taken(body, source)
    if laid_out is not None:
        return out + laid_out
    for row in body:
        out.append([_blank_if_none(row[j]) if j is not None and j < len(row) else "" for j in source])
    return out


def _columns_taken(body: list[list[object]], source: list[int | None]) -> list[list[object]] | None:
    """The contract's columns of equally long rows, blanks made "", as one array operation (a
    province's 150,000 rows one cell at a time take seconds); None for rows of different lengths."""
    import numpy as np  # here: the window lays out a book before numpy has loaded

    grid = as_grid(body)
    if grid is None:
        return None
    width = grid.shape[1]
    taken = np.full((len(body), len(source)), "", dtype=object)
    for k, j in enumerate(source):
        if j is not None and j < width:
            taken[:, k] = grid[:, j]
    blank = (taken == None) | (taken != taken)  # noqa: E711 — None and NaN, elementwise
    taken[blank] = ""
    return taken.tolist()


def _blank_if_none(value: object) -> object:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else value


# ------------------------------------------------------------------ rows


def insert_blank(book: Book, sheet: str, at: int, count: int = 1) -> InsertRows:
    at = max(1, min(at, len(book[sheet])))
    return InsertRows(sheet, tuple((at + k, blank_row(sheet)) for k in range(count)))


def duplicate(book: Book, sheet: str, indices: Iterable[int]) -> InsertRows:
    """Copies of the rows, in their order, right after the last of them."""
    chosen = sorted(set(indices))
    rows = book[sheet]
    at = chosen[-1] + 1
    return InsertRows(sheet, tuple((at + k, tuple(rows[i])) for k, i in enumerate(chosen)))


def remove(sheet: str, indices: Iterable[int]) -> RemoveRows:
    return RemoveRows(sheet, tuple(sorted(set(indices))))


def clear(sheet: str, cells: Iterable[tuple[int, int]]) -> SetCells:
    return SetCells(sheet, tuple((r, c, "") for r, c in cells))


def book_to_json(book: Book) -> dict[str, list[list[object]]]:
    """Sheets with JSON-safe cells (dates as ISO text, which the reader reads as dates)."""
    def cell(value: object) -> object:
        if value is None or isinstance(value, (str, int, bool)):
            return "" if value is None else value
        if isinstance(value, float):
            return value if math.isfinite(value) else ""
        return cell_text(value)
    return {name: [[cell(v) for v in row] for row in rows] for name, rows in book.items()}


def book_from_json(data: object) -> Book:
    """A book read back from JSON; anything that is not sheets of rows of scalars is refused."""
    if not isinstance(data, dict):
        raise ValueError("sheets must be an object")
    book: Book = {}
    for name, rows in data.items():
        if not isinstance(name, str) or not isinstance(rows, list):
            raise ValueError(f"sheet {name!r} is not a list of rows")
        book[name] = []
        for row in rows:
            if not isinstance(row, list) or not all(isinstance(v, (str, int, float, bool)) or v is None for v in row):
                raise ValueError(f"sheet {name!r} has a row that is not a list of cells")
            book[name].append(["" if v is None else v for v in row])
    return book
