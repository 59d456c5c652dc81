"""Benchmark of the budget sheet export: python3 benchmarks/export.py [--repeat K] [--staff N].

A 300-facility, 5,000-person county (fixed seed) is computed once per profile (wendeng
gives the most lines, xx_talent adds the performance-pay table); then the layout model is
built and written to .xlsx and .pdf K times each. Prints median and min, plus the size of
what was written. The machines are shared and noisy: quote medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.roster import build_rows  # noqa: E402
from budgetcalc.base.money import format_yuan  # noqa: E402
from budgetcalc.base.textwidth import pad  # noqa: E402
from budgetcalc.compute.engine import compute  # noqa: E402
from budgetcalc.inputs.reader import read_sheets  # noqa: E402
from budgetcalc.rules.catalogue import default_catalogue  # noqa: E402
from budgetcalc.sheets.budget import DataDate, build_sheet  # noqa: E402
from budgetcalc.sheets.pdf import write_pdf  # noqa: E402
from budgetcalc.sheets.xlsx import write_xlsx  # noqa: E402

DAY = dt.date(2025, 11, 22)


def timed(label: str, fn: Callable[[], object], repeat: int) -> None:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    print(f"{pad(label, 36)} median {statistics.median(times) * 1000:8.0f} ms   min {min(times) * 1000:8.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--facilities", type=int, default=300)
    ap.add_argument("--staff", type=int, default=5000)
    args = ap.parse_args()
    catalogue = default_catalogue()
    read = read_sheets(build_rows(args.facilities, args.staff), catalogue)
    assert read.scenario is not None, read.problems[:5]
    print(f"roster: {args.facilities:,} facilities, {args.staff:,} staff rows; {args.repeat} runs each")
    with tempfile.TemporaryDirectory() as tmp:
        for profile in ("nanxun", "wendeng", "xx_talent"):
            result = compute(read.scenario, catalogue, profile_id=profile)
            print(f"\n{profile}: {len(result.lines):,} lines, total {format_yuan(result.total_fen)} 元")
            sheet = build_sheet(result, "wan", data_date=DataDate(DAY), today=DAY)
            rows = sum(len(t.rows) for t in sheet.tables)
            xlsx, pdf = Path(tmp) / f"{profile}.xlsx", Path(tmp) / f"{profile}.pdf"
            timed("layout model (build_sheet, 万元)", lambda r=result: build_sheet(
                r, "wan", data_date=DataDate(DAY), today=DAY), args.repeat)
            timed(f"write .xlsx ({rows:,} table rows)", lambda s=sheet, p=xlsx: write_xlsx(s, p), args.repeat)
            timed("write .pdf", lambda s=sheet, p=pdf: write_pdf(s, p), args.repeat)
            print(f"{'':<36} xlsx {xlsx.stat().st_size / 1e6:.1f} MB, "
                  f"pdf {pdf.stat().st_size / 1e6:.1f} MB, {len(PdfReader(pdf).pages):,} pages")


if __name__ == "__main__":
    main()
