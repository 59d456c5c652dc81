"""Lock files beside open scenarios, autosave, and recovery after a killed session."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from budgetcalc.rules import vocab
from tests.conftest import EXAMPLES
from tests.ui.conftest import Button, Dialogs, settle
from ui import safety
from ui.qt import Qt

FAC = vocab.SHEET_FACILITIES
ROOT = Path(__file__).parents[2]


def scenario_file(make_window: Any, dialogs: Dialogs, tmp_path: Path) -> tuple[Any, Path]:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    dialogs.save_file = str(tmp_path / "shared.bcs.json")
    assert window.save()
    return window, tmp_path / "shared.bcs.json"


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_lock_file_names_the_holder_and_goes_away_on_close(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                           tmp_path: Path) -> None:
    window, target = scenario_file(make_window, dialogs, tmp_path)
    lock = tmp_path / "shared.bcs.json.lock"
    holder = json.loads(lock.read_text("utf-8"))
    me = window.context.owner
    assert (holder["user"], holder["host"], holder["pid"], holder["session"]) == (
        me.user, me.host, os.getpid(), me.session)
    assert holder["time"]
    window.close()
    assert not lock.exists()


def test_second_copy_is_told_who_holds_the_file_and_may_open_read_only(
        make_window: Any, qtbot: Any, dialogs: Dialogs, tmp_path: Path) -> None:
    first, target = scenario_file(make_window, dialogs, tmp_path)
    dialogs.answers = [Button.Yes]                       # 只读打开
    second = make_window(target)
    box = [text for kind, _, text in dialogs.shown if kind == "box"]
    assert box and first.context.owner.user in box[0] and str(os.getpid()) in box[0]
    assert socket.gethostname() in box[0]
    assert second.document.read_only and "（只读）" in second.windowTitle()
    model = second.pages[FAC].model
    assert not model.setData(model.index(0, 4), "99")
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable
    dialogs.save_file = ""                                # read-only: Save asks for a new name (cancelled here)
    assert not second.save()
    assert json.loads((tmp_path / "shared.bcs.json.lock").read_text("utf-8"))["session"] == first.context.owner.session


def test_second_copy_may_open_a_copy_or_cancel(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                              tmp_path: Path) -> None:
    first, target = scenario_file(make_window, dialogs, tmp_path)
    dialogs.answers = [Button.No]                        # 打开副本
    second = make_window(target)
    assert second.document.path is None and second.document.source == target and second.isWindowModified()
    dialogs.save_file = str(tmp_path / "copy.bcs.json")
    assert second.save() and (tmp_path / "copy.bcs.json.lock").exists()
    dialogs.answers = [Button.Cancel]
    second.open_path(target)
    assert second.document.path == tmp_path / "copy.bcs.json"


def test_a_stale_lock_from_a_crashed_program_is_taken_over(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                           tmp_path: Path) -> None:
    window, target = scenario_file(make_window, dialogs, tmp_path)
    window.close()
    lock = tmp_path / "shared.bcs.json.lock"
    gone = safety.Owner("someone", socket.gethostname(), dead_pid(), "old", "2025-01-01T08:00:00")
    lock.write_text(json.dumps(gone.__dict__), "utf-8")
    again = make_window(target)
    assert "box" not in dialogs.kinds() and not again.document.read_only
    assert json.loads(lock.read_text("utf-8"))["session"] == again.context.owner.session


def test_a_lock_from_another_computer_is_never_assumed_stale(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                             tmp_path: Path) -> None:
    window, target = scenario_file(make_window, dialogs, tmp_path)
    window.close()
    other = safety.Owner("张会计", "finance-pc-07", dead_pid(), "x", "2025-11-20T09:30:00")
    (tmp_path / "shared.bcs.json.lock").write_text(json.dumps(other.__dict__, ensure_ascii=False), "utf-8")
    dialogs.answers = [Button.Cancel]
    again = make_window(wait=False)
    with qtbot.waitSignal(again.computed, timeout=30_000):
        pass
    again.open_path(target)
    text = [t for kind, _, t in dialogs.shown if kind == "box"][0]
    assert "张会计" in text and "finance-pc-07" in text and "2025-11-20 09:30:00" in text
    assert again.document.path is None


def test_autosave_writes_unsaved_work_and_removes_it_once_saved(make_window: Any, qtbot: Any,
                                                                dialogs: Dialogs, tmp_path: Path) -> None:
    window, target = scenario_file(make_window, dialogs, tmp_path)
    window.autosave_now()
    assert not window.autosave_path.exists(), "nothing unsaved, nothing autosaved"
    window.pages[FAC].model.setData(window.pages[FAC].model.index(0, 4), "44")
    window.autosave_now()
    saved = safety.read_autosave(window.autosave_path)
    assert saved.path == target and saved.book[FAC][1][4] == "44"
    assert window.autosave_timer.interval() == window.context.autosave_ms and window.autosave_timer.isActive()
    assert window.save()
    assert not window.autosave_path.exists()


CRASHING_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from ui.qt import QApplication, QSettings, QTimer
from ui.files import AppContext
from ui.main_window import MainWindow
from ui import safety
from ui.qt import Qt
app = QApplication([])
data, target = Path(sys.argv[1]), Path(sys.argv[2])
window = MainWindow(AppContext(QSettings(str(data / "s.ini"), QSettings.Format.IniFormat), data,
                               autosave_ms=200, owner=safety.Owner.me()))
window.show()

def opened(_loaded):
    model = window.pages["机构"].model
    model.setData(model.index(0, 4), "77")
    QTimer.singleShot(600, lambda: print("AUTOSAVED", window.autosave_path.exists(), flush=True))

window.opened.connect(opened)
window.start(target)
app.exec()
"""


