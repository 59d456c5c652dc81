"""Saving under attack: killed writers, a full disk during the backup, shares that refuse chmod,
outputs that are not regular files, and the temporary files a killed program leaves behind."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from budgetcalc.base import processes, safe_io
from tests.conftest import EXAMPLES

ROOT = Path(__file__).parents[2]
DEEP = os.environ.get("BUDGETCALC_DEEP") == "1"


def temps(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def orphan(folder: Path, target: str, middle: str, age_s: float) -> Path:
    """A temporary file as a writer would leave it, ``age_s`` seconds old."""
    path = folder / f".{target}.{middle}.tmp"
    path.write_bytes(b"half a file")
    when = time.time() - age_s
    os.utime(path, (when, when))
    return path


# ------------------------------------------------------------------ the backup is atomic


def test_backup_failing_halfway_keeps_the_old_backup_and_the_target(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "s.bcs.json"
    target.write_text("current", "utf-8")
    safe_io.backup_path(target).write_text("previous", "utf-8")

    def no_links(src: object, dst: object) -> None:
        raise PermissionError(errno.EPERM, "hard links not supported")   # vfat, some shares: the copy path

    def disk_full(src: object, dst: object) -> None:
        Path(str(dst)).write_text("cur", "utf-8")                         # half of the copy is on disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_io.os, "link", no_links)
    monkeypatch.setattr(safe_io.shutil, "copyfile", disk_full)
    with pytest.raises(OSError) as raised:
        safe_io.atomic_write(target, lambda tmp: tmp.write_text("new", "utf-8"), backup=True)
    assert raised.value.errno == errno.ENOSPC
    assert target.read_text("utf-8") == "current"
    assert safe_io.backup_path(target).read_text("utf-8") == "previous"
    assert temps(tmp_path) == []


def test_backup_by_copy_where_there_are_no_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "s.bcs.json"
    target.write_text("v1", "utf-8")

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EOPNOTSUPP, "not supported")

    monkeypatch.setattr(safe_io.os, "link", no_links)
    safe_io.atomic_write(target, lambda tmp: tmp.write_text("v2", "utf-8"), backup=True)
    assert (target.read_text("utf-8"), safe_io.backup_path(target).read_text("utf-8")) == ("v2", "v1")
    assert temps(tmp_path) == []


def test_backup_never_takes_the_place_of_the_backup_until_it_is_complete(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever copies the backup writes to a temporary name: the name .bak only ever sees whole files."""
    target = tmp_path / "s.bcs.json"
    target.write_text("v1" * 1000, "utf-8")
    backup = safe_io.backup_path(target)
    backup.write_text("v0" * 1000, "utf-8")
    seen: list[str] = []
    real_copy = shutil.copyfile

    def watching_copy(src: str, dst: str) -> str:
        assert Path(dst) != backup, "copied straight onto the backup"
        out = real_copy(src, dst)
        seen.append(backup.read_text("utf-8"))
        return out

    def no_links(src: object, dst: object) -> None:
        raise PermissionError(errno.EPERM, "no links")

    monkeypatch.setattr(safe_io.os, "link", no_links)
    monkeypatch.setattr(safe_io.shutil, "copyfile", watching_copy)
    safe_io.atomic_write(target, lambda tmp: tmp.write_text("v2", "utf-8"), backup=True)
    assert seen == ["v0" * 1000] and backup.read_text("utf-8") == "v1" * 1000


def test_hard_linked_backup_is_the_previous_version_and_stays_it(tmp_path: Path) -> None:
    target = tmp_path / "s.bcs.json"
    for text in ("v1", "v2", "v3"):
        safe_io.atomic_write(target, lambda tmp, t=text: tmp.write_text(t, "utf-8"), backup=True)
    backup = safe_io.backup_path(target)
    assert (target.read_text("utf-8"), backup.read_text("utf-8")) == ("v3", "v2")
    assert not os.path.samefile(target, backup), "the backup is its own file, not the target's"
    assert temps(tmp_path) == []


# ------------------------------------------------------------------ chmod refused by a share


