"""The Qt binding itself: PySide6 6.12.0 drops a reference to None on every call of a void method,
and under Python 3.11 (None is not immortal before 3.12) the window aborts with "Fatal Python
error: none_dealloc" after some tens of thousands of calls: minutes of an officer's work. The
bound in pyproject.toml keeps that release out; this test fails on any binding that does it."""

from __future__ import annotations

import sys

from ui.qt import QApplication, QLabel, QTimer


def test_void_calls_keep_nones_references(qapp: QApplication) -> None:
    label, timer = QLabel(), QTimer()
    before = sys.getrefcount(None)
    for i in range(2000):   # each leaking call takes one reference; 6,000 of them show plainly
        label.setText(str(i))
        timer.start(1000)
        qapp.processEvents()
    timer.stop()
    assert sys.getrefcount(None) > before - 1000, "the binding leaks references to None"
