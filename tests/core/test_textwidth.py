"""Terminal and sheet widths: the fast count agrees with unicodedata character by character."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from budgetcalc.base.textwidth import _ALL_WIDE, width


def reference(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def test_every_character_of_the_wide_blocks_is_wide() -> None:
    ranges = re.findall(r"(.)-(.)", _ALL_WIDE.pattern)
    assert len(ranges) == 15
    for first, last in ranges:
        assert all(unicodedata.east_asian_width(chr(c)) in ("W", "F") for c in range(ord(first), ord(last) + 1))


@given(st.text(st.characters(codec="utf-8"), max_size=40))
def test_width_is_the_sum_of_the_characters_widths(text: str) -> None:
    assert width(text) == reference(text)


def test_the_texts_of_a_budget_sheet() -> None:
    for text in ("250,000.00 元/车·年 × 1 车 × 6/12 个月（2025-07 至 2025-12）", "浔政办发〔2024〕25号", "①—…×％", "abc", ""):
        assert width(text) == reference(text)
