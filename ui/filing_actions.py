"""File → 导出绩效目标申报表 and 导出预算系统导入文件: what the bureau files beside the 测算表.

Both files are written by the functions ``budgetcalc performance`` and ``budgetcalc system``
call (``sheets.performance.build_performance_sheet``, ``sheets.budget_system`` with the
shipped default column mapping), on the worker thread, from the figures of the document as
it is now — so the app and the command line write the same file. An input with errors is
not exported; a file held open elsewhere is left as it was (the writes are atomic).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcalc.base.problems import errors
from budgetcalc.scenarios.names import scenario_stem

from . import i18n
from .document import Document
from .files import AppContext, ask_save_path
from .qt import QAction, QLabel, QMenu, QMessageBox, QWidget
from .worker import Runner

if TYPE_CHECKING:
    from budgetcalc.inputs.editing import Book
    from budgetcalc.rules.catalogue import Catalogue
    from budgetcalc.scenarios.session import Outcome

    from .recalc import Recalc

PERFORMANCE, SYSTEM = "performance", "system"
SUFFIXES = {PERFORMANCE: (".xlsx", ".pdf"), SYSTEM: (".xlsx", ".csv")}
_FILTERS = {".xlsx": "filter_xlsx", ".pdf": "filter_pdf", ".csv": "filter_csv"}
_ACTIONS = {".xlsx": "act_export_xlsx", ".pdf": "act_export_pdf", ".csv": "act_export_csv"}


@dataclass(frozen=True)
class Filed:
    """What a filing export produced: the file written (with the mapping used), or why nothing was."""

    path: Path | None = None
    mapping: str = ""
    errors: int = 0
    failure: str = ""


def filing_job(kind: str, outcome: Outcome | None, book: Book, catalogue: Catalogue, target: Path) -> Filed:
    """Runs in the worker: compute (unless ``outcome`` is current), then write the 申报表 or the import file."""
    if outcome is None:
        from budgetcalc.scenarios.session import evaluate

        outcome = evaluate(book, catalogue, lang=i18n.lang())
    result = outcome.result
    if result is None:
        return Filed(errors=len(errors(outcome.problems)))
    try:
        if kind == PERFORMANCE:
            from budgetcalc.sheets.files import write_sheet
            from budgetcalc.sheets.performance import build_performance_sheet

            write_sheet(build_performance_sheet(result, today=date.today()), target)
            return Filed(path=target)
        from budgetcalc.sheets.budget_system import MappingError, load_mapping, write_system_file

        try:
            mapping = load_mapping()
        except MappingError as exc:   # the shipped mapping edited into something unusable
            return Filed(failure=str(exc))
        write_system_file(result, target, mapping)
        return Filed(path=target, mapping=mapping.name)
    except OSError as exc:  # held open by Excel/WPS, read-only folder, disk full: the old file is untouched
        return Filed(failure=str(exc))


class FilingActions:
    """The two filing exports of a MainWindow, each as a submenu of its file types."""

    # provided by MainWindow
    context: AppContext
    document: Document
    runner: Runner
    recalc: Recalc
    outcome: Outcome | None
    status_label: QLabel

    def _window(self) -> QWidget:
        raise NotImplementedError

    def _build_filing_actions(self) -> list[QMenu]:
        window = self._window()
        self.filing_menus: dict[str, QMenu] = {}
        self.filing_actions: dict[tuple[str, str], QAction] = {}
        for kind in (PERFORMANCE, SYSTEM):
            menu = QMenu(window)
            for suffix in SUFFIXES[kind]:
                action = QAction(window)
                action.triggered.connect(lambda _=False, k=kind, s=suffix: self.filing_dialog(k, s))
                menu.addAction(action)
                self.filing_actions[(kind, suffix)] = action
            self.filing_menus[kind] = menu
        return list(self.filing_menus.values())

    def retranslate_filing_actions(self) -> None:
        for kind, menu in self.filing_menus.items():
            menu.setTitle(i18n.tr(f"menu_{kind}"))
        for (_kind, suffix), action in self.filing_actions.items():
            action.setText(i18n.tr(_ACTIONS[suffix]))

    def filing_dialog(self, kind: str, suffix: str) -> None:
        if self.document.shipped is None:
            return
        doc = self.document
        base = doc.path or doc.source
        stem = i18n.tr("perf_file_stem" if kind == PERFORMANCE else "system_file_stem")
        name = f"{scenario_stem(base)}-{stem}{suffix}" if base is not None else stem + suffix
        suggested = base.with_name(name) if base is not None else Path(name)
        path = ask_save_path(self._window(), i18n.title(f"menu_{kind}"), suggested, i18n.tr(_FILTERS[suffix]),
                             (suffix,))
        if path is not None:
            self.file_to(kind, path)

    def file_to(self, kind: str, path: Path) -> None:
        current = self.outcome if self.recalc.current and self.outcome is not None else None
        self.status_label.setText(i18n.tr("exporting", name=path.name))
        self.runner.submit(filing_job, kind, current, self.document.book, self.document.catalogue(), path,
                           on_done=lambda done: self._filed(kind, done), on_failed=self._filing_failed)

    def _filed(self, kind: str, done: Filed) -> None:
        self.status_label.setText("")
        window = self._window()
        if done.errors:
            QMessageBox.warning(window, i18n.title(f"menu_{kind}"), i18n.tr("filing_refused", n=done.errors))
        elif done.failure:
            QMessageBox.critical(window, i18n.tr("export_failed_title"), i18n.tr("filing_failed", detail=done.failure))
        elif done.path is not None:
            self.status_label.setText(i18n.tr("exported_perf", name=done.path.name) if kind == PERFORMANCE else
                                      i18n.tr("exported_system", name=done.path.name, mapping=done.mapping))

    def _filing_failed(self, detail: str) -> None:
        self.status_label.setText("")
        QMessageBox.critical(self._window(), i18n.tr("app_title"), i18n.tr("internal_error", detail=detail[-2000:]))
