"""The computation: scenario + profile + year + overrides → budget lines.

Each standard of the profile becomes vector operations over the input tables: an
eligibility mask, a months-in-year window, then integer-fen arithmetic rounded half up
once per line. No Python loop runs over facilities or staff.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from budgetcalc.base.money import div_half_up, fen_to_yuan, format_yuan, yuan_to_fen
from budgetcalc.base.problems import Problem
from budgetcalc.compute import months as mo
from budgetcalc.compute.masks import mask, staff_with_facility
from budgetcalc.compute.result import LINE_COLUMNS, Result
from budgetcalc.inputs.scenario import Override, Scenario
from budgetcalc.rules.catalogue import Catalogue, Profile, Standard

_PER_TEXT = {"year": "年", "month": "月"}


def apply_overrides(profile: Profile, overrides: Iterable[Override]) -> Profile:
    """The profile with a scenario's overridden values; each keeps its citation and is marked."""
    by_id = {o.standard_id: o for o in overrides}
    return profile.with_standards(
        replace(std, value=by_id[std.id].value, overridden=True, override_reason=by_id[std.id].reason)
        if std.id in by_id else std
        for std in profile.standards
    )


def compute(scenario: Scenario, catalogue: Catalogue, *, profile_id: str | None = None,
            year: int | None = None, overrides: Iterable[Override] | None = None) -> Result:
    """Compute every money standard of the scenario's profile for its budget year."""
    if profile_id is not None or year is not None:
        scenario = scenario.with_settings(
            profile_id=profile_id or scenario.settings.profile_id, year=year or scenario.settings.year)
    if overrides is not None:
        scenario = scenario.with_overrides(tuple(overrides))
    profile = apply_overrides(catalogue.profile(scenario.settings.profile_id), scenario.overrides)
    budget_year = scenario.settings.year
    staff = staff_with_facility(scenario.staff, scenario.facilities)
    parts: list[pd.DataFrame] = []
    warnings: list[Problem] = []
    rates: dict[str, Fraction] = {}
    for std in profile.standards:
        if not std.computes_money:
            continue
        if _months_in_force(std, budget_year) == 0:
            warnings.append(Problem(
                "not_in_force", severity="warning", params=(
                    ("standard", std.id), ("year", str(budget_year)), ("start", str(std.effective_from)),
                    ("end", str(std.effective_to or "—")))))
            continue
        if std.kind == "unit_rate":
            parts.append(_unit_rate_lines(std, scenario, staff, budget_year))
            rates[std.id] = _unit_rate(std)
    bands = [s for s in profile.standards if s.kind == "band" and _months_in_force(s, budget_year)]
    if bands:
        parts.extend(_band_lines(bands, scenario, staff, budget_year, rates))
    parts = [p for p in parts if not p.empty]
    lines = (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(LINE_COLUMNS)))
    lines = lines.reindex(columns=list(LINE_COLUMNS))
    for col in ("amount_fen", "low_fen", "high_fen", "quantity", "row", "unit_q", "unit_m"):
        lines[col] = lines[col].astype("int64")
    return Result(scenario, profile, lines, tuple(warnings), rates)


def _unit_rate(std: Standard) -> Fraction:
    assert std.value is not None
    fen = Fraction(yuan_to_fen(std.value))
    return fen / 12 if std.per == "year" else fen


# ------------------------------------------------------------------ time windows


def _year_window(year: int) -> tuple[int, int]:
    return year * 12, year * 12 + 11


def _force_window(std: Standard) -> tuple[int, int]:
    """Months in which the standard is in force on at least one day (counted whole)."""
    last = mo.month_index(std.effective_to) if std.effective_to else mo.NO_END
    return mo.month_index(std.effective_from), last


def _months_in_force(std: Standard, year: int) -> int:
    y0, y1 = _year_window(year)
    f0, f1 = _force_window(std)
    return max(0, min(y1, f1) - max(y0, f0) + 1)


def _window(std: Standard, year: int, start: mo.IntArray, end: mo.IntArray) -> tuple[mo.IntArray, mo.IntArray]:
    y0, y1 = _year_window(year)
    f0, f1 = _force_window(std)
    return np.maximum(start, max(y0, f0)), np.minimum(end, min(y1, f1))


# ------------------------------------------------------------------ unit rates


