"""方案比较: 2–6 scenario files side by side, what changes between them, by how much and why.

The window computes nothing itself. The worker opens and computes the files exactly as
``budgetcalc compare`` does (``compare.load_results``), the core's ``compare`` makes the
comparison, and the window lays it out: a table with the causes of each difference, both
scenarios' explanations of a clicked figure, the core's charts and the comparison sheet.
It is non-modal, so the officer can keep editing in the main window and compare again.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import i18n
from .compare_explain import difference_html
from .explain import ExplainPanel
from .models.comparison import KINDS, ComparisonModel
from .qt import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QModelIndex,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .widgets.compare_files import CompareFiles
from .worker import Runner

if TYPE_CHECKING:
    from budgetcalc.base.problems import Problem
    from budgetcalc.compare import Comparison
    from budgetcalc.rules.catalogue import Catalogue
    from budgetcalc.scenarios.session import Totals
    from budgetcalc.sheets.layout import Unit

    from .widgets.compare_charts import ChartsPage

MAX_PROBLEMS_SHOWN = 12
_CAUSE_WIDTH = 360   # px: a cause text wider than this wraps into its tooltip


@dataclass(frozen=True)
class Compared:
    """What the worker hands back: the comparison and each result's summary, or the refused files."""

    comparison: Comparison | None
    totals: tuple[Totals, ...] = ()
    refused: tuple[tuple[Path, tuple[Problem, ...]], ...] = ()


def compare_files(paths: list[Path], catalogue: Catalogue | None) -> Compared:
    """Runs in the worker: open, compute and compare, as ``budgetcalc compare`` does."""
    from budgetcalc.compare import compare, default_names
    from budgetcalc.rules.catalogue import default_catalogue
    from budgetcalc.scenarios.opening import load_results
    from budgetcalc.scenarios.session import totals_of

    loaded = load_results(paths, catalogue or default_catalogue())
    if loaded.refused:
        return Compared(None, refused=loaded.refused)
    return Compared(compare(loaded.results, default_names(paths)), tuple(totals_of(r) for r in loaded.results))


def write_sheet_file(comparison: Comparison, unit: Unit, path: Path) -> Path:
    """Runs in the worker: the comparison sheet (with its charts) as .xlsx or .pdf, atomically."""
    from datetime import date

    from budgetcalc.sheets.comparison import build_comparison_sheet
    from budgetcalc.sheets.files import write_sheet

    return write_sheet(build_comparison_sheet(comparison, unit, today=date.today()), path)


