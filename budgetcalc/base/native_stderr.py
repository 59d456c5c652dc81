"""Keep what native code writes to standard error away from the officer while it runs.

python-calamine is Rust: a cell it cannot convert (a date serial of -1e308) panics, and
Rust's panic hook prints a thread name, a file position and a 30-line backtrace straight
to file descriptor 2 before Python sees the PanicException. The reader turns the exception
into a problem with the cell's file; this keeps the noise out of the terminal. Whatever
else is written meanwhile (a warning, another thread's message) is passed on afterwards.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

_PANIC_MARK = b"panicked at"


@contextmanager
def captured() -> Iterator[list[bytes]]:
    """Within the block, fd 2 goes to a temporary file; yields a list that holds, afterwards,
    the captured bytes if they were a panic report (and nothing was passed on), else nothing."""
    report: list[bytes] = []
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no fd 2 (a windowed app on Windows): nothing to capture
        yield report
        return
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield report
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            text = sink.read(1 << 20)
            if _PANIC_MARK in text:
                report.append(text)
            elif text:
                try:
                    os.write(2, text)
                except OSError:
                    pass

