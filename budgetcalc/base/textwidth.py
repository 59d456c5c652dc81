"""Column alignment for terminals where a Chinese character takes two cells."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, cells: int, right: bool = False) -> str:
    fill = " " * max(0, cells - width(text))
    return fill + text if right else text + fill


def table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    right = right or set()
    widths = [max(width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(pad(h, widths[i], i in right) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(pad(c, widths[i], i in right) for i, c in enumerate(r)).rstrip())
    return "\n".join(lines)
