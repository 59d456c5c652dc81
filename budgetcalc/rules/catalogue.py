"""The standards catalogue: every rate, band, norm and schedule of the policy documents.

Rules are data. Each profile is a TOML file under ``resources/standards/``; this module
reads and checks them completely before anything uses them. A catalogue with any error is
refused whole (file and key named), never half-loaded: a silently dropped rule would be a
wrong budget. Nothing read from a file is evaluated.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from budgetcalc.base.money import has_sub_fen, to_decimal
from budgetcalc.base.paths import standards_dir
from budgetcalc.rules import vocab

Kind = Literal["unit_rate", "band", "norm", "share", "schedule"]
Per = Literal["year", "month", "once"]
Subject = Literal["facility", "staff", "lump_sum"]
Basis = Literal["unit_baseline", "unit_average"]

KINDS: tuple[str, ...] = ("unit_rate", "band", "norm", "share", "schedule")
PERS: tuple[str, ...] = ("year", "month", "once")
SUBJECTS: tuple[str, ...] = ("facility", "staff", "lump_sum")
BAND_BASES: tuple[str, ...] = ("unit_baseline", "unit_average")
NORM_BASES: tuple[str, ...] = ("resident_population", "service_population", "street_population", "facilities")
REQUIRABLE = vocab.STAFF_DATES + vocab.STAFF_NUMBERS
QUALIFYING_DATES = ("on_post_date", "gp_registration_date")
BAND_SETTINGS = tuple(item for item, kind in vocab.SETTING_ITEMS if kind == "percent")


@dataclass(frozen=True)
class Eligibility:
    """Who or what a standard pays for; the engine turns each field into a vector mask."""

    subject: Subject = "staff"
    facility_types: tuple[str, ...] = ()
    facility_flags: tuple[tuple[str, bool], ...] = ()
    staff_categories: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()
    recruitment: tuple[str, ...] = ()
    exclude_recruitment: tuple[str, ...] = ()
    staff_flags: tuple[tuple[str, bool], ...] = ()
    requires: tuple[str, ...] = ()
    min_values: tuple[tuple[str, Decimal], ...] = ()
    qualifying_from: str | None = None
    qualifying_months: int = 0
    once_at: str | None = None

    def describe(self) -> str:
        """The conditions in Chinese, for explanations and the profiles listing."""
        names = {c.key: c.header for c in vocab.FACILITY_COLUMNS + vocab.STAFF_COLUMNS}
        parts: list[str] = []
        if self.subject == "lump_sum":
            parts.append("按项目整体计列")
        if self.facility_types:
            parts.append("机构类型为" + "、".join(self.facility_types))
        for key, want in self.facility_flags + self.staff_flags:
            parts.append(f"{names[key]}{'为是' if want else '为否'}")
        if self.staff_categories:
            parts.append("编制类型为" + "、".join(self.staff_categories))
        if self.posts:
            parts.append("岗位为" + "、".join(self.posts))
        if self.recruitment:
            parts.append("招聘方式为" + "、".join(self.recruitment))
        if self.exclude_recruitment:
            parts.append("不含" + "、".join(self.exclude_recruitment) + "人员")
        for key in self.requires:
            parts.append(f"已填{names[key]}")
        for key, minimum in self.min_values:
            parts.append(f"{names[key]}不少于{minimum}")
        if self.qualifying_from:
            parts.append(f"自{names[self.qualifying_from]}起满{self.qualifying_months}个月")
        if self.once_at:
            parts.append(f"于{names[self.once_at]}所在年度一次性计列")
        return "；".join(parts)


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    document_number: str
    title: str
    issuer: str
    issued: date | None
    effective_from: date
    effective_to: date | None
    note: str
    standards: tuple[Standard, ...]
    # the TOML text it was read from: saved with a scenario so it recomputes identically
    source: str = field(default="", repr=False, compare=False)

    def standard(self, standard_id: str) -> Standard:
        for std in self.standards:
            if std.id == standard_id:
                return std
        raise KeyError(standard_id)

    def has(self, standard_id: str) -> bool:
        return any(std.id == standard_id for std in self.standards)

    @property
    def citation(self) -> str:
        doc = self.document_number or "（无文号）"
        return f"{doc}《{self.title}》"

    def with_standards(self, standards: Iterable[Standard]) -> Profile:
        return replace(self, standards=tuple(standards))


@dataclass(frozen=True)
class Standard:
    id: str
    profile: str
    kind: Kind
    label: str
    clause: str
    summary: str
    unit: str
    effective_from: date
    effective_to: date | None
    note: str = ""
    # unit_rate
    value: Decimal | None = None
    minimum: bool = False
    per: Per | None = None
    quantity_unit: str = ""
    category: str = ""
    funding_source: str = ""
    eligibility: Eligibility | None = None
    # band
    low: Decimal | None = None
    high: Decimal | None = None
    default: Decimal | None = None
    may_be_off: bool = False
    setting: str = ""
    basis: str = ""
    headcount: Eligibility | None = None
    # norm / share / schedule, kept typed for the projection and norm sheets
    details: tuple[tuple[str, str], ...] = field(default=())
    # set when a scenario overrides the catalogue value
    overridden: bool = False
    override_reason: str = ""
    catalogue_value: Decimal | None = None

    @property
    def computes_money(self) -> bool:
        return self.kind == "band" or (self.kind == "unit_rate" and self.value is not None)

    @property
    def display_value(self) -> str:
        if self.kind == "unit_rate":
            if self.value is None:
                return "由用户填报"
            return ("不低于" if self.minimum and not self.overridden else "") + f"{self.value:,}"
        if self.kind == "band":
            point = f"，默认{self.default_point}%" if self.default is not None else ""
            return f"{self.low}%–{self.high}%{point}"
        return "；".join(f"{k}={v}" for k, v in self.details)

    @property
    def default_point(self) -> Decimal:
        assert self.low is not None
        return self.default if self.default is not None else self.low

    def in_force(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


@dataclass(frozen=True)
class CatalogueProblem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


class CatalogueError(Exception):
    def __init__(self, problems: list[CatalogueProblem]):
        self.problems = problems
        super().__init__("标准库有误：\n" + "\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Catalogue:
    profiles: tuple[Profile, ...]

    def profile(self, profile_id: str) -> Profile:
        for p in self.profiles:
            if p.id == profile_id:
                return p
        raise KeyError(profile_id)

    def has_profile(self, profile_id: str) -> bool:
        return any(p.id == profile_id for p in self.profiles)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.profiles)


# ---------------------------------------------------------------- loading and checking


class _Checker:
    """Reads one TOML table at a time, remembering every problem with its key path."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[CatalogueProblem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(CatalogueProblem(self.file, key, message))

    def table(self, data: Any, where: str, allowed: Iterable[str]) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(where, "应为表（table）")
            return {}
        for key in data:
            if key not in allowed:
                self.fail(f"{where}.{key}", "未知的键（拼写错误？）")
        return data

    def get(self, data: Mapping[str, Any], where: str, key: str, typ: type | tuple[type, ...],
            required: bool = True, default: Any = None) -> Any:
        if key not in data:
            if required:
                self.fail(f"{where}.{key}", "缺少必填键")
            return default
        value = data[key]
        if isinstance(value, bool) and typ is int:
            self.fail(f"{where}.{key}", "应为整数")
            return default
        if not isinstance(value, typ):
            names = typ.__name__ if isinstance(typ, type) else "/".join(t.__name__ for t in typ)
            self.fail(f"{where}.{key}", f"类型应为 {names}，实为 {type(value).__name__}")
            return default
        return value

    def decimal(self, data: Mapping[str, Any], where: str, key: str, required: bool = True) -> Decimal | None:
        raw = self.get(data, where, key, str, required)
        if raw is None:
            return None
        try:
            value = to_decimal(raw)
        except ValueError:
            self.fail(f"{where}.{key}", f"不是十进制数：{raw!r}")
            return None
        if value < 0:
            self.fail(f"{where}.{key}", "不能为负数")
        return value

    def strings(self, data: Mapping[str, Any], where: str, key: str, choices: Iterable[str] | None = None) -> tuple[str, ...]:
        raw = self.get(data, where, key, list, required=False, default=[])
        if not all(isinstance(x, str) for x in raw):
            self.fail(f"{where}.{key}", "应为字符串列表")
            return ()
        if choices is not None:
            allowed = set(choices)
            for x in raw:
                if x not in allowed:
                    self.fail(f"{where}.{key}", f"“{x}”不是可选值（{'、'.join(allowed)}）")
        return tuple(raw)

    def flags(self, data: Mapping[str, Any], where: str, key: str, choices: Iterable[str]) -> tuple[tuple[str, bool], ...]:
        raw = self.get(data, where, key, dict, required=False, default={})
        allowed = set(choices)
        out: list[tuple[str, bool]] = []
        for name, want in raw.items():
            if name not in allowed:
                self.fail(f"{where}.{key}.{name}", f"未知的是否列（可用：{', '.join(sorted(allowed))}）")
            elif not isinstance(want, bool):
                self.fail(f"{where}.{key}.{name}", "应为 true 或 false")
            else:
                out.append((name, want))
        return tuple(out)

    def choice(self, data: Mapping[str, Any], where: str, key: str, choices: Iterable[str], required: bool = True) -> Any:
        value = self.get(data, where, key, str, required)
        if value is not None and value not in tuple(choices):
            self.fail(f"{where}.{key}", f"“{value}”不是可选值（{', '.join(choices)}）")
            return None
        return value


