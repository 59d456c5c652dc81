"""Editing the officer's tables as pure transforms: edits, paste, sort and filter orders.

An editor (the desktop app) keeps the input as raw cell rows per sheet — a *book*, the
shape of an input workbook — and validates it with ``reader.read_sheets``, so every
message is the command line's. Nothing here imports Qt, pandas or numpy: the window must
appear before those load, and these rules are tested without a display. The modules:
``book`` (the book and its edits), ``overrides`` (标准调整), ``clipboard`` (paste),
``display`` (cell texts, sort and filter orders, problems placed on cells).
"""

from budgetcalc.base.celltext import cell_text as display_text
from budgetcalc.base.celltext import date_value, normalize_text
from budgetcalc.inputs.editing.book import (
    SETTING_NAMES,
    TABLES,
    Book,
    Edit,
    InsertRows,
    Macro,
    RemoveRows,
    SetCells,
    apply,
    blank_row,
    book_from_json,
    book_to_json,
    canonical_book,
    clear,
    duplicate,
    insert_blank,
    is_structural,
    new_book,
    remove,
    set_setting,
    setting_row,
    setting_value,
    sheets_of,
)
from budgetcalc.inputs.editing.clipboard import (
    clean_cell,
    fill,
    holds_data,
    parse_clipboard,
    paste,
    paste_as_rows,
    to_clipboard,
)
from budgetcalc.inputs.editing.display import (
    cell_display,
    filter_rows,
    grouped,
    number_value,
    problem_cells,
    setting_problems,
    sort_order,
)
from budgetcalc.inputs.editing.overrides import entries_of, overrides_of, remove_override, set_override

__all__ = [
    "SETTING_NAMES", "TABLES", "Book", "Edit", "InsertRows", "Macro", "RemoveRows", "SetCells", "apply", "blank_row",
    "book_from_json", "book_to_json", "canonical_book", "cell_display", "clean_cell", "clear", "date_value",
    "display_text", "duplicate", "entries_of", "fill", "filter_rows", "grouped", "holds_data", "insert_blank",
    "is_structural", "new_book", "normalize_text", "number_value", "overrides_of", "parse_clipboard", "paste",
    "paste_as_rows", "problem_cells", "remove", "remove_override", "set_override", "set_setting", "setting_problems",
    "setting_row", "setting_value", "sheets_of", "sort_order", "to_clipboard",
]
