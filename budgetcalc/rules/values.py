"""The value of every standard for one year: the one place that decides it.

OpenFisca's ``parameters(period)`` is the model. A standard's value for a year comes from
its months in force in that year, the catalogue's value (a schedule's entry for the year,
a 不低于 floor used as the default), and the scenario's overrides, points chosen and
entries. The engine asks ``values_for`` and never reads a standard's value itself, so an
override, a projection's setting for a later year or a new schedule changes the figures in
one place, and every line can say where its value came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from budgetcalc.base.calendar import MonthWindow
from budgetcalc.rules.kinds import Band, EnteredRate, Norm, Schedule, Standard, StandardId, UnitRate


@dataclass(frozen=True)
class Override:
    """A scenario's own value for a standard (a row of the 标准调整 sheet).

    For a rate: 元 per unit; for a band: the chosen point in %; for an entered-rate item, one
    entry — with ``facility_code`` it is that unit's amount (several rows, one per unit) and
    ``quantity`` how many of its units (default 1).
    """

    standard_id: StandardId
    value: Decimal
    reason: str = ""
    row: int | None = None
    facility_code: str = ""
    quantity: int | None = None
    from_year: int | None = None     # applies from this budget year on (None: every year)


class ValueSource(StrEnum):
    CATALOGUE = "catalogue"    # the document's value
    MINIMUM = "minimum"        # the document's 不低于 floor, used as the default
    OVERRIDE = "override"      # the scenario's 标准调整
    ENTRY = "entry"            # an entered-rate item filled in by the officer
    SETTING = "setting"        # a band point chosen on the 参数 sheet
    DEFAULT = "default"        # a band's default point (its low end unless the document says)
    GRADE = "grade"            # a unit's point from its 考核等次
    SCHEDULE = "schedule"      # a schedule's value for the year
    MISSING = "missing"        # nothing to compute with (an entered item not filled in)


@dataclass(frozen=True)
class Value:
    standard: Standard
    year: int
    window: MonthWindow              # months of the year in force (empty when not in force)
    amount: Decimal | None           # rate in 元, point in %, or the schedule's value
    source: ValueSource
    catalogue_amount: Decimal | None
    override: Override | None = None
    entries: tuple[Override, ...] = ()
    factor: Decimal | None = None          # % of the rate paid this year (a schedule applied to it)
    factor_from: StandardId | None = None  # the schedule

    @property
    def in_force(self) -> bool:
        return self.window.months > 0

    @property
    def overridden(self) -> bool:
        return self.override is not None or bool(self.entries)

    @property
    def changes(self) -> tuple[Override, ...]:
        """Every 标准调整 row in force: the scenario's value, then the units' own."""
        return ((self.override,) if self.override is not None else ()) + self.entries


@dataclass(frozen=True)
class Values(Mapping[StandardId, Value]):
    year: int
    by_id: Mapping[StandardId, Value]

    def __getitem__(self, key: StandardId) -> Value:
        return self.by_id[key]

    def __iter__(self) -> Iterator[StandardId]:
        return iter(self.by_id)

    def __len__(self) -> int:
        return len(self.by_id)

    @property
    def overridden(self) -> tuple[Value, ...]:
        return tuple(v for v in self.by_id.values() if v.overridden)


def values_for(standards: Iterable[Standard], year: int, overrides: Iterable[Override] = (),
               band_points: Mapping[str, Decimal] | None = None) -> Values:
    """Every standard's value for ``year``, given a scenario's overrides and chosen band points."""
    points = dict(band_points or {})
    standards = tuple(standards)
    by_standard: dict[str, list[Override]] = {}
    for o in overrides:
        if o.from_year is None or o.from_year <= year:
            by_standard.setdefault(o.standard_id, []).append(o)
    factors = {s.applies_to: s for s in standards if isinstance(s, Schedule) and s.applies_to is not None}
    out: dict[StandardId, Value] = {}
    for std in standards:
        window = std.effective.months_in(year)
        value = _value(std, year, window, _in_force(by_standard.get(std.id, [])), points)
        schedule = factors.get(std.id)
        if schedule is not None and value.amount is not None:
            value = replace(value, factor=schedule.value_for(year), factor_from=schedule.id)
        out[std.id] = value
    return Values(year, out)


def _in_force(overrides: list[Override]) -> tuple[Override, ...]:
    """Of the overrides that apply, for each unit the one from the latest year (a plan's later rate)."""
    latest: dict[str, Override] = {}
    for o in sorted(overrides, key=lambda o: o.from_year or 0):
        latest[o.facility_code] = o
    return tuple(latest.values())


def _value(std: Standard, year: int, window: MonthWindow, overrides: tuple[Override, ...],
           points: Mapping[str, Decimal]) -> Value:
    first = overrides[0] if overrides else None
    if isinstance(std, UnitRate):
        if first is not None:
            return Value(std, year, window, first.value, ValueSource.OVERRIDE, std.value, first)
        source = ValueSource.MINIMUM if std.minimum else ValueSource.CATALOGUE
        return Value(std, year, window, std.value, source, std.value)
    if isinstance(std, EnteredRate):
        if not overrides:
            return Value(std, year, window, None, ValueSource.MISSING, None)
        return Value(std, year, window, first.value if first else None, ValueSource.ENTRY, None,
                     entries=overrides)
    if isinstance(std, Band):
        general = next((o for o in overrides if not o.facility_code), None)
        units = tuple(o for o in overrides if o.facility_code)  # a unit's own point
        if general is not None:
            return Value(std, year, window, general.value, ValueSource.OVERRIDE, std.default_point, general,
                         entries=units)
        chosen = points.get(std.setting)
        if chosen is not None:
            return Value(std, year, window, chosen, ValueSource.SETTING, std.default_point, entries=units)
        return Value(std, year, window, std.default_point, ValueSource.DEFAULT, std.default_point, entries=units)
    if isinstance(std, Norm):  # the officer's yearly cost of one person of the gap
        if first is not None:
            return Value(std, year, window, first.value, ValueSource.OVERRIDE, None, first)
        return Value(std, year, window, None, ValueSource.CATALOGUE, None)
    if isinstance(std, Schedule):
        scheduled = std.value_for(year)
        return Value(std, year, window, scheduled, ValueSource.SCHEDULE, scheduled)
    return Value(std, year, window, None, ValueSource.CATALOGUE, None)
