"""The main window: lays out the panels and wires the document to the core's outcome.

It holds no figures of its own: tables show the document's raw rows, the result panel
the core's result, the problems panel the reader's problems, the explanation panel the
core's formula and citation. File work (open, save, locks, autosave, recovery) is the
``FileActions`` mixin in ``ui.files``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcalc import __version__
from budgetcalc.base.problems import Problem
from budgetcalc.compute.traces import LINE_KEY
from budgetcalc.inputs import editing
from budgetcalc.rules import vocab
from budgetcalc.scenarios.names import scenario_stem

from . import error_log, i18n, translations
from .document import Document
from .explain import ExplainPanel, group_html, line_html, standard_html, total_html
from .files import AppContext, FileActions, warm_up
from .filing_actions import FilingActions
from .help import HelpActions
from .models.result import GROUP_KEYS, SHORTFALL
from .qt import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .recalc import Recalc
from .sheet_actions import SheetActions
from .widgets.problems_panel import ProblemsPanel
from .widgets.projection_page import ProjectionPage
from .widgets.result_panel import ResultPanel
from .widgets.settings_panel import SettingsPanel
from .widgets.standards_page import StandardsPage
from .widgets.table_page import TablePage
from .worker import Runner

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result
    from budgetcalc.rules.catalogue import Catalogue
    from budgetcalc.scenarios.session import Outcome, Totals

    from .compare_window import CompareWindow
    from .widgets.solver_dialog import SolverDialog

TABLE_SHEETS = (vocab.SHEET_FACILITIES, vocab.SHEET_STAFF, vocab.SHEET_REGIONS, vocab.SHEET_PLAN, vocab.SHEET_GRADES,
                vocab.SHEET_PAYERS, vocab.SHEET_PRIOR, vocab.SHEET_PROJECTS)
MIN_SIZE = (1180, 680)     # below this the total wraps and the tables lose their key columns
SCREEN_SHARE = 0.9         # a first start fills most of the screen
# the filing tables (资金分担, 上年数, 绩效目标) come after 政策标准, which keeps its Ctrl+7
TAB_KEYS = ("tab_settings", "tab_facilities", "tab_staff", "tab_regions", "tab_plan", "tab_grades", "tab_standards",
            "tab_payers", "tab_prior", "tab_projects")
TAB_SHORTCUTS = 9          # Ctrl+1 … Ctrl+9




def _line_key(result: Result, line: int) -> tuple[object, ...]:
    """What identifies a budget line across recomputations (its position may change)."""
    rec = result.lines.iloc[line]
    return tuple(rec[c] for c in LINE_KEY)


def _find_line(result: Result, key: tuple[object, ...]) -> int | None:
    lines = result.lines
    if lines.empty:
        return None
    match = (lines[list(LINE_KEY)] == list(key)).all(axis=1).to_numpy()
    found = match.nonzero()[0]
    return int(found[0]) if len(found) else None


def _group_fen(totals: Totals, grouping: str, key: str) -> int | None:
    """A group's amount as the result panel lists it (a fund's 缺口 is a row of its own)."""
    if grouping == "standard_id" and key.startswith(SHORTFALL):
        return totals.shortfalls.get(key.removeprefix(SHORTFALL))
    return totals.groups.get(grouping, {}).get(key)


class MainWindow(FileActions, SheetActions, FilingActions, HelpActions, QMainWindow):
    computed = Signal(object)    # every Outcome shown (tests and --screenshot wait on it)
    opened = Signal(object)      # a Loaded shown (or refused)
    catalogue_ready = Signal()
    preview_shown = Signal(object)  # the print preview dialog, as it opens

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.document = Document(self)
        self.runner = Runner(self)
        self.recalc = Recalc(self.document, self.runner, self)
        self.outcome: Outcome | None = None
        self._lock_on: Path | None = None
        self._explained: tuple[str, Any] | None = None
        self._loading = False
        self._laid_out = False

        self.settings_panel = SettingsPanel(self.document)
        self.pages = {sheet: TablePage(self.document, sheet) for sheet in TABLE_SHEETS}
        self.standards_page = StandardsPage(self.document)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.settings_panel, "")
        for page in self.pages.values():
            self.tabs.addTab(page, "")
        self.tabs.insertTab(TAB_KEYS.index("tab_standards"), self.standards_page, "")
        self.result_panel = ResultPanel()
        self.projection_page = ProjectionPage(self.runner)
        self.projection_page.unit = self.plan_unit
        self.result_panel.add_view(self.projection_page, "view_projection")
        self.solver_dialog: SolverDialog | None = None
        self.explain = ExplainPanel()
        self.explain_title = QLabel()
        explain_box = QWidget()
        explain_layout = QVBoxLayout(explain_box)
        explain_layout.setContentsMargins(4, 0, 4, 4)
        explain_layout.setSpacing(2)
        explain_layout.addWidget(self.explain_title)
        explain_layout.addWidget(self.explain)
        self.problems_panel = ProblemsPanel()

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.result_panel)
        right.addWidget(explain_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.tabs)
        top.addWidget(right)
        top.setStretchFactor(0, 11)
        top.setStretchFactor(1, 9)
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top)
        main.addWidget(self.problems_panel)
        main.setStretchFactor(0, 5)
        main.setStretchFactor(1, 1)
        self.splitters = (right, top, main)
        self.setCentralWidget(main)

        self.status_label = QLabel()
        self.timing_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.timing_label)

        self._build_actions()
        self._connect()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(context.autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        translations.use_language(i18n.lang())
        self.retranslate()
        self._restore_geometry()

    # ================================================================ building

    def _action(self, shortcut: Any = None, slot: Any = None, *, checkable: bool = False) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if slot is not None:
            action.triggered.connect(slot)
        action.setCheckable(checkable)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.act_new = self._action(key.New, lambda: self.new_scenario())
        self.act_open = self._action(key.Open, lambda: self.open_dialog())
        self.act_save = self._action(key.Save, lambda: self.save())
        self.act_save_as = self._action("Ctrl+Shift+S", lambda: self.save_as())
        self.act_save_variant = self._action(None, lambda: self.save_as_variant())
        self.act_compare = self._action(None, lambda: self.open_comparison())
        self.act_quit = self._action(key.Quit, self.close)
        stack = self.document.undo_stack
        self.act_undo = self._action(key.Undo, stack.undo)
        self.act_redo = self._action(["Ctrl+Y", "Ctrl+Shift+Z"], stack.redo)
        for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged, stack.redoTextChanged):
            signal.connect(self._update_undo_texts)
        # copy/paste/clear are handled by the focused table itself; the menu entries show the keys
        self.act_copy = self._action(None, lambda: self._on_page("copy"))
        self.act_copy.setShortcut(QKeySequence(key.Copy))
        self.act_paste = self._action(None, lambda: self._on_page("paste"))
        self.act_paste.setShortcut(QKeySequence(key.Paste))
        self.act_clear = self._action(None, lambda: self._on_page("clear_cells"))
        self.act_clear.setShortcut(QKeySequence(key.Delete))
        for action in (self.act_copy, self.act_paste, self.act_clear):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_add_row = self._action(["Ctrl+Ins", "Ctrl+="], lambda: self._on_page("add_row"))
        self.act_dup_row = self._action("Ctrl+D", lambda: self._on_page("duplicate_rows"))
        self.act_del_row = self._action(["Ctrl+Del", "Ctrl+-"], lambda: self._on_page("delete_rows"))
        self.act_find = self._action(key.Find, self._focus_filter)
        self.act_lang_zh = self._action(None, lambda: self.set_language("zh"), checkable=True)
        self.act_lang_en = self._action(None, lambda: self.set_language("en"), checkable=True)
        self.act_about = self._action(None, self._about)
        self.act_recompute_new = self._action(None, self.recompute_with_new_standards)
        self.act_projection = self._action(None, self.show_projection)
        self.act_solver = self._action(None, lambda: self.open_solver())
        self.tab_actions = [self._action(f"Ctrl+{n + 1}", lambda _=False, n=n: self.tabs.setCurrentIndex(n))
                            for n in range(min(self.tabs.count(), TAB_SHORTCUTS))]
        for action in self.tab_actions:
            self.addAction(action)

        bar = self.menuBar()
        self.menu_file = QMenu(self)
        self.menu_recent = QMenu(self)
        self._build_help_actions()
        self.menu_file.addActions([self.act_new, self.act_open])
        self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addAction(self.act_template)
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_save, self.act_save_as, self.act_save_variant])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_compare)
        self.menu_file.addSeparator()
        self._build_sheet_actions()
        self.menu_export = QMenu(self)
        self.menu_export.addActions([self.act_export_xlsx, self.act_export_pdf])
        self.menu_export.addSeparator()
        self.menu_export.addActions(list(self.unit_actions.values()))
        self.menu_file.addMenu(self.menu_export)
        for menu in self._build_filing_actions():
            self.menu_file.addMenu(menu)
        self.menu_file.addAction(self.act_print)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = QMenu(self)
        self.menu_edit.addActions([self.act_undo, self.act_redo])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.act_copy, self.act_paste, self.act_clear])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.act_add_row, self.act_dup_row, self.act_del_row])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.act_find, self.act_recompute_new])
        self.menu_plan = QMenu(self)
        self.menu_plan.addActions([self.act_projection, self.act_solver])
        self.menu_view = QMenu(self)
        self.menu_lang = QMenu(self)
        self.menu_lang.addActions([self.act_lang_zh, self.act_lang_en])
        self.menu_view.addMenu(self.menu_lang)
        self.menu_help = QMenu(self)
        self.menu_help.addActions([self.act_guide, self.act_about])
        for menu in (self.menu_file, self.menu_edit, self.menu_plan, self.menu_view, self.menu_help):
            bar.addMenu(menu)

    def _connect(self) -> None:
        doc = self.document
        doc.state_changed.connect(self._update_title)
        # another scenario's figures are no "last valid result" of this one
        doc.replaced.connect(lambda: self.result_panel.show_outcome(None))
        self.recalc.started.connect(lambda: self.timing_label.setText(i18n.tr("computing")))
        self.recalc.total_ready.connect(self.result_panel.show_total)
        self.recalc.finished.connect(self._show_outcome)
        self.recalc.failed.connect(self._internal_error)
        self.problems_panel.jump.connect(self.jump_to_problem)
        self.result_panel.total_clicked.connect(self.explain_total)
        self.result_panel.group_clicked.connect(self.explain_group)
        self.result_panel.line_clicked.connect(self.explain_line)
        self.explain.row_link.connect(self.show_input_row)
        self.result_panel.row_clicked.connect(self.select_input_row)
        self.result_panel.standard_clicked.connect(self.explain_standard)
        self.explain.staff_link.connect(self.show_staff_of)
        self.explain.line_link.connect(self.result_panel.select_line)
        self.explain.group_link.connect(lambda sid: self.result_panel.select_group("standard_id", sid))
        self.settings_panel.recent_activated.connect(lambda path: self.open_path(Path(path)) if path else None)
        self.settings_panel.recompute_with_new.connect(self.recompute_with_new_standards)
        self.settings_panel.new_requested.connect(lambda: self.new_scenario())
        self.settings_panel.open_requested.connect(self.open_dialog)

    # ================================================================ start

    def start(self, path: Path | None = None) -> None:
        """Called once the window is shown: load the catalogue in the background, then open."""
        self.status_label.setText(i18n.tr("loading"))
        self.runner.submit(warm_up, on_done=lambda catalogue: self._catalogue_loaded(catalogue, path),
                           on_failed=self._catalogue_failed)

    def _catalogue_loaded(self, catalogue: Catalogue, path: Path | None) -> None:
        self.document.shipped = catalogue
        self.settings_panel.set_profiles(catalogue.profiles)
        self.status_label.setText("")
        self.catalogue_ready.emit()
        if self.context.interactive and self.offer_recovery():
            return
        if path is not None:
            self.open_path(path)
        else:
            self.new_scenario(ask=False)

    def _catalogue_failed(self, detail: str) -> None:
        QMessageBox.critical(self, i18n.tr("app_title"), detail.strip().splitlines()[-1])

    # ================================================================ outcome and explanations

    def _show_outcome(self, outcome: Outcome) -> None:
        self.outcome = outcome
        problems = outcome.problems
        self.problems_panel.set_problems(problems)
        for page in self.pages.values():
            page.model.set_problems(problems)
        self.settings_panel.set_problems(problems)
        self.standards_page.set_problems(problems)
        self.standards_page.set_values(outcome.result.values if outcome.result is not None else None)
        explained = self._explained
        self.result_panel.show_outcome(outcome)
        marks = self.result_panel.not_counted.by_sheet()
        for sheet, page in self.pages.items():
            page.model.set_not_counted(marks.get(sheet, {}))
        base = self.document.path or self.document.source
        self.projection_page.set_outcome(outcome, self.document.catalogue(), base.parent if base else None,
                                         scenario_stem(base) if base else "")
        self._explain_again(explained)
        self.timing_label.setText(i18n.tr("computed_in", ms=outcome.elapsed_ms))
        self.computed.emit(outcome)

    def _explain_again(self, explained: tuple[str, Any] | None) -> None:
        """After a recompute, explain the same figure with its new numbers (if it still exists)."""
        result = self.outcome.result if self.outcome else None
        kind, value = explained if explained is not None else ("", None)
        if result is None:
            self._explained = None
            self.explain.show_hint()
        elif kind in ("", "total"):  # nothing chosen yet: the total explains itself
            self.explain_total()
        elif kind == "standard":
            if isinstance(value, str) and result.profile.has(value):
                self.explain_standard(value)
            else:
                self.explain_total()
        elif kind == "group":
            grouping, key = value if isinstance(value, tuple) else ("", "")
            if self.outcome and self.outcome.totals and _group_fen(self.outcome.totals, grouping, key) is not None:
                self.result_panel.select_group(grouping, key)
                self.explain_group(grouping, key)
            else:
                self.explain_total()
        else:
            found = _find_line(result, value) if isinstance(value, tuple) else None
            if found is None:
                self.explain_total()
            else:
                self.result_panel.select_line(found)
                self.explain_line(found)

    def explain_total(self) -> None:
        if self.outcome and self.outcome.result is not None and self.outcome.totals is not None:
            self._explained = ("total", None)
            self.explain.setHtml(total_html(self.outcome.result, self.outcome.totals))

    def explain_group(self, grouping: str, key: str) -> None:
        outcome = self.outcome
        if outcome is None or outcome.result is None or outcome.totals is None:
            return
        fen = _group_fen(outcome.totals, grouping, key) or 0
        self._explained = ("group", (grouping, key))
        title = i18n.tr(GROUP_KEYS[grouping])
        self.explain.setHtml(group_html(outcome.result, grouping, key, fen, title))

    def explain_line(self, line: int) -> None:
        if self.outcome and self.outcome.result is not None and line < len(self.outcome.result.lines):
            self._explained = ("line", _line_key(self.outcome.result, line))
            self.explain.setHtml(line_html(self.outcome.result, line))

    def explain_standard(self, standard_id: str) -> None:
        """A norm, share or target row clicked: its standard as applied (value, clause, document)."""
        result = self.outcome.result if self.outcome else None
        if result is None or not result.profile.has(standard_id):
            return
        std = result.standard(standard_id)
        self._explained = ("standard", standard_id)
        value = result.values[standard_id] if standard_id in result.values else None
        self.explain.setHtml(standard_html(result.profile, std, value))

    def show_input_row(self, line: int) -> None:
        """Select the facility or staff row a line was computed from."""
        if not self.outcome or self.outcome.result is None:
            return
        rec = self.outcome.result.lines.iloc[line]
        page = self.pages.get(str(rec["sheet"]))
        if page is not None and int(rec["row"]) >= 2:
            self.tabs.setCurrentWidget(page)
            page.select_row(int(rec["row"]) - 1)

    def show_staff_of(self, line: int) -> None:
        if not self.outcome or self.outcome.result is None:
            return
        code = str(self.outcome.result.lines.iloc[line]["facility_code"])
        page = self.pages[vocab.SHEET_STAFF]
        self.tabs.setCurrentWidget(page)
        page.filter_edit.setText(code)

    def jump_to_problem(self, problem: Problem) -> None:
        page = self.pages.get(problem.sheet)
        if page is not None and problem.row is not None and problem.row >= 2:
            self.tabs.setCurrentWidget(page)
            headers = [c.header for c in page.model.columns]
            page.select_cell(problem.row - 1, headers.index(problem.column) if problem.column in headers else 0)
        elif problem.sheet == vocab.SHEET_SETTINGS or problem.column in editing.SETTING_NAMES:
            self.tabs.setCurrentWidget(self.settings_panel)
            self.settings_panel.focus_setting(problem.column)
        elif problem.sheet == vocab.SHEET_OVERRIDES and problem.row is not None:
            self.tabs.setCurrentWidget(self.standards_page)
            rows = self.document.rows(vocab.SHEET_OVERRIDES)
            if 1 <= problem.row - 1 < len(rows) and rows[problem.row - 1]:
                self.standards_page.select_standard(editing.display_text(rows[problem.row - 1][0]))
        elif "standard_id" in problem.params_dict():
            self.tabs.setCurrentWidget(self.standards_page)
            self.standards_page.select_standard(problem.params_dict()["standard_id"])

    def select_input_row(self, sheet: str, excel_row: int) -> None:
        """Show an input row (of a not-counted entry) in its table."""
        page = self.pages.get(sheet)
        if page is not None and excel_row >= 2:
            self.tabs.setCurrentWidget(page)
            page.select_cell(excel_row - 1, 0)

    def _reexplain(self) -> None:
        self._explain_again(self._explained)

    # ================================================================ pages and actions

    def current_page(self) -> TablePage | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, TablePage) else None

    def _on_page(self, method: str) -> None:
        page = self.current_page()
        if page is not None:
            getattr(page, method)()

    def _focus_filter(self) -> None:
        page = self.current_page()
        if page is not None:
            page.filter_edit.setFocus()
            page.filter_edit.selectAll()

    def recompute_with_new_standards(self) -> None:
        self.document.use_shipped_standards()

    def show_projection(self) -> None:
        self.result_panel.views.setCurrentWidget(self.projection_page)

    def open_solver(self, standard_id: str | None = None) -> SolverDialog | None:
        """预算上限测算 (window-modal): the core's answer first, the override only when applied."""
        from .widgets.solver_dialog import SolverDialog

        if self.document.shipped is None:
            return None
        if self.solver_dialog is not None:
            self.solver_dialog.deleteLater()
        dialog = SolverDialog(self.document, self.runner, self)
        if standard_id is None:
            chosen = self.standards_page.selected_standard()
            standard_id = chosen.id if chosen is not None else None
        if standard_id is not None:
            dialog.select(standard_id)
        dialog.applied.connect(lambda _solution: self.status_label.setText(dialog.applied_text))
        self.solver_dialog = dialog
        dialog.open()
        return dialog

    def set_language(self, lang: i18n.Lang) -> None:
        i18n.set_lang(lang)
        translations.use_language(lang)
        self.context.settings.setValue("lang", lang)
        self.retranslate()
        self.recalc.refresh()

    def retranslate(self) -> None:
        t = i18n.tr
        for action, key in ((self.act_new, "act_new"), (self.act_open, "act_open"), (self.act_save, "act_save"),
                            (self.act_save_as, "act_save_as"), (self.act_quit, "act_quit"),
                            (self.act_copy, "act_copy"), (self.act_paste, "act_paste"), (self.act_clear, "act_clear"),
                            (self.act_add_row, "act_add_row"), (self.act_dup_row, "act_dup_row"),
                            (self.act_del_row, "act_del_row"), (self.act_find, "act_find"),
                            (self.act_lang_zh, "lang_zh"), (self.act_lang_en, "lang_en"),
                            (self.act_about, "act_about"), (self.act_recompute_new, "act_recompute_new"),
                            (self.act_save_variant, "cmp_act_save_variant"), (self.act_compare, "cmp_act_compare"),
                            (self.act_projection, "act_projection"), (self.act_solver, "act_solver")):
            action.setText(t(key))
        self.retranslate_sheet_actions()
        self.retranslate_filing_actions()
        self.retranslate_help_actions()
        self._update_undo_texts()
        self.act_lang_zh.setChecked(i18n.lang() == "zh")
        self.act_lang_en.setChecked(i18n.lang() == "en")
        for menu, key in ((self.menu_file, "menu_file"), (self.menu_edit, "menu_edit"), (self.menu_plan, "menu_plan"),
                          (self.menu_view, "menu_view"),
                          (self.menu_lang, "menu_lang"), (self.menu_help, "menu_help"),
                          (self.menu_recent, "menu_recent"), (self.menu_export, "menu_export")):
            menu.setTitle(t(key))
        for n, key in enumerate(TAB_KEYS):
            self.tabs.setTabText(n, t(key))
        self.explain_title.setText(f"<b>{t('explain_title')}</b>")
        self.settings_panel.retranslate()
        for page in self.pages.values():
            page.retranslate()
        self.standards_page.retranslate()
        self.result_panel.retranslate()
        self.projection_page.retranslate()
        self.problems_panel.retranslate()
        self._update_recent()
        self._update_title()
        self._reexplain()
        if self.compare_window is not None:
            self.compare_window.retranslate()

    def _update_undo_texts(self, *_: object) -> None:
        """'撤销 修改 机构 第3行 [数量]': what Ctrl+Z will undo, in the current language."""
        stack = self.document.undo_stack
        try:
            stack.count()
        except RuntimeError:  # the window is being destroyed: the stack has gone first
            return
        for action, key, can, text in ((self.act_undo, "act_undo", stack.canUndo(), stack.undoText()),
                                       (self.act_redo, "act_redo", stack.canRedo(), stack.redoText())):
            action.setEnabled(can)
            action.setText(f"{i18n.tr(key)} {text}".strip() if can else i18n.tr(key))

    def _update_title(self) -> None:
        doc = self.document
        name = doc.name or i18n.tr("untitled")
        tag = i18n.tr("read_only_tag") if doc.read_only else ""
        self.setWindowTitle(f"{name}[*]{tag} — {i18n.tr('app_title')}")
        self.setWindowModified(doc.dirty)
        self.act_save.setEnabled(doc.shipped is not None)

    compare_window: CompareWindow | None = None

    def open_comparison(self, files: list[Path] | None = None) -> CompareWindow:
        """Show 方案比较 (one window, kept between uses), starting from ``files`` or this scenario's file(s)."""
        from .compare_window import CompareWindow

        files = self.comparison_files() if files is None else files
        if self.compare_window is None:
            self.compare_window = CompareWindow(self.document.shipped, self, interactive=self.context.interactive)
            self.compare_window.set_files(files)
        else:
            self.compare_window.retranslate()
            if files and not set(files) <= set(self.compare_window.files.files()):
                self.compare_window.set_files(files)
        self.compare_window.show()
        self.compare_window.raise_()
        self.compare_window.activateWindow()
        return self.compare_window

    def _about(self) -> None:
        QMessageBox.about(self, i18n.tr("app_title"), i18n.tr("about", version=__version__))

    def _internal_error(self, detail: str) -> None:
        """A bug of ours: one sentence and the log file that holds the traceback; the window stays usable."""
        self.timing_label.setText("")
        log = error_log.record(self.context.data_dir, detail)
        message = i18n.tr("internal_error", detail=error_log.summary(detail),
                          log=str(log) if log else i18n.tr("internal_error_no_log"))
        if not self.context.interactive:
            print(message, file=sys.stderr)
            return
        QMessageBox.critical(self, i18n.tr("app_title"), message)

    # ================================================================ closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.recalc.cancel()
        self.runner.wait()
        self._set_lock(None)
        self._remove_autosave()
        self.context.settings.setValue("geometry", self.saveGeometry())
        self.context.settings.setValue("splitters", [s.saveState() for s in self.splitters])
        event.accept()

    def _restore_geometry(self) -> None:
        """The last session's geometry when it still fits; otherwise most of the screen, centred."""
        geometry = self.context.settings.value("geometry")
        if geometry is not None and self.context.interactive and self.restoreGeometry(geometry) and self._fits():
            return
        room = self.screen().availableGeometry()
        width, height = int(room.width() * SCREEN_SHARE), int(room.height() * SCREEN_SHARE)
        self.setGeometry(room.x() + (room.width() - width) // 2, room.y() + (room.height() - height) // 2,
                         width, height)

    def _fits(self) -> bool:
        """Whether a restored geometry is usable: on a screen, and not below the minimum size there.

        A window saved small (708×666 on another monitor) wraps the total and hides columns; one
        saved on a monitor since unplugged opens where nobody sees it. Either is ignored.
        """
        screen = QGuiApplication.screenAt(self.geometry().center())
        if screen is None:
            return False
        room = screen.availableGeometry()  # on a screen smaller than the minimum, as big as a first start will do
        least = (min(MIN_SIZE[0], int(room.width() * SCREEN_SHARE)), min(MIN_SIZE[1], int(room.height() * SCREEN_SHARE)))
        return self.width() >= least[0] and self.height() >= least[1] and room.intersects(self.geometry())

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._laid_out:
            return
        self._laid_out = True
        states = self.context.settings.value("splitters") if self.context.interactive else None
        if isinstance(states, list) and len(states) == len(self.splitters):
            for splitter, state in zip(self.splitters, states, strict=True):
                splitter.restoreState(state)
            return
        self.lay_out()

    def lay_out(self) -> None:
        """Default proportions: the tables a little wider than the result, a slim problems strip."""
        right, top, main = self.splitters
        width, height = max(self.width(), 800), max(self.height(), 500)
        problems = self.fontMetrics().height() * 4 + 12
        main.setSizes([height - problems, problems])
        top.setSizes([int(width * 0.56), width - int(width * 0.56)])
        right.setSizes([int((height - problems) * 0.56), (height - problems) - int((height - problems) * 0.56)])
