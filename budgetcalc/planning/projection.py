"""Year by year: the scenario carried forward under its 规划 rules and computed for each year.

Each year is an ordinary computation (``compute.engine``) of the scenario as it stands that
year: the standards' values for the year (effective dates, schedules, overrides from a
year), and the rows the plan adds — a growth of staff compounding in whole persons,
recruitment each year, facilities added in a year. With no rule, a year's figures are
exactly ``compute`` for that year. Added rows start on 1 January of their year and say so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from budgetcalc.base.money import round_half_up
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.plan_sheet import PlanKind, PlanRule
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue, Profile
from budgetcalc.rules.kinds import Schedule

MAX_YEARS = 30


@dataclass(frozen=True)
class Added:
    rule: PlanRule
    year: int
    count: int                     # persons or facilities added that year


@dataclass(frozen=True)
class ProjectedYear:
    year: int
    result: Result
    staff: int                     # persons on post at the year's end
    added: tuple[Added, ...]


@dataclass(frozen=True)
class Projection:
    base_year: int
    years: tuple[ProjectedYear, ...]

    @property
    def rules(self) -> tuple[PlanRule, ...]:
        return self.years[0].result.scenario.plan if self.years else ()


def _on_post(staff: pd.DataFrame, year: int) -> np.ndarray:
    day = pd.Timestamp(year, 12, 31)
    ok = (staff["on_post_date"].isna() | (staff["on_post_date"] <= day)) & \
         (staff["off_post_date"].isna() | (staff["off_post_date"] >= day)) & \
         (staff["retirement_date"].isna() | (staff["retirement_date"] >= day))
    return ok.to_numpy(dtype=bool)


def _in_scope(rule: PlanRule, staff: pd.DataFrame, facilities: pd.DataFrame) -> np.ndarray:
    hit = np.ones(len(staff), dtype=bool)
    if rule.facility_code:
        hit &= (staff["facility_code"] == rule.facility_code).to_numpy(dtype=bool)
    if rule.facility_type:
        types = facilities.drop_duplicates("code").set_index("code")["type"]
        hit &= (staff["facility_code"].map(types) == rule.facility_type).to_numpy(dtype=bool)
    for column, value in (("category", rule.category), ("post", rule.post), ("recruitment", rule.recruitment)):
        if value:
            hit &= (staff[column] == value).to_numpy(dtype=bool)
    return hit


def _new_staff(template: pd.Series, count: int, year: int, rule: PlanRule, row: int) -> dict[str, object]:
    new: dict[str, object] = {str(k): v for k, v in template.items()}
    new.update(row=row, count=count, on_post_date=pd.Timestamp(year, 1, 1), off_post_date=pd.NaT,
               retirement_date=pd.NaT, gp_registration_date=pd.NaT, service_years=pd.NA, principal=False,
               person_id="", name=f"（规划{rule.kind.value}，{year}年）", source_sheet=vocab.SHEET_PLAN)
    return new


def years_of(rule: PlanRule, scenario: Scenario, profile: Profile, base: int) -> tuple[int, int | None]:
    """The years a rule adds rows: its own, else a programme's (XX's five years from 规划起始年度)."""
    first = rule.from_year if rule.from_year is not None else base + 1
    last = rule.to_year
    std = profile.standard(rule.standard_id) if rule.standard_id and profile.has(rule.standard_id) else None
    if isinstance(std, Schedule) and std.programme_years and rule.from_year is None and rule.to_year is None:
        start = scenario.settings.programme_start or base + 1
        first, last = max(start, base + 1), start + std.programme_years - 1
    return first, last


def _grow(scenario: Scenario, profile: Profile, year: int, base: int) -> tuple[Scenario, tuple[Added, ...]]:
    staff, facilities = scenario.staff, scenario.facilities
    new_staff: list[dict[str, object]] = []
    new_facilities: list[dict[str, object]] = []
    added: list[Added] = []
    for rule in scenario.plan:
        first, last = years_of(rule, scenario, profile, base)
        if not (year == first if rule.kind == PlanKind.NEW_FACILITIES else first <= year and (last is None or year <= last)):
            continue
        if rule.kind == PlanKind.GROWTH:
            scope = _in_scope(rule, staff, facilities)
            current = scope & _on_post(staff, year - 1)
            persons = int(staff["count"].to_numpy(dtype="int64")[current].sum())
            count = round_half_up(Fraction(rule.value) * persons / 100)
            if count <= 0 or not current.any():
                continue
            template = staff[current].iloc[int(np.argmax(staff["count"].to_numpy(dtype="int64")[current]))]
            new_staff.append(_new_staff(template, count, year, rule, rule.row))
        elif rule.kind == PlanKind.RECRUIT:
            count = int(rule.value)
            blank = {c.key: (bool(c.default) if c.kind == "bool" else c.default) for c in vocab.STAFF_COLUMNS}
            template = pd.Series(blank | {"facility_code": rule.facility_code, "category": rule.category,
                                          "post": rule.post or None, "recruitment": rule.recruitment or "常规"})
            new_staff.append(_new_staff(template, count, year, rule, rule.row))
        else:
            count = int(rule.value)
            blank = {c.key: (bool(c.default) if c.kind == "bool" else c.default) for c in vocab.FACILITY_COLUMNS}
            new_facilities.append(blank | {"row": rule.row, "code": f"规划-{year}-{rule.row}", "type": rule.facility_type,
                                   "name": f"（规划新增{rule.facility_type}，{year}年）", "town": None, "count": count,
                                   "integrated": rule.integrated, "new": rule.new, "head_office": False,
                                   "start_date": pd.Timestamp(year, 1, 1), "end_date": pd.NaT,
                                   "service_population": pd.NA, "source_sheet": vocab.SHEET_PLAN})
        added.append(Added(rule, year, count))
    if new_staff:
        staff = pd.concat([staff, pd.DataFrame(new_staff).astype(staff.dtypes.to_dict(), errors="ignore")],
                          ignore_index=True)
    if new_facilities:
        facilities = pd.concat([facilities, pd.DataFrame(new_facilities).astype(facilities.dtypes.to_dict(),
                                                                                errors="ignore")], ignore_index=True)
    return replace(scenario, facilities=facilities, staff=staff), tuple(added)


def project(scenario: Scenario, catalogue: Catalogue, to_year: int, from_year: int | None = None) -> Projection:
    """Compute every year from ``from_year`` (default: the budget year) to ``to_year``."""
    base = scenario.settings.year
    first = from_year if from_year is not None else base
    if not first <= to_year or to_year - first >= MAX_YEARS:
        raise ValueError(f"years {first}–{to_year}: at most {MAX_YEARS} years, the first not after the last")
    current = scenario.with_staff_source()
    years: list[ProjectedYear] = []
    for year in range(min(first, base), to_year + 1):
        added: tuple[Added, ...] = ()
        if year > base:
            current, added = _grow(current, catalogue.profile(scenario.settings.profile_id), year, base)
        if year < first:
            continue
        result = compute(current.with_settings(year=year), catalogue)
        staff = int(current.staff["count"].to_numpy(dtype="int64")[_on_post(current.staff, year)].sum())
        years.append(ProjectedYear(year, result, staff, added))
    return Projection(base, tuple(years))


def growth_words(rule: PlanRule, scenario: Scenario, profile: Profile, base: int) -> str:
    """The assumption a rule makes, as the rolling plan states it."""
    first, last = years_of(rule, scenario, profile, base)
    span = f"{first}年起" + (f"至{last}年" if last else "")
    scope = "、".join(x for x in (rule.facility_type, rule.category, rule.post, rule.recruitment, rule.facility_code)
                     if x) or "全部人员"
    if rule.kind == PlanKind.GROWTH:
        source = f"（{rule.standard_id}）" if rule.standard_id else ""
        return f"{span}，{scope}每年增长 {Decimal(rule.value).normalize():f}%{source}（按上年末人数复利计算，取整人）"
    if rule.kind == PlanKind.RECRUIT:
        return f"{span}，每年招聘{scope} {int(rule.value)} 人（到岗日期为当年1月1日）"
    flags = "、".join(x for x, on in (("一体化管理", rule.integrated), ("新增", rule.new)) if on)
    return f"{first}年新增{rule.facility_type} {int(rule.value)} 个" + (f"（{flags}）" if flags else "") + "，当年1月1日启用"