def test_recovery_after_a_killed_session(make_window: Any, make_context: Any, qtbot: Any, dialogs: Dialogs,
                                         tmp_path: Path) -> None:
    window, target = scenario_file(make_window, dialogs, tmp_path)
    window.close()
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(CRASHING_SESSION), str(data), str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.strip() == "AUTOSAVED True", proc.stderr.read() if proc.stderr else ""
    finally:
        proc.send_signal(signal.SIGKILL)   # no clean exit: lock and autosave stay behind
        proc.wait()
    assert (tmp_path / "shared.bcs.json.lock").exists()
    assert list((data / "autosave").glob("autosave-*.json"))

    dialogs.answers = [Button.Yes]
    recovered = make_window(context=make_context("after-crash"))
    settle(qtbot, recovered)
    assert any("意外退出" in text and "shared.bcs.json" in text for text in dialogs.texts("question"))
    assert recovered.document.book[FAC][1][4] == "77" and recovered.isWindowModified()
    assert recovered.document.path == target and not recovered.document.read_only  # stale lock taken over
    leftovers = sorted(p.name for p in (data / "autosave").glob("autosave-*.json"))
    assert leftovers == [recovered.autosave_path.name], "the orphan is adopted by the new session"
    assert recovered.outcome.totals.total_fen == 30_000_000 + 47 * 10_000 * 100
    assert recovered.save()


def test_declined_recovery_discards_the_orphan(make_window: Any, make_context: Any, qtbot: Any,
                                               tmp_path: Path) -> None:
    data = tmp_path / "data"
    gone = safety.Owner("me", socket.gethostname(), dead_pid(), "gone", "2025-01-01T00:00:00")
    orphan = safety.autosave_file(data / "autosave", gone)
    orphan.parent.mkdir(parents=True)
    safety.write_autosave(orphan, gone, {"参数": [["项目", "值"]]}, path=None, source=None, stored_profile=None)
    alive = safety.Owner("me", socket.gethostname(), os.getppid(), "alive", "2025-01-01T00:00:00")
    running = safety.autosave_file(data / "autosave", alive)
    safety.write_autosave(running, alive, {"参数": [["项目", "值"]]}, path=None, source=None, stored_profile=None)
    make_window(context=make_context("declines"))
    assert not orphan.exists(), "declined: discarded"
    assert running.exists(), "a running program's autosave is never offered or touched"




def test_opening_another_file_moves_the_lock(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                             tmp_path: Path) -> None:
    window, first = scenario_file(make_window, dialogs, tmp_path)
    other = tmp_path / "other.bcs.json"
    dialogs.save_file = str(other)
    assert window.save_as()
    assert (tmp_path / "other.bcs.json.lock").exists() and not (tmp_path / "shared.bcs.json.lock").exists()
    with qtbot.waitSignal(window.opened, timeout=30_000):
        window.open_path(first)
    assert (tmp_path / "shared.bcs.json.lock").exists() and not (tmp_path / "other.bcs.json.lock").exists()
    with qtbot.waitSignal(window.opened, timeout=30_000):
        window.open_path(EXAMPLES / "nanxun-2025.xlsx")            # an import holds no lock
    assert not list(tmp_path.glob("*.lock"))


def test_a_folder_that_takes_no_lock_is_said_in_the_status_bar(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                                tmp_path: Path, monkeypatch: Any) -> None:
    """A read-only share: the file opens, and the window says that nobody else will be warned."""
    window, target = scenario_file(make_window, dialogs, tmp_path)
    window.close()

    def no_lock(path: Path, me: Any) -> Path:
        raise safety.LockUnavailable(safety.lock_path(path), PermissionError(13, "Permission denied"))

    monkeypatch.setattr(safety, "acquire", no_lock)
    reopened = make_window(target)
    settle(qtbot, reopened)
    text = reopened.status_label.text()
    assert "无法在" in text and "创建锁文件" in text and target.name in text
