"""Lock files under attack: empty or garbage locks, impossible process numbers, a FIFO named like
a lock, a folder that takes no file, and several programs taking over one stale lock at once."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ui import safety

ROOT = Path(__file__).parents[2]


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def aged(path: Path, seconds: float) -> None:
    when = time.time() - seconds
    os.utime(path, (when, when))


@pytest.fixture
def me() -> safety.Owner:
    return safety.Owner.me()


@pytest.mark.parametrize("content", [b"", b"\x00\xff garbage", b'{"user": "a"}', b"[" * 50_000,
                                     json.dumps({"user": "u", "host": socket.gethostname(), "pid": 2**40,
                                                 "session": "s", "time": ""}).encode(),
                                     json.dumps({"user": "u", "host": socket.gethostname(), "pid": True,
                                                 "session": "s", "time": ""}).encode()])
def test_a_lock_naming_no_valid_holder_is_held_while_young_and_taken_over_when_old(
        tmp_path: Path, me: safety.Owner, content: bytes) -> None:
    target = tmp_path / "s.bcs.json"
    lock = safety.lock_path(target)
    lock.write_bytes(content)
    with pytest.raises(safety.LockHeld) as held:          # may be a lock being written right now
        safety.acquire(target, me)
    assert held.value.unreadable and held.value.owner.user == "?"
    aged(lock, safety.LOCK_STALE_S + 1)
    assert safety.acquire(target, me) == lock
    assert safety.read_owner(lock) == me
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_crashed_programs_lock_is_taken_over_at_once(tmp_path: Path, me: safety.Owner) -> None:
    target = tmp_path / "s.bcs.json"
    gone = safety.Owner("u", me.host, dead_pid(), "old", "")
    safety.acquire(target, gone)
    assert safety.acquire(target, me) == safety.lock_path(target) and safety.read_owner(safety.lock_path(target)) == me


def test_another_computers_lock_is_never_stale_however_old(tmp_path: Path, me: safety.Owner) -> None:
    target = tmp_path / "s.bcs.json"
    other = safety.Owner("colleague", "other-pc", 4242, "x", "2020-01-01T08:00:00")
    safety.acquire(target, other)
    aged(safety.lock_path(target), 365 * 86400)
    with pytest.raises(safety.LockHeld) as held:
        safety.acquire(target, me)
    assert held.value.owner == other and not held.value.unreadable


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_the_lock_is_held_not_read(tmp_path: Path, me: safety.Owner) -> None:
    target = tmp_path / "s.bcs.json"
    os.mkfifo(safety.lock_path(target))
    aged(safety.lock_path(target), 3600)
    started = time.monotonic()
    with pytest.raises(safety.LockHeld):
        safety.acquire(target, me)
    assert time.monotonic() - started < 5


def test_a_folder_that_takes_no_new_file_says_no_lock_can_be_made(tmp_path: Path, me: safety.Owner,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def read_only_folder(path: object, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(safety.os, "open", read_only_folder)
    with pytest.raises(safety.LockUnavailable) as unavailable:
        safety.acquire(tmp_path / "s.bcs.json", me)
    assert isinstance(unavailable.value, OSError)
    assert "只读" in unavailable.value.message("zh") and "read-only" in unavailable.value.message("en")


RACER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from ui import safety
target, go = Path(sys.argv[2]), Path(sys.argv[3])
me = safety.Owner.me()
while not go.exists():
    time.sleep(0.001)
try:
    safety.acquire(target, me)
except safety.LockHeld:
    print("held")
else:
    print("won")
time.sleep(1.5)   # still running while the others look: a winner that has exited would be stale
"""


def test_of_several_programs_taking_over_one_stale_lock_exactly_one_wins(tmp_path: Path) -> None:
    rounds, racers = 6, 6
    for round_ in range(rounds):
        folder = tmp_path / f"r{round_}"
        folder.mkdir()
        target, go = folder / "s.bcs.json", folder / "go"
        safety.acquire(target, safety.Owner("u", socket.gethostname(), dead_pid(), "crashed", ""))
        procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(RACER), str(ROOT), str(target), str(go)],
                                  stdout=subprocess.PIPE, text=True) for _ in range(racers)]
        time.sleep(1.0)   # every racer has started and waits
        go.touch()
        answers = [p.communicate(timeout=60)[0].strip() for p in procs]
        assert sorted(answers) == ["held"] * (racers - 1) + ["won"], f"round {round_}: {answers}"
        winner = procs[answers.index("won")].pid
        owner = safety.read_owner(safety.lock_path(target))
        assert owner is not None and owner.pid == winner
        assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
