"""Draws on a fund: items paid 从…经费中解决 are shown under the fund, not added on top.

Their lines keep their own amounts (``in_total`` False, shown as 其中). Only what the draws
take beyond the fund is a real need: it is added as a line of its own (the fund's 缺口)
and flagged. So the total is Σ(lines that are no draw) + max(0, Σ draws − fund).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from budgetcalc.base.money import format_yuan
from budgetcalc.base.problems import Problem
from budgetcalc.compute import lines as ln
from budgetcalc.compute.traces import LineKind, Template
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import StandardId


@dataclass(frozen=True)
class Shortfall:
    fund: StandardId
    draws: tuple[StandardId, ...]
    fund_fen: int
    draws_fen: int

    @property
    def shortfall_fen(self) -> int:
        return max(0, self.draws_fen - self.fund_fen)


def shortfalls(profile: Profile, lines: pd.DataFrame) -> list[Shortfall]:
    """Each fund that something draws on, with what it holds and what is drawn from it."""
    by_fund: dict[StandardId, list[StandardId]] = {}
    for draw, fund in profile.draws().items():
        by_fund.setdefault(fund, []).append(draw)
    sums = lines[lines["line_kind"] == LineKind.STANDARD.value].groupby("standard_id")["amount_fen"].sum()
    return [Shortfall(fund, tuple(draws), int(sums.get(fund, 0)), sum(int(sums.get(d, 0)) for d in draws))
            for fund, draws in by_fund.items()]


def shortfall_lines(profile: Profile, lines: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """The 缺口 lines (added to the total) and their warnings."""
    frames: list[pd.DataFrame] = []
    warnings: list[Problem] = []
    for s in shortfalls(profile, lines):
        if s.shortfall_fen == 0:
            continue
        fund = profile.standard(s.fund)
        assert fund.makes_money
        amount = s.shortfall_fen
        frames.append(ln.build(1, {
            "standard_id": fund.id, "label": f"{fund.label}缺口", "kind": "shortfall",
            "category": getattr(fund, "category", ""), "funding_source": getattr(fund, "funding_source", ""),
            "clause": fund.clause, "line_kind": LineKind.SHORTFALL.value, "in_total": True,
            "template": Template.SHORTFALL.value, "per": "year", "unit": "元",
            "rate_fen": amount, "rate_num": amount, "rate_den": 1, "quantity": 1,
            "amount_fen": amount, "low_fen": amount, "high_fen": amount, "unit_q": 1, "unit_m": 1,
        }))
        labels = "、".join(profile.standard(d).label for d in s.draws)
        warnings.append(Problem("fund_shortfall", severity="warning", params=(
            ("fund", fund.label), ("draws", labels), ("fund_yuan", format_yuan(s.fund_fen)),
            ("draws_yuan", format_yuan(s.draws_fen)), ("shortfall_yuan", format_yuan(amount)))))
    return ln.concat(frames), warnings
