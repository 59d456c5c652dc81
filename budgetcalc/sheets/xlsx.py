"""The budget sheet as an .xlsx workbook that Excel and WPS open, and print, as laid out.

XlsxWriter, because the page setup it writes (A4 landscape, fit to one page wide, print
titles, footer) is honoured by both programs. Every figure is a number cell with a number
format — never a formula, whose cached value viewers would show as 0 — and every text is
a string cell, quote-prefixed where Excel would otherwise run it as a formula on editing.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.format import Format  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from budgetcalc.base.textwidth import width
from budgetcalc.sheets.layout import NOTES_SHEET, BudgetSheet, CellValue, Column, Row, Table

# Fonts every Windows 10 ships; WPS maps them too.
FONT_BODY, FONT_HEAD, FONT_NOTE = "宋体", "黑体", "仿宋"
BODY_PT, NOTE_PT = 10, 12
LINE_PT = 14.0           # row height per text line at 10 pt
NOTE_LINE_PT = 19.0
# the notes' one column: A4 portrait's printable width (210 mm − margins) at 100 %, even where a viewer
# replaces Calibri (whose digit sets the width unit) by a wider font — LibreOffice with DejaVu Sans
# takes about 2.2 mm a unit and, finding the column "fits", clipped 92 units at both margins
NOTES_WIDTH = 80
MARGIN_IN = 0.4           # left and right page margins of every sheet, in inches
CHARTS_SHEET = "图表"
CHART_ROWS = 32          # rows a chart picture takes at 0.6 scale, plus its title
_FIGURE_FORMATS = {"money": "#,##0.00", "rate": "#,##0.00", "count": "#,##0"}
_FORMULA_START = tuple("=+-@\t\r\n")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def safe_text(text: str) -> str:
    """Control characters and lone surrogates cannot be stored in the file's XML (UTF-8); show them
    as replacement marks."""
    return _CONTROL.sub("\ufffd", text)


def runs_as_formula(text: str) -> bool:
    return text.startswith(_FORMULA_START) or text.startswith("\ufffd")


class _Formats:
    """One XlsxWriter format per distinct look, created on first use."""

    def __init__(self, book: xlsxwriter.Workbook):
        self._book = book
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}
        self._cells: dict[tuple[str, str, str, bool, bool], Format] = {}

    def get(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self._book.add_format(props)
        return self._cache[key]

    def cell(self, column: Column, row: Row, literal: bool = False, whole: bool = False) -> Format:
        key = (column.key, column.kind, row.style, literal, whole)
        found = self._cells.get(key)
        if found is None:
            props = _cell_props(column, row, literal)
            if whole:
                props["num_format"] = "#,##0"
            found = self._cells[key] = self.get(**props)
        return found


def _cell_props(column: Column, row: Row, literal: bool) -> dict[str, Any]:
    props: dict[str, Any] = {"font_name": FONT_BODY, "font_size": BODY_PT, "border": 1, "valign": "vcenter"}
    if column.kind == "text":
        props.update(text_wrap=True, align="left")
        if literal:
            props["quote_prefix"] = True
    else:
        props.update(num_format=_FIGURE_FORMATS[column.kind], align="right")
    if row.style in ("group", "total", "words"):
        props["bold"] = True
    if row.style == "group":
        props["bg_color"] = "#EDEDED"
    if row.style == "rounding":
        props["italic"] = True
    if column.key == "no":
        props["align"] = "center"
    return props


def write_xlsx(sheet: BudgetSheet, path: str | Path) -> None:
    book = xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": sheet.title, "subject": "基层医疗卫生补助资金测算表", "author": "budgetcalc"})
    formats = _Formats(book)
    for table in sheet.tables:
        _write_table(book.add_worksheet(table.sheet), sheet, table, formats)
    if sheet.charts:
        _write_charts(book.add_worksheet(CHARTS_SHEET), sheet, formats)
    _write_notes(book.add_worksheet(NOTES_SHEET), sheet, formats)
    book.close()


def _write_charts(ws: Worksheet, sheet: BudgetSheet, formats: _Formats) -> None:
    """Charts as pictures, one per printed page (their data is in the tables beside)."""
    _page_setup(ws, sheet, landscape=True)
    title = formats.get(font_name=FONT_HEAD, font_size=14, align="left", valign="vcenter")
    for n, chart in enumerate(sheet.charts):
        r = n * CHART_ROWS
        ws.write_string(r, 0, safe_text(chart.title), title)
        ws.set_row(r, 24)
        ws.insert_image(r + 1, 0, "chart.png", {"image_data": io.BytesIO(chart.png), "x_scale": 0.6, "y_scale": 0.6,
                                                "object_position": 3})
    ws.set_h_pagebreaks([n * CHART_ROWS for n in range(1, len(sheet.charts))])


def _page_setup(ws: Worksheet, sheet: BudgetSheet, *, landscape: bool) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    ws.set_margins(left=MARGIN_IN, right=MARGIN_IN, top=0.5, bottom=0.8)
    ws.center_horizontally()
    sign = "　　　　".join(_footer_text(s) for s in sheet.sign_off)
    ws.set_footer(f'&L&"{FONT_BODY},常规"&9{sign}&R&"{FONT_BODY},常规"&9第 &P 页 共 &N 页', {"margin": 0.3})


def _footer_text(text: str) -> str:
    return text.replace("&", "&&")


def _write_table(ws: Worksheet, sheet: BudgetSheet, table: Table, formats: _Formats) -> None:
    _page_setup(ws, sheet, landscape=True)
    cols = table.columns
    last = len(cols) - 1
    for i, col in enumerate(cols):
        ws.set_column(i, i, col.width)
    title = formats.get(font_name=FONT_HEAD, font_size=18, align="center", valign="vcenter")
    subtitle = formats.get(font_name=FONT_HEAD, font_size=12, align="center", valign="vcenter")
    meta = formats.get(font_name=FONT_BODY, font_size=BODY_PT, align="left", valign="vcenter")
    meta_right = formats.get(font_name=FONT_BODY, font_size=BODY_PT, align="right", valign="vcenter")
    _merged(ws, 0, 0, last, sheet.title, title, height=32)
    _merged(ws, 1, 0, last, table.title, subtitle, height=22)
    split = max(1, last - 2)
    _merged(ws, 2, 0, split - 1, sheet.preparer, meta)
    _merged(ws, 2, split, last, table.unit_label, meta_right)
    header = "　　".join(sheet.header_lines)
    wrapped = formats.get(font_name=FONT_BODY, font_size=BODY_PT, align="left", valign="vcenter", text_wrap=True)
    _merged(ws, 3, 0, last, header, wrapped, height=LINE_PT * _lines(header, _span_width(cols, 0, last)) + 3)
    head = formats.get(font_name=FONT_HEAD, font_size=BODY_PT, bold=False, border=1, align="center",
                       valign="vcenter", text_wrap=True, bg_color="#D9D9D9")
    number = formats.get(font_name=FONT_BODY, font_size=9, border=1, align="center", valign="vcenter")
    for i, col in enumerate(cols):
        ws.write_string(4, i, col.title, head)
        ws.write_string(5, i, col.number, number)
    ws.set_row(4, LINE_PT * max(_lines(c.title, c.width) for c in cols) + 4)
    heading_rows = 6
    if table.formula_note:
        note = formats.get(font_name=FONT_BODY, font_size=9, border=1, align="left", valign="vcenter", text_wrap=True)
        _merged(ws, 6, 0, last, "注：" + table.formula_note, note,
                height=LINE_PT * _lines("注：" + table.formula_note, _span_width(cols, 0, last)) + 2)
        heading_rows = 7
    ws.repeat_rows(4, heading_rows - 1)
    ws.freeze_panes(heading_rows, 0)
    for r, row in enumerate(table.rows, start=heading_rows):
        _write_row(ws, r, row, cols, formats, table.unit == "whole")


def _write_row(ws: Worksheet, r: int, row: Row, cols: tuple[Column, ...], formats: _Formats,
               whole: bool = False) -> None:
    first, end = row.span if row.span else (-1, -1)
    lines = 1
    for c, (col, value) in enumerate(zip(cols, row.cells, strict=True)):
        if first < c <= end:
            continue
        if c == first:
            text = safe_text(str(value or ""))
            _merged(ws, r, first, end, text, formats.cell(col, row, runs_as_formula(text)))
            lines = max(lines, _lines(text, _span_width(cols, first, end)))
            continue
        lines = max(lines, _write_cell(ws, r, c, col, row, value, formats, whole))
    ws.set_row(r, LINE_PT * lines + 3)


def _write_cell(ws: Worksheet, r: int, c: int, col: Column, row: Row, value: CellValue, formats: _Formats,
                whole: bool = False) -> int:
    """Write one cell; return how many lines of text it needs (``whole``: money in whole 元)."""
    if isinstance(value, int) and col.kind != "text":
        ws.write_number(r, c, value / 100 if col.kind in ("money", "rate") else value,
                        formats.cell(col, row, whole=whole and col.kind == "money"))
        return 1
    if value is None or value == "":
        ws.write_blank(r, c, None, formats.cell(col, row))
        return 1
    text = safe_text(str(value))
    ws.write_string(r, c, text, formats.cell(col, row, runs_as_formula(text)))
    return _lines(text, col.width)


def _merged(ws: Worksheet, r: int, c1: int, c2: int, text: str, fmt: Format, height: float | None = None) -> None:
    if c2 > c1:
        ws.merge_range(r, c1, r, c2, "", fmt)
    ws.write_string(r, c1, safe_text(text), fmt)
    if height is not None:
        ws.set_row(r, height)


def _span_width(cols: tuple[Column, ...], first: int, last: int) -> int:
    return sum(c.width for c in cols[first:last + 1])


def _lines(text: str, cells: float, font_pt: float = BODY_PT) -> int:
    """Lines a wrapped text takes in a column of ``cells`` width units (a rough, safe estimate)."""
    per_line = max(1.0, (cells - 1) * 10 / font_pt)
    if 2 * len(text) <= per_line and "\n" not in text:  # fits even if every character is wide
        return 1
    return sum(max(1, math.ceil(width(part) / per_line)) for part in text.split("\n"))


def _write_notes(ws: Worksheet, sheet: BudgetSheet, formats: _Formats) -> None:
    _page_setup(ws, sheet, landscape=False)
    ws.set_column(0, 0, NOTES_WIDTH)
    title = formats.get(font_name=FONT_HEAD, font_size=18, align="center", valign="vcenter")
    heading = formats.get(font_name=FONT_HEAD, font_size=NOTE_PT, align="left", valign="vcenter")
    body = formats.get(font_name=FONT_NOTE, font_size=NOTE_PT, align="left", valign="top", text_wrap=True,
                       indent=0)
    ws.write_string(0, 0, safe_text(sheet.title.removesuffix("表") + "说明"), title)
    ws.set_row(0, 32)
    r = 1
    ws.write_string(r, 0, safe_text(sheet.preparer), formats.get(font_name=FONT_BODY, font_size=BODY_PT))
    for note in sheet.notes:
        r += 1
        ws.write_string(r, 0, note.heading, heading)
        ws.set_row(r, NOTE_LINE_PT + 4)
        for paragraph in note.paragraphs:
            r += 1
            text = safe_text("　　" + paragraph)
            ws.write_string(r, 0, text, body)
            ws.set_row(r, NOTE_LINE_PT * _lines(text, NOTES_WIDTH, NOTE_PT) + 4)
