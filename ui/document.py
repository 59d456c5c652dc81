"""The open scenario: the officer's raw sheets, where they live, and the undo stack.

The book (``budgetcalc.inputs.editing.Book``) is never changed in place — each edit makes a new
book — so a background check or computation can read the book it was given while the
officer keeps typing, and models simply re-read ``book[sheet]`` after a change.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from budgetcalc.inputs import editing
from budgetcalc.inputs.editing import Book, Edit
from budgetcalc.rules import vocab

from .qt import QObject, QUndoStack, Signal
from .undo import EditCommand

if TYPE_CHECKING:
    from budgetcalc.rules.catalogue import Catalogue


class Document(QObject):
    edited = Signal(object)     # the Edit just applied (a command's redo or undo)
    replaced = Signal()         # a whole new book (new, open, recover)
    state_changed = Signal()    # path, read-only, dirty or standards changed

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.book: Book = editing.new_book("", 0)
        self.path: Path | None = None
        self.source: Path | None = None           # the workbook it was imported from
        self.read_only = False
        self.shipped: Catalogue | None = None
        self.stored: Catalogue | None = None      # standards saved in the opened scenario file
        self.catalogue_changed = False            # the shipped catalogue has newer values
        self.format_version = 0                   # of the scenario file it was opened from
        self._forced_dirty = False
        self.revision = 0                         # bumped by every change of book or standards
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda _clean: self.state_changed.emit())

    # ---------------------------------------------------------------- state

    @property
    def dirty(self) -> bool:
        return self._forced_dirty or not self.undo_stack.isClean()

    @property
    def name(self) -> str:
        return self.path.name if self.path else (self.source.name if self.source else "")

    def catalogue(self) -> Catalogue:
        """The standards to check and compute with: those stored in the file first."""
        assert self.shipped is not None
        if self.stored is None:
            return self.shipped
        from budgetcalc.rules.catalogue import merge_catalogues

        return merge_catalogues(self.stored, self.shipped)

    def profile_id(self) -> str:
        return editing.normalize_text(editing.display_text(editing.setting_value(self.book, vocab.SETTING_PROFILE)))

    def rows(self, sheet: str) -> list[list[object]]:
        return self.book[sheet]

    # ---------------------------------------------------------------- changes

    def load(self, book: Book, *, path: Path | None = None, source: Path | None = None,
             stored: Catalogue | None = None,
             catalogue_changed: bool = False, read_only: bool = False, dirty: bool = False,
             format_version: int = 0) -> None:
        self.undo_stack.clear()
        self.book = book
        self.revision += 1
        self.path, self.source, self.stored, self.catalogue_changed = path, source, stored, catalogue_changed
        self.read_only, self._forced_dirty, self.format_version = read_only, dirty, format_version
        self.replaced.emit()
        self.state_changed.emit()

    def push(self, edit: Edit, text: str) -> None:
        """Apply an edit through the undo stack (the only way the officer changes the book)."""
        self.undo_stack.push(EditCommand(self, edit, text))

    def apply(self, edit: Edit) -> Edit:
        """Called by undo commands: apply, tell the views, return the inverse."""
        self.book, inverse = editing.apply(self.book, edit)
        self.revision += 1
        self.edited.emit(edit)
        return inverse

    def use_shipped_standards(self) -> None:
        """Drop the standards stored in the file: compute with the catalogue's current values."""
        self.stored, self.catalogue_changed, self._forced_dirty = None, False, True
        self.revision += 1
        self.replaced.emit()
        self.state_changed.emit()

    def mark_dirty(self) -> None:
        """Unsaved although no edit was made (an upgraded file, a recovered or copied one)."""
        self._forced_dirty = True
        self.state_changed.emit()

    def mark_saved(self, path: Path, *, stored: Catalogue | None = None) -> None:
        self.path, self.read_only, self._forced_dirty = path, False, False
        if stored is not None:
            self.stored = stored
        self.undo_stack.setClean()
        self.state_changed.emit()
