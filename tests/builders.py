"""Input workbooks for tests, as in-memory sheets or real .xlsx files.

Rows are dicts keyed by the workbook's Chinese headers, exactly as an officer fills them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from budgetcalc.inputs import editing
from budgetcalc.rules import vocab

Row = Mapping[str, object]


def sheets(settings: Mapping[str, object], facilities: Sequence[Row] = (), staff: Sequence[Row] = (),
           overrides: Sequence[Row] = (), regions: Sequence[Row] | None = None, plan: Sequence[Row] = (),
           grades: Sequence[Row] = (), payers: Sequence[Row] = (), prior: Sequence[Row] = (),
           projects: Sequence[Row] = ()) -> dict[str, list[list[object]]]:
    out: dict[str, list[list[object]]] = {
        vocab.SHEET_SETTINGS: [["项目", "值"], *[[k, v] for k, v in settings.items()]],
        vocab.SHEET_FACILITIES: _table(vocab.FACILITY_COLUMNS, facilities),
        vocab.SHEET_STAFF: _table(vocab.STAFF_COLUMNS, staff),
    }
    if overrides:
        out[vocab.SHEET_OVERRIDES] = _table(vocab.OVERRIDE_COLUMNS, overrides)
    if regions is not None:
        out[vocab.SHEET_REGIONS] = _table(vocab.REGION_COLUMNS, regions)
    if plan:
        out[vocab.SHEET_PLAN] = _table(vocab.PLAN_COLUMNS, plan)
    for name, columns, rows in ((vocab.SHEET_GRADES, vocab.GRADE_COLUMNS, grades),
                                (vocab.SHEET_PAYERS, vocab.PAYER_COLUMNS, payers),
                                (vocab.SHEET_PRIOR, vocab.PRIOR_COLUMNS, prior),
                                (vocab.SHEET_PROJECTS, vocab.PROJECT_COLUMNS, projects)):
        if rows:
            out[name] = _table(columns, rows)
    return out


def _table(columns: tuple[vocab.Column, ...], rows: Sequence[Row]) -> list[list[object]]:
    headers = [c.header for c in columns]
    for row in rows:
        unknown = set(row) - set(headers)
        assert not unknown, f"not a header: {unknown}"
    return [headers, *[[row.get(h, "") for h in headers] for row in rows]]


def write_xlsx(path: Path, book: Mapping[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in book.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
        for cells in ws.iter_rows():   # text typed as "=1+1" is text, as an officer's typed name is
            for c in cells:
                if c.data_type == "f":
                    c.data_type = "s"
    wb.save(path)
    return path


def each_edit(book: editing.Book, edits: Sequence[editing.Edit]) -> Iterator[editing.Book]:
    """The book after each of ``edits`` in turn; an edit of a row the shrunken sheet no longer has is skipped."""
    for edit in edits:
        try:
            book, _ = editing.apply(book, edit)
        except IndexError:
            continue
        yield book
