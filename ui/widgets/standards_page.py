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
from ..delegates import TipDelegate
from ..document import Document
from ..explain import standard_block
from ..models.standards import CHANGE_COLUMN, StandardsModel
from ..qt import (
    QAbstractItemView,
    QComboBox,
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
    from budgetcalc.rules.kinds import Standard
    from budgetcalc.rules.values import Values

OVERRIDABLE = ("unit_rate", "band", "entered")
NARROWED = {0: 220, 1: 200}   # name and catalogue value: longer ones are cut, whole in their tooltip


class OverrideDialog(QDialog):
    """Asks for the value this scenario uses and why (both are printed with the result).

    The value is checked by the core before the dialog closes (不低于 floor, 不高于 cap, band),
    so a refused value says its limit and clause at once; OK stays disabled without a reason.
    An item whose rate the officer enters also asks for a quantity and, for an item the
    documents fund per unit, which unit (blank = the whole item).
    """

    def __init__(self, std: Standard, value: str, reason: str, parent: QWidget | None = None, *,
                 quantity: str = "", unit: str = "", units: tuple[tuple[str, str], ...] = ()):
        from budgetcalc.report.standards import value_text

        super().__init__(parent)
        self.std = std
        self.setWindowTitle(i18n.tr("enter_title" if std.kind == "entered" else "override_title"))
        self.value_edit = QLineEdit(value)
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.reason_edit = QLineEdit(reason)
        self.quantity_edit = QLineEdit(quantity)
        self.unit_box = QComboBox()
        self.unit_box.addItem(i18n.tr("override_all_units" if std.kind == "band" else "enter_whole_item"), "")
        for code, name in units:
            self.unit_box.addItem(f"{code} {name}".strip(), code)
        self.unit_box.setCurrentIndex(max(0, self.unit_box.findData(unit)))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{html.escape(std.label)}</b>"))
        form.addRow(QLabel(i18n.tr("override_catalogue", value=value_text(std, i18n.lang()))))
        form.addRow(i18n.tr("override_value", unit="%" if std.kind == "band" else std.unit), self.value_edit)
        if std.kind == "entered":
            form.addRow(i18n.tr("enter_quantity"), self.quantity_edit)
            if units:
                form.addRow(i18n.tr("enter_unit"), self.unit_box)
        elif std.kind == "band" and units:   # a unit's own point (a 标准调整 row with its 机构编码)
            form.addRow(i18n.tr("override_unit"), self.unit_box)
        form.addRow(i18n.tr("override_reason"), self.reason_edit)
        form.addRow(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._reason_changed)
        form.addRow(self.buttons)
        self._reason_changed(reason)
        self.resize(480, self.sizeHint().height())

    def _reason_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))
        ok.setToolTip("" if text.strip() else i18n.tr("override_reason_required"))

    def _check_and_accept(self) -> None:
        from budgetcalc.inputs.overrides_sheet import check_value

        if not self.reason_edit.text().strip():
            return
        _value, problems = check_value(self.std, self.value_edit.text().strip())  # type: ignore[arg-type]
        if problems:
            self.error_label.setText("\n".join(f"{p.message(i18n.lang())}"
                                               + (f"（{p.expected}）" if p.expected else "") for p in problems))
            return
        self.accept()

    @staticmethod
    def ask(parent: QWidget, std: Standard, value: str, reason: str, **extra: object) -> dict[str, str] | None:
        dialog = OverrideDialog(std, value, reason, parent, **extra)  # type: ignore[arg-type]
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return {"value": dialog.value_edit.text().strip(), "reason": dialog.reason_edit.text().strip(),
                "quantity": dialog.quantity_edit.text().strip(), "unit": str(dialog.unit_box.currentData() or "")}


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
        self.view.setItemDelegate(TipDelegate(self.view))
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
            from budgetcalc.report.words import document

            until = str(profile.effective.end) if profile.effective.end else i18n.tr("ex_open")
            self.heading.setText(f"<b>{html.escape(profile.name)}</b>　{html.escape(document(profile))}<br/>"
                                 f"<span style='color:#555'>{html.escape(profile.issuer)}　"
                                 f"{i18n.tr('ex_effective')}{i18n.colon()}{profile.effective.start} – {until}</span>")
        self.view.resizeColumnsToContents()
        for j in range(self.model.columnCount()):  # name and value give way, so the difference shows too
            self.view.setColumnWidth(j, min(self.view.columnWidth(j), NARROWED.get(j, 280)))
        if selected is not None:
            self.select_standard(selected.id)
        self._show_details()

    def set_values(self, values: Values | None) -> None:
        self.model.set_values(values)
        self.view.resizeColumnToContents(CHANGE_COLUMN)

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

    def selected_standard(self) -> Standard | None:
        """The standard selected in the table (the solver dialog starts from it)."""
        return self._selected()

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
        from budgetcalc.report.standards import value_text

        entries = editing.entries_of(self.document.book, std.id)
        text = None
        if entries:
            new = "；".join(f"{unit + ' ' if unit else ''}{editing.display_text(v)}"
                           + (f" ×{editing.display_text(q)}" if editing.display_text(q) else "")
                           for _, v, _, unit, q in entries)
            reasons = "；".join(dict.fromkeys(editing.display_text(r) for _, _, r, _, _ in entries
                                              if editing.display_text(r))) or "—"
            text = i18n.tr("ex_overridden", old=value_text(std, i18n.lang()), new=new, reason=reasons)
        self.details.setHtml(f"<h3>{html.escape(std.label)}</h3>" + standard_block(self.model.profile, std, text))

    def _update_buttons(self) -> None:
        std = self._selected()
        editable = not self.document.read_only and std is not None and std.kind in OVERRIDABLE
        self.override_button.setEnabled(editable)
        self.override_button.setText(i18n.tr("std_enter_btn" if std is not None and std.kind == "entered"
                                             else "std_override_btn"))
        self.override_button.setToolTip("" if std is None or std.kind in OVERRIDABLE
                                        else i18n.tr("std_cannot_override"))
        self.remove_button.setEnabled(editable and std is not None and self.model.override(std.id) is not None)

    def override_selected(self) -> None:
        std = self._selected()
        if std is None or std.kind not in OVERRIDABLE or self.document.read_only:
            return
        current = self.model.override(std.id)
        default = getattr(std, "value", None)
        if std.kind == "band":
            default = std.default_point  # type: ignore[union-attr]
        value = editing.display_text(current[1]) if current else ("" if default is None else str(default))
        reason = editing.display_text(current[2]) if current else ""
        extra: dict[str, object] = {}
        if std.kind == "entered":
            entry = editing.entries_of(self.document.book, std.id)
            first = entry[0] if entry else None
            extra = {"quantity": editing.display_text(first[4]) if first else "", "unit": first[3] if first else "",
                     "units": self._units(std)}
        elif std.kind == "band":   # the scenario's point first; a unit's own point is chosen in the dialog
            general = next((e for e in editing.entries_of(self.document.book, std.id) if not e[3]), None)
            value = editing.display_text(general[1]) if general else ("" if default is None else str(default))
            reason = editing.display_text(general[2]) if general else ""
            extra = {"unit": "", "units": self._facilities()}
        answer = OverrideDialog.ask(self, std, value, reason, **extra)
        if answer is None:
            return
        edit = editing.set_override(self.document.book, std.id, answer["value"], answer["reason"],
                                    answer["unit"], answer["quantity"])
        self.document.push(edit, i18n.tr("set_override", id=std.label))

    def _units(self, std: Standard) -> tuple[tuple[str, str], ...]:
        """The facilities an entered lump-sum item can be entered for, one amount each."""
        rule = getattr(std, "eligibility", None)
        if rule is None or rule.subject != "lump_sum":
            return ()
        return self._facilities()

    def _facilities(self) -> tuple[tuple[str, str], ...]:
        """(code, name) of the 机构 rows (the reader says if a row cannot take what is entered for it)."""
        rows = self.document.book.get(vocab.SHEET_FACILITIES, [])[1:]
        return tuple((editing.display_text(r[0]), editing.display_text(r[1]) if len(r) > 1 else "")
                     for r in rows if r and editing.display_text(r[0]))

    def remove_selected(self) -> None:
        std = self._selected()
        if std is None or self.document.read_only:
            return
        edit = editing.remove_override(self.document.book, std.id)
        if edit is not None:
            self.document.push(edit, i18n.tr("remove_override", id=std.label))

    def retranslate(self) -> None:
        self.override_button.setText(i18n.tr("std_override_btn"))
        self.remove_button.setText(i18n.tr("std_remove_btn"))
        self.model.retranslate()
        self.refresh()
        self._update_buttons()
