"""Reading one profile's TOML into typed standards, one parser per kind.

Every problem is collected with its key path (file and key, in Chinese), never raised one
at a time: an officer's IT colleague fixing a catalogue file sees every mistake at once.
Unknown keys are errors (a typo never silently drops a rule); numbers are strings of
decimals, so no binary float ever touches a rate.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from budgetcalc.base.money import has_sub_fen
from budgetcalc.rules import vocab
from budgetcalc.rules.budget_codes import parse_codes, parse_payer
from budgetcalc.rules.checker import MAX_PERCENT, Checker
from budgetcalc.rules.eligibility import Eligibility, RowCheck, Subject
from budgetcalc.rules.kinds import (
    AreaScope,
    Band,
    BandBasis,
    EnteredRate,
    Kind,
    Norm,
    NormBasis,
    Per,
    Period,
    Schedule,
    Share,
    Standard,
    StandardId,
    Target,
    UnitRate,
)

# ------------------------------------------------------------------ eligibility


_ELIGIBILITY_KEYS = (
    "subject", "facility_types", "facility_flags", "staff_categories", "posts", "recruitment",
    "exclude_recruitment", "licences", "titles", "staff_flags", "requires", "min_values",
    "qualifying_from", "qualifying_months", "once_at",
)
REQUIRABLE = vocab.STAFF_DATES + vocab.STAFF_NUMBERS
QUALIFYING_DATES = ("on_post_date", "gp_registration_date")


def eligibility(c: Checker, raw: Any, where: str, *, needs_subject: bool,
                default_subject: Subject = Subject.STAFF) -> Eligibility:
    data = c.table(raw, where, _ELIGIBILITY_KEYS)
    subject = Subject(c.choice(data, where, "subject", [s.value for s in Subject], required=needs_subject)
                      or default_subject)
    min_raw = c.get(data, where, "min_values", dict, required=False, default={})
    mins: list[tuple[str, Decimal]] = []
    for name in min_raw:
        if name not in vocab.STAFF_NUMBERS:
            c.fail(f"{where}.min_values.{name}", f"只能用于数字列：{', '.join(vocab.STAFF_NUMBERS)}")
            continue
        value = c.decimal(min_raw, f"{where}.min_values", name)
        if value is not None:
            mins.append((name, value))
    elig = Eligibility(
        subject=subject,
        facility_types=c.strings(data, where, "facility_types", vocab.FACILITY_TYPES),
        facility_flags=c.flags(data, where, "facility_flags", vocab.FACILITY_FLAGS),
        staff_categories=c.strings(data, where, "staff_categories", vocab.STAFF_CATEGORIES),
        posts=c.strings(data, where, "posts", vocab.POSTS),
        recruitment=c.strings(data, where, "recruitment", vocab.RECRUITMENT),
        exclude_recruitment=c.strings(data, where, "exclude_recruitment", vocab.RECRUITMENT),
        licences=c.strings(data, where, "licences", vocab.LICENCES),
        titles=c.strings(data, where, "titles", vocab.TITLES),
        staff_flags=c.flags(data, where, "staff_flags", vocab.STAFF_FLAGS),
        requires=c.strings(data, where, "requires", REQUIRABLE),
        min_values=tuple(mins),
        qualifying_from=c.choice(data, where, "qualifying_from", QUALIFYING_DATES, required=False),
        qualifying_months=c.integer(data, where, "qualifying_months", required=False, high=1200) or 0,
        once_at=c.choice(data, where, "once_at", vocab.STAFF_DATES, required=False),
    )
    staff_only = (elig.staff_categories or elig.posts or elig.recruitment or elig.exclude_recruitment
                  or elig.licences or elig.titles or elig.staff_flags or elig.requires or elig.min_values
                  or elig.qualifying_from or elig.once_at)
    if elig.subject != Subject.STAFF and staff_only:
        c.fail(where, "人员条件只能用于 subject = \"staff\"")
    if elig.subject == Subject.LUMP_SUM and (elig.facility_types or elig.facility_flags):
        c.fail(where, "lump_sum 不能带机构条件")
    if (elig.qualifying_from is None) != (elig.qualifying_months == 0):
        c.fail(where, "qualifying_from 与 qualifying_months 须同时给出")
    return elig


def _row_checks(c: Checker, data: Mapping[str, Any], where: str, subject: Subject) -> tuple[RowCheck, ...]:
    raw = c.get(data, where, "check", list, required=False, default=[])
    out: list[RowCheck] = []
    for i, item in enumerate(raw):
        at = f"{where}.check[{i}]"
        body = c.table(item, at, ("code", "among", "when", "message", "message_en", "started_before_effective"))
        when_raw = dict(c.get(body, at, "when", dict, required=False, default={}) or {})
        when_raw.setdefault("subject", subject.value)
        out.append(RowCheck(
            code=c.text(body, at, "code"),
            among=c.choice(body, at, "among", ("addressed", "counted")) or "counted",
            when=eligibility(c, when_raw, f"{at}.when", needs_subject=False, default_subject=subject),
            message=c.text(body, at, "message"),
            message_en=c.text(body, at, "message_en"),
            started_before_effective=bool(c.get(body, at, "started_before_effective", bool, required=False,
                                                default=False)),
        ))
    return tuple(out)


# ------------------------------------------------------------------ kinds

COMMON_KEYS = ("id", "kind", "label", "clause", "summary", "unit", "effective_from", "effective_to", "note")
_MONEY_KEYS = ("category", "funding_source", "draws_on", "codes", "payer")
_RATE_KEYS = _MONEY_KEYS + ("per", "quantity_unit", "eligibility", "scope", "maximum", "check")
KIND_KEYS: dict[Kind, tuple[str, ...]] = {
    Kind.UNIT_RATE: _RATE_KEYS + ("value", "minimum"),
    Kind.ENTERED: _RATE_KEYS,
    Kind.BAND: _MONEY_KEYS + ("low", "high", "default", "may_be_off", "setting", "basis", "headcount"),
    Kind.NORM: ("ratio", "ratio_low", "ratio_high", "per", "basis", "facility_types", "counts", "counted",
                "counted_facilities", "area", "target_year"),
    Kind.SHARE: ("share", "minimum", "of", "group", "member", "target_year"),
    Kind.SCHEDULE: ("by_year", "after_last", "annual_growth", "per_year_low", "per_year_high", "total",
                    "by_year_end", "applies_to", "programme_years", "plan_measure", "recruitment"),
    Kind.TARGET: ("goal", "deadline", "measure", "comparator", "value"),
}
BAND_SETTINGS = vocab.BAND_SETTINGS


def _money(c: Checker, data: Mapping[str, Any], where: str) -> dict[str, Any]:
    draws = c.get(data, where, "draws_on", str, required=False)
    return dict(
        category=c.choice(data, where, "category", vocab.CATEGORIES) or "",
        funding_source=c.text(data, where, "funding_source"),
        draws_on=StandardId(draws) if draws else None,
        codes=parse_codes(c, data.get("codes"), f"{where}.codes"),
        payer=parse_payer(c, data.get("payer"), f"{where}.payer"),
    )


def _rate_rule(c: Checker, data: Mapping[str, Any], where: str) -> dict[str, Any]:
    elig = eligibility(c, data.get("eligibility"), f"{where}.eligibility", needs_subject=True)
    per = c.choice(data, where, "per", [p.value for p in Per])
    if per == Per.ONCE and elig.once_at is None:
        c.fail(f"{where}.eligibility.once_at", "per = \"once\" 须指明 once_at 日期列")
    if per != Per.ONCE and elig.once_at is not None:
        c.fail(f"{where}.eligibility.once_at", "只用于 per = \"once\"")
    keys = elig.keys
    scope = c.strings(data, where, "scope")
    for key in scope:
        if key not in keys:
            c.fail(f"{where}.scope", f"“{key}”不是本标准 eligibility 中的条件（可用：{', '.join(keys)}）")
    maximum = c.decimal(data, where, "maximum", required=False)
    return dict(
        **_money(c, data, where),
        per=Per(per) if per else Per.YEAR,
        quantity_unit=c.text(data, where, "quantity_unit"),
        eligibility=elig,
        scope=scope,
        maximum=maximum,
        checks=_row_checks(c, data, where, elig.subject),
    )


def _unit_rate(c: Checker, data: Mapping[str, Any], where: str, base: dict[str, Any]) -> UnitRate | EnteredRate:
    rule = _rate_rule(c, data, where)
    if "value" not in data:  # an older catalogue's way of writing an entered-rate item
        return EnteredRate(**base, **rule)
    value = c.decimal(data, where, "value") or Decimal(0)
    if has_sub_fen(value):
        c.fail(f"{where}.value", "金额最多两位小数（到分）")
    if rule["maximum"] is not None and value > rule["maximum"]:
        c.fail(f"{where}.value", "高于 maximum")
    return UnitRate(**base, **rule, value=value,
                    minimum=bool(c.get(data, where, "minimum", bool, required=False, default=False)))


def _entered(c: Checker, data: Mapping[str, Any], where: str, base: dict[str, Any]) -> EnteredRate:
    return EnteredRate(**base, **_rate_rule(c, data, where))


def _band(c: Checker, data: Mapping[str, Any], where: str, base: dict[str, Any]) -> Band:
    low = c.decimal(data, where, "low", limit=MAX_PERCENT)
    high = c.decimal(data, where, "high", limit=MAX_PERCENT)
    default = c.decimal(data, where, "default", required=False, limit=MAX_PERCENT)
    if low is not None and high is not None:
        if low > high:
            c.fail(f"{where}.low", "下限大于上限")
        if default is not None and not low <= default <= high:
            c.fail(f"{where}.default", "默认值不在档位范围内")
    basis = c.choice(data, where, "basis", [b.value for b in BandBasis])
    return Band(
        **base, **_money(c, data, where),
        low=low or Decimal(0), high=high or Decimal(0), default=default,
        may_be_off=bool(c.get(data, where, "may_be_off", bool, required=False, default=False)),
        setting=c.choice(data, where, "setting", BAND_SETTINGS) or "",
        basis=BandBasis(basis) if basis else BandBasis.UNIT_BASELINE,
        headcount=eligibility(c, data.get("headcount", {}), f"{where}.headcount", needs_subject=False),
    )


def _optional_rule(c: Checker, data: Mapping[str, Any], where: str, key: str) -> Eligibility | None:
    if key not in data:
        return None
    return eligibility(c, data[key], f"{where}.{key}", needs_subject=False)


def _norm(c: Checker, data: Mapping[str, Any], where: str, base: dict[str, Any]) -> Norm:
    ratio = c.decimal(data, where, "ratio", required=False)
    low = c.decimal(data, where, "ratio_low", required=False)
    high = c.decimal(data, where, "ratio_high", required=False)
    if ratio is not None and (low is not None or high is not None):
        c.fail(where, "ratio 与 ratio_low/ratio_high 只能给出一种")
    if ratio is None and (low is None or high is None):
        c.fail(where, "norm 须有 ratio 或 ratio_low + ratio_high")
    if low is not None and high is not None and low > high:
        c.fail(f"{where}.ratio_low", "下限大于上限")
    basis = c.choice(data, where, "basis", [b.value for b in NormBasis])
    area_raw = c.table(data.get("area", {}), f"{where}.area", ("towns", "streets_only"))
    area = AreaScope(towns=c.strings(area_raw, f"{where}.area", "towns"),
                     streets_only=bool(c.get(area_raw, f"{where}.area", "streets_only", bool, required=False,
                                             default=False)))
    facility_types = c.strings(data, where, "facility_types", vocab.FACILITY_TYPES)
    if basis == NormBasis.FACILITIES and not facility_types:
        c.fail(f"{where}.facility_types", "basis = \"facilities\" 须指明机构类型")
    return Norm(
        **base,
        ratio_low=ratio if ratio is not None else (low or Decimal(0)),
        ratio_high=ratio if ratio is not None else (high or Decimal(0)),
        per=c.integer(data, where, "per", low=1, high=10**7) or 1,
        basis=NormBasis(basis) if basis else NormBasis.RESIDENT_POPULATION,
        counts=c.text(data, where, "counts"),
        counted=_optional_rule(c, data, where, "counted"),
        counted_facilities=c.strings(data, where, "counted_facilities", vocab.FACILITY_TYPES),
        facility_types=facility_types, area=area,
        target_year=c.integer(data, where, "target_year", required=False, low=2000, high=2100),
    )


def _share(c: Checker, data: Mapping[str, Any], where: str, base: dict[str, Any]) -> Share:
    return Share(
        **base,
        share=c.decimal(data, where, "share", limit=Decimal(100)) or Decimal(0),
        minimum=bool(c.get(data, where, "minimum", bool, required=False, default=True)),
        of=c.text(data, where, "of"),
        group=_optional_rule(c, data, where, "group"),
        member=_optional_rule(c, data, where, "member"),
        target_year=c.integer(data, where, "target_year", required=False, low=2000, high=2100),
    )


def _schedule(c: Checker, data: Mapping[str, Any], where: str, base: dict[str, Any]) -> Schedule:
    table = c.get(data, where, "by_year", dict, required=False, default={}) or {}
    by_year: list[tuple[int, Decimal]] = []
    for year in table:
        if not str(year).isdigit() or not 2000 <= int(year) <= 2100:
            c.fail(f"{where}.by_year.{year}", "键应为 2000–2100 的年份")
            continue
        value = c.decimal(table, f"{where}.by_year", year)
        if value is not None:
            by_year.append((int(year), value))
    applies = c.get(data, where, "applies_to", str, required=False)
    sched = Schedule(
        **base, by_year=tuple(sorted(by_year)),
        after_last=bool(c.get(data, where, "after_last", bool, required=False, default=False)),
        annual_growth=c.decimal(data, where, "annual_growth", required=False, limit=MAX_PERCENT),
        per_year_low=c.decimal(data, where, "per_year_low", required=False),
        per_year_high=c.decimal(data, where, "per_year_high", required=False),
        total=c.decimal(data, where, "total", required=False),
        by_year_end=c.integer(data, where, "by_year_end", required=False, low=2000, high=2100),
        applies_to=StandardId(applies) if applies else None,
        programme_years=c.integer(data, where, "programme_years", required=False, low=1, high=30),
        plan_measure=c.choice(data, where, "plan_measure", ("recruits", "recruit_share"), required=False) or "",
        recruitment=c.choice(data, where, "recruitment", vocab.RECRUITMENT, required=False) or "",
    )
    if not (sched.by_year or sched.annual_growth is not None or sched.per_year_low is not None
            or sched.per_year_high is not None or sched.total is not None):
        c.fail(where, "schedule 须有 by_year、annual_growth、per_year_low/high 或 total 之一")
    return sched


def _target(c: Checker, data: Mapping[str, Any], where: str, base: dict[str, Any]) -> Target:
    return Target(
        **base, goal=c.text(data, where, "goal"),
        deadline=c.integer(data, where, "deadline", required=False, low=2000, high=2100),
        measure=c.text(data, where, "measure", required=False),
        comparator=c.choice(data, where, "comparator", (">=", "<=", "="), required=False) or ">=",
        value=c.decimal(data, where, "value", required=False),
    )


PARSERS: dict[Kind, Callable[[Checker, Mapping[str, Any], str, dict[str, Any]], Standard]] = {
    Kind.UNIT_RATE: _unit_rate, Kind.ENTERED: _entered, Kind.BAND: _band, Kind.NORM: _norm,
    Kind.SHARE: _share, Kind.SCHEDULE: _schedule, Kind.TARGET: _target,
}


def standard(c: Checker, raw: Any, where: str, profile_id: str, profile_period: Period) -> Standard | None:
    if not isinstance(raw, dict):
        c.fail(where, "应为表（table）")
        return None
    kind_text = c.choice(raw, where, "kind", [k.value for k in Kind])
    if kind_text is None:
        return None
    kind = Kind(kind_text)
    data = c.table(raw, where, COMMON_KEYS + KIND_KEYS[kind])
    sid = c.text(data, where, "id")
    if sid and not sid.startswith(profile_id + "."):
        c.fail(f"{where}.id", f"标准编号须以“{profile_id}.”开头")
    where = f"standard[{sid or where}]"
    start = c.get(data, where, "effective_from", date, required=False, default=profile_period.start)
    end = c.get(data, where, "effective_to", date, required=False, default=profile_period.end)
    if start is None:
        start = profile_period.start
    if end is not None and end < start:
        c.fail(f"{where}.effective_to", "早于 effective_from")
    base = dict(
        id=StandardId(sid), profile=profile_id,
        label=c.text(data, where, "label"), clause=c.text(data, where, "clause"),
        summary=c.text(data, where, "summary"), unit=c.text(data, where, "unit"),
        effective=Period(start, end), note=c.text(data, where, "note", required=False),
    )
    return PARSERS[kind](c, data, where, base)


def check_references(c: Checker, standards: Iterable[Standard]) -> None:
    """Links between standards: a draw names a money standard of the profile, never itself or a draw."""
    by_id = {s.id: s for s in standards}
    for std in by_id.values():
        fund = getattr(std, "draws_on", None)
        if fund is not None:
            target = by_id.get(fund)
            if target is None or not target.makes_money:
                c.fail(f"standard[{std.id}].draws_on", f"“{fund}”不是本文件中的金额类标准")
            elif fund == std.id or getattr(target, "draws_on", None) is not None:
                c.fail(f"standard[{std.id}].draws_on", "经费来源不能是自身或另一项从其他经费中列支的标准")
        applies = getattr(std, "applies_to", None)
        if applies is not None and applies not in by_id:
            c.fail(f"standard[{std.id}].applies_to", f"“{applies}”不是本文件中的标准")


def parse_toml(c: Checker, text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
        c.fail("(文件)", f"无法解析：{exc}")
        return None
