"""The scenario files to compare: 2–6 workbooks or scenario files, the first one the baseline.

Order matters (every difference is against the first), so the list can be reordered and
the baseline is marked in words, not only by position.
"""

from __future__ import annotations

from pathlib import Path

from .. import i18n
from ..qt import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

MAX_FILES = 6
_PATH = Qt.ItemDataRole.UserRole


class CompareFiles(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_dialog)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def files(self) -> list[Path]:
        return [Path(self.list.item(n).data(_PATH)) for n in range(self.list.count())]

    def set_files(self, paths: list[Path]) -> None:
        self.list.clear()
        for path in paths[:MAX_FILES]:
            item = QListWidgetItem()
            item.setData(_PATH, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
        self._relabel()

    def add_dialog(self) -> None:
        start = str(self.files()[-1].parent) if self.files() else ""
        chosen, _ = QFileDialog.getOpenFileNames(self, i18n.tr("cmp_add_title"), start, i18n.tr("filter_files"))
        room = MAX_FILES - self.list.count()
        self.set_files(self.files() + [Path(p) for p in chosen[:room]])

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._relabel()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        if 0 <= row and 0 <= row + step < self.list.count():
            item = self.list.takeItem(row)
            self.list.insertItem(row + step, item)
            self.list.setCurrentRow(row + step)
            self._relabel()

    def _relabel(self) -> None:
        """Number the files and mark the first as the baseline."""
        for n in range(self.list.count()):
            item = self.list.item(n)
            mark = i18n.paren(i18n.tr("cmp_baseline_mark")) if n == 0 else ""
            item.setText(f"{n + 1}. {Path(item.data(_PATH)).name}{mark}")
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.add_button.setEnabled(count < MAX_FILES)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def retranslate(self) -> None:
        self.title.setText(i18n.tr("cmp_files_title", n=MAX_FILES))
        for button, key in ((self.add_button, "cmp_add"), (self.remove_button, "cmp_remove"),
                            (self.up_button, "cmp_up"), (self.down_button, "cmp_down")):
            button.setText(i18n.tr(key))
        self._relabel()
