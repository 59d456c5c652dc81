"""Performance-pay bands: a point chosen in a range the document sets.

Unit-baseline bands give one line per unit: B × N × point, with N counted in person-months
(a person on post from July counts 6/12), so the unit's average pay per person is exactly
B × (sum of its points) and no division rounds. The principal's pay is that average × the
principal's multiple, one line per principal row, outside the unit's total.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.base.money import div_half_up
from budgetcalc.compute import lines as ln
from budgetcalc.compute import months as mo
from budgetcalc.compute.calculators.base import Computed, Inputs
from budgetcalc.compute.masks import mask
from budgetcalc.compute.overflow import as_int64
from budgetcalc.compute.traces import LineKind, Template
from budgetcalc.rules import vocab
from budgetcalc.rules.kinds import Band, BandBasis
from budgetcalc.rules.values import Value


def calculate(bands: Sequence[Band], inputs: Inputs) -> Computed:
    baseline = inputs.scenario.settings.baseline_fen
    in_force = [b for b in bands if inputs.values[b.id].in_force]
    if baseline is None or not in_force:
        return Computed()
    values = {b.id: inputs.values[b.id] for b in in_force}
    unit_bands = [b for b in in_force if b.basis == BandBasis.UNIT_BASELINE]
    active = [b for b in unit_bands if not (b.may_be_off and values[b.id].amount == 0)]
    frames: list[pd.DataFrame] = []
    units: set[str] = set()
    for band in active:
        per_unit = _person_months(band, values[band.id], inputs)
        units |= set(per_unit.index)
        if len(per_unit):
            frames.append(_unit_lines(band, values[band.id], per_unit, baseline, inputs))
    principals = [b for b in in_force if b.basis == BandBasis.UNIT_AVERAGE]
    if active and principals:
        sums = {
            "chosen": [_point(values[b.id]) for b in active],
            "low": [b.low for b in active],
            "high": [b.high for b in active],
        }
        for band in principals:
            frames.append(_principal_lines(band, values[band.id], units, baseline, sums, inputs))
    return Computed(ln.concat(frames))


def _point(value: Value) -> Decimal:
    assert value.amount is not None
    return value.amount


def _window(band_value: Value, rows: pd.DataFrame, year: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    start = mo.month_indices(rows["on_post_date"], mo.NO_START)
    end = np.minimum(mo.month_indices(rows["off_post_date"], mo.NO_END),
                     mo.month_indices(rows["retirement_date"], mo.NO_END))
    window = band_value.window
    return np.maximum(start, window.first), np.minimum(end, window.last)


def _person_months(band: Band, value: Value, inputs: Inputs) -> pd.Series:
    staff = inputs.staff
    rows = staff[mask(band.headcount, staff)]
    first, last = _window(value, rows, inputs.year)
    person_months = rows["count"].to_numpy(dtype="int64") * mo.months_in_window(first, last)
    per_unit = pd.Series(person_months, index=rows.index).groupby(rows["facility_code"], sort=False).sum()
    return per_unit[per_unit > 0]


def _band_amount(baseline_fen: int, person_months: npt.NDArray[np.int64], point: Fraction,
                 denominator: int) -> npt.NDArray[np.int64]:
    num = as_int64(np.asarray(baseline_fen * person_months.astype(object) * point.numerator, dtype=object))
    return div_half_up(num, denominator * point.denominator)


def _exact_int(value: int) -> int:
    """A rate numerator that must fit the line schema's int64 (bounded inputs keep it far below)."""
    return int(as_int64(np.array([value], dtype=object))[0])


def _common(band: Band, value: Value) -> dict[str, object]:
    return {
        "standard_id": band.id, "label": band.label, "kind": band.kind.value, "category": band.category,
        "funding_source": band.funding_source, "clause": band.clause, "line_kind": LineKind.STANDARD.value,
        "in_total": band.draws_on is None, "draws_on": band.draws_on or "", "per": "year", "unit": band.unit,
        "quantity_unit": "人", "value_source": value.source.value, "point": str(value.amount),
    }


def _unit_lines(band: Band, value: Value, per_unit: pd.Series, baseline_fen: int, inputs: Inputs) -> pd.DataFrame:
    pm = per_unit.to_numpy(dtype="int64")
    fac = inputs.facilities.drop_duplicates("code").set_index("code").loc[per_unit.index]
    point = Fraction(_point(value))
    amount = _band_amount(baseline_fen, pm, point, 1200)
    y0 = inputs.year * 12
    return ln.build(len(pm), {
        **_common(band, value), "template": Template.BAND_UNIT.value, "sheet": vocab.SHEET_FACILITIES,
        "row": fac["row"].to_numpy(dtype="int64"), "facility_code": per_unit.index.to_numpy(dtype=object),
        "facility_name": fac["name"].fillna("").to_numpy(dtype=object),
        "town": fac["town"].fillna("").to_numpy(dtype=object),
        "rate_fen": baseline_fen, "rate_num": _exact_int(baseline_fen * point.numerator),
        "rate_den": 1200 * point.denominator, "quantity": pm // 12, "months": 12,
        "first_month": max(y0, value.window.first), "last_month": min(y0 + 11, value.window.last),
        "amount_fen": amount,
        "low_fen": _band_amount(baseline_fen, pm, Fraction(band.low), 1200),
        "high_fen": _band_amount(baseline_fen, pm, Fraction(band.high), 1200),
        "unit_q": pm, "unit_m": 1,
    })


def _principal_lines(band: Band, value: Value, units: set[str], baseline_fen: int,
                     sums: dict[str, list[Decimal]], inputs: Inputs) -> pd.DataFrame:
    staff = inputs.staff
    rows = staff[mask(band.headcount, staff) & staff["facility_code"].isin(units).to_numpy(dtype=bool)]
    first, last = _window(value, rows, inputs.year)
    months = mo.months_in_window(first, last)
    counts = rows["count"].to_numpy(dtype="int64")
    keep = (months > 0) & (counts > 0)
    rows, months, first, last, counts = rows[keep], months[keep], first[keep], last[keep], counts[keep]
    if rows.empty:
        return ln.empty()
    person_months = counts * months

    def amount(points: list[Decimal], multiple: Decimal) -> npt.NDArray[np.int64]:
        factor = sum((Fraction(p) for p in points), Fraction(0)) * Fraction(multiple)  # in %·%
        return _band_amount(baseline_fen, person_months, factor, 12 * 100 * 100)

    chosen = amount(sums["chosen"], _point(value))
    factor = sum((Fraction(p) for p in sums["chosen"]), Fraction(0)) * Fraction(_point(value))
    return ln.build(len(rows), {
        **_common(band, value), "template": Template.BAND_PRINCIPAL.value, "sheet": vocab.SHEET_STAFF,
        "row": rows["row"].to_numpy(dtype="int64"), "facility_code": rows["facility_code"].to_numpy(dtype=object),
        "facility_name": rows["facility_name"].fillna("").to_numpy(dtype=object),
        "person": rows["name"].fillna(rows["person_id"]).fillna("").to_numpy(dtype=object),
        "town": rows["town"].fillna("").to_numpy(dtype=object),
        "rate_fen": baseline_fen, "rate_num": _exact_int(baseline_fen * factor.numerator),
        "rate_den": 120000 * factor.denominator, "quantity": counts, "months": months,
        "first_month": first, "last_month": last,
        "points_sum": "+".join(str(p) for p in sums["chosen"]),
        "amount_fen": chosen, "low_fen": amount(sums["low"], band.low), "high_fen": amount(sums["high"], band.high),
        "unit_q": counts, "unit_m": months,
    })
