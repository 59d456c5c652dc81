"""The import contracts of pyproject.toml hold, and fail on a deliberate violation."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
LINT = shutil.which("lint-imports")

pytestmark = pytest.mark.skipif(LINT is None, reason="import-linter is not installed")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"], cwd=root,
                          capture_output=True, text=True, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
                          check=False)


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    root.mkdir()
    for name in ("budgetcalc", "ui"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_tree_keeps_its_contracts() -> None:
    proc = _lint(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "BROKEN" not in proc.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("budgetcalc/compute/leak.py", "import ui.app\n", "The core never imports the UI or Qt"),
    ("budgetcalc/compute/leak.py", "import PySide6.QtCore\n", "The core never imports the UI or Qt"),
    ("budgetcalc/rules/leak.py", "from budgetcalc.compute import engine\n", "The core's layers"),
])
def test_a_violation_breaks_its_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    root = _copy(tmp_path)
    (root / module).write_text(line, "utf-8")
    proc = _lint(root)
    assert proc.returncode != 0
    assert "BROKEN" in proc.stdout and contract in proc.stdout
