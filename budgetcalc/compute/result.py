"""A computation's result: the budget lines and the totals built from them.

Every total is the exact integer sum of rounded lines (fen), so a printed sheet always
adds up to its 合计.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules.catalogue import Profile, Standard

LINE_COLUMNS = (
    "standard_id", "label", "kind", "category", "funding_source", "clause", "sheet", "row",
    "facility_code", "facility_name", "person", "town", "quantity", "quantity_unit", "months",
    "months_from", "months_to", "per", "rate", "unit", "point", "amount_fen", "low_fen",
    "high_fen", "overridden", "formula", "unit_q", "unit_m",
)
NO_TOWN = "（未填镇街）"


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    profile: Profile  # the standards as applied, overrides included
    lines: pd.DataFrame
    warnings: tuple[Problem, ...] = ()
    # exact fen per unit·month of each computed standard: amount = rate × unit_q × unit_m
    # before the line's rounding (used to say why two scenarios differ)
    rates: Mapping[str, Fraction] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.scenario.settings.year

    @property
    def total_fen(self) -> int:
        return int(self.lines["amount_fen"].sum())

    @property
    def total_low_fen(self) -> int:
        return int(self.lines["low_fen"].sum())

    @property
    def total_high_fen(self) -> int:
        return int(self.lines["high_fen"].sum())

    def _group(self, column: str) -> dict[str, int]:
        if self.lines.empty:
            return {}
        sums = self.lines.groupby(column, sort=False)["amount_fen"].sum()
        return {str(k): int(v) for k, v in sums.items()}

    def by_standard(self) -> dict[str, int]:
        """Every money standard of the profile, with 0 where nothing qualifies."""
        found = self._group("standard_id")
        return {s.id: found.get(s.id, 0) for s in self.profile.standards if s.computes_money} | found

    def by_category(self) -> dict[str, int]:
        return self._group("category")

    def by_funding_source(self) -> dict[str, int]:
        return self._group("funding_source")

    def by_town(self) -> dict[str, int]:
        if self.lines.empty:
            return {}
        towns = self.lines["town"].fillna(NO_TOWN).replace("", NO_TOWN)
        sums = self.lines.assign(town=towns).groupby("town", sort=True)["amount_fen"].sum()
        return {str(k): int(v) for k, v in sums.items()}

    def standard(self, standard_id: str) -> Standard:
        return self.profile.standard(standard_id)
