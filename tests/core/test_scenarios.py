"""The sample scenarios shipped for new users read cleanly and produce money."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetcalc.compute.engine import compute
from budgetcalc.inputs.reader import read_workbook
from budgetcalc.rules.catalogue import Catalogue

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.xlsx"))


def test_one_sample_per_profile_with_money(catalogue: Catalogue) -> None:
    money_profiles = {p.id for p in catalogue.profiles if p.money_standards}
    covered = {p.stem.split("-")[0] for p in SCENARIOS}
    assert money_profiles == {"lishui", "nanxun", "wendeng", "xx_talent", "zhuzhou"}
    assert money_profiles <= covered


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_sample_computes_without_problems(path: Path, catalogue: Catalogue) -> None:
    read = read_workbook(path, catalogue)
    assert read.scenario is not None and read.problems == ()
    result = compute(read.scenario, catalogue)
    assert result.total_fen > 0
    assert set(result.lines["standard_id"]) == {k for k, v in result.by_standard().items() if v > 0}
