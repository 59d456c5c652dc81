"""Editing the officer's tables as pure transforms: edits, paste, sort and filter orders.

An editor (the desktop app) keeps the input as raw cell rows per sheet — a *book*, the
shape of an input workbook: row 0 of a sheet is its header, so rows index ``i`` is Excel
row ``i + 1`` — and validates it with ``reader.read_sheets``, so every message is the
command line's. Each edit is a frozen value; ``apply(book, edit)`` returns a new book and
the edit that undoes it, so undo is a stack of values (no editor state is copied) and a
multi-cell paste is one ``Macro``. Nothing here imports Qt, pandas or numpy: the window
must appear before those load, and these rules are tested without a display.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import TYPE_CHECKING

from budgetcalc.base.celltext import cell_text
from budgetcalc.base.problems import Problem
from budgetcalc.rules import vocab

if TYPE_CHECKING:  # pragma: no cover - typing only; catalogue loads numpy
    pass

Book = dict[str, list[list[object]]]

# the sheets an editor shows as tables, with their fixed columns
TABLES: dict[str, tuple[vocab.Column, ...]] = {
    vocab.SHEET_FACILITIES: vocab.FACILITY_COLUMNS,
    vocab.SHEET_STAFF: vocab.STAFF_COLUMNS,
    vocab.SHEET_REGIONS: vocab.REGION_COLUMNS,
    vocab.SHEET_OVERRIDES: vocab.OVERRIDE_COLUMNS,
}
SETTING_NAMES: tuple[str, ...] = tuple(item for item, _ in vocab.SETTING_ITEMS)
HEADER_SEARCH_ROWS = 10  # as the reader: the header is within the first ten rows


# ------------------------------------------------------------------ edits


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


# ------------------------------------------------------------------ a book


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


def header_key(text: object) -> str:
    """A header as the reader matches it: full-width folded, spaces removed."""
    return normalize(display_text(text)).replace(" ", "")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def canonical_book(raw: Book) -> tuple[Book, list[Problem]]:
    """Any input workbook's sheets → the editor's fixed layout, with notes on what was lost.

    Headers are found as the reader finds them (first ten rows, spacing and full-width
    forms ignored), columns are put in the specification's order, extra columns, title
    rows and trailing empty rows are dropped. A table whose header cannot be found
    starts empty; each such loss is returned as the problem the command line reports.
    """
    by_name = {normalize(name): rows for name, rows in raw.items()}
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
    wanted = {header_key(c.header): i for i, c in enumerate(columns)}
    header_at = next((i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS])
                      if any(header_key(v) in wanted for v in row)), None)
    out: list[list[object]] = [[c.header for c in columns]]
    if header_at is None:
        if any(any(display_text(v) for v in row) for row in rows):
            notes.extend(Problem("header_missing", sheet, 1, c.header, params=(("column", c.header),))
                         for c in columns if c.required)
        return out
    source: dict[int, int] = {}
    for j, value in enumerate(rows[header_at]):
        i = wanted.get(header_key(value))
        if i is None:
            continue
        if i in source:
            notes.append(Problem("header_duplicate", sheet, header_at + 1, columns[i].header,
                                 params=(("column", columns[i].header),)))
        source[i] = j  # the last one wins, as in the reader
    notes.extend(Problem("header_missing", sheet, header_at + 1, c.header, params=(("column", c.header),))
                 for i, c in enumerate(columns) if c.required and i not in source)
    body = rows[header_at + 1:]
    while body and not any(display_text(v) for v in body[-1]):
        body = body[:-1]
    for row in body:
        out.append([_blank_if_none(row[source[i]]) if i in source and source[i] < len(row) else ""
                    for i in range(len(columns))])
    return out


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


# ------------------------------------------------------------------ overrides (标准调整)


def _override_rows(book: Book) -> list[tuple[int, list[object]]]:
    width = len(vocab.OVERRIDE_COLUMNS)
    return [(i, list(row) + [""] * (width - len(row))) for i, row in enumerate(book[vocab.SHEET_OVERRIDES][1:], start=1)]


def overrides_of(book: Book) -> dict[str, tuple[int, object, object]]:
    """Standard id → (row index, value as typed, reason), first row per id."""
    out: dict[str, tuple[int, object, object]] = {}
    for i, cells in _override_rows(book):
        sid = display_text(cells[0])
        if sid and sid not in out:
            out[sid] = (i, cells[1], cells[2])
    return out


def entries_of(book: Book, standard_id: str) -> list[tuple[int, object, object, str, object]]:
    """Every row of an entered-rate item: (row index, value, reason, unit's facility code, quantity)."""
    return [(i, cells[1], cells[2], display_text(cells[3]), cells[4]) for i, cells in _override_rows(book)
            if display_text(cells[0]) == standard_id]


def set_override(book: Book, standard_id: str, value: str, reason: str, unit: str = "", quantity: str = "") -> Edit:
    """Write the scenario's value (or, for an entered item, the entry of one unit) into 标准调整."""
    sheet = vocab.SHEET_OVERRIDES
    found = next((e for e in entries_of(book, standard_id) if e[3] == unit), None)
    if found is None:
        return InsertRows(sheet, ((len(book[sheet]), (standard_id, value, reason, unit, quantity)),))
    return SetCells(sheet, ((found[0], 1, value), (found[0], 2, reason), (found[0], 4, quantity)))


def remove_override(book: Book, standard_id: str, unit: str | None = None) -> RemoveRows | None:
    """Remove the standard's rows (only the one of ``unit`` when given)."""
    rows = [e[0] for e in entries_of(book, standard_id) if unit is None or e[3] == unit]
    return RemoveRows(vocab.SHEET_OVERRIDES, tuple(rows)) if rows else None


# ------------------------------------------------------------------ clipboard


def parse_clipboard(text: str) -> list[list[str]]:
    """Tab-separated text as Excel and WPS put it on the clipboard → rows of cells.

    Rows end in CRLF or LF, a cell holding a tab, newline or quote is quoted with inner
    quotes doubled, and a final newline ends the block (it is not an empty row).
    """
    if text == "":
        return []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"', strict=False)
    rows = [list(r) for r in reader]
    while rows and rows[-1] == []:
        rows.pop()
    return [r if r else [""] for r in rows]


def to_clipboard(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cell texts → tab-separated text that Excel and WPS paste back cell by cell."""
    def quote(cell: str) -> str:
        if any(ch in cell for ch in '\t\n\r"'):
            return '"' + cell.replace('"', '""') + '"'
        return cell
    return "".join("\t".join(quote(c) for c in row) + "\r\n" for row in rows)


_NUMBER_JUNK = re.compile(r"[,\s¥元]")


def clean_cell(text: str, kind: vocab.ValueKind) -> str:
    """A pasted cell as it should be stored: numbers without separators or ¥, half-width.

    Text that still is no number is kept as typed, so the check reports what was pasted.
    """
    text = text.strip()
    if kind in ("count", "number"):
        cleaned = _NUMBER_JUNK.sub("", normalize(text))
        return cleaned if _is_number(cleaned) else text
    if kind == "percent":
        return normalize(text).replace(" ", "").replace(",", "")
    if kind in ("enum", "bool", "date"):
        return normalize(text)
    return text


def _is_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def paste(book: Book, sheet: str, targets: Sequence[int], left: int, block: Sequence[Sequence[str]]) -> Edit:
    """A pasted block at column ``left`` of the given rows, one block row per target row.

    Block rows beyond ``targets`` become new rows at the end of the sheet; cells beyond
    the last column are dropped.
    """
    columns = TABLES[sheet]
    width = max(0, min(max((len(r) for r in block), default=0), len(columns) - left))
    size = len(book[sheet])
    extra = max(0, len(block) - len(targets))
    rows = list(targets[:len(block)]) + list(range(size, size + extra))
    cells = tuple((r, left + j, clean_cell(str(block[k][j]), columns[left + j].kind))
                  for k, r in enumerate(rows) for j in range(min(width, len(block[k]))))
    edit = SetCells(sheet, cells)
    if not extra:
        return edit
    return Macro((InsertRows(sheet, tuple((size + k, blank_row(sheet)) for k in range(extra))), edit))


def fill(sheet: str, cells: Iterable[tuple[int, int]], text: str) -> SetCells:
    """One pasted value into every selected cell (Excel's fill of a selection)."""
    columns = TABLES[sheet]
    return SetCells(sheet, tuple((r, c, clean_cell(text, columns[c].kind)) for r, c in cells))


# ------------------------------------------------------------------ display, sort, filter


def display_text(value: object) -> str:
    """What an officer sees in a cell: 1001.0 → '1001', dates as YYYY-MM-DD."""
    return cell_text(value)


def number_value(value: object) -> Decimal | None:
    """A count or number cell as Decimal, or None when blank or not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    cleaned = _NUMBER_JUNK.sub("", normalize(display_text(value)))
    if cleaned == "" or not _is_number(cleaned):
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
    return display_text(value)


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def date_value(value: object) -> dt.date | None:
    """A date cell (a real date or text the reader accepts as one), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE_TEXT.match(normalize(display_text(value)))
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


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
        text = value if isinstance(value, str) else display_text(value)
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
    needle = normalize(text).casefold()
    candidates = range(1, len(rows)) if within is None else within
    if not needle:
        return list(candidates)
    found: list[int] = []
    wide = _FULL_WIDTH.search
    for i in candidates:
        hay = "\t".join([v if type(v) is str else ("" if v is None else display_text(v)) for v in rows[i]])
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


# ------------------------------------------------------------------ storing a book


def book_to_json(book: Book) -> dict[str, list[list[object]]]:
    """Sheets with JSON-safe cells (dates as ISO text, which the reader reads as dates)."""
    def cell(value: object) -> object:
        if value is None or isinstance(value, (str, int, bool)):
            return "" if value is None else value
        if isinstance(value, float):
            return value if math.isfinite(value) else ""
        return display_text(value)
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
