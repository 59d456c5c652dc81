"""Writing files so that the file a user already has is never damaged.

Write a temporary file beside the target, flush it to disk, then replace the target in
one step. On Windows ``os.replace`` fails while WPS or an antivirus holds the target open,
so the replace is retried for a while; the temporary file is removed only on failure.

The rules, each against a way a save went wrong in the field:

- Only a regular file is replaced. A device (``-o /dev/full`` as root would swap the device
  for a file), a symbolic link, a pipe, a folder or a read-only file is refused with
  :class:`UnsafeTarget` before anything is written. A target that does not exist is fine.
- The backup (``<target>.bak``) is made atomically too: the current target is hard-linked
  (or, where the file system has no hard links, copied and flushed) to a temporary name
  beside it and that name replaces ``.bak`` in one step. A ``.bak`` is therefore always a
  complete earlier version; a backup that fails (disk full) leaves the old ``.bak`` and the
  target as they were and the save reports the error.
- Temporary files carry the writer's computer and process
  (``.<name>.<host>.<pid>.<random>.tmp``). A program killed halfway leaves one behind; the
  next save beside it removes those of processes of this computer that no longer run (once
  a few seconds old), never a running program's; another computer's are left for a day.
- A file system that refuses ``chmod`` (SMB and vfat shares: EPERM) does not fail the
  save: the new file keeps the share's own permissions.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

from budgetcalc.base.processes import host_tag, pid_alive

REPLACE_ATTEMPTS = 10
REPLACE_PAUSE_S = 0.2
ORPHAN_MIN_AGE_S = 5.0                 # a dead process's temporary file is removed once this old
FOREIGN_ORPHAN_AGE_S = 24 * 3600.0     # another computer's (or an older version's) once this old

_OURS = re.compile(r"(?:(?:bak|lock|stale)\.)?([0-9a-f]{8})\.([0-9]{1,20})\.[0-9a-f]{8}")
_LEGACY = re.compile(r"[a-z0-9_]{8}")  # tempfile.mkstemp's names, written by earlier versions


class UnsafeTarget(OSError):
    """The output names something that must not be replaced (device, link, pipe, folder, read-only file).

    An ``OSError`` (the command line reports those as a refused file); ``str()`` is the Chinese
    message with the path, :meth:`message` gives either language.
    """

    def __init__(self, path: str | Path, zh: str, en: str, code: int = errno.EINVAL):
        super().__init__(code, zh, str(path))
        self.zh, self.en = zh, en

    def message(self, lang: str = "zh") -> str:
        return f"{self.zh}：{self.filename}" if lang == "zh" else f"{self.en}: {self.filename}"

    def __str__(self) -> str:
        return self.message("zh")


def backup_path(target: Path) -> Path:
    return target.with_name(target.name + ".bak")


def check_target(target: str | Path) -> None:
    """Raise UnsafeTarget unless ``target`` is absent or a regular file we may write."""
    target = Path(target)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError:
        return  # a missing folder on the way and the like: writing will say what is wrong
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        raise UnsafeTarget(target, "输出位置是符号链接，拒绝覆盖（请指定普通文件）",
                           "the output is a symbolic link and is not replaced (name a regular file)")
    if stat.S_ISDIR(mode):
        raise UnsafeTarget(target, "输出位置是文件夹，拒绝覆盖", "the output is a folder and is not replaced",
                           errno.EISDIR)
    if not stat.S_ISREG(mode):
        raise UnsafeTarget(target, "输出位置不是普通文件（设备、管道或套接字），拒绝覆盖",
                           "the output is not a regular file (a device, pipe or socket) and is not replaced")
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise UnsafeTarget(target, "输出文件是只读文件，拒绝覆盖（请先取消只读或换一个文件名）",
                           "the output file is read-only and is not replaced (clear read-only or choose another name)",
                           errno.EPERM)


def atomic_write(target: str | Path, write: Callable[[Path], None], *, backup: bool = False) -> Path:
    """Call ``write(tmp_path)`` then move the result over ``target`` atomically.

    With ``backup``, the version being replaced is first kept, atomically, as ``<target>.bak``.
    """
    target = Path(target)
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_orphans(target)
    existed = target.exists()
    tmp = _new_temp(target, private=existed)
    bak_tmp: Path | None = None
    try:
        write(tmp)
        _fsync(tmp)
        if existed:
            _give_mode(tmp, target)
        if backup and existed:
            bak_tmp = _backup_beside(target)
            _replace_with_retry(bak_tmp, backup_path(target))
            # rename(2) does nothing when both names are links to one file (a .bak that is still
            # the target's other name after a crash between the two replaces): drop ours
            bak_tmp.unlink(missing_ok=True)
            bak_tmp = None
        _replace_with_retry(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if bak_tmp is not None:
            bak_tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)
    return target


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write(target, write)


def atomic_write_text(target: str | Path, text: str) -> Path:
    return atomic_write_bytes(target, text.encode("utf-8"))


# ------------------------------------------------------------------ temporary files


def temp_prefix(target: Path) -> str:
    return f".{target.name}."


def temp_path(target: Path, role: str = "") -> Path:
    """A fresh temporary name beside ``target``: ``.<name>.[<role>.]<host>.<pid>.<random>.tmp``.

    ``role`` is ``""``, ``"bak"``, ``"lock"`` or ``"stale"`` (the desktop app's lock files):
    whatever a killed program leaves under such a name is removed by a later save.
    """
    tag = f"{role}." if role else ""
    return target.with_name(f"{temp_prefix(target)}{tag}{host_tag()}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _new_temp(target: Path, *, private: bool) -> Path:
    """An empty temporary file beside ``target``, made here and now (O_EXCL).

    A new target gets the usual permissions from the umask at once; one that replaces a
    file starts owner-only and is given that file's mode before it replaces it.
    """
    mode = 0o600 if private else 0o666
    while True:
        tmp = temp_path(target)
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), mode)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp


def remove_orphans(target: Path) -> list[Path]:
    """Remove the temporary files beside ``target`` left by programs that no longer run.

    Removed: ours of a process of this computer that is gone (and at least ORPHAN_MIN_AGE_S
    old); another computer's, or an earlier version's without a process number, once
    FOREIGN_ORPHAN_AGE_S old. Never one of this process or of a process that runs.
    """
    prefix, suffix = temp_prefix(target), ".tmp"
    me_host, me_pid, now = host_tag(), os.getpid(), time.time()
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(suffix)) or len(name) <= len(prefix) + len(suffix):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        if _is_orphan(name[len(prefix):-len(suffix)], now - st.st_mtime, me_host, me_pid):
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def _is_orphan(middle: str, age: float, me_host: str, me_pid: int) -> bool:
    ours = _OURS.fullmatch(middle)
    if ours is not None:
        host, pid = ours.group(1), int(ours.group(2))
        if host == me_host:
            return pid != me_pid and age >= ORPHAN_MIN_AGE_S and not pid_alive(pid)
        return age >= FOREIGN_ORPHAN_AGE_S
    return _LEGACY.fullmatch(middle) is not None and age >= FOREIGN_ORPHAN_AGE_S


# ------------------------------------------------------------------ backup


def _backup_beside(target: Path) -> Path:
    """A complete copy of ``target`` under a temporary name beside it, ready to replace ``.bak``.

    A hard link where the file system allows it (instant, nothing to copy: after the save
    the old version lives on under the backup's name only); else a copy, flushed to disk.
    """
    bak = backup_path(target)
    try:
        st = os.lstat(bak)
    except OSError:
        pass
    else:
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
            raise UnsafeTarget(bak, "备份文件位置不是普通文件，无法保留上一版本",
                               "the backup's name is not a regular file: the previous version cannot be kept")
    while True:
        link = temp_path(target, "bak")
        try:
            os.link(target, link)
        except FileExistsError:
            continue
        except (OSError, NotImplementedError):
            break  # no hard links here (vfat, some shares): copy instead
        return link
    copy = _new_temp(target, private=True)
    try:
        shutil.copyfile(target, copy)
        try:
            shutil.copystat(target, copy)
        except OSError:
            pass
        _fsync(copy)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy


# ------------------------------------------------------------------ steps


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a folder that cannot be opened is fine."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _give_mode(tmp: Path, target: Path) -> None:
    """The new file gets the mode of the one it replaces; a share that refuses chmod keeps its own."""
    try:
        os.chmod(tmp, target.stat().st_mode & 0o7777)
    except OSError:  # EPERM on SMB/vfat shares, or the target went away: not worth failing a save
        pass


def _replace_with_retry(tmp: Path, target: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)
