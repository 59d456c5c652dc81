"""File → Export and File → Print: the budget sheet (测算表) of the open scenario.

The sheet is the core's (``budgetcalc.sheets.budget``), written by the same function as
``budgetcalc export`` and printed from the same PDF, so the app, the command line and
paper agree. Building a county's sheet takes a second or more, so it runs on the worker
thread; the figures are those of the document as it is now (recomputed first if an edit
has not been computed yet). An input with errors is not exported: the officer is told
how many errors the problems panel lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcalc.base.problems import errors
from budgetcalc.scenarios.names import scenario_stem

from . import i18n
from .document import Document
from .files import AppContext
from .qt import (
    QAction,
    QActionGroup,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPrinter,
    QWidget,
)
from .recalc import Recalc
from .worker import Runner

if TYPE_CHECKING:
    from budgetcalc.inputs.editing import Book
    from budgetcalc.rules.catalogue import Catalogue
    from budgetcalc.scenarios.session import Outcome
    from budgetcalc.sheets.layout import BudgetSheet, Unit

    from .print_pages import PdfPages

UNITS: tuple[Unit, ...] = ("yuan", "wan", "whole")   # whole: 整元, with the 尾差 rows the sheet then needs


@dataclass(frozen=True)
class Exported:
    """What an export job produced: the file written, or why nothing was."""

    path: Path | None = None
    pages: PdfPages | None = None
    errors: int = 0
    failure: str = ""


def _computed(outcome: Outcome | None, book: Book, catalogue: Catalogue) -> Outcome:
    """The outcome to export (computed now when the shown one is not current)."""
    if outcome is None:
        from budgetcalc.scenarios.session import evaluate

        outcome = evaluate(book, catalogue, lang=i18n.lang())
    return outcome


def _sheet(outcome: Outcome, unit: Unit, source: Path | None) -> BudgetSheet:
    from budgetcalc.sheets.budget import build_sheet
    from budgetcalc.sheets.layout import data_date_of_file

    assert outcome.result is not None
    today = date.today()
    warnings = [p for p in outcome.problems if p.severity == "warning"]
    return build_sheet(outcome.result, unit, data_date=data_date_of_file(source, today), today=today,
                       notices=warnings)


def export_job(outcome: Outcome | None, book: Book, catalogue: Catalogue, unit: Unit, source: Path | None,
               target: Path) -> Exported:
    from budgetcalc.sheets.files import write_sheet

    done = _computed(outcome, book, catalogue)
    if done.result is None:
        return Exported(errors=len(errors(done.problems)))
    try:
        write_sheet(_sheet(done, unit, source), target)
    except OSError as exc:  # held open by Excel/WPS, read-only folder, disk full: the old file is untouched
        return Exported(failure=str(exc))
    return Exported(path=target)


def print_job(outcome: Outcome | None, book: Book, catalogue: Catalogue, unit: Unit, source: Path | None) -> Exported:
    from budgetcalc.sheets.pdf import pdf_bytes

    from .print_pages import PdfPages

    done = _computed(outcome, book, catalogue)
    if done.result is None:
        return Exported(errors=len(errors(done.problems)))
    return Exported(pages=PdfPages(pdf_bytes(_sheet(done, unit, source))))


class SheetActions:
    """Export (.xlsx, .pdf), the unit of the sheet (元 / 万元) and print preview of a MainWindow."""

    # provided by MainWindow
    context: AppContext
    document: Document
    runner: Runner
    recalc: Recalc
    outcome: Outcome | None
    status_label: QLabel
    preview_shown: Any   # Signal(object): the print preview dialog, just before it runs (tests look into it)

    def _window(self) -> QWidget:
        raise NotImplementedError

    def _build_sheet_actions(self) -> None:
        window = self._window()
        self.act_export_xlsx = QAction(window)
        self.act_export_xlsx.triggered.connect(lambda: self.export_dialog(".xlsx"))
        self.act_export_pdf = QAction(window)
        self.act_export_pdf.triggered.connect(lambda: self.export_dialog(".pdf"))
        self.act_print = QAction(window)
        self.act_print.setShortcut("Ctrl+P")
        self.act_print.triggered.connect(self.print_preview)
        self.unit_group = QActionGroup(window)
        self.unit_actions: dict[Unit, QAction] = {}
        for unit in UNITS:
            action = QAction(window)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, u=unit: self.context.settings.setValue("sheet_unit", u))
            self.unit_group.addAction(action)
            self.unit_actions[unit] = action
        self.unit_actions[self.sheet_unit()].setChecked(True)

    def retranslate_sheet_actions(self) -> None:
        for action, key in ((self.act_export_xlsx, "act_export_xlsx"), (self.act_export_pdf, "act_export_pdf"),
                            (self.act_print, "act_print"), (self.unit_actions["yuan"], "unit_yuan"),
                            (self.unit_actions["wan"], "unit_wan"), (self.unit_actions["whole"], "unit_whole")):
            action.setText(i18n.tr(key))

    def sheet_unit(self) -> Unit:
        value = str(self.context.settings.value("sheet_unit", "yuan") or "yuan")
        return next((u for u in UNITS if u == value), "yuan")

    def plan_unit(self) -> Unit:
        """The rolling plan's unit: it has no 尾差 rows, so with 整元 chosen it is printed to the fen."""
        return "wan" if self.sheet_unit() == "wan" else "yuan"

    # ---------------------------------------------------------------- jobs

    def _job_args(self) -> tuple[Outcome | None, Book, Catalogue, Unit, Path | None]:
        """The figures of the document as it is now; ``None`` outcome asks the job to compute it."""
        doc = self.document
        current = self.outcome if self.recalc.current and self.outcome is not None else None
        source = None if doc.dirty else (doc.path or doc.source)
        return current, doc.book, doc.catalogue(), self.sheet_unit(), source

    def _refused(self, done: Exported) -> bool:
        if done.errors:
            QMessageBox.warning(self._window(), i18n.tr("export_refused_title"),
                                i18n.tr("export_refused", n=done.errors))
            return True
        if done.failure:
            QMessageBox.critical(self._window(), i18n.tr("export_failed_title"),
                                 i18n.tr("export_failed", detail=done.failure))
            return True
        return False

    def _sheet_job_failed(self, detail: str) -> None:
        self.status_label.setText("")
        QMessageBox.critical(self._window(), i18n.tr("app_title"), i18n.tr("internal_error", detail=detail[-2000:]))

    # ---------------------------------------------------------------- export

    def suggested_sheet_path(self, suffix: str) -> str:
        """The scenario's name in the folder of the last export (beside the scenario the first time)."""
        doc = self.document
        base = doc.path or doc.source
        name = f"{scenario_stem(base)}-{i18n.tr('sheet_file_stem')}{suffix}" if base else i18n.tr("sheet_file_stem") + suffix
        folder = self.context.folder("export")
        if folder:
            return str(Path(folder) / name)
        return str(base.with_name(name)) if base else name

    def export_dialog(self, suffix: str) -> None:
        if self.document.shipped is None:
            return
        filters = i18n.tr("filter_xlsx") if suffix == ".xlsx" else i18n.tr("filter_pdf")
        chosen, _ = QFileDialog.getSaveFileName(self._window(), i18n.title("act_export_xlsx" if suffix == ".xlsx"
                                                                        else "act_export_pdf"),
                                                self.suggested_sheet_path(suffix), filters)
        if chosen:
            path = Path(chosen)
            self.context.remember_folder("export", path)
            self.export_to(path if path.suffix.lower() == suffix else path.with_name(path.name + suffix))

    def export_to(self, path: Path) -> None:
        self.status_label.setText(i18n.tr("exporting", name=path.name))
        self.runner.submit(export_job, *self._job_args(), path, on_done=self._exported,
                           on_failed=self._sheet_job_failed)

    def _exported(self, done: Exported) -> None:
        self.status_label.setText("")
        if not self._refused(done) and done.path is not None:
            self.status_label.setText(i18n.tr("exported", name=done.path.name))

    # ---------------------------------------------------------------- print

    def print_preview(self) -> None:
        if self.document.shipped is None:
            return
        self.status_label.setText(i18n.tr("preparing_print"))
        self.runner.submit(print_job, *self._job_args(), on_done=self._show_preview, on_failed=self._sheet_job_failed)

    def _show_preview(self, done: Exported) -> None:
        from .print_pages import orientation
        from .print_preview import PrintPreview

        self.status_label.setText("")
        if self._refused(done) or done.pages is None:
            return
        pages = done.pages
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document.name or i18n.tr("sheet_file_stem"))
        printer.setPageOrientation(orientation(pages, 0))  # the print dialog's first page frame
        dialog = PrintPreview(pages, printer, self._window())
        dialog.printing_done.connect(self._printed)
        dialog.resize(1100, 800)
        self.preview_shown.emit(dialog)
        dialog.open()
        dialog.finished.connect(pages.close)
        dialog.finished.connect(dialog.deleteLater)

    def _printed(self, count: int, cancelled: bool) -> None:
        self.status_label.setText(i18n.tr("print_cancelled" if cancelled else "printed", n=count))
