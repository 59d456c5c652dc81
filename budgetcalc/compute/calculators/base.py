"""What every calculator is given and returns.

A calculator gets the standards of its kind, their values for the year and the input
tables, and returns lines (``compute.lines`` schema), the rows it addressed but did not
pay, and the warnings about rows worth a second look. It computes whole columns at once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.base.reuse import SPLICE_MAX_ROWS
from budgetcalc.compute import lines as ln
from budgetcalc.compute.masks import BoolArray, condition_mask
from budgetcalc.compute.splice import Positions
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.eligibility import Condition, Eligibility, Subject
from budgetcalc.rules.values import Values

T = TypeVar("T")


@dataclass(frozen=True)
class Since:
    """What the computation of the book before an edit left for this one: each calculator's own, by
    standard, and the rows changed since (None: the tables are not the same rows, e.g. rows came)."""

    kept: Mapping[str, Any]
    staff: Positions | None         # rows of the staff table joined with facilities
    facilities: Positions | None

    def changed(self, staff: bool) -> Positions | None:
        return self.staff if staff else self.facilities


@dataclass(frozen=True)
class Inputs:
    profile: Profile
    scenario: Scenario
    facilities: pd.DataFrame
    staff: pd.DataFrame        # joined with the facility each person works at
    values: Values
    since: Since | None = None
    _derived: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)
    _masks: dict[str, BoolArray] = field(default_factory=dict, compare=False, repr=False)   # by _mask_key

    @property
    def year(self) -> int:
        return self.values.year

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """A value derived from these inputs, made once per computation: a province's 150,000 rows are
        not grouped by town again for each norm, nor a norm counted again for the target it measures."""
        if key not in self._derived:
            self._derived[key] = make()
        return cast(T, self._derived[key])

    def mask(self, rule: Eligibility, staff: bool) -> BoolArray:
        """Rows of the whole staff (or facility) table meeting every condition of ``rule`` read as a rule
        on that table (a fresh array)."""
        ok = np.ones(len(self.staff if staff else self.facilities), dtype=bool)
        subject = Subject.STAFF if staff else Subject.FACILITY
        for cond in replace(rule, subject=subject).conditions():
            ok &= self._condition(cond, staff)
        return ok

    def _condition(self, cond: Condition, staff: bool) -> BoolArray:
        """One condition over the whole table, once per computation; after an edit, the mask of before
        with the changed rows tested again (a condition reads its own row only)."""
        key = _mask_key(cond, staff)
        if key not in self._masks:
            table = self.staff if staff else self.facilities
            before = self.since.kept.get(key) if self.since is not None else None
            changed = self.since.changed(staff) if self.since is not None else None
            if before is None or changed is None or len(before) != len(table) or len(changed) > SPLICE_MAX_ROWS:
                self._masks[key] = condition_mask(cond, table, staff)
            elif not len(changed):
                self._masks[key] = before
            else:
                out = before.copy()
                out[changed] = condition_mask(cond, table.iloc[changed], staff)
                self._masks[key] = out
        return self._masks[key]

    def kept(self) -> dict[str, Any]:
        """What the computation after an edit reuses of these inputs' own: the condition masks."""
        return dict(self._masks)


def _mask_key(cond: Condition, staff: bool) -> str:
    return f"mask {staff} {cond!r}"


@dataclass(frozen=True)
class Computed:
    lines: pd.DataFrame = field(default_factory=ln.empty)
    # the rows addressed that got nothing, made when asked for: a total (the window's first repaint after
    # an edit, validate) never needs them, and a province has 30,000
    uncounted: ln.Later = ln.empty
    warnings: tuple[Problem, ...] = ()
    tables: dict[str, Any] = field(default_factory=dict)
    kept: dict[str, Any] = field(default_factory=dict)   # by standard, for the next computation (``Since``)

    @staticmethod
    def merge(parts: Sequence[Computed]) -> Computed:
        tables: dict[str, Any] = {}
        kept: dict[str, Any] = {}
        for p in parts:
            tables.update(p.tables)
            kept.update(p.kept)
        later = [p.uncounted for p in parts]
        return Computed(ln.concat([p.lines for p in parts]), lambda: ln.concat([make() for make in later]),
                        tuple(w for p in parts for w in p.warnings), tables, kept)


Calculator = Callable[[Sequence[Any], Inputs], Computed]
