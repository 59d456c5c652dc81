"""Checking a scenario file before any of it is used: the file may come from anywhere.

Size, regular file, UTF-8 (a BOM accepted), JSON without duplicate keys, numbers any sheet can
hold, nesting counted without recursion, the format and version first, then every value of the
type the format gives it and no text a file cannot hold. Each refusal is a ScenarioFileError
carrying the Problem that says why, in Chinese and English.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

from budgetcalc.base.celltext import normalize_text
from budgetcalc.base.files import unreadable
from budgetcalc.base.problems import Lang, Problem

FORMAT = "budgetcalc-scenario"
VERSION = 1


class ScenarioFileError(Exception):
    """The file is not a scenario this program can open.

    ``problem`` says why, in Chinese and English (``problem.message(lang)``); ``str()`` is the
    Chinese message.
    """

    def __init__(self, problem: Problem):
        super().__init__(problem.message("zh"))
        self.problem = problem

    def message(self, lang: Lang = "zh") -> str:
        return self.problem.message(lang)


MAX_BYTES = 200 * 1024 * 1024     # a real scenario is kilobytes to a few megabytes
MAX_DEPTH = 32                    # the format nests 4 levels (file › sheets › sheet › row › cell)
MAX_DIGITS = 30                   # digits of an integer (a count, a year, an amount in 元)
_BOM = b"\xef\xbb\xbf"
_JSON_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


class _Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def _problem(code: str, **params: object) -> Problem:
    return Problem(code, params=tuple((k, str(v)) for k, v in params.items()))


def refused(code: str, **params: object) -> ScenarioFileError:
    return ScenarioFileError(_problem(code, **params))


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file only (a FIFO would block, a device never end), at most MAX_BYTES."""
    why = unreadable(path)
    if why == "file_unreadable":
        raise refused("scenario_file_unreadable", detail=str(path))
    if why is not None:
        raise refused(why)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise refused("scenario_file_unreadable", detail=exc.strerror or str(exc)) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped for something else since it was looked at
            raise refused("file_not_regular")
        if st.st_size > MAX_BYTES:
            raise refused("scenario_file_too_large", size=st.st_size, limit=MAX_BYTES)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise refused("scenario_file_unreadable", detail=exc.strerror or str(exc)) from exc
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise refused("scenario_file_too_large", size=f"{size}+", limit=MAX_BYTES)
    return b"".join(chunks)


