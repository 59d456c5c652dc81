"""Eligibility conditions of the catalogue as boolean masks over whole input tables."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.rules.eligibility import FACILITY_COLUMN_OF_STAFF, Condition, Eligibility, Subject

BoolArray = npt.NDArray[np.bool_]


def _column(cond: Condition, rows: pd.DataFrame, on_staff: bool) -> pd.Series:
    if on_staff and cond.sheet == "机构":
        return rows[FACILITY_COLUMN_OF_STAFF.get(cond.column, f"facility_{cond.column}")]
    return rows[cond.column]


def condition_mask(cond: Condition, rows: pd.DataFrame, on_staff: bool) -> BoolArray:
    column = _column(cond, rows, on_staff)
    if cond.op == "in":
        return column.isin(cond.values).to_numpy(dtype=bool)
    if cond.op == "not_in":
        return ~column.isin(cond.values).to_numpy(dtype=bool)
    if cond.op == "is":
        return column.to_numpy(dtype=bool) == cond.flag
    if cond.op == "filled":
        return column.notna().to_numpy(dtype=bool)
    assert cond.minimum is not None
    values = column.astype("float64").to_numpy(na_value=np.nan)
    return ~np.isnan(values) & (values >= float(cond.minimum))


def conditions_mask(conditions: Iterable[Condition], rows: pd.DataFrame, on_staff: bool) -> BoolArray:
    ok = np.ones(len(rows), dtype=bool)
    for cond in conditions:
        ok &= condition_mask(cond, rows, on_staff)
    return ok


def mask(rule: Eligibility, rows: pd.DataFrame) -> BoolArray:
    """Rows satisfying every condition of ``rule`` (a staff table must be joined with its facilities)."""
    return conditions_mask(rule.conditions(), rows, rule.subject == Subject.STAFF)


def first_failed(conditions: Iterable[Condition], rows: pd.DataFrame, on_staff: bool) -> npt.NDArray[np.object_]:
    """The key of the first condition each row fails, "" where it passes them all."""
    out = np.full(len(rows), "", dtype=object)
    for cond in reversed(tuple(conditions)):
        out = np.where(condition_mask(cond, rows, on_staff), out, cond.key)
    return out


def staff_with_facility(staff: pd.DataFrame, facilities: pd.DataFrame) -> pd.DataFrame:
    """Each staff row with the type, flags, name and town of the facility it works at.

    A person at a facility marked 合署办公本部 is head-office staff whatever their own
    column says (Nanxun annex 第二条 excludes the head office as a whole).
    """
    info = facilities[["code", "type", "integrated", "new", "head_office", "town", "name", "start_date",
                       "end_date"]].rename(columns={
        "type": "facility_type", "integrated": "facility_integrated",
        "new": "facility_new", "head_office": "facility_head_office", "name": "facility_name",
        "start_date": "facility_start_date", "end_date": "facility_end_date",
    }).set_index("code")   # codes are unique (a duplicate is an input error; reindex would refuse it)
    # a look-up by code, as a left join would give, without copying and hashing the staff table (3× faster)
    found = info.reindex(staff["facility_code"].to_numpy()).set_axis(staff.index)
    joined = pd.concat([staff, found], axis=1)
    joined["facility_head_office"] = joined["facility_head_office"].fillna(False).astype(bool)
    joined["head_office"] = joined["head_office"].astype(bool) | joined["facility_head_office"]
    return joined
