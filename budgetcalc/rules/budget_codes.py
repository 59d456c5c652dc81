"""How a bureau files a line: its 政府收支分类科目 codes and who pays it.

Both are catalogue data, per profile with a standard's own where it differs: the 支出功能
分类 (项) depends on the facility a line pays (乡镇卫生院 2100302, 城市社区卫生机构 2100301,
其他基层医疗卫生机构 2100399), the two 经济分类 on what the money is (工资福利, 商品和服务,
对个人和家庭的补助); the payer is a fund type and the shares of the government levels. A
document that names two levels without shares ("区、镇街财政") leaves the split to the
scenario: the line says so until the officer fills it in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from budgetcalc.rules import vocab
from budgetcalc.rules.checker import Checker

LEVELS, FUND_TYPES = vocab.LEVELS, vocab.FUND_TYPES


@dataclass(frozen=True)
class Codes:
    """A standard's own codes ("" = the profile's default for its facility type or category)."""

    function: str = ""
    gov_economic: str = ""
    dept_economic: str = ""


@dataclass(frozen=True)
class Classification:
    """A profile's defaults: function code by facility type, economic codes by category."""

    function_by_type: tuple[tuple[str, str], ...] = ()     # 机构类型 (or "default") → code
    economic_by_category: tuple[tuple[str, tuple[str, str]], ...] = ()   # 类别 → (政府, 部门)

    def function_for(self, facility_type: str) -> str:
        table = dict(self.function_by_type)
        return table.get(facility_type, table.get("default", ""))

    def economic_for(self, category: str) -> tuple[str, str]:
        return dict(self.economic_by_category).get(category, ("", ""))


@dataclass(frozen=True)
class Payer:
    fund_type: str = "一般公共预算"
    levels: tuple[tuple[str, Decimal], ...] = (("县区", Decimal(100)),)   # level → % (sums to 100)
    split_unknown: bool = False      # the document names the levels but not their shares

    def words(self) -> str:
        """县区 100% → 县区; 县区 60%、镇街 40%."""
        if len(self.levels) == 1:
            return self.levels[0][0]
        return "、".join(f"{lv} {pct.normalize():f}%" for lv, pct in self.levels)


def parse_codes(c: Checker, raw: Any, where: str) -> Codes | None:
    if raw is None:
        return None
    data = c.table(raw, where, ("function", "gov_economic", "dept_economic"))
    return Codes(*(_code(c, data, where, key) for key in ("function", "gov_economic", "dept_economic")))


def _code(c: Checker, data: Mapping[str, Any], where: str, key: str) -> str:
    text = c.get(data, where, key, str, required=False) or ""
    if text and not (text.isdigit() and len(text) in (3, 5, 7)):
        c.fail(f"{where}.{key}", "科目编码应为 3、5 或 7 位数字（类、款、项）")
    return text


def parse_classification(c: Checker, raw: Any, where: str) -> Classification:
    if raw is None:
        return Classification()
    data = c.table(raw, where, ("function", "economic"))
    function = c.table(data.get("function", {}), f"{where}.function", (*vocab.FACILITY_TYPES, "default"))
    by_type = tuple((k, _code(c, function, f"{where}.function", k)) for k in function)
    economic_raw = c.table(data.get("economic", {}), f"{where}.economic", vocab.CATEGORIES)
    by_category: list[tuple[str, tuple[str, str]]] = []
    for category, pair in economic_raw.items():
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            c.fail(f"{where}.economic.{category}", "应为 [政府预算经济分类, 部门预算经济分类]，如 [\"50502\", \"30299\"]")
            continue
        for x in pair:
            if not (x.isdigit() and len(x) in (3, 5)):
                c.fail(f"{where}.economic.{category}", "经济分类编码应为 3 或 5 位数字")
        by_category.append((category, (pair[0], pair[1])))
    return Classification(by_type, tuple(by_category))


def parse_payer(c: Checker, raw: Any, where: str) -> Payer | None:
    if raw is None:
        return None
    data = c.table(raw, where, ("fund_type", "levels", "split_unknown"))
    fund = c.choice(data, where, "fund_type", FUND_TYPES, required=False) or "一般公共预算"
    raw_levels = c.table(data.get("levels", {"县区": "100"}), f"{where}.levels", LEVELS)
    levels: list[tuple[str, Decimal]] = []
    for level in LEVELS:
        if level in raw_levels:
            share = c.decimal(raw_levels, f"{where}.levels", level, limit=Decimal(100))
            if share is not None:
                levels.append((level, share))
    if levels and sum(s for _l, s in levels) != 100:
        c.fail(f"{where}.levels", "各级分担比例之和应为 100")
    split_unknown = bool(c.get(data, where, "split_unknown", bool, required=False, default=False))
    return Payer(fund, tuple(levels) or (("县区", Decimal(100)),), split_unknown)
