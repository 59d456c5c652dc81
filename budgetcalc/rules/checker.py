"""Reading a TOML table with every problem remembered by its key path (file and key, in Chinese)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from budgetcalc.base.money import to_decimal

# A rate or base above this is a typing error, not a budget (10 亿元 per unit).
MAX_RATE = Decimal("1000000000")
MAX_PERCENT = Decimal("1000")


@dataclass(frozen=True)
class CatalogueProblem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


class Checker:
    """Reads one TOML table at a time, remembering every problem with its key path."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[CatalogueProblem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(CatalogueProblem(self.file, key, message))

    def table(self, data: Any, where: str, allowed: Iterable[str]) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(where, "应为表（table）")
            return {}
        for key in data:
            if key not in allowed:
                self.fail(f"{where}.{key}", "未知的键（拼写错误？）")
        return data

    def get(self, data: Mapping[str, Any], where: str, key: str, typ: type | tuple[type, ...],
            required: bool = True, default: Any = None) -> Any:
        if key not in data:
            if required:
                self.fail(f"{where}.{key}", "缺少必填键")
            return default
        value = data[key]
        wants_int = typ is int or (isinstance(typ, tuple) and int in typ)
        if isinstance(value, bool) and wants_int and typ is not bool:
            self.fail(f"{where}.{key}", "应为整数")
            return default
        if typ is date and isinstance(value, date) and type(value) is not date:
            self.fail(f"{where}.{key}", "应为日期（不带时间），如 2024-08-07")
            return default
        if not isinstance(value, typ):
            names = typ.__name__ if isinstance(typ, type) else "/".join(t.__name__ for t in typ)
            self.fail(f"{where}.{key}", f"类型应为 {names}，实为 {type(value).__name__}")
            return default
        return value

    def text(self, data: Mapping[str, Any], where: str, key: str, required: bool = True) -> str:
        return str(self.get(data, where, key, str, required, default="") or "")

    def decimal(self, data: Mapping[str, Any], where: str, key: str, required: bool = True,
                limit: Decimal = MAX_RATE) -> Decimal | None:
        raw = self.get(data, where, key, str, required)
        if raw is None:
            return None
        try:
            value = to_decimal(raw)
        except ValueError:
            self.fail(f"{where}.{key}", f"不是十进制数：{raw!r}")
            return None
        if value < 0:
            self.fail(f"{where}.{key}", "不能为负数")
            return None
        if value > limit:
            self.fail(f"{where}.{key}", f"数值过大（上限 {limit:,}）")
            return None
        return value

    def integer(self, data: Mapping[str, Any], where: str, key: str, required: bool = True,
                low: int = 0, high: int = 10**9) -> int | None:
        value = self.get(data, where, key, int, required)
        if value is None:
            return None
        if not low <= value <= high:
            self.fail(f"{where}.{key}", f"应在 {low}–{high} 之间")
            return None
        return int(value)

    def strings(self, data: Mapping[str, Any], where: str, key: str,
                choices: Iterable[str] | None = None) -> tuple[str, ...]:
        raw = self.get(data, where, key, list, required=False, default=[])
        if not all(isinstance(x, str) for x in raw):
            self.fail(f"{where}.{key}", "应为字符串列表")
            return ()
        if choices is not None:
            allowed = tuple(choices)
            for x in raw:
                if x not in allowed:
                    self.fail(f"{where}.{key}", f"“{x}”不是可选值（{'、'.join(allowed)}）")
        return tuple(raw)

    def flags(self, data: Mapping[str, Any], where: str, key: str,
              choices: Iterable[str]) -> tuple[tuple[str, bool], ...]:
        raw = self.get(data, where, key, dict, required=False, default={})
        allowed = set(choices)
        out: list[tuple[str, bool]] = []
        for name, want in raw.items():
            if name not in allowed:
                self.fail(f"{where}.{key}.{name}", f"未知的是否列（可用：{', '.join(sorted(allowed))}）")
            elif not isinstance(want, bool):
                self.fail(f"{where}.{key}.{name}", "应为 true 或 false")
            else:
                out.append((name, want))
        return tuple(out)

    def choice(self, data: Mapping[str, Any], where: str, key: str, choices: Iterable[str],
               required: bool = True) -> Any:
        value = self.get(data, where, key, str, required)
        options = tuple(choices)
        if value is not None and value not in options:
            self.fail(f"{where}.{key}", f"“{value}”不是可选值（{', '.join(options)}）")
            return None
        return value