def read_json(path: Path) -> dict[str, Any]:
    raw = _read_bytes(path)
    skip = len(_BOM) if raw.startswith(_BOM) else 0
    try:
        text = raw[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refused("scenario_file_not_utf8", offset=exc.start + skip) from exc
    del raw
    if _nesting_exceeds(text, MAX_DEPTH):
        raise refused("scenario_file_too_deep", limit=MAX_DEPTH)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_bounded_int,
                          parse_float=_finite_float, parse_constant=_no_constant)
    except _Refused as exc:
        raise ScenarioFileError(exc.problem) from exc
    except json.JSONDecodeError as exc:
        raise refused("scenario_file_not_json", line=exc.lineno, column=exc.colno, detail=exc.msg) from exc
    except RecursionError as exc:
        raise refused("scenario_file_too_deep", limit=MAX_DEPTH) from exc
    except (ValueError, MemoryError) as exc:
        raise refused("scenario_file_unreadable", detail=f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(data, dict):
        raise refused("scenario_file_not_ours")
    return data


def _nesting_exceeds(text: str, limit: int) -> bool:
    """Whether the JSON nests deeper than ``limit`` (counted without recursion: the brackets
    outside strings, innermost pairs removed ``limit`` times)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    for _ in range(limit):
        if not brackets:
            return False
        brackets, n = _PAIR.subn("", brackets)
        if not n:
            return False  # unbalanced: the parser says where
    return bool(brackets)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(_problem("scenario_file_duplicate_key", key=_printable(key)))
            seen.add(key)
    return data


def _bounded_int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_DIGITS:
        digits = len(literal.lstrip("-"))
        raise _Refused(_problem("scenario_file_number", value=f"{literal[:12]}…",
                                reason=f"共 {digits} 位，超过 {MAX_DIGITS} 位上限",
                                reason_en=f"{digits} digits, more than {MAX_DIGITS}"))
    return int(literal)


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _Refused(_problem("scenario_file_number", value=literal[:24], reason="超出范围",
                                reason_en="out of range"))
    return value


def _no_constant(name: str) -> float:
    raise _Refused(_problem("scenario_file_number", value=name, reason="不是有限数值", reason_en="not a finite number"))


def _printable(text: str) -> str:
    """Text safe to show in a message (a lone surrogate as \\udxxx, long text cut)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")[:60]


def check_head(data: dict[str, Any]) -> int:
    """The format and its version, before anything else (a newer file may differ in all the rest)."""
    if data.get("format") != FORMAT:
        raise refused("scenario_file_not_ours")
    version = data.get("version")
    if type(version) is not int or version < 1:  # True is not version 1
        raise refused("scenario_file_version", value=_printable(json.dumps(version, ensure_ascii=False)[:40]))
    if version > VERSION:
        saved_by = data.get("saved_by", "")
        raise refused("scenario_file_newer", saved_by=_printable(saved_by if isinstance(saved_by, str) else ""),
                       version=version)
    return version


_KIND_WORDS: dict[str, tuple[str, str]] = {
    "object": ("对象（{…}）", "an object ({…})"),
    "list": ("列表（[…]）", "a list ([…])"),
    "text": ("文本", "text"),
    "bool": ("true 或 false", "true or false"),
    "cell": ("单元格的值（文本、数字、true/false 或 null）", "a cell value (text, number, true/false or null)"),
    "sha256": ("64 位十六进制校验值", "a 64-digit hexadecimal checksum"),
    "toml_name": ("标准文件名（如 nanxun.toml）", "a standards file name (such as nanxun.toml)"),
}


def _shape(where: tuple[str, str], kind: str) -> ScenarioFileError:
    zh, en = _KIND_WORDS[kind]
    return ScenarioFileError(Problem("scenario_file_shape", params=(
        ("where", where[0]), ("where_en", where[1]), ("expected", zh), ("expected_en", en))))


def _text_ok(value: str, where: tuple[str, str]) -> None:
    """Refuse text Python can hold but no file can: a lone surrogate (\\ud800 in the JSON)."""
    if value.isascii():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = value[exc.start].encode("utf-8", "backslashreplace").decode("ascii")
        raise ScenarioFileError(Problem("scenario_file_bad_text", params=(
            ("where", where[0]), ("where_en", where[1]), ("char", char)))) from exc


def check_body(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[list[object]]]]:
    """The stored standards and the sheets, every value of the type the format gives it."""
    for key in ("saved_by", "saved_at"):
        if key in data:
            if not isinstance(data[key], str):
                raise _shape((f"“{key}”", f"“{key}”"), "text")
            _text_ok(data[key], (f"“{key}”", f"“{key}”"))
    if "draft" in data and not isinstance(data["draft"], bool):
        raise _shape(("“draft”", "“draft”"), "bool")
    standards = data.get("standards")
    if not isinstance(standards, dict):
        raise _shape(("“standards”（保存的标准）", "“standards” (the stored standards)"), "object")
    for key, kind in (("file", "toml_name"), ("text", "text"), ("sha256", "sha256")):
        value = standards.get(key)
        where = (f"“standards.{key}”", f"“standards.{key}”")
        if not isinstance(value, str):
            raise _shape(where, kind)
        _text_ok(value, where)
    if not re.fullmatch(r"[^/\\\x00]+\.toml", standards["file"]):
        raise _shape(("“standards.file”", "“standards.file”"), "toml_name")
    if not _SHA256.fullmatch(standards["sha256"]):
        raise _shape(("“standards.sha256”", "“standards.sha256”"), "sha256")
    sheets = data.get("sheets")
    if not isinstance(sheets, dict) or not sheets:
        raise refused("scenario_file_unusable", detail="缺少输入数据（“sheets”）")
    names: set[str] = set()
    for name, rows in sheets.items():
        shown = _printable(name)
        _text_ok(name, ("工作表名", "a sheet name"))
        if normalize_text(name) in names:  # “机构” and “机构 ” are one sheet to the reader
            raise refused("scenario_file_duplicate_key", key=shown)
        names.add(normalize_text(name))
        if not isinstance(rows, list):
            raise _shape((f"工作表“{shown}”", f"sheet “{shown}”"), "list")
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, list):
                raise _shape((f"工作表“{shown}”第 {i} 行", f"row {i} of sheet “{shown}”"), "list")
            for j, cell in enumerate(row, start=1):
                if isinstance(cell, str):
                    if not cell.isascii():
                        _text_ok(cell, (f"工作表“{shown}”第 {i} 行第 {j} 列", f"row {i}, column {j} of sheet “{shown}”"))
                elif cell is not None and not isinstance(cell, (int, float, bool)):
                    raise _shape((f"工作表“{shown}”第 {i} 行第 {j} 列", f"row {i}, column {j} of sheet “{shown}”"),
                                 "cell")
    return standards, sheets