def _unit_rate_lines(std: Standard, scenario: Scenario, staff: pd.DataFrame, year: int) -> pd.DataFrame:
    rule = std.eligibility
    assert rule is not None and std.value is not None and std.per is not None
    if rule.subject == "lump_sum":
        rows = pd.DataFrame({"row": [0], "count": [1], "facility_code": [""], "facility_name": [""],
                             "person": [""], "town": [""]})
        start, end = np.array([mo.NO_START]), np.array([mo.NO_END])
        sheet = ""
    elif rule.subject == "facility":
        fac = scenario.facilities
        rows = fac[mask(rule, fac)]
        rows = rows.assign(facility_code=rows["code"], facility_name=rows["name"], person="")
        start = mo.month_indices(rows["start_date"], mo.NO_START)
        end = mo.month_indices(rows["end_date"], mo.NO_END)
        sheet = "机构"
    else:
        rows = staff[mask(rule, staff)]
        rows = rows.assign(person=rows["name"].fillna(rows["person_id"]).fillna(""))
        start = mo.month_indices(rows["on_post_date"], mo.NO_START)
        end = np.minimum(mo.month_indices(rows["off_post_date"], mo.NO_END),
                         mo.month_indices(rows["retirement_date"], mo.NO_END))
        if rule.qualifying_from:
            start = np.maximum(start, mo.qualified_from(rows[rule.qualifying_from], rule.qualifying_months))
        sheet = "人员"

    first, last = _window(std, year, start, end)
    quantity = rows["count"].to_numpy(dtype="int64")
    rate_fen = yuan_to_fen(std.value)
    if std.per == "once":
        assert rule.once_at is not None
        paid = pd.to_datetime(rows[rule.once_at])
        due = mo.month_indices(paid, mo.NO_START)
        f0, f1 = _force_window(std)
        # paid to persons still on post when the date comes (仍在岗), in a month in force
        on_post = (due >= start) & (due <= mo.month_indices(rows["off_post_date"], mo.NO_END))
        keep = (paid.dt.year == year).to_numpy(dtype=bool) & on_post & (due >= f0) & (due <= f1) & (quantity > 0)
        months = np.zeros(len(rows), dtype=np.int64)
        amount = _checked_product(rate_fen, quantity)
        first = last = due
    else:
        months = mo.months_in_window(first, last)
        keep = (months > 0) & (quantity > 0)
        product = _checked_product(rate_fen, quantity, months)
        amount = div_half_up(product, 12) if std.per == "year" else product
    rows, first, last = rows[keep], first[keep], last[keep]
    months, quantity, amount = months[keep], quantity[keep], amount[keep]
    if rows.empty:
        return pd.DataFrame()

    first_label, last_label = mo.month_labels(first), mo.month_labels(last)
    rate_text = f"{format_yuan(rate_fen)} {std.unit}"
    q = pd.Series(quantity).map("{:,}".format).to_numpy(dtype=object)
    amount_text = pd.Series(amount).map(format_yuan).to_numpy(dtype=object)
    unit = std.quantity_unit
    if std.per == "once":
        due_text = pd.to_datetime(rows[rule.once_at]).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
        formula = rate_text + " × " + q + f" {unit}（{_HEADERS[rule.once_at]} " + due_text + "）= " + amount_text + " 元"
    else:
        m = months.astype(str).astype(object)
        span = "（" + first_label + " 至 " + last_label + "）"
        if std.per == "year":
            formula = rate_text + " × " + q + f" {unit} × " + m + "/12 个月" + span + " = " + amount_text + " 元"
        else:
            formula = rate_text + " × " + q + f" {unit} × " + m + " 个月" + span + " = " + amount_text + " 元"

    return pd.DataFrame({
        "standard_id": std.id, "label": std.label, "kind": std.kind, "category": std.category,
        "funding_source": std.funding_source, "clause": std.clause, "sheet": sheet,
        "row": rows["row"].to_numpy(dtype="int64"),
        "facility_code": rows["facility_code"].fillna("").to_numpy(dtype=object),
        "facility_name": rows["facility_name"].fillna("").to_numpy(dtype=object),
        "person": rows["person"].to_numpy(dtype=object),
        "town": rows["town"].fillna("").to_numpy(dtype=object),
        "quantity": quantity, "quantity_unit": unit, "months": months,
        "months_from": first_label, "months_to": last_label,
        "per": std.per, "rate": str(std.value), "unit": std.unit, "point": "",
        "amount_fen": amount, "low_fen": amount, "high_fen": amount,
        "overridden": std.overridden, "formula": formula,
        "unit_q": quantity, "unit_m": np.ones_like(months) if std.per == "once" else months,
    })


_HEADERS = {"retirement_date": "退休日期", "on_post_date": "到岗日期", "gp_registration_date": "全科注册日期",
            "off_post_date": "离岗日期"}


