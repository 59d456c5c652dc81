"""Performance-pay bands: a point chosen in a range the document sets, unit by unit.

Unit-baseline bands give one line per unit: B × N × point, with N counted in person-months
(a person on post from July counts 6/12), so the unit's average pay per person is exactly
B × (sum of its points) and no division rounds. The principal's pay is that average × the
principal's multiple, one line per principal row, outside the unit's total.

A unit's point is, first to last: its own 标准调整 row, its 考核等次's point, the scenario's
point (标准调整 without 机构编码, then the 参数 sheet), the band's default. Where the budget
funds only a share of the approved total (绩效工资总量 is a ceiling met by fiscal subsidy and
service income), every band line is approved × share in one exact step, and the approved
figure is kept beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.compute import lines as ln
from budgetcalc.compute import months as mo
from budgetcalc.compute.calculators.base import Computed, Inputs
from budgetcalc.compute.masks import mask
from budgetcalc.compute.overflow import as_int64
from budgetcalc.compute.traces import LineKind, Template
from budgetcalc.rules import vocab
from budgetcalc.rules.kinds import Band, BandBasis
from budgetcalc.rules.values import Value, ValueSource

CONTRACT = "编外"


def calculate(bands: Sequence[Band], inputs: Inputs) -> Computed:
    baseline = inputs.scenario.settings.baseline_fen
    in_force = [b for b in bands if inputs.values[b.id].in_force]
    if baseline is None or not in_force:
        return Computed()
    share = Fraction(inputs.scenario.settings.fiscal_share if inputs.scenario.settings.fiscal_share is not None
                     else 100) / 100
    frames: list[pd.DataFrame] = []
    unit_points: list[tuple[Band, pd.Series]] = []   # each unit band's point per unit counted
    for band in (b for b in in_force if b.basis == BandBasis.UNIT_BASELINE):
        per_unit = _person_months(band, inputs)
        points, sources = unit_point(band, inputs.values[band.id], per_unit.index, inputs)
        on = points != 0                            # a band the document lets be off (全科增核 0)
        per_unit, points, sources = per_unit[on], points[on], sources[on]
        if len(per_unit):
            frames.append(_unit_lines(band, inputs.values[band.id], per_unit, points, sources, baseline, share,
                                      inputs))
            unit_points.append((band, points))
    for band in (b for b in in_force if b.basis == BandBasis.UNIT_AVERAGE):
        if unit_points:
            frames.append(_principal_lines(band, inputs.values[band.id], unit_points, baseline, share, inputs))
    return Computed(ln.concat(frames))


def unit_point(band: Band, value: Value, units: pd.Index, inputs: Inputs) -> tuple[pd.Series, pd.Series]:
    """Each unit's point and where it came from (its own row, its grade, the scenario's point)."""
    assert value.amount is not None
    points = pd.Series([value.amount] * len(units), index=units, dtype=object)
    sources = pd.Series(value.source.value, index=units, dtype=object)
    grades = {g.name: g.point(band.setting) for g in inputs.scenario.grades}
    if grades and "grade" in inputs.facilities:
        by_unit = inputs.facilities.drop_duplicates("code").set_index("code")["grade"]
        graded = units.to_series().map(by_unit).map(grades)
        hit = graded.notna()
        points[hit], sources[hit] = graded[hit], ValueSource.GRADE.value
    own = {e.facility_code: e.value for e in value.entries}
    if own:
        mine = units.to_series().map(own)
        hit = mine.notna()
        points[hit], sources[hit] = mine[hit], ValueSource.OVERRIDE.value
    return points, sources


def _window(band_value: Value, rows: pd.DataFrame) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    start = mo.month_indices(rows["on_post_date"], mo.NO_START)
    end = np.minimum(mo.month_indices(rows["off_post_date"], mo.NO_END),
                     mo.month_indices(rows["retirement_date"], mo.NO_END))
    window = band_value.window
    return np.maximum(start, window.first), np.minimum(end, window.last)


def _person_months(band: Band, inputs: Inputs) -> pd.Series:
    """N of each unit in person-months; 编外 staff count only if the 参数 sheet says so (the default)."""
    staff = inputs.staff
    hit = mask(band.headcount, staff)
    if not inputs.scenario.settings.contract_staff_in_n:
        hit &= (staff["category"] != CONTRACT).to_numpy(dtype=bool)
    rows = staff[hit]
    first, last = _window(inputs.values[band.id], rows)
    person_months = rows["count"].to_numpy(dtype="int64") * mo.months_in_window(first, last)
    per_unit = pd.Series(person_months, index=rows.index).groupby(rows["facility_code"], sort=False).sum()
    return per_unit[per_unit > 0]


def _fractions(points: pd.Series | Sequence[Decimal]) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """Exact numerators and denominators of points in % (Python ints: no float ever touches them)."""
    fr = [Fraction(p) for p in points]
    return np.array([f.numerator for f in fr], dtype=object), np.array([f.denominator for f in fr], dtype=object)


def _amount(baseline_fen: int, person_months: npt.NDArray[np.int64], num: npt.NDArray[np.object_],
            den: npt.NDArray[np.object_], scale: int) -> npt.NDArray[np.int64]:
    """round_half_up(B × person-months × num / (den × scale)), exactly: in Python integers, since
    the product before the division may pass int64 where the amount itself does not."""
    top = np.asarray(baseline_fen * person_months.astype(object) * num, dtype=object)
    bottom = np.asarray(den * scale, dtype=object)
    return as_int64((2 * top + bottom) // (2 * bottom))


def _common(band: Band, value: Value) -> dict[str, object]:
    return {
        "standard_id": band.id, "label": band.label, "kind": band.kind.value, "category": band.category,
        "funding_source": band.funding_source, "clause": band.clause, "line_kind": LineKind.STANDARD.value,
        "in_total": band.draws_on is None, "draws_on": band.draws_on or "", "per": "year", "unit": band.unit,
        "quantity_unit": "人",
    }


def _shared(num: npt.NDArray[np.object_], den: npt.NDArray[np.object_],
            share: Fraction) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    return num * share.numerator, den * share.denominator


def _unit_lines(band: Band, value: Value, per_unit: pd.Series, points: pd.Series, sources: pd.Series,
                baseline_fen: int, share: Fraction, inputs: Inputs) -> pd.DataFrame:
    pm = per_unit.to_numpy(dtype="int64")
    fac = inputs.facilities.drop_duplicates("code").set_index("code").loc[per_unit.index]
    num, den = _fractions(points)
    low_num, low_den = _fractions([band.low] * len(pm))
    high_num, high_den = _fractions([band.high] * len(pm))
    s_num, s_den = _shared(num, den, share)
    y0 = inputs.year * 12
    return ln.build(len(pm), {
        **_common(band, value), "template": Template.BAND_UNIT.value, "sheet": vocab.SHEET_FACILITIES,
        "row": fac["row"].to_numpy(dtype="int64"), "facility_code": per_unit.index.to_numpy(dtype=object),
        "facility_name": fac["name"].fillna("").to_numpy(dtype=object),
        "town": fac["town"].fillna("").to_numpy(dtype=object),
        "rate_fen": baseline_fen, "rate_num": as_int64(baseline_fen * s_num),
        "rate_den": as_int64(1200 * s_den), "quantity": pm // 12, "months": 12,
        "first_month": max(y0, value.window.first), "last_month": min(y0 + 11, value.window.last),
        "value_source": sources.to_numpy(dtype=object), "point": np.array([str(p) for p in points], dtype=object),
        "share": str(share * 100) if share != 1 else "",
        "amount_fen": _amount(baseline_fen, pm, s_num, s_den, 1200),
        "approved_fen": _amount(baseline_fen, pm, num, den, 1200),
        "low_fen": _amount(baseline_fen, pm, *_shared(low_num, low_den, share), 1200),
        "high_fen": _amount(baseline_fen, pm, *_shared(high_num, high_den, share), 1200),
        "unit_q": pm, "unit_m": 1,
    })


def _principal_lines(band: Band, value: Value, unit_points: list[tuple[Band, pd.Series]], baseline_fen: int,
                     share: Fraction, inputs: Inputs) -> pd.DataFrame:
    """Each principal: the unit's average (B × the unit's own points) × the multiple chosen for that unit."""
    units = pd.Index(sorted({u for _b, p in unit_points for u in p.index}))
    staff = inputs.staff
    rows = staff[mask(band.headcount, staff) & staff["facility_code"].isin(units).to_numpy(dtype=bool)]
    first, last = _window(value, rows)
    months = mo.months_in_window(first, last)
    counts = rows["count"].to_numpy(dtype="int64")
    keep = (months > 0) & (counts > 0)
    rows, months, first, last, counts = rows[keep], months[keep], first[keep], last[keep], counts[keep]
    if rows.empty:
        return ln.empty()
    codes = rows["facility_code"]
    # per unit: its bands' points, lows and highs, summed in % (one small loop per unit, not per row)
    own = {u: [(b, p[u]) for b, p in unit_points if u in p.index] for u in units}
    chosen_sum = {u: sum((Fraction(x) for _b, x in bp), Fraction(0)) for u, bp in own.items()}
    low_sum = {u: sum((Fraction(b.low) for b, _x in bp), Fraction(0)) for u, bp in own.items()}
    high_sum = {u: sum((Fraction(b.high) for b, _x in bp), Fraction(0)) for u, bp in own.items()}
    shown = {u: "+".join(str(x) for _b, x in bp) for u, bp in own.items()}
    multiple, sources = unit_point(band, value, pd.Index(codes.unique()), inputs)
    person_months = counts * months

    def amount(sums: dict[str, Fraction], multiples: list[Decimal], with_share: bool) -> npt.NDArray[np.int64]:
        factors = [sums[c] * Fraction(m) * (share if with_share else 1) for c, m in zip(codes, multiples, strict=True)]
        num = np.array([f.numerator for f in factors], dtype=object)
        den = np.array([f.denominator for f in factors], dtype=object)
        return _amount(baseline_fen, person_months, num, den, 12 * 100 * 100)

    mine = [multiple[c] for c in codes]
    factors = [chosen_sum[c] * Fraction(m) * share for c, m in zip(codes, mine, strict=True)]
    return ln.build(len(rows), {
        **_common(band, value), "template": Template.BAND_PRINCIPAL.value, "sheet": vocab.SHEET_STAFF,
        "row": rows["row"].to_numpy(dtype="int64"), "facility_code": codes.to_numpy(dtype=object),
        "facility_name": rows["facility_name"].fillna("").to_numpy(dtype=object),
        "person": rows["name"].fillna(rows["person_id"]).fillna("").to_numpy(dtype=object),
        "town": rows["town"].fillna("").to_numpy(dtype=object),
        "rate_fen": baseline_fen,
        "rate_num": as_int64(np.array([baseline_fen * f.numerator for f in factors], dtype=object)),
        "rate_den": as_int64(np.array([120000 * f.denominator for f in factors], dtype=object)),
        "quantity": counts, "months": months, "first_month": first, "last_month": last,
        "value_source": np.array([sources[c] for c in codes], dtype=object),
        "point": np.array([str(m) for m in mine], dtype=object),
        "points_sum": np.array([shown[c] for c in codes], dtype=object),
        "share": str(share * 100) if share != 1 else "",
        "amount_fen": amount(chosen_sum, mine, True), "approved_fen": amount(chosen_sum, mine, False),
        "low_fen": amount(low_sum, [band.low] * len(codes), True),
        "high_fen": amount(high_sum, [band.high] * len(codes), True),
        "unit_q": counts, "unit_m": months,
    })
