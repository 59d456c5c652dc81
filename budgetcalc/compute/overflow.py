"""Integer-fen products that refuse to wrap around.

The reader's bounds keep real budgets many orders of magnitude below int64; these checks
turn an input that slipped past them into an error instead of a silently wrong figure.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from budgetcalc.base.problems import Problem

LIMIT = 2**62


class AmountTooLarge(OverflowError):
    """An amount beyond exact integer arithmetic (a value far outside any budget)."""

    def problem(self) -> Problem:
        """What the officer is told: the computation is refused, as an error of the input."""
        return Problem("amount_too_large", params=(("limit", f"{LIMIT // 100:,}"),))


def checked_product(*factors: int | npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    product = np.ones(1, dtype=np.int64)
    bound = 1
    for f in factors:
        arr = np.asarray(f, dtype=np.int64)
        bound *= max(int(arr.max(initial=0)), 1)
        if bound >= LIMIT:
            raise AmountTooLarge("amount too large for exact integer arithmetic")
        product = product * arr
    return product


def as_int64(values: npt.NDArray[np.object_] | npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    if np.any(np.abs(values) >= LIMIT):
        raise AmountTooLarge("amount too large for exact integer arithmetic")
    return np.asarray(values).astype(np.int64)


def check_total(amounts_fen: npt.NDArray[np.int64]) -> None:
    """Refuse lines whose sum (of absolute values) would pass exact integer arithmetic: every
    total and subtotal of them is then exact. Summed as float, which errs by far less than
    the margin below 2**63."""
    if len(amounts_fen) and float(np.abs(amounts_fen.astype(np.float64)).sum()) >= LIMIT:
        raise AmountTooLarge("the lines add up beyond exact integer arithmetic")
