"""The profile's standards as a Qt model, with this scenario's overrides marked.

Shows the catalogue's own values (the core's ``value_text``) beside the override typed
in the 标准调整 sheet and the difference the engine found (``change_text``), in the first
columns so all three are seen without scrolling; nothing is applied here — the engine
applies overrides when it computes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from budgetcalc.base.problems import Problem
from budgetcalc.inputs import editing
from budgetcalc.rules import vocab

from .. import i18n
from ..qt import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from . import style

if TYPE_CHECKING:
    from budgetcalc.rules.catalogue import Profile
    from budgetcalc.rules.kinds import Standard
    from budgetcalc.rules.values import Values

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: these are flat tables
_COLUMNS = ("std_label", "std_value", "std_override", "std_change", "std_kind", "std_effective", "std_citation")
CHANGE_COLUMN = _COLUMNS.index("std_change")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class StandardsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.profile: Profile | None = None
        self._standards: tuple[Standard, ...] = ()
        self._overrides: dict[str, tuple[int, object, object]] = {}
        self._problems: dict[str, list[Problem]] = {}
        self._values: Values | None = None

    def set_profile(self, profile: Profile | None, overrides: dict[str, tuple[int, object, object]],
                    problems: list[Problem] | None = None) -> None:
        self.beginResetModel()
        self.profile = profile
        self._standards = profile.standards if profile is not None else ()
        self._overrides = overrides
        by_row = {row: sid for sid, (row, _, _) in overrides.items()}
        self._problems = {}
        for (row, _col), found in editing.problem_cells(problems or (), vocab.SHEET_OVERRIDES).items():
            if row in by_row:
                self._problems.setdefault(by_row[row], []).extend(found)
        self.endResetModel()

    def set_values(self, values: Values | None) -> None:
        """The values of the last computation (None while the input has errors): the difference column."""
        self._values = values
        if self._standards:
            self.dataChanged.emit(self.index(0, CHANGE_COLUMN), self.index(len(self._standards) - 1, CHANGE_COLUMN))

    def standard(self, row: int) -> Standard:
        return self._standards[row]

    def override(self, standard_id: str) -> tuple[int, object, object] | None:
        return self._overrides.get(standard_id)

    def row_of(self, standard_id: str) -> int | None:
        return next((i for i, s in enumerate(self._standards) if s.id == standard_id), None)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._standards)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        std = self._standards[index.row()]
        name = _COLUMNS[index.column()]
        override = self._overrides.get(std.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(std, name, override)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if name in ("std_value", "std_override", "std_change") else _LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            if std.id in self._problems and name == "std_override":
                return style.ERROR_BG
            return style.OVERRIDE_BG if override is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and name == "std_change":
            return style.OVERRIDE_FG
        if role == Qt.ItemDataRole.ToolTipRole:
            if std.id in self._problems:
                return "\n".join(p.format(i18n.lang()) for p in self._problems[std.id])
            text = self._text(std, name, override)
            return f"{text}\n{std.summary}" if name == "std_label" and std.summary else text or None
        return None

    def _text(self, std: Standard, name: str, override: tuple[int, object, object] | None) -> str:
        from budgetcalc.report.standards import kind_name, value_text
        from budgetcalc.report.words import citation

        if name == "std_label":
            return std.label
        if name == "std_kind":
            return kind_name(std.kind, i18n.lang())
        if name == "std_value":
            return value_text(std, i18n.lang())
        if name == "std_effective":
            end = str(std.effective.end) if std.effective.end else i18n.tr("ex_open")
            return f"{std.effective.start} – {end}"
        if name == "std_citation":
            return citation(self.profile, std.clause) if self.profile is not None else std.clause
        if name == "std_change":
            from budgetcalc.report.standards import change_text

            values = self._values
            return change_text(values[std.id], i18n.lang()) if values is not None and std.id in values else ""
        if override is None:
            return i18n.tr("std_to_enter") if std.kind == "entered" else ""
        value = editing.display_text(override[1])
        number = editing.number_value(value)
        shown = editing.grouped(number) if number is not None else value
        return f"{shown}{'%' if std.kind == 'band' else ' ' + std.unit}"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return i18n.tr(_COLUMNS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if _COLUMNS[section] in ("std_value", "std_override", "std_change") else _LEFT
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_COLUMNS) - 1)
        if self._standards:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._standards) - 1, len(_COLUMNS) - 1))
