"""Never lose work: lock files beside open scenarios, autosave, recovery after a crash.

A lock is ``<file>.lock``, created exclusively and complete (its content is written to a
temporary file that is hard-linked to the lock's name, or ``O_CREAT | O_EXCL`` where there
are no hard links), holding who has the file open: user, computer, process, window session
and time. Shared drives have no reliable locking of their own (SQLite's fails there), so
this file is the signal: a second copy of the program, or a colleague, is told who holds
the file and may open it read-only or as a copy. A lock left by a crashed program on this
computer (its process is gone) is taken over, and so is one naming no valid holder (empty,
garbage) once a minute old; one from another computer is never assumed stale. Taking over
moves the stale lock aside under a name of our own first, so of two programs taking over
at once exactly one wins. Where no lock can be made (a read-only folder) ``acquire`` raises
``LockUnavailable``: the window can open the file read-only instead of pretending.

Autosave writes the unsaved book to a per-user folder, one file per window session; the
next start offers to recover files whose process is gone. No Qt here: plain files.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import stat
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from budgetcalc.base import processes, safe_io
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
    """Whether process ``pid`` of this computer runs (False for a number no process can have)."""
    return processes.pid_alive(pid)


def owner_from(data: object) -> Owner | None:
    """The holder a lock or an autosave names, or None if it is not a valid one.

    Every field has its type; the process number is one an operating system hands out
    (``2**40`` or ``true`` is invalid, never an OverflowError later).
    """
    if not isinstance(data, dict):
        return None
    user, host, pid = data.get("user"), data.get("host"), data.get("pid")
    session, when = data.get("session", ""), data.get("time", "")
    if not (isinstance(user, str) and isinstance(host, str) and isinstance(session, str) and isinstance(when, str)):
        return None
    if not user or not host or not isinstance(pid, int) or not processes.valid_pid(pid):
        return None
    return Owner(user, host, pid, session, when)


# ------------------------------------------------------------------ locks

LOCK_STALE_S = 60.0        # a lock whose content is not a valid holder (empty, garbage) is stale once this old
LOCK_MAX_BYTES = 64 * 1024
LOCK_ATTEMPTS = 6


class LockHeld(Exception):
    """Someone holds the lock. ``unreadable``: its content names no valid holder (yet: it is
    younger than LOCK_STALE_S, so it may be being written); ``owner`` then says ``?`` and the
    lock file's time."""

    def __init__(self, owner: Owner, *, unreadable: bool = False):
        super().__init__(f"locked by {owner.user}@{owner.host} (pid {owner.pid})")
        self.owner = owner
        self.unreadable = unreadable


class LockUnavailable(OSError):
    """No lock could be made beside the file (a read-only folder or share): nobody can tell
    the others that the file is open. The window should open the file read-only, or warn.

    An OSError, so a caller that treats any OSError as "nothing to lock" keeps working.
    ``str()`` is Chinese; :meth:`message` gives either language.
    """

    def __init__(self, lock: Path, cause: OSError):
        detail = cause.strerror or str(cause)
        super().__init__(cause.errno, detail, str(lock))
        self.lock, self.cause = lock, cause
        self.zh = f"无法在“{lock.parent}”中创建锁文件（{detail}）：该文件夹可能只读，他人打开同一文件时无法得到提示"
        self.en = (f"cannot create a lock file in “{lock.parent}” ({detail}): the folder may be read-only, "
                   f"so others opening the same file would not be told")

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:
        return self.zh


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@dataclass(frozen=True)
class _Seen:
    """A lock file as looked at once: which file it was (to recognise it later) and what it said."""

    identity: tuple[int, int, int, int]   # device, inode, size, mtime in ns
    content: bytes
    owner: Owner | None
    mtime: float
    regular: bool