_ELIGIBILITY_KEYS = (
    "subject", "facility_types", "facility_flags", "staff_categories", "posts", "recruitment",
    "exclude_recruitment", "staff_flags", "requires", "min_values", "qualifying_from",
    "qualifying_months", "once_at",
)


def _eligibility(c: _Checker, raw: Any, where: str, *, needs_subject: bool) -> Eligibility:
    data = c.table(raw, where, _ELIGIBILITY_KEYS)
    subject = c.choice(data, where, "subject", SUBJECTS, required=needs_subject) or "staff"
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
        staff_flags=c.flags(data, where, "staff_flags", vocab.STAFF_FLAGS),
        requires=c.strings(data, where, "requires", REQUIRABLE),
        min_values=tuple(mins),
        qualifying_from=c.choice(data, where, "qualifying_from", QUALIFYING_DATES, required=False),
        qualifying_months=c.get(data, where, "qualifying_months", int, required=False, default=0),
        once_at=c.choice(data, where, "once_at", vocab.STAFF_DATES, required=False),
    )
    if elig.subject != "staff" and (elig.staff_categories or elig.posts or elig.recruitment or elig.staff_flags
                                    or elig.requires or elig.qualifying_from or elig.once_at):
        c.fail(where, "人员条件只能用于 subject = \"staff\"")
    if elig.subject == "lump_sum" and (elig.facility_types or elig.facility_flags):
        c.fail(where, "lump_sum 不能带机构条件")
    if (elig.qualifying_from is None) != (elig.qualifying_months == 0):
        c.fail(where, "qualifying_from 与 qualifying_months 须同时给出")
    if elig.qualifying_months < 0:
        c.fail(f"{where}.qualifying_months", "不能为负数")
    return elig


