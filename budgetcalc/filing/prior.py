"""This year against last year: 上年预算数, 本年测算数, 增减额, 增减率 and 增减原因 per item.

Last year comes from the workbook's 上年数 sheet (figures the bureau filed) or from last
year's own scenario file. With the scenario, the difference of every standard is split
into its causes exactly as a comparison does (标准变化, 数量变化, 月份变化, 新增或减少); with
the sheet only the figures are known, and the officer's 说明 is the reason shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from budgetcalc.compare import compare
from budgetcalc.compute.result import Result
from budgetcalc.rules.kinds import StandardId


@dataclass(frozen=True)
class PriorItem:
    standard_id: StandardId | None
    label: str
    prior_fen: int | None            # 上年预算数 (None: not given)
    actual_fen: int | None           # 上年执行数
    current_fen: int                 # 本年测算数
    causes: tuple[tuple[str, int], ...] = ()   # cause → fen, from last year's scenario
    note: str = ""
    in_total: bool = True            # False: a draw on a fund (其中)
    listed: bool = True              # the item is a line of this year's summary (False: 本年未列)
    shortfall: bool = False          # the 缺口 of a fund, its own row

    @property
    def delta_fen(self) -> int:
        return self.current_fen - (self.prior_fen or 0)

    @property
    def rate(self) -> Decimal | None:
        """增减率 in %, two decimals half up; None when last year had nothing to compare with."""
        if not self.prior_fen:
            return None
        return (Decimal(self.delta_fen * 100) / Decimal(self.prior_fen)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class PriorYear:
    items: tuple[PriorItem, ...]
    source: str                      # "sheet" or "scenario"

    def item(self, standard_id: str) -> PriorItem | None:
        return next((i for i in self.items if i.standard_id == standard_id and not i.shortfall), None)

    def gap(self, fund_id: str) -> PriorItem | None:
        return next((i for i in self.items if i.standard_id == fund_id and i.shortfall), None)

    @property
    def prior_total_fen(self) -> int:
        return sum(i.prior_fen or 0 for i in self.items if i.in_total)

    @property
    def gone(self) -> tuple[PriorItem, ...]:
        """Last year's items that are no line of this year's summary (本年不再安排)."""
        return tuple(i for i in self.items if not i.listed)


def against_prior(result: Result, prior: Result | None = None) -> PriorYear | None:
    """Last year beside ``result``: from ``prior`` (last year's computation) or the 上年数 sheet."""
    if prior is not None:
        return _from_result(result, prior)
    rows = result.scenario.prior
    if not rows:
        return None
    current = result.by_standard()
    draws = result.profile.draws()
    items = [PriorItem(r.standard_id, r.label, r.budget_fen, r.actual_fen,
                       current.get(r.standard_id, 0) if r.standard_id else 0, (), r.note,
                       r.standard_id not in draws, r.standard_id in current)
             for r in rows]
    listed = {r.standard_id for r in rows if r.standard_id}
    items += [PriorItem(StandardId(sid), result.standard(sid).label, None, None, fen,
                        in_total=sid not in draws)
              for sid, fen in current.items() if sid not in listed and fen]
    return PriorYear(tuple(items), "sheet")


def _from_result(result: Result, prior: Result) -> PriorYear:
    comparison = compare([prior, result], ["上年", "本年"])
    current = result.by_standard()
    items = tuple(PriorItem(StandardId(row.standard_id), row.label, row.amounts_fen[0], None, row.amounts_fen[1],
                            tuple(row.causes[1].items()), in_total=row.in_total,
                            listed=row.shortfall or row.standard_id in current, shortfall=row.shortfall)
                  for row in comparison.standards)
    return PriorYear(items, "scenario")
