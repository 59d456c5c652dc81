"""Scenario files: round trip to the fen, stored standards, versions, never executed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetcalc.base.paths import standards_dir
from budgetcalc.compute.engine import compute
from budgetcalc.inputs.reader import read_workbook
from budgetcalc.rules.catalogue import Catalogue, load_catalogue
from budgetcalc.scenarios.file import load_scenario, save_scenario
from budgetcalc.scenarios.file_checks import ScenarioFileError
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("case", sorted(p.stem for p in EXAMPLES.glob("*.xlsx")))
def test_round_trip_gives_the_same_figures(case: str, tmp_path: Path, catalogue: Catalogue) -> None:
    scenario = read_workbook(EXAMPLES / f"{case}.xlsx", catalogue).scenario
    assert scenario is not None
    before = compute(scenario, catalogue)
    path = save_scenario(tmp_path / "s.bcs.json", scenario, catalogue)
    opened = load_scenario(path, catalogue)
    assert opened.read.scenario is not None and opened.read.problems == ()
    assert not opened.catalogue_changed
    after = compute(opened.read.scenario, opened.catalogue)
    assert after.by_standard() == before.by_standard()
    assert after.lines["amount_fen"].tolist() == before.lines["amount_fen"].tolist()
    assert opened.read.scenario.settings == scenario.settings
    assert opened.read.scenario.overrides == tuple(o for o in scenario.overrides)


def test_reopened_after_catalogue_change_keeps_old_figures_and_says_so(tmp_path: Path, catalogue: Catalogue) -> None:
    scenario = read_workbook(EXAMPLES / "wendeng-2025.xlsx", catalogue).scenario
    assert scenario is not None
    path = save_scenario(tmp_path / "s.bcs.json", scenario, catalogue)
    newer_dir = tmp_path / "standards"
    newer_dir.mkdir()
    text = (standards_dir() / "wendeng.toml").read_text("utf-8").replace('value = "10000"', 'value = "15000"')
    (newer_dir / "wendeng.toml").write_text(text, "utf-8")
    newer = load_catalogue(newer_dir)
    opened = load_scenario(path, newer)
    assert opened.catalogue_changed
    assert compute(opened.read.scenario, opened.catalogue).total_fen == 30000000  # type: ignore[arg-type]
    assert compute(opened.read.scenario, newer).total_fen == 30000000 + 30 * 5000_00  # type: ignore[arg-type]


def test_save_keeps_previous_version_as_backup(tmp_path: Path, catalogue: Catalogue) -> None:
    scenario = read_workbook(EXAMPLES / "nanxun-2025.xlsx", catalogue).scenario
    assert scenario is not None
    path = tmp_path / "s.bcs.json"
    save_scenario(path, scenario, catalogue)
    first = path.read_text("utf-8")
    save_scenario(path, scenario.with_settings(year=2026), catalogue)
    assert (tmp_path / "s.bcs.json.bak").read_text("utf-8") == first
    assert json.loads(path.read_text("utf-8"))["sheets"]["参数"][1] == ["预算年度", 2026]


def test_newer_format_is_refused(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "new.bcs.json"
    path.write_text(json.dumps({"format": "budgetcalc-scenario", "version": 99, "saved_by": "budgetcalc 9.0"}), "utf-8")
    with pytest.raises(ScenarioFileError, match="更新版本"):
        load_scenario(path, catalogue)


@pytest.mark.parametrize("content", ["not json", "[]", '{"format": "other"}', '{"format": "budgetcalc-scenario"}'])
def test_foreign_files_are_refused_with_a_message(tmp_path: Path, catalogue: Catalogue, content: str) -> None:
    path = tmp_path / "x.bcs.json"
    path.write_text(content, "utf-8")
    with pytest.raises(ScenarioFileError):
        load_scenario(path, catalogue)


def test_edited_file_with_bad_input_gets_the_workbook_problems(tmp_path: Path, catalogue: Catalogue) -> None:
    scenario = read_workbook(EXAMPLES / "wendeng-2025.xlsx", catalogue).scenario
    assert scenario is not None
    path = save_scenario(tmp_path / "s.bcs.json", scenario, catalogue)
    data = json.loads(path.read_text("utf-8"))
    data["sheets"]["机构"][1][4] = -1
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    opened = load_scenario(path, catalogue)
    assert opened.read.scenario is None
    assert [(p.sheet, p.row, p.column, p.code) for p in opened.read.problems] == [("机构", 2, "数量", "negative")]
