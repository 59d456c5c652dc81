"""Edit and recompute: an editor's sheets checked exactly as the command line checks a file.

The desktop app keeps the input as raw sheets (a *book*) and, after every edit, asks
``evaluate`` for the problems, the result and the summary the window shows. It lives in
the core, above the computation, so the app has no rules of its own: the same reader,
engine and report functions decide what the officer sees.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from budgetcalc.base.money import rmb_upper
from budgetcalc.base.problems import Problem
from budgetcalc.compute.engine import compute_or_refuse
from budgetcalc.compute.result import Result
from budgetcalc.compute.traces import LineKind
from budgetcalc.filing.prior import PriorYear, against_prior
from budgetcalc.inputs.editing import Book
from budgetcalc.inputs.reader import read_sheets
from budgetcalc.inputs.sheet import TableRead
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
    groups: dict[str, dict[str, int]]   # "standard_id" / "category" / "funding_source" / "town", the budget
    #                                     unit, the three 科目 codes and the fund type (line columns) → key → fen
    draws: dict[StandardId, StandardId]  # a standard paid from a fund → that fund (其中, not added)
    shortfalls: dict[str, int]           # fund → its 缺口 (added to the total)


@dataclass(frozen=True)
class Filing:
    """What the app's filing views show beside the groups: 资金来源 by fund type and level, the 分月用款计划
    and last year (the 上年数 sheet), taken from the result on the worker (a county's months take a while)."""

    fund_levels: dict[str, dict[str, int]]     # fund type → level → fen
    monthly: dict[str, dict[int, int]]          # standard → month → fen of its own lines (draws included)
    monthly_gaps: dict[str, dict[int, int]]     # fund → month → fen of its 缺口
    monthly_total: dict[int, int]
    prior: PriorYear | None


@dataclass(frozen=True)
class Outcome:
    problems: tuple[Problem, ...]       # the input's and the computation's, errors first
    result: Result | None
    totals: Totals | None
    not_counted: pd.DataFrame | None    # Result.not_counted() with ``message`` and ``code``
    elapsed_ms: int
    revision: int = 0                   # the document revision it was computed from
    filing: Filing | None = None
    # the sheets as read: the next evaluation of an edited book parses only the rows that changed
    tables: Mapping[str, TableRead] = field(default_factory=dict, repr=False, compare=False)


def totals_of(result: Result) -> Totals:
    return Totals(
        result.total_fen, result.total_low_fen, result.total_high_fen, rmb_upper(result.total_fen),
        any(isinstance(s, Band) for s in result.profile.standards),
        {"standard_id": result.by_standard(), "category": result.by_category(),
         "funding_source": result.by_funding_source(), "town": result.by_town(), "budget_unit": result.by_unit(),
         "function_code": result.by_function(), "gov_economic_code": result.by_gov_economic(),
         "dept_economic_code": result.by_dept_economic(), "fund_type": result.by_fund_type()},
        dict(result.profile.draws()),
        {s.fund: s.shortfall_fen for s in result.shortfalls() if s.shortfall_fen},
    )


def filing_of(result: Result) -> Filing:
    return Filing(result.by_fund_level(), result.monthly_by_standard(),
                  result.monthly_by_standard(LineKind.SHORTFALL), result.monthly(), against_prior(result))


def not_counted_of(result: Result, lang: str = "zh") -> pd.DataFrame:
    frame = result.not_counted().reset_index(drop=True)
    if frame.empty:
        return frame.assign(message=pd.Series([], dtype=object), code=pd.Series([], dtype=object))
    return frame.assign(message=not_counted_messages(result, frame, "en" if lang == "en" else "zh"),
                        code=reason_code(frame))


def evaluate(book: Book, catalogue: Catalogue, revision: int = 0, lang: str = "zh",
             previous: Outcome | None = None) -> Outcome:
    """Check the sheets exactly as the command line does, and compute if they are clean.

    ``previous`` is the outcome of an earlier version of the same book (the one before an edit):
    its sheets' rows that the edit did not touch are not parsed again."""
    return complete(evaluate_total(book, catalogue, revision, lang, previous), lang)


def evaluate_total(book: Book, catalogue: Catalogue, revision: int = 0, lang: str = "zh",
                   previous: Outcome | None = None) -> Outcome:
    """``evaluate`` up to the total and its groups: what the window repaints first after an edit.
    The rows not counted and the filing tables (a province's take a second) are left to ``complete``."""
    start = time.perf_counter()
    read = read_sheets(book, catalogue, previous=previous.tables if previous is not None else None)
    if read.scenario is None:
        return Outcome(read.problems, None, None, None, _ms(start), revision, tables=read.tables)
    result, refused = compute_or_refuse(read.scenario, catalogue, previous.result if previous is not None else None,
                                        keep=True)
    if result is None:
        return Outcome(read.problems + refused, None, None, None, _ms(start), revision, tables=read.tables)
    return Outcome(read.problems + result.warnings, result, totals_of(result), None, _ms(start), revision,
                   tables=read.tables)


def complete(outcome: Outcome, lang: str = "zh") -> Outcome:
    """An outcome of ``evaluate_total`` with the rows not counted and the filing tables added."""
    if outcome.result is None or outcome.filing is not None:
        return outcome
    start = time.perf_counter()
    return replace(outcome, not_counted=not_counted_of(outcome.result, lang), filing=filing_of(outcome.result),
                   elapsed_ms=outcome.elapsed_ms + _ms(start))


def _ms(start: float) -> int:
    return int((time.perf_counter() - start) * 1000)
