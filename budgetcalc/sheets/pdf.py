"""The budget sheet as a PDF that prints the same on any machine.

The bundled TrueType CJK font is embedded (as a subset), since the officer's printer PC
may lack 宋体. Tables are drawn row by row rather than with fpdf2's table(): a roster-size
detail table has tens of thousands of cells, and drawing text and borders directly keeps
that to seconds while still wrapping text, repeating the heading rows on every page and
numbering pages 第 X 页 共 Y 页.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from budgetcalc.base.paths import cjk_font_path
from budgetcalc.sheets.layout import BudgetSheet, Column, Row, Table, cell_text

FONT = "cjk"
PAGE_COUNT = "{np}"  # replaced by the page count at output; fpdf2 reserves room for 4 digits
TABLE_PT, NOTE_PT, SMALL_PT = 9.0, 11.0, 8.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 12.0, 12.0, 16.0
PAD_X, PAD_Y = 1.2, 0.9
LINE_FACTOR = 1.35        # line height / font size
TAIL_ITEMS = 2            # rows kept with a table's 合计 when it must go to a new page
NOTE_SPACINGS = (1.6, 1.5, 1.4)   # the notes' line height / font size; tighter only to save a last page
LAST_PAGE_LINES = 8       # the notes' last page holds at least this many lines (when it is not the only one)
PACK_ROWS = 60            # a table of at most this many rows may share a page with the one before (pack_tables)
PACK_GAP = 8.0            # mm between two tables on one page
PT_MM = 25.4 / 72
TITLE_HEIGHT = 12 * PT_MM + 2 + 4 + 2.5   # a table's title block without the sheet's title (see _title_block)
GROUP_FILL, HEAD_FILL = (237, 237, 237), (217, 217, 217)
_NO_LINE_START = set("，。、；：？！）》」』】〕”’%,.;:)")
_NO_LINE_END = set("（《「『【〔“‘(")
_TOKENS = re.compile(r"[A-Za-z0-9_.,:%/+\-]+|\s|.")


class _SheetPdf(FPDF):
    def __init__(self, sheet: BudgetSheet):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.sheet = sheet
        self.running = ""        # printed atop continuation pages
        self._widths: dict[tuple[str, float], float] = {}
        self.set_auto_page_break(False)
        self.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        self.add_font(FONT, "", str(cjk_font_path()))
        self.set_font(FONT, size=TABLE_PT)
        self.alias_nb_pages(PAGE_COUNT)
        self.set_title(sheet.title)
        self.set_creator("budgetcalc")
        self.set_lang("zh-CN")
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)

    # -------------------------------------------------------------- page furniture

    def header(self) -> None:
        if not self.running:
            return
        with self.local_context(font_size_pt=SMALL_PT, text_color=(90, 90, 90)):
            self.text(self.l_margin, MARGIN_TOP - 4, f"{self.sheet.title}　{self.running}（续）")

    def footer(self) -> None:
        y = self.h - MARGIN_BOTTOM + 8
        with self.local_context(font_size_pt=SMALL_PT + 1):
            self.text(self.l_margin, y, "　　　　　".join(self.sheet.sign_off))
            # the page count is filled in at output; only cell() supports that alias
            self.set_xy(self.l_margin, y - 3.2)
            self.cell(self.usable_width, 4, f"第 {self.page_no()} 页 共 {PAGE_COUNT} 页", align="R")

    @property
    def bottom(self) -> float:
        return self.h - MARGIN_BOTTOM

    @property
    def usable_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    # -------------------------------------------------------------- text

    def measure(self, text: str) -> float:
        """Width in mm at the current size; the same few thousand strings recur in a sheet."""
        key = (text, self.font_size_pt)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(text)
        return width

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy line filling that keeps numbers and Latin words whole, never starts a line
        with closing punctuation nor ends one with an opening bracket or quote."""
        out: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            line_w = 0.0
            for token in _TOKENS.findall(paragraph):
                token_w = self.measure(token)
                if token_w > width:  # wider than the column on its own: cut it anywhere
                    if line:
                        out.append("".join(line).rstrip())
                    token = self._cut(token, width, out)
                    line, line_w = [], 0.0
                    token_w = self.measure(token)
                elif line and line_w + token_w > width:
                    line, carried = _break(line, token)
                    out.append("".join(line).rstrip())
                    line, line_w = carried, sum(self.measure(t) for t in carried)
                    if token.isspace() and not line:
                        continue
                line.append(token)
                line_w += token_w
            out.append("".join(line).rstrip())
        return out

    def _cut(self, token: str, width: float, out: list[str]) -> str:
        """Append full-width pieces of ``token`` to ``out``; return the rest."""
        while len(token) > 1 and self.measure(token) > width:
            cut = len(token) - 1
            while cut > 1 and self.measure(token[:cut]) > width:
                cut -= 1
            out.append(token[:cut])
            token = token[cut:]
        return token

    def bold_text(self, x: float, y: float, text: str) -> None:
        """The bundled font has no bold face: stroke the glyph outlines thinly instead."""
        with self.local_context(text_mode="FILL_STROKE", line_width=0.12):
            self.text(x, y, text)


