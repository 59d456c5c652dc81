"""Edit and recompute: an editor's sheets checked exactly as the command line checks a file.

The desktop app keeps the input as raw sheets (a *book*) and, after every edit, asks
``evaluate`` for the problems, the result and the summary the window shows. It lives in
the core, above the computation, so the app has no rules of its own: the same reader,
engine and report functions decide what the officer sees.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd

from budgetcalc.base.money import rmb_upper
from budgetcalc.base.problems import Problem
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.editing import Book
from budgetcalc.inputs.reader import read_sheets
from budgetcalc.report.not_counted import not_counted_messages, reason_code
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.rules.kinds import Band, StandardId


@dataclass(frozen=True)
class Totals:
    """What the summary shows: totals, the band range, 大写, and the group sums."""

    total_fen: int
    low_fen: int
    high_fen: int
    upper: str
    has_bands: bool
    groups: dict[str, dict[str, int]]   # "standard_id" / "category" / "funding_source" / "town" → key → fen
    draws: dict[StandardId, StandardId]  # a standard paid from a fund → that fund (其中, not added)
    shortfalls: dict[str, int]           # fund → its 缺口 (added to the total)


@dataclass(frozen=True)
class Outcome:
    problems: tuple[Problem, ...]       # the input's and the computation's, errors first
    result: Result | None
    totals: Totals | None
    not_counted: pd.DataFrame | None    # Result.not_counted() with ``message`` and ``code``
    elapsed_ms: int
    revision: int = 0                   # the document revision it was computed from


def totals_of(result: Result) -> Totals:
    return Totals(
        result.total_fen, result.total_low_fen, result.total_high_fen, rmb_upper(result.total_fen),
        any(isinstance(s, Band) for s in result.profile.standards),
        {"standard_id": result.by_standard(), "category": result.by_category(),
         "funding_source": result.by_funding_source(), "town": result.by_town()},
        dict(result.profile.draws()),
        {s.fund: s.shortfall_fen for s in result.shortfalls() if s.shortfall_fen},
    )


def not_counted_of(result: Result, lang: str = "zh") -> pd.DataFrame:
    frame = result.not_counted().reset_index(drop=True)
    if frame.empty:
        return frame.assign(message=pd.Series([], dtype=object), code=pd.Series([], dtype=object))
    return frame.assign(message=not_counted_messages(result, frame, "en" if lang == "en" else "zh"),
                        code=reason_code(frame))


def evaluate(book: Book, catalogue: Catalogue, revision: int = 0, lang: str = "zh") -> Outcome:
    """Check the sheets exactly as the command line does, and compute if they are clean."""
    start = time.perf_counter()
    read = read_sheets(book, catalogue)
    if read.scenario is None:
        return Outcome(read.problems, None, None, None, _ms(start), revision)
    result = compute(read.scenario, catalogue)
    return Outcome(read.problems + result.warnings, result, totals_of(result), not_counted_of(result, lang),
                   _ms(start), revision)


def _ms(start: float) -> int:
    return int((time.perf_counter() - start) * 1000)
