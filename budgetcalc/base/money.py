"""Exact money: integer fen (分) everywhere, Decimal only at the edges.

Every rounding is half up (四舍五入) and says so: Python's own ``round`` is half-even,
which a finance officer would read as an arithmetic error.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

import numpy as np
import numpy.typing as npt

FEN_PER_YUAN = 100
_CENT = Decimal("0.01")


def to_decimal(text: str | int | Decimal) -> Decimal:
    """Parse a decimal written as text; floats are refused on purpose."""
    if isinstance(text, float):  # pragma: no cover - programmer error
        raise TypeError("money and rates are never floats")
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal number: {text!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return value


def yuan_to_fen(yuan: Decimal) -> int:
    """元 → 分, rounded half up to the fen."""
    return int((yuan * FEN_PER_YUAN).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def has_sub_fen(yuan: Decimal) -> bool:
    return yuan != yuan.quantize(_CENT)


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(int(fen)) / FEN_PER_YUAN).quantize(_CENT)


def div_half_up(numerator: npt.NDArray[np.int64], denominator: int | npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Integer division rounded half up, element-wise, for non-negative numerators.

    floor((2n + d) / 2d) is round-half-up of n/d without ever leaving integers.
    """
    num = np.asarray(numerator, dtype=np.int64)
    den = np.asarray(denominator, dtype=np.int64)
    if np.any(num < 0) or np.any(den <= 0):
        raise ValueError("div_half_up expects n >= 0 and d > 0")
    return (2 * num + den) // (2 * den)


def round_half_up(x: Fraction) -> int:
    """An exact fraction of a fen to whole fen, half away from zero (四舍五入 of a signed amount)."""
    magnitude = math.floor(abs(x) + Fraction(1, 2))
    return magnitude if x >= 0 else -magnitude


def format_yuan(fen: int) -> str:
    """1234567 → '12,345.67' (元, thousands separators)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), FEN_PER_YUAN)
    return f"{sign}{whole:,}.{cents:02d}"


def format_change(fen: int) -> str:
    """A difference with its sign: 6450000 → '+64,500.00', -1800000 → '-18,000.00', 0 → '0.00'."""
    return ("+" if fen > 0 else "") + format_yuan(fen)


def format_wan(fen: int) -> str:
    """Fen → 万元 with two decimals, half up (the printed 万元 figure of a line)."""
    wan = (Decimal(int(fen)) / (FEN_PER_YUAN * 10000)).quantize(_CENT, rounding=ROUND_HALF_UP)
    return f"{wan:,.2f}"


def rmb_upper(fen: int) -> str:
    """人民币大写 of an amount in fen: 1200000 → 壹万贰仟元整.

    cn2an truncates past the fen and goes through str() for floats, so it only ever gets
    the text of a Decimal already quantized to the fen.
    """
    import cn2an  # lazy: only sheets and summaries need it

    text = str(fen_to_yuan(abs(fen)))
    words: str = cn2an.an2cn(text, "rmb")
    if fen == 0:
        return "零元整"
    return ("负" + words) if fen < 0 else words