# ------------------------------------------------------------------ tables


class _TableDrawer:
    def __init__(self, pdf: _SheetPdf, table: Table):
        self.pdf = pdf
        self.table = table
        scale = pdf.usable_width / sum(c.width for c in table.columns)
        self.widths = [c.width * scale for c in table.columns]

    def x_of(self, index: int) -> float:
        return self.pdf.l_margin + sum(self.widths[:index])

    def height(self, with_rows: bool = True) -> float:
        """The table's height from its column headings on (its rows too unless ``with_rows`` is False)."""
        laid = self.heading_rows() + ([self.layout(r) for r in self.table.rows] if with_rows else [])
        return sum(r.height for r in laid)

    def draw(self) -> None:
        self.headings()
        laid = [self.layout(row) for row in self.table.rows]
        breaks = _breaks([r.height for r in laid], _kept_with_previous(self.table.rows), self.pdf.get_y(),
                         MARGIN_TOP + self.height(with_rows=False), self.pdf.bottom)
        for i, row in enumerate(laid):
            if i in breaks:
                self.new_page()
            self.draw_cells(row)

    def heading_rows(self) -> list[_Laid]:
        cols = self.table.columns
        rows = [_Laid.of(self, [(c.title, i, i, "C") for i, c in enumerate(cols)], HEAD_FILL, True, TABLE_PT),
                _Laid.of(self, [(c.number, i, i, "C") for i, c in enumerate(cols)], None, False, SMALL_PT)]
        if self.table.formula_note:
            rows.append(_Laid.of(self, [("注：" + self.table.formula_note, 0, len(cols) - 1, "L")],
                                 None, False, SMALL_PT))
        return rows

    def headings(self) -> None:
        for laid in self.heading_rows():
            self.draw_cells(laid)

    def layout(self, row: Row) -> _Laid:
        first, last = row.span if row.span else (-1, -1)
        cells: list[tuple[str, int, int, str]] = []
        for i, (col, value) in enumerate(zip(self.table.columns, row.cells, strict=True)):
            if first < i <= last:
                continue
            end = last if i == first else i
            cells.append((cell_text(col, value, self.table.unit), i, end, _align(col)))
        fill = GROUP_FILL if row.style == "group" else None
        return _Laid.of(self, cells, fill, row.style in ("group", "total", "words"), TABLE_PT)

    def draw_cells(self, laid: _Laid) -> None:
        pdf = self.pdf
        pdf.set_font_size(laid.size)
        lh = laid.size * PT_MM * LINE_FACTOR
        y = pdf.get_y()
        if laid.fill:
            pdf.set_fill_color(*laid.fill)
            pdf.rect(pdf.l_margin, y, pdf.usable_width, laid.height, style="F")
        for lines, a, b, align in laid.cells:
            x, w = self.x_of(a), self.span_width(a, b)
            pdf.rect(x, y, w, laid.height)
            top = y + (laid.height - len(lines) * lh) / 2
            for n, line in enumerate(lines):
                base = top + n * lh + lh * 0.72
                if align == "R":
                    tx = x + w - PAD_X - pdf.measure(line)
                elif align == "C":
                    tx = x + (w - pdf.measure(line)) / 2
                else:
                    tx = x + PAD_X
                (pdf.bold_text if laid.bold else pdf.text)(tx, base, line)
        pdf.set_y(y + laid.height)
        pdf.set_font_size(TABLE_PT)

    def new_page(self) -> None:
        self.pdf.running = self.table.title
        self.pdf.add_page()
        self.pdf.set_y(MARGIN_TOP)
        self.headings()

    def span_width(self, a: int, b: int) -> float:
        return sum(self.widths[a:b + 1])


