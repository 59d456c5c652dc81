"""Rows of cells as one 2-D array: the reader and the editor's layout both take a province's
columns from it, in one pass in C instead of a Python step per cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def as_grid(rows: Sequence[Sequence[object]]) -> npt.NDArray[np.object_] | None:
    """The rows as an object array of rows × columns; None when there are no rows or they differ in
    length (the caller then goes cell by cell, a short row having nothing in its last columns)."""
    import numpy as np  # here: the window lays out a book before numpy has loaded

    if not rows:
        return None
    try:
        grid = np.array(rows, dtype=object)
    except ValueError:
        return None
    return grid if grid.ndim == 2 else None
