"""Comparing 2–6 scenarios, the first as baseline: what changes, by how much, and why.

Each line's amount is its exact rate × quantity × months rounded once (``rate_num /
rate_den × unit_q × unit_m``), so a standard's difference to the baseline splits exactly
into a rate effect, a count effect, a months effect, and rows that are new or gone.
Lines are matched by sheet, row, facility and person — stable between a scenario and its
variants. Each effect is rounded half up once; what rounding leaves over is shown as 尾差,
never hidden. Totals follow the draws-on-a-fund rule: a draw's difference is shown on its
row but the total moves only with the funds and their 缺口.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path

import pandas as pd

from budgetcalc.base.money import round_half_up
from budgetcalc.compute.result import Result
from budgetcalc.compute.traces import LINE_KEY, LineKind

KEY = list(LINE_KEY)
CAUSES = ("rate", "count", "months", "added_rows", "removed_rows", "shortfall", "rounding")
MIN_SCENARIOS, MAX_SCENARIOS = 2, 6


class Status(StrEnum):
    BOTH = "both"          # the standard exists in the baseline's profile and in this one
    ADDED = "added"        # only in this scenario's profile
    REMOVED = "removed"    # only in the baseline's
    NEITHER = "neither"


@dataclass(frozen=True)
class StandardRow:
    standard_id: str
    label: str
    category: str
    funding_source: str
    amounts_fen: tuple[int, ...]
    present: tuple[bool, ...]                       # the standard exists in each scenario's profile
    causes: tuple[dict[str, int], ...]              # per scenario: cause → fen (baseline: empty)
    in_total: bool = True                           # False: a draw on a fund (其中, not added)
    shortfall: bool = False                         # the 缺口 of a fund (its own row)

    def delta_fen(self, i: int) -> int:
        return self.amounts_fen[i] - self.amounts_fen[0]

    def status(self, i: int) -> Status:
        return {(True, True): Status.BOTH, (False, True): Status.ADDED, (True, False): Status.REMOVED,
                (False, False): Status.NEITHER}[(self.present[0], self.present[i])]


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, ...]
    results: tuple[Result, ...]
    standards: tuple[StandardRow, ...]

    @property
    def totals_fen(self) -> list[int]:
        return [r.total_fen for r in self.results]

    @property
    def delta_fen(self) -> list[int]:
        return [t - self.totals_fen[0] for t in self.totals_fen]

    @property
    def same_basis(self) -> bool:
        return len({(r.profile.id, r.year) for r in self.results}) == 1

    def grouped(self, by: str) -> dict[str, list[int]]:
        """Category, funding source or town → fen per scenario."""
        getter = {"category": Result.by_category, "funding_source": Result.by_funding_source,
                  "town": Result.by_town}[by]
        groups = [getter(r) for r in self.results]
        keys = list(dict.fromkeys(k for g in groups for k in g))
        return {k: [g.get(k, 0) for g in groups] for k in keys}

    def by_standard(self) -> dict[str, list[int]]:
        return {row.standard_id: list(row.amounts_fen) for row in self.standards if not row.shortfall}

    def summed_causes(self, i: int, by: str | None = None, key: str = "") -> dict[str, int]:
        """Cause → fen of scenario ``i``'s difference in the total, or in one category or funding
        source (``by``): the rows that count in totals (funds, their 缺口, everything not a draw).
        Towns have no such split: causes are found per standard, not per town."""
        totals: dict[str, int] = {}
        for row in self.standards:
            if row.in_total and (by is None or getattr(row, by) == key):
                for cause, fen in row.causes[i].items():
                    totals[cause] = totals.get(cause, 0) + fen
        return {c: totals[c] for c in CAUSES if totals.get(c)}


def default_names(paths: Sequence[str | Path]) -> list[str]:
    """A scenario's name when none is given: its file name up to the first dot, numbered when two
    files would share one (``a.xlsx`` and ``a.bcs.json``), so every column title says which is which."""
    names: list[str] = []
    for p in paths:
        name = stem = Path(p).name.split(".")[0]
        k = 1
        while name in names:
            k += 1
            name = f"{stem} ({k})"
        names.append(name)
    return names


def compare(results: Sequence[Result], names: Sequence[str]) -> Comparison:
    if not MIN_SCENARIOS <= len(results) <= MAX_SCENARIOS:
        raise ValueError(f"compare takes {MIN_SCENARIOS}–{MAX_SCENARIOS} scenarios")
    base = results[0]
    ids: list[str] = []
    info: dict[str, tuple[str, str, str, bool]] = {}
    sums = [r.by_standard() for r in results]
    for r, s in zip(results, sums, strict=True):
        draws = r.profile.draws()
        ordered = [d for std in r.profile.money_standards if std.id not in draws
                   for d in (std.id, *(k for k, fund in draws.items() if fund == std.id))]
        for found in ordered:
            std = r.profile.money_standard(found)
            if found in s and found not in info:
                ids.append(found)
                info[found] = (std.label, std.category, std.funding_source, found not in draws)
    rows = []
    for sid in ids:
        label, category, source, in_total = info[sid]
        amounts = tuple(s.get(sid, 0) for s in sums)
        present = tuple(sid in s for s in sums)
        causes = tuple({} if i == 0 else _causes(base, r, sid) for i, r in enumerate(results))
        rows.append(StandardRow(sid, label, category, source, amounts, present, causes, in_total))
        rows.extend(_shortfall_row(results, sid, label, category, source))
    return Comparison(tuple(names), tuple(results), tuple(rows))


def _shortfall_row(results: Sequence[Result], fund: str, label: str, category: str,
                   source: str) -> list[StandardRow]:
    amounts = tuple(sum(s.shortfall_fen for s in r.shortfalls() if s.fund == fund) for r in results)
    if not any(amounts):
        return []
    causes = tuple({} if i == 0 else ({"shortfall": a - amounts[0]} if a != amounts[0] else {})
                   for i, a in enumerate(amounts))
    present = tuple(any(s.fund == fund for s in r.shortfalls()) for r in results)
    return [StandardRow(fund, f"{label}缺口", category, source, amounts, present, causes, True, True)]


def _own(result: Result, sid: str) -> pd.DataFrame:
    lines = result.lines
    return lines[(lines["standard_id"] == sid).to_numpy() & (lines["line_kind"] == LineKind.STANDARD.value).to_numpy()]


def _exact(frame: pd.DataFrame, num: str, den: str, weight: pd.Series) -> Fraction:
    """Σ (num/den) × weight over the rows, exactly, grouping rows that share a rate."""
    if frame.empty:
        return Fraction(0)
    grouped = pd.DataFrame({"n": frame[num], "d": frame[den], "w": weight}).groupby(["n", "d"], as_index=False)["w"].sum()
    return sum((Fraction(int(n), int(d)) * int(w) for n, d, w in grouped.itertuples(index=False, name=None) if d),
               Fraction(0))


def _causes(base: Result, variant: Result, sid: str) -> dict[str, int]:
    b, v = _own(base, sid), _own(variant, sid)
    cols = KEY + ["rate_num", "rate_den", "unit_q", "unit_m"]
    pair = b[cols].merge(v[cols], on=KEY, how="outer", suffixes=("_b", "_v"), indicator=True)
    both = pair[pair["_merge"] == "both"]
    only_v = pair[pair["_merge"] == "right_only"]
    only_b = pair[pair["_merge"] == "left_only"]
    qb, mb = both["unit_q_b"].astype("int64"), both["unit_m_b"].astype("int64")
    qv, mv = both["unit_q_v"].astype("int64"), both["unit_m_v"].astype("int64")
    exact = {
        "rate": _exact(both, "rate_num_v", "rate_den_v", qb * mb) - _exact(both, "rate_num_b", "rate_den_b", qb * mb),
        "count": _exact(both, "rate_num_v", "rate_den_v", (qv - qb) * mb),
        "months": _exact(both, "rate_num_v", "rate_den_v", qv * (mv - mb)),
        "added_rows": _exact(only_v, "rate_num_v", "rate_den_v",
                             only_v["unit_q_v"].astype("int64") * only_v["unit_m_v"].astype("int64")),
        "removed_rows": -_exact(only_b, "rate_num_b", "rate_den_b",
                                only_b["unit_q_b"].astype("int64") * only_b["unit_m_b"].astype("int64")),
    }
    out = {k: round_half_up(x) for k, x in exact.items()}
    actual = int(v["amount_fen"].sum()) - int(b["amount_fen"].sum())
    out["rounding"] = actual - sum(out.values())
    return {k: x for k, x in out.items() if x != 0}


def percent(delta: int, base: int) -> Decimal:
    return (Decimal(delta * 100) / Decimal(base)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
