"""A computation's result: budget lines with their traces, rows not counted, tables of other kinds.

Every total is the exact integer sum of rounded lines (fen), so a printed sheet always adds
up to its 合计. A draw on a fund is a line of its own (``in_total`` False): it counts in its
standard's amount but not in any total, where only the fund's 缺口 (if any) is added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from budgetcalc.base.ordering import Order, ordered
from budgetcalc.base.problems import Problem
from budgetcalc.compute import lines as ln
from budgetcalc.compute.calculators.funds import Shortfall, shortfalls
from budgetcalc.compute.cash_plan import monthly
from budgetcalc.compute.classify import level_parts
from budgetcalc.compute.traces import LineKind, Reason
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import MoneyStandard, Standard, StandardId
from budgetcalc.rules.values import Value, Values, ValueSource

NO_TOWN = "（未填镇街）"


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    profile: Profile             # the catalogue's standards
    values: Values               # each standard's value for the year, overrides and entries included
    lines: pd.DataFrame          # compute.lines schema; draws and 缺口 lines included
    make_uncounted: ln.Later = field(default=ln.empty, repr=False, compare=False)
    warnings: tuple[Problem, ...] = ()
    tables: Mapping[str, Any] = field(default_factory=dict)          # results of other kinds, by name
    kept: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)   # for ``compute(previous=)``

    @cached_property
    def uncounted(self) -> pd.DataFrame:
        """The rows addressed that got nothing, made when first asked for: the window shows a new total
        before a province's 30,000 of them are made, and validate never makes them."""
        return self.make_uncounted()

    @property
    def year(self) -> int:
        return self.values.year

    @cached_property
    def _counted(self) -> pd.DataFrame:
        """The lines in the total, taken once: the summary groups them nine ways."""
        return self.lines[self.lines["in_total"].to_numpy(dtype=bool)]

    @cached_property
    def _own(self) -> pd.DataFrame:
        return self.lines[(self.lines["line_kind"] == LineKind.STANDARD.value).to_numpy()]

    @property
    def total_fen(self) -> int:
        return int(self._counted["amount_fen"].sum())

    @property
    def total_low_fen(self) -> int:
        return int(self._counted["low_fen"].sum())

    @property
    def total_high_fen(self) -> int:
        return int(self._counted["high_fen"].sum())

    @staticmethod
    def _group(lines: pd.DataFrame, column: str) -> dict[str, int]:
        if lines.empty:
            return {}
        sums = lines["amount_fen"].groupby(lines[column].to_numpy(), sort=False).sum()
        return dict(zip(map(str, sums.index.tolist()), sums.tolist(), strict=True))

    def by_standard(self) -> dict[str, int]:
        """Each money standard's own amount (draws included, 缺口 not), 0 where nothing qualifies; an item
        whose rate the officer has not entered is not computed and not listed (see ``to_enter``)."""
        found = self._group(self._own, "standard_id")
        return {s.id: found.get(s.id, 0) for s in self.profile.money_standards if s.id not in self.to_enter} | found

    @property
    def to_enter(self) -> tuple[StandardId, ...]:
        """Items the documents fund without an amount that this scenario has not entered (请填报)."""
        return tuple(sid for sid, v in self.values.items() if v.source == ValueSource.MISSING)

    def by_function(self) -> dict[str, int]:
        """支出功能分类 (项) → fen."""
        return self._group(self._counted, "function_code")

    def by_gov_economic(self) -> dict[str, int]:
        return self._group(self._counted, "gov_economic_code")

    def by_dept_economic(self) -> dict[str, int]:
        return self._group(self._counted, "dept_economic_code")

    def by_fund_type(self) -> dict[str, int]:
        return self._group(self._counted, "fund_type")

    def by_unit(self) -> dict[str, int]:
        """Budget unit (the managing health centre's code, or the facility's own) → fen."""
        return self._group(self._counted, "budget_unit")

    def level_parts(self) -> pd.DataFrame:
        """Each line's amount by government level (columns 中央 … 镇街), adding up to the line."""
        return level_parts(self.lines, self.profile, self.scenario)

    def by_level(self) -> dict[str, int]:
        parts = self.level_parts()[self.lines["in_total"].to_numpy(dtype=bool)]
        return {str(k): int(v) for k, v in parts.sum().items() if v}

    def by_fund_level(self) -> dict[str, dict[str, int]]:
        """Fund type → government level (all of them, in order) → fen: the 资金来源 table, whose cells add up
        to the total exactly because every line's level parts do."""
        counted = self.lines["in_total"].to_numpy(dtype=bool)
        parts = self.level_parts()[counted]
        sums = parts.groupby(self.lines.loc[counted, "fund_type"].to_numpy(), sort=False).sum()
        return {str(fund): {str(level): int(fen) for level, fen in row.items()} for fund, row in sums.iterrows()}

    def monthly_lines(self) -> pd.DataFrame:
        """Lines × months 1–12 of fen (the 分月用款计划); each row adds up to its line."""
        matrix = monthly(self.lines, self.year, self.scenario.settings.quarterly_cash)
        return pd.DataFrame(matrix, index=self.lines.index, columns=range(1, 13))

    def monthly_by_standard(self, kind: LineKind = LineKind.STANDARD) -> dict[str, dict[int, int]]:
        """Standard → month 1–12 → fen of its lines of ``kind`` (a 缺口 line's standard is its fund); each
        standard's months add up to its amount exactly, draws on a fund under their own standard."""
        mine = (self.lines["line_kind"] == kind.value).to_numpy()
        months = self.monthly_lines()[mine]
        sums = months.groupby(self.lines.loc[mine, "standard_id"].to_numpy(), sort=False).sum()
        return {str(sid): {m: int(row[m]) for m in range(1, 13)} for sid, row in sums.iterrows()}

    def monthly(self) -> dict[int, int]:
        """Month 1–12 → fen of the total (draws inside their funds, as in every total)."""
        matrix = monthly(self.lines, self.year, self.scenario.settings.quarterly_cash)
        sums = matrix[self.lines["in_total"].to_numpy(dtype=bool)].sum(axis=0)
        return {m: int(sums[m - 1]) for m in range(1, 13)}

    def by_category(self) -> dict[str, int]:
        return self._group(self._counted, "category")

    def by_funding_source(self) -> dict[str, int]:
        return self._group(self._counted, "funding_source")

    def by_town(self) -> dict[str, int]:
        """Town → fen, the towns in the scenario's order (``Scenario.towns``), 未填镇街 last."""
        counted = self._counted
        if counted.empty:
            return {}
        towns = counted["town"].fillna("").to_numpy(dtype=object)
        sums = counted["amount_fen"].groupby(np.where(towns == "", NO_TOWN, towns), sort=False).sum()
        found = dict(zip(map(str, sums.index.tolist()), sums.tolist(), strict=True))
        return {t: found[t] for t in ordered([*self.scenario.towns(), *found], last=(NO_TOWN,)) if t in found}

    def in_order(self, lines: pd.DataFrame) -> pd.DataFrame:
        """Rows of ``lines`` in the scenario's order: as computed — the input's own order — or, under
        排序方式 = 拼音, by town, facility and person in pinyin (stable)."""
        if self.scenario.settings.order == Order.INPUT or lines.empty:
            return lines
        towns = {t: i for i, t in enumerate(self.scenario.towns())}
        codes = {c: i for i, c in enumerate(self.scenario.facility_codes())}
        people = {p: i for i, p in enumerate(ordered(lines["person"].fillna("").astype(str), Order.PINYIN))}
        keys = pd.DataFrame({
            "town": lines["town"].map(towns).fillna(len(towns)).to_numpy(),
            "facility": lines["facility_code"].map(codes).fillna(len(codes)).to_numpy(),
            "person": lines["person"].fillna("").astype(str).map(people).to_numpy()})
        return lines.iloc[keys.sort_values(["town", "facility", "person"], kind="stable").index]

    def shortfalls(self) -> list[Shortfall]:
        return shortfalls(self.profile, self.lines)

    def not_counted(self) -> pd.DataFrame:
        """Every (row, standard) addressed that got less than its months in force, or nothing."""
        partial = self._own[self._own["reason"] != Reason.FULL.value]
        return pd.concat([self.uncounted, partial], ignore_index=True) if len(partial) else self.uncounted

    def standard(self, standard_id: str) -> Standard:
        return self.profile.standard(standard_id)

    def value(self, standard_id: str) -> Value:
        return self.values[standard_id]  # type: ignore[index]

    def money_standard(self, standard_id: str) -> MoneyStandard:
        return self.profile.money_standard(standard_id)
