"""Check and compute again after every edit, in the background.

A run starts once the edit's events are handled, and edits made while it runs fold into the
next one; the run reads the immutable book it was handed, so the officer can keep typing. It
reads only the rows the edits touched (the last run's sheet reads are handed on) and comes
back in two steps: the total first (the window repaints it at once), then the rows not
counted and the filing tables. A run that finishes after a newer edit is not shown: another
run starts at once and its outcome is.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from . import i18n
from .document import Document
from .qt import QObject, QTimer, Signal
from .worker import Runner

if TYPE_CHECKING:
    from budgetcalc.scenarios.session import Outcome

DEBOUNCE_MS = 0   # a run starts once the edit's events are handled; edits made meanwhile fold into the next


class Recalc(QObject):
    started = Signal()
    total_ready = Signal(object)   # Outcome of the current book up to its total (the details follow)
    finished = Signal(object)      # Outcome, complete
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
        self._read: Outcome | None = None   # the latest outcome, current or not: its sheets' reads are reused
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
        from budgetcalc.scenarios.session import evaluate_total

        self._runner.submit(evaluate_total, self._document.book, self._document.catalogue(), self._document.revision,
                            i18n.lang(), self._read, on_done=self._total, on_failed=self._failed)

    def accept(self, outcome: Outcome) -> Outcome:
        """An outcome computed elsewhere for the current document (opening a file computes once)."""
        self._timer.stop()
        self.last = self._read = replace(outcome, revision=self._document.revision)
        return self.last

    def refresh(self) -> None:
        """Compute again although nothing changed: the outcome's texts (reasons a row is not
        counted, warnings) are worded in the language of the run, so a switch asks anew."""
        self.last = None
        self.schedule()

    def cancel(self) -> None:
        self._timer.stop()
        self._again = False

    def _total(self, outcome: Outcome) -> None:
        self._read = outcome
        if outcome.result is None or outcome.revision != self._document.revision:
            self._done(outcome)   # nothing more to add, or edited meanwhile (its details would be stale too)
            return
        self.total_ready.emit(outcome)
        from budgetcalc.scenarios.session import complete

        self._runner.submit(complete, outcome, i18n.lang(), on_done=self._done, on_failed=self._failed)

    def _done(self, outcome: Outcome) -> None:
        self._running = False
        self._read = outcome
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
