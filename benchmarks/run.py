"""Benchmarks of the computing core: python3 benchmarks/run.py [--staff N] [--repeat K].

Prints the median (and min) of K runs for: reading the workbook file, checking the
sheets, computing each profile, and comparing each result with itself (every line
matched: the most work a comparison does). The machines are shared and noisy: quote medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.roster import build_rows, write_workbook  # noqa: E402
from budgetcalc.base.money import format_yuan  # noqa: E402
from budgetcalc.compare import compare  # noqa: E402
from budgetcalc.compute.engine import compute  # noqa: E402
from budgetcalc.inputs.reader import load_sheets, read_sheets  # noqa: E402
from budgetcalc.rules.catalogue import default_catalogue  # noqa: E402


def timed(label: str, fn: Callable[[], object], repeat: int) -> object:
    times, value = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t0)
    print(f"{label:<44} median {statistics.median(times) * 1000:9.1f} ms   min {min(times) * 1000:9.1f} ms")
    return value


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facilities", type=int, default=3000)
    ap.add_argument("--staff", type=int, default=150_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    catalogue = default_catalogue()
    book = build_rows(args.facilities, args.staff)
    print(f"roster: {args.facilities:,} facility rows, {args.staff:,} staff rows; {args.repeat} runs each")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "roster.xlsx", book)
        print(f"workbook: {path.stat().st_size / 1e6:.1f} MB")
        raw = timed("read file (calamine, all sheets)", lambda: load_sheets(path), args.repeat)
    read = timed("check sheets → typed tables", lambda: read_sheets(raw, catalogue), args.repeat)  # type: ignore[arg-type]
    scenario = read.scenario  # type: ignore[attr-defined]
    assert scenario is not None, read.problems[:5]  # type: ignore[attr-defined]
    for profile in ("nanxun", "wendeng", "xx_talent"):
        result = timed(f"compute {profile}", lambda p=profile: compute(scenario, catalogue, profile_id=p), args.repeat)
        print(f"{'':<44} {len(result.lines):,} lines, total {format_yuan(result.total_fen)} 元")  # type: ignore[attr-defined]
        timed(f"compare {profile} with itself", lambda r=result: compare([r, r], ["a", "b"]), args.repeat)


if __name__ == "__main__":
    main()
