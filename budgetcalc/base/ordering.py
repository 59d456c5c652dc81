"""The order officers read names in: as entered, or by pinyin.

Every table, sheet and summary that lists towns, facilities or staff orders them through
``ordered`` (``Scenario.towns``, ``Scenario.facility_codes``, ``Result.in_order``), so an input
listing 龙山街道, 天福街道, … prints them so, never by character code (侯家镇, 大水泊镇,
天福街道…). Pinyin order (大水泊镇, 高村镇, 侯家镇…) is the 参数 sheet's 排序方式 = 拼音;
pypinyin reads each character as its most common reading, the text itself breaking ties.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


class Order(StrEnum):
    INPUT = "录入顺序"    # first appearance in the input (the default)
    PINYIN = "拼音"


@lru_cache(maxsize=4096)
def pinyin_key(text: str) -> tuple[str, str]:
    """A name's sort key by pinyin with tone numbers (da4 shui3 po1 zhen4), then the text itself."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(text, style=Style.TONE3)), text


def ordered(names: Iterable[T], order: Order = Order.INPUT, *, text: Callable[[T], str] = str,
            last: Iterable[T] = ()) -> list[T]:
    """The distinct ``names`` in first-appearance order, or by the pinyin of ``text(name)``;
    those in ``last`` (e.g. 未填镇街) go at the end, in the same order."""
    distinct = list(dict.fromkeys(names))
    if order == Order.PINYIN:
        distinct.sort(key=lambda n: pinyin_key(text(n)))
    tail = set(last)
    return [n for n in distinct if n not in tail] + [n for n in distinct if n in tail]