_COMMON = ("id", "kind", "label", "clause", "summary", "unit", "effective_from", "effective_to", "note")
_KIND_KEYS: dict[str, tuple[str, ...]] = {
    "unit_rate": ("value", "minimum", "per", "quantity_unit", "category", "funding_source", "eligibility"),
    "band": ("low", "high", "default", "may_be_off", "setting", "basis", "category", "funding_source", "headcount"),
    "norm": ("ratio", "ratio_low", "ratio_high", "per", "basis", "facility_types", "counts", "target_year"),
    "share": ("share", "minimum", "of", "target_year"),
    "schedule": ("by_year", "annual_growth", "per_year_low", "per_year_high", "total", "by_year_end"),
}


def _standard(c: _Checker, raw: Any, where: str, profile: Profile) -> Standard | None:
    if not isinstance(raw, dict):
        c.fail(where, "应为表（table）")
        return None
    kind = c.choice(raw, where, "kind", KINDS)
    if kind is None:
        return None
    data = c.table(raw, where, _COMMON + _KIND_KEYS[kind])
    sid = c.get(data, where, "id", str) or ""
    if sid and not sid.startswith(profile.id + "."):
        c.fail(f"{where}.id", f"标准编号须以“{profile.id}.”开头")
    where = f"standard[{sid or where}]"
    base = dict(
        id=sid, profile=profile.id, kind=kind,
        label=c.get(data, where, "label", str) or "",
        clause=c.get(data, where, "clause", str) or "",
        summary=c.get(data, where, "summary", str) or "",
        unit=c.get(data, where, "unit", str) or "",
        effective_from=c.get(data, where, "effective_from", date, required=False, default=profile.effective_from),
        effective_to=c.get(data, where, "effective_to", date, required=False, default=profile.effective_to),
        note=c.get(data, where, "note", str, required=False, default=""),
    )
    if base["effective_to"] is not None and base["effective_to"] < base["effective_from"]:
        c.fail(f"{where}.effective_to", "早于 effective_from")
    if kind == "unit_rate":
        value = c.decimal(data, where, "value", required=False)
        if value is not None and has_sub_fen(value):
            c.fail(f"{where}.value", "金额最多两位小数（到分）")
        elig = _eligibility(c, data.get("eligibility"), f"{where}.eligibility", needs_subject=True)
        per = c.choice(data, where, "per", PERS)
        if per == "once" and elig.once_at is None:
            c.fail(f"{where}.eligibility.once_at", "per = \"once\" 须指明 once_at 日期列")
        if per != "once" and elig.once_at is not None:
            c.fail(f"{where}.eligibility.once_at", "只用于 per = \"once\"")
        return Standard(
            **base, value=value, per=per,
            minimum=c.get(data, where, "minimum", bool, required=False, default=False),
            quantity_unit=c.get(data, where, "quantity_unit", str) or "",
            category=c.get(data, where, "category", str) or "",
            funding_source=c.get(data, where, "funding_source", str) or "",
            eligibility=elig, catalogue_value=value,
        )
    if kind == "band":
        low, high = c.decimal(data, where, "low"), c.decimal(data, where, "high")
        default = c.decimal(data, where, "default", required=False)
        if low is not None and high is not None:
            if low > high:
                c.fail(f"{where}.low", "下限大于上限")
            if default is not None and not low <= default <= high:
                c.fail(f"{where}.default", "默认值不在档位范围内")
        setting = c.choice(data, where, "setting", BAND_SETTINGS) or ""
        return Standard(
            **base, low=low, high=high, default=default, setting=setting,
            may_be_off=c.get(data, where, "may_be_off", bool, required=False, default=False),
            basis=c.choice(data, where, "basis", BAND_BASES) or "",
            category=c.get(data, where, "category", str) or "",
            funding_source=c.get(data, where, "funding_source", str) or "",
            headcount=_eligibility(c, data.get("headcount", {}), f"{where}.headcount", needs_subject=False),
        )
    return Standard(**base, details=_details(c, data, where, kind))


