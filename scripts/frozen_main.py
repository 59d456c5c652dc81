"""Entry point of the frozen bundle: one program, two faces.

The bundle holds two executables built from this script, ``budgetcalc`` (console) and
``budgetcalc-gui`` (windowed); each looks at its own name to decide which face to show,
so both share every library file in the folder.
"""

import sys
from pathlib import Path


def run() -> int:
    if Path(sys.executable).stem.lower().startswith("budgetcalc-gui"):
        from ui.app import main as gui_main

        return gui_main()
    from budgetcalc.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(run())
