"""Months as integers (year × 12 + month − 1), so a period of whole months is two ints.

The documents pay by the month and the product counts months whole; a standard's period
in force, a person's time on post and a budget year all reduce to windows of month
indices, clipped against each other with integer arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_label(index: int) -> str:
    """2025-03: the form every sheet and explanation prints a month in."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class MonthWindow:
    """Whole months ``first``..``last`` inclusive (an empty window has last < first)."""

    first: int
    last: int

    @property
    def months(self) -> int:
        return max(0, self.last - self.first + 1)

    def clip(self, other: MonthWindow) -> MonthWindow:
        return MonthWindow(max(self.first, other.first), min(self.last, other.last))

    @classmethod
    def of_year(cls, year: int) -> MonthWindow:
        return cls(year * 12, year * 12 + 11)

    @classmethod
    def of_dates(cls, start: date, end: date | None) -> MonthWindow:
        """The months touched by a period of days: a day in force makes its month count."""
        return cls(month_index(start), month_index(end) if end is not None else NO_END)


NO_START = -(2**60)
NO_END = 2**60
