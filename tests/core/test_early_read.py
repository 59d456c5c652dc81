"""A command reads its input workbook in a thread while the program loads, and loses nothing by it.

The read overlaps the imports and the catalogue (calamine parses without the interpreter lock);
what the command writes to standard error meanwhile (the read keeps fd 2 while calamine runs) is
passed on when the read ends, even when the command stops before it asks for the sheets.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from budgetcalc.base import native_stderr
from budgetcalc.cli import main
from budgetcalc.inputs import workbook_file

SAMPLE = Path(__file__).parents[2] / "scenarios" / "nanxun-2025.xlsx"


def test_validate_reads_its_workbook_in_the_early_thread(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    threads: list[str] = []
    real = workbook_file.open_sheets
    monkeypatch.setattr(workbook_file, "open_sheets",
                        lambda path: threads.append(threading.current_thread().name) or real(path))
    assert main(["validate", str(SAMPLE)]) == 0
    assert threads == ["early read"]   # read once, and not again on the main thread
    assert "未发现问题" in capsys.readouterr().out


def test_a_scenario_file_or_an_option_first_is_not_read_early() -> None:
    from budgetcalc.cli import _read_early

    assert _read_early(["validate", "方案.bcs.json"]) is None
    assert _read_early(["validate", "--lang", "en"]) is None
    assert _read_early(["compare", str(SAMPLE), str(SAMPLE)]) is None


def test_an_error_written_while_the_read_runs_still_reaches_stderr(monkeypatch: pytest.MonkeyPatch,
                                                                  capfd: pytest.CaptureFixture[str]) -> None:
    real = workbook_file.load_sheets

    def slow(path: object) -> object:   # the read holds fd 2 for a while, as calamine does on a province
        with native_stderr.captured():
            time.sleep(0.5)
        return real(path)   # type: ignore[arg-type]
    monkeypatch.setattr(workbook_file, "load_sheets", slow)
    monkeypatch.setattr(sys, "stderr", open(2, "w", buffering=1, closefd=False))   # as a terminal: fd 2 itself
    with pytest.raises(SystemExit) as stopped:
        main(["validate", str(SAMPLE), "--no-such-option"])
    assert stopped.value.code == 2
    assert "--no-such-option" in capfd.readouterr().err
