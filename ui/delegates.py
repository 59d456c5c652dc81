"""Cell editors chosen by the column's kind in ``budgetcalc.rules.vocab``.

Enumerated and yes/no columns get a drop-down of exactly the values the reader accepts
(plus blank); date columns a calendar; everything else a line edit that keeps the text
as typed, so a bad value reaches the check and is reported in the command line's words.
A cell whose current text is no valid date keeps a line edit, so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from budgetcalc.inputs import editing
from budgetcalc.rules import vocab

from .qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QLineEdit,
    QModelIndex,
    QPersistentModelIndex,
    QStyledItemDelegate,
    Qt,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex

BLANK_DATE = QDate(1900, 1, 1)
YES_NO = ("是", "否")


def choices(column: vocab.Column) -> tuple[str, ...]:
    if column.kind == "enum":
        return column.choices
    if column.kind == "bool":
        return YES_NO
    return ()


class CellDelegate(QStyledItemDelegate):
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
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(BLANK_DATE)
            edit.setSpecialValueText(" ")
            return edit
        line = QLineEdit(parent)
        if column.kind in ("count", "number"):
            line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return line

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
