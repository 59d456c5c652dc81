"""Saving never damages the file a user already has."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from budgetcalc.base import safe_io


def test_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", "utf-8")
    safe_io.atomic_write_text(target, "new")
    assert target.read_text("utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_failure_while_writing_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", "utf-8")

    def half_write(tmp: Path) -> None:
        tmp.write_text("partial", "utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        safe_io.atomic_write(target, half_write)
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_replace_is_retried_while_the_target_is_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", "utf-8")
    real_replace, calls = os.replace, []

    def flaky(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) < 3:
            raise PermissionError(13, "held open by another program")
        real_replace(src, dst)

    monkeypatch.setattr(safe_io.os, "replace", flaky)
    monkeypatch.setattr(safe_io, "REPLACE_PAUSE_S", 0)
    safe_io.atomic_write_text(target, "new")
    assert len(calls) == 3 and target.read_text("utf-8") == "new"


def test_gives_up_after_retries_and_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", "utf-8")

    def held(src: str, dst: str) -> None:
        raise PermissionError(13, "held open")

    monkeypatch.setattr(safe_io.os, "replace", held)
    monkeypatch.setattr(safe_io, "REPLACE_PAUSE_S", 0)
    with pytest.raises(PermissionError):
        safe_io.atomic_write_text(target, "new")
    assert target.read_text("utf-8") == "old"


def test_new_files_get_the_usual_permissions_and_replaced_ones_keep_theirs(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        fresh = safe_io.atomic_write_text(tmp_path / "new.txt", "x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("old", "utf-8")
        kept.chmod(0o640)
        safe_io.atomic_write_text(kept, "new")
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)
