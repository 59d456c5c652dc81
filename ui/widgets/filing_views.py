"""分单位, 科目, 资金来源, 分月用款 and 上年对比: the filing tables of the result shown, one view each.

A row that stands for lines (a unit, a code, a fund type, a standard) asks for the explanation
of that group, like a group of the 测算结果 view; a 合计 row explains the total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import i18n
from ..models.filing import CashModel, CodesModel, FilingModel, PayersModel, PriorModel, UnitsModel
from ..qt import QLabel, QVBoxLayout, QWidget, Signal
from .staffing_views import fit, table_view

if TYPE_CHECKING:
    from budgetcalc.scenarios.session import Outcome

TEXT_WIDTH = 180   # 上年对比's item and reason columns wrap at this width, so the 增减 columns stay in sight


class FilingView(QWidget):
    group_clicked = Signal(str, str)   # line column, key
    total_clicked = Signal()

    def __init__(self, model: FilingModel, note_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self.note_key = note_key
        self.view = table_view(model)
        self.view.clicked.connect(lambda index: self._clicked(index.row()))
        self.view.selectionModel().currentRowChanged.connect(lambda current, _previous: self._clicked(current.row()))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def _clicked(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        group = self.model.group(row)
        if group is not None:
            self.group_clicked.emit(*group)
        elif self.model.is_total(row):
            self.total_clicked.emit()

    def set_outcome(self, outcome: Outcome | None) -> None:
        self.model.set_outcome(outcome)
        self._lay_out()

    def _lay_out(self) -> None:
        fit(self.view)

    def retranslate(self) -> None:
        self.note.setText(i18n.tr(self.note_key))
        self.model.retranslate()
        self._lay_out()


class PriorView(FilingView):
    """上年对比, or why there is none (nothing entered on the 上年数 tab yet)."""

    model: PriorModel

    def __init__(self, parent: QWidget | None = None):
        super().__init__(PriorModel(), "prior_note", parent)
        self.view.setWordWrap(True)

    def _lay_out(self) -> None:
        outcome = self.model.outcome
        has_prior = bool(self.model.rowCount())
        self.view.setVisible(has_prior)
        known = outcome is not None and outcome.result is not None
        self.note.setText(i18n.tr("prior_note" if has_prior or not known else "prior_none"))
        self.view.setColumnHidden(PriorModel.ACTUAL, not self.model.has_actual())
        fit(self.view)
        for column in PriorModel.TEXT:
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), TEXT_WIDTH))
        self.view.resizeRowsToContents()


def filing_views() -> dict[str, FilingView]:
    """The views by the message id of their tab title, in the order they are shown."""
    return {
        "view_units": FilingView(UnitsModel(), "units_note"),
        "view_codes": FilingView(CodesModel(), "codes_note"),
        "view_payers": FilingView(PayersModel(), "payers_note"),
        "view_cash": FilingView(CashModel(), "cash_note"),
        "view_prior": PriorView(),
    }
