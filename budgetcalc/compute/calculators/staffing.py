"""Staffing norms and shares: required headcount against the persons on post, per town and in total.

A norm's requirement is ratio × its base (resident or service population from the 区域
sheet, the population of 街道 only, or a count of facilities), rounded **up** to whole
persons; a range gives a minimum and a maximum. Who is counted is catalogue data (an
eligibility rule over the staff rows, or facility types for a norm of facilities). Persons
and facilities count as on post on the last day of the budget year. A share is the part of
a group (a rule over the staff rows) that meets a condition (licensed, senior title,
backbone), against the document's minimum.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.base.money import yuan_to_fen
from budgetcalc.base.problems import Problem
from budgetcalc.compute.calculators.base import Computed, Inputs
from budgetcalc.rules.eligibility import Eligibility
from budgetcalc.rules.kinds import Norm, NormBasis, Share, StandardId

TOTAL = "全区"
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class NormRow:
    standard_id: StandardId
    area: str                       # a town, or 全区 for the whole profile area
    base: int                       # the population (or facilities) the ratio applies to
    required_min: int
    required_max: int | None        # None for a fixed ratio
    actual: int
    cost_fen: int | None            # the gap × the cost per person, when a cost is given

    @property
    def gap(self) -> int:
        return max(0, self.required_min - self.actual)

    @property
    def over(self) -> int:
        """Persons beyond the maximum of a range (0 when within it or for a fixed ratio)."""
        return 0 if self.required_max is None else max(0, self.actual - self.required_max)


@dataclass(frozen=True)
class ShareRow:
    standard_id: StandardId
    area: str
    group: int                      # persons in the group
    members: int                    # of them, those that count
    required: Decimal               # %

    @property
    def actual(self) -> Decimal | None:
        """The share in %, to two decimals (None for an empty group)."""
        if self.group == 0:
            return None
        return (Decimal(self.members * 100) / Decimal(self.group)).quantize(Decimal("0.01"))

    @property
    def met(self) -> bool | None:
        return None if self.group == 0 else self.members * 100 >= self.required * self.group

    @property
    def gap(self) -> int:
        """Members still needed for the share (whole persons, rounded up)."""
        needed = math.ceil(Fraction(self.required) * self.group / 100)
        return max(0, needed - self.members)


def on_post(inputs: Inputs, rows: pd.DataFrame, staff: bool) -> BoolArray:
    """On post (in service) on 31 December of the budget year (a fresh array: callers narrow it)."""
    return inputs.derived(("on_post", staff), lambda: _on_post(inputs.year, rows, staff)).copy()


def _on_post(year: int, rows: pd.DataFrame, staff: bool) -> BoolArray:
    day = pd.Timestamp(year, 12, 31)
    start, end = ("on_post_date", "off_post_date") if staff else ("start_date", "end_date")
    ok = (rows[start].isna() | (rows[start] <= day)) & (rows[end].isna() | (rows[end] >= day))
    if staff:
        ok &= rows["retirement_date"].isna() | (rows["retirement_date"] >= day)
    return ok.to_numpy(dtype=bool)


def _count_by_town(inputs: Inputs, staff: bool, hit: BoolArray) -> dict[str, int]:
    """Persons (or facilities) counted by town, towns in the order they first appear in the table."""
    rows = inputs.staff if staff else inputs.facilities
    codes, towns = inputs.derived(("towns", staff), lambda: _towns(rows))
    counts = np.zeros(len(towns), dtype=np.int64)
    np.add.at(counts, codes, rows["count"].to_numpy(dtype="int64") * hit)
    return dict(zip(towns, counts.tolist(), strict=True))


def _towns(rows: pd.DataFrame) -> tuple[npt.NDArray[np.intp], list[str]]:
    """Each row's town as a number, and the towns as a list (a pandas Index is slow to walk: 5 ms a
    count at a province's 2,650 towns)."""
    towns = rows["town"].fillna("").to_numpy(dtype=object)
    codes, names = pd.factorize(towns if pd.api.types.infer_dtype(towns) == "string" else towns.astype(str))
    return codes, [str(t) for t in names.tolist()]


def _staff_in(inputs: Inputs, rule: Eligibility | None) -> dict[str, int]:
    staff = inputs.staff
    hit = on_post(inputs, staff, True)
    if rule is not None:
        hit &= inputs.mask(rule, staff=True)
    return _count_by_town(inputs, True, hit)


def _facilities_of(inputs: Inputs, types: Sequence[str]) -> dict[str, int]:
    fac = inputs.facilities
    hit = on_post(inputs, fac, False) & fac["type"].isin(list(types)).to_numpy(dtype=bool)
    return _count_by_town(inputs, False, hit)


def _populations(inputs: Inputs) -> tuple[dict[str, int], dict[str, int], set[str]]:
    regions = inputs.scenario.regions
    resident: dict[str, int] = {}
    service: dict[str, int] = {}
    streets: set[str] = set()
    for town, res, svc, street in zip(regions["town"], regions["resident_population"], regions["service_population"],
                                      regions["is_street"], strict=True):
        if town is None or pd.isna(town):
            continue
        name = str(town)
        if not pd.isna(res):
            resident[name] = resident.get(name, 0) + int(res)
        if not pd.isna(svc) or not pd.isna(res):
            service[name] = service.get(name, 0) + int(svc if not pd.isna(svc) else res)
        if bool(street):
            streets.add(name)
    return resident, service, streets