def _details(c: _Checker, data: Mapping[str, Any], where: str, kind: str) -> tuple[tuple[str, str], ...]:
    """Norms, shares and schedules: checked for form, kept as text pairs for display."""
    out: list[tuple[str, str]] = []
    number_keys = {"ratio", "ratio_low", "ratio_high", "share", "annual_growth", "per_year_low", "per_year_high", "total"}
    for key in _KIND_KEYS[kind]:
        if key not in data:
            continue
        if key in number_keys:
            value = c.decimal(data, where, key)
            if value is not None:
                out.append((key, str(value)))
        elif key == "by_year":
            table = c.get(data, where, key, dict) or {}
            for year in table:
                if not str(year).isdigit():
                    c.fail(f"{where}.by_year.{year}", "键应为年份")
                c.decimal(table, f"{where}.by_year", year)
            out.append((key, ", ".join(f"{y}:{v}" for y, v in table.items())))
        elif key == "facility_types":
            out.append((key, "、".join(c.strings(data, where, key, vocab.FACILITY_TYPES))))
        elif key == "basis":
            out.append((key, c.choice(data, where, key, NORM_BASES) or ""))
        elif key in ("per", "target_year", "by_year_end"):
            out.append((key, str(c.get(data, where, key, int))))
        elif key == "minimum":
            out.append((key, str(c.get(data, where, key, bool))))
        else:
            out.append((key, str(c.get(data, where, key, str))))
    keys = {k for k, _ in out}
    if kind == "norm" and not ({"ratio"} <= keys or {"ratio_low", "ratio_high"} <= keys):
        c.fail(where, "norm 须有 ratio 或 ratio_low + ratio_high")
    if kind == "norm" and not {"per", "basis"} <= keys:
        c.fail(where, "norm 须有 per 与 basis")
    if kind == "share" and "share" not in keys:
        c.fail(where, "share 须有 share")
    if kind == "schedule" and not keys & {"by_year", "annual_growth", "per_year_low", "per_year_high", "total"}:
        c.fail(where, "schedule 须有 by_year、annual_growth、per_year_low/high 或 total 之一")
    return tuple(out)


