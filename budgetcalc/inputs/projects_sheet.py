"""The 绩效目标 sheet: which standards make one project, and the indicators only the officer knows."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import StandardId

SHEET = vocab.SHEET_PROJECTS


@dataclass(frozen=True)
class ProjectRow:
    project: str
    standard_id: StandardId | None
    goal: str
    level1: str
    level2: str
    indicator: str
    value: str
    row: int


def read_projects(table: pd.DataFrame, profile: Profile, problems: list[Problem]) -> tuple[ProjectRow, ...]:
    out: list[ProjectRow] = []
    owner: dict[str, str] = {}
    for rec in table.to_dict("records"):
        if rec["project"] is None:
            continue
        row, sid = int(rec["row"]), str(rec["standard_id"] or "")
        if sid and not (profile.has(sid) and profile.standard(sid).makes_money):
            problems.append(Problem("unknown_standard", SHEET, row, "标准编号", sid, f"政策标准 {profile.id} 中的标准编号"))
            continue
        if sid and owner.get(sid, rec["project"]) != rec["project"]:
            problems.append(Problem("duplicate_override", SHEET, row, "标准编号", sid, "每个标准只归入一个项目",
                                    params=(("other", owner[sid]),)))
            continue
        if sid:
            owner[sid] = str(rec["project"])

        def text(key: str) -> str:
            return str(rec[key] or "")

        out.append(ProjectRow(str(rec["project"]), StandardId(sid) if sid else None, text("goal"), text("level1"),
                              text("level2"), text("indicator"), text("value"), row))
    return tuple(out)