@dataclass(frozen=True)
class _Laid:
    """A row wrapped into lines and measured, ready to draw."""

    cells: list[tuple[list[str], int, int, str]]
    height: float
    fill: tuple[int, int, int] | None
    bold: bool
    size: float

    @classmethod
    def of(cls, drawer: _TableDrawer, cells: Sequence[tuple[str, int, int, str]],
           fill: tuple[int, int, int] | None, bold: bool, size: float) -> _Laid:
        pdf = drawer.pdf
        pdf.set_font_size(size)
        laid = [(pdf.wrap(text, drawer.span_width(a, b) - 2 * PAD_X) if text else [], a, b, align)
                for text, a, b, align in cells]
        pdf.set_font_size(TABLE_PT)
        lines = max([1, *(len(ls) for ls, *_ in laid)])
        return cls(laid, lines * size * PT_MM * LINE_FACTOR + 2 * PAD_Y, fill, bold, size)


def _kept_with_previous(rows: Sequence[Row]) -> list[bool]:
    """Which rows may not start a page: the first item under a group heading, and the table's closing
    rows (尾差, 合计, 大写) with the last TAIL_ITEMS rows before them, so no page holds only a total."""
    keep = [i > 0 and rows[i - 1].style == "group" for i in range(len(rows))]
    closing = len(rows)
    while closing > 0 and rows[closing - 1].style in ("rounding", "total", "words"):
        closing -= 1
    for i in range(max(1, closing - TAIL_ITEMS + 1), len(rows)):
        keep[i] = True
    return keep


def _breaks(heights: Sequence[float], keep: Sequence[bool], y: float, top: float, bottom: float) -> set[int]:
    """The rows that start a new page (whose top is ``top``): each where the rows no longer fit, moved
    back to a row that may start a page; a run of kept rows taller than a page breaks where it must."""
    breaks: set[int] = set()
    start = 0
    for i, h in enumerate(heights):
        if y + h > bottom and i > start:
            j = i
            while j > start + 1 and keep[j]:
                j -= 1
            if keep[j]:
                j = i
            breaks.add(j)
            start = j
            y = top + sum(heights[j:i])
        y += h
    return breaks


def _break(line: list[str], token: str) -> tuple[list[str], list[str]]:
    """End a full line before ``token``: what may not end a line, or the word a closing mark
    must follow, moves down with it."""
    keep, carried = list(line), list[str]()
    if token[0] in _NO_LINE_START and len(keep) > 1:
        carried.insert(0, keep.pop())
    while len(keep) > 1 and keep[-1][-1] in _NO_LINE_END:
        carried.insert(0, keep.pop())
    return keep, carried


def _align(col: Column) -> str:
    if col.key == "no":
        return "C"
    return "L" if col.kind == "text" else "R"


# ------------------------------------------------------------------ pages


def _title_block(pdf: _SheetPdf, table: Table, first: bool, new_page: bool = True) -> None:
    """A table's title, preparer and unit: atop a new page, or below the table before (``new_page`` False)."""
    sheet = pdf.sheet
    pdf.running = ""
    if new_page:
        pdf.add_page(orientation="L")
        pdf.set_y(MARGIN_TOP)
    else:
        pdf.set_y(pdf.get_y() + PACK_GAP)
    if first:
        _centred(pdf, sheet.title, 18, gap=4)
    _centred(pdf, table.title, 12, gap=2)
    pdf.set_font_size(TABLE_PT + 1)
    y = pdf.get_y() + 4
    pdf.text(pdf.l_margin, y, sheet.preparer)
    pdf.text(pdf.w - pdf.r_margin - pdf.measure(table.unit_label), y, table.unit_label)
    for text in sheet.header_lines if first else ():
        for line in pdf.wrap(text, pdf.usable_width):
            y += 5
            pdf.text(pdf.l_margin, y, line)
    pdf.set_y(y + 2.5)
    pdf.set_font_size(TABLE_PT)


def _centred(pdf: _SheetPdf, text: str, size: float, gap: float) -> None:
    pdf.set_font_size(size)
    y = pdf.get_y() + size * PT_MM
    pdf.bold_text((pdf.w - pdf.measure(text)) / 2, y, text)
    pdf.set_y(y + gap)


@dataclass(frozen=True)
class _NoteLine:
    text: str
    heading: bool = False
    last: bool = False     # the last line of its paragraph (a small gap follows)
    may_break: bool = True  # a page may start with this line


def _note_lines(pdf: _SheetPdf) -> list[_NoteLine]:
    """The notes as lines; a page may not start after a heading, nor leave one line of a paragraph alone
    at the foot of a page or the top of the next."""
    out: list[_NoteLine] = []
    for note in pdf.sheet.notes:
        out.append(_NoteLine(note.heading, heading=True))
        pdf.set_font_size(NOTE_PT)
        for paragraph in note.paragraphs:
            lines = pdf.wrap("　　" + paragraph, pdf.usable_width)
            for k, line in enumerate(lines):
                alone = k == 1 or k == len(lines) - 1
                out.append(_NoteLine(line, last=k == len(lines) - 1,
                                     may_break=not (out[-1].heading or (alone and len(lines) > 1 and k > 0))))
    return out


