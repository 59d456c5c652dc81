"""The standards catalogue: every profile (policy document) with its typed standards.

Rules are data. Each profile is a TOML file under ``resources/standards/``; this module
reads and checks them completely before anything uses them. A catalogue with any error is
refused whole (file and key named), never half-loaded: a silently dropped rule would be a
wrong budget. Nothing read from a file is evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from budgetcalc.base.paths import standards_dir
from budgetcalc.rules.budget_codes import Classification, Payer, parse_classification, parse_payer
from budgetcalc.rules.checker import CatalogueProblem, Checker
from budgetcalc.rules.kinds import Band, EnteredRate, MoneyStandard, Period, Standard, StandardId, UnitRate
from budgetcalc.rules.parse import check_references, parse_toml, standard

S = TypeVar("S")

# A catalogue file is a few kB; anything this large is not one (a link to a device, a mistake).
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    document_number: str
    title: str
    issuer: str
    issued: date | None
    effective: Period
    trial_end: date | None     # 试行期 end; the standards continue after it unless changed
    note: str
    standards: tuple[Standard, ...]
    classification: Classification = field(default_factory=Classification)
    payer: Payer = field(default_factory=Payer)
    # the TOML text it was read from: saved with a scenario so it recomputes identically
    source: str = field(default="", repr=False, compare=False)

    def standard(self, standard_id: str) -> Standard:
        for std in self.standards:
            if std.id == standard_id:
                return std
        raise KeyError(standard_id)

    def has(self, standard_id: str) -> bool:
        return any(std.id == standard_id for std in self.standards)

    def of_kind(self, *types: type[S]) -> Iterator[S]:
        return (s for s in self.standards if isinstance(s, types))

    @property
    def money_standards(self) -> tuple[MoneyStandard, ...]:
        return tuple(s for s in self.standards if isinstance(s, UnitRate | EnteredRate | Band))

    def money_standard(self, standard_id: str) -> MoneyStandard:
        std = self.standard(standard_id)
        if not isinstance(std, UnitRate | EnteredRate | Band):
            raise KeyError(f"{standard_id} is not a money standard")
        return std

    def draws(self) -> dict[StandardId, StandardId]:
        """Standard → the fund it is paid from (从…经费中解决)."""
        return {s.id: s.draws_on for s in self.money_standards if s.draws_on is not None}

    def with_standards(self, standards: Iterable[Standard]) -> Profile:
        return replace(self, standards=tuple(standards))


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


_PROFILE_KEYS = ("id", "name", "document_number", "title", "issuer", "issued", "effective_from", "effective_to",
                 "trial_end", "note", "classification", "payer")


def load_profile_file(path: Path) -> tuple[Profile | None, list[CatalogueProblem]]:
    """One profile file; only a regular file of a sensible size is read (never a device or a FIFO)."""
    try:
        if not path.is_file():
            return None, [CatalogueProblem(path.name, "(文件)", "不是普通文件")]
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [CatalogueProblem(path.name, "(文件)", f"文件过大（上限 {MAX_FILE_BYTES:,} 字节）")]
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [CatalogueProblem(path.name, "(文件)", f"无法读取：{exc}")]
    return load_profile_text(path.name, text)


def load_profile_text(name: str, text: str) -> tuple[Profile | None, list[CatalogueProblem]]:
    """One profile from its TOML text; ``name`` is the file name (its stem is the profile id)."""
    c = Checker(name)
    stem = name.removesuffix(".toml")
    raw = parse_toml(c, text)
    if raw is None:
        return None, c.problems
    c.table(raw, "(文件)", ("profile", "standard"))
    head = c.table(raw.get("profile"), "profile", _PROFILE_KEYS)
    pid = c.text(head, "profile", "id") or stem
    if pid != stem:
        c.fail("profile.id", f"应与文件名一致：{stem}")
    start = c.get(head, "profile", "effective_from", date) or date(2000, 1, 1)
    end = c.get(head, "profile", "effective_to", date, required=False)
    period = Period(start, end)
    standards: list[Standard] = []
    seen: set[str] = set()
    raw_standards = raw.get("standard", [])
    if not isinstance(raw_standards, list):
        c.fail("standard", "应为 [[standard]] 表数组")
        raw_standards = []
    for i, raw_std in enumerate(raw_standards):
        std = standard(c, raw_std, f"standard[{i}]", pid, period)
        if std is None:
            continue
        if std.id in seen:
            c.fail(f"standard[{std.id}]", "标准编号重复")
        seen.add(std.id)
        standards.append(std)
    if not standards:
        c.fail("standard", "没有任何标准")
    check_references(c, standards)
    profile = Profile(
        id=pid, name=c.text(head, "profile", "name"), document_number=c.text(head, "profile", "document_number"),
        title=c.text(head, "profile", "title"), issuer=c.text(head, "profile", "issuer"),
        issued=c.get(head, "profile", "issued", date, required=False), effective=period,
        trial_end=c.get(head, "profile", "trial_end", date, required=False),
        note=c.text(head, "profile", "note", required=False), standards=tuple(standards),
        classification=parse_classification(c, head.get("classification"), "profile.classification"),
        payer=parse_payer(c, head.get("payer"), "profile.payer") or Payer(), source=text,
    )
    return profile, c.problems


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