_PROFILE_KEYS = ("id", "name", "document_number", "title", "issuer", "issued", "effective_from", "effective_to", "note")


def load_profile_file(path: Path) -> tuple[Profile | None, list[CatalogueProblem]]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [CatalogueProblem(path.name, "(文件)", f"无法读取：{exc}")]
    return load_profile_text(path.name, text)


def load_profile_text(name: str, text: str) -> tuple[Profile | None, list[CatalogueProblem]]:
    """One profile from its TOML text; ``name`` is the file name (its stem is the profile id)."""
    c = _Checker(name)
    stem = name.removesuffix(".toml")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        c.fail("(文件)", f"无法解析：{exc}")
        return None, c.problems
    c.table(raw, "(文件)", ("profile", "standard"))
    head = c.table(raw.get("profile"), "profile", _PROFILE_KEYS)
    pid = c.get(head, "profile", "id", str) or stem
    if pid != stem:
        c.fail("profile.id", f"应与文件名一致：{stem}")
    profile = Profile(
        id=pid,
        name=c.get(head, "profile", "name", str) or "",
        document_number=c.get(head, "profile", "document_number", str) or "",
        title=c.get(head, "profile", "title", str) or "",
        issuer=c.get(head, "profile", "issuer", str) or "",
        issued=c.get(head, "profile", "issued", date, required=False),
        effective_from=c.get(head, "profile", "effective_from", date) or date.min,
        effective_to=c.get(head, "profile", "effective_to", date, required=False),
        note=c.get(head, "profile", "note", str, required=False, default=""),
        standards=(),
        source=text,
    )
    standards: list[Standard] = []
    seen: set[str] = set()
    for i, raw_std in enumerate(raw.get("standard", [])):
        std = _standard(c, raw_std, f"standard[{i}]", profile)
        if std is None:
            continue
        if std.id in seen:
            c.fail(f"standard[{std.id}]", "标准编号重复")
        seen.add(std.id)
        standards.append(std)
    if not standards:
        c.fail("standard", "没有任何标准")
    return profile.with_standards(standards), c.problems


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Load and check every profile; raise CatalogueError naming file and key on any error."""
    directory = directory or standards_dir()
    files = sorted(directory.glob("*.toml"))
    problems: list[CatalogueProblem] = []
    profiles: list[Profile] = []
    if not files:
        problems.append(CatalogueProblem(str(directory), "(目录)", "没有找到任何 .toml 标准文件"))
    for path in files:
        profile, found = load_profile_file(path)
        problems.extend(found)
        if profile is not None:
            profiles.append(profile)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(tuple(profiles))


_CACHE: dict[Path, Catalogue] = {}


def default_catalogue() -> Catalogue:
    """The shipped catalogue, loaded once per process."""
    key = standards_dir()
    if key not in _CACHE:
        _CACHE[key] = load_catalogue(key)
    return _CACHE[key]


def merge_catalogues(preferred: Catalogue, fallback: Catalogue) -> Catalogue:
    """Profiles of ``preferred`` (standards stored in a scenario) plus the others of ``fallback``."""
    extra = tuple(p for p in fallback.profiles if not preferred.has_profile(p.id))
    return Catalogue(tuple(preferred.profiles) + extra)