def _checked_product(*factors: int | np.ndarray) -> np.ndarray:
    """Product in int64, refusing silently wrapped results (the bounds of the reader keep
    real budgets many orders of magnitude below the limit)."""
    product = np.ones(1, dtype=np.int64)
    bound = 1
    for f in factors:
        arr = np.asarray(f, dtype=np.int64)
        bound *= int(arr.max(initial=0))
        product = product * arr
    if bound >= 2**62:
        raise OverflowError("amount too large for exact integer arithmetic")
    return product


# ------------------------------------------------------------------ performance-pay bands


def chosen_point(std: Standard, scenario: Scenario) -> Decimal:
    """Override, else the 参数 sheet's choice, else the band's default (its low end)."""
    if std.overridden and std.value is not None:
        return std.value
    point = scenario.settings.band_point(std.setting)
    return point if point is not None else std.default_point


def _fraction(value: Decimal) -> Fraction:
    return Fraction(value)


def _band_lines(bands: list[Standard], scenario: Scenario, staff: pd.DataFrame, year: int,
                rates: dict[str, Fraction]) -> list[pd.DataFrame]:
    """Unit-baseline bands, one line per unit; then the principal's pay, one line per principal row.

    The unit's average per-person pay is (sum of its baseline bands) / N; with N counted
    in person-months this is exactly B × (sum of chosen points), so no division rounds.
    """
    baseline = scenario.settings.baseline_fen
    if baseline is None:
        return []
    out: list[pd.DataFrame] = []
    unit_bands = [b for b in bands if b.basis == "unit_baseline"]
    points = {b.id: chosen_point(b, scenario) for b in unit_bands}
    active = [b for b in unit_bands if not (b.may_be_off and points[b.id] == 0)]
    headcounts: dict[str, pd.Series] = {}
    for std in active:
        assert std.headcount is not None and std.low is not None and std.high is not None
        rows = staff[mask(std.headcount, staff)]
        start = mo.month_indices(rows["on_post_date"], mo.NO_START)
        end = np.minimum(mo.month_indices(rows["off_post_date"], mo.NO_END),
                         mo.month_indices(rows["retirement_date"], mo.NO_END))
        first, last = _window(std, year, start, end)
        person_months = rows["count"].to_numpy(dtype="int64") * mo.months_in_window(first, last)
        per_unit = pd.Series(person_months, index=rows.index).groupby(rows["facility_code"]).sum()
        per_unit = per_unit[per_unit > 0]
        headcounts[std.id] = per_unit
        rates[std.id] = Fraction(baseline) * _fraction(points[std.id]) / 1200
        if per_unit.empty:
            continue
        out.append(_baseline_band_frame(std, per_unit, baseline, points[std.id], scenario))
    principals = [b for b in bands if b.basis == "unit_average"]
    if active and principals:
        sums = {key: sum((_fraction(p(b)) for b in active), Fraction(0)) for key, p in (
            ("chosen", lambda b: points[b.id]), ("low", lambda b: b.low), ("high", lambda b: b.high))}
        units = set().union(*(set(h.index) for h in headcounts.values()))
        for std in principals:
            rates[std.id] = Fraction(baseline) * sums["chosen"] * _fraction(chosen_point(std, scenario)) / 120000
            out.append(_principal_frame(std, staff, units, baseline, sums, scenario, year))
    return [f for f in out if not f.empty]


def _band_amount(baseline_fen: int, person_months: np.ndarray, point: Fraction) -> np.ndarray:
    num = baseline_fen * person_months * point.numerator
    return div_half_up(_as_int64(num), 12 * 100 * point.denominator)


def _as_int64(values: np.ndarray) -> np.ndarray:
    if np.any(np.abs(values) >= 2**62):
        raise OverflowError("amount too large for exact integer arithmetic")
    return values.astype(np.int64)


