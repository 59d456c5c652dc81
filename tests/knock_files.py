"""Hostile workbooks built byte by byte: sheets whose XML is written directly (a far cell, a sea
of whitespace, millions of cells, a shared string copied into every cell), so a test can make
each one in a few kilobytes and milliseconds."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

SheetXml = bytes | Callable[[IO[bytes]], None]

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = f'<?xml version="1.0"?><worksheet xmlns="{_NS}"><sheetData>'.encode()
TAIL = b"</sheetData></worksheet>"


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def sheet(*rows: str) -> bytes:
    return HEAD + "".join(rows).encode() + TAIL


SETTINGS = sheet(row(1, text_cell("A1", "项目"), text_cell("B1", "值")),
                 row(2, text_cell("A2", "预算年度"), '<c r="B2"><v>2025</v></c>'),
                 row(3, text_cell("A3", "政策标准"), text_cell("B3", "wendeng")))
FACILITY_HEAD = row(1, text_cell("A1", "机构编码"), text_cell("B1", "机构类型"))
STAFF = sheet(row(1, text_cell("A1", "机构编码"), text_cell("B1", "编制类型")))


def xlsx(path: Path, sheets: Mapping[str, SheetXml], shared: bytes | None = None) -> Path:
    """A minimal valid .xlsx: the given worksheets (bytes, or a function writing them to a stream)."""
    types = ['<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'spreadsheetml.sheet.main+xml"/>']
    rels = ['<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    book = [f'<?xml version="1.0"?><workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets>']
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for i, (name, xml) in enumerate(sheets.items(), start=1):
            types.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                         f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
            rels.append(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>')
            book.append(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
            if callable(xml):
                with archive.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as stream:
                    xml(stream)
            else:
                archive.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if shared is not None:
            n = len(sheets) + 1
            types.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
            rels.append(f'<Relationship Id="rId{n}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>')
            archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("[Content_Types].xml", "".join(types) + "</Types>")
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                         f'package/2006/relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
                         'Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", "".join(book) + "</sheets></workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels", "".join(rels) + "</Relationships>")
    return path


def with_facilities(path: Path, facilities: SheetXml, shared: bytes | None = None) -> Path:
    return xlsx(path, {"参数": SETTINGS, "机构": facilities, "人员": STAFF}, shared)
