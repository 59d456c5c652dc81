"""Undo and redo: a core edit (a pure transform) wrapped in a tiny QUndoCommand.

The command keeps the edit and, once applied, the inverse the core returned; neither
holds window state, so undoing after a sort, a filter or a language switch still
restores exactly the cells that were changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetcalc.inputs.editing import Edit

from .qt import QUndoCommand

if TYPE_CHECKING:
    from .document import Document


class EditCommand(QUndoCommand):
    def __init__(self, document: Document, edit: Edit, text: str):
        super().__init__(text)
        self._document = document
        self._edit = edit
        self._inverse: Edit | None = None

    def redo(self) -> None:
        self._inverse = self._document.apply(self._edit)

    def undo(self) -> None:
        assert self._inverse is not None
        self._document.apply(self._inverse)
