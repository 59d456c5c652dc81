"""A comparison of scenarios as one table: the total, every standard, category, funding source and town.

Every figure is the core's (``budgetcalc.compare``): amounts, differences, percentages
(``percent``) and the cause split of each standard (``StandardRow.causes``, summed over
a category or funding source by ``Comparison.summed_causes``). The model only lays them
out, one column per scenario amount and, for each variant, its difference in 元, in %
and its causes. Sorting and the text filter work on a list of row numbers inside the
model; the total stays on top, as the line everything else adds up to.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..qt import QAbstractTableModel, QFont, QModelIndex, QPersistentModelIndex, Qt
from . import style
from .result import SHORTFALL

if TYPE_CHECKING:
    from budgetcalc.compare import Comparison

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
VALUE_ROLE = Qt.ItemDataRole.UserRole   # the raw figure behind a cell: fen, Decimal percent or text

# the kinds of row, in the order they are listed; "total" is the single 合计 row
KINDS = ("total", "standard_id", "category", "funding_source", "town")
KIND_KEYS = {"total": "total", "standard_id": "by_standard", "category": "by_category",
             "funding_source": "by_funding_source", "town": "by_town"}
_HEADER_KEYS = {"group": "cmp_col_group", "item": "cmp_col_item", "amount": "cmp_col_amount",
                "delta": "cmp_col_delta", "pct": "cmp_col_pct", "cause": "cmp_col_cause"}
_BOLD = QFont()
_BOLD.setBold(True)


@dataclass(frozen=True)
class CompareRow:
    """One line of the table: what it is, and the core's figures for each scenario."""

    kind: str                               # one of KINDS
    key: str                                # standard id, group name, "" for the total
    label: str
    amounts: tuple[int, ...]                # fen per scenario
    status: tuple[str, ...]                 # per scenario: both / added / removed (StandardRow.status)
    causes: tuple[dict[str, int], ...]      # per scenario: cause → fen (baseline and towns: empty)
    rates: tuple[str, ...] = ()             # per scenario: the standard's value as changed ('10,000→12,000 元/个·年')

    def cause(self, i: int) -> str:
        """'标准变化：10,000→12,000 元/个·年（提标方案） +235,333.33 元；…' in the window's language."""
        return cause_text(self.causes[i], self.rates[i] if self.rates else "")

    def delta(self, i: int) -> int:
        return self.amounts[i] - self.amounts[0]


@dataclass(frozen=True)
class Column:
    role: str        # group, item, amount, delta, pct, cause
    scenario: int    # the scenario an amount belongs to, or the variant a difference is of


def rows_of(comparison: Comparison) -> list[CompareRow]:
    """The table's rows, in listing order, straight from the comparison."""
    n = len(comparison.names)
    both = ("both",) * n
    rows = [CompareRow("total", "", i18n.tr("total"), tuple(comparison.totals_fen), both,
                       ({},) + tuple(comparison.summed_causes(i) for i in range(1, n)))]
    from budgetcalc.report.comparison import rate_change

    rows += [CompareRow("standard_id", (SHORTFALL if s.shortfall else "") + s.standard_id,
                        ("" if s.in_total else i18n.tr("of_which")) + s.label, s.amounts_fen,
                        tuple(s.status(i) for i in range(n)), s.causes,
                        ("",) + tuple(rate_change(comparison, s, i, i18n.lang()) for i in range(1, n)))
             for s in comparison.standards]
    for by in ("category", "funding_source", "town"):
        for key, amounts in comparison.grouped(by).items():
            causes = ({},) * n if by == "town" else ({},) + tuple(
                comparison.summed_causes(i, by, key) for i in range(1, n))
            rows.append(CompareRow(by, key, key, tuple(amounts), both, causes))
    return rows


def cause_text(causes: dict[str, int], rate: str = "") -> str:
    """'标准变化 +60,000.00 元；…' — the core's ``explain_causes``, in the window's language."""
    from budgetcalc.report.comparison import explain_causes

    return explain_causes(causes, i18n.lang(), rate)


def percent_of(row: CompareRow, i: int) -> Decimal | None:
    """The core's percentage of variant ``i``'s difference; None when the baseline is nothing."""
    from budgetcalc.compare import percent

    return None if row.amounts[0] == 0 else percent(row.delta(i), row.amounts[0])


