"""Never lose work: lock files beside open scenarios, autosave, recovery after a crash.

A lock is ``<file>.lock``, created exclusively (``O_CREAT | O_EXCL``), holding who has the
file open: user, computer, process, window session and time. Shared drives have no
reliable locking of their own (SQLite's fails there), so this file is the signal: a
second copy of the program, or a colleague, is told who holds the file and may open it
read-only or as a copy. A lock left by a crashed program on this computer (its process is
gone) is taken over; one from another computer is never assumed stale.

Autosave writes the unsaved book to a per-user folder, one file per window session; the
next start offers to recover files whose process is gone. No Qt here: plain files.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from budgetcalc.base.safe_io import atomic_write_text
from budgetcalc.inputs import editing

AUTOSAVE_FORMAT = "budgetcalc-autosave"


@dataclass(frozen=True)
class Owner:
    user: str
    host: str
    pid: int
    session: str
    time: str

    @classmethod
    def me(cls, session: str | None = None) -> Owner:
        try:
            user = getpass.getuser()
        except Exception:  # no login name (service account, odd environment)
            user = "?"
        return cls(user, socket.gethostname(), os.getpid(), session or uuid.uuid4().hex[:12],
                   dt.datetime.now().isoformat(timespec="seconds"))

    def same_session(self, other: Owner) -> bool:
        return (self.host, self.pid, self.session) == (other.host, other.pid, other.session)

    def gone(self, me: Owner) -> bool:
        """Whether this owner surely no longer runs (only knowable on our own computer)."""
        if self.host != me.host:
            return False
        if self.pid == me.pid:
            return False  # another window of this very process is alive
        return not pid_alive(self.pid)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ------------------------------------------------------------------ locks


class LockHeld(Exception):
    def __init__(self, owner: Owner):
        super().__init__(f"locked by {owner.user}@{owner.host} (pid {owner.pid})")
        self.owner = owner


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def read_owner(lock: Path) -> Owner | None:
    try:
        data = json.loads(lock.read_text("utf-8"))
        return Owner(str(data["user"]), str(data["host"]), int(data["pid"]), str(data.get("session", "")),
                     str(data.get("time", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def acquire(path: Path, me: Owner) -> Path:
    """Create the lock of ``path`` for ``me``; raise LockHeld naming the holder.

    An unreadable lock (half-written by a crash) counts as held by an unknown user rather
    than being removed: better one question too many than two people editing one file.
    """
    lock = lock_path(path)
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            owner = read_owner(lock)
            if owner is None:
                raise LockHeld(Owner("?", "?", 0, "", "")) from None
            if owner.same_session(me):
                return lock
            if owner.gone(me):
                lock.unlink(missing_ok=True)  # left by a crashed program on this computer
                continue
            raise LockHeld(owner) from None
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(me), fh, ensure_ascii=False)
        return lock
    raise LockHeld(read_owner(lock) or Owner("?", "?", 0, "", ""))


def release(path: Path, me: Owner) -> None:
    lock = lock_path(path)
    owner = read_owner(lock)
    if owner is not None and owner.same_session(me):
        lock.unlink(missing_ok=True)


# ------------------------------------------------------------------ autosave


def autosave_file(directory: Path, me: Owner) -> Path:
    return directory / f"autosave-{me.pid}-{me.session}.json"


def write_autosave(target: Path, me: Owner, book: editing.Book, *, path: Path | None, source: Path | None,
                   stored_profile: tuple[str, str] | None) -> None:
    """The unsaved book, where it belongs, and the standards it is computed with."""
    data = {
        "format": AUTOSAVE_FORMAT, "version": 1, "owner": asdict(me),
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        "path": str(path) if path else "", "source": str(source) if source else "",
        "stored_profile": list(stored_profile) if stored_profile else None,
        "sheets": editing.book_to_json(book),
    }
    atomic_write_text(target, json.dumps(data, ensure_ascii=False))


@dataclass(frozen=True)
class Recovered:
    file: Path
    owner: Owner
    saved_at: str
    path: Path | None
    source: Path | None
    stored_profile: tuple[str, str] | None
    book: editing.Book


def read_autosave(file: Path) -> Recovered:
    data: Any = json.loads(file.read_text("utf-8"))
    if not isinstance(data, dict) or data.get("format") != AUTOSAVE_FORMAT:
        raise ValueError("not an autosave file")
    owner = data["owner"]
    stored = data.get("stored_profile")
    return Recovered(
        file, Owner(str(owner["user"]), str(owner["host"]), int(owner["pid"]), str(owner["session"]),
                    str(owner.get("time", ""))),
        str(data.get("saved_at", "")), Path(data["path"]) if data.get("path") else None,
        Path(data["source"]) if data.get("source") else None,
        (str(stored[0]), str(stored[1])) if isinstance(stored, list) and len(stored) == 2 else None,
        editing.book_from_json(data.get("sheets")))


def orphans(directory: Path, me: Owner) -> list[Recovered]:
    """Autosaves of sessions that ended without saving (their process is gone), newest first.

    Unreadable autosaves are skipped, not deleted: they may still be someone's work.
    """
    found: list[Recovered] = []
    if not directory.is_dir():
        return found
    for file in directory.glob("autosave-*.json"):
        try:
            recovered = read_autosave(file)
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if recovered.owner.same_session(me) or not recovered.owner.gone(me):
            continue
        found.append(recovered)
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