def _look(lock: Path) -> _Seen | None:
    """The lock as it is now, or None if there is none. Never blocks (a FIFO named like a lock)."""
    try:
        st = os.lstat(lock)
    except FileNotFoundError:
        return None
    except OSError:
        return _Seen((0, 0, 0, 0), b"", None, 0.0, False)
    identity = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    if not stat.S_ISREG(st.st_mode):
        return _Seen(identity, b"", None, st.st_mtime, False)
    try:
        fd = os.open(lock, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError:
        return _Seen(identity, b"", None, st.st_mtime, True)
    try:
        content = os.read(fd, LOCK_MAX_BYTES + 1)
    except OSError:
        content = b""
    finally:
        os.close(fd)
    return _Seen(identity, content, _parse_owner(content), st.st_mtime, True)


def _parse_owner(content: bytes) -> Owner | None:
    if not content or len(content) > LOCK_MAX_BYTES:
        return None
    try:
        return owner_from(json.loads(content.decode("utf-8")))
    except (ValueError, RecursionError):
        return None


def read_owner(lock: Path) -> Owner | None:
    seen = _look(lock)
    return None if seen is None else seen.owner


def _unknown(seen: _Seen) -> Owner:
    when = dt.datetime.fromtimestamp(seen.mtime).isoformat(timespec="seconds") if seen.mtime else ""
    return Owner("?", "?", 0, "", when)


def _stale(seen: _Seen, me: Owner) -> bool:
    """Whether the lock may be taken over: left by a program of this computer that is gone, or
    naming no valid holder and older than LOCK_STALE_S. Another computer's is never stale."""
    if not seen.regular:
        return False
    if seen.owner is not None:
        return seen.owner.gone(me)
    return time.time() - seen.mtime >= LOCK_STALE_S


def _create(lock: Path, path: Path, content: bytes) -> bool:
    """Make the lock, complete, if there is none: True if made, False if one exists.

    The content goes to a temporary file first, which is then hard-linked to the lock's name
    (create-or-fail, and nobody ever sees a half-written lock). Where the file system has no
    hard links the lock is created with O_CREAT | O_EXCL and written. Raise LockUnavailable if
    the folder takes no new file.
    """
    tmp = safe_io.temp_path(path, "lock")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o644)
    except OSError as exc:
        raise LockUnavailable(lock, exc) from exc
    try:
        try:
            os.write(fd, content)
        finally:
            os.close(fd)
        try:
            os.link(tmp, lock)
            return True
        except FileExistsError:
            return False
        except OSError:
            pass  # no hard links here (vfat, some shares)
    except OSError as exc:
        raise LockUnavailable(lock, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o644)
    except FileExistsError:
        return False
    except PermissionError as exc:
        if os.path.lexists(lock):  # Windows: a lock being deleted
            return False
        raise LockUnavailable(lock, exc) from exc
    except OSError as exc:
        raise LockUnavailable(lock, exc) from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    return True


def _take_away(lock: Path, path: Path, seen: _Seen) -> None:
    """Move the stale lock ``seen`` out of the way; only one of several programs doing this wins.

    The lock is renamed to a name of our own (a rename of a name that is gone fails, so of two
    programs only the first moves it), then checked to be the very file judged stale. If it is
    not — another program took the stale lock over between our look and our rename, and we
    moved its fresh lock — it is put back where it was.
    """
    now = _look(lock)
    if now is None or now.identity != seen.identity or now.content != seen.content:
        return  # changed since we judged it: look again
    aside = safe_io.temp_path(path, "stale")
    try:
        os.rename(lock, aside)
    except OSError:
        return  # gone (someone else moved it) or held open (Windows): look again
    moved = _look(aside)
    if moved is not None and moved.identity == seen.identity and moved.content == seen.content:
        aside.unlink(missing_ok=True)
        return
    try:  # someone's fresh lock: back to its name unless a new one is there already
        os.link(aside, lock)
    except FileExistsError:
        pass
    except OSError:
        if not os.path.lexists(lock):
            try:
                os.rename(aside, lock)
                return
            except OSError:
                pass
    aside.unlink(missing_ok=True)


def acquire(path: Path, me: Owner) -> Path:
    """Create the lock of ``path`` for ``me``; raise LockHeld naming the holder.

    A lock of this computer whose program is gone is taken over, and so is one that names no
    valid holder (empty, garbage, an impossible process number) once it is LOCK_STALE_S old;
    a younger one counts as held by an unknown user (better one question too many than two
    people editing one file). Two programs taking over the same stale lock: exactly one gets
    it. Raise LockUnavailable (an OSError) if no lock can be made there (read-only folder).
    """
    lock = lock_path(path)
    content = json.dumps(asdict(me), ensure_ascii=False).encode("utf-8")
    seen: _Seen | None = None
    for attempt in range(LOCK_ATTEMPTS):
        if _create(lock, path, content):
            return lock
        seen = _look(lock)
        if seen is None:
            continue  # released or moved aside just now: try again
        if seen.owner is not None and seen.owner.same_session(me):
            return lock
        if not _stale(seen, me):
            raise LockHeld(seen.owner or _unknown(seen), unreadable=seen.owner is None)
        _take_away(lock, path, seen)
        if attempt:
            time.sleep(0.01 * attempt)
    if seen is not None:
        raise LockHeld(seen.owner or _unknown(seen), unreadable=seen.owner is None)
    raise LockHeld(Owner("?", "?", 0, "", ""), unreadable=True)


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
    owner = owner_from(data.get("owner"))
    if owner is None:
        raise ValueError("the autosave names no valid owner")
    stored = data.get("stored_profile")
    return Recovered(
        file, owner,
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
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            continue
        if recovered.owner.same_session(me) or not recovered.owner.gone(me):
            continue
        found.append(recovered)
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
