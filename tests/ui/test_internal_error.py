"""A bug of ours in the window: one sentence in Chinese naming a log file that holds the
traceback, never the traceback itself, and a window that keeps working."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from budgetcalc.rules import vocab
from budgetcalc.scenarios import session
from tests.conftest import EXAMPLES
from tests.ui.conftest import Dialogs, settle
from ui import error_log

FAC, COUNT = vocab.SHEET_FACILITIES, 4


def test_an_internal_error_names_its_log_and_the_window_recovers(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    before = window.outcome.totals.total_fen
    real = session.evaluate_total   # what the window runs after an edit

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("计算出错了")

    monkeypatch.setattr(session, "evaluate_total", broken)
    model = window.pages[FAC].model
    with qtbot.waitSignal(window.recalc.failed, timeout=30_000):
        model.setData(model.index(model.view_row(1), COUNT), "31")
    qtbot.waitUntil(lambda: bool(dialogs.texts("critical")), timeout=10_000)
    text = dialogs.texts("critical")[-1]
    log = error_log.log_path(window.context.data_dir)
    assert "程序内部错误：RuntimeError: 计算出错了" in text and str(log) in text
    assert "Traceback" not in text and 'File "' not in text
    written = log.read_text("utf-8")
    assert "Traceback" in written and "计算出错了" in written and "budgetcalc" in written

    monkeypatch.setattr(session, "evaluate_total", real)   # the window still computes the next edit
    model.setData(model.index(model.view_row(1), COUNT), "32")
    settle(qtbot, window)
    assert window.outcome.totals.total_fen == before + 2 * 1_000_000


def test_the_log_is_rotated_and_an_unwritable_log_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(error_log, "MAX_LOG_BYTES", 100)
    first = error_log.record(tmp_path, "Traceback…\nValueError: one " + "x" * 200)
    second = error_log.record(tmp_path, "Traceback…\nValueError: two")
    assert first == second and second is not None
    assert "two" in second.read_text("utf-8") and "one" not in second.read_text("utf-8")
    assert "one" in second.with_name("errors.log.1").read_text("utf-8")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    assert error_log.record(blocked, "x") is None
    assert error_log.summary("Traceback (most recent call last):\n  File \"a.py\"\nKeyError: 'limit'\n") == "KeyError: 'limit'"
