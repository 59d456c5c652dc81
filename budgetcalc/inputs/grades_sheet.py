"""The 考核等次 sheet: assessment grades an officer defines, and the band points each grade takes.

The documents set the performance-pay total "按年度考核结果" within a band; a county grades
its units (优秀 / 良好 / 合格 …) and gives each grade a point. A unit's 考核等次 (on the 机构
sheet) then chooses its points; a per-unit 标准调整 row still wins over its grade, and a
unit without a grade takes the scenario's point.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.inputs import cells
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import Band

SHEET = vocab.SHEET_GRADES


@dataclass(frozen=True)
class Grade:
    name: str
    points: tuple[tuple[str, Decimal], ...]   # band setting (参数 item) → point in %
    row: int

    def point(self, setting: str) -> Decimal | None:
        return dict(self.points).get(setting)


def read_grades(table: pd.DataFrame, profile: Profile, problems: list[Problem]) -> tuple[Grade, ...]:
    bands = {b.setting: b for b in profile.of_kind(Band)}
    seen: dict[str, int] = {}
    out: list[Grade] = []
    for rec in table.to_dict("records"):  # a handful of grades
        name = rec["grade"]
        if name is None:
            continue
        row = int(rec["row"])
        if name in seen:
            problems.append(Problem("duplicate_grade", SHEET, row, "等次", name, "每个等次只填一行",
                                    params=(("other", str(seen[name])),)))
            continue
        seen[name] = row
        points: list[tuple[str, Decimal]] = []
        for i, setting in enumerate(vocab.BAND_SETTINGS):
            text = rec[f"point_{i}"]
            if text is None:
                continue
            band = bands.get(setting)
            if band is None:
                problems.append(Problem("grade_setting_unused", SHEET, row, setting, str(text), "空白",
                                        severity="warning"))
                continue
            point = cells.parse_percent_value(text)
            if point is None or point < 0:
                problems.append(Problem("not_percent", SHEET, row, setting, str(text), "百分比，如 110%、1.1 或 110"))
            elif not band.allows(point):
                problems.append(Problem("band_out_of_range", SHEET, row, setting, f"{point}%",
                                        f"{band.low}%–{band.high}%（{band.clause}）",
                                        params=(("low", str(band.low)), ("high", str(band.high)))))
            else:
                points.append((setting, point))
        out.append(Grade(str(name), tuple(points), row))
    return tuple(out)


def check_unit_grades(facilities: pd.DataFrame, grades: tuple[Grade, ...], problems: list[Problem]) -> None:
    """A unit's grade must be one the 考核等次 sheet defines (a misspelt grade would silently take the default)."""
    if "grade" not in facilities:
        return
    names = {g.name for g in grades}
    given = facilities["grade"].notna().to_numpy(dtype=bool)
    unknown = given & ~facilities["grade"].isin(names).to_numpy(dtype=bool)
    expected = "“考核等次”表中的等次：" + "、".join(sorted(names)) if names else "先在“考核等次”表中定义等次及其档位"
    for row, value in zip(facilities["row"][unknown], facilities["grade"][unknown], strict=True):
        problems.append(Problem("unknown_grade", vocab.SHEET_FACILITIES, int(row), "考核等次", str(value), expected))