def _baseline_band_frame(std: Standard, per_unit: pd.Series, baseline_fen: int, point: Decimal,
                         scenario: Scenario) -> pd.DataFrame:
    assert std.low is not None and std.high is not None
    pm = per_unit.to_numpy(dtype="int64")
    fac = scenario.facilities.drop_duplicates("code").set_index("code").loc[per_unit.index]
    amount = _band_amount(baseline_fen, pm, _fraction(point))
    low = _band_amount(baseline_fen, pm, _fraction(std.low))
    high = _band_amount(baseline_fen, pm, _fraction(std.high))
    whole = pm % 12 == 0
    n_text = np.where(whole, (pm // 12).astype(str), pm.astype(str) + " 人·月/12").astype(object)
    formula = (f"绩效工资基准线 {format_yuan(baseline_fen)} 元/人·年 × " + n_text + f" 人 × {point}%"
               + " = " + pd.Series(amount).map(format_yuan).to_numpy(dtype=object) + " 元"
               + f"（档位 {std.low}%–{std.high}%：低 " + pd.Series(low).map(format_yuan).to_numpy(dtype=object)
               + "，高 " + pd.Series(high).map(format_yuan).to_numpy(dtype=object) + "）")
    return pd.DataFrame({
        "standard_id": std.id, "label": std.label, "kind": std.kind, "category": std.category,
        "funding_source": std.funding_source, "clause": std.clause, "sheet": "机构",
        "row": fac["row"].to_numpy(dtype="int64"),
        "facility_code": per_unit.index.to_numpy(dtype=object),
        "facility_name": fac["name"].fillna("").to_numpy(dtype=object), "person": "",
        "town": fac["town"].fillna("").to_numpy(dtype=object),
        "quantity": pm // 12, "quantity_unit": "人", "months": 12, "months_from": "", "months_to": "",
        "per": "year", "rate": str(fen_to_yuan(baseline_fen)), "unit": std.unit, "point": str(point),
        "amount_fen": amount, "low_fen": low, "high_fen": high,
        "overridden": std.overridden, "formula": formula,
        "unit_q": pm, "unit_m": np.ones_like(pm),
    })


def _principal_frame(std: Standard, staff: pd.DataFrame, units: set[str], baseline_fen: int,
                     sums: dict[str, Fraction], scenario: Scenario, year: int) -> pd.DataFrame:
    assert std.headcount is not None and std.low is not None and std.high is not None
    rows = staff[mask(std.headcount, staff) & staff["facility_code"].isin(units).to_numpy(dtype=bool)]
    start = mo.month_indices(rows["on_post_date"], mo.NO_START)
    end = np.minimum(mo.month_indices(rows["off_post_date"], mo.NO_END),
                     mo.month_indices(rows["retirement_date"], mo.NO_END))
    first, last = _window(std, year, start, end)
    months = mo.months_in_window(first, last)
    keep = (months > 0) & (rows["count"].to_numpy(dtype="int64") > 0)
    rows, months, first, last = rows[keep], months[keep], first[keep], last[keep]
    if rows.empty:
        return pd.DataFrame()
    person_months = rows["count"].to_numpy(dtype="int64") * months
    multiple = _fraction(chosen_point(std, scenario))

    def amount(points: Fraction, mult: Fraction) -> np.ndarray:
        factor = points * mult  # in %·%
        num = baseline_fen * person_months * factor.numerator
        return div_half_up(_as_int64(num), 12 * 100 * 100 * factor.denominator)

    chosen = amount(sums["chosen"], multiple)
    low = amount(sums["low"], _fraction(std.low))
    high = amount(sums["high"], _fraction(std.high))
    average_fen = baseline_fen * sums["chosen"] / 100
    average_yuan = Decimal(average_fen.numerator) / Decimal(average_fen.denominator) / 100
    avg_text = f"{average_yuan:,.2f}"
    m = months.astype(str).astype(object)
    formula = (f"单位年人均绩效工资 {avg_text} 元（基准线 × 各档位合计 {_pct(sums['chosen'])}%）× "
               f"{chosen_point(std, scenario)}% × " + rows["count"].astype(str).to_numpy(dtype=object)
               + " 人 × " + m + "/12 个月 = " + pd.Series(chosen).map(format_yuan).to_numpy(dtype=object)
               + f" 元（不计入单位绩效工资总量；档位 {std.low}%–{std.high}%）")
    return pd.DataFrame({
        "standard_id": std.id, "label": std.label, "kind": std.kind, "category": std.category,
        "funding_source": std.funding_source, "clause": std.clause, "sheet": "人员",
        "row": rows["row"].to_numpy(dtype="int64"),
        "facility_code": rows["facility_code"].to_numpy(dtype=object),
        "facility_name": rows["facility_name"].fillna("").to_numpy(dtype=object),
        "person": rows["name"].fillna(rows["person_id"]).fillna("").to_numpy(dtype=object),
        "town": rows["town"].fillna("").to_numpy(dtype=object),
        "quantity": rows["count"].to_numpy(dtype="int64"), "quantity_unit": "人", "months": months,
        "months_from": mo.month_labels(first), "months_to": mo.month_labels(last),
        "per": "year", "rate": str(average_yuan), "unit": std.unit,
        "point": str(chosen_point(std, scenario)),
        "amount_fen": chosen, "low_fen": low, "high_fen": high,
        "overridden": std.overridden, "formula": formula,
        "unit_q": rows["count"].to_numpy(dtype="int64"), "unit_m": months,
    })


def _pct(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(Decimal(value.numerator) / Decimal(value.denominator))