def _note_heights(lines: Sequence[_NoteLine], spacing: float) -> list[float]:
    lh = NOTE_PT * PT_MM * spacing
    return [lh + (1.5 if line.heading else 1.0 if line.last else 0.0) for line in lines]


def _note_pages(lines: Sequence[_NoteLine], spacing: float, first_top: float, bottom: float) -> list[int]:
    """Where each notes page starts (line indices)."""
    heights = _note_heights(lines, spacing)
    return [0, *sorted(_breaks(heights, [not line.may_break for line in lines], first_top, MARGIN_TOP, bottom))]


def _near_empty(lines: Sequence[_NoteLine], starts: Sequence[int]) -> bool:
    return len(starts) > 1 and len(lines) - starts[-1] < LAST_PAGE_LINES


def _fill_last_page(lines: Sequence[_NoteLine], heights: Sequence[float], starts: list[int], bottom: float) -> None:
    """Start the last page earlier so it holds at least LAST_PAGE_LINES lines (the closing note goes
    with those before it), at a line that may start a page."""
    room = bottom - MARGIN_TOP
    earlier = [k for k in range(starts[-2] + 1, starts[-1]) if lines[k].may_break
               and len(lines) - k >= LAST_PAGE_LINES and sum(heights[k:]) <= room]
    if earlier:
        starts[-1] = earlier[-1]


def _notes(pdf: _SheetPdf) -> None:
    """The notes on portrait pages; a near-empty last page is saved by tighter line spacing when that
    fits the notes on one page fewer, else lines move down to it (``_fill_last_page``)."""
    sheet = pdf.sheet
    pdf.running = ""
    pdf.add_page(orientation="P")
    pdf.set_y(MARGIN_TOP)
    _centred(pdf, sheet.title.removesuffix("表") + "说明", 16, gap=6)
    lines = _note_lines(pdf)
    first_top = pdf.get_y()
    spacing, starts = NOTE_SPACINGS[0], _note_pages(lines, NOTE_SPACINGS[0], first_top, pdf.bottom)
    if _near_empty(lines, starts):
        spacing, starts = next(((tighter, fewer) for tighter in NOTE_SPACINGS[1:]
                                if len(fewer := _note_pages(lines, tighter, first_top, pdf.bottom)) < len(starts)),
                               (spacing, starts))
    heights = _note_heights(lines, spacing)
    if _near_empty(lines, starts):
        _fill_last_page(lines, heights, starts, pdf.bottom)
    lh = NOTE_PT * PT_MM * spacing
    for k, (line, height) in enumerate(zip(lines, heights, strict=True)):
        if k in starts[1:]:
            pdf.running = "测算说明"
            pdf.add_page(orientation="P")
            pdf.set_y(MARGIN_TOP)
        y = pdf.get_y() + lh
        if line.heading:
            pdf.set_font_size(NOTE_PT + 1)
            pdf.bold_text(pdf.l_margin, y, line.text)
        else:
            pdf.set_font_size(NOTE_PT)
            pdf.text(pdf.l_margin, y, line.text)
        pdf.set_y(pdf.get_y() + height)


def _charts(pdf: _SheetPdf) -> None:
    """One landscape page per chart, scaled to the page width."""
    for chart in pdf.sheet.charts:
        pdf.running = ""
        pdf.add_page(orientation="L")
        pdf.set_y(MARGIN_TOP)
        _centred(pdf, chart.title, 14, gap=4)
        top = pdf.get_y()
        pdf.image(io.BytesIO(chart.png), x=pdf.l_margin, y=top, w=pdf.usable_width,
                  h=pdf.bottom - top - 2, keep_aspect_ratio=True)


def pdf_bytes(sheet: BudgetSheet) -> bytes:
    """The PDF in memory: what the app's print preview shows and prints, page for page."""
    pdf = _SheetPdf(sheet)
    for n, table in enumerate(sheet.tables):
        drawer = _TableDrawer(pdf, table)
        shared = (sheet.pack_tables and n > 0 and len(table.rows) <= PACK_ROWS
                  and pdf.get_y() + PACK_GAP + TITLE_HEIGHT + drawer.height() <= pdf.bottom)
        _title_block(pdf, table, first=n == 0, new_page=not shared)
        drawer.draw()
    _charts(pdf)
    _notes(pdf)
    return bytes(pdf.output())


def write_pdf(sheet: BudgetSheet, path: str | Path) -> None:
    Path(path).write_bytes(pdf_bytes(sheet))
