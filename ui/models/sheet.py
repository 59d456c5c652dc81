"""One input table (机构, 人员, 区域) as a Qt model over the document's raw rows.

Reads straight from ``document.book[sheet]`` (no copy, nothing pre-formatted): a view
asks only for the cells it paints. Edits never touch the rows here; they go to the
document's undo stack as core edits. ``order`` maps view rows to sheet rows, so sorting
and filtering are a list of indices, and the vertical header shows the Excel row number
the problems panel and the command line talk about.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from budgetcalc.base.problems import Problem
from budgetcalc.inputs import editing

from .. import i18n
from ..document import Document
from ..qt import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from . import style

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: these are flat tables
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class SheetModel(QAbstractTableModel):
    def __init__(self, document: Document, sheet: str):
        super().__init__(document)
        self.document, self.sheet = document, sheet
        self.columns = editing.TABLES[sheet]
        self._rows = document.rows(sheet)
        self._filter = ""
        self._sort_column, self._descending = -1, False
        self._order: list[int] = []
        self._bad: dict[tuple[int, int], list[Problem]] = {}
        self._not_counted: dict[int, list[str]] = {}   # sheet row → why a standard counts it in part or not
        self._rebuild()
        document.edited.connect(self._on_edited)
        document.replaced.connect(self._on_replaced)
        document.state_changed.connect(self._on_state)
        self._read_only = document.read_only

    # ------------------------------------------------------------ shape

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def total_rows(self) -> int:
        return len(self._rows) - 1

    def row_index(self, view_row: int) -> int:
        """The sheet row (1 = first data row) shown at ``view_row``."""
        return self._order[view_row]

    def view_row(self, row_index: int) -> int | None:
        try:
            return self._order.index(row_index)
        except ValueError:
            return None

    # ------------------------------------------------------------ cells

    def _cell(self, i: int, j: int) -> object:
        row = self._rows[i]
        return row[j] if j < len(row) else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i, j = self._order[index.row()], index.column()
        column = self.columns[j]
        if role == Qt.ItemDataRole.DisplayRole:
            return editing.cell_display(self._cell(i, j), column.kind)
        if role == Qt.ItemDataRole.EditRole:
            return editing.display_text(self._cell(i, j))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.kind in ("count", "number") else _LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            return style.ERROR_BG if (i, j) in self._bad else None
        if role == Qt.ItemDataRole.ToolTipRole:
            problems = self._bad.get((i, j))
            if problems:
                return "\n".join(p.format(i18n.lang()) for p in problems)
            return None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.columns):
                return None
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return i18n.header(column) + (" *" if column.required else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                hint = f"\n{column.hint}" if column.hint else ""
                choices = f"\n{'、'.join(column.choices)}" if column.choices else ""
                need = i18n.paren(i18n.tr("required_tip")) if column.required else ""
                return f"{column.header}{need}{hint}{choices}"
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._order):
            mark = " ◐" if self._order[section] in self._not_counted else ""
            return str(self._order[section] + 1) + mark
        if role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(self._order):
            reasons = self._not_counted.get(self._order[section])
            return "\n".join([i18n.tr("nc_marker"), *reasons]) if reasons else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if self._read_only else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._read_only:
            return False
        i, j = self._order[index.row()], index.column()
        text = "" if value is None else str(value)
        if text == editing.display_text(self._cell(i, j)):
            return False
        title = i18n.tr("edit_cell", sheet=self.sheet, row=i + 1, column=self.columns[j].header)
        self.document.push(editing.SetCells(self.sheet, ((i, j, text),)), title)
        return True

    # ------------------------------------------------------------ order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column if 0 <= column < len(self.columns) else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._reset()

    def set_filter(self, text: str) -> None:
        if text == self._filter:
            return
        narrowing = bool(self._filter) and editing.normalize_text(self._filter).casefold() in \
            editing.normalize_text(text).casefold()
        kept = sorted(self._order) if narrowing else None
        self._filter = text
        self.beginResetModel()
        self._rows = self.document.rows(self.sheet)
        self._rebuild(within=kept)
        self.endResetModel()

    @property
    def filter_text(self) -> str:
        return self._filter

    def _rebuild(self, within: list[int] | None = None) -> None:
        indices: Iterable[int] = (editing.filter_rows(self._rows, self._filter, within) if self._filter
                                  else range(1, len(self._rows)))
        if self._sort_column >= 0:
            self._order = editing.sort_order(self._rows, indices, self._sort_column,
                                             self.columns[self._sort_column].kind, self._descending)
        else:
            self._order = list(indices)

    def _reset(self) -> None:
        self.beginResetModel()
        self._rows = self.document.rows(self.sheet)
        self._rebuild()
        self.endResetModel()

    # ------------------------------------------------------------ document and problems

    def _on_edited(self, edit: editing.Edit) -> None:
        if self.sheet not in editing.sheets_of(edit):
            return
        if editing.is_structural(edit):
            self._reset()
            return
        self._rows = self.document.rows(self.sheet)
        self._all_changed()

    def _on_replaced(self) -> None:
        self._bad = {}
        self._reset()

    def _on_state(self) -> None:
        self._read_only = self.document.read_only

    def set_problems(self, problems: Iterable[Problem]) -> None:
        bad = editing.problem_cells(problems, self.sheet)
        if bad != self._bad:
            self._bad = bad
            self._all_changed()

    def set_not_counted(self, by_excel_row: dict[int, list[str]]) -> None:
        """Mark the rows a standard counts in part or not at all (the reasons show as the row's tooltip)."""
        marked = {r - 1: reasons for r, reasons in by_excel_row.items()}
        if marked != self._not_counted:
            self._not_counted = marked
            if self._order:
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._order) - 1)

    def not_counted_at(self, row_index: int) -> list[str]:
        return list(self._not_counted.get(row_index, ()))

    def problems_at(self, index: Index) -> list[Problem]:
        return list(self._bad.get((self._order[index.row()], index.column()), ())) if index.isValid() else []

    def _all_changed(self) -> None:
        if self._order:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._order) - 1, len(self.columns) - 1))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self._all_changed()
