"""The computation: scenario + profile + year → lines, rows not counted, tables of other kinds.

The engine is a small registry. It asks ``rules.values`` for every standard's value in
the year, hands each kind's standards to that kind's calculator, then applies the draws
on funds. Adding a kind of standard is adding a calculator here, not changing the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.base.reuse import SPLICE_MAX_ROWS
from budgetcalc.compute import classify
from budgetcalc.compute import lines as ln
from budgetcalc.compute.calculators import bands, funds, rates, staffing, targets
from budgetcalc.compute.calculators.base import Computed, Inputs, Since
from budgetcalc.compute.masks import staff_with_facility
from budgetcalc.compute.overflow import AmountTooLarge, check_total
from budgetcalc.compute.result import Result
from budgetcalc.compute.splice import changed_rows, with_rows
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules.catalogue import Catalogue, Profile
from budgetcalc.rules.kinds import Kind, Standard
from budgetcalc.rules.values import Override, ValueSource, values_for


@dataclass(frozen=True)
class Registration:
    kinds: tuple[Kind, ...]
    calculate: Callable[[Sequence[Any], Inputs], Computed]


CALCULATORS: tuple[Registration, ...] = (
    Registration((Kind.UNIT_RATE, Kind.ENTERED), rates.calculate),
    Registration((Kind.BAND,), bands.calculate),
    Registration((Kind.NORM,), staffing.calculate_norms),
    Registration((Kind.SHARE,), staffing.calculate_shares),
    Registration((Kind.TARGET, Kind.SHARE, Kind.NORM, Kind.SCHEDULE), targets.calculate),
)


def compute(scenario: Scenario, catalogue: Catalogue, *, profile_id: str | None = None,
            year: int | None = None, overrides: Iterable[Override] | None = None,
            previous: Result | None = None, keep: bool = False) -> Result:
    """Compute every standard of the scenario's profile for its budget year.

    ``previous`` is the result of an earlier version of the same input (the app's book before an
    edit): the lines of the rows that did not change are taken from it, not computed again. With
    ``keep`` the result holds what such a next computation reuses (the joined staff table, masks):
    the app's results do, a projection's years and the command line's need not carry it."""
    if profile_id is not None or year is not None:
        scenario = scenario.with_settings(
            profile_id=profile_id or scenario.settings.profile_id, year=year or scenario.settings.year)
    if overrides is not None:
        scenario = scenario.with_overrides(tuple(overrides))
    profile = catalogue.profile(scenario.settings.profile_id)
    values = values_for(profile.standards, scenario.settings.year, scenario.overrides,
                        scenario.settings.band_point_map)
    since = _since(previous, scenario, profile)
    inputs = Inputs(profile, scenario, scenario.facilities, _joined(scenario, previous, since), values, since)
    parts = [reg.calculate([s for s in profile.standards if s.kind in reg.kinds], inputs) for reg in CALCULATORS]
    computed = Computed.merge(parts)
    short, short_warnings = funds.shortfall_lines(profile, computed.lines)
    lines = classify.add_columns(ln.concat([computed.lines, short]), profile, scenario)
    check_total(lines["amount_fen"].to_numpy())
    warnings = [*_period_warnings(profile, inputs), *computed.warnings, *short_warnings,
                *_nothing_qualifies(profile, inputs, lines), *classify.split_warnings(lines, profile, scenario)]
    return Result(scenario, profile, values, lines, computed.uncounted, tuple(warnings), computed.tables,
                  {**computed.kept, **inputs.kept(), _JOINED: inputs.staff} if keep else {})


_JOINED = "staff joined"
_JOIN_SPLICED_FROM = 20_000   # staff rows: below this a whole join (5 ms at a county's 5,000) costs less than a splice


def _joined(scenario: Scenario, previous: Result | None, since: Since | None) -> pd.DataFrame:
    """The staff joined with their facilities; after an edit of staff rows only, the join of before
    with those rows joined again (a province's 150,000 codes are not looked up at every edit)."""
    before = previous.kept.get(_JOINED) if previous is not None else None
    whole = since is None or since.staff is None or since.facilities is None or len(since.facilities) > 0 \
        or not isinstance(before, pd.DataFrame) or len(before) != len(scenario.staff) \
        or len(since.staff) > SPLICE_MAX_ROWS or len(before) < _JOIN_SPLICED_FROM
    if whole:
        return staff_with_facility(scenario.staff, scenario.facilities)
    assert since is not None and since.staff is not None and isinstance(before, pd.DataFrame)
    if not len(since.staff):
        return before
    rows = staff_with_facility(scenario.staff.iloc[since.staff], scenario.facilities)
    if not rows.columns.equals(before.columns) or not rows.dtypes.equals(before.dtypes):
        return staff_with_facility(scenario.staff, scenario.facilities)
    return with_rows(before, since.staff, rows)


def _since(previous: Result | None, scenario: Scenario, profile: Profile) -> Since | None:
    """The rows changed since ``previous``: a staff row also changes when the facility it works at does."""
    if previous is None or previous.profile != profile:
        return None
    facilities = changed_rows(scenario.facilities, previous.scenario.facilities)
    staff = changed_rows(scenario.staff, previous.scenario.staff) if facilities is not None else None
    if facilities is None or staff is None:
        return Since(previous.kept, None, None)
    if len(facilities):
        codes = {*scenario.facilities["code"].iloc[facilities].tolist(),
                 *previous.scenario.facilities["code"].iloc[facilities].tolist()}
        at = np.flatnonzero(scenario.staff["facility_code"].isin(codes).to_numpy(dtype=bool))
        staff = np.union1d(staff, at)
    return Since(previous.kept, staff, facilities)


def compute_or_refuse(scenario: Scenario, catalogue: Catalogue,
                      previous: Result | None = None, keep: bool = False) -> tuple[Result | None, tuple[Problem, ...]]:
    """The result, or None and the problem that refused it: amounts beyond exact arithmetic are
    an error of the input (validate, compute and the window all report it the same way)."""
    try:
        return compute(scenario, catalogue, previous=previous, keep=keep), ()
    except AmountTooLarge as exc:
        return None, (exc.problem(),)


def _money(profile: Profile) -> list[Standard]:
    return list(profile.money_standards)


def _period_warnings(profile: Profile, inputs: Inputs) -> list[Problem]:
    year = inputs.year
    out: list[Problem] = []
    for std in _money(profile):
        value = inputs.values[std.id]
        if value.in_force or value.source == ValueSource.MISSING:
            continue
        out.append(Problem("not_in_force", severity="warning", params=(
            ("standard", std.label), ("standard_id", std.id), ("year", str(year)), ("start", str(std.effective.start)),
            ("end", str(std.effective.end or "—")))))
    trial = profile.trial_end
    if trial is not None and year >= trial.year and (year > trial.year or trial.month < 12 or trial.day < 31):
        out.append(Problem("trial_ended", severity="warning", params=(
            ("profile", profile.name), ("document", profile.document_number or profile.title),
            ("end", str(trial)))))
    return out


def _nothing_qualifies(profile: Profile, inputs: Inputs, lines: Any) -> list[Problem]:
    """Rows given, standards in force, and not one line: the wrong profile, most likely."""
    has_rows = len(inputs.facilities) or len(inputs.staff)
    computable = [s for s in _money(profile) if inputs.values[s.id].in_force
                  and inputs.values[s.id].source != ValueSource.MISSING]
    if not has_rows or not computable or len(lines):
        return []
    return [Problem("nothing_qualifies", severity="warning", params=(
        ("profile", f"{profile.id}（{profile.name}）"), ("year", str(inputs.year))))]
