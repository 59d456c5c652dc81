"""What an edit lets a read or a computation reuse of the one before it.

The app's book is never changed in place, and a read after an edit shares every column the edit
did not touch with the read before: the same memory. Reusing a result made from such a column is
exact, and a province's 150,000 values are not hashed or compared again.
"""

from __future__ import annotations

import numpy as np

SPLICE_MAX_ROWS = 2_000   # more changed rows than this (a paste, a fill down): the whole table again


def same_buffer(x: np.ndarray, y: np.ndarray) -> bool:
    """The same memory seen the same way. Sound while ``y`` is alive: memory still in use is not
    given to another array, so whoever keeps ``y`` to compare with keeps it alive."""
    return bool(x.__array_interface__["data"] == y.__array_interface__["data"]
                and x.strides == y.strides and x.dtype == y.dtype and x.shape == y.shape)
