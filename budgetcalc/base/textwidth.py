"""Column alignment for terminals where a Chinese character takes two cells."""

from __future__ import annotations

import re
import unicodedata

_TOKENS = re.compile(r"[A-Za-z0-9_.,:%/+\-]+|.")

# blocks every character of which is wide (checked against unicodedata in the tests): counted by one
# regex search, so only the rare character outside them and outside ASCII is looked up one by one
_ALL_WIDE = re.compile("[\u3000-\u303e\u3041-\u3096\u3099-\u30ff\u3105-\u312f\u3131-\u318e\u3190-\u31e3"
                       "\u31f0-\u321e\u3220-\u3247\u3250-\u4dbf\u4e00-\u9fff\ua960-\ua97c\uac00-\ud7a3"
                       "\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]")
_ASCII = re.compile(r"[\x00-\x7f]")


def width(text: str) -> int:
    """Terminal cells (a wide or full-width character takes two): a province's sheets measure
    hundreds of thousands of texts, so the common characters are counted without a loop."""
    if text.isascii():
        return len(text)
    plain = _ALL_WIDE.sub("", text)
    others = _ASCII.sub("", plain)
    return 2 * len(text) - len(plain) + sum(unicodedata.east_asian_width(ch) in ("W", "F") for ch in others)


def pad(text: str, cells: int, right: bool = False) -> str:
    fill = " " * max(0, cells - width(text))
    return fill + text if right else text + fill


def wrap(text: str, cells: int) -> list[str]:
    """``text`` in lines of at most ``cells`` terminal cells, numbers and Latin words kept whole."""
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        if line and width(line + token) > cells:
            lines.append(line)
            line = ""
        line += token
    return [*lines, line]


def table(headers: list[str], rows: list[list[str]], right: set[int] | None = None,
          wrapped: dict[int, int] | None = None) -> str:
    """Aligned columns; a column in ``wrapped`` (index → cells) continues on further lines beyond that width."""
    right, wrapped = right or set(), wrapped or {}
    split = [[wrap(c, wrapped[i]) if i in wrapped else [c] for i, c in enumerate(r)] for r in rows]
    widths = [max([width(headers[i]), *(width(part) for r in split for part in r[i])]) for i in range(len(headers))]
    lines = ["  ".join(pad(h, widths[i], i in right) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in split:
        for k in range(max(len(parts) for parts in r)):
            lines.append("  ".join(pad(parts[k] if k < len(parts) else "", widths[i], i in right)
                                   for i, parts in enumerate(r)).rstrip())
    return "\n".join(lines)
