"""Saving and reopening scenarios: same figures, drafts, newer and older files, failed saves."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

import budgetcalc.base.safe_io
import budgetcalc.scenarios.file
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.scenarios.file import load_scenario
from tests import knock_files as kf
from tests.conftest import EXAMPLES
from tests.ui.conftest import Button, Dialogs, settle
from ui.qt import Qt

FAC = vocab.SHEET_FACILITIES


def saved_example(make_window: Any, qtbot: Any, dialogs: Dialogs, tmp_path: Path,
                  case: str = "nanxun-2025") -> tuple[Any, Path]:
    window = make_window(EXAMPLES / f"{case}.xlsx")
    target = tmp_path / f"{case}.bcs.json"
    dialogs.save_file = str(target)
    assert window.save()
    return window, target


def lines_of(window: Any) -> list[tuple[str, int]]:
    lines = window.outcome.result.lines
    return sorted(zip(lines["standard_id"], lines["amount_fen"].astype(int), strict=True))


def test_save_then_reopen_gives_the_same_figures(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                 tmp_path: Path, catalogue: Catalogue) -> None:
    window, target = saved_example(make_window, qtbot, dialogs, tmp_path)
    assert target.exists() and not window.isWindowModified()
    assert window.document.path == target and "nanxun-2025.bcs.json" in window.windowTitle()
    assert load_scenario(target, catalogue).read.ok
    before, figures = window.outcome.totals, lines_of(window)
    window.close()
    again = make_window(target)
    settle(qtbot, again)
    assert again.outcome.totals.total_fen == before.total_fen
    assert again.outcome.totals.groups == before.groups
    assert lines_of(again) == figures
    assert str(target.resolve()) in again.recent()
    assert again.settings_panel.recent_list.item(0).data(Qt.ItemDataRole.UserRole) == str(target.resolve())


def test_ctrl_s_on_an_imported_workbook_asks_where_and_saves_a_scenario(make_window: Any, qtbot: Any,
                                                                         dialogs: Dialogs, tmp_path: Path) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    assert window.act_save.shortcut().toString() == "Ctrl+S"
    dialogs.save_file = str(tmp_path / "文登")          # suffix added
    window.act_save.trigger()
    assert (tmp_path / "文登.bcs.json").exists() and window.document.path == tmp_path / "文登.bcs.json"


def test_reopened_after_the_catalogue_changed_keeps_figures_and_offers_new_values(
        make_window: Any, qtbot: Any, dialogs: Dialogs, tmp_path: Path) -> None:
    window, target = saved_example(make_window, qtbot, dialogs, tmp_path, "wendeng-2025")
    shipped_total = window.outcome.totals.total_fen
    window.close()
    data = json.loads(target.read_text("utf-8"))   # the standards as they were when it was saved
    old_text = data["standards"]["text"]
    assert 'value = "10000"' in old_text
    data["standards"]["text"] = old_text.replace('value = "10000"', 'value = "9000"', 1)
    data["standards"]["sha256"] = hashlib.sha256(data["standards"]["text"].encode("utf-8")).hexdigest()
    target.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    dialogs.answers = [Button.No]
    kept = make_window(target)
    settle(qtbot, kept)
    assert any("更新的标准值" in text for text in dialogs.texts("question"))
    assert kept.outcome.totals.total_fen == shipped_total - 30 * 1000 * 100   # computed as saved
    assert kept.settings_panel.stored_label.isVisibleTo(kept.settings_panel)
    kept.settings_panel.stored_button.click()                             # changed my mind
    settle(qtbot, kept)
    assert kept.outcome.totals.total_fen == shipped_total and kept.isWindowModified()
    kept.document._forced_dirty = False
    kept.close()

    dialogs.answers = [Button.Yes]
    renewed = make_window(target)
    settle(qtbot, renewed)
    assert renewed.outcome.totals.total_fen == shipped_total


def test_a_draft_with_errors_is_saved_on_request_and_reopens_with_its_problems(
        make_window: Any, qtbot: Any, dialogs: Dialogs, tmp_path: Path) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    model = window.pages[FAC].model
    model.setData(model.index(0, 4), "三十")
    settle(qtbot, window)
    dialogs.save_file = str(tmp_path / "草稿.bcs.json")
    dialogs.answers = [Button.No]
    assert not window.save() and not (tmp_path / "草稿.bcs.json").exists()
    dialogs.answers = [Button.Yes]
    assert window.save()
    problems = window.outcome.problems
    window.close()
    again = make_window(tmp_path / "草稿.bcs.json")
    settle(qtbot, again)
    assert again.outcome.problems == problems and again.document.book[FAC][1][4] == "三十"


def test_a_file_from_a_newer_version_is_refused_with_a_clear_message(make_window: Any, qtbot: Any,
                                                                      dialogs: Dialogs, tmp_path: Path) -> None:
    window, target = saved_example(make_window, qtbot, dialogs, tmp_path)
    data = json.loads(target.read_text("utf-8"))
    data["version"], data["saved_by"] = 99, "budgetcalc 9.0"
    newer = tmp_path / "newer.bcs.json"
    newer.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with qtbot.waitSignal(window.opened, timeout=30_000):
        window.open_path(newer)
    assert any("更新版本的程序" in text and "9.0" in text for text in dialogs.texts("critical"))
    assert window.document.path == target, "the open scenario stays"
    assert not (tmp_path / "newer.bcs.json.lock").exists()


def test_an_older_file_is_backed_up_then_upgraded(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window, target = saved_example(make_window, qtbot, dialogs, tmp_path)
    window.close()
    original = target.read_bytes()
    monkeypatch.setattr(budgetcalc.scenarios.file, "VERSION", 2)   # this program now writes version 2
    again = make_window(target)
    settle(qtbot, again)
    backup = tmp_path / "nanxun-2025.bcs.json.v1.bak"
    assert backup.read_bytes() == original and again.isWindowModified()
    assert again.save()
    assert json.loads(target.read_text("utf-8"))["version"] == 2


def test_a_crash_while_saving_leaves_the_old_file_readable(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                           tmp_path: Path, catalogue: Catalogue,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window, target = saved_example(make_window, qtbot, dialogs, tmp_path, "wendeng-2025")
    total = window.outcome.totals.total_fen
    model = window.pages[FAC].model
    model.setData(model.index(0, 4), "40")
    settle(qtbot, window)

    def power_cut(_tmp: Path, _target: Path) -> None:
        raise OSError("磁盘已断开")

    monkeypatch.setattr(budgetcalc.base.safe_io, "_replace_with_retry", power_cut)
    assert not window.save()
    assert any("磁盘已断开" in text and "原文件未改动" in text for text in dialogs.texts("critical"))
    assert window.isWindowModified(), "the edit is still unsaved"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    from budgetcalc.compute.engine import compute

    opened = load_scenario(target, catalogue)
    assert compute(opened.read.scenario, opened.catalogue).total_fen == total


def test_closing_with_unsaved_changes_asks(make_window: Any, qtbot: Any, dialogs: Dialogs) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    window.pages[FAC].model.setData(window.pages[FAC].model.index(0, 4), "40")
    dialogs.answers = [Button.Cancel]
    assert not window.close() and window.isVisible()
    assert "有未保存的修改" in dialogs.texts("question")[-1]
    dialogs.answers = [Button.Discard]
    assert window.close()


# ------------------------------------------------------------------ hostile workbooks opened in the window


def test_the_window_refuses_a_far_cell_and_a_fifo_before_reading_and_stays_usable(
        make_window: Any, qtbot: Any, dialogs: Dialogs, tmp_path: Path) -> None:
    """The window opens workbooks through the same guard as the command line: a 6 KB file whose one
    cell is XFD1048576 would make the reader ask for 512 GiB and kill the app; a FIFO would hang it."""
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    far = kf.with_facilities(tmp_path / "far.xlsx", kf.sheet(kf.FACILITY_HEAD,
                                                            kf.row(1_048_576, kf.text_cell("XFD1048576", "x"))))
    with qtbot.waitSignal(window.opened, timeout=30_000):
        window.open_path(far)
    assert any("机构 第1048576行 [XFD]" in text and "工作表范围过大" in text for text in dialogs.texts("critical"))
    fifo = tmp_path / "in.xlsx"
    os.mkfifo(fifo)
    with qtbot.waitSignal(window.opened, timeout=30_000):
        window.open_path(fifo)
    assert len(dialogs.texts("critical")) == 2
    assert window.document.source == EXAMPLES / "wendeng-2025.xlsx", "the open workbook stays"
    assert window.outcome.totals.total_fen == 30_000_000 and not window._loading   # 300,000.00 元, as before
