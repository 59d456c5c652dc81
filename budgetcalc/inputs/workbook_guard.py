"""Before a workbook is read: its size as a reader would hold it, so no file can exhaust memory.

The xlsx reader builds each sheet as a dense grid from its first to its last cell and copies
a shared string into every cell that uses it: one value at XFD1048576 in a 6 KB file asks
for 17 billion cells, a 29 KB file of cells all pointing at one long string for gigabytes,
a sheet of whitespace or a deflate bomb expands without end. This guard reads the archive's
directory and streams each member once (decompression and byte searches, no XML parsing):
the last row from the row tags, the widest column from two- and three-letter cell
references, the bytes from the stream itself (the directory's sizes may lie), and, where a
shared string is long, how many cells copy it. What exceeds a bound is refused, naming it.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_CELLS = 8_000_000               # rows × columns over all sheets: 400,000 staff rows of 20 columns
MAX_ROWS = 1_048_576                 # Excel's own limit
MAX_COLUMNS = 702                    # ZZ: the input sheets have about 20 columns, extra ones are kept
MAX_XML_BYTES = 1_500_000_000        # worksheets and shared strings, decompressed
MAX_STRING_BYTES = 131_072           # one cell's text: Excel holds 32,767 characters (≤ 4 bytes each)
LONG_STRING = 1_024                  # shared strings longer than this are counted cell by cell …
MAX_COPIED_BYTES = 400_000_000       # … and their copies into cells may not exceed this
CHUNK = 1 << 22

_WIDE = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+[0-9]+:([A-Z]+)([0-9]+)"')
_STRING_REF = re.compile(rb'<c [^>]*t="s"[^>]*>\s*<v>([0-9]+)</v>')
_SI = re.compile(rb"<si>|<si [^>]*>|</si>")


_SHEET_TAG = re.compile(rb'<(?:\w+:)?sheet\b[^>]*>')
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL_TAG = re.compile(rb'<(?:\w+:)?Relationship\b[^>]*>')
MAX_DIRECTORY_BYTES = 10_000_000     # workbook.xml and its relationships: a few kilobytes in practice


@dataclass(frozen=True)
class Refusal:
    code: str                        # a problems.MESSAGES key
    params: tuple[tuple[str, str], ...]
    sheet: str = ""                  # the sheet's name where one sheet is the cause
    row: int | None = None
    column: str = ""


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _members(archive: zipfile.ZipFile) -> tuple[zipfile.ZipInfo | None, list[zipfile.ZipInfo]]:
    strings = None
    sheets = []
    for m in archive.infolist():
        if m.filename == "xl/sharedStrings.xml":
            strings = m
        elif m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"):
            sheets.append(m)
    return strings, sheets


def check_workbook(path: str | Path) -> Refusal | None:
    """Why the workbook at ``path`` must not be read, or None. Files that are no zip archive
    (an .xls, a broken file) are left to the reader, which refuses them itself."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):   # e.g. "zip file version 21.0"
        return None
    try:
        with archive:
            return _check(archive)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        return None  # a damaged or encrypted archive: the reader reports it


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet member → the sheet's name as Excel shows it (read from workbook.xml and its
    relationships with byte searches: no XML parser meets a file of unknown origin)."""
    try:
        book = archive.getinfo("xl/workbook.xml")
        rels = archive.getinfo("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    if book.file_size > MAX_DIRECTORY_BYTES or rels.file_size > MAX_DIRECTORY_BYTES:
        return {}
    targets: dict[bytes, str] = {}
    for tag in _REL_TAG.findall(archive.read(rels)[:MAX_DIRECTORY_BYTES]):
        attrs = dict(_ATTR.findall(tag))
        target = attrs.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        targets[attrs.get(b"Id", b"")] = target if target.startswith("xl/") else f"xl/{target}"
    names: dict[str, str] = {}
    for tag in _SHEET_TAG.findall(archive.read(book)[:MAX_DIRECTORY_BYTES]):
        attrs = {k.split(b":")[-1] if k.endswith(b":id") else k: v for k, v in _ATTR.findall(tag)}
        member = targets.get(attrs.get(b"id", b""))
        if member:
            names[member] = _xml_text(attrs.get(b"name", b""))
    return names


def _xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def _check(archive: zipfile.ZipFile) -> Refusal | None:
    strings, sheets = _members(archive)
    declared = sum(m.file_size for m in sheets) + (strings.file_size if strings else 0)
    if declared > MAX_XML_BYTES:
        return _too_big(declared)
    budget = MAX_XML_BYTES
    long: dict[int, int] = {}
    if strings is not None:
        found = _string_lengths(archive, strings, budget)
        if found is None:
            return _too_big(MAX_XML_BYTES + 1)
        size, long, longest = found
        if longest > MAX_STRING_BYTES:
            return Refusal("workbook_string_too_long", (("limit", "32,767"),))
        budget -= size
    cells = copied = 0
    for member in sheets:
        scanned = _scan_sheet(archive, member, budget, long)
        if scanned is None:
            return _too_big(MAX_XML_BYTES + 1)
        size, rows, columns, copies = scanned
        budget -= size
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            return Refusal("workbook_sheet_too_large", (
                ("rows", f"{rows:,}"), ("columns", f"{columns:,}"), ("max_rows", f"{MAX_ROWS:,}"),
                ("max_columns", f"{MAX_COLUMNS:,}")), _sheet_names(archive).get(member.filename, member.filename),
                rows, column_letters(columns))
        cells += rows * columns
        copied += copies
        if cells > MAX_CELLS:
            return Refusal("workbook_too_many_cells", (("cells", f"{cells:,}"), ("limit", f"{MAX_CELLS:,}")))
        if copied > MAX_COPIED_BYTES:
            return Refusal("workbook_strings_too_big", (("size", f"{copied / 1e6:,.0f} MB"),
                                                        ("limit", f"{MAX_COPIED_BYTES / 1e6:,.0f} MB")))
    return None


def _too_big(size: int) -> Refusal:
    return Refusal("workbook_too_big", (("size", f"{size / 1e6:,.0f} MB"), ("limit", f"{MAX_XML_BYTES / 1e6:,.0f} MB")))


def _pieces(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int, cut: bytes) -> Iterator[tuple[int, bytes]]:
    """The decompressed member as (offset, piece) with no ``cut`` tag split between two pieces;
    raises OverflowError past ``budget`` bytes."""
    size, carry = 0, b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                if carry:
                    yield size - len(carry), carry
                return
            size += len(chunk)
            if size > budget:
                raise OverflowError(size)
            data = carry + chunk
            at = data.rfind(cut)
            if at <= 0:
                at = len(data)
            yield size - len(data), data[:at]
            carry = data[at:]


def _string_lengths(archive: zipfile.ZipFile, member: zipfile.ZipInfo,
                    budget: int) -> tuple[int, dict[int, int], int] | None:
    """(bytes, index → length of each long string, longest) of the shared-string table."""
    index, opened_at, longest, size = -1, 0, 0, 0
    long: dict[int, int] = {}
    try:
        for offset, piece in _pieces(archive, member, budget, b"<"):
            size = offset + len(piece)
            for m in _SI.finditer(piece):
                if m.group() == b"</si>":
                    length = offset + m.start() - opened_at
                    longest = max(longest, length)
                    if length > LONG_STRING:
                        long[index] = length
                else:
                    index += 1
                    opened_at = offset + m.end()
    except OverflowError:
        return None
    return size, long, longest


def _scan_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int,
                long: dict[int, int]) -> tuple[int, int, int, int] | None:
    """(bytes, last row, widest column, bytes of long strings copied into cells) of one worksheet."""
    rows, columns, copies, size = 0, 26, 0, 0   # one-letter references are at most Z
    try:
        for offset, piece in _pieces(archive, member, budget, b"<c "):
            size = offset + len(piece)
            if offset == 0:
                dim = _DIMENSION.search(piece[:4096])
                if dim:  # what the writer says, as a floor (WPS writes A1:A1: the scan finds the rest)
                    rows, columns = max(rows, int(dim.group(2))), max(columns, column_number(dim.group(1)))
            at = piece.rfind(b'<row r="')
            if at >= 0:
                end = piece.find(b'"', at + 8)
                if end > 0 and piece[at + 8:end].isdigit():
                    rows = max(rows, int(piece[at + 8:end]))
            if _WIDE.search(piece):
                columns = max(columns, *(column_number(m) for m in _WIDE.findall(piece)))
            if long:
                copies += sum(long.get(int(i), 0) for i in _STRING_REF.findall(piece))
    except OverflowError:
        return None
    return size, rows, columns, copies
