"""Comparing 2–6 scenarios, the first as baseline: what changes, by how much, and why.

A standard's amount is rate × Σ(quantity × months) per line (``Result.rates``, exact
fractions of a fen), so the difference to the baseline splits exactly into a rate effect,
a count effect, a months effect, and rows that are new or gone. Lines are matched by
sheet, row, facility and person — stable between a scenario and its variants. Each
effect is rounded half up once; what rounding leaves over is shown as 尾差, never hidden.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from budgetcalc.compute.result import Result

if TYPE_CHECKING:
    pass

KEY = ["standard_id", "sheet", "row", "facility_code", "person"]
CAUSES = ("rate", "count", "months", "added_rows", "removed_rows", "rounding")
CAUSE_LABELS = {"rate": "标准变化", "count": "数量变化", "months": "月数变化", "added_rows": "新增行",
                "removed_rows": "删除行", "rounding": "四舍五入尾差"}
MIN_SCENARIOS, MAX_SCENARIOS = 2, 6


@dataclass(frozen=True)
class StandardRow:
    standard_id: str
    label: str
    category: str
    funding_source: str
    amounts_fen: tuple[int, ...]
    present: tuple[bool, ...]                       # the standard exists in each scenario's profile
    causes: tuple[dict[str, int], ...]              # per scenario: cause → fen (baseline: empty)

    def delta_fen(self, i: int) -> int:
        return self.amounts_fen[i] - self.amounts_fen[0]

    def status(self, i: int) -> str:
        """added / removed: the standard exists in only one of baseline and scenario i."""
        return {(True, True): "both", (False, True): "added", (True, False): "removed",
                (False, False): "neither"}[(self.present[0], self.present[i])]


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

    def basis_note(self) -> str:
        """The header line: says so when profiles or years differ."""
        parts = [f"{n}：{r.profile.name}（{r.profile.document_number or r.profile.id}）{r.year}年度"
                 for n, r in zip(self.names, self.results, strict=True)]
        if self.same_basis:
            return f"各方案同为 {self.results[0].profile.name} {self.results[0].year}年度"
        return "注意：各方案政策标准或年度不同——" + "；".join(parts)

    def grouped(self, by: str) -> dict[str, list[int]]:
        """Category, funding source or town → fen per scenario."""
        getter = {"category": Result.by_category, "funding_source": Result.by_funding_source,
                  "town": Result.by_town}[by]
        groups = [getter(r) for r in self.results]
        keys = list(dict.fromkeys(k for g in groups for k in g))
        return {k: [g.get(k, 0) for g in groups] for k in keys}

    def by_standard(self) -> dict[str, list[int]]:
        return {row.standard_id: list(row.amounts_fen) for row in self.standards}

    def summed_causes(self, i: int, by: str | None = None, key: str = "") -> dict[str, int]:
        """Cause → fen of scenario ``i``'s difference over every standard, or over one category or
        funding source (``by``); it adds up to that difference because each standard's causes do.
        Towns have no such split: causes are found per standard, not per town."""
        totals: dict[str, int] = {}
        for row in self.standards:
            if by is None or getattr(row, by) == key:
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
    info: dict[str, tuple[str, str, str]] = {}
    for r in results:
        sums = r.by_standard()
        for std in r.profile.standards:
            if std.id in sums and std.id not in info:
                ids.append(std.id)
                info[std.id] = (std.label, std.category, std.funding_source)
    rows = []
    for sid in ids:
        amounts = tuple(r.by_standard().get(sid, 0) for r in results)
        present = tuple(sid in r.by_standard() for r in results)
        causes = tuple({} if i == 0 else _causes(base, r, sid) for i, r in enumerate(results))
        rows.append(StandardRow(sid, *info[sid], amounts, present, causes))
    return Comparison(tuple(names), tuple(results), tuple(rows))


def _causes(base: Result, variant: Result, sid: str) -> dict[str, int]:
    b = base.lines[base.lines["standard_id"] == sid]
    v = variant.lines[variant.lines["standard_id"] == sid]
    r_b = base.rates.get(sid, Fraction(0))
    r_v = variant.rates.get(sid, Fraction(0))
    pair = b[KEY + ["unit_q", "unit_m"]].merge(v[KEY + ["unit_q", "unit_m"]], on=KEY, how="outer",
                                               suffixes=("_b", "_v"), indicator=True)
    both = pair[pair["_merge"] == "both"]
    only_v = pair[pair["_merge"] == "right_only"]
    only_b = pair[pair["_merge"] == "left_only"]
    qb, mb = both["unit_q_b"].astype("int64"), both["unit_m_b"].astype("int64")
    qv, mv = both["unit_q_v"].astype("int64"), both["unit_m_v"].astype("int64")
    exact = {
        "rate": (r_v - r_b) * int((qb * mb).sum()),
        "count": r_v * int(((qv - qb) * mb).sum()),
        "months": r_v * int((qv * (mv - mb)).sum()),
        "added_rows": r_v * int((only_v["unit_q_v"].astype("int64") * only_v["unit_m_v"].astype("int64")).sum()),
        "removed_rows": -r_b * int((only_b["unit_q_b"].astype("int64") * only_b["unit_m_b"].astype("int64")).sum()),
    }
    out = {k: _round_half_up(x) for k, x in exact.items()}
    actual = int(v["amount_fen"].sum()) - int(b["amount_fen"].sum())
    out["rounding"] = actual - sum(out.values())
    return {k: x for k, x in out.items() if x != 0}


def percent(delta: int, base: int) -> Decimal:
    return (Decimal(delta * 100) / Decimal(base)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_percent_change(pct: Decimal) -> str:
    """20.28 → '+20.28%': a change in percent with its sign."""
    return f"{'+' if pct > 0 else ''}{pct}%"


def _round_half_up(x: Fraction) -> int:
    """Half away from zero, like 四舍五入 of a signed difference."""
    magnitude = math.floor(abs(x) + Fraction(1, 2))
    return magnitude if x >= 0 else -magnitude


def to_json(comparison: Comparison) -> dict[str, object]:
    return {
        "scenarios": [{"name": n, "profile": r.profile.id, "year": r.year} for n, r in
                      zip(comparison.names, comparison.results, strict=True)],
        "same_basis": comparison.same_basis,
        "basis_note": comparison.basis_note(),
        "totals_fen": comparison.totals_fen,
        "delta_fen": comparison.delta_fen,
        "by_standard": comparison.by_standard(),
        "by_category": comparison.grouped("category"),
        "by_funding_source": comparison.grouped("funding_source"),
        "by_town": comparison.grouped("town"),
        "standards": [
            {"standard_id": row.standard_id, "label": row.label, "amounts_fen": list(row.amounts_fen),
             "delta_fen": [row.delta_fen(i) for i in range(len(comparison.names))],
             "status": [row.status(i) for i in range(len(comparison.names))],
             "causes": [dict(c) for c in row.causes]}
            for row in comparison.standards
        ],
    }


def explain_causes(causes: dict[str, int]) -> str:
    from budgetcalc.base.money import format_change

    return "；".join(f"{CAUSE_LABELS[k]} {format_change(v)} 元" for k, v in causes.items())


def delta_table(comparison: Comparison) -> pd.DataFrame:
    """One row per standard and variant: amounts, difference in 元 and %, and its causes."""
    records = []
    for row in comparison.standards:
        for i in range(1, len(comparison.names)):
            base = row.amounts_fen[0]
            records.append({
                "standard_id": row.standard_id, "label": row.label, "scenario": comparison.names[i],
                "baseline_fen": base, "amount_fen": row.amounts_fen[i], "delta_fen": row.delta_fen(i),
                "delta_pct": None if base == 0 else percent(row.delta_fen(i), base),
                "status": row.status(i), "causes": explain_causes(row.causes[i]),
            })
    return pd.DataFrame.from_records(records)
