"""Smoke tests of the frozen bundle (CI builds it with scripts/build-bundle, then sets
BUDGETCALC_BUNDLE=dist/budgetcalc). Skipped when no bundle was built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from budgetcalc import __version__
from tests.conftest import EXAMPLES

BUNDLE = str(Path(os.environ["BUDGETCALC_BUNDLE"]).resolve()) if os.environ.get("BUDGETCALC_BUNDLE") else None
pytestmark = pytest.mark.skipif(not BUNDLE, reason="no frozen bundle (set BUDGETCALC_BUNDLE)")
EXE = ".exe" if os.name == "nt" else ""


def run(program: str, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    assert BUNDLE
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(Path(BUNDLE) / f"{program}{EXE}"), *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=env, cwd=Path(BUNDLE).parent, check=False)


def test_version() -> None:
    proc = run("budgetcalc", "--version")
    assert proc.returncode == 0 and __version__ in proc.stdout


@pytest.mark.parametrize("case", sorted(p.stem for p in EXAMPLES.glob("*.xlsx")))
def test_compute_examples(case: str) -> None:
    proc = run("budgetcalc", "compute", str(EXAMPLES / f"{case}.xlsx"), "--json")
    assert proc.returncode == 0, proc.stderr
    got, expected = json.loads(proc.stdout), json.loads((EXAMPLES / f"{case}.expected.json").read_text("utf-8"))
    assert got["total_fen"] == expected["total_fen"]
    assert {k: got["by_standard"][k] for k in expected["by_standard"]} == expected["by_standard"]


@pytest.mark.parametrize("suffix", ["xlsx", "pdf"])
def test_export(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"测算表.{suffix}"
    proc = run("budgetcalc", "export", str(EXAMPLES / "nanxun-2025.xlsx"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 5_000


def test_compare_chart(tmp_path: Path) -> None:
    out = tmp_path / "waterfall.png"
    proc = run("budgetcalc", "compare", str(EXAMPLES / "wendeng-2025.xlsx"),
               str(EXAMPLES / "wendeng-2025-raised.xlsx"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_gui_screenshot(tmp_path: Path) -> None:
    out = tmp_path / "main.png"
    proc = run("budgetcalc-gui", str(EXAMPLES / "nanxun-2025.xlsx"), "--screenshot", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:4] == b"\x89PNG" and out.stat().st_size > 20_000


def test_gui_comparison_with_charts(tmp_path: Path) -> None:
    """The comparison window and its matplotlib (QtAgg) charts, frozen."""
    out = tmp_path / "compare.png"
    proc = run("budgetcalc-gui", "--compare", str(EXAMPLES / "wendeng-2025.xlsx"),
               str(EXAMPLES / "wendeng-2025-raised.xlsx"), "--screenshot", str(out))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    charts = tmp_path / "compare-charts.png"
    assert out.read_bytes()[:4] == charts.read_bytes()[:4] == b"\x89PNG"
    assert charts.stat().st_size > 30_000, "an empty charts tab is a small PNG"


def test_printing_parts_are_inside() -> None:
    """Print preview needs PDFium (pages) and Qt's print-support plugin (printers) in the folder."""
    assert BUNDLE
    inside = Path(BUNDLE) / "_internal"
    pdfium = [p.name for p in (inside / "pypdfium2_raw").iterdir() if "pdfium" in p.name]
    plugins = [p.name for p in (inside / "PySide6" / "Qt" / "plugins" / "printsupport").iterdir()] if os.name != "nt" \
        else [p.name for p in (inside / "PySide6" / "plugins" / "printsupport").iterdir()]
    assert pdfium and plugins, (pdfium, plugins)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ICU ships with Qt on Linux only")
def test_trimmed_icu_still_collates_chinese() -> None:
    """scripts/trim_icu.py cut Qt's ICU data to zh/en: QCollator (the file dialog's and tables'
    sorting) must still sort Chinese in pinyin order, and the GBK codec must still open."""
    assert BUNDLE
    script = Path(__file__).resolve().parents[2] / "scripts" / "trim_icu.py"
    proc = subprocess.run([sys.executable, str(script), "--check", BUNDLE], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0 and "collation and GBK ok" in proc.stdout, proc.stdout + proc.stderr


def test_gui_name_starts_the_window() -> None:
    """Outside Windows budgetcalc-gui is a link to budgetcalc; started under that name it is the app."""
    assert BUNDLE
    gui = Path(BUNDLE) / f"budgetcalc-gui{EXE}"
    assert gui.exists()
    if os.name == "nt":
        return  # two executables there; a windowed one has no stdout to ask
    assert gui.is_symlink() and os.readlink(gui) == "budgetcalc"
    proc = run("budgetcalc-gui", "--help")
    assert proc.returncode == 0 and "--screenshot" in proc.stdout, "budgetcalc-gui answered as the command line"
