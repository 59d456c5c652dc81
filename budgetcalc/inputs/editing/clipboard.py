"""Clipboard text in and out, as Excel and WPS exchange it, and pasting a block into a book."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from budgetcalc.base.celltext import cell_text, normalize_text
from budgetcalc.inputs.editing.book import TABLES, Book, Edit, InsertRows, Macro, SetCells, blank_row
from budgetcalc.inputs.editing.display import NUMBER_JUNK, is_number
from budgetcalc.rules import vocab


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




def clean_cell(text: str, kind: vocab.ValueKind) -> str:
    """A pasted cell as it should be stored: numbers without separators or ¥, half-width.

    Text that still is no number is kept as typed, so the check reports what was pasted.
    """
    text = text.strip()
    if kind in ("count", "number"):
        cleaned = NUMBER_JUNK.sub("", normalize_text(text))
        return cleaned if is_number(cleaned) else text
    if kind == "percent":
        return normalize_text(text).replace(" ", "").replace(",", "")
    if kind in ("enum", "bool", "date"):
        return normalize_text(text)
    return text




def holds_data(book: Book, sheet: str, targets: Iterable[int]) -> bool:
    """Whether any of these rows has a non-blank cell: a block pasted onto them asks first."""
    rows = book[sheet]
    return any(0 < r < len(rows) and any(cell_text(v) for v in rows[r]) for r in targets)


def _width(sheet: str, left: int, block: Sequence[Sequence[str]]) -> int:
    return max(0, min(max((len(r) for r in block), default=0), len(TABLES[sheet]) - left))


def paste(book: Book, sheet: str, targets: Sequence[int], left: int, block: Sequence[Sequence[str]], *,
          replace_rows: bool = False) -> Edit:
    """A pasted block at column ``left`` of the given rows, one block row per target row.

    Block rows beyond ``targets`` become new rows at the end of the sheet; cells beyond
    the last column are dropped. With ``replace_rows`` (the officer chose 覆盖) a block
    that starts at the first column is taken as whole records — a row's code or person
    and what follows — so the other cells of each row it lands on are cleared: a pasted
    person never keeps the old row's 全科注册日期. A block starting further right edits
    those columns of the same records and leaves the rest of each row alone.
    """
    columns = TABLES[sheet]
    width = _width(sheet, left, block)
    size = len(book[sheet])
    extra = max(0, len(block) - len(targets))
    rows = list(targets[:len(block)]) + list(range(size, size + extra))
    cells = [(r, left + j, clean_cell(str(block[k][j]), columns[left + j].kind))
             for k, r in enumerate(rows) for j in range(min(width, len(block[k])))]
    if replace_rows and left == 0:
        old = book[sheet]
        cells += [(r, j, "") for k, r in enumerate(rows[:len(targets)]) if r < size
                  for j in range(min(width, len(block[k])), len(old[r])) if cell_text(old[r][j])]
    edit = SetCells(sheet, tuple(cells))
    if not extra:
        return edit
    return Macro((InsertRows(sheet, tuple((size + k, blank_row(sheet)) for k in range(extra))), edit))


def paste_as_rows(book: Book, sheet: str, at: int, left: int, block: Sequence[Sequence[str]]) -> InsertRows:
    """A pasted block as new rows at ``at`` (插入为新行): no existing row changes."""
    columns = TABLES[sheet]
    width = _width(sheet, left, block)
    at = max(1, min(at, len(book[sheet])))
    new_rows = []
    for k, cells in enumerate(block):
        row = list(blank_row(sheet))
        for j in range(min(width, len(cells))):
            row[left + j] = clean_cell(str(cells[j]), columns[left + j].kind)
        new_rows.append((at + k, tuple(row)))
    return InsertRows(sheet, tuple(new_rows))


def fill(sheet: str, cells: Iterable[tuple[int, int]], text: str) -> SetCells:
    """One pasted value into every selected cell (Excel's fill of a selection)."""
    columns = TABLES[sheet]
    return SetCells(sheet, tuple((r, c, clean_cell(text, columns[c].kind)) for r, c in cells))
