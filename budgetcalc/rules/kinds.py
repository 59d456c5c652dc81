"""The kinds of standard the documents set, one type each.

A document fixes a rate (``UnitRate``), funds an item and leaves the rate to the officer
(``EnteredRate``), sets a range to choose a point in (``Band``), a headcount per
population (``Norm``), a minimum share of a group (``Share``), values over years
(``Schedule``) or a goal without money (``Target``). Each is a frozen record with typed
fields, read and checked by its own parser (``rules.parse``); the engine has one
calculator per kind. Values that change with the year or the scenario (overrides,
schedules, points chosen) are not read from here but from ``rules.values``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, NewType

from budgetcalc.base.calendar import MonthWindow
from budgetcalc.rules.budget_codes import Codes, Payer
from budgetcalc.rules.eligibility import Eligibility, RowCheck

StandardId = NewType("StandardId", str)


class Kind(StrEnum):
    UNIT_RATE = "unit_rate"
    ENTERED = "entered"
    BAND = "band"
    NORM = "norm"
    SHARE = "share"
    SCHEDULE = "schedule"
    TARGET = "target"


class Per(StrEnum):
    YEAR = "year"     # rate × months / 12
    MONTH = "month"   # rate × months
    ONCE = "once"     # rate, paid once in the year of a date


class BandBasis(StrEnum):
    UNIT_BASELINE = "unit_baseline"   # N × B × point, one line per unit
    UNIT_AVERAGE = "unit_average"     # the unit's average pay × point, one line per principal row


class NormBasis(StrEnum):
    RESIDENT_POPULATION = "resident_population"
    SERVICE_POPULATION = "service_population"
    STREET_POPULATION = "street_population"   # 街道 only, per whole block of the population
    FACILITIES = "facilities"                 # per facility of the given types


@dataclass(frozen=True)
class Period:
    """Days in force; ``end`` None = open."""

    start: date
    end: date | None = None

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def months(self) -> MonthWindow:
        return MonthWindow.of_dates(self.start, self.end)

    def months_in(self, year: int) -> MonthWindow:
        return self.months().clip(MonthWindow.of_year(year))


@dataclass(frozen=True)
class Common:
    id: StandardId
    profile: str
    label: str
    clause: str
    summary: str
    unit: str
    effective: Period
    note: str

    kind: ClassVar[Kind]
    makes_money: ClassVar[bool] = False


@dataclass(frozen=True)
class Money(Common):
    """What every standard that becomes budget lines carries."""

    category: str
    funding_source: str              # the document's words for who pays (区财政, 同级政府)
    draws_on: StandardId | None      # paid 从…经费中解决: shown under that fund, not added on top
    codes: Codes | None              # its own 科目 codes, over the profile's defaults
    payer: Payer | None              # its own fund type and level shares, over the profile's
    makes_money: ClassVar[bool] = True


@dataclass(frozen=True)
class RateRule(Money):
    """Rate × quantity × time over the rows an eligibility selects."""

    per: Per
    quantity_unit: str
    eligibility: Eligibility
    scope: tuple[str, ...]           # condition keys that make a row addressed by the standard
    maximum: Decimal | None          # 不高于: an override or entry above it is refused
    checks: tuple[RowCheck, ...]


@dataclass(frozen=True)
class UnitRate(RateRule):
    value: Decimal                   # 元 per unit per ``per``
    minimum: bool                    # 不低于: ``value`` is a floor, used as the default
    kind: ClassVar[Kind] = Kind.UNIT_RATE


@dataclass(frozen=True)
class EnteredRate(RateRule):
    """Funded by the document without an amount: no money until the officer enters a rate."""

    kind: ClassVar[Kind] = Kind.ENTERED


@dataclass(frozen=True)
class Band(Money):
    low: Decimal
    high: Decimal
    default: Decimal | None
    may_be_off: bool
    setting: str                     # the 参数 item choosing the point
    basis: BandBasis
    headcount: Eligibility
    kind: ClassVar[Kind] = Kind.BAND

    @property
    def default_point(self) -> Decimal:
        return self.default if self.default is not None else self.low

    def allows(self, point: Decimal) -> bool:
        return self.low <= point <= self.high or (self.may_be_off and point == 0)


@dataclass(frozen=True)
class AreaScope:
    """Where a norm applies: every town (default), only the named ones, or only 街道."""

    towns: tuple[str, ...] = ()
    streets_only: bool = False


@dataclass(frozen=True)
class Norm(Common):
    ratio_low: Decimal
    ratio_high: Decimal              # = ratio_low for a fixed ratio
    per: int                         # persons per ``per`` of the basis
    basis: NormBasis
    counts: str                      # who is counted, in the document's words
    counted: Eligibility | None      # who is counted, as a rule over the staff rows
    counted_facilities: tuple[str, ...]  # a norm of facilities, not persons: the types counted
    facility_types: tuple[str, ...]  # for basis = facilities: which facilities
    area: AreaScope
    target_year: int | None
    kind: ClassVar[Kind] = Kind.NORM

    @property
    def is_range(self) -> bool:
        return self.ratio_low != self.ratio_high


@dataclass(frozen=True)
class Share(Common):
    share: Decimal                   # %
    minimum: bool                    # 不低于 (else 不高于 / about)
    of: str                          # the group, in the document's words
    group: Eligibility | None        # the group as a rule over the staff rows
    member: Eligibility | None       # who in the group counts towards the share
    target_year: int | None
    kind: ClassVar[Kind] = Kind.SHARE


@dataclass(frozen=True)
class Schedule(Common):
    by_year: tuple[tuple[int, Decimal], ...]
    after_last: bool                 # the last year's value holds for every later year
    annual_growth: Decimal | None    # % a year, compounding
    per_year_low: Decimal | None
    per_year_high: Decimal | None
    total: Decimal | None
    by_year_end: int | None
    applies_to: StandardId | None    # the base it is a share of (株洲: the full-guarantee base)
    programme_years: int | None      # an undated programme's length; it starts in the 规划起始年度 setting
    plan_measure: str = ""           # checked against the 规划 sheet: "recruits" a year, or "recruit_share"
    recruitment: str = ""            # … the share of recruits by this 招聘方式 (县聘乡用)
    kind: ClassVar[Kind] = Kind.SCHEDULE

    def value_for(self, year: int) -> Decimal | None:
        """The scheduled value of ``year`` (None before the first year listed)."""
        if not self.by_year:
            return None
        known = dict(self.by_year)
        if year in known:
            return known[year]
        last_year = max(known)
        if year > last_year and self.after_last:
            return known[last_year]
        return None


@dataclass(frozen=True)
class Target(Common):
    """A goal of the document, shown with its clause and deadline; checked where a measure exists."""

    goal: str                        # the target in the document's words (≥ 60 % …)
    deadline: int | None             # year
    measure: str                     # a measure the program can evaluate ("" = not from the inputs)
    comparator: str                  # ">=", "<=", "="
    value: Decimal | None
    kind: ClassVar[Kind] = Kind.TARGET


Standard = UnitRate | EnteredRate | Band | Norm | Share | Schedule | Target
MoneyStandard = UnitRate | EnteredRate | Band
