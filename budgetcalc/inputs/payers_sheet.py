"""The 资金分担 sheet: the scenario's own fund type and level shares, per standard or for all.

A document may name the levels without their shares ("区、镇街财政"), and a county may agree
a split the document leaves open; the officer writes it here rather than in the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.rules import vocab
from budgetcalc.rules.budget_codes import Payer
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import StandardId

SHEET = vocab.SHEET_PAYERS


@dataclass(frozen=True)
class PayerRow:
    standard_id: StandardId | None      # None: every standard of the scenario
    payer: Payer
    row: int
    note: str = ""


def read_payers(table: pd.DataFrame, profile: Profile, problems: list[Problem]) -> tuple[PayerRow, ...]:
    out: list[PayerRow] = []
    seen: dict[str, int] = {}
    for rec in table.to_dict("records"):  # a handful of rows
        row = int(rec["row"])
        sid = str(rec["standard_id"] or "")
        shares = [(level, rec[f"level_{i}"]) for i, level in enumerate(vocab.LEVELS)]
        given = [(level, Decimal(str(v))) for level, v in shares if v is not None and not pd.isna(v)]
        if not sid and not given and rec["fund_type"] is None:
            continue
        if sid and not (profile.has(sid) and profile.standard(sid).makes_money):
            problems.append(Problem("unknown_standard", SHEET, row, "标准编号", sid, f"政策标准 {profile.id} 中的标准编号"))
            continue
        if sid in seen:
            problems.append(Problem("duplicate_override", SHEET, row, "标准编号", sid or "（全部）", "每个标准只填一行",
                                    params=(("other", str(seen[sid])),)))
            continue
        seen[sid] = row
        if any(v < 0 for _l, v in given) or (given and sum(v for _l, v in given) != 100):
            total = sum((v for _l, v in given), Decimal(0))
            problems.append(Problem("payer_shares", SHEET, row, "县区", f"{total.normalize():f}%", "各级分担比例之和为 100%",
                                    params=(("total", f"{total.normalize():f}"),)))
            continue
        levels = tuple((level, v) for level, v in given if v > 0) or (("县区", Decimal(100)),)
        out.append(PayerRow(StandardId(sid) if sid else None,
                            Payer(str(rec["fund_type"] or "一般公共预算"), levels), row, str(rec["note"] or "")))
    return tuple(out)
