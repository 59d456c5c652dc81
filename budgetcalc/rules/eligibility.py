"""Who or what a standard is for, as declarative data.

An ``Eligibility`` is a conjunction of atomic ``Condition``s, each with a stable key
(``facility_flags.new``, ``exclude_recruitment``, ``requires.gp_registration_date``…).
Keys let the catalogue say which conditions make a row *addressed* by a standard (its
``scope``) and which only decide whether an addressed row is paid, so the engine can tell
an officer why a row it addressed got nothing (“机构未标记新增”) instead of skipping it.
Nothing here evaluates anything: the engine turns conditions into masks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from budgetcalc.rules import vocab


class Subject(StrEnum):
    FACILITY = "facility"   # one line per 机构 row
    STAFF = "staff"         # one line per 人员 row
    LUMP_SUM = "lump_sum"   # one line for the scenario (or per entry of an entered item)


Op = Literal["in", "not_in", "is", "filled", "at_least"]

# staff columns read from the facility a person works at (the staff table is joined with them)
FACILITY_COLUMN_OF_STAFF = {"type": "facility_type", "integrated": "facility_integrated",
                            "new": "facility_new", "head_office": "facility_head_office"}


@dataclass(frozen=True)
class Condition:
    """One test a row must pass."""

    key: str
    column: str             # the column of the input table it reads (English key, see vocab)
    sheet: str              # the sheet that column belongs to (机构 or 人员)
    op: Op
    values: tuple[str, ...] = ()
    flag: bool = True
    minimum: Decimal | None = None


@dataclass(frozen=True)
class Eligibility:
    subject: Subject = Subject.STAFF
    facility_types: tuple[str, ...] = ()
    facility_flags: tuple[tuple[str, bool], ...] = ()
    staff_categories: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()
    recruitment: tuple[str, ...] = ()
    exclude_recruitment: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    staff_flags: tuple[tuple[str, bool], ...] = ()
    requires: tuple[str, ...] = ()
    min_values: tuple[tuple[str, Decimal], ...] = ()
    qualifying_from: str | None = None
    qualifying_months: int = 0
    once_at: str | None = None

    def conditions(self) -> tuple[Condition, ...]:
        """The row tests in a fixed order (the first failing one is the reason a row is not paid)."""
        fac, staff = vocab.SHEET_FACILITIES, vocab.SHEET_STAFF
        on_staff = self.subject == Subject.STAFF
        out: list[Condition] = []
        if self.facility_types:
            out.append(Condition("facility_types", "type", fac, "in", self.facility_types))
        for flag, want in self.facility_flags:
            out.append(Condition(f"facility_flags.{flag}", flag, fac, "is", flag=want))
        if on_staff:
            for key, column in (("staff_categories", "category"), ("posts", "post"),
                                ("recruitment", "recruitment"), ("licences", "licence"), ("titles", "title")):
                values = getattr(self, key)
                if values:
                    out.append(Condition(key, column, staff, "in", values))
            if self.exclude_recruitment:
                out.append(Condition("exclude_recruitment", "recruitment", staff, "not_in", self.exclude_recruitment))
            for flag, want in self.staff_flags:
                out.append(Condition(f"staff_flags.{flag}", flag, staff, "is", flag=want))
            for column in self.requires:
                out.append(Condition(f"requires.{column}", column, staff, "filled"))
            for column, minimum in self.min_values:
                out.append(Condition(f"min_values.{column}", column, staff, "at_least", minimum=minimum))
        return tuple(out)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.conditions())

    def columns_read(self) -> set[tuple[str, str]]:
        """(sheet, column key) of every input column a rule of this eligibility reads."""
        out = {(c.sheet, c.column) for c in self.conditions()}
        staff = vocab.SHEET_STAFF
        if self.qualifying_from:
            out.add((staff, self.qualifying_from))
        if self.once_at:
            out.add((staff, self.once_at))
        if ("staff_flags.head_office" in self.keys) and self.subject == Subject.STAFF:
            out.add((vocab.SHEET_FACILITIES, "head_office"))
        return out


@dataclass(frozen=True)
class RowCheck:
    """A data-driven warning: rows of a standard that match ``when`` are worth a second look.

    ``among`` says which rows are looked at: those the standard pays (``counted``) or all it
    addresses (``addressed``). ``started_before_effective`` adds the test "started (启用 or
    到岗) before the standard came into force" (a vehicle marked 新增 that predates the policy).
    """

    code: str
    among: Literal["addressed", "counted"]
    when: Eligibility
    message: str
    message_en: str
    started_before_effective: bool = False
