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
from budgetcalc.base.safe_io import atomic_write
from budgetcalc.inputs.editing import book_from_json
from budgetcalc.inputs.reader import ReadResult, read_sheets
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue, load_profile_text

FORMAT = "budgetcalc-scenario"
VERSION = 1


class ScenarioFileError(Exception):
    """The file is not a scenario this program can open (message is for the user, in Chinese)."""


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
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScenarioFileError(f"无法读取方案文件：{exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ScenarioFileError("不是本程序的方案文件")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise ScenarioFileError("方案文件版本无法识别")
    if version > VERSION:
        raise ScenarioFileError(f"该方案文件由更新版本的程序保存（{data.get('saved_by', '')}，格式版本 {version}），"
                                f"请升级本程序后再打开")
    standards = data.get("standards") or {}
    profile, problems = load_profile_text(str(standards.get("file", "")), str(standards.get("text", "")))
    if profile is None or problems:
        raise ScenarioFileError("方案文件中保存的标准有误：" + "；".join(str(p) for p in problems[:5]))
    stored = Catalogue((profile,))
    sheets = data.get("sheets")
    if not isinstance(sheets, dict) or not all(isinstance(v, list) for v in sheets.values()):
        raise ScenarioFileError("方案文件缺少输入数据")
    read = read_sheets(sheets, stored, source=str(path))
    changed = shipped.has_profile(profile.id) and shipped.profile(profile.id).source != profile.source
    return Opened(read, stored, changed, str(data.get("saved_by", "")), book_from_json(sheets), version)

