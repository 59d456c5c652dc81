"""Rows changed between two versions of an input table, and frames with a few rows replaced.

After an edit in the app the computation is given the result before it. A rate's line depends
on its own input row only, so the lines of the rows that did not change are those of before:
the rows that changed are found by comparing the two tables column by column (a column the
edit did not touch is the same array as before, and costs nothing), and only their lines are
computed again and put in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.base.reuse import same_buffer

Positions = npt.NDArray[np.intp]


def changed_rows(new: pd.DataFrame, old: pd.DataFrame) -> Positions | None:
    """Positions of the rows of ``new`` that differ from the same rows of ``old``; None when the two are
    not the same rows (their length, index, columns or dtypes differ: rows came or went)."""
    if new is old:
        return np.empty(0, dtype=np.intp)
    if len(new) != len(old) or not new.columns.equals(old.columns) or not new.index.equals(old.index) \
            or not new.dtypes.equals(old.dtypes):
        return None
    hit = np.zeros(len(new), dtype=bool)
    for name in new.columns:
        hit |= ~_same(new[name], old[name])
    return np.flatnonzero(hit)


def _same(a: pd.Series, b: pd.Series) -> npt.NDArray[np.bool_]:
    """Where the two columns hold the same value (an untouched column of a spliced read costs nothing)."""
    if isinstance(a.dtype, np.dtype):
        x, y = a.to_numpy(), b.to_numpy()
        return np.ones(len(x), dtype=bool) if same_buffer(x, y) else _same_values(x, y)
    same = (a.array == b.array).to_numpy(dtype=bool, na_value=False)
    return same | (a.isna().to_numpy(dtype=bool) & b.isna().to_numpy(dtype=bool))


def _same_values(x: np.ndarray, y: np.ndarray) -> npt.NDArray[np.bool_]:
    """Where two arrays hold the same value: blank for blank, and of one type (== takes 1, 1.0 and
    True for one value; a cell does not)."""
    blank_x, blank_y = np.asarray(pd.isna(x), dtype=bool), np.asarray(pd.isna(y), dtype=bool)
    same = blank_x & blank_y
    filled = ~blank_x & ~blank_y
    if filled.any():
        a, b = x[filled], y[filled]
        equal = np.asarray(a == b, dtype=bool)
        if a.dtype == object and not (_all_text(a) and _all_text(b)):
            equal &= _types(a) == _types(b)
        same[filled] = equal
    return same


def _all_text(values: npt.NDArray[np.object_]) -> bool:
    """Only text and blanks (a typed text column): one scan in C."""
    return pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty")


_TYPE_CODE = np.frompyfunc(lambda v: type(v).__name__, 1, 1)


def _types(values: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    return np.asarray(_TYPE_CODE(values), dtype=object) if len(values) else values


def with_rows(frame: pd.DataFrame, at: Positions, rows: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its rows at positions ``at`` replaced by ``rows`` (as many, same columns and dtypes):
    a new frame sharing every column whose values did not change (``frame`` is left as it was)."""
    return with_values(frame, at, {name: rows[name] for name in frame.columns})


def with_values(frame: pd.DataFrame, at: Positions, values: Mapping[str, object]) -> pd.DataFrame:
    """``frame`` with the given columns' values at positions ``at`` replaced (a column: a Series, an
    array of as many values, or one value for all), only the columns whose values differ copied."""
    if not len(at):
        return frame
    changed: dict[str, pd.Series] = {}
    for name, value in values.items():
        column = frame[name]
        numpy_backed = isinstance(column.dtype, np.dtype)
        was = column.to_numpy()[at] if numpy_backed else np.asarray(column.array[at])
        new: Any = value.array if isinstance(value, pd.Series) else value
        if np.ndim(new) == 0:
            new = np.full(len(at), new, dtype=was.dtype if numpy_backed else object)
        if _same_values(was, np.asarray(new)).all():
            continue
        if numpy_backed:
            replaced = column.to_numpy().copy()
            replaced[at] = np.asarray(new)
            changed[name] = pd.Series(replaced, index=frame.index, dtype=column.dtype, copy=False)
        else:
            series = column.copy()
            series.iloc[at] = new
            changed[name] = series
    if not changed:
        return frame
    out = frame.copy(deep=False)
    for name, series in changed.items():
        out[name] = series
    return out
