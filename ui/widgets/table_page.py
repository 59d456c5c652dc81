"""One input table with its filter and row buttons, and spreadsheet keys.

Copy gives Excel/WPS tab-separated text; paste takes it back (parsed and cleaned by the
core, applied as one undoable edit, extending the table when the block is longer; a
block landing on rows that hold data first asks 覆盖 / 插入为新行 / 取消);
Delete clears cells; each action goes through the document's undo stack.
"""

from __future__ import annotations

from typing import Any

from budgetcalc.inputs import editing

from .. import i18n
from ..delegates import CellDelegate, date_editor_width
from ..document import Document
from ..models.sheet import SheetModel
from ..qt import (
    QAbstractItemView,
    QGuiApplication,
    QHBoxLayout,
    QHeaderView,
    QItemSelection,
    QItemSelectionModel,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from . import key_columns

MAX_COLUMN_WIDTH = 240
FILTER_DELAY_MS = 250
INSTANT_FILTER_ROWS = 20_000  # smaller tables filter on every key
_SAMPLE_ROWS = 200


class SheetView(QTableView):
    """A table view with the keys of a spreadsheet."""

    copy_requested = Signal()
    paste_requested = Signal()
    clear_requested = Signal()
    resized = Signal()
    key_columns = 0   # leading columns an overlay keeps in view (``key_columns.attach``)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def scrollTo(self, index: Any, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible
                 ) -> None:
        """To a key column: only up or down (it is always in view); to another: clear of the key columns."""
        if index.isValid() and index.column() < self.key_columns:
            keep = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(keep)
            return
        super().scrollTo(index, hint)
        key_columns.uncover(self, index)

    def keyPressEvent(self, event: Any) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_requested.emit()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_requested.emit()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and event.modifiers() in (
                    Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
                self.clear_requested.emit()
                return
        super().keyPressEvent(event)


class TablePage(QWidget):
    def __init__(self, document: Document, sheet: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.sheet = document, sheet
        self.model = SheetModel(document, sheet)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)   # one search when typing pauses, not one per key
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._filter_typed)
        self.count_label = QLabel()
        self.add_button, self.dup_button, self.del_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.dup_button.clicked.connect(self.duplicate_rows)
        self.del_button.clicked.connect(self.delete_rows)

        self.view = SheetView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(CellDelegate(self.model.columns, self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        count = key_columns.key_column_count([c.header for c in self.model.columns])
        self.key_view = key_columns.attach(self.view, count) if count else None
        for view in (self.view, self.key_view):
            if view is not None:
                view.copy_requested.connect(self.copy)
                view.paste_requested.connect(lambda: self.paste())
                view.clear_requested.connect(self.clear_cells)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.count_label)
        bar.addStretch(0)
        for button in (self.add_button, self.dup_button, self.del_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.setTabOrder(self.filter_edit, self.view)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        document.replaced.connect(self.fit_columns)
        document.state_changed.connect(self._update_buttons)
        self.retranslate()

    # ------------------------------------------------------------ filter

    def _filter_typed(self, text: str) -> None:
        if text == "" or self.model.total_rows() <= INSTANT_FILTER_ROWS:
            self.apply_filter()
        else:
            self._filter_timer.start()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.filter_edit.text())

    # ------------------------------------------------------------ look

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(i18n.tr("filter_placeholder"))
        self.add_button.setText(i18n.tr("act_add_row"))
        self.dup_button.setText(i18n.tr("act_dup_row"))
        self.del_button.setText(i18n.tr("act_del_row"))
        self.model.retranslate()
        self._update_count()
        self.fit_columns()

    def _update_count(self) -> None:
        self.count_label.setText(i18n.tr("rows_count", shown=self.model.rowCount(), total=self.model.total_rows()))

    def _update_buttons(self) -> None:
        for button in (self.add_button, self.dup_button, self.del_button):
            button.setEnabled(not self.document.read_only)

    def fit_columns(self) -> None:
        """Widths from the header, the kind of column and a sample of its cells, within bounds."""
        metrics = self.view.fontMetrics()
        header_metrics = self.view.horizontalHeader().fontMetrics()
        sample = min(self.model.rowCount(), _SAMPLE_ROWS)
        date_width = date_editor_width(self.view)
        for j, column in enumerate(self.model.columns):
            title = str(self.model.headerData(j, Qt.Orientation.Horizontal) or "")
            widest = header_metrics.horizontalAdvance(title) + 22  # room for the sort arrow
            if column.kind == "date":
                widest = max(widest, date_width)
            elif column.choices:  # room for the drop-down's shortest useful width
                widest = max(widest, metrics.horizontalAdvance(min(column.choices, key=len)) + 40)
            for r in range(sample):
                text = str(self.model.index(r, j).data() or "")
                widest = max(widest, metrics.horizontalAdvance(text) + 14)
            self.view.setColumnWidth(j, min(widest, MAX_COLUMN_WIDTH))

    # ------------------------------------------------------------ selection

    def _selected(self) -> list[Any]:
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes and self.view.currentIndex().isValid():
            indexes = [self.view.currentIndex()]
        return indexes

    def selected_row_indices(self) -> list[int]:
        return sorted({self.model.row_index(i.row()) for i in self._selected()})

    def select_row(self, row_index: int) -> None:
        """Show and select one sheet row (from an explanation's link)."""
        if self.model.view_row(row_index) is None and self.model.filter_text:
            self.filter_edit.clear()
        view_row = self.model.view_row(row_index)
        if view_row is None:
            return
        flags = QItemSelectionModel.SelectionFlag
        index = self.model.index(view_row, 0)
        self.view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus()

    def select_cell(self, row_index: int, column: int) -> None:
        if self.model.view_row(row_index) is None and self.model.filter_text:
            self.filter_edit.clear()
        view_row = self.model.view_row(row_index)
        if view_row is None:
            return
        index = self.model.index(view_row, max(0, column))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus()

    def _select_block(self, rows: list[int], left: int, width: int) -> None:
        model, selection = self.model, QItemSelection()
        for row_index in rows:
            view_row = model.view_row(row_index)
            if view_row is not None:
                selection.select(model.index(view_row, left), model.index(view_row, left + max(0, width - 1)))
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # ------------------------------------------------------------ actions

    def copy(self) -> None:
        indexes = self._selected()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        grid = [[str(self.model.index(r, c).data(Qt.ItemDataRole.EditRole) or "") if (r, c) in chosen else ""
                 for c in range(columns[0], columns[-1] + 1)] for r in range(rows[0], rows[-1] + 1)]
        QGuiApplication.clipboard().setText(editing.to_clipboard(grid))

    def paste(self, text: str | None = None) -> None:
        if self.document.read_only:
            return
        block = editing.parse_clipboard(QGuiApplication.clipboard().text() if text is None else text)
        if not block:
            return
        indexes = self._selected()
        if len(block) == 1 and len(block[0]) == 1 and len(indexes) > 1:
            cells = [(self.model.row_index(i.row()), i.column()) for i in indexes]
            self.document.push(editing.fill(self.sheet, cells, block[0][0]), i18n.tr("paste_cells", n=len(cells)))
            return
        if indexes:
            top, left = min(i.row() for i in indexes), min(i.column() for i in indexes)
        else:
            top, left = self.model.rowCount(), 0
        targets = [self.model.row_index(r) for r in range(top, min(top + len(block), self.model.rowCount()))]
        replace = False
        if sum(len(r) for r in block) > 1 and editing.holds_data(self.document.book, self.sheet, targets):
            choice = self.ask_paste(len(block))
            if choice == "cancel":
                return
            if choice == "insert":
                self._paste_as_rows(targets[0], left, block)
                return
            replace = True
        edit = editing.paste(self.document.book, self.sheet, targets, left, block, replace_rows=replace)
        cells_edit = edit.edits[-1] if isinstance(edit, editing.Macro) else edit
        assert isinstance(cells_edit, editing.SetCells)
        if editing.is_structural(edit) and self.model.filter_text:
            self.filter_edit.clear()
        self.document.push(edit, i18n.tr("paste_cells", n=len(cells_edit.cells)))
        rows = list(dict.fromkeys(r for r, _, _ in cells_edit.cells))
        width = max((c for _, c, _ in cells_edit.cells), default=left) - left + 1
        self._select_block(rows, left, width)

    def ask_paste(self, rows: int) -> str:
        """覆盖 / 插入为新行 / 取消 before a block lands on rows that hold data: "overwrite", "insert" or "cancel"."""
        button = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, i18n.tr("paste_title"), i18n.tr("paste_onto_data", n=rows),
                          button.Yes | button.No | button.Cancel, self)
        box.setInformativeText(i18n.tr("paste_onto_data_detail"))
        box.button(button.Yes).setText(i18n.tr("paste_overwrite"))
        box.button(button.No).setText(i18n.tr("paste_insert"))
        box.setDefaultButton(button.Cancel)
        answer = button(box.exec())
        return {button.Yes: "overwrite", button.No: "insert"}.get(answer, "cancel")

    def _paste_as_rows(self, at: int, left: int, block: list[list[str]]) -> None:
        if self.model.filter_text:
            self.filter_edit.clear()
        edit = editing.paste_as_rows(self.document.book, self.sheet, at, left, block)
        self.document.push(edit, i18n.tr("paste_rows", n=len(edit.rows)))
        width = max(len(r) for r in block)
        self._select_block([i for i, _ in edit.rows], left, min(width, len(self.model.columns) - left))

    def clear_cells(self) -> None:
        if self.document.read_only:
            return
        cells = [(self.model.row_index(i.row()), i.column()) for i in self._selected()]
        if cells:
            self.document.push(editing.clear(self.sheet, cells), i18n.tr("clear_cells", n=len(cells)))

    def add_row(self) -> None:
        if self.document.read_only:
            return
        if self.model.filter_text:
            self.filter_edit.clear()
        rows = self.selected_row_indices()
        at = rows[-1] + 1 if rows else len(self.document.rows(self.sheet))
        self.document.push(editing.insert_blank(self.document.book, self.sheet, at), i18n.tr("add_rows", n=1))
        self.select_cell(at, 0)

    def duplicate_rows(self) -> None:
        rows = self.selected_row_indices()
        if self.document.read_only or not rows:
            return
        if self.model.filter_text:
            self.filter_edit.clear()
        edit = editing.duplicate(self.document.book, self.sheet, rows)
        self.document.push(edit, i18n.tr("dup_rows", n=len(rows)))
        self._select_block([i for i, _ in edit.rows], 0, len(self.model.columns))

    def delete_rows(self) -> None:
        rows = self.selected_row_indices()
        if self.document.read_only or not rows:
            return
        self.document.push(editing.remove(self.sheet, rows), i18n.tr("del_rows", n=len(rows)))
