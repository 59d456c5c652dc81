"""帮助 → 使用说明 (F1) and 文件 → 新建空白输入模板: what an officer looks for before the first input.

The guide is a Markdown file per language under ``resources/help/`` (kept in the bundle with
the other resources), rendered by a QTextBrowser, so it is edited as text, not code. The
template is the core's (``budgetcalc.inputs.template``), the same workbook as
``budgetcalc template``, written on the worker thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from budgetcalc.base.paths import resources_dir

from . import i18n
from .files import AppContext, ask_save_path
from .qt import (
    QAction,
    QDialog,
    QDialogButtonBox,
    QKeySequence,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from .worker import Runner

if TYPE_CHECKING:
    from .document import Document


def guide_path(lang: i18n.Lang) -> Path:
    return resources_dir() / "help" / f"guide.{lang}.md"


class GuideDialog(QDialog):
    """The user guide, non-modal so it can stay open beside the tables."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(860, 720)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(i18n.title("act_guide"))
        self.browser.setMarkdown(guide_path(i18n.lang()).read_text("utf-8"))


class HelpActions:
    """The guide and the blank template of a MainWindow."""

    # provided by MainWindow
    context: AppContext
    document: Document
    runner: Runner
    status_label: QLabel

    def _window(self) -> QWidget:
        raise NotImplementedError

    def _build_help_actions(self) -> None:
        window = self._window()
        self.guide: GuideDialog | None = None
        self.act_guide = QAction(window)
        self.act_guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.act_guide.triggered.connect(self.show_guide)
        self.act_template = QAction(window)
        self.act_template.triggered.connect(self.template_dialog)

    def retranslate_help_actions(self) -> None:
        self.act_guide.setText(i18n.tr("act_guide"))
        self.act_template.setText(i18n.tr("act_template"))
        if self.guide is not None:
            self.guide.retranslate()

    def show_guide(self) -> GuideDialog:
        if self.guide is None:
            self.guide = GuideDialog(self._window())
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def template_dialog(self) -> None:
        if self.document.shipped is None:
            return
        folder = self.context.folder("export")
        suggested = Path(folder) / i18n.tr("template_file") if folder else Path(i18n.tr("template_file"))
        path = ask_save_path(self._window(), i18n.title("act_template"), suggested, i18n.tr("filter_xlsx"), (".xlsx",))
        if path is not None:
            self.context.remember_folder("export", path)
            self.write_template(path)

    def write_template(self, path: Path) -> None:
        """The shipped catalogue's template (as the command line writes it), off the GUI thread."""
        from budgetcalc.inputs.template import write_template

        if self.document.shipped is None:
            return
        self.status_label.setText(i18n.tr("exporting", name=path.name))
        self.runner.submit(write_template, path, self.document.shipped, on_done=self._template_written,
                           on_failed=self._template_failed)

    def _template_written(self, path: Path) -> None:
        self.status_label.setText(i18n.tr("template_written", name=path.name))

    def _template_failed(self, detail: str) -> None:
        self.status_label.setText("")
        QMessageBox.critical(self._window(), i18n.tr("export_failed_title"),
                             i18n.tr("template_failed", detail=detail.strip().splitlines()[-1]))
