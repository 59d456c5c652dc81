"""Running core calls off the GUI thread, one at a time, in the order asked.

Reading a big workbook or computing a province-size roster takes seconds; on the GUI
thread it would freeze the window. Jobs run on a private one-thread pool (so two core
calls never overlap, and pandas is only ever busy in one place); results, failures and
progress come back to the GUI thread through queued signals.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from .qt import QObject, QRunnable, QThreadPool, Signal, Slot

Progress = Callable[[int, str], None]


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)
    progress = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, number: int, signals: _Signals, fn: Callable[..., Any], args: tuple[Any, ...],
                 wants_progress: bool):
        super().__init__()
        self.setAutoDelete(False)
        self.number, self.signals, self.fn, self.args = number, signals, fn, args
        self.wants_progress = wants_progress

    def run(self) -> None:
        try:
            if self.wants_progress:
                value = self.fn(*self.args, lambda step, text: self.signals.progress.emit(self.number, step, text))
            else:
                value = self.fn(*self.args)
        except Exception:  # reported to the window, never a silent thread death
            self.signals.failed.emit(self.number, traceback.format_exc())
        else:
            self.signals.done.emit(self.number, value)


class Runner(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)
        self._jobs: dict[int, tuple[_Job, Callable[[Any], None], Callable[[str], None] | None, Progress | None]] = {}
        self._count = 0

    def submit(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
               on_failed: Callable[[str], None] | None = None, on_progress: Progress | None = None) -> None:
        """Run ``fn(*args)`` (with a progress callback last when ``on_progress`` is given)."""
        self._count += 1
        job = _Job(self._count, self._signals, fn, args, on_progress is not None)
        self._jobs[self._count] = (job, on_done, on_failed, on_progress)
        self._pool.start(job)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_done(self, number: int, value: object) -> None:
        _, on_done, _, _ = self._jobs.pop(number)
        on_done(value)

    @Slot(int, str)
    def _on_failed(self, number: int, detail: str) -> None:
        _, _, on_failed, _ = self._jobs.pop(number)
        if on_failed is not None:
            on_failed(detail)
        else:
            raise RuntimeError(detail)

    @Slot(int, int, str)
    def _on_progress(self, number: int, step: int, text: str) -> None:
        entry = self._jobs.get(number)
        if entry is not None and entry[3] is not None:
            entry[3](step, text)
