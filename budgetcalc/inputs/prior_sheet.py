"""The 上年数 sheet: last year's budget (and outturn) per standard or item, for 增减 against it.

A bureau's 测算表 sets each line against last year; items that no longer exist keep their
name so the sheet can show them as 减少.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from budgetcalc.base.money import has_sub_fen, to_decimal, yuan_to_fen
from budgetcalc.base.problems import Problem
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import StandardId

SHEET = vocab.SHEET_PRIOR


@dataclass(frozen=True)
class PriorRow:
    standard_id: StandardId | None     # None: an item with no standard this year (its label says what)
    label: str
    budget_fen: int | None             # 上年预算数
    actual_fen: int | None             # 上年执行数
    row: int
    note: str = ""


def _fen(value: object, row: int, column: str, problems: list[Problem]) -> int | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    amount = to_decimal(str(value))
    if amount < 0:
        problems.append(Problem("negative", SHEET, row, column, str(value), "元"))
        return None
    if has_sub_fen(amount):
        problems.append(Problem("sub_fen", SHEET, row, column, str(value), "元，最多两位小数"))
        return None
    return yuan_to_fen(amount)


def read_prior(table: pd.DataFrame, profile: Profile, problems: list[Problem]) -> tuple[PriorRow, ...]:
    out: list[PriorRow] = []
    seen: dict[str, int] = {}
    for rec in table.to_dict("records"):
        row = int(rec["row"])
        sid, label = str(rec["standard_id"] or ""), str(rec["label"] or "")
        if not sid and not label:
            if rec["budget"] is not None and not pd.isna(rec["budget"]):
                problems.append(Problem("required", SHEET, row, "标准编号", "", "标准编号或项目名称"))
            continue
        if sid and not (profile.has(sid) and profile.standard(sid).makes_money):
            problems.append(Problem("unknown_standard", SHEET, row, "标准编号", sid, f"政策标准 {profile.id} 中的标准编号"))
            continue
        key = sid or label
        if key in seen:
            problems.append(Problem("duplicate_override", SHEET, row, "标准编号" if sid else "项目", key, "每个项目只填一行",
                                    params=(("other", str(seen[key])),)))
            continue
        seen[key] = row
        budget = _fen(rec["budget"], row, "上年预算数", problems)
        actual = _fen(rec["actual"], row, "上年执行数", problems)
        out.append(PriorRow(StandardId(sid) if sid else None, label or (profile.standard(sid).label if sid else ""),
                            budget, actual, row, str(rec["note"] or "")))
    return tuple(out)
