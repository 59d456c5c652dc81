"""人员配置 and 政策目标: the core's norms, shares and targets of the result shown, as tables.

A row clicked asks for its standard's explanation (value, clause, document), like a figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import i18n
from ..models.staffing import NormsModel, SharesModel, TargetsModel
from ..qt import (
    QAbstractItemView,
    QEvent,
    QHeaderView,
    QLabel,
    QObject,
    QSplitter,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result

MAX_TEXT_WIDTH = 320


def table_view(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


FIT_ROWS = 100   # rows a column's width is measured on: every outcome refits, and a province has 150,000


class _FitWhenShown(QObject):
    """Fits a table the next time it is shown: a tab the officer is not looking at is not measured
    at every outcome (a dozen tables, each edit), only when it is opened."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.stretch_last: bool | None = None
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.stretch_last is not None and isinstance(watched, QTableView):
            stretch, self.stretch_last = self.stretch_last, None
            _fit_now(watched, stretch)
        return False


def fit(view: QTableView, stretch_last: bool = False) -> None:
    if not view.isVisible():
        fitter = getattr(view, "fit_when_shown", None)
        if fitter is None:
            fitter = view.fit_when_shown = _FitWhenShown(view)
        fitter.stretch_last = stretch_last
        return
    _fit_now(view, stretch_last)


def _fit_now(view: QTableView, stretch_last: bool) -> None:
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    view.resizeColumnsToContents()
    model = view.model()
    for j in range(model.columnCount()):
        view.setColumnWidth(j, min(view.columnWidth(j), MAX_TEXT_WIDTH))
    view.horizontalHeader().setStretchLastSection(stretch_last)


class _Titled(QWidget):
    def __init__(self, view: QTableView, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.view = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(view, 1)


class NormsView(QWidget):
    standard_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.norms = NormsModel(self)
        self.shares = SharesModel(self)
        self.norms_view = table_view(self.norms)
        self.shares_view = table_view(self.shares)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555")
        self.norms_box, self.shares_box = _Titled(self.norms_view), _Titled(self.shares_view)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.norms_box)
        self.split.addWidget(self.shares_box)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.split, 1)
        for view, model in ((self.norms_view, self.norms), (self.shares_view, self.shares)):
            view.clicked.connect(lambda index, m=model: self.standard_clicked.emit(m.standard_id(index.row())))
        self.retranslate()
        self.set_result(None)

    def set_result(self, result: Result | None) -> None:
        self.norms.set_result(result)
        self.shares.set_result(result)
        self._lay_out()

    def _lay_out(self) -> None:
        has_norms, has_shares = self.norms.rowCount() > 0, self.shares.rowCount() > 0
        self.norms_box.setVisible(has_norms)
        self.shares_box.setVisible(has_shares)
        self.hint.setVisible(not has_norms and self.norms.result is not None)
        fit(self.norms_view)
        fit(self.shares_view)
        over = NormsModel.COLUMNS.index("norm_col_over")   # only when a town has more than a range allows
        self.norms_view.setColumnHidden(over, not any(self.norms.text(r, over) for r in range(self.norms.rowCount())))

    def retranslate(self) -> None:
        self.norms_box.title.setText(f"<b>{i18n.tr('norms_title')}</b>")
        self.shares_box.title.setText(f"<b>{i18n.tr('shares_title')}</b>")
        self.hint.setText(i18n.tr("norms_none"))
        self.norms.retranslate()
        self.shares.retranslate()
        self._lay_out()


class TargetsView(QWidget):
    standard_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = TargetsModel(self)
        self.view = table_view(self.model)
        self.view.clicked.connect(lambda index: self.standard_clicked.emit(self.model.standard_id(index.row())))
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        self.retranslate()
        self.set_result(None)

    def set_result(self, result: Result | None) -> None:
        self.model.set_result(result)
        self.hint.setVisible(result is not None and self.model.rowCount() == 0)
        fit(self.view, stretch_last=True)

    def retranslate(self) -> None:
        self.hint.setText(i18n.tr("targets_none"))
        self.model.retranslate()
        fit(self.view, stretch_last=True)
