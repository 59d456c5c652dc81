"""Reading the input workbook (``参数``, ``标准调整``, ``机构``, ``人员``, ``区域``, ``规划``, ``考核等次``).

Reads with python-calamine (several times faster than openpyxl, and immune to the A1:A1
dimension that WPS writes), keeps empty rows so row numbers are the ones Excel shows,
and collects every problem before deciding anything: a workbook with any error yields no
scenario, so nothing is ever computed from half-read data. Warnings (a header that looks
like a contract header, a column a standard needs but the sheet lacks, a town the 区域
sheet does not know) are returned with the scenario: they never block, never stay silent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

import pandas as pd

from budgetcalc.base import native_stderr
from budgetcalc.base.celltext import normalize_text
from budgetcalc.base.files import unreadable
from budgetcalc.base.problems import Problem, errors
from budgetcalc.inputs.checks import check_columns, check_facilities, check_staff, check_towns
from budgetcalc.inputs.grades_sheet import Grade, check_unit_grades, read_grades
from budgetcalc.inputs.overrides_sheet import read_overrides
from budgetcalc.inputs.payers_sheet import PayerRow, read_payers
from budgetcalc.inputs.plan_sheet import PlanRule, read_plan
from budgetcalc.inputs.prior_sheet import PriorRow, read_prior
from budgetcalc.inputs.projects_sheet import ProjectRow, read_projects
from budgetcalc.inputs.scenario import Scenario, empty_table
from budgetcalc.inputs.settings_sheet import check_settings, read_settings
from budgetcalc.inputs.sheet import Sheet, TableRead
from budgetcalc.inputs.workbook_guard import check_workbook
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.rules.values import Override


@dataclass(frozen=True)
class ReadResult:
    scenario: Scenario | None
    problems: tuple[Problem, ...]
    # each sheet's table as read: the next read of an edited book parses only the rows that changed
    tables: Mapping[str, TableRead] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.scenario is not None


def load_sheets(path: str | Path) -> dict[str, list[list[object]]]:
    """Every sheet of a workbook as rows of raw cells, row 1 first, empty rows kept."""
    import python_calamine  # lazy: the window should not wait for it

    with open(path, "rb") as fh, native_stderr.captured():  # a file object: the path may not be UTF-8 (Rust needs it)
        book = python_calamine.CalamineWorkbook.from_filelike(fh)
        return {name: cast("list[list[object]]", book.get_sheet_by_name(name).to_python(skip_empty_area=False))
                for name in book.sheet_names}   # fresh lists of lists: not copied again


def read_workbook(path: str | Path, catalogue: Catalogue, *, profile: str | None = None,
                  year: int | None = None) -> ReadResult:
    """Read and check an input workbook; ``profile``/``year`` override its 参数 sheet."""
    raw = open_sheets(path)
    if isinstance(raw, Problem):
        return ReadResult(None, (raw,))
    return read_sheets(raw, catalogue, profile=profile, year=year, source=str(path))


def open_sheets(path: str | Path) -> dict[str, list[list[object]]] | Problem:
    """The workbook's sheets, or the one problem that refuses the file before or while it is read
    (not a regular file, past a bound of the guard, a reader failure): the command line and the
    window open every workbook through here, so no file can hang, exhaust memory or kill either."""
    refused = unreadable(path)
    if refused is not None:
        return Problem(refused, "", None, "", str(path), "Excel 工作簿（.xlsx）", params=(("detail", str(path)),))
    refusal = check_workbook(path)
    if refusal is not None:
        return Problem(refusal.code, refusal.sheet, refusal.row, refusal.column, str(path), "", params=refusal.params)
    try:
        return load_sheets(path)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # any reader failure is the user's file (calamine panics are BaseException)
        code = "workbook_cell_unreadable" if type(exc).__name__ == "PanicException" else "file_unreadable"
        return Problem(code, "", None, "", str(path), "Excel 工作簿（.xlsx）",
                       params=(("detail", f"{type(exc).__name__}: {exc}"[:300]),))


def read_sheets(raw: dict[str, list[list[object]]], catalogue: Catalogue, *, profile: str | None = None,
                year: int | None = None, source: str = "",
                previous: Mapping[str, TableRead] | None = None) -> ReadResult:
    """Check sheets given as rows of cells (from a file, a test or the desktop app's tables).

    ``previous`` is the ``tables`` of a read of an earlier version of the same book: a sheet's
    rows that are the same objects as then are not parsed again. Checks across rows and sheets
    always run on the whole tables."""
    problems: list[Problem] = []
    sheets = {normalize_text(name): Sheet(name, rows) for name, rows in raw.items()}
    for name in (vocab.SHEET_SETTINGS, vocab.SHEET_FACILITIES, vocab.SHEET_STAFF):
        if name not in sheets:
            problems.append(Problem("sheet_missing", name, params=(("sheet", name),)))

    present: dict[str, frozenset[str]] = {}
    tables: dict[str, TableRead] = {}

    def table(name: str, columns: tuple[vocab.Column, ...]) -> pd.DataFrame | None:
        if name not in sheets:
            return None
        read = sheets[name].table(columns, problems, (previous or {}).get(name))
        present[name] = read.present
        tables[name] = read
        return read.frame

    facilities = table(vocab.SHEET_FACILITIES, vocab.FACILITY_COLUMNS)
    staff = table(vocab.SHEET_STAFF, vocab.STAFF_COLUMNS)
    regions = table(vocab.SHEET_REGIONS, vocab.REGION_COLUMNS) if vocab.SHEET_REGIONS in sheets \
        else empty_table(vocab.REGION_COLUMNS)
    override_rows = table(vocab.SHEET_OVERRIDES, vocab.OVERRIDE_COLUMNS)
    plan_rows = table(vocab.SHEET_PLAN, vocab.PLAN_COLUMNS)
    grade_rows = table(vocab.SHEET_GRADES, vocab.GRADE_COLUMNS)
    payer_rows = table(vocab.SHEET_PAYERS, vocab.PAYER_COLUMNS)
    prior_rows = table(vocab.SHEET_PRIOR, vocab.PRIOR_COLUMNS)
    project_rows = table(vocab.SHEET_PROJECTS, vocab.PROJECT_COLUMNS)

    settings = None
    if vocab.SHEET_SETTINGS in sheets:
        settings = read_settings(sheets[vocab.SHEET_SETTINGS], catalogue, profile, year, problems)
    if facilities is not None:
        check_facilities(facilities, problems)
        if staff is not None:
            checked = check_staff(staff, facilities, problems, tables[vocab.SHEET_STAFF].checked)
            tables[vocab.SHEET_STAFF] = replace(tables[vocab.SHEET_STAFF], checked=checked)
        if regions is not None:
            check_towns(facilities, regions, problems)
    overrides: tuple[Override, ...] = ()
    plan: tuple[PlanRule, ...] = ()
    grades: tuple[Grade, ...] = ()
    payers: tuple[PayerRow, ...] = ()
    prior: tuple[PriorRow, ...] = ()
    projects: tuple[ProjectRow, ...] = ()
    if settings is not None:
        chosen = catalogue.profile(settings.profile_id)
        types = {} if facilities is None or (override_rows is None and plan_rows is None) else {
            c: str(t) for c, t in zip(facilities["code"].tolist(), facilities["type"].tolist(), strict=True)
            if isinstance(c, str)}   # a province's 26,500 facilities: made only for the sheets that name them
        codes = set(types)
        if override_rows is not None:
            overrides = read_overrides(override_rows, chosen, types, problems)
        if plan_rows is not None:
            plan = read_plan(plan_rows, chosen, codes, problems)
        if grade_rows is not None:
            grades = read_grades(grade_rows, chosen, problems)
        if facilities is not None:
            check_unit_grades(facilities, grades, problems)
        if payer_rows is not None:
            payers = read_payers(payer_rows, chosen, problems)
        if prior_rows is not None:
            prior = read_prior(prior_rows, chosen, problems)
        if project_rows is not None:
            projects = read_projects(project_rows, chosen, problems)
        problems.extend(check_settings(settings, catalogue))
        check_columns(chosen, present, {o.standard_id for o in overrides}, problems)

    if errors(problems) or settings is None or facilities is None or staff is None or regions is None:
        return ReadResult(None, tuple(problems), tables)
    scenario = Scenario(settings, facilities, staff, regions, overrides, source=source, plan=plan, grades=grades,
                        payers=payers, prior=prior, projects=projects)
    return ReadResult(scenario, tuple(problems), tables)
