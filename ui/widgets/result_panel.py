"""The result: total in 元 and 万元 with 人民币大写, performance-pay band, groups and lines.

Every figure is clickable and asks for its explanation: the total (and its band ends)
through links in the summary, a group through its row, a line through its row. Below the
summary, views of the same result: 测算结果 (groups and lines), 人员配置 (norms and shares
per town), 政策目标 (targets), the filing tables (分单位, 科目, 资金来源, 分月用款, 上年对比) and the
views the window adds (逐年测算).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..delegates import TipDelegate
from ..models.not_counted import NotCountedModel
from ..models.result import GROUP_KEYS, GROUPINGS, GroupModel, LinesModel
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    Qt,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .filing_views import filing_views
from .staffing_views import FIT_ROWS, NormsView, TargetsView

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result
    from budgetcalc.scenarios.session import Outcome, Totals


STALE_GREY = "#8a8a8a"


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setItemDelegate(TipDelegate(view))   # a label cut to fit shows whole as a tooltip
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    return view


class ResultPanel(QWidget):
    total_clicked = Signal()
    group_clicked = Signal(str, str)   # grouping, key
    line_clicked = Signal(int)         # row of Result.lines
    row_clicked = Signal(str, int)     # sheet, Excel row of an input row not (fully) counted
    standard_clicked = Signal(str)     # a norm, share or target row: its standard

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: Result | None = None
        self.totals: Totals | None = None
        self.errors = 0   # errors of the input shown: the figures are then the last valid ones
        self.total_label = QLabel()
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.total_label.linkActivated.connect(lambda _link: self.total_clicked.emit())
        self.total_label.setWordWrap(True)
        self.upper_label = QLabel()
        self.upper_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.band_label = QLabel()
        self.band_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.band_label.linkActivated.connect(lambda _link: self.total_clicked.emit())
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")

        self.group_label = QLabel()
        self.group_combo = QComboBox()
        self.group_label.setBuddy(self.group_combo)
        self.group_combo.currentIndexChanged.connect(self._grouping_changed)
        self.groups = GroupModel(self)
        self.lines = LinesModel(self)
        self.group_view = _table(self.groups)
        self.group_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.group_view.selectionModel().currentRowChanged.connect(self._group_selected)
        self.group_view.clicked.connect(lambda index: self._group_selected(index, None))
        self.lines_view = _table(self.lines)
        self.lines_view.setSortingEnabled(True)
        self.lines_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.lines_view.selectionModel().currentRowChanged.connect(self._line_selected)
        self.lines_view.clicked.connect(lambda index: self._line_selected(index, None))

        summary = QVBoxLayout()
        summary.setSpacing(2)
        summary.addWidget(self.total_label)
        summary.addWidget(self.upper_label)
        summary.addWidget(self.band_label)
        summary.addWidget(self.message_label)
        grouping = QHBoxLayout()
        grouping.addWidget(self.group_label)
        grouping.addWidget(self.group_combo, 1)
        self.not_counted = NotCountedModel(self)
        self.not_counted_view = _table(self.not_counted)
        self.not_counted_view.horizontalHeader().setStretchLastSection(True)
        self.not_counted_view.clicked.connect(lambda index: self.row_clicked.emit(*self.not_counted.entry(index.row())))
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.lines_view, "")
        self.detail_tabs.addTab(self.not_counted_view, "")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.group_view)
        split.addWidget(self.detail_tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        result_box = QWidget()
        result_layout = QVBoxLayout(result_box)
        result_layout.setContentsMargins(0, 4, 0, 0)
        result_layout.addLayout(grouping)
        result_layout.addWidget(split, 1)
        self.norms_view = NormsView()
        self.targets_view = TargetsView()
        for view in (self.norms_view, self.targets_view):
            view.standard_clicked.connect(self.standard_clicked)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self._view_keys: list[str] = []
        self.add_view(result_box, "view_result")
        self.add_view(self.norms_view, "view_norms")
        self.add_view(self.targets_view, "view_targets")
        self.filing_views = filing_views()
        for key, view in self.filing_views.items():
            view.group_clicked.connect(self.group_clicked)
            view.total_clicked.connect(self.total_clicked)
            self.add_view(view, key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(summary)
        layout.addWidget(self.views, 1)
        self.setTabOrder(self.group_combo, self.group_view)
        self.setTabOrder(self.group_view, self.lines_view)
        self.retranslate()
        self.show_outcome(None)

    def add_view(self, widget: QWidget, key: str) -> None:
        """A tab of the views (its title is the message ``key``)."""
        self.views.addTab(widget, i18n.tr(key))
        self._view_keys.append(key)

    def show_view(self, key: str) -> bool:
        """Bring the view titled by message ``key`` to the front (False: no such view)."""
        if key not in self._view_keys:
            return False
        self.views.setCurrentIndex(self._view_keys.index(key))
        return True

    # ------------------------------------------------------------ content

    def show_outcome(self, outcome: Outcome | None) -> None:
        """Show an outcome; ``None`` forgets the last one (another scenario is opened).

        While the input has errors the last valid result stays, greyed, with the number of
        errors: an officer mid-edit keeps seeing the figures rather than "合计：—".
        """
        from budgetcalc.base.problems import errors

        result = outcome.result if outcome is not None else None
        self.errors = len(errors(outcome.problems)) if outcome is not None and result is None else 0
        if self.errors and self.result is not None:
            self._show_stale()
            return
        totals = outcome.totals if outcome is not None else None
        keep_group = self._current_group_key()
        self.result, self.totals = result, totals
        self.groups.set_result(result, totals)
        self.lines.set_result(result, bool(totals and totals.has_bands))
        self.not_counted.set_frame(outcome.not_counted if outcome is not None else None)
        self.norms_view.set_result(result)
        self.targets_view.set_result(result)
        for view in self.filing_views.values():
            view.set_outcome(outcome)
        self.views.setEnabled(True)
        self._tab_titles()
        self._show_summary()
        self._show_message()
        row = self.groups.row_of(keep_group) if keep_group is not None else None
        if row is not None:
            self.group_view.selectRow(row)
        else:
            self.lines.set_group(None, None)
        self.fit_columns()

    def show_total(self, outcome: Outcome) -> None:
        """The new total of an edit, before its tables follow (``show_outcome``): the figure an officer
        watches moves at once, even on a province."""
        if outcome.totals is not None:
            self.errors, self.totals = 0, outcome.totals
            self._show_summary()
            self._show_message()

    def _show_stale(self) -> None:
        self.views.setEnabled(False)   # greyed, and nothing in it can be clicked for an explanation
        self._show_summary()
        self._show_message()

    @property
    def stale(self) -> bool:
        """Whether the figures shown are the last valid result of an input that now has errors."""
        return bool(self.errors) and self.result is not None

    def _show_message(self) -> None:
        if self.stale:
            self.message_label.setText(i18n.tr("stale_result", n=self.errors))
        else:
            self.message_label.setText(i18n.tr("no_result"))
        self.message_label.setVisible(bool(self.errors))

    def _show_summary(self) -> None:
        totals = self.totals
        if totals is None:
            self.total_label.setText(f"<span style='font-size:16pt; font-weight:600'>{html.escape(i18n.tr('total'))}"
                                     f"{i18n.colon()}—</span>")
            self.upper_label.setText("")
            self.band_label.setVisible(False)
            return
        from budgetcalc.base.money import format_wan, format_yuan

        wan = f"{format_wan(totals.total_fen)} {i18n.tr('wan')}"
        figure = (f"<span style='color:{STALE_GREY}'>{format_yuan(totals.total_fen)}</span>" if self.stale else
                  f"<a href='total' style='text-decoration:none'>{format_yuan(totals.total_fen)}</a>")
        grey = f" color:{STALE_GREY};" if self.stale else ""
        self.total_label.setText(
            f"<span style='font-size:16pt; font-weight:600;{grey}'>{html.escape(i18n.tr('total'))}{i18n.colon()}"
            f"{figure} {html.escape(i18n.tr('yuan'))}</span>"
            f"<span style='font-size:12pt;{grey}'>{html.escape(i18n.paren(wan))}</span>")
        for label in (self.upper_label, self.band_label):
            label.setEnabled(not self.stale)
        self.upper_label.setText(f"{i18n.tr('upper')}{i18n.colon()}{totals.upper}")
        self.band_label.setVisible(totals.has_bands)
        if totals.has_bands:
            self.band_label.setText(
                f"{html.escape(i18n.tr('perf_band'))}{i18n.colon()}{html.escape(i18n.tr('low'))} "
                f"<a href='low'>{format_yuan(totals.low_fen)}</a> / {html.escape(i18n.tr('chosen'))} "
                f"<a href='chosen'>{format_yuan(totals.total_fen)}</a> / {html.escape(i18n.tr('high'))} "
                f"<a href='high'>{format_yuan(totals.high_fen)}</a> {html.escape(i18n.tr('yuan'))}")

    def fit_columns(self) -> None:
        view = self.lines_view
        for j in range(self.lines.columnCount()):  # no room spent on a column nobody fills
            view.setColumnHidden(j, self.lines.column_is_empty(j))
        view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        view.resizeColumnsToContents()
        widths = [0 if view.isColumnHidden(j) else min(view.columnWidth(j), 200)
                  for j in range(self.lines.columnCount())]
        room = view.viewport().width() - 2
        for j in (1, 6, 0):  # the text columns give way first, never below a readable width
            excess = sum(widths) - room
            if excess <= 0 or j >= len(widths) or not widths[j]:
                continue
            widths[j] = min(widths[j], max(widths[j] - excess, 110))
        for j, width in enumerate(widths):
            if width:
                view.setColumnWidth(j, width)
        header = self.group_view.horizontalHeader()
        metrics = self.group_view.fontMetrics()
        for j in (1, 2):
            widest = max([metrics.horizontalAdvance(str(self.groups.index(r, j).data() or ""))
                          for r in range(self.groups.rowCount())] + [
                header.fontMetrics().horizontalAdvance(str(self.groups.headerData(j, Qt.Orientation.Horizontal)))])
            self.group_view.setColumnWidth(j, widest + 24)

    # ------------------------------------------------------------ selection

    def _current_group_key(self) -> str | None:
        index = self.group_view.currentIndex()
        return self.groups.key(index.row()) if index.isValid() and index.row() < self.groups.rowCount() else None

    def _grouping_changed(self, index: int) -> None:
        if 0 <= index < len(GROUPINGS):
            self.groups.set_grouping(GROUPINGS[index])
            self.lines.set_group(None, None)
            self.fit_columns()

    def _group_selected(self, current: Any, _previous: Any) -> None:
        if not current.isValid() or current.row() >= self.groups.rowCount():
            return
        key = self.groups.key(current.row())
        self.lines.set_group(self.groups.grouping, key)
        self.group_clicked.emit(self.groups.grouping, key)

    def _line_selected(self, current: Any, _previous: Any) -> None:
        if current.isValid() and current.row() < self.lines.rowCount():
            self.line_clicked.emit(self.lines.line(current.row()))

    def select_line(self, line: int) -> None:
        row = self.lines.view_row(line)
        if row is None:
            self.group_view.clearSelection()
            self.lines.set_group(None, None)
            row = self.lines.view_row(line)
        if row is not None:
            self.lines_view.selectRow(row)
            self.lines_view.scrollTo(self.lines.index(row, 0))

    def select_group(self, grouping: str, key: str) -> None:
        if grouping not in GROUPINGS:   # a filing view's group: that view keeps its own selection
            return
        self.group_combo.setCurrentIndex(GROUPINGS.index(grouping))
        row = self.groups.row_of(key)
        if row is not None:
            self.group_view.selectRow(row)

    def _tab_titles(self) -> None:
        self.detail_tabs.setTabText(0, i18n.tr("lines_title"))
        self.detail_tabs.setTabText(1, i18n.tr("nc_count", n=self.not_counted.rowCount()))

    def retranslate(self) -> None:
        self._tab_titles()
        for n, key in enumerate(self._view_keys):
            self.views.setTabText(n, i18n.tr(key))
        self.norms_view.retranslate()
        self.targets_view.retranslate()
        for view in self.filing_views.values():
            view.retranslate()
        self.not_counted.retranslate()
        self.group_label.setText(i18n.tr("group_by"))
        current = max(0, self.group_combo.currentIndex())
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.group_combo.addItems([i18n.tr(GROUP_KEYS[g]) for g in GROUPINGS])
        self.group_combo.setCurrentIndex(current)
        self.group_combo.blockSignals(False)
        self._show_message()
        self.groups.retranslate()
        self.lines.retranslate()
        if self.totals is not None:
            self._show_summary()
            self.fit_columns()
