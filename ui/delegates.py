"""Cell editors chosen by the column's kind in ``budgetcalc.rules.vocab``.

Enumerated and yes/no columns get a drop-down of exactly the values the reader accepts
(plus blank); date columns a calendar; everything else a line edit that keeps the text
as typed, so a bad value reaches the check and is reported in the command line's words.
A cell whose current text is no valid date keeps a line edit, so nothing typed is lost.
A date editor is never narrower than a whole date with its calendar button, and a cell
whose text is cut (…) shows the whole text as its tooltip (``TipDelegate``).
"""

from __future__ import annotations

from typing import Any

from budgetcalc.inputs import editing
from budgetcalc.rules import vocab

from .qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QEvent,
    QLineEdit,
    QModelIndex,
    QPersistentModelIndex,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QToolTip,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex

BLANK_DATE = QDate(1900, 1, 1)
CELL_PADDING = 8   # the item's own margins: text wider than the cell less these is cut
YES_NO = ("是", "否")


def choices(column: vocab.Column) -> tuple[str, ...]:
    if column.kind == "enum":
        return column.choices
    if column.kind == "bool":
        return YES_NO
    return ()


class TipDelegate(QStyledItemDelegate):
    """Shows a cell's whole text as its tooltip when the column is too narrow for it."""

    def helpEvent(self, event: Any, view: Any, option: Any, index: Index) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or index.data(Qt.ItemDataRole.ToolTipRole):
            return super().helpEvent(event, view, option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        if text and shown.fontMetrics.horizontalAdvance(text) > option.rect.width() - CELL_PADDING:
            QToolTip.showText(event.globalPos(), text, view)
            return True
        QToolTip.hideText()
        return False


def date_editor_width(parent: QWidget) -> int:
    """The width a date editor needs for "2025-12-31" and its calendar button."""
    probe = _date_editor(parent)
    width = probe.sizeHint().width()
    probe.hide()   # deleted when the event loop next runs: until then it must not sit over the table's corner
    probe.deleteLater()
    return width


def _date_editor(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(BLANK_DATE)
    edit.setSpecialValueText(" ")
    edit.setDate(QDate(2025, 12, 31))
    return edit


class CellDelegate(TipDelegate):
    def __init__(self, columns: tuple[vocab.Column, ...], parent: Any = None):
        super().__init__(parent)
        self.columns = columns

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        column = self.columns[index.column()]
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if choices(column):
            combo = QComboBox(parent)
            combo.addItems(("",) + choices(column))
            return combo
        if column.kind == "date" and (text == "" or editing.date_value(text) is not None):
            return _date_editor(parent)
        line = QLineEdit(parent)
        if column.kind in ("count", "number"):
            line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return line

    def updateEditorGeometry(self, editor: QWidget, option: Any, index: Index) -> None:
        """A date editor wider than its cell overlaps the next one rather than cut the date."""
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, QDateEdit) and editor.width() < editor.sizeHint().width():
            editor.resize(editor.sizeHint().width(), editor.height())

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            if editor.findText(text) < 0:
                editor.addItem(text)  # keep a value the reader will report, rather than lose it
            editor.setCurrentText(text)
        elif isinstance(editor, QDateEdit):
            day = editing.date_value(text)
            editor.setDate(QDate(day.year, day.month, day.day) if day else BLANK_DATE)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QDateEdit):
            day = editor.date()
            model.setData(index, "" if day == BLANK_DATE else day.toString("yyyy-MM-dd"), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
