"""The result as Qt models: group sums (by standard, category, funding source, town) and lines.

Both read the core's result directly — the group sums the worker got from
``Result.by_*``, the lines from the columns of ``Result.lines`` as NumPy arrays taken
once — and format money with the core's ``format_yuan``/``format_wan`` only for the
cells a view paints. numpy and the money helpers are imported when the first result
arrives, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import i18n
from ..qt import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from . import style

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result
    from budgetcalc.scenarios.session import Totals

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: these are flat tables
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

GROUPINGS = ("standard_id", "category", "funding_source", "town")
GROUP_KEYS = {"standard_id": "by_standard", "category": "by_category", "funding_source": "by_funding_source",
              "town": "by_town",
              # the filing views' groups (``models.filing``): an explanation's title
              "budget_unit": "unit_col_name", "function_code": "codes_function", "gov_economic_code": "codes_gov",
              "dept_economic_code": "codes_dept", "fund_type": "payer_col_fund"}
SHORTFALL = "shortfall:"   # the key of a fund's 缺口 row among the standards


class GroupModel(QAbstractTableModel):
    """One row per group: its name, amount in 元 and in 万元."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.grouping = "standard_id"
        self._rows: list[tuple[str, str, int, bool]] = []   # key, label, fen, overridden
        self._totals: Totals | None = None
        self._result: Result | None = None

    def set_result(self, result: Result | None, totals: Totals | None) -> None:
        self._result, self._totals = result, totals
        self._load()

    def set_grouping(self, grouping: str) -> None:
        self.grouping = grouping
        self._load()

    def _load(self) -> None:
        self.beginResetModel()
        self._rows = []
        if self._totals is not None and self._result is not None:
            sums = self._totals.groups[self.grouping]
            for key, fen in sums.items():
                if self.grouping == "standard_id":
                    std = self._result.profile.standard(key)
                    part = i18n.tr("of_which") if key in self._totals.draws else ""
                    self._rows.append((key, part + std.label, fen, self._result.values[key].overridden))
                    if key in self._totals.shortfalls:
                        self._rows.append((SHORTFALL + key, i18n.tr("shortfall", label=std.label),
                                           self._totals.shortfalls[key], False))
                else:
                    self._rows.append((key, key, fen, False))
        self.endResetModel()

    def key(self, row: int) -> str:
        return self._rows[row][0]

    def row_of(self, key: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r[0] == key), None)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, label, fen, overridden = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            from budgetcalc.base.money import format_wan, format_yuan

            if col == 0:
                return label + (i18n.tr("overridden_mark") if overridden else "")
            return format_yuan(fen) if col == 1 else format_wan(fen)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if col == 0 else _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and overridden:
            return style.OVERRIDE_BG
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return key
        if role == Qt.ItemDataRole.UserRole:
            return fen
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return i18n.tr(("col_group", "col_amount", "col_wan")[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section == 0 else _RIGHT
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 2))


# line columns: (message id, result.lines column used for sorting)
_LINE_COLUMNS = (
    ("col_label", "label"), ("col_facility", "facility_name"), ("col_person", "person"), ("col_town", "town"),
    ("col_quantity", "quantity"), ("col_months", "months"), ("col_rate", "rate"), ("col_amount", "amount_fen"),
)
_BAND_COLUMNS = (("col_low", "low_fen"), ("col_high", "high_fen"))
_NUMERIC = {"quantity", "months", "amount_fen", "low_fen", "high_fen"}


