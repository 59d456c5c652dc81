"""The problems panel: every problem of the input, in the command line's words; a click
jumps to the cell (or settings field, or standard) it names."""

from __future__ import annotations

from typing import Any

from .. import i18n
from ..models.problems import PROBLEM_ROLE, ProblemsModel
from ..qt import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget, Signal


class ProblemsPanel(QWidget):
    jump = Signal(object)   # the Problem clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self.title = QLabel()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setAlternatingRowColors(True)
        self.view.setMinimumHeight(self.fontMetrics().height() * 2 + 8)
        self.view.activated.connect(self._jump)
        self.view.clicked.connect(self._jump)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        self.retranslate()

    def set_problems(self, problems: tuple[Any, ...]) -> None:
        self.model.set_problems(problems)
        self._update_title()

    def _jump(self, index: Any) -> None:
        problem = index.data(PROBLEM_ROLE)
        if problem is not None:
            self.jump.emit(problem)

    def _update_title(self) -> None:
        errors, warnings = self.model.counts()
        count = i18n.tr("problems_none") if not errors and not warnings else i18n.tr(
            "problems_count", errors=errors, warnings=warnings)
        colour = "#b00020" if errors else ("#8a5a00" if warnings else "#2e7d32")
        self.title.setText(f"<b>{i18n.tr('problems_title')}</b>{i18n.colon()}"
                           f"<span style='color:{colour}'>{count}</span>")

    def retranslate(self) -> None:
        self.model.retranslate()
        self._update_title()