class ComparisonModel(QAbstractTableModel):
    """Rows of a ``Comparison``: sortable by any column (figures by value), filtered by text and kind."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self._rows: list[CompareRow] = []
        self._columns: list[Column] = []
        self._order: list[int] = []      # view row → index in _rows
        self._sort: tuple[int, bool] = (-1, False)
        self._filter = ""
        self._kind: str | None = None    # show only this kind (besides the total), or all

    # ------------------------------------------------------------ content

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self._rows = rows_of(comparison) if comparison is not None else []
        n = len(comparison.names) if comparison is not None else 0
        self._columns = [Column("group", 0), Column("item", 0)] if comparison is not None else []
        self._columns += [Column("amount", i) for i in range(n)]
        for i in range(1, n):
            self._columns += [Column("delta", i), Column("pct", i), Column("cause", i)]
        self._apply()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip().lower()
        self._apply()
        self.endResetModel()

    def set_kind(self, kind: str | None) -> None:
        self.beginResetModel()
        self._kind = kind
        self._apply()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column if 0 <= column < len(self._columns) else -1, order == Qt.SortOrder.DescendingOrder)
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        shown = [k for k, row in enumerate(self._rows) if row.kind != "total"
                 and (self._kind is None or row.kind == self._kind) and self._matches(row)]
        column, descending = self._sort
        if column >= 0:
            col = self._columns[column]
            keyed = [(self._sort_key(self._rows[k], col), k) for k in shown]
            present = sorted((x for x in keyed if x[0] is not None), key=lambda x: x[0], reverse=descending)
            shown = [k for _, k in present] + [k for key, k in keyed if key is None]  # blanks last
        self._order = [k for k, row in enumerate(self._rows) if row.kind == "total"] + shown

    def _matches(self, row: CompareRow) -> bool:
        if not self._filter:
            return True
        text = " ".join([row.key, row.label, i18n.tr(KIND_KEYS[row.kind])]
                        + [self._cause(row, i) for i in range(1, len(row.amounts))])
        return self._filter in text.lower()

    def _sort_key(self, row: CompareRow, col: Column) -> Any:
        if col.role == "group":
            return (KINDS.index(row.kind), row.label)
        if col.role == "item":
            return row.label
        if col.role == "amount":
            return row.amounts[col.scenario]
        if col.role == "delta":
            return row.delta(col.scenario)
        if col.role == "pct":
            return percent_of(row, col.scenario)
        return self._cause(row, col.scenario) or None

    def _cause(self, row: CompareRow, i: int) -> str:
        status = {"added": i18n.tr("cmp_status_added"), "removed": i18n.tr("cmp_status_removed")}.get(row.status[i])
        text = row.cause(i)
        return f"{status}{i18n.colon()}{text}" if status and text else status or text

    # ------------------------------------------------------------ lookup

    def row(self, view_row: int) -> CompareRow:
        return self._rows[self._order[view_row]]

    def column(self, column: int) -> Column:
        return self._columns[column]

    def view_row(self, kind: str, key: str) -> int | None:
        return next((v for v, k in enumerate(self._order) if (self._rows[k].kind, self._rows[k].key) == (kind, key)),
                    None)

    def delta_column(self, i: int) -> int:
        """The column of variant ``i``'s difference in 元."""
        return self._columns.index(Column("delta", i))

    # ------------------------------------------------------------ Qt

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.row(index.row()), self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == VALUE_ROLE:
            return self._sort_key(row, col) if col.role != "group" else row.kind
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col.role in ("amount", "delta", "pct") else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.role == "cause":
                return self._cause(row, col.scenario) or None
            return row.key if col.role == "item" and row.kind == "standard_id" else None
        if role == Qt.ItemDataRole.FontRole and row.kind == "total":
            return _BOLD
        if role == Qt.ItemDataRole.BackgroundRole and any(s in ("added", "removed") for s in row.status):
            return style.OVERRIDE_BG
        if role == Qt.ItemDataRole.ForegroundRole and col.role in ("delta", "pct") and row.delta(col.scenario) < 0:
            return style.ERROR_FG
        return None

    def _display(self, row: CompareRow, col: Column) -> str:
        from budgetcalc.base.money import format_change, format_yuan
        from budgetcalc.report.comparison import format_percent_change

        if col.role == "group":
            return i18n.tr(KIND_KEYS[row.kind])
        if col.role == "item":
            return row.label
        if col.role == "amount":
            return format_yuan(row.amounts[col.scenario])
        if col.role == "delta":
            return format_change(row.delta(col.scenario))
        if col.role == "pct":
            pct = percent_of(row, col.scenario)
            return "—" if pct is None else format_percent_change(pct)
        return self._cause(row, col.scenario)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        col = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col.role in ("amount", "delta", "pct") else _LEFT
        return None

    def _header(self, col: Column) -> str:
        if col.role in ("group", "item"):
            return i18n.tr(_HEADER_KEYS[col.role])
        assert self.comparison is not None
        key = "cmp_col_baseline" if col.role == "amount" and col.scenario == 0 else _HEADER_KEYS[col.role]
        if col.role != "amount" and len(self.comparison.names) == 2:
            return i18n.tr(key)   # one variant: its difference columns need not repeat its name
        return f"{self.comparison.names[col.scenario]}\n{i18n.tr(key)}"

    def retranslate(self) -> None:
        """Labels, kinds and causes are words of the window's language: show them again."""
        if self.comparison is not None:
            self.set_comparison(self.comparison)
