"""The one schema of budget lines and of rows not counted, checked when a frame is built.

Every calculator returns frames built by ``build``: a column it names that the schema does
not know is an error at once (a misspelling would otherwise be a silent NaN in a total),
a column it leaves out takes the schema's neutral value, and every dtype is the schema's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

SCHEMA: dict[str, str] = {
    # the standard
    "standard_id": "object", "label": "object", "kind": "object", "category": "object",
    "funding_source": "object", "clause": "object",
    "line_kind": "object",            # traces.LineKind
    "in_total": "bool",               # False for a draw on a fund (shown as 其中, not added)
    "draws_on": "object",             # the fund a draw is paid from, "" otherwise
    # the input row it comes from
    "sheet": "object", "row": "int64", "facility_code": "object", "facility_name": "object",
    "person": "object", "town": "object",
    # the trace: how the amount was found
    "template": "object",             # traces.Template
    "per": "object", "unit": "object", "quantity_unit": "object",
    "rate_fen": "int64",              # rate per unit and per (a band line: the baseline B)
    "quantity": "int64", "months": "int64",
    "first_month": "int64", "last_month": "int64",   # month indices of the window counted
    "start": "object", "end": "object",              # traces.Start / traces.End
    "reason": "object",               # traces.Reason: why less than the months in force
    "condition": "object",            # the eligibility key a row failed (reason = condition)
    "condition_value": "object",      # what the row has in that condition's column
    "qualify_date": "datetime64[ns]", "qualify_month": "int64",
    "row_start_date": "datetime64[ns]", "row_end_date": "datetime64[ns]", "due_date": "datetime64[ns]",
    "assumption": "object",           # traces.Assumption
    "value_source": "object",         # rules.values.ValueSource of the rate or point
    "point": "object",                # band point in % (text of a Decimal)
    "points_sum": "object",           # the principal's unit bands, "110+10+10"
    "share": "object",                # a band line's fiscal share in % when below 100 ("" = all of it)
    # how it is filed (compute.classify): 科目 codes, fund type, the budget unit it is allocated to
    "function_code": "object", "gov_economic_code": "object", "dept_economic_code": "object",
    "fund_type": "object", "budget_unit": "object",
    # the figures
    "amount_fen": "int64", "low_fen": "int64", "high_fen": "int64",
    "approved_fen": "int64",          # a band line's approved amount before the fiscal share
    # amount = round_half_up(rate_num × unit_q × unit_m / rate_den): the exact rate per unit·month
    "rate_num": "int64", "rate_den": "int64", "unit_q": "int64", "unit_m": "int64",
}
COLUMNS = tuple(SCHEMA)
_NEUTRAL: dict[str, Any] = {"object": "", "int64": 0, "bool": False, "datetime64[ns]": np.datetime64("NaT", "ns")}


def _array(value: Any, dtype: str, n: int) -> np.ndarray:
    if isinstance(value, pd.Series | pd.Index):
        value = value.to_numpy()
    if np.ndim(value) == 0:
        return np.full(n, value, dtype=dtype)
    arr = np.asarray(value, dtype=dtype)
    if len(arr) != n:
        raise ValueError(f"{len(arr)} values for {n} lines")
    return arr


def _column(value: Any, dtype: str, n: int) -> np.ndarray | pd.Series:
    """A text column stays ``object`` as the schema says: pandas 3 would otherwise check every value
    of it to make it ``str`` (20 ms for a province's 50,000 lines of one standard, at every edit)."""
    arr = _array(value, dtype, n)
    return pd.Series(arr, dtype=object, copy=False) if dtype == "object" else arr


def build(n: int, columns: Mapping[str, Any]) -> pd.DataFrame:
    """A frame of ``n`` lines; scalars are broadcast, unknown column names refused."""
    unknown = set(columns) - set(SCHEMA)
    if unknown:
        raise KeyError(f"not line columns: {sorted(unknown)}")
    return pd.DataFrame({name: _column(columns.get(name, _NEUTRAL[dtype]), dtype, n)
                         for name, dtype in SCHEMA.items()}, copy=False)


def part(n: int, columns: Mapping[str, Any], keep: np.ndarray) -> pd.DataFrame:
    """``build(n, columns)`` of the rows where ``keep`` holds, numbered from 0, without making the
    whole frame first: taking a frame of 50 columns apart costs more than building the part."""
    unknown = set(columns) - set(SCHEMA)
    if unknown:
        raise KeyError(f"not line columns: {sorted(unknown)}")
    return build(int(keep.sum()), parts_of(n, columns, keep))


def parts_of(n: int, columns: Mapping[str, Any], keep: np.ndarray) -> dict[str, Any]:
    """The values ``part(n, columns, keep)`` would hold, by column, without its frame (one value for
    all where a column is one value): what a splice compares with the lines it replaces."""
    return {name: value if np.ndim(value) == 0 and not isinstance(value, pd.Series | pd.Index)
            else _array(value, SCHEMA[name], n)[keep] for name, value in columns.items()}


_EMPTY = build(0, {})
Later = Callable[[], pd.DataFrame]   # a frame made when first asked for


class Once:
    """A later frame made at most once (the result and the result after an edit both ask for it), and
    what it was made from let go once it is made."""

    def __init__(self, make: Later):
        self._make: Later | None = make
        self._frame: pd.DataFrame | None = None

    @property
    def made(self) -> bool:
        return self._make is None

    def __call__(self) -> pd.DataFrame:
        if self._make is not None:
            self._frame, self._make = self._make(), None
        assert self._frame is not None
        return self._frame


def empty() -> pd.DataFrame:
    """The frame of no lines (shared: frames of lines are never changed in place)."""
    return _EMPTY


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    kept = [f for f in frames if len(f)]
    if not kept:
        return _EMPTY
    if len(kept) == 1:
        return kept[0]
    return pd.concat(kept, ignore_index=True)
