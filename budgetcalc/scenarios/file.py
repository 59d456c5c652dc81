"""Scenario files: inputs, settings, overrides and the standards they were computed with.

A scenario file is data only — JSON, versioned, nothing in it is executed. The inputs are
kept as the input workbook's own sheets (headers and cell values), so opening a file goes
through exactly the checks an imported workbook gets. The profile's TOML text is stored
too: reopened a year later, after the catalogue changed, the file still gives the same
figures, and says that the catalogue now has other values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from budgetcalc import __version__
from budgetcalc.base.ordering import Order
from budgetcalc.base.safe_io import atomic_write
from budgetcalc.inputs.editing import book_from_json
from budgetcalc.inputs.reader import ReadResult, read_sheets
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue, load_profile_text
from budgetcalc.scenarios.file_checks import (
    FORMAT,
    VERSION,
    check_body,
    check_head,
    read_json,
    refused,
)


@dataclass(frozen=True)
class Opened:
    read: ReadResult
    catalogue: Catalogue          # the standards stored in the file
    catalogue_changed: bool       # the shipped catalogue now differs for this profile
    saved_by: str
    sheets: dict[str, list[list[object]]]   # the sheets as stored (an editor shows them as they are)
    version: int


def to_sheets(scenario: Scenario) -> dict[str, list[list[object]]]:
    """The scenario as input-workbook sheets (the inverse of ``read_sheets``)."""
    s = scenario.settings
    settings: list[list[object]] = [["项目", "值"], [vocab.SETTING_YEAR, s.year], [vocab.SETTING_PROFILE, s.profile_id]]
    if s.unit_name:
        settings.append([vocab.SETTING_UNIT, s.unit_name])
    if s.baseline_fen is not None:
        settings.append([vocab.SETTING_BASELINE, _yuan_text(s.baseline_fen)])
    settings.extend([item, f"{point}%"] for item, point in s.band_points)
    if s.gap_cost_fen is not None:
        settings.append([vocab.SETTING_GAP_COST, _yuan_text(s.gap_cost_fen)])
    if not s.contract_staff_in_n:
        settings.append([vocab.SETTING_CONTRACT_STAFF, "否"])
    if s.fiscal_share is not None:
        settings.append([vocab.SETTING_FISCAL_SHARE, f"{s.fiscal_share}%"])
    if s.programme_start is not None:
        settings.append([vocab.SETTING_PROGRAMME_START, s.programme_start])
    if s.quarterly_cash:
        settings.append([vocab.SETTING_CASH_PLAN, "按季"])
    if s.order != Order.INPUT:
        settings.append([vocab.SETTING_ORDER, s.order.value])
    if s.filing_date is not None:
        settings.append([vocab.SETTING_FILING_DATE, s.filing_date.isoformat()])
    sheets: dict[str, list[list[object]]] = {
        vocab.SHEET_SETTINGS: settings,
        vocab.SHEET_FACILITIES: _table_rows(scenario.facilities, vocab.FACILITY_COLUMNS),
        vocab.SHEET_STAFF: _table_rows(scenario.staff, vocab.STAFF_COLUMNS),
        vocab.SHEET_REGIONS: _table_rows(scenario.regions, vocab.REGION_COLUMNS),
    }
    if scenario.overrides:
        header: list[object] = [c.header for c in vocab.OVERRIDE_COLUMNS]
        sheets[vocab.SHEET_OVERRIDES] = [header] + [
            [o.standard_id, str(o.value), o.reason, o.facility_code, "" if o.quantity is None else o.quantity,
             "" if o.from_year is None else o.from_year]
            for o in scenario.overrides]
    if scenario.plan:
        plan_header: list[object] = [c.header for c in vocab.PLAN_COLUMNS]
        sheets[vocab.SHEET_PLAN] = [plan_header] + [
            [r.kind.value, str(r.value), "" if r.from_year is None else r.from_year,
             "" if r.to_year is None else r.to_year, r.facility_code, r.facility_type, r.category, r.post,
             r.recruitment, "是" if r.integrated else "否", "是" if r.new else "否", r.standard_id or "", r.note]
            for r in scenario.plan]
    if scenario.payers:
        sheets[vocab.SHEET_PAYERS] = [_header(vocab.PAYER_COLUMNS)] + [
            [r.standard_id or "", r.payer.fund_type,
             *(str(dict(r.payer.levels).get(level, "")) for level in vocab.LEVELS), r.note] for r in scenario.payers]
    if scenario.prior:
        sheets[vocab.SHEET_PRIOR] = [_header(vocab.PRIOR_COLUMNS)] + [
            [r.standard_id or "", r.label if r.standard_id is None else "",
             "" if r.budget_fen is None else _yuan_text(r.budget_fen),
             "" if r.actual_fen is None else _yuan_text(r.actual_fen), r.note] for r in scenario.prior]
    if scenario.projects:
        sheets[vocab.SHEET_PROJECTS] = [_header(vocab.PROJECT_COLUMNS)] + [
            [r.project, r.standard_id or "", r.goal, r.level1, r.level2, r.indicator, r.value] for r in scenario.projects]
    if scenario.grades:
        grade_header: list[object] = [c.header for c in vocab.GRADE_COLUMNS]
        sheets[vocab.SHEET_GRADES] = [grade_header] + [
            [g.name, *(f"{g.point(setting)}%" if g.point(setting) is not None else "" for setting in vocab.BAND_SETTINGS)]
            for g in scenario.grades]
    return sheets


def _header(columns: tuple[vocab.Column, ...]) -> list[object]:
    return [c.header for c in columns]


def _yuan_text(fen: int) -> str:
    whole, cents = divmod(fen, 100)
    return f"{whole}.{cents:02d}"


def _table_rows(table: pd.DataFrame, columns: tuple[vocab.Column, ...]) -> list[list[object]]:
    out: list[list[object]] = [[c.header for c in columns]]
    cols = []
    for c in columns:
        series = table[c.key]
        if c.kind == "bool":
            cols.append(series.map(lambda v: "是" if v else "否").tolist())
        elif c.kind == "date":
            cols.append(pd.to_datetime(series).dt.strftime("%Y-%m-%d").fillna("").tolist())
        elif c.kind in ("count", "number"):
            cols.append([("" if pd.isna(v) else (int(v) if float(v).is_integer() else float(v))) for v in series])
        else:
            cols.append(series.fillna("").astype(str).tolist())
    out.extend(list(row) for row in zip(*cols, strict=True))
    return out


def save_scenario(path: str | Path, scenario: Scenario, catalogue: Catalogue) -> Path:
    """Write atomically, keeping the previous version as ``<file>.bak``."""
    profile = catalogue.profile(scenario.settings.profile_id)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "saved_by": f"budgetcalc {__version__}",
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        "sheets": to_sheets(scenario),
        "standards": {"file": f"{profile.id}.toml", "text": profile.source,
                      "sha256": hashlib.sha256(profile.source.encode("utf-8")).hexdigest()},
    }
    text = json.dumps(data, ensure_ascii=False, indent=1, default=_json_default)

    def write(tmp: Path) -> None:
        tmp.write_text(text, "utf-8")

    return atomic_write(path, write, backup=True)


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    raise TypeError(f"not JSON: {type(value).__name__}")


def load_scenario(path: str | Path, shipped: Catalogue) -> Opened:
    """Open a scenario file: the whole file is checked before any of it is used.

    A file that is not a scenario this program can open — too large, not a regular file, not
    UTF-8 (a UTF-8 BOM is accepted), not JSON, nested too deep, a key twice in one object,
    an integer of more than MAX_DIGITS digits, NaN or Infinity, a wrong type anywhere, a lone
    surrogate in any text, stored standards that do not match their checksum or do not load —
    raises ScenarioFileError with the Problem that says so; never another exception. Mistakes
    in the sheets themselves are the reader's problems in ``Opened.read``, as for a workbook.
    """
    data = read_json(Path(path))
    version = check_head(data)
    standards, sheets = check_body(data)
    text = standards["text"]
    assert isinstance(text, str)
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != str(standards["sha256"]).lower():
        raise refused("scenario_file_altered", file=str(standards["file"]))
    try:
        profile, problems = load_profile_text(str(standards["file"]), text)
    except Exception as exc:  # the loader reports what it knows; anything else is still the file's fault
        raise refused("scenario_file_standards", detail=f"{type(exc).__name__}: {exc}") from exc
    if profile is None or problems:
        raise refused("scenario_file_standards", detail="；".join(str(p) for p in problems[:5]))
    stored = Catalogue((profile,))
    try:
        read = read_sheets(sheets, stored, source=str(path))
        book = book_from_json(sheets)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError) as exc:
        raise refused("scenario_file_unusable", detail=f"{type(exc).__name__}: {exc}") from exc
    changed = shipped.has_profile(profile.id) and shipped.profile(profile.id).source != profile.source
    saved_by = data.get("saved_by", "")
    return Opened(read, stored, changed, saved_by if isinstance(saved_by, str) else "", book, version)
