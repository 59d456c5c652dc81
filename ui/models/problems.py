"""The problems panel's model: the core's Problem values, worded by ``Problem.format``."""

from __future__ import annotations

from typing import Any

from budgetcalc.base.problems import Problem, errors

from .. import i18n
from ..qt import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from . import style

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: these are flat tables
PROBLEM_ROLE = int(Qt.ItemDataRole.UserRole)


class ProblemsModel(QAbstractListModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._problems: tuple[Problem, ...] = ()

    def set_problems(self, problems: tuple[Problem, ...]) -> None:
        if problems == self._problems:
            return
        self.beginResetModel()
        # errors first, in the order the command line prints them
        found = errors(problems)
        self._problems = tuple(found) + tuple(p for p in problems if p not in found)
        self.endResetModel()

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._problems

    def counts(self) -> tuple[int, int]:
        n_errors = len(errors(self._problems))
        return n_errors, len(self._problems) - n_errors

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        problem = self._problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return problem.format(i18n.lang())
        if role == Qt.ItemDataRole.ForegroundRole:
            return style.ERROR_FG if problem.severity == "error" else style.WARNING_FG
        if role == PROBLEM_ROLE:
            return problem
        return None

    def retranslate(self) -> None:
        if self._problems:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._problems) - 1, 0))
