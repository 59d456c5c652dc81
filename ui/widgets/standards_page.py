"""Browsing the profile's standards and overriding a value for this scenario, with a reason.

An override is a row of the 标准调整 sheet (the same sheet an input workbook may carry),
written through the undo stack; the reader checks it and the engine applies it, so the
result marks it wherever it is used.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from budgetcalc.base.problems import Problem
from budgetcalc.inputs import editing
from budgetcalc.rules import vocab

from .. import i18n
from ..document import Document
from ..explain import standard_block
from ..models.standards import StandardsModel
from ..qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from budgetcalc.rules.catalogue import Standard

OVERRIDABLE = ("unit_rate", "band")


class OverrideDialog(QDialog):
    """Asks for the value this scenario uses and why (both are printed with the result)."""

    def __init__(self, std: Standard, value: str, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(i18n.tr("override_title"))
        self.value_edit = QLineEdit(value)
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.reason_edit = QLineEdit(reason)
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{html.escape(std.label)}</b>  {html.escape(std.id)}"))
        form.addRow(QLabel(i18n.tr("override_catalogue", value=f"{std.display_value} {std.unit}")))
        form.addRow(i18n.tr("override_value", unit="%" if std.kind == "band" else std.unit), self.value_edit)
        form.addRow(i18n.tr("override_reason"), self.reason_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    @staticmethod
    def ask(parent: QWidget, std: Standard, value: str, reason: str) -> tuple[str, str] | None:
        dialog = OverrideDialog(std, value, reason, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value_edit.text().strip(), dialog.reason_edit.text().strip()


class StandardsPage(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.model = StandardsModel(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.view.doubleClicked.connect(lambda _index: self.override_selected())
        self.details = QTextBrowser()
        self.override_button, self.remove_button = QPushButton(), QPushButton()
        self.override_button.clicked.connect(self.override_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.remove_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self._problems: tuple[Problem, ...] = ()
        document.replaced.connect(self.refresh)
        document.edited.connect(self._on_edited)
        document.state_changed.connect(self._update_buttons)
        self.retranslate()

    def refresh(self) -> None:
        if self.document.shipped is None:
            return
        catalogue = self.document.catalogue()
        pid = self.document.profile_id()
        profile = catalogue.profile(pid) if catalogue.has_profile(pid) else None
        selected = self._selected()
        self.model.set_profile(profile, editing.overrides_of(self.document.book), list(self._problems))
        if profile is None:
            self.heading.setText("")
        else:
            until = str(profile.effective_to) if profile.effective_to else i18n.tr("ex_open")
            self.heading.setText(f"<b>{html.escape(profile.name)}</b>　{html.escape(profile.citation)}<br/>"
                                 f"<span style='color:#555'>{html.escape(profile.issuer)}　"
                                 f"{i18n.tr('ex_effective')}{i18n.colon()}{profile.effective_from} – {until}</span>")
        self.view.resizeColumnsToContents()
        for j in range(self.model.columnCount()):
            self.view.setColumnWidth(j, min(self.view.columnWidth(j), 280))
        if selected is not None:
            self.select_standard(selected.id)
        self._show_details()

    def set_problems(self, problems: tuple[Problem, ...]) -> None:
        mine = tuple(p for p in problems if p.sheet == vocab.SHEET_OVERRIDES)
        if mine != self._problems:
            self._problems = mine
            self.refresh()

    def _on_edited(self, edit: editing.Edit) -> None:
        if editing.sheets_of(edit) & {vocab.SHEET_SETTINGS, vocab.SHEET_OVERRIDES}:
            self.refresh()

    def _selected(self) -> Standard | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.standard(index.row())

    def select_standard(self, standard_id: str) -> None:
        row = self.model.row_of(standard_id)
        if row is not None:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def _show_details(self) -> None:
        std = self._selected()
        self._update_buttons()
        if std is None or self.model.profile is None:
            self.details.setHtml("")
            return
        override = self.model.override(std.id)
        text = None
        if override is not None:
            text = i18n.tr("ex_overridden", old=f"{std.display_value} {std.unit}",
                           new=editing.display_text(override[1]), reason=editing.display_text(override[2]) or "—")
        self.details.setHtml(f"<h3>{html.escape(std.label)} <span style='color:#555'>{html.escape(std.id)}</span></h3>"
                             + standard_block(self.model.profile, std, text))

    def _update_buttons(self) -> None:
        std = self._selected()
        editable = not self.document.read_only and std is not None and std.kind in OVERRIDABLE
        self.override_button.setEnabled(editable)
        self.override_button.setToolTip("" if std is None or std.kind in OVERRIDABLE
                                        else i18n.tr("std_cannot_override"))
        self.remove_button.setEnabled(editable and std is not None and self.model.override(std.id) is not None)

    def override_selected(self) -> None:
        std = self._selected()
        if std is None or std.kind not in OVERRIDABLE or self.document.read_only:
            return
        current = self.model.override(std.id)
        value = editing.display_text(current[1]) if current else (
            str(std.value) if std.value is not None else str(std.default_point))
        reason = editing.display_text(current[2]) if current else ""
        answer = OverrideDialog.ask(self, std, value, reason)
        if answer is None:
            return
        edit = editing.set_override(self.document.book, std.id, answer[0], answer[1])
        self.document.push(edit, i18n.tr("set_override", id=std.id))

    def remove_selected(self) -> None:
        std = self._selected()
        if std is None or self.document.read_only:
            return
        edit = editing.remove_override(self.document.book, std.id)
        if edit is not None:
            self.document.push(edit, i18n.tr("remove_override", id=std.id))

    def retranslate(self) -> None:
        self.override_button.setText(i18n.tr("std_override_btn"))
        self.remove_button.setText(i18n.tr("std_remove_btn"))
        self.model.retranslate()
        self.refresh()
        self._update_buttons()
