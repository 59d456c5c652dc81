"""Benchmark of printing the budget sheet: python3 benchmarks/printing.py [--repeat K].

The app prints the PDF the core renders, rasterised page by page (``ui.print_pages``).
For the 300-facility, 5,000-person county (fixed seed, Nanxun profile) this times the
preview (a page at 100 % on a 96-dpi screen of pixel ratio 2, as ``ui.print_preview``
renders each page in view) and the paper run (every page at 300 dpi onto a PDF printer, which stands in for a real one).
Median and min of K runs: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.export import timed  # noqa: E402
from benchmarks.roster import build_rows  # noqa: E402
from budgetcalc.compute.engine import compute  # noqa: E402
from budgetcalc.inputs.reader import read_sheets  # noqa: E402
from budgetcalc.rules.catalogue import default_catalogue  # noqa: E402
from budgetcalc.sheets.budget import DataDate, build_sheet  # noqa: E402
from budgetcalc.sheets.pdf import pdf_bytes  # noqa: E402
from ui.app import application  # noqa: E402
from ui.print_pages import PdfPages, print_pages  # noqa: E402
from ui.print_preview import render_dpi  # noqa: E402
from ui.qt import QPrinter  # noqa: E402

DAY = dt.date(2025, 11, 22)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--facilities", type=int, default=300)
    ap.add_argument("--staff", type=int, default=5000)
    args = ap.parse_args()
    application()
    catalogue = default_catalogue()
    read = read_sheets(build_rows(args.facilities, args.staff), catalogue)
    assert read.scenario is not None, read.problems[:5]
    result = compute(read.scenario, catalogue, profile_id="nanxun")
    sheet = build_sheet(result, "yuan", data_date=DataDate(DAY), today=DAY)
    pages = PdfPages(pdf_bytes(sheet))
    print(f"roster: {args.facilities:,} facilities, {args.staff:,} staff rows (nanxun); "
          f"{len(pages)} pages; {args.repeat} runs each")
    timed("PDF in memory (pdf_bytes)", lambda: pdf_bytes(sheet), args.repeat)
    preview = render_dpi(1.0, 96, 2.0)
    timed(f"preview page image ({preview:.0f} dpi, first page)", lambda: pages.image(0, preview), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        def paper() -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(Path(tmp) / "printed.pdf"))
            printer.setResolution(300)
            print_pages(pages, printer)
        timed("print all pages (300 dpi)", paper, args.repeat)


if __name__ == "__main__":
    main()
