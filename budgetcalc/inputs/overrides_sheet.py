"""The 标准调整 sheet: a scenario's own values for standards, and the officer's entered rates.

An override keeps the document's limits: below a 不低于 floor, above a 不高于 cap or
outside a band it is an error naming the limit and the clause. An override without a
reason is a warning (the sheet would print a change nobody can account for). An item the
documents fund without an amount is entered here too: one row for the whole item, or one
row per unit (机构编码) with its own amount and quantity. A band's row with a 机构编码 is that
unit's own point (a unit graded above the others), within the same band. A staffing norm's
row is the yearly cost of one person of its gap (a village doctor costs less than a
township physician), over the 参数 sheet's one cost for all norms.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pandas as pd

from budgetcalc.base.money import format_yuan, has_sub_fen, yuan_to_fen
from budgetcalc.base.problems import Problem
from budgetcalc.inputs import cells
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.checker import MAX_RATE
from budgetcalc.rules.eligibility import Subject
from budgetcalc.rules.kinds import Band, EnteredRate, Norm, StandardId, UnitRate
from budgetcalc.rules.values import Override

SHEET = vocab.SHEET_OVERRIDES
GAP_COST_UNIT = "元/人·年"   # a norm's row: the yearly cost of one person of its gap
_ID, _VALUE, _UNIT = "标准编号", "标准值", "机构编码"


def read_overrides(table: pd.DataFrame, profile: Profile, facility_types: Mapping[str, str],
                   problems: list[Problem]) -> tuple[Override, ...]:
    """The sheet's rows as overrides; ``facility_types`` maps each 机构编码 to its 机构类型."""
    seen: dict[tuple[str, str, int | None], int] = {}
    out: list[Override] = []
    for rec in table.to_dict("records"):  # a handful of rows, never a hot path
        if rec["standard_id"] is None:
            continue
        sid, text, row = str(rec["standard_id"]), rec["value"], int(rec["row"])
        if not profile.has(sid):
            problems.append(Problem("unknown_standard", SHEET, row, _ID, sid, f"政策标准 {profile.id} 中的标准编号"))
            continue
        std = profile.standard(sid)
        if not isinstance(std, UnitRate | EnteredRate | Band | Norm):
            problems.append(Problem("override_kind", SHEET, row, _ID, sid, "金额、档位或人员配置类标准"))
            continue
        unit = str(rec["facility_code"] or "")
        per_unit = isinstance(std, Band) or (isinstance(std, EnteredRate) and std.eligibility.subject == Subject.LUMP_SUM)
        if unit and not per_unit:
            problems.append(Problem("entry_needs_unit", SHEET, row, _UNIT, unit, "空白"))
            continue
        if unit and unit not in facility_types:
            problems.append(Problem("entry_unknown_facility", SHEET, row, _UNIT, unit, "“机构”表中已有的机构编码"))
            continue
        if unit and isinstance(std, Band) and std.headcount.facility_types and \
                facility_types[unit] not in std.headcount.facility_types:
            problems.append(Problem("unit_point_not_a_unit", SHEET, row, _UNIT, unit,
                                    "、".join(std.headcount.facility_types)))
            continue
        from_year = None if pd.isna(rec["from_year"]) else int(rec["from_year"])
        key = (sid, unit, from_year)
        if key in seen:
            code, expected = ("duplicate_entry", "每个单位只填报一次") if unit else (
                "duplicate_override", "每个标准只调整一次")
            problems.append(Problem(code, SHEET, row, _ID, sid, expected, params=(("other", str(seen[key])),)))
            continue
        seen[key] = row
        if text is None:
            continue  # already reported as required
        value, found = check_value(std, text, row)
        problems.extend(found)
        if value is None:
            continue
        reason = str(rec["reason"] or "").strip()
        if not reason:
            problems.append(Problem("override_no_reason", SHEET, row, "说明", "", "调整理由", severity="warning"))
        quantity = None if pd.isna(rec["quantity"]) else int(rec["quantity"])
        out.append(Override(StandardId(sid), value, reason, row, unit, quantity, from_year))
    return tuple(out)


def check_value(std: UnitRate | EnteredRate | Band | Norm, text: object,
                row: int | None = None) -> tuple[Decimal | None, list[Problem]]:
    """A scenario's value for ``std`` as typed, or the problems that refuse it (the app asks before writing)."""
    problems: list[Problem] = []
    return _value(std, text, row, problems), problems


def _value(std: UnitRate | EnteredRate | Band | Norm, text: object, row: int | None,
           problems: list[Problem]) -> Decimal | None:
    value = cells.decimal_value(text) if not isinstance(std, Band) else cells.parse_percent_value(text)
    unit = "%" if isinstance(std, Band) else GAP_COST_UNIT if isinstance(std, Norm) else std.unit
    if value is None:
        problems.append(Problem("not_a_number", SHEET, row, _VALUE, str(text), unit))
        return None
    if value < 0:
        problems.append(Problem("negative", SHEET, row, _VALUE, str(value), unit))
        return None
    if isinstance(std, Band):
        if not std.allows(value):
            problems.append(Problem("band_out_of_range", SHEET, row, _VALUE, f"{value}%",
                                    f"{std.low}%–{std.high}%（{std.clause}）",
                                    params=(("low", str(std.low)), ("high", str(std.high)))))
            return None
        return value
    if value > MAX_RATE:
        problems.append(Problem("too_large", SHEET, row, _VALUE, str(text), unit, params=(("limit", f"{MAX_RATE:,}"),)))
        return None
    if has_sub_fen(value):
        problems.append(Problem("sub_fen", SHEET, row, _VALUE, str(value), f"{unit}，最多两位小数"))
        return None
    if isinstance(std, Norm):
        return value
    if isinstance(std, UnitRate) and std.minimum and value < std.value:
        limit = f"{format_yuan(yuan_to_fen(std.value))} {unit}"
        problems.append(Problem("override_below_minimum", SHEET, row, _VALUE, str(value), f"不低于 {limit}",
                                params=(("limit", limit), ("clause", std.clause))))
        return None
    if std.maximum is not None and value > std.maximum:
        limit = f"{format_yuan(yuan_to_fen(std.maximum))} {unit}"
        problems.append(Problem("override_above_maximum", SHEET, row, _VALUE, str(value), f"不高于 {limit}",
                                params=(("limit", limit), ("clause", std.clause))))
        return None
    return value
