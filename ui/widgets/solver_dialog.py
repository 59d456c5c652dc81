"""预算上限测算: the largest value of one adjustable item whose grand total fits a ceiling.

The answer is the core's (``planning.solver.solve``, on the worker thread, every trial an
exact computation), worded by ``report.solution``; a question without an answer shows the
core's ``refusal_text`` and nothing can be applied. Nothing changes until 应用到本方案:
the value is then written as a 标准调整 row (reason 预算上限测算) through the document's
undo stack — the same edit the standards page makes — so the main result recomputes with it
and Ctrl+Z takes it back. A count of new facilities is not an override: the dialog says so.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budgetcalc.inputs import editing
from budgetcalc.rules import vocab

from .. import i18n
from ..document import Document
from ..qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from budgetcalc.inputs.editing import Book, Edit
    from budgetcalc.planning.solver import Solution, Vary
    from budgetcalc.rules.catalogue import Catalogue
    from budgetcalc.rules.kinds import Standard

    from ..worker import Runner

_VARY_KEYS = {"point": "solver_vary_point", "rate": "solver_vary_rate", "count": "solver_vary_count"}


@dataclass(frozen=True)
class Solved:
    """What a solve job hands back: the solution and its words, or the refusal's words."""

    solution: Solution | None = None
    text: str = ""
    refused: bool = False
    errors: int = 0


def solve_job(book: Book, catalogue: Catalogue, ceiling_fen: int, standard_id: str, vary: Vary,
              low: Decimal | None, high: Decimal | None, lang: i18n.Lang) -> Solved:
    """Runs in the worker: read the sheets as the command line does, then ``budgetcalc solve``."""
    from budgetcalc.base.problems import errors
    from budgetcalc.inputs.reader import read_sheets
    from budgetcalc.planning.solver import SolveRefused, solve
    from budgetcalc.report.solution import refusal_text, solution_text

    read = read_sheets(book, catalogue)
    if read.scenario is None:
        return Solved(errors=len(errors(read.problems)))
    try:
        solution = solve(read.scenario, catalogue, ceiling_fen, standard_id, vary, low, high)
    except SolveRefused as refused:
        return Solved(text=refusal_text(refused, lang), refused=True)
    return Solved(solution, solution_text(solution, lang))


def override_edit(book: Book, solution: Solution) -> Edit:
    """The 标准调整 row the solution stands for: the scenario's value of the standard (all units, all years).

    The solver replaces the standard's general row and keeps a unit's own row and a row from a
    later year; ``set_override`` writes the first row without a unit, so a row that starts in a
    later year is left alone here and a general row is written (or added) instead.
    """
    from budgetcalc.planning.solver import SOLVER_REASON, Vary

    sid, sheet = solution.standard_id, vocab.SHEET_OVERRIDES
    value = f"{solution.value}%" if solution.vary == Vary.POINT else f"{solution.value}"
    rows = book[sheet]
    year_column = next(i for i, c in enumerate(vocab.OVERRIDE_COLUMNS) if c.key == "from_year")
    general = [i for i, _v, _r, unit, _q in editing.entries_of(book, sid) if not unit]
    plain = [i for i in general if not editing.display_text(rows[i][year_column] if len(rows[i]) > year_column
                                                            else "")]
    if general and general[0] not in plain:
        if plain:
            return editing.SetCells(sheet, ((plain[0], 1, value), (plain[0], 2, SOLVER_REASON)))
        width = len(vocab.OVERRIDE_COLUMNS)
        return editing.InsertRows(sheet, ((len(rows), (sid, value, SOLVER_REASON) + ("",) * (width - 3)),))
    return editing.set_override(book, sid, value, SOLVER_REASON)


