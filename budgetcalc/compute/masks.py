"""Eligibility rules of the catalogue as boolean masks over whole input tables."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.rules.catalogue import Eligibility

BoolArray = npt.NDArray[np.bool_]


def mask(rule: Eligibility, rows: pd.DataFrame) -> BoolArray:
    """Rows satisfying every condition of ``rule``.

    ``rows`` is a facility table, or a staff table joined with its facility's columns
    (``facility_type``, ``facility_integrated``, ``facility_new``).
    """
    ok = np.ones(len(rows), dtype=bool)
    staff = "category" in rows.columns
    type_col = "facility_type" if staff else "type"
    if rule.facility_types:
        ok &= rows[type_col].isin(rule.facility_types).to_numpy(dtype=bool)
    for flag, want in rule.facility_flags:
        col = f"facility_{flag}" if staff else flag
        ok &= rows[col].to_numpy(dtype=bool) == want
    if rule.staff_categories:
        ok &= rows["category"].isin(rule.staff_categories).to_numpy(dtype=bool)
    if rule.posts:
        ok &= rows["post"].isin(rule.posts).to_numpy(dtype=bool)
    if rule.recruitment:
        ok &= rows["recruitment"].isin(rule.recruitment).to_numpy(dtype=bool)
    if rule.exclude_recruitment:
        ok &= ~rows["recruitment"].isin(rule.exclude_recruitment).to_numpy(dtype=bool)
    for flag, want in rule.staff_flags:
        ok &= rows[flag].to_numpy(dtype=bool) == want
    for column in rule.requires:
        ok &= rows[column].notna().to_numpy(dtype=bool)
    for column, minimum in rule.min_values:
        values = rows[column].astype("float64").to_numpy(na_value=np.nan)
        ok &= ~np.isnan(values) & (values >= float(minimum))
    return ok


def staff_with_facility(staff: pd.DataFrame, facilities: pd.DataFrame) -> pd.DataFrame:
    """Each staff row with the type, flags, name and town of the facility it works at."""
    info = facilities[["code", "type", "integrated", "new", "town", "name"]].rename(columns={
        "code": "facility_code", "type": "facility_type", "integrated": "facility_integrated",
        "new": "facility_new", "town": "town", "name": "facility_name",
    })
    joined = staff.merge(info, on="facility_code", how="left", validate="many_to_one")
    joined.index = staff.index
    return joined
