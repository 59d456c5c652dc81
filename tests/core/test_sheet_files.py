"""Saving a sheet by file type: the renderer follows the name, anything else is refused untouched."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from budgetcalc.compute.engine import compute
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.scenarios.opening import open_input
from budgetcalc.sheets.files import export_budget_sheet, is_sheet_file
from budgetcalc.sheets.layout import DataDate, data_date_of_file
from tests.conftest import EXAMPLES

DAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def nanxun(catalogue: Catalogue) -> object:
    opened = open_input(EXAMPLES / "nanxun-2025.xlsx", catalogue)
    return compute(opened.read.scenario, opened.catalogue)


@pytest.mark.parametrize(("name", "magic"), [("a.xlsx", b"PK\x03\x04"), ("a.PDF", b"%PDF-")])
def test_the_suffix_chooses_the_renderer(name: str, magic: bytes, nanxun: object, tmp_path: Path) -> None:
    written = export_budget_sheet(nanxun, tmp_path / name, data_date=DataDate(DAY), today=DAY)  # type: ignore[arg-type]
    assert written.read_bytes().startswith(magic)


def test_other_types_are_refused_and_the_file_is_untouched(nanxun: object, tmp_path: Path) -> None:
    target = tmp_path / "sheet.csv"
    target.write_text("kept")
    assert not is_sheet_file(target) and is_sheet_file("x.XLSX")
    with pytest.raises(ValueError, match=r"\.xlsx or \.pdf"):
        export_budget_sheet(nanxun, target, data_date=DataDate(DAY), today=DAY)  # type: ignore[arg-type]
    assert target.read_text() == "kept"


def test_data_date_is_the_file_date_or_today(tmp_path: Path) -> None:
    source = tmp_path / "in.xlsx"
    source.write_bytes(b"x")
    stamp = 1_700_000_000  # 2023-11-14
    os.utime(source, (stamp, stamp))
    assert data_date_of_file(source, DAY) == DataDate(date.fromtimestamp(stamp), "in.xlsx")
    assert data_date_of_file(None, DAY) == DataDate(DAY)
    assert data_date_of_file(tmp_path / "gone.xlsx", DAY) == DataDate(DAY)
