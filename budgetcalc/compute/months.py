"""Month arithmetic on whole columns (the vector form of ``base.calendar``).

A month is an integer index (year × 12 + month − 1), so "months in service within the
budget year" is a clip of two integer vectors, with no per-row Python.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.base.calendar import NO_END, NO_START, month_label

IntArray = npt.NDArray[np.int64]

__all__ = ["NO_END", "NO_START", "IntArray", "month_indices", "month_labels", "months_in_window", "qualified_from"]


def month_labels(indices: IntArray) -> npt.NDArray[np.object_]:
    """Labels of many month indices; a budget's months span a few years at most."""
    if len(indices) == 0:
        return np.array([], dtype=object)
    lo, hi = int(indices.min()), int(indices.max())
    table = np.array([month_label(i) for i in range(lo, hi + 1)], dtype=object)
    return table[indices - lo]


def _datetimes(dates: pd.Series) -> npt.NDArray[np.datetime64]:
    return (dates if dates.dtype.kind == "M" else pd.to_datetime(dates)).to_numpy()


def month_indices(dates: pd.Series, missing: int) -> IntArray:
    """Month index of each date; ``missing`` where the cell is blank. numpy's cast to months floors,
    before 1970 too, so the index is the calendar month's (and costs one pass, not two ``.dt`` calls)."""
    values = _datetimes(dates)
    months = values.astype("datetime64[M]")
    return np.where(np.isnat(months), missing, months.astype(np.int64) + 1970 * 12).astype(np.int64)


def qualified_from(dates: pd.Series, months: int) -> IntArray:
    """First month in which ``months`` whole months have passed on its first day.

    From a date on the 1st, that is the same month ``months`` later; from any other day
    (29 February included) the month after. Blank dates qualify from the start.
    """
    values = _datetimes(dates)
    base = month_indices(dates, NO_START)
    not_first = values.astype("datetime64[D]") != values.astype("datetime64[M]").astype("datetime64[D]")
    return np.where(base == NO_START, NO_START, base + months + not_first.astype(np.int64))


def months_in_window(first: IntArray, last: IntArray) -> IntArray:
    return np.clip(last - first + 1, 0, None).astype(np.int64)
