"""逐年测算: the scenario carried forward year by year, as a table and the core's chart.

The years are ``budgetcalc project``'s — ``planning.projection.project`` on the worker
thread, with the scenario the main result was computed from — so a year's figures are
exactly ``compute`` for that year under the 规划 sheet's rules. The page recomputes when it
is shown and the input or the years have changed. 导出滚动规划表 writes the core's 三年滚动
规划 sheet (``sheets.rolling``) as .xlsx or .pdf, atomically. matplotlib's Qt canvas is
imported on the first chart, never at start-up.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..models.projection import Projected, ProjectionModel, project_job
from ..qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from budgetcalc.planning.projection import Projection
    from budgetcalc.rules.catalogue import Catalogue
    from budgetcalc.scenarios.session import Outcome
    from budgetcalc.sheets.layout import Unit

    from ..worker import Runner

FIRST_YEAR, LAST_YEAR = 2000, 2100
DELAY_MS = 300          # a run when the spin boxes rest, not one per click


def write_rolling_plan(projection: Projection, unit: Unit, path: Path) -> Path:
    """Runs in the worker: the 三年滚动规划 (or 逐年测算) sheet as .xlsx or .pdf, atomically."""
    from budgetcalc.sheets.files import write_sheet
    from budgetcalc.sheets.rolling import build_rolling_plan

    return write_sheet(build_rolling_plan(projection, unit, today=date.today()), path)


class ProjectionPage(QWidget):
    projected = Signal(object)   # every Projected shown (tests and screenshots wait on it)
    exported = Signal(object)    # the Path written

    def __init__(self, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.catalogue: Catalogue | None = None
        self.outcome: Outcome | None = None
        self.shown: Projected = Projected()
        self.folder = Path()
        self.stem = ""
        self.unit: Any = lambda: "yuan"   # the sheet unit chosen in 文件 → 导出测算表
        self._defaults_for: int | None = None   # the budget year the spin boxes were defaulted from
        self._running = False
        self._again = False
        self._canvas: Any = None
        self._canvas_class: Any = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._auto_run)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.from_spin, self.to_spin = QSpinBox(), QSpinBox()
        for spin in (self.from_spin, self.to_spin):
            spin.setRange(FIRST_YEAR, LAST_YEAR)
            spin.setGroupSeparatorShown(False)
            spin.setKeyboardTracking(False)
        self.from_label.setBuddy(self.from_spin)
        self.to_label.setBuddy(self.to_spin)
        self.from_spin.valueChanged.connect(self._from_changed)
        self.to_spin.valueChanged.connect(lambda _v: self._timer.start())
        self.run_button, self.export_button = QPushButton(), QPushButton()
        self.run_button.clicked.connect(self.run_now)
        self.export_button.clicked.connect(self.export_dialog)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.model = ProjectionModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.horizontalHeader().setHighlightSections(False)
        self.assumptions = QLabel()
        self.assumptions.setWordWrap(True)
        self.assumptions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.assumptions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.view, 1)
        table_layout.addWidget(self.assumptions)
        self.chart_box = QWidget()
        self._chart_layout = QVBoxLayout(self.chart_box)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(table_box)
        self.split.addWidget(self.chart_box)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)

        bar = QHBoxLayout()
        bar.addWidget(self.from_label)
        bar.addWidget(self.from_spin)
        bar.addSpacing(8)
        bar.addWidget(self.to_label)
        bar.addWidget(self.to_spin)
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.split, 1)
        self.retranslate()
        self._update_actions()

    # ------------------------------------------------------------ input

    def set_outcome(self, outcome: Outcome | None, catalogue: Catalogue | None, folder: Path | None = None,
                    stem: str = "") -> None:
        """The main result changed: default the years from its budget year, compute again if on view."""
        self.outcome, self.catalogue = outcome, catalogue
        self.folder, self.stem = folder or Path(), stem
        result = outcome.result if outcome is not None else None
        if result is not None and self._defaults_for != result.scenario.settings.year:
            self.set_years(result.scenario.settings.year, result.scenario.settings.year + 2)
            self._defaults_for = result.scenario.settings.year
        if result is None:
            self._timer.stop()
            self.status.setText(i18n.tr("proj_no_result"))
        elif self.isVisible():
            self._timer.start()   # a burst of edits folds into one run
        else:
            self.status.setText(i18n.tr("proj_hint") if not self.shown.years else i18n.tr("proj_stale"))
        self._update_actions()

    def set_years(self, first: int, last: int) -> None:
        for spin in (self.from_spin, self.to_spin):
            spin.blockSignals(True)
        self.from_spin.setValue(first)
        self._limit_to()
        self.to_spin.setValue(last)
        for spin in (self.from_spin, self.to_spin):
            spin.blockSignals(False)
        self._timer.start()

    def _limit_to(self) -> None:
        from budgetcalc.planning.projection import MAX_YEARS

        first = self.from_spin.value()
        self.to_spin.setRange(first, min(LAST_YEAR, first + MAX_YEARS - 1))

    def _from_changed(self, _value: int) -> None:
        self._limit_to()
        self._timer.start()

    def years(self) -> tuple[int, int]:
        return self.from_spin.value(), self.to_spin.value()

    @property
    def current(self) -> bool:
        """The projection shown is of the main result shown and the years asked."""
        outcome = self.outcome
        return (outcome is not None and outcome.result is not None and bool(self.shown.years)
                and self.shown.revision == outcome.revision and self.shown.key == self.years())

    @property
    def pending(self) -> bool:
        return self._running or self._timer.isActive()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self.current:
            self._timer.start()

    # ------------------------------------------------------------ running

    def _auto_run(self) -> None:
        if self.isVisible():
            self.run_now()

    def run_now(self) -> None:
        self._timer.stop()
        outcome = self.outcome
        if outcome is None or outcome.result is None or self.catalogue is None:
            return
        if self._running:
            self._again = True
            return
        if self.current:
            return
        first, last = self.years()
        self._running, self._again = True, False
        self.status.setText(i18n.tr("proj_computing", first=first, last=last))
        self._update_actions()
        self.runner.submit(project_job, outcome.result.scenario, self.catalogue, first, last, outcome.revision,
                           on_done=self._done, on_failed=self._failed)

    def _done(self, projected: Projected) -> None:
        self._running = False
        outcome = self.outcome
        fresh = outcome is not None and projected.revision == outcome.revision and projected.key == self.years()
        if fresh:
            self._show(projected)
        if self._again or (self.isVisible() and not self.current and outcome is not None
                           and outcome.result is not None):
            self._again = False
            self.run_now()
        self._update_actions()
        if fresh:
            self.projected.emit(projected)

    def _failed(self, detail: str) -> None:
        self._running, self._again = False, False
        self.status.setText(i18n.tr("proj_failed", detail=detail.strip().splitlines()[-1]))
        self._update_actions()

    def _show(self, projected: Projected) -> None:
        self.shown = projected
        self.model.set_projected(projected)
        years = projected.years
        self.status.setText(i18n.tr("proj_range", first=years[0], last=years[-1]) if years else "")
        self._show_assumptions()
        self._fit_columns()
        self._draw(projected.figure)
        self._split_sizes()

    def _show_assumptions(self) -> None:
        """The core's assumptions of the years (in its words), numbered."""
        sep = "；" if i18n.lang() == "zh" else "; "
        self.assumptions.setText(f"<b>{html.escape(i18n.tr('proj_assumptions'))}</b>{i18n.colon()}" + sep.join(
            html.escape(f"{i}. {text}") for i, text in enumerate(self.shown.assumptions, start=1)))

    def _fit_columns(self) -> None:
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        self.view.setColumnWidth(0, min(self.view.columnWidth(0), 260))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def _split_sizes(self) -> None:
        """The table as tall as its rows and the assumptions (at most half), the chart the rest."""
        total = sum(self.split.sizes()) or self.split.height()
        view = self.view
        width = max(self.assumptions.width(), self.split.width(), 200)
        wanted = (view.horizontalHeader().height() + view.verticalHeader().length() + 2 * view.frameWidth()
                  + (view.horizontalScrollBar().sizeHint().height() if view.horizontalScrollBar().isVisible() else 0)
                  + self.assumptions.heightForWidth(width) + 12)
        table = min(wanted, total // 2)
        self.split.setSizes([table, total - table])

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.shown.years:
            self._split_sizes()

    def _draw(self, figure: Any) -> None:
        if self._canvas is not None:
            self._chart_layout.removeWidget(self._canvas)
            self._canvas.deleteLater()
            self._canvas = None
        if figure is None:
            return
        if self._canvas_class is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

            self._canvas_class = FigureCanvasQTAgg
        self._canvas = self._canvas_class(figure)
        self._canvas.setMinimumHeight(160)
        self._chart_layout.addWidget(self._canvas, 1)

    def _update_actions(self) -> None:
        has_result = self.outcome is not None and self.outcome.result is not None
        self.run_button.setEnabled(has_result and not self._running)
        self.export_button.setEnabled(self.current and not self._running)

    # ------------------------------------------------------------ export

    def export_dialog(self) -> None:
        from ..files import ask_save_path

        if not self.current:
            return
        suggested = self.folder / f"{self.stem + '-' if self.stem else ''}{i18n.tr('proj_sheet_stem')}.xlsx"
        path = ask_save_path(self, i18n.title("proj_export"), suggested, i18n.tr("proj_filter"), (".xlsx", ".pdf"))
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        projection = self.shown.projection
        if projection is None:
            return
        self.status.setText(i18n.tr("proj_exporting", name=path.name))
        self.export_button.setEnabled(False)
        self.runner.submit(write_rolling_plan, projection, self.unit(), path, on_done=self._written,
                           on_failed=self._export_failed)

    def _written(self, path: Path) -> None:
        self._update_actions()
        self.status.setText(i18n.tr("proj_exported", name=str(path)))
        self.exported.emit(path)

    def _export_failed(self, detail: str) -> None:
        self._update_actions()
        self.status.setText("")
        QMessageBox.critical(self, i18n.tr("export_failed_title"),
                             i18n.tr("export_failed", detail=detail.strip().splitlines()[-1]))

    # ------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.from_label.setText(i18n.tr("proj_from"))
        self.to_label.setText(i18n.tr("proj_to"))
        self.run_button.setText(i18n.tr("proj_run"))
        self.export_button.setText(i18n.tr("proj_export"))
        self.model.retranslate()
        if self.shown.years:
            self._show_assumptions()
            years = self.shown.years
            if not self.pending:
                self.status.setText(i18n.tr("proj_range", first=years[0], last=years[-1]))
        elif not self.pending:
            self.status.setText(i18n.tr("proj_hint"))
