"""What fits under a ceiling: the largest value of one adjustable quantity whose grand total fits.

The quantity is a band's point (to 0.1 %), a rate (to the fen) or a count of new facilities a
rate pays for (whole). Every trial is an exact computation by the engine, so the answer is a
figure the sheet will print, not an estimate; the grand total never falls when the quantity
rises (more points, a higher rate, more vehicles), so bisection over whole steps finds the
largest fitting step in about log2(steps) computations. A ceiling below even the low end is
refused with both figures, never answered with the low end.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

import pandas as pd

from budgetcalc.base.money import format_yuan
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.rules.checker import MAX_RATE
from budgetcalc.rules.eligibility import Subject
from budgetcalc.rules.kinds import Band, EnteredRate, StandardId, UnitRate
from budgetcalc.rules.values import Override

SOLVER_REASON = "预算上限测算"
MAX_COUNT = 10_000


class Vary(StrEnum):
    POINT = "point"      # a band's point, in 0.1 % steps
    RATE = "rate"        # a rate, in fen
    COUNT = "count"      # new facilities of the kind a rate pays for, whole


@dataclass(frozen=True)
class Solution:
    standard_id: StandardId
    vary: Vary
    value: Decimal                 # the largest that fits: %, 元, or a count
    low: Decimal
    high: Decimal
    ceiling_fen: int
    result: Result                 # the computation at ``value``
    next_value: Decimal | None     # one step more (None at the high end) …
    next_total_fen: int | None     # … and its total, which exceeds the ceiling
    trials: int                    # computations made

    @property
    def total_fen(self) -> int:
        return self.result.total_fen

    @property
    def headroom_fen(self) -> int:
        return self.ceiling_fen - self.total_fen


class SolveRefused(ValueError):
    """The question has no answer: says why, with the figures (``code`` names a message)."""

    def __init__(self, code: str, **params: str):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class _Space:
    vary: Vary
    low: int          # in steps
    high: int
    step: Decimal     # one step in the value's own unit

    def value(self, k: int) -> Decimal:
        """Step ``k`` as the officer writes it: 105.7 (%), 12000.5 (元), 3."""
        return Decimal(f"{(Decimal(k) * self.step).normalize():f}")


def _space(std: UnitRate | EnteredRate | Band, vary: Vary, scenario: Scenario, low: Decimal | None,
           high: Decimal | None) -> _Space:
    if vary == Vary.POINT:
        assert isinstance(std, Band)
        lo, hi = low if low is not None else std.low, high if high is not None else std.high
        if lo < std.low or hi > std.high:
            raise SolveRefused("solve_outside_band", low=str(std.low), high=str(std.high))
        return _Space(vary, int(lo * 10), int(hi * 10), Decimal("0.1"))
    if vary == Vary.COUNT:
        lo_n, hi_n = int(low or 0), int(high if high is not None else MAX_COUNT)
        return _Space(vary, lo_n, min(hi_n, MAX_COUNT), Decimal(1))
    assert isinstance(std, UnitRate | EnteredRate)
    current = _current_rate(std, scenario)
    lo_r = low if low is not None else current
    hi_r = high if high is not None else (std.maximum if std.maximum is not None else Decimal(MAX_RATE))
    if isinstance(std, UnitRate) and std.minimum and lo_r < std.value:
        raise SolveRefused("solve_below_minimum", low=str(std.value))
    if std.maximum is not None and hi_r > std.maximum:
        raise SolveRefused("solve_above_maximum", high=str(std.maximum))
    return _Space(vary, int(lo_r * 100), int(hi_r * 100), Decimal("0.01"))


def _current_rate(std: UnitRate | EnteredRate, scenario: Scenario) -> Decimal:
    general = next((o for o in scenario.overrides if o.standard_id == std.id and not o.facility_code), None)
    if general is not None:
        return general.value
    return std.value if isinstance(std, UnitRate) else Decimal(0)


def _with_value(scenario: Scenario, std: UnitRate | EnteredRate | Band, vary: Vary, value: Decimal) -> Scenario:
    if vary == Vary.COUNT:
        return _with_new_facilities(scenario, std, int(value))
    kept = tuple(o for o in scenario.overrides
                 if not (o.standard_id == std.id and not o.facility_code and o.from_year is None))
    return scenario.with_overrides(kept + (Override(std.id, value, SOLVER_REASON),))


def _with_new_facilities(scenario: Scenario, std: UnitRate | EnteredRate | Band, count: int) -> Scenario:
    """``count`` more facilities of the kind ``std`` pays for, in service all year, flagged as it asks."""
    if count == 0:
        return scenario
    assert isinstance(std, UnitRate)
    rule = std.eligibility
    flags = dict(rule.facility_flags)
    facilities = scenario.facilities
    row = {c.key: (bool(c.default) if c.kind == "bool" else c.default) for c in vocab.FACILITY_COLUMNS}
    row.update({"row": 0, "code": f"测算新增-{std.id}", "name": f"（{SOLVER_REASON}新增）", "type": rule.facility_types[0],
                "count": count, "start_date": pd.NaT, "end_date": pd.NaT, "service_population": pd.NA,
                **{flag: want for flag, want in flags.items()}})
    if "source_sheet" in facilities:
        row["source_sheet"] = ""
    added = pd.DataFrame([row]).astype(facilities.dtypes.to_dict(), errors="ignore")
    return replace(scenario, facilities=pd.concat([facilities, added], ignore_index=True))


def adjustable(std: object) -> tuple[Vary, ...]:
    """What the solver can vary for a standard (the app offers only these)."""
    if isinstance(std, Band):
        return (Vary.POINT,)
    if isinstance(std, UnitRate):
        counts = std.eligibility.subject == Subject.FACILITY and bool(std.eligibility.facility_types)
        return (Vary.RATE, Vary.COUNT) if counts else (Vary.RATE,)
    if isinstance(std, EnteredRate) and std.eligibility.subject != Subject.LUMP_SUM:
        return (Vary.RATE,)
    return ()


def solve(scenario: Scenario, catalogue: Catalogue, ceiling_fen: int, standard_id: str, vary: Vary | None = None,
          low: Decimal | None = None, high: Decimal | None = None) -> Solution:
    """The largest value of ``standard_id``'s ``vary`` quantity whose grand total is at most ``ceiling_fen``."""
    profile = catalogue.profile(scenario.settings.profile_id)
    if not profile.has(standard_id):
        raise SolveRefused("solve_unknown_standard", id=standard_id, profile=profile.id)
    std = profile.standard(standard_id)
    kinds = adjustable(std)
    if not kinds:
        raise SolveRefused("solve_not_adjustable", id=standard_id)
    chosen = vary or kinds[0]
    if chosen not in kinds:
        raise SolveRefused("solve_not_adjustable", id=standard_id)
    assert isinstance(std, UnitRate | EnteredRate | Band)
    space = _space(std, chosen, scenario, low, high)
    if space.low > space.high:
        raise SolveRefused("solve_empty_range", low=str(space.value(space.low)), high=str(space.value(space.high)))
    trials = 0
    cache: dict[int, Result] = {}

    def at(k: int) -> Result:
        nonlocal trials
        if k not in cache:
            trials += 1
            cache[k] = compute(_with_value(scenario, std, chosen, space.value(k)), catalogue)
        return cache[k]

    if at(space.low).total_fen > ceiling_fen:
        low_text = f"{space.value(space.low)}" + ("%" if chosen == Vary.POINT else "")
        raise SolveRefused("solve_low_exceeds", value=low_text,
                           total=format_yuan(at(space.low).total_fen), ceiling=format_yuan(ceiling_fen))
    lo, hi = space.low, space.high
    if at(hi).total_fen <= ceiling_fen:
        lo = hi
    while lo < hi:  # invariant: at(lo) fits, and hi fits only if lo == hi
        mid = (lo + hi + 1) // 2
        if at(mid).total_fen <= ceiling_fen:
            lo = mid
        else:
            hi = mid - 1
    best = lo
    nxt = best + 1 if best < space.high else None
    return Solution(StandardId(standard_id), chosen, space.value(best), space.value(space.low),
                    space.value(space.high), ceiling_fen, at(best),
                    space.value(nxt) if nxt is not None else None,
                    at(nxt).total_fen if nxt is not None else None, trials)
