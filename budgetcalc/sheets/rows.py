"""What the budget sheet's tables share: which standards it lists, and the figures of their rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from budgetcalc.base.money import div_half_up
from budgetcalc.compute.result import Result
from budgetcalc.rules.kinds import Band, BandBasis, MoneyStandard
from budgetcalc.sheets.layout import ROUNDING_LABEL, Column, Row, Unit, make_row, rounding_difference, span_of

FEN_PER_WAN_HUNDREDTH = 10_000


def money_standards(result: Result) -> list[MoneyStandard]:
    """The standards with money, in the profile's order (those nothing qualified for included)."""
    ids = result.by_standard()
    return [s for s in result.profile.money_standards if s.id in ids]


def baseline_band_ids(result: Result) -> set[str]:
    """Bands whose line quantity is a whole-person count derived from person-months, not a headcount."""
    return {s.id for s in result.profile.of_kind(Band) if s.basis == BandBasis.UNIT_BASELINE}


def person_months(lines: pd.DataFrame, baseline: set[str]) -> pd.Series:
    """Quantity × months per line; missing where it is not what the amount was computed from."""
    pm = (lines["quantity"] * lines["months"]).astype("Float64")
    hidden = (lines["per"] == "once") | lines["standard_id"].isin(baseline) | (lines["line_kind"] != "standard")
    return pm.mask(hidden)


def int_or_none(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def ints_or_none(values: pd.Series) -> pd.Series:
    """Python ints, None where missing: cells the renderers can type-check."""
    return values.astype("Int64").astype(object).where(values.notna().to_numpy(), None)


def cents_column(fen: pd.Series, unit: Unit) -> pd.Series:
    """Non-negative fen as hundredths of the unit, half up, as Python ints (see cents())."""
    if unit == "wan":
        fen = pd.Series(div_half_up(fen.to_numpy(dtype="int64"), FEN_PER_WAN_HUNDREDTH), index=fen.index)
    elif unit == "whole":
        fen = pd.Series(div_half_up(fen.to_numpy(dtype="int64"), 100) * 100, index=fen.index)
    return fen.astype(object)


def text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


def rounding_note(unit: Unit) -> str:
    if unit == "whole":
        return f"；金额四舍五入取整到元，与所列各数之和的差额列为{ROUNDING_LABEL}"
    return f"；万元数四舍五入保留两位小数，与所列各数之和的差额列为{ROUNDING_LABEL}" if unit == "wan" else ""



def rounding_rows(cols: Sequence[Column], parts_fen: Iterable[int], unit: Unit,
                   label: str = ROUNDING_LABEL) -> list[Row]:
    diff = rounding_difference(parts_fen, unit)
    if diff == 0:
        return []
    first_text = next(c.key for c in cols[1:] if c.kind == "text")
    before_amount = cols[[c.key for c in cols].index("amount") - 1].key
    span = span_of(cols, first_text, before_amount)
    return [make_row(cols, "rounding", span, **{first_text: label, "amount": diff})]


