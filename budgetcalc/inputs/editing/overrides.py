"""The 标准调整 sheet as the editor writes it: overrides, and the officer's entries for entered-rate items."""

from __future__ import annotations

from budgetcalc.base.celltext import cell_text
from budgetcalc.inputs.editing.book import Book, Edit, InsertRows, RemoveRows, SetCells
from budgetcalc.rules import vocab


def _override_rows(book: Book) -> list[tuple[int, list[object]]]:
    width = len(vocab.OVERRIDE_COLUMNS)
    return [(i, list(row) + [""] * (width - len(row))) for i, row in enumerate(book[vocab.SHEET_OVERRIDES][1:], start=1)]


def overrides_of(book: Book) -> dict[str, tuple[int, object, object]]:
    """Standard id → (row index, value as typed, reason), first row per id."""
    out: dict[str, tuple[int, object, object]] = {}
    for i, cells in _override_rows(book):
        sid = cell_text(cells[0])
        if sid and sid not in out:
            out[sid] = (i, cells[1], cells[2])
    return out


def entries_of(book: Book, standard_id: str) -> list[tuple[int, object, object, str, object]]:
    """Every row of an entered-rate item: (row index, value, reason, unit's facility code, quantity)."""
    return [(i, cells[1], cells[2], cell_text(cells[3]), cells[4]) for i, cells in _override_rows(book)
            if cell_text(cells[0]) == standard_id]


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
