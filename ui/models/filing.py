"""The tables a bureau files, as Qt models: 分单位, 科目, 资金来源, 分月用款, 上年对比.

Every figure is the core's: the unit and 科目 sums the worker took from ``Result.by_unit`` /
``by_function`` / ``by_gov_economic`` / ``by_dept_economic`` (``Totals.groups``), the fund × level
table, the months and last year from ``Outcome.filing`` (``Result.by_fund_level``,
``monthly_by_standard``, ``filing.prior.against_prior``). The models add nothing up and round
nothing; they format fen for the cells a view paints and name the codes (``rules.subjects``).
A row that stands for a group of lines remembers which, so a click explains it like a group.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from budgetcalc.rules import vocab

from .. import i18n
from ..qt import QAbstractTableModel, Qt
from . import style
from .result import SHORTFALL

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result
    from budgetcalc.scenarios.session import Outcome

Index = style.Index
_ROOT, _RIGHT, _LEFT, _BOLD = style.ROOT, style.RIGHT, style.LEFT, style.BOLD
RowStyle = Literal["item", "part", "section", "total"]
CODE_KINDS = (("function", "function_code", "codes_function"), ("gov_economic", "gov_economic_code", "codes_gov"),
              ("dept_economic", "dept_economic_code", "codes_dept"))


@dataclass(frozen=True)
class FilingRow:
    cells: tuple[str, ...]
    group: tuple[str, str] | None = None   # (line column, key): the lines a click explains
    style: RowStyle = "item"               # part: 其中 (not added); section and total: bold


@functools.cache
def _formats() -> tuple[Callable[[int], str], Callable[[int], str]]:
    """元 and 万元 formats, imported when first needed (``base.money`` brings numpy, which start-up leaves
    out), and once: PySide6 hooks every import statement, a province's 20,000 units paid 0.1 s for it."""
    from budgetcalc.base.money import format_wan, format_yuan

    return format_yuan, format_wan


def _yuan(fen: int) -> str:
    return _formats()[0](fen)


def _wan(fen: int) -> str:
    return _formats()[1](fen)