class SolverDialog(QDialog):
    """Ask the ceiling and the item; show the core's answer; apply it only when asked."""

    solved = Signal(object)      # every Solved shown (tests wait on it)
    applied = Signal(object)     # the Solution written into 标准调整

    def __init__(self, document: Document, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.runner = document, runner
        self.setWindowTitle(i18n.tr("solver_title"))
        self.result_shown: Solved = Solved()
        self._asked: tuple[object, ...] | None = None   # the question the shown answer is for
        self._running = False
        catalogue = document.catalogue()
        pid = document.profile_id()
        profile = catalogue.profile(pid) if catalogue.has_profile(pid) else None
        from budgetcalc.planning.solver import adjustable

        self.standards: list[Standard] = [s for s in (profile.standards if profile is not None else ())
                                          if adjustable(s)]
        self.intro = QLabel(i18n.tr("solver_intro"))
        self.intro.setWordWrap(True)
        self.standard_box = QComboBox()
        for std in self.standards:
            self.standard_box.addItem(f"{std.label}（{std.clause}）" if i18n.lang() == "zh"
                                      else f"{std.label} ({std.clause})", std.id)
            self.standard_box.setItemData(self.standard_box.count() - 1, std.id, Qt.ItemDataRole.ToolTipRole)
        self.vary_label = QLabel(i18n.tr("solver_vary"))
        self.vary_box = QComboBox()
        self.ceiling_edit = QLineEdit()
        self.low_edit, self.high_edit = QLineEdit(), QLineEdit()
        for edit in (self.ceiling_edit, self.low_edit, self.high_edit):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.textChanged.connect(self._question_changed)
        self.ceiling_edit.setPlaceholderText("4000000")
        self.standard_box.currentIndexChanged.connect(self._standard_changed)
        self.vary_box.currentIndexChanged.connect(self._vary_changed)

        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.setTextFormat(Qt.TextFormat.RichText)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.solve_button = QPushButton(i18n.tr("solver_run"))
        self.solve_button.setDefault(True)
        self.solve_button.clicked.connect(self.run_solve)
        self.apply_button = QPushButton(i18n.tr("solver_apply"))
        self.apply_button.clicked.connect(self.apply)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(i18n.tr("solver_close"))
        self.buttons.addButton(self.solve_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ApplyRole)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(i18n.tr("solver_standard"), self.standard_box)
        form.addRow(self.vary_label, self.vary_box)
        form.addRow(i18n.tr("solver_ceiling"), self.ceiling_edit)
        form.addRow(i18n.tr("solver_low"), self.low_edit)
        form.addRow(i18n.tr("solver_high"), self.high_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.answer, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        if not self.standards:
            self.error_label.setText(i18n.tr("solver_none"))
        self._standard_changed(self.standard_box.currentIndex())
        self.resize(max(620, self.sizeHint().width()), self.sizeHint().height())

    # ------------------------------------------------------------ the question

    def standard(self) -> Standard | None:
        index = self.standard_box.currentIndex()
        return self.standards[index] if 0 <= index < len(self.standards) else None

    def select(self, standard_id: str, vary: str | None = None) -> None:
        index = self.standard_box.findData(standard_id)
        if index >= 0:
            self.standard_box.setCurrentIndex(index)
        if vary is not None:
            found = self.vary_box.findData(vary)
            if found >= 0:
                self.vary_box.setCurrentIndex(found)

    def vary(self) -> Vary | None:
        from budgetcalc.planning.solver import Vary

        data = self.vary_box.currentData()
        return Vary(data) if data else None

    def _standard_changed(self, _index: int) -> None:
        from budgetcalc.planning.solver import adjustable

        std = self.standard()
        self.vary_box.blockSignals(True)
        self.vary_box.clear()
        for kind in adjustable(std) if std is not None else ():
            self.vary_box.addItem(i18n.tr(_VARY_KEYS[kind.value], **({"unit": getattr(std, "unit", "")}
                                                                     if kind.value == "rate" else {})), kind.value)
        self.vary_box.blockSignals(False)
        several = self.vary_box.count() > 1
        self.vary_label.setVisible(several)
        self.vary_box.setVisible(several)
        self._vary_changed(self.vary_box.currentIndex())

    def _vary_changed(self, _index: int) -> None:
        std, vary = self.standard(), self.vary_box.currentData()
        low, high = "", ""
        if std is not None and vary == "point":
            from budgetcalc.report.standards import number

            low, high = f"{number(getattr(std, 'low'))}%", f"{number(getattr(std, 'high'))}%"   # a band's ends
        elif vary == "rate":
            low, high = i18n.tr("solver_default_current"), i18n.tr("solver_default_max")
        elif vary == "count":
            from budgetcalc.planning.solver import MAX_COUNT

            low, high = i18n.tr("solver_default_zero"), f"{MAX_COUNT:,}"
        self.low_edit.setPlaceholderText(i18n.tr("solver_default", value=low) if low else "")
        self.high_edit.setPlaceholderText(i18n.tr("solver_default", value=high) if high else "")
        self._question_changed()

    def _question_changed(self, *_: object) -> None:
        """Any change of the question: the answer shown no longer applies."""
        if self._asked is not None and self._asked != self._question_key():
            self._asked = None
            self.result_shown = Solved()
            self.answer.setText("")
            self.error_label.setText("")
        self._update_buttons()

    def _question_key(self) -> tuple[object, ...]:
        return (self.standard_box.currentData(), self.vary_box.currentData(), self.ceiling_edit.text().strip(),
                self.low_edit.text().strip(), self.high_edit.text().strip(), self.document.revision)

    def _parsed(self) -> tuple[int, Decimal | None, Decimal | None] | None:
        """The ceiling in fen and the range, or None with the mistake said under the form."""
        from budgetcalc.base.money import has_sub_fen, yuan_to_fen
        from budgetcalc.inputs.cells import decimal_value, parse_percent_value

        ceiling = decimal_value(self.ceiling_edit.text())
        if ceiling is None or ceiling < 0 or has_sub_fen(ceiling):
            self.error_label.setText(i18n.tr("solver_bad_ceiling"))
            return None
        point = self.vary_box.currentData() == "point"
        bounds: list[Decimal | None] = []
        for edit in (self.low_edit, self.high_edit):
            text = edit.text().strip()
            value = None if not text else (parse_percent_value(text) if point else decimal_value(text))
            if text and value is None:
                self.error_label.setText(i18n.tr("solver_bad_range", what=edit.placeholderText() or text))
                return None
            bounds.append(value)
        return yuan_to_fen(ceiling), bounds[0], bounds[1]

    # ------------------------------------------------------------ solving and applying

    def run_solve(self) -> None:
        std, vary = self.standard(), self.vary()
        if std is None or vary is None or self._running or self.document.shipped is None:
            return
        self.error_label.setText("")
        parsed = self._parsed()
        if parsed is None:
            return
        ceiling_fen, low, high = parsed
        self._running = True
        self._asked = self._question_key()
        self.answer.setText(html.escape(i18n.tr("solver_running")))
        self._update_buttons()
        self.runner.submit(solve_job, self.document.book, self.document.catalogue(), ceiling_fen, std.id, vary,
                           low, high, i18n.lang(), on_done=self._show, on_failed=self._failed)

    def _show(self, solved: Solved) -> None:
        self._running = False
        self.result_shown = solved
        solution = solved.solution
        if solved.errors:
            self.answer.setText("")
            self.error_label.setText(i18n.tr("solver_errors", n=solved.errors))
        elif solution is None:
            self.answer.setText("")
            self.error_label.setText(solved.text.strip())
        else:
            self.error_label.setText(i18n.tr("solver_count_apply") if solution.vary.value == "count" else "")
            self.answer.setText(self._answer_html(solution, solved.text))
        self._update_buttons()
        self._fit_height()
        self.solved.emit(solved)

    def _fit_height(self) -> None:
        """Room for the whole answer and the refusal (wrapped at the dialog's width), never cut off."""
        for label in (self.answer, self.error_label):
            label.setMinimumHeight(label.heightForWidth(max(label.width(), 200)) if label.text() else 0)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _answer_html(self, solution: Solution, text: str) -> str:
        from budgetcalc.base.money import format_yuan
        from budgetcalc.report.solution import value_words

        lang = i18n.lang()
        yuan = i18n.tr("yuan")
        rows = [(i18n.tr("solver_value"), f"<b>{html.escape(value_words(solution, solution.value, lang))}</b>"),
                (i18n.tr("solver_total"), f"{format_yuan(solution.total_fen)} {yuan}"),
                (i18n.tr("solver_headroom"), f"{format_yuan(solution.headroom_fen)} {yuan}")]
        if solution.next_value is not None and solution.next_total_fen is not None:
            rows.append((i18n.tr("solver_next"), f"{html.escape(value_words(solution, solution.next_value, lang))}"
                                                 f" → {format_yuan(solution.next_total_fen)} {yuan}"))
        else:
            rows.append((i18n.tr("solver_next"), html.escape(i18n.tr("solver_next_none"))))
        table = "".join(f"<tr><td style='padding-right:12px'>{html.escape(k)}</td><td align='right'>{v}</td></tr>"
                        for k, v in rows)
        sentences = "<br/>".join(html.escape(line) for line in text.strip().splitlines())
        return f"<table>{table}</table><p style='color:#555'>{sentences}</p>"

    def _failed(self, detail: str) -> None:
        self._running = False
        self._asked = None
        self.answer.setText("")
        self.error_label.setText(i18n.tr("internal_error", detail=detail.strip().splitlines()[-1]))
        self._update_buttons()

    def can_apply(self) -> bool:
        solution = self.result_shown.solution
        return (solution is not None and solution.vary.value != "count" and not self._running
                and not self.document.read_only and self._asked == self._question_key())

    def _update_buttons(self) -> None:
        self.solve_button.setEnabled(bool(self.standards) and not self._running)  # solving changes nothing
        self.apply_button.setEnabled(self.can_apply())

    def apply(self) -> None:
        """Write the value shown into 标准调整 (one undoable edit); the main window recomputes."""
        solution = self.result_shown.solution
        if solution is None or not self.can_apply():
            return
        from budgetcalc.report.solution import value_words

        std = self.standard()
        label = std.label if std is not None else solution.standard_id
        self.applied_text = i18n.tr("solver_applied", label=label,
                                    value=value_words(solution, solution.value, i18n.lang()))
        self.document.push(override_edit(self.document.book, solution), i18n.tr("solver_edit", label=label))
        self.applied.emit(solution)
        self.accept()

    applied_text = ""