class CompareWindow(QMainWindow):
    compared = Signal(object)    # the Comparison shown, or None when the files were refused
    exported = Signal(object)    # a Path written (comparison sheet or chart)

    def __init__(self, catalogue: Catalogue | None = None, parent: QWidget | None = None, *,
                 interactive: bool = True):
        super().__init__(parent)
        self.interactive = interactive   # False (--screenshot): refusals go to stderr, no dialog waits
        self.setWindowFlag(Qt.WindowType.Window)   # its own window even with the main window as parent
        self.catalogue = catalogue
        self.runner = Runner(self)
        self.compared_data = Compared(None)
        self.charts: ChartsPage | None = None

        self.files = CompareFiles()
        self.files.changed.connect(self._update_actions)
        self.compare_button = QPushButton()
        self.compare_button.clicked.connect(self.run_compare)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        left_layout.addWidget(self.files, 1)
        left_layout.addWidget(self.compare_button)

        self.basis_label = QLabel()
        self.basis_label.setWordWrap(True)
        self.basis_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unit_label = QLabel()
        self.unit_combo = QComboBox()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_sheet)
        header = QHBoxLayout()
        header.addWidget(self.basis_label, 1)
        header.addWidget(self.unit_label)
        header.addWidget(self.unit_combo)
        header.addWidget(self.export_button)

        self.model = ComparisonModel(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_filter)
        self.kind_combo = QComboBox()
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.view = self._table()
        self.explain = ExplainPanel()
        table_bar = QHBoxLayout()
        table_bar.addWidget(self.filter_edit, 1)
        table_bar.addWidget(self.kind_combo)
        table_top = QWidget()
        table_layout = QVBoxLayout(table_top)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(table_bar)
        table_layout.addWidget(self.view, 1)
        self.table_split = QSplitter(Qt.Orientation.Vertical)
        self.table_split.addWidget(table_top)
        self.table_split.addWidget(self.explain)
        self.table_split.setStretchFactor(0, 1)
        self.table_split.setStretchFactor(1, 1)

        self.chart_holder = QWidget()   # the charts page goes in here on the first visit of its tab
        QVBoxLayout(self.chart_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table_split, "")
        self.tabs.addTab(self.chart_holder, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 6, 6, 6)
        right_layout.addLayout(header)
        right_layout.addWidget(self.tabs, 1)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([250, 1150])
        self.setCentralWidget(self.split)
        self.resize(1400, 850)
        self.retranslate()

    def _table(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.horizontalHeader().setHighlightSections(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.selectionModel().currentChanged.connect(lambda current, _previous: self.explain_cell(current))
        view.clicked.connect(self.explain_cell)
        return view

    # ------------------------------------------------------------ files and comparing

    def set_files(self, paths: list[Path]) -> None:
        self.files.set_files(paths)

    def run_compare(self) -> None:
        paths = self.files.files()
        if not 2 <= len(paths) <= 6 or self.runner.busy:
            return
        self.statusBar().showMessage(i18n.tr("cmp_computing"))
        self.compare_button.setEnabled(False)
        self.runner.submit(compare_files, paths, self.catalogue, on_done=self._show, on_failed=self._failed)

    def _show(self, compared: Compared) -> None:
        self._update_actions()
        self.statusBar().clearMessage()
        if compared.comparison is None:
            self._refused(compared.refused)
            self.compared.emit(None)
            return
        self.compared_data = compared
        comparison = compared.comparison
        self.model.set_comparison(comparison)
        self._show_basis()
        self._fit_columns()
        if self.charts is not None:
            self.charts.set_comparison(comparison, self._folder())
        self._update_actions()
        self.view.setCurrentIndex(self.model.index(0, self.model.delta_column(1)))
        self.compared.emit(comparison)

    def _show_basis(self) -> None:
        comparison = self.compared_data.comparison
        if comparison is None:
            self.basis_label.setText(i18n.tr("cmp_hint"))
            self.basis_label.setStyleSheet("")
            return
        from budgetcalc.report.comparison import basis_note

        self.basis_label.setText(basis_note(comparison, i18n.lang()))
        self.basis_label.setStyleSheet("" if comparison.same_basis else
                                       "background:#fff0c2; color:#8a4b00; padding:3px; font-weight:600")

    def _refused(self, refused: tuple[tuple[Path, tuple[Problem, ...]], ...]) -> None:
        """Say in words which files could not be computed and why; nothing is compared."""
        lines = [f"{path.name}{i18n.colon()}{p.format(i18n.lang())}" for path, problems in refused for p in problems]
        lines += [f"{path.name}{i18n.colon()}{i18n.tr('cmp_unreadable')}" for path, problems in refused if not problems]
        if len(lines) > MAX_PROBLEMS_SHOWN:
            lines = lines[:MAX_PROBLEMS_SHOWN] + [i18n.tr("cmp_more", n=len(lines) - MAX_PROBLEMS_SHOWN)]
        if not self.interactive:
            print("\n".join(lines), file=sys.stderr)
            return
        QMessageBox.warning(self, i18n.tr("cmp_refused_title"), i18n.tr("cmp_refused", problems="\n".join(lines)))

    def _failed(self, detail: str) -> None:
        """An unexpected failure (a file vanished, a disk error): its last line, not a traceback."""
        self._update_actions()
        self.statusBar().clearMessage()
        QMessageBox.critical(self, i18n.tr("cmp_failed_title"),
                             i18n.tr("cmp_failed", detail=detail.strip().splitlines()[-1]))
        self.compared.emit(None)

    def _folder(self) -> Path:
        paths = self.files.files()
        return paths[0].parent if paths else Path.home()

    def _update_actions(self) -> None:
        self.compare_button.setEnabled(2 <= len(self.files.files()) <= 6 and not self.runner.busy)
        self.export_button.setEnabled(self.compared_data.comparison is not None and not self.runner.busy)

    # ------------------------------------------------------------ table and explanations

    def _kind_changed(self, index: int) -> None:
        self.model.set_kind(None if index <= 0 else KINDS[index])

    def explain_cell(self, index: QModelIndex) -> None:
        """A figure clicked: its difference to the baseline explained from both sides."""
        comparison = self.compared_data.comparison
        if comparison is None or not index.isValid():
            return
        row, col = self.model.row(index.row()), self.model.column(index.column())
        variant = col.scenario if col.role not in ("group", "item") and col.scenario > 0 else 1
        self.explain.setHtml(difference_html(comparison, self.compared_data.totals, row, variant))

    def _fit_columns(self) -> None:
        """Figures at their full width; the cause columns take the room left, wrapping into the tooltip."""
        view = self.view
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        for j in range(self.model.columnCount()):
            if self.model.column(j).role == "cause":
                view.setColumnWidth(j, min(view.columnWidth(j), _CAUSE_WIDTH))
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        # the table as tall as its rows (up to 60 %), the explanation below gets the rest
        total = sum(self.table_split.sizes())
        wanted = (header.height() + view.verticalHeader().length() + self.filter_edit.sizeHint().height()
                  + 4 * view.frameWidth() + 12)
        table = min(wanted, int(total * 0.6))
        self.table_split.setSizes([table, total - table])

    # ------------------------------------------------------------ charts and export

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self.charts is None:
            from .widgets.compare_charts import ChartsPage

            self.charts = ChartsPage()
            self.charts.exported.connect(self._written)
            layout = self.chart_holder.layout()
            assert layout is not None
            layout.addWidget(self.charts)
            self.charts.set_comparison(self.compared_data.comparison, self._folder())

    def export_sheet(self) -> None:
        """Ask where, then write the comparison sheet (.xlsx or .pdf) in the worker."""
        comparison = self.compared_data.comparison
        if comparison is None:
            return
        suggested = self._folder() / f"{i18n.tr('cmp_sheet_name')}.xlsx"
        chosen, chosen_filter = QFileDialog.getSaveFileName(self, i18n.title("cmp_export_sheet"), str(suggested),
                                                            i18n.tr("cmp_filter_sheet"))
        if not chosen:
            return
        from budgetcalc.sheets.files import is_sheet_file

        path = Path(chosen)
        if not is_sheet_file(path):
            path = path.with_name(path.name + (".pdf" if "pdf" in chosen_filter.lower() else ".xlsx"))
        unit: Unit = "wan" if self.unit_combo.currentIndex() == 1 else "yuan"
        self.statusBar().showMessage(i18n.tr("cmp_writing", name=path.name))
        self.export_button.setEnabled(False)
        self.runner.submit(write_sheet_file, comparison, unit, path, on_done=self._written,
                           on_failed=self._export_failed)

    def _written(self, path: Path) -> None:
        self._update_actions()
        self.statusBar().showMessage(i18n.tr("cmp_written", name=str(path)))
        self.exported.emit(path)

    def _export_failed(self, detail: str) -> None:
        self._update_actions()
        self.statusBar().clearMessage()
        QMessageBox.critical(self, i18n.tr("cmp_export_failed_title"),
                             i18n.tr("cmp_export_failed", detail=detail.strip().splitlines()[-1]))

    # ------------------------------------------------------------ language and closing

    def retranslate(self) -> None:
        self.setWindowTitle(i18n.tr("cmp_title"))
        self.files.retranslate()
        self.compare_button.setText(i18n.tr("cmp_compare"))
        self.export_button.setText(i18n.tr("cmp_export_sheet"))
        self.unit_label.setText(i18n.tr("cmp_unit"))
        kinds = [i18n.tr(key) for key in ("by_standard", "by_category", "by_funding_source", "by_town")]
        for combo, items in ((self.unit_combo, [i18n.tr("yuan"), i18n.tr("wan")]),
                             (self.kind_combo, [i18n.tr("cmp_kind_all"), *kinds])):
            chosen = max(0, combo.currentIndex())
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(items)
            combo.setCurrentIndex(chosen)
            combo.blockSignals(False)
        self.filter_edit.setPlaceholderText(i18n.tr("cmp_filter"))
        self.tabs.setTabText(0, i18n.tr("cmp_tab_table"))
        self.tabs.setTabText(1, i18n.tr("cmp_tab_charts"))
        self.model.retranslate()
        self._show_basis()
        if self.charts is not None:
            self.charts.retranslate()
        current = self.view.currentIndex()
        if current.isValid():
            self.explain_cell(current)
        else:
            self.explain.show_hint()
        self._update_actions()

    def closeEvent(self, event: Any) -> None:
        self.runner.wait()
        super().closeEvent(event)
