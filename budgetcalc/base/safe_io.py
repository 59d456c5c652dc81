"""Writing files so that the file a user already has is never damaged.

Write a temporary file beside the target, flush it to disk, then replace the target in
one step. On Windows ``os.replace`` fails while WPS or an antivirus holds the target open,
so the replace is retried for a while; the temporary file is removed only on failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPLACE_ATTEMPTS = 10
REPLACE_PAUSE_S = 0.2


def backup_path(target: Path) -> Path:
    return target.with_name(target.name + ".bak")


def atomic_write(target: str | Path, write: Callable[[Path], None], *, backup: bool = False) -> Path:
    """Call ``write(tmp_path)`` then move the result over ``target`` atomically.

    With ``backup``, the version being replaced is first copied to ``<target>.bak``.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _give_mode(tmp, target)
        if backup and target.exists():
            shutil.copy2(target, backup_path(target))
        _replace_with_retry(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write(target, write)


def atomic_write_text(target: str | Path, text: str) -> Path:
    return atomic_write_bytes(target, text.encode("utf-8"))


def _give_mode(tmp: Path, target: Path) -> None:
    """mkstemp makes owner-only files: give the new file the target's mode, or the umask's."""
    if target.exists():
        os.chmod(tmp, target.stat().st_mode & 0o7777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)


def _replace_with_retry(tmp: Path, target: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)