class FilingModel(QAbstractTableModel):
    """A read-only table of one outcome; subclasses give the columns (message ids) and the rows."""

    COLUMNS: tuple[str, ...] = ()
    TEXT: frozenset[int] = frozenset({0})   # the text columns (left-aligned), the others figures

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[FilingRow] = []
        self.outcome: Outcome | None = None

    def set_outcome(self, outcome: Outcome | None) -> None:
        self.outcome = outcome
        self.beginResetModel()
        result = outcome.result if outcome is not None else None
        self._rows = self._load(outcome, result) if outcome is not None and result is not None else []
        self.endResetModel()

    def _load(self, outcome: Outcome, result: Result) -> list[FilingRow]:
        raise NotImplementedError

    def columns(self) -> tuple[str, ...]:
        return tuple(i18n.tr(key) for key in self.COLUMNS)

    def group(self, row: int) -> tuple[str, str] | None:
        return self._rows[row].group if 0 <= row < len(self._rows) else None

    def is_total(self, row: int) -> bool:
        return self._rows[row].style == "total"

    def text(self, row: int, column: int) -> str:
        return self._rows[row].cells[column]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if col in self.TEXT else _RIGHT
        if role == Qt.ItemDataRole.FontRole and row.style in ("section", "total"):
            return _BOLD
        if role == Qt.ItemDataRole.ForegroundRole and row.style == "part":
            return style.OVERRIDE_FG
        if role == Qt.ItemDataRole.ToolTipRole and row.cells[col]:
            return row.cells[col]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        names = self.columns()
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(names):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return names[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section in self.TEXT else _RIGHT
        return None

    def retranslate(self) -> None:
        self.set_outcome(self.outcome)


def unit_name(result: Result, code: str) -> str:
    """A budget unit's name: its facility's, or the bureau's own allocation for lines of no facility."""
    from budgetcalc.compute.classify import OWN_LEVEL

    return unit_names(result).get(code, "") if code != OWN_LEVEL else i18n.tr("unit_own_level")


def unit_names(result: Result) -> dict[str, str]:
    """Every facility code's name, built once for a table of units (not once per row)."""
    facilities = result.scenario.facilities.drop_duplicates("code")
    return {str(c): str(n or "") for c, n in zip(facilities["code"], facilities["name"], strict=True)}


def group_label(result: Result, grouping: str, key: str) -> str:
    """How an explanation names a group of lines: a unit or a code with its name, else the key itself."""
    from budgetcalc.compute.classify import OWN_LEVEL
    from budgetcalc.rules.subjects import subject_name

    if grouping == "budget_unit":
        return unit_name(result, key) if key == OWN_LEVEL else f"{key} {unit_name(result, key)}".strip()
    kind = next((kind for kind, column, _title in CODE_KINDS if column == grouping), None)
    if kind is not None:
        return f"{key or i18n.tr('code_unset')} {subject_name(kind, key)}".strip()
    return key


class UnitsModel(FilingModel):
    """分单位: each budget unit (a health centre with the clinics it manages) and its amount, then 合计."""

    COLUMNS = ("unit_col_code", "unit_col_name", "col_amount", "col_wan")
    TEXT = frozenset({0, 1})

    def _load(self, outcome: Outcome, result: Result) -> list[FilingRow]:
        from budgetcalc.compute.classify import OWN_LEVEL

        assert outcome.totals is not None
        sums = outcome.totals.groups["budget_unit"]
        order = [c for c in dict.fromkeys(result.scenario.facilities["code"]) if c in sums]   # the 机构 table's order
        listed = set(order)
        order += [c for c in sums if c not in listed]
        names = unit_names(result)
        rows = [FilingRow(("" if code == OWN_LEVEL else code,
                           i18n.tr("unit_own_level") if code == OWN_LEVEL else names.get(code, ""),
                           _yuan(sums[code]), _wan(sums[code])), ("budget_unit", code)) for code in order]
        total = outcome.totals.total_fen
        return [*rows, FilingRow(("", i18n.tr("total"), _yuan(total), _wan(total)), None, "total")]


class CodesModel(FilingModel):
    """科目: the 支出功能分类, 政府预算经济分类 and 部门预算经济分类 codes with their names and amounts."""

    COLUMNS = ("code_col_code", "code_col_name", "col_amount", "col_wan")
    TEXT = frozenset({0, 1})

    def _load(self, outcome: Outcome, result: Result) -> list[FilingRow]:
        from budgetcalc.rules.subjects import subject_name

        assert outcome.totals is not None
        rows: list[FilingRow] = []
        for kind, column, title in CODE_KINDS:
            sums = outcome.totals.groups[column]
            fen = sum(sums.values())
            rows.append(FilingRow((i18n.tr(title), "", _yuan(fen), _wan(fen)), None, "section"))
            rows += [FilingRow((code or i18n.tr("code_unset"), subject_name(kind, code), _yuan(sums[code]),
                                _wan(sums[code])), (column, code)) for code in sorted(sums)]
        return rows


LEVEL_KEYS = ("level_central", "level_province", "level_city", "level_county", "level_town")  # vocab.LEVELS


class PayersModel(FilingModel):
    """资金来源: each fund type by government level (中央 … 镇街) and in all, then 合计."""

    COLUMNS = ("payer_col_fund", *LEVEL_KEYS, "col_amount")

    def _load(self, outcome: Outcome, result: Result) -> list[FilingRow]:
        assert outcome.filing is not None
        funds = outcome.filing.fund_levels
        rows = [FilingRow((fund, *(_yuan(levels[lv]) for lv in vocab.LEVELS), _yuan(sum(levels.values()))),
                          ("fund_type", fund)) for fund, levels in funds.items()]
        totals = [sum(levels[lv] for levels in funds.values()) for lv in vocab.LEVELS]
        return [*rows, FilingRow((i18n.tr("total"), *(_yuan(f) for f in totals), _yuan(sum(totals))), None, "total")]


class CashModel(FilingModel):
    """分月用款: each standard's months (其中 rows for draws on a fund, a fund's 缺口 its own row), then 合计."""

    def columns(self) -> tuple[str, ...]:
        return (i18n.tr("cash_col_item"), *i18n.tr("cash_months").split(), i18n.tr("col_amount"))

    def _load(self, outcome: Outcome, result: Result) -> list[FilingRow]:
        assert outcome.filing is not None and outcome.totals is not None
        filing, draws = outcome.filing, outcome.totals.draws

        def row(label: str, months: dict[int, int], group: tuple[str, str] | None, kind: RowStyle) -> FilingRow:
            return FilingRow((label, *(_yuan(months[m]) for m in range(1, 13)), _yuan(sum(months.values()))),
                             group, kind)

        rows = []
        for std in result.profile.money_standards:
            if std.id in filing.monthly:
                part = std.id in draws
                rows.append(row((i18n.tr("of_which") if part else "") + std.label, filing.monthly[std.id],
                                ("standard_id", std.id), "part" if part else "item"))
            if std.id in filing.monthly_gaps:
                rows.append(row(i18n.tr("shortfall", label=std.label), filing.monthly_gaps[std.id],
                                ("standard_id", SHORTFALL + std.id), "item"))
        return [*rows, row(i18n.tr("total"), filing.monthly_total, None, "total")]


class PriorModel(FilingModel):
    """上年对比: per item 上年预算数, 本年测算数, 增减额, 增减率 and 增减原因 as the 测算表 files them, then
    上年执行数 (the 上年数 sheet's, where given)."""

    COLUMNS = ("prior_col_item", "prior_col_budget", "prior_col_current", "prior_col_delta", "prior_col_rate",
               "prior_col_cause", "prior_col_actual")
    TEXT = frozenset({0, 5})
    ACTUAL = 6

    def _load(self, outcome: Outcome, result: Result) -> list[FilingRow]:
        from budgetcalc.base.money import format_change
        from budgetcalc.filing.prior import PriorItem
        from budgetcalc.report.comparison import explain_causes, format_percent_change

        prior = outcome.filing.prior if outcome.filing is not None else None
        if prior is None:
            return []

        def cells(label: str, item: PriorItem, cause: str) -> tuple[str, ...]:
            rate = item.rate
            return (label, "" if item.prior_fen is None else _yuan(item.prior_fen), _yuan(item.current_fen),
                    format_change(item.delta_fen), "—" if rate is None else format_percent_change(rate), cause,
                    "" if item.actual_fen is None else _yuan(item.actual_fen))

        rows = []
        for item in prior.items:
            if item.shortfall:
                label = i18n.tr("shortfall", label=item.label)
            else:
                label = ("" if item.in_total else i18n.tr("of_which")) + item.label
            label += "" if item.listed else i18n.tr("prior_gone")
            cause = explain_causes(dict(item.causes), i18n.lang()) if item.causes else item.note
            sid = item.standard_id
            group = (("standard_id", (SHORTFALL if item.shortfall else "") + sid)
                     if sid is not None and item.listed else None)
            rows.append(FilingRow(cells(label, item, cause), group, "item" if item.in_total else "part"))
        total = PriorItem(None, i18n.tr("total"), prior.prior_total_fen, None, result.total_fen)
        return [*rows, FilingRow(cells(total.label, total, ""), None, "total")]

    def has_actual(self) -> bool:
        return any(r.cells[self.ACTUAL] for r in self._rows)
