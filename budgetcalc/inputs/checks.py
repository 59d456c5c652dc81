"""Checks across a workbook's tables, and the warnings that keep an input mistake from being silent."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.base.reuse import same_buffer
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import Band, EnteredRate, RateRule


def check_facilities(facilities: pd.DataFrame, problems: list[Problem]) -> None:
    sheet = vocab.SHEET_FACILITIES
    codes = facilities["code"]
    dup = (codes.notna() & codes.duplicated(keep=False)).to_numpy()
    if dup.any():
        rows = facilities["row"].to_numpy(dtype="int64")[dup]
        dup_codes = codes.to_numpy(dtype=object)[dup]
        first: dict[object, list[int]] = {}
        for code, row in zip(dup_codes, rows, strict=True):
            first.setdefault(code, []).append(int(row))
        for code, row in zip(dup_codes, rows, strict=True):
            seen = first[code]
            other = seen[1] if int(row) == seen[0] else seen[0]
            problems.append(Problem("duplicate_code", sheet, int(row), "机构编码", str(code), "每个机构编码只出现一次",
                                    params=(("other", str(other)),)))
    _check_order(facilities, "start_date", "end_date", sheet, "停用日期", problems)
    _check_managing_units(facilities, problems)


CENTRES = ("乡镇卫生院", "中心卫生院", "社区卫生服务中心")


def _check_managing_units(facilities: pd.DataFrame, problems: list[Problem]) -> None:
    """所属卫生院 names a health centre of the sheet (an integrated unit without one is its own budget
    unit: the per-unit table says so, not a warning on every workbook that predates the column)."""
    sheet = vocab.SHEET_FACILITIES
    types = dict(zip(facilities["code"].tolist(), facilities["type"].tolist(), strict=True))
    given = facilities["managing_unit"].notna().to_numpy(dtype=bool)
    for row, unit in zip(facilities["row"][given].tolist(), facilities["managing_unit"][given].tolist(), strict=True):
        if unit not in types:
            problems.append(Problem("managing_unit_unknown", sheet, int(row), "所属卫生院", str(unit),
                                    "“机构”表中已有的机构编码"))
        elif types[unit] not in CENTRES:
            problems.append(Problem("managing_unit_not_a_centre", sheet, int(row), "所属卫生院", str(unit),
                                    "、".join(CENTRES), severity="warning"))


@dataclass(frozen=True)
class CodesChecked:
    """The staff's facility codes looked up among the facilities', with the columns looked at: a read
    after an edit that changed neither column (the same arrays) reuses it, and a province's 150,000
    codes are not hashed again at every edit."""

    staff_codes: np.ndarray
    rows: np.ndarray
    facility_codes: np.ndarray
    problems: tuple[Problem, ...]


def check_staff(staff: pd.DataFrame, facilities: pd.DataFrame, problems: list[Problem],
                before: CodesChecked | None = None) -> CodesChecked:
    """Codes no facility has, and periods that end before they start; what the next read may reuse."""
    sheet = vocab.SHEET_STAFF
    codes, rows, known = (staff["facility_code"].to_numpy(), staff["row"].to_numpy(),
                          facilities["code"].to_numpy())
    if before is not None and same_buffer(codes, before.staff_codes) and same_buffer(rows, before.rows) \
            and same_buffer(known, before.facility_codes):
        checked = before
    else:
        unknown = (staff["facility_code"].notna() & ~staff["facility_code"].isin(set(facilities["code"].dropna()))
                   ).to_numpy()
        checked = CodesChecked(codes, rows, known, tuple(
            Problem("unknown_facility", sheet, int(row), "机构编码", str(code), "“机构”表中已有的机构编码")
            for row, code in zip(rows[unknown], codes[unknown], strict=True)))
    problems.extend(checked.problems)
    _check_order(staff, "on_post_date", "off_post_date", sheet, "离岗日期", problems)
    return checked


def _check_order(table: pd.DataFrame, start: str, end: str, sheet: str, header: str,
                 problems: list[Problem]) -> None:
    wrong = (table[start].notna() & table[end].notna() & (table[end] < table[start])).to_numpy()
    starts = pd.to_datetime(table[start][wrong]).dt.strftime("%Y-%m-%d")
    ends = pd.to_datetime(table[end][wrong]).dt.strftime("%Y-%m-%d")
    for row, begun, ended in zip(table["row"].to_numpy()[wrong], starts, ends, strict=True):
        problems.append(Problem("end_before_start", sheet, int(row), header, str(ended), f"不早于 {begun}"))


def check_towns(facilities: pd.DataFrame, regions: pd.DataFrame, problems: list[Problem]) -> None:
    """A facility's town that the 区域 sheet (when given) does not list, with the nearest name."""
    known = [t for t in regions["town"].dropna().astype(str).unique() if t]
    if not known:
        return
    towns = facilities["town"].fillna("").astype(str)
    missing = towns.ne("") & ~towns.isin(known)
    hit = missing.to_numpy()
    for row, town in zip(facilities["row"].to_numpy()[hit], towns.to_numpy()[hit], strict=True):
        near = difflib.get_close_matches(str(town), known, n=1, cutoff=0.4)
        hint = f"（是否应为“{near[0]}”？）" if near else ""
        problems.append(Problem("town_not_in_regions", vocab.SHEET_FACILITIES, int(row), "所属镇街", str(town),
                                "“区域”表中的镇街", severity="warning", params=(("town", str(town)), ("hint", hint))))


def columns_read(profile: Profile, entered: set[str]) -> dict[tuple[str, str], list[str]]:
    """(sheet, column key) → labels of the standards of ``profile`` that read that column
    (an item whose rate the officer enters reads nothing until it is entered)."""
    out: dict[tuple[str, str], list[str]] = {}
    for std in profile.money_standards:
        if isinstance(std, EnteredRate) and std.id not in entered:
            continue
        if isinstance(std, RateRule):
            read = std.eligibility.columns_read()
        elif isinstance(std, Band):
            read = std.headcount.columns_read()
        else:
            continue
        for key in sorted(read):
            out.setdefault(key, []).append(std.label)
    return out


# a column another one can stand in for: head-office staff may be marked on 人员 instead of 机构
_ALTERNATIVES = {(vocab.SHEET_FACILITIES, "head_office"): (vocab.SHEET_STAFF, "head_office")}


def check_columns(profile: Profile, present: Mapping[str, frozenset[str]], entered: set[str],
                  problems: list[Problem]) -> None:
    """A missing optional column that a standard of the chosen profile reads is a warning naming them."""
    columns = {(vocab.SHEET_FACILITIES, c.key): c for c in vocab.FACILITY_COLUMNS}
    columns |= {(vocab.SHEET_STAFF, c.key): c for c in vocab.STAFF_COLUMNS}
    for (sheet, key), labels in columns_read(profile, entered).items():
        column = columns[(sheet, key)]
        if sheet not in present or key in present[sheet] or column.required:
            continue
        other = _ALTERNATIVES.get((sheet, key))
        if other is not None and other[1] in present.get(other[0], frozenset()):
            continue
        header = column.header
        problems.append(Problem("column_missing_for", sheet, None, header, severity="warning", params=(
            ("column", header), ("standards", "、".join(dict.fromkeys(labels))))))