def _required(norm: Norm, base: int) -> tuple[int, int | None]:
    """Persons are rounded up (section 3); a street's centres count whole blocks of its population."""
    whole = math.floor if norm.basis == NormBasis.STREET_POPULATION else math.ceil
    low = whole(Fraction(norm.ratio_low) * base / norm.per)
    high = whole(Fraction(norm.ratio_high) * base / norm.per) if norm.is_range else None
    return low, high


def _norm_rows(norm: Norm, inputs: Inputs) -> list[NormRow]:
    """The norm by town and in total (once per computation: its target reads the same rows)."""
    return list(inputs.derived(("norm", norm.id), lambda: tuple(_counted_norm(norm, inputs))))


def _counted_norm(norm: Norm, inputs: Inputs) -> list[NormRow]:
    resident, service, streets = _populations(inputs)
    if norm.basis == NormBasis.FACILITIES:
        bases = _facilities_of(inputs, norm.facility_types)
    elif norm.basis == NormBasis.SERVICE_POPULATION:
        bases = service
    elif norm.basis == NormBasis.STREET_POPULATION:
        bases = {t: p for t, p in resident.items() if t in streets and p > norm.per}
    else:
        bases = resident
    if norm.area.towns:
        bases = {t: b for t, b in bases.items() if t in norm.area.towns}
    if norm.area.streets_only:
        bases = {t: b for t, b in bases.items() if t in streets}
    actual = _facilities_of(inputs, norm.counted_facilities) if norm.counted_facilities else \
        _staff_in(inputs, norm.counted)
    own = inputs.values[norm.id].amount if norm.id in inputs.values else None
    cost = None if norm.counted_facilities else (yuan_to_fen(own) if own is not None
                                                 else inputs.scenario.settings.gap_cost_fen)
    rows: list[NormRow] = []
    for town, base in _in_order(bases, inputs).items():
        low, high = _required(norm, base)
        rows.append(NormRow(norm.id, town, base, low, high, actual.get(town, 0), None))
    if rows:
        total_base = sum(r.base for r in rows)
        low, high = _required(norm, total_base) if norm.basis != NormBasis.FACILITIES else (
            sum(r.required_min for r in rows), None if not norm.is_range else sum(r.required_max or 0 for r in rows))
        rows.append(NormRow(norm.id, TOTAL, total_base, low, high, sum(actual.get(r.area, 0) for r in rows), None))
    if cost is not None:
        rows = [NormRow(r.standard_id, r.area, r.base, r.required_min, r.required_max, r.actual,
                        (r.required_min - r.actual if r.required_min > r.actual else 0) * cost) for r in rows]
    return rows


def _in_order(by_town: dict[str, int], inputs: Inputs) -> dict[str, int]:
    """``by_town`` with its towns in the scenario's order (``Scenario.towns``), others after as they came."""
    rank = inputs.derived("town order", lambda: {t: i for i, t in enumerate(inputs.scenario.towns())})
    return dict(sorted(by_town.items(), key=lambda item: rank.get(item[0], len(rank))))


def _share_rows(share: Share, inputs: Inputs) -> list[ShareRow]:
    return list(inputs.derived(("share", share.id), lambda: tuple(_counted_share(share, inputs))))


def _counted_share(share: Share, inputs: Inputs) -> list[ShareRow]:
    staff = inputs.staff
    current = on_post(inputs, staff, True)
    group = current.copy()
    if share.group is not None:
        group &= inputs.mask(share.group, staff=True)
    members = group.copy()
    if share.member is not None:
        members &= inputs.mask(share.member, staff=True)
    in_group, in_share = _count_by_town(inputs, True, group), _count_by_town(inputs, True, members)
    rows = [ShareRow(share.id, town, n, in_share.get(town, 0), share.share)
            for town, n in _in_order(in_group, inputs).items() if n]
    if rows:
        rows.append(ShareRow(share.id, TOTAL, sum(r.group for r in rows), sum(r.members for r in rows), share.share))
    return rows


def calculate_norms(norms: Sequence[Norm], inputs: Inputs) -> Computed:
    rows = [row for norm in norms for row in _norm_rows(norm, inputs)]
    return Computed(tables={"norms": tuple(rows)}, warnings=tuple(_town_warnings(norms, inputs)))


def calculate_shares(shares: Sequence[Share], inputs: Inputs) -> Computed:
    return Computed(tables={"shares": tuple(row for share in shares for row in _share_rows(share, inputs))})


def _town_warnings(norms: Sequence[Norm], inputs: Inputs) -> list[Problem]:
    """Towns the norms cannot cover: staff in a town without a population, a population without staff."""
    population_norms = [n for n in norms if n.basis != NormBasis.FACILITIES]
    if not population_norms:
        return []
    resident, service, _streets = _populations(inputs)
    if not resident and not service:  # no 区域 sheet: the norms command says so, a computation need not
        return []
    with_people = list(dict.fromkeys([*resident, *service]))   # as the 区域 sheet lists them
    staffed = [t for t, n in _staff_in(inputs, None).items() if n and t]   # as the 人员 sheet does
    out = [Problem("norm_town_without_population", "人员", None, "所属镇街", town, severity="warning",
                   params=(("town", town),)) for town in staffed if town not in with_people]
    out += [Problem("norm_population_without_staff", "区域", None, "镇街", town, severity="warning",
                    params=(("town", town),)) for town in with_people if town not in staffed]
    return out
