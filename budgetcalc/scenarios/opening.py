"""Opening what a user names on the command line or in File → Open: a workbook or a scenario."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from budgetcalc.base.files import unreadable
from budgetcalc.base.problems import Problem, errors
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import ReadResult, read_workbook
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.scenarios.file import load_scenario
from budgetcalc.scenarios.file_checks import ScenarioFileError
from budgetcalc.scenarios.names import is_scenario_file


@dataclass(frozen=True)
class Input:
    read: ReadResult
    catalogue: Catalogue            # the standards to compute with (a scenario file brings its own)
    catalogue_changed: bool = False


def open_input(path: str | Path, catalogue: Catalogue, *, profile: str | None = None,
               year: int | None = None) -> Input:
    if not is_scenario_file(path):
        return Input(read_workbook(path, catalogue, profile=profile, year=year), catalogue)
    refused = unreadable(path)
    if refused is not None:
        problem = Problem(refused, "", None, "", str(path), "方案文件（.bcs.json）", params=(("detail", str(path)),))
        return Input(ReadResult(None, (problem,)), catalogue)
    try:
        opened = load_scenario(path, catalogue)
    except ScenarioFileError as exc:
        problem = Problem("file_unreadable", "", None, "", str(path), "方案文件（.bcs.json）",
                          params=(("detail", str(exc)),))
        return Input(ReadResult(None, (problem,)), catalogue)
    read, used = opened.read, opened.catalogue
    if read.scenario is not None and (profile or year):
        if profile and profile != read.scenario.settings.profile_id:
            used = catalogue  # another profile: the shipped standards
        scenario = read.scenario.with_settings(profile_id=profile or read.scenario.settings.profile_id,
                                               year=year or read.scenario.settings.year)
        read = replace(read, scenario=scenario)
    return Input(read, used, opened.catalogue_changed)


@dataclass(frozen=True)
class Loaded:
    """Files opened and computed for a comparison; a refused file comes with its errors instead."""

    results: tuple[Result, ...]
    refused: tuple[tuple[Path, tuple[Problem, ...]], ...]


def load_results(paths: Sequence[str | Path], catalogue: Catalogue) -> Loaded:
    """Open (workbook or scenario file) and compute each file, as the command line and the window both do."""
    from budgetcalc.compute.engine import compute

    results: list[Result] = []
    refused: list[tuple[Path, tuple[Problem, ...]]] = []
    for path in paths:
        opened = open_input(path, catalogue)
        if opened.read.scenario is None:
            refused.append((Path(path), tuple(errors(opened.read.problems))))
        else:
            results.append(compute(opened.read.scenario, opened.catalogue))
    return Loaded(tuple(results), tuple(refused))


