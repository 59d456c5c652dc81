"""Entry point of the frozen bundle: one program, two faces.

The bundle holds two programs built from this script, ``budgetcalc`` (console) and
``budgetcalc-gui`` (windowed); each looks at the name it was started under to decide which
face to show, so both share every library file in the folder. On Windows they are two
executables; elsewhere ``budgetcalc-gui`` is a symbolic link to ``budgetcalc`` (one copy of
the Python modules instead of two), so the name started under, ``sys.argv[0]``, decides.
"""

import sys
from pathlib import Path


def _gui() -> bool:
    names = [Path(sys.executable).stem, Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else ""]
    return any(name.lower().startswith("budgetcalc-gui") for name in names)


def run() -> int:
    if _gui():
        from ui.app import main as gui_main

        return gui_main()
    from budgetcalc.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(run())