class LinesModel(QAbstractTableModel):
    """The budget lines of one group (or all), sortable by any column."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._cols: dict[str, Any] = {}
        self._columns: tuple[tuple[str, str], ...] = _LINE_COLUMNS
        self._all: Any = None           # numpy index array of the group's lines
        self._order: Any = None         # view row → line number
        self._group: tuple[str, str] | None = None
        self._sort: tuple[int, bool] = (-1, False)
        self._fmt: Any = None
        self._result: Result | None = None
        self._lines: Any = None

    def set_result(self, result: Result | None, has_bands: bool = False) -> None:
        self.beginResetModel()
        self._columns = _LINE_COLUMNS + (_BAND_COLUMNS if has_bands else ())
        self._result, self._lines = result, None
        if result is None or result.lines.empty:
            self._cols = {}
        else:  # numpy and the core's money helpers load with the first result, not at start-up
            import numpy as np

            from budgetcalc.base.money import format_yuan
            from budgetcalc.compute.result import NO_TOWN
            from budgetcalc.report.explain import rate_texts

            self._fmt = format_yuan
            lines = result.lines.reset_index(drop=True)
            names = ("standard_id", "label", "category", "funding_source", "facility_code", "facility_name",
                     "person", "town", "quantity", "quantity_unit", "months", "rate_fen", "point",
                     "amount_fen", "low_fen", "high_fen", "value_source", "sheet", "row", "per", "line_kind",
                     "in_total")
            self._cols = {n: lines[n].to_numpy() for n in names}
            self._lines = lines
            self._cols["rate"] = rate_texts(result, lines, i18n.lang()).to_numpy()
            graded = self._cols["value_source"] == "grade"
            if graded.any() and "grade" in result.scenario.facilities:  # a unit's point from its 考核等次
                grades = result.scenario.facilities.drop_duplicates("code").set_index("code")["grade"]
                grade_of = lines["facility_code"].map(grades).fillna("").astype(str).to_numpy()
                before, _, after = i18n.tr("grade_mark", grade="\0").partition("\0")
                shown = grade_of[graded].astype(object)
                marks = np.where(shown != "", before + shown + after, "").astype(object)
                rates = self._cols["rate"].astype(object)
                rates[graded] = rates[graded] + marks
                self._cols["rate"] = rates
            self._cols["overridden"] = np.isin(self._cols["value_source"], ("override", "entry"))
            self._cols["unit_point"] = graded | (self._cols["overridden"] & (self._cols["point"].astype(str) != ""))
            towns = self._cols["town"]
            self._cols["town_group"] = np.where((towns == "") | (towns == None), NO_TOWN, towns)  # noqa: E711
            self._cols["facility_shown"] = np.where(self._cols["facility_name"] != "", self._cols["facility_name"],
                                                    self._cols["facility_code"])
        self._apply()
        self.endResetModel()

    def set_group(self, grouping: str | None, key: str | None) -> None:
        self.beginResetModel()
        self._group = (grouping, key) if grouping and key is not None else None
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        if not self._cols:
            self._all = self._order = None
            return
        import numpy as np

        n = len(self._cols["amount_fen"])
        if self._group is None:
            self._all = np.arange(n)
        else:
            grouping, key = self._group
            by = "town_group" if grouping == "town" else grouping
            if grouping == "standard_id":
                shortfall = key.startswith(SHORTFALL)
                kind = "shortfall" if shortfall else "standard"
                self._all = np.flatnonzero((self._cols[by] == key.removeprefix(SHORTFALL))
                                           & (self._cols["line_kind"] == kind))
            else:
                self._all = np.flatnonzero((self._cols[by] == key) & self._cols["in_total"])
        column, descending = self._sort
        if column < 0 or n == 0:
            self._order = self._all
            return
        name = self._columns[column][1]
        name = "facility_shown" if name == "facility_name" else name
        values = self._cols["rate_fen" if name == "rate" else name][self._all]
        order = np.argsort(values, kind="stable")
        self._order = self._all[order[::-1] if descending else order]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column if 0 <= column < len(self._columns) else -1, order == Qt.SortOrder.DescendingOrder)
        self._apply()
        self.endResetModel()

    def column_is_empty(self, column: int) -> bool:
        """Whether a text column (person, town) is blank on every line of the result."""
        name = self._columns[column][1]
        if name not in ("person", "town") or not self._cols:
            return False
        return not any(str(v or "") for v in self._cols[name])

    def formula(self, line: int) -> str:
        """The core's computation of one line in words (with where its point came from)."""
        if self._result is None or self._lines is None:
            return ""
        from budgetcalc.report.explain import formulas

        return str(formulas(self._result, self._lines.iloc[[line]], i18n.lang()).iloc[0])

    def line(self, view_row: int) -> int:
        """The row of ``Result.lines`` shown at ``view_row``."""
        return int(self._order[view_row])

    def view_row(self, line: int) -> int | None:
        if self._order is None:
            return None
        import numpy as np

        found = np.flatnonzero(self._order == line)
        return int(found[0]) if len(found) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() or self._order is None else len(self._order)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i = int(self._order[index.row()])
        name = self._columns[index.column()][1]
        c = self._cols
        overridden = bool(c["overridden"][i])
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "label":
                part = "" if c["in_total"][i] else i18n.tr("of_which")
                return part + str(c["label"][i]) + (i18n.tr("overridden_mark") if overridden else "")
            if name == "facility_name":
                return str(c["facility_shown"][i])
            if name == "quantity":
                return f"{int(c['quantity'][i]):,} {c['quantity_unit'][i]}"
            if name == "months":
                return "" if c["per"][i] == "once" else str(int(c["months"][i]))
            if name == "rate":
                return str(c["rate"][i])
            if name in ("amount_fen", "low_fen", "high_fen"):
                return self._fmt(int(c[name][i]))
            return str(c[name][i])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if name in _NUMERIC or name == "rate" else _LEFT
        if role == Qt.ItemDataRole.BackgroundRole and overridden and name in ("label", "rate"):
            return style.OVERRIDE_BG
        if role == Qt.ItemDataRole.ForegroundRole and name == "rate" and c["unit_point"][i]:
            return style.OVERRIDE_FG
        if role == Qt.ItemDataRole.ToolTipRole and name == "rate" and str(c["point"][i]) != "":
            return self.formula(i)   # where the band point came from: the unit's own row, its grade, 参数
        if role == Qt.ItemDataRole.UserRole:
            return i
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return i18n.tr(self._columns[section][0])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            name = self._columns[section][1]
            return _RIGHT if name in _NUMERIC or name == "rate" else _LEFT
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self._columns) - 1))
