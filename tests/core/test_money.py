from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcalc.base.money import div_half_up, format_change, format_wan, format_yuan, rmb_upper, yuan_to_fen


@pytest.mark.parametrize(("num", "den", "out"), [(5, 10, 1), (15, 10, 2), (25, 10, 3), (4, 10, 0), (125, 10, 13),
                                                 (0, 12, 0), (6, 12, 1), (5, 12, 0)])
def test_div_half_up(num: int, den: int, out: int) -> None:
    assert div_half_up(np.array([num]), den).tolist() == [out]


@given(st.integers(0, 10**15), st.integers(1, 10**4))
def test_div_half_up_matches_decimal_half_up(num: int, den: int) -> None:
    from decimal import ROUND_HALF_UP
    expected = int((Decimal(num) / Decimal(den)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert div_half_up(np.array([num]), den).tolist() == [expected]


def test_negative_numerators_are_refused() -> None:
    with pytest.raises(ValueError):
        div_half_up(np.array([-1]), 2)


@pytest.mark.parametrize(("yuan", "fen"), [("0.005", 1), ("0.015", 2), ("0.025", 3), ("1409.505", 140951)])
def test_yuan_to_fen_half_up(yuan: str, fen: int) -> None:
    assert yuan_to_fen(Decimal(yuan)) == fen


@pytest.mark.parametrize(("fen", "words"), [
    (1200000, "壹万贰仟元整"), (140950, "壹仟肆佰零玖元伍角"), (54950000, "伍拾肆万玖仟伍佰元整"),
    (100000001, "壹佰万元零壹分"), (0, "零元整"), (-100, "负壹元整"),
])
def test_rmb_upper(fen: int, words: str) -> None:
    assert rmb_upper(fen) == words


def test_formats() -> None:
    assert format_yuan(54950000) == "549,500.00"
    assert format_yuan(-5) == "-0.05"
    assert format_wan(54950000) == "54.95"
    assert format_wan(50000) == "0.05"  # 500 元 = 0.05 万元
    assert format_wan(49999) == "0.05"  # 499.99 元 = 0.049999 → 0.05 half up


@pytest.mark.parametrize(("fen", "text"), [(6_450_000, "+64,500.00"), (-1_800_000, "-18,000.00"), (0, "0.00"),
                                           (1, "+0.01")])
def test_a_change_carries_its_sign(fen: int, text: str) -> None:
    assert format_change(fen) == text

