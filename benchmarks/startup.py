"""Start-up of the desktop app: process start → first window shown, and → first result.

    QT_QPA_PLATFORM=offscreen python3 benchmarks/startup.py [FILE] [--runs 7] [--frozen dist/budgetcalc]

Each run is a fresh process (warm page cache after the first); wall time is measured
from ``Popen`` to the line the app prints when its window is shown (via the
``BUDGETCALC_STARTUP_PROBE`` hook of ``ui.app``), so interpreter start-up is included.
The runs start as an installed program does, with its modules' bytecode cached (the first
run writes it): a ``PYTHONDONTWRITEBYTECODE`` in the environment (this machine sets it)
would have every run compile every module from source, about 0.15 s here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(command: list[str], mode: str) -> tuple[float, str]:
    env = dict(os.environ, BUDGETCALC_STARTUP_PROBE=mode,
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    wanted = "window_shown" if mode == "shown" else "first_result"
    line = ""
    for line in proc.stdout:
        if line.startswith(wanted):
            break
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    return elapsed, line.strip()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("file", nargs="?", default=str(ROOT / "scenarios" / "nanxun-2025.xlsx"))
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--frozen", type=Path, help="time the PyInstaller bundle in this folder instead")
    args = p.parse_args()
    if args.frozen:
        exe = ".exe" if os.name == "nt" else ""
        launchers = {"frozen gui": [str(args.frozen.resolve() / f"budgetcalc-gui{exe}"), args.file]}
    else:
        launchers = {"budgetcalc-gui": [sys.executable, "-m", "ui.app", args.file]}
    one_run(next(iter(launchers.values())), "shown")  # warm the page cache, write the bytecode
    for name, command in launchers.items():
        for mode in ("shown", "result"):
            runs = [one_run(command, mode) for _ in range(args.runs)]
            times = sorted(t for t, _ in runs)
            print(f"{name:15s} {mode:7s} median {statistics.median(times):.3f} s  "
                  f"min {times[0]:.3f} s  max {times[-1]:.3f} s   ({runs[-1][1]})")


if __name__ == "__main__":
    main()
