"""The 规划 sheet: how counts change over the years of a projection (人员增长, 招聘, 新增机构)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import Schedule, StandardId

SHEET = vocab.SHEET_PLAN


class PlanKind(StrEnum):
    GROWTH = "人员增长"
    RECRUIT = "招聘"
    NEW_FACILITIES = "新增机构"


@dataclass(frozen=True)
class PlanRule:
    kind: PlanKind
    value: Decimal                 # %/year, persons/year or facilities
    row: int
    from_year: int | None = None   # None: the year after the budget year
    to_year: int | None = None
    facility_code: str = ""
    facility_type: str = ""
    category: str = ""
    post: str = ""
    recruitment: str = ""
    integrated: bool = False
    new: bool = True
    standard_id: StandardId | None = None
    note: str = ""


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def read_plan(table: pd.DataFrame, profile: Profile, facility_codes: set[str],
              problems: list[Problem]) -> tuple[PlanRule, ...]:
    out: list[PlanRule] = []
    for rec in table.to_dict("records"):
        if rec["rule"] is None:
            continue
        kind, row = PlanKind(rec["rule"]), int(rec["row"])
        value = None if pd.isna(rec["value"]) else Decimal(str(rec["value"]))
        sid = _text(rec["standard_id"])
        if sid:
            std = profile.standard(sid) if profile.has(sid) else None
            if not isinstance(std, Schedule) or std.annual_growth is None:
                problems.append(Problem("plan_not_a_growth_schedule", SHEET, row, "标准编号", sid,
                                        f"政策标准 {profile.id} 中有年增长率的逐年安排标准"))
                continue
            value = value if value is not None else std.annual_growth
        if value is None:
            problems.append(Problem("required", SHEET, row, "数值", "", "必填"))
            continue
        code = _text(rec["facility_code"])
        if code and code not in facility_codes:
            problems.append(Problem("unknown_facility", SHEET, row, "机构编码", code, "“机构”表中已有的机构编码"))
            continue
        if kind == PlanKind.RECRUIT and (not code or rec["category"] is None):
            problems.append(Problem("plan_recruit_needs", SHEET, row, "机构编码" if not code else "编制类型",
                                    code, "招聘须填机构编码和编制类型"))
            continue
        if kind == PlanKind.NEW_FACILITIES and rec["facility_type"] is None:
            problems.append(Problem("required", SHEET, row, "机构类型", "", "新增机构的机构类型"))
            continue
        if kind != PlanKind.GROWTH and value != value.to_integral():
            problems.append(Problem("not_whole", SHEET, row, "数值", str(value), "整数"))
            continue
        if value > (100 if kind == PlanKind.GROWTH else 100_000):
            problems.append(Problem("too_large", SHEET, row, "数值", str(value), "合理的数值",
                                    params=(("limit", "100%" if kind == PlanKind.GROWTH else "100,000"),)))
            continue
        from_year = None if pd.isna(rec["from_year"]) else int(rec["from_year"])
        to_year = None if pd.isna(rec["to_year"]) else int(rec["to_year"])
        out.append(PlanRule(kind, value, row, from_year, to_year, code, _text(rec["facility_type"]),
                            _text(rec["category"]), _text(rec["post"]), _text(rec["recruitment"]),
                            bool(rec["integrated"]), bool(rec["new"]), StandardId(sid) if sid else None,
                            _text(rec["note"])))
    return tuple(out)
