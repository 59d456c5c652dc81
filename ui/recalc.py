"""Check and compute again shortly after every edit, in the background.

A short debounce folds a burst of keystrokes or a paste into one run; the run reads the
immutable book it was handed, so the officer can keep typing. A run that finishes after
a newer edit is not shown: another run starts at once and its outcome is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from budgetcalc.base.problems import Problem
from budgetcalc.inputs.editing import Book

from .document import Document
from .qt import QObject, QTimer, Signal
from .worker import Runner

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result
    from budgetcalc.rules.catalogue import Catalogue

DEBOUNCE_MS = 120


@dataclass(frozen=True)
class Totals:
    """What the summary shows, built by the core in the worker (group sums, 大写)."""

    total_fen: int
    low_fen: int
    high_fen: int
    upper: str
    has_bands: bool
    groups: dict[str, dict[str, int]]   # "standard_id" / "category" / "funding_source" / "town" → key → fen


@dataclass(frozen=True)
class Outcome:
    problems: tuple[Problem, ...]
    result: Result | None
    totals: Totals | None
    elapsed_ms: int
    revision: int = 0       # the document revision it was computed from


def evaluate(book: Book, catalogue: Catalogue, revision: int = 0) -> Outcome:
    """Check the sheets exactly as the command line does, and compute if they are clean."""
    from budgetcalc.compute.engine import compute
    from budgetcalc.inputs.reader import read_sheets

    start = time.perf_counter()
    read = read_sheets(book, catalogue)
    if read.scenario is None:
        return Outcome(read.problems, None, None, int((time.perf_counter() - start) * 1000), revision)
    result = compute(read.scenario, catalogue)
    return Outcome(read.problems + result.warnings, result, totals_of(result),
                   int((time.perf_counter() - start) * 1000), revision)


def totals_of(result: Result) -> Totals:
    """The summary of a result (group sums by the core, 大写); built in the worker, it is slow-ish."""
    from budgetcalc.base.money import rmb_upper

    has_bands = any(s.kind == "band" for s in result.profile.standards)
    return Totals(
        result.total_fen, result.total_low_fen, result.total_high_fen, rmb_upper(result.total_fen), has_bands,
        {"standard_id": result.by_standard(), "category": result.by_category(),
         "funding_source": result.by_funding_source(), "town": result.by_town()})


class Recalc(QObject):
    started = Signal()
    finished = Signal(object)   # Outcome
    failed = Signal(str)

    def __init__(self, document: Document, runner: Runner, parent: QObject | None = None):
        super().__init__(parent)
        self._document, self._runner = document, runner
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)
        self._running = False
        self._again = False
        self.last: Outcome | None = None
        document.edited.connect(lambda _edit: self.schedule())
        document.replaced.connect(self.schedule)

    def schedule(self) -> None:
        if self._document.shipped is not None:
            self._timer.start()

    @property
    def pending(self) -> bool:
        return self._running or self._timer.isActive() or not self.current

    @property
    def current(self) -> bool:
        return self.last is not None and self.last.revision == self._document.revision

    def run_now(self) -> None:
        self._timer.stop()
        if self._running:
            self._again = True
            return
        if self.current or self._document.shipped is None:
            return
        self._running, self._again = True, False
        self.started.emit()
        self._runner.submit(evaluate, self._document.book, self._document.catalogue(), self._document.revision,
                            on_done=self._done, on_failed=self._failed)

    def accept(self, outcome: Outcome) -> Outcome:
        """An outcome computed elsewhere for the current document (opening a file computes once)."""
        self._timer.stop()
        self.last = replace(outcome, revision=self._document.revision)
        return self.last

    def cancel(self) -> None:
        self._timer.stop()
        self._again = False

    def _done(self, outcome: Outcome) -> None:
        self._running = False
        if outcome.revision == self._document.revision:
            self.last = outcome
            self.finished.emit(outcome)
        if self._again or not self.current:
            self._again = False
            if not self._timer.isActive():
                self.run_now()

    def _failed(self, detail: str) -> None:
        self._running = False
        self.failed.emit(detail)
