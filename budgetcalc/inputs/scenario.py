"""What a computation starts from: settings, overrides and the input tables.

Plain frozen values. The tables are pandas DataFrames with English column names (see
``vocab``) plus ``row``, the Excel row the data came from, so every figure can point back
to the cell an officer typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

import pandas as pd

from budgetcalc.base.ordering import Order, ordered
from budgetcalc.inputs.grades_sheet import Grade
from budgetcalc.inputs.payers_sheet import PayerRow
from budgetcalc.inputs.plan_sheet import PlanRule
from budgetcalc.inputs.prior_sheet import PriorRow
from budgetcalc.inputs.projects_sheet import ProjectRow
from budgetcalc.rules import vocab
from budgetcalc.rules.values import Override


@dataclass(frozen=True)
class Settings:
    year: int
    profile_id: str
    unit_name: str = ""
    baseline_fen: int | None = None
    # 参数 item (e.g. 绩效总量档位) → chosen point in %
    band_points: tuple[tuple[str, Decimal], ...] = ()
    gap_cost_fen: int | None = None          # 元 per person-year of closing a staffing gap (norms)
    contract_staff_in_n: bool = True         # 编外 staff count in a band's N (XX 二(四)10 is silent)
    fiscal_share: Decimal | None = None      # % of the approved performance pay the budget funds (default 100)
    programme_start: int | None = None       # the first year of an undated programme (XX 五年)
    quarterly_cash: bool = False             # 分月用款计划: annual subsidies paid by quarter, not by month
    order: Order = Order.INPUT               # 排序方式: towns, facilities and staff as entered, or by pinyin
    filing_date: dt.date | None = None       # 填报日期 signed on the sheets (None: the day they are written)

    def band_point(self, setting: str) -> Decimal | None:
        return dict(self.band_points).get(setting)

    @property
    def band_point_map(self) -> dict[str, Decimal]:
        return dict(self.band_points)


@dataclass(frozen=True)
class Scenario:
    settings: Settings
    facilities: pd.DataFrame
    staff: pd.DataFrame
    regions: pd.DataFrame = field(default_factory=lambda: empty_table(vocab.REGION_COLUMNS))
    overrides: tuple[Override, ...] = ()
    source: str = ""
    plan: tuple[PlanRule, ...] = ()
    grades: tuple[Grade, ...] = ()
    payers: tuple[PayerRow, ...] = ()      # 资金分担: the scenario's own fund type and level shares
    prior: tuple[PriorRow, ...] = ()       # 上年数: last year's budget and outturn per item
    projects: tuple[ProjectRow, ...] = ()  # 绩效目标: projects and the officer's own indicators

    def with_settings(self, **changes: object) -> Scenario:
        return replace(self, settings=replace(self.settings, **changes))  # type: ignore[arg-type]

    def towns(self) -> list[str]:
        """The towns in the order the sheets list them: as the 机构 sheet first names them, then the
        区域 sheet's others — or by pinyin (排序方式 = 拼音)."""
        named = [str(t) for t in (*self.facilities["town"].tolist(), *self.regions["town"].tolist())
                 if isinstance(t, str) and t]
        return ordered(named, self.settings.order)

    def facility_codes(self) -> list[str]:
        """The facilities' codes as the 机构 sheet lists them — or by the pinyin of their names."""
        names = dict(zip(self.facilities["code"].astype(str), self.facilities["name"].fillna("").astype(str),
                         strict=True))
        return ordered(names, self.settings.order, text=lambda code: names[code] or code)

    def with_overrides(self, overrides: tuple[Override, ...]) -> Scenario:
        return replace(self, overrides=overrides)

    def with_staff_source(self) -> Scenario:
        """The tables with a ``source_sheet`` column: rows a plan adds come from the 规划 sheet, not 机构/人员."""
        def marked(table: pd.DataFrame) -> pd.DataFrame:
            return table if "source_sheet" in table else table.assign(source_sheet="")
        return replace(self, facilities=marked(self.facilities), staff=marked(self.staff))


_DTYPES = {
    "text": "object", "enum": "object", "count": "Int64", "number": "Float64",
    "bool": "bool", "date": "datetime64[ns]", "percent": "object",
}


def empty_table(columns: tuple[vocab.Column, ...]) -> pd.DataFrame:
    data = {"row": pd.Series([], dtype="int64")}
    data.update({c.key: pd.Series([], dtype=_DTYPES[c.kind]) for c in columns})
    return pd.DataFrame(data)
