"""Saving a budget or comparison sheet as the file type its name asks for.

The command line and the app both save sheets through here, so the choice of renderer,
the refusal of other file types and the atomic replace (a failed export never damages a
sheet the officer already has) are decided once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from budgetcalc.base.problems import Problem
from budgetcalc.base.safe_io import atomic_write
from budgetcalc.compute.result import Result
from budgetcalc.sheets.budget import build_sheet
from budgetcalc.sheets.layout import BudgetSheet, DataDate, Unit

SHEET_SUFFIXES = (".xlsx", ".pdf")


def is_sheet_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SHEET_SUFFIXES


def write_sheet(sheet: BudgetSheet, path: str | Path) -> Path:
    """Write ``sheet`` to ``path`` (.xlsx or .pdf) atomically; ValueError for any other type."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        from budgetcalc.sheets.xlsx import write_xlsx as write
    elif suffix == ".pdf":
        from budgetcalc.sheets.pdf import write_pdf as write
    else:
        raise ValueError(f"a sheet is saved as .xlsx or .pdf, not {suffix or 'a file without a type'}: {path}")
    return atomic_write(path, lambda tmp: write(sheet, tmp))


def export_budget_sheet(result: Result, path: str | Path, unit: Unit = "yuan", *, data_date: DataDate,
                        today: date, notices: Sequence[Problem] = (), prior: Result | None = None) -> Path:
    return write_sheet(build_sheet(result, unit, data_date=data_date, today=today, notices=notices, prior=prior), path)
