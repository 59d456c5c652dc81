"""The rows a standard addresses but pays less than its months in force, or nothing, with why.

Reads the core's ``Result.not_counted()`` frame with its messages (computed in the worker by
``scenarios.session``); the model only lays it out and says which input row each entry is.
"""

from __future__ import annotations

from typing import Any

from .. import i18n
from ..qt import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_COLUMNS = ("col_source", "col_label", "col_months_counted", "col_reason")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class NotCountedModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[tuple[str, int, str, int, str]] = []   # sheet, row, label, months, message

    def set_frame(self, frame: Any) -> None:
        self.beginResetModel()
        self._rows = [] if frame is None or frame.empty else [
            (str(s), int(r), str(label), int(m), str(msg)) for s, r, label, m, msg in
            zip(frame["sheet"], frame["row"], frame["label"], frame["months"], frame["message"], strict=True)]
        self.endResetModel()

    def entry(self, row: int) -> tuple[str, int]:
        """(sheet, Excel row) of an entry, to select it in its table."""
        sheet, excel_row, *_ = self._rows[row]
        return sheet, excel_row

    def by_sheet(self) -> dict[str, dict[int, list[str]]]:
        """Sheet → Excel row → 'standard：reason' of each entry (for the tables' row markers), in one pass."""
        out: dict[str, dict[int, list[str]]] = {}
        colon = i18n.colon()
        for s, r, label, _m, message in self._rows:
            if r:
                out.setdefault(s, {}).setdefault(r, []).append(f"{label}{colon}{message}")
        return out

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sheet, row, label, months, message = self._rows[index.row()]
        name = _COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if name == "col_source":
                return i18n.tr("ex_row_link", sheet=sheet, row=row) if row else ""
            if name == "col_label":
                return label
            if name == "col_months_counted":
                return str(months)
            return message
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if name == "col_months_counted" else _LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(_COLUMNS):
            return i18n.tr(_COLUMNS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_COLUMNS) - 1)
