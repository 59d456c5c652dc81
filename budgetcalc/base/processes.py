"""Whether a process of this computer still runs, and a short tag naming this computer.

Used to tell the debris of a crashed program (a temporary file, a lock) from the work of
one that still runs. Only a process of *this* computer can be asked about: a file on a
shared drive written by another computer is never judged by its process number.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sys

# The largest process number an operating system hands out (pid_t is 32-bit signed on
# POSIX; a Windows process id is a DWORD). A larger number in a file is invalid, not a crash.
MAX_PID = 2**32 - 1 if sys.platform == "win32" else 2**31 - 1


def valid_pid(pid: object) -> bool:
    """A process number as an operating system gives them: an int (not a bool) in 1..MAX_PID."""
    return isinstance(pid, int) and not isinstance(pid, bool) and 0 < pid <= MAX_PID


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` of this computer runs; False for a number no process can have.

    A process that exists but belongs to someone else counts as running (we may not signal
    it, but it is there).
    """
    if not valid_pid(pid):
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists, it is not ours
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # any other answer: assume it runs (never remove what may be someone's)
        return True
    return True


def host_tag() -> str:
    """Eight hex digits naming this computer (in temporary file names: short, no odd characters)."""
    try:
        name = socket.gethostname()
    except OSError:
        name = "?"
    return hashlib.sha1(name.encode("utf-8", "replace")).hexdigest()[:8]