def test_a_share_that_refuses_chmod_does_not_fail_the_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", "utf-8")

    def refused(path: object, mode: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(safe_io.os, "chmod", refused)
    safe_io.atomic_write(target, lambda tmp: tmp.write_text("new", "utf-8"), backup=True)
    safe_io.atomic_write_text(tmp_path / "fresh.json", "x")
    assert target.read_text("utf-8") == "new" and (tmp_path / "fresh.json").read_text("utf-8") == "x"
    assert temps(tmp_path) == []


# ------------------------------------------------------------------ only regular files are replaced


def test_a_symbolic_link_is_refused_and_what_it_points_to_untouched(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("keep", "utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(real)
    with pytest.raises(safe_io.UnsafeTarget) as refused:
        safe_io.atomic_write_text(link, "new")
    assert isinstance(refused.value, OSError) and "符号链接" in str(refused.value) and str(link) in str(refused.value)
    assert "symbolic link" in refused.value.message("en")
    assert link.is_symlink() and real.read_text("utf-8") == "keep" and temps(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    with pytest.raises(safe_io.UnsafeTarget, match="不是普通文件"):
        safe_io.atomic_write_text(fifo, "new")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and temps(tmp_path) == []


def test_a_device_is_refused(tmp_path: Path) -> None:
    device = tmp_path / "full"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))   # a /dev/full of our own
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    with pytest.raises(safe_io.UnsafeTarget) as refused:
        safe_io.atomic_write_text(device, "new")
    assert "device" in refused.value.message("en")
    assert stat.S_ISCHR(os.lstat(device).st_mode), "the device is still a device"


def test_a_folder_and_a_read_only_file_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "out.json"
    folder.mkdir()
    with pytest.raises(safe_io.UnsafeTarget, match="文件夹"):
        safe_io.atomic_write_text(folder, "new")
    read_only = tmp_path / "ro.json"
    read_only.write_text("keep", "utf-8")
    read_only.chmod(0o444)
    with pytest.raises(safe_io.UnsafeTarget, match="只读") as refused:     # even for root
        safe_io.atomic_write_text(read_only, "new")
    assert "read-only" in refused.value.message("en")
    assert read_only.read_text("utf-8") == "keep" and temps(tmp_path) == []
    assert safe_io.atomic_write_text(tmp_path / "new" / "fresh.json", "x").read_text("utf-8") == "x"  # absent: fine


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_the_command_line_refuses_an_output_that_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "budgetcalc", "compute", str(EXAMPLES / "wendeng-2025.xlsx"),
                           "--json", "-o", str(fifo)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "不是普通文件" in done.stderr and str(fifo) in done.stderr and "Traceback" not in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# ------------------------------------------------------------------ orphan temporary files


def test_temporary_files_carry_the_writers_computer_and_process(tmp_path: Path) -> None:
    names: list[str] = []
    safe_io.atomic_write(tmp_path / "a.json", lambda tmp: names.append(tmp.name) or tmp.write_text("x", "utf-8"))
    host, pid = names[0].removeprefix(".a.json.").split(".")[:2]
    assert (host, int(pid)) == (processes.host_tag(), os.getpid()) and names[0].endswith(".tmp")


def test_only_temporary_files_of_programs_that_are_gone_are_removed(tmp_path: Path) -> None:
    here, gone, alive = processes.host_tag(), dead_pid(), os.getppid()
    other = "0123abcd" if here != "0123abcd" else "fedc4321"
    removed = [
        orphan(tmp_path, "a.json", f"{here}.{gone}.0badc0de", 60),           # killed here a minute ago
        orphan(tmp_path, "a.json", f"bak.{here}.{gone}.0badc0de", 60),       # its backup copy
        orphan(tmp_path, "a.json", f"{here}.{2**40}.0badc0de", 60),           # no process has that number
        orphan(tmp_path, "a.json", f"{other}.{gone}.0badc0de", 3 * 86400),   # another computer's, days old
        orphan(tmp_path, "a.json", "k3j_x9q2", 3 * 86400),                    # an older version's (mkstemp)
    ]
    kept = [
        orphan(tmp_path, "a.json", f"{here}.{gone}.1badc0de", 0),            # gone, but only just written
        orphan(tmp_path, "a.json", f"{here}.{alive}.0badc0de", 3600),        # a running program's
        orphan(tmp_path, "a.json", f"{here}.{os.getpid()}.0badc0de", 3600),  # this very process's
        orphan(tmp_path, "a.json", f"{other}.{gone}.2badc0de", 3600),        # another computer's, an hour old
        orphan(tmp_path, "a.json", "p7m_q1z0", 600),                          # an older version's, recent
        orphan(tmp_path, "b.json", f"{here}.{gone}.0badc0de", 60),           # another file's
        orphan(tmp_path, "a.json", "notes", 3 * 86400),                       # not a name we make
    ]
    safe_io.atomic_write_text(tmp_path / "a.json", "new")
    assert [p for p in removed if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []
    assert (tmp_path / "a.json").read_text("utf-8") == "new"


# ------------------------------------------------------------------ killed while saving

CHILD = """
import os, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from budgetcalc.base import safe_io
target, contents = Path(sys.argv[2]), [Path(p).read_bytes() for p in sys.argv[3:5]]
def save(data):
    def write(tmp):
        with open(tmp, "wb") as fh:
            for at in range(0, len(data), 1 << 16):
                fh.write(data[at:at + (1 << 16)])
    safe_io.atomic_write(target, write, backup=True)
save(contents[0])
print("saving", flush=True)
i = 1
while True:
    save(contents[i % 2])
    i += 1
"""


def content(word: str) -> bytes:
    return json.dumps({"version": word, "pad": word * 1_000_000}).encode("utf-8")


def saver(folder: Path, target: Path, texts: tuple[Path, Path]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(CHILD), str(ROOT), str(target), *map(str, texts)],
                            stdout=subprocess.PIPE, text=True)


def test_kills_at_random_points_never_damage_the_target_or_the_backup(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """≥ 20 SIGKILLs of a process saving in a loop (≥ 200 with BUDGETCALC_DEEP=1): after each, the
    target and the .bak are each one of the two contents, whole; the next save leaves no .tmp."""
    kills = 200 if DEEP else 20
    a, b = content("A"), content("B")
    texts = (tmp_path / "A.json", tmp_path / "B.json")
    texts[0].write_bytes(a)
    texts[1].write_bytes(b)
    folder = tmp_path / "work"
    folder.mkdir()
    target = folder / "s.bcs.json"
    rng = random.Random(20250101)
    monkeypatch.setattr(safe_io, "ORPHAN_MIN_AGE_S", 0.0)   # the killed writer's debris is seconds old
    debris = 0
    for kill in range(kills):
        proc = saver(folder, target, texts)
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "saving"
            time.sleep(rng.uniform(0, 0.06))
        finally:
            proc.kill()                                         # SIGKILL: no clean-up of any kind
            proc.wait()
        assert target.read_bytes() in (a, b), f"kill {kill}: the target is damaged"
        backup = safe_io.backup_path(target)
        assert not backup.exists() or backup.read_bytes() in (a, b), f"kill {kill}: the backup is damaged"
        debris += bool(temps(folder))
        safe_io.atomic_write(target, lambda tmp: tmp.write_bytes(a if kill % 2 else b), backup=True)
        assert temps(folder) == [], f"kill {kill}: the next save left {temps(folder)}"
        assert sorted(os.listdir(folder)) == ["s.bcs.json", "s.bcs.json.bak"]
    assert debris, "no kill landed during a save: the test proved nothing"


def test_a_backup_left_as_the_targets_other_name_by_a_crash_is_handled(tmp_path: Path) -> None:
    """Killed between the two replaces, .bak and the target are two names of one file; rename(2) of
    one such name onto the other does nothing, which must not leave the backup's temporary name."""
    target = tmp_path / "s.bcs.json"
    target.write_text("v1", "utf-8")
    os.link(target, safe_io.backup_path(target))
    safe_io.atomic_write(target, lambda tmp: tmp.write_text("v2", "utf-8"), backup=True)
    assert (target.read_text("utf-8"), safe_io.backup_path(target).read_text("utf-8")) == ("v2", "v1")
    assert temps(tmp_path) == []
