"""What every calculator is given and returns.

A calculator gets the standards of its kind, their values for the year and the input
tables, and returns lines (``compute.lines`` schema), the rows it addressed but did not
pay, and the warnings about rows worth a second look. It computes whole columns at once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.compute import lines as ln
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.values import Values

T = TypeVar("T")


@dataclass(frozen=True)
class Inputs:
    profile: Profile
    scenario: Scenario
    facilities: pd.DataFrame
    staff: pd.DataFrame        # joined with the facility each person works at
    values: Values
    _derived: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def year(self) -> int:
        return self.values.year

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """A value derived from these inputs, made once per computation: a province's 150,000 rows are
        not grouped by town again for each norm, nor a norm counted again for the target it measures."""
        if key not in self._derived:
            self._derived[key] = make()
        return cast(T, self._derived[key])


@dataclass(frozen=True)
class Computed:
    lines: pd.DataFrame = field(default_factory=ln.empty)
    uncounted: pd.DataFrame = field(default_factory=ln.empty)
    warnings: tuple[Problem, ...] = ()
    tables: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def merge(parts: Sequence[Computed]) -> Computed:
        tables: dict[str, Any] = {}
        for p in parts:
            tables.update(p.tables)
        return Computed(ln.concat([p.lines for p in parts]), ln.concat([p.uncounted for p in parts]),
                        tuple(w for p in parts for w in p.warnings), tables)


Calculator = Callable[[Sequence[Any], Inputs], Computed]
