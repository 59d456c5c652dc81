"""分月用款计划: every line's amount spread over the months it pays, in whole fen that add up.

The engine already knows each line's months (its first and last month counted), so the
plan is arithmetic, not an estimate: a line of A fen over k months pays, by the end of its
i-th month, round_half_up(A × i / k) in total, and each month the difference; the months of
a line therefore add up to the line exactly. A one-off payment falls in its month; paid by
quarter, each quarter's share is paid in its last month.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

IntMatrix = npt.NDArray[np.int64]


def monthly(lines: pd.DataFrame, year: int, quarterly: bool = False) -> IntMatrix:
    """Lines × 12 months (January first) of fen; each row sums to the line's amount."""
    n = len(lines)
    amount = lines["amount_fen"].to_numpy(dtype="int64")
    y0 = year * 12
    first = lines["first_month"].to_numpy(dtype="int64")
    last = lines["last_month"].to_numpy(dtype="int64")
    whole_year = (first < y0) | (first > y0 + 11) | (last < first)   # lines with no window (a 缺口)
    first = np.where(whole_year, y0, np.clip(first, y0, y0 + 11)) - y0
    last = np.where(whole_year, y0 + 11, np.clip(last, y0, y0 + 11)) - y0
    once = (lines["per"] == "once").to_numpy()
    last = np.where(once, first, last)
    span = last - first + 1
    # cumulative paid by the end of each month, rounded half up: (2·A·i + k) // 2k
    done = np.clip(np.arange(12)[None, :] - first[:, None] + 1, 0, span[:, None])
    cum = (2 * amount[:, None].astype(object) * done + span[:, None]) // (2 * span[:, None])
    cum = cum.astype(np.int64) if n else np.zeros((0, 12), dtype=np.int64)
    if quarterly:
        ends = cum[:, [2, 5, 8, 11]]
        paid = np.diff(ends, axis=1, prepend=0)
        out = np.zeros((n, 12), dtype=np.int64)
        out[:, [2, 5, 8, 11]] = paid
        by_month = np.diff(cum, axis=1, prepend=0)
        return np.where(once[:, None], by_month, out)
    return np.diff(cum, axis=1, prepend=0)
