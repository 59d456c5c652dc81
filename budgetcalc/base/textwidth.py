"""Column alignment for terminals where a Chinese character takes two cells."""

from __future__ import annotations

import re
import unicodedata

_TOKENS = re.compile(r"[A-Za-z0-9_.,:%/+\-]+|.")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


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
