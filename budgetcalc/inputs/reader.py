"""Reading the input workbook (``参数``, ``标准调整``, ``机构``, ``人员``, ``区域``).

Reads with python-calamine (several times faster than openpyxl, and immune to the A1:A1
dimension that WPS writes), keeps empty rows so row numbers are the ones Excel shows,
and collects every problem before deciding anything: a workbook with any error yields no
scenario, so nothing is ever computed from half-read data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from budgetcalc.base.money import has_sub_fen, yuan_to_fen
from budgetcalc.base.problems import Problem, errors
from budgetcalc.inputs import cells
from budgetcalc.inputs.scenario import Override, Scenario, Settings, empty_table
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue

HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class ReadResult:
    scenario: Scenario | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.scenario is not None


def _header_key(text: object) -> str:
    return cells.normalize_text(cells.cell_text(text)).replace(" ", "")


class _Sheet:
    """One sheet's rows as raw cells with the Excel row number of each."""

    def __init__(self, name: str, rows: list[list[object]]):
        self.name = name
        self.rows = rows

    def table(self, columns: tuple[vocab.Column, ...], problems: list[Problem]) -> pd.DataFrame | None:
        wanted = {_header_key(c.header): c for c in columns}
        header_at = next(
            (i for i, row in enumerate(self.rows[:HEADER_SEARCH_ROWS])
             if any(_header_key(v) in wanted for v in row)), None)
        if header_at is None:
            for c in columns:
                if c.required:
                    problems.append(Problem("header_missing", self.name, 1, c.header,
                                            params=(("column", c.header),)))
            return None
        positions: dict[str, int] = {}
        for j, value in enumerate(self.rows[header_at]):
            col = wanted.get(_header_key(value))
            if col is None:
                continue
            if col.key in positions:
                problems.append(Problem("header_duplicate", self.name, header_at + 1, col.header,
                                        params=(("column", col.header),)))
            positions[col.key] = j
        missing = [c for c in columns if c.required and c.key not in positions]
        for c in missing:
            problems.append(Problem("header_missing", self.name, header_at + 1, c.header,
                                    params=(("column", c.header),)))
        if missing:
            return None
        body = self.rows[header_at + 1:]
        width = max([len(self.rows[header_at])] + [len(r) for r in body])
        frame = pd.DataFrame([r + [""] * (width - len(r)) for r in body], columns=range(width), dtype=object)
        frame.index = pd.RangeIndex(header_at + 2, header_at + 2 + len(body))
        empty = pd.Series("", index=frame.index, dtype=object)
        columns_cells = {c.key: cells.Cells.of(frame[positions[c.key]] if c.key in positions else empty)
                         for c in columns}
        filled = ~pd.concat([columns_cells[k].blank for k in positions], axis=1).all(axis=1)
        kept = {k: v.take(filled) for k, v in columns_cells.items()}
        return _parse_columns(self.name, columns, kept, problems)


def _parse_columns(sheet: str, columns: tuple[vocab.Column, ...], raw: dict[str, cells.Cells],
                   problems: list[Problem]) -> pd.DataFrame:
    out: dict[str, pd.Series] = {}
    rows = next(iter(raw.values())).raw.index
    for c in columns:
        series = raw[c.key]
        if c.kind == "text":
            parsed = cells.parse_text(series)
        elif c.kind == "enum":
            parsed = cells.parse_enum(series, c.choices, c.default)
        elif c.kind == "count":
            parsed = cells.parse_count(series, c.default if isinstance(c.default, int) else None)
        elif c.kind == "number":
            parsed = cells.parse_number(series)
        elif c.kind == "bool":
            parsed = cells.parse_bool(series, bool(c.default))
        else:
            parsed = cells.parse_date(series)
        for mask, code, expected in parsed.issues:
            for row in mask.index[mask.to_numpy(dtype=bool)]:
                problems.append(Problem(code, sheet, int(row), c.header, series.text[row], expected))
        if c.required:
            empty = series.blank
            for row in empty.index[empty.to_numpy(dtype=bool)]:
                problems.append(Problem("required", sheet, int(row), c.header, "", "必填"))
        out[c.key] = parsed.values
    frame = pd.DataFrame(out, index=rows)
    frame.insert(0, "row", rows.to_numpy(dtype="int64"))
    return frame.reset_index(drop=True)


def load_sheets(path: str | Path) -> dict[str, list[list[object]]]:
    """Every sheet of a workbook as rows of raw cells, row 1 first, empty rows kept."""
    import python_calamine  # lazy: the window should not wait for it

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: [list(r) for r in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
            for name in book.sheet_names}


def read_workbook(path: str | Path, catalogue: Catalogue, *, profile: str | None = None,
                  year: int | None = None) -> ReadResult:
    """Read and check an input workbook; ``profile``/``year`` override its 参数 sheet."""
    try:
        raw = load_sheets(path)
    except Exception as exc:  # any reader failure is the user's file, reported, not raised
        return ReadResult(None, (Problem("file_unreadable", "", None, "", str(path), "Excel 工作簿（.xlsx）",
                                         params=(("detail", str(exc)),)),))
    return read_sheets(raw, catalogue, profile=profile, year=year, source=str(path))


def read_sheets(raw: dict[str, list[list[object]]], catalogue: Catalogue, *, profile: str | None = None,
                year: int | None = None, source: str = "") -> ReadResult:
    """Check sheets given as rows of cells (from a file, a test or the desktop app's tables)."""
    problems: list[Problem] = []
    sheets = {cells.normalize_text(name): _Sheet(name, rows) for name, rows in raw.items()}
    for name in (vocab.SHEET_SETTINGS, vocab.SHEET_FACILITIES, vocab.SHEET_STAFF):
        if name not in sheets:
            problems.append(Problem("sheet_missing", name, params=(("sheet", name),)))

    facilities = staff = None
    if vocab.SHEET_FACILITIES in sheets:
        facilities = sheets[vocab.SHEET_FACILITIES].table(vocab.FACILITY_COLUMNS, problems)
    if vocab.SHEET_STAFF in sheets:
        staff = sheets[vocab.SHEET_STAFF].table(vocab.STAFF_COLUMNS, problems)
    regions = empty_table(vocab.REGION_COLUMNS)
    if vocab.SHEET_REGIONS in sheets:
        regions = sheets[vocab.SHEET_REGIONS].table(vocab.REGION_COLUMNS, problems)
    override_rows = None
    if vocab.SHEET_OVERRIDES in sheets:
        override_rows = sheets[vocab.SHEET_OVERRIDES].table(vocab.OVERRIDE_COLUMNS, problems)

    settings = None
    if vocab.SHEET_SETTINGS in sheets:
        settings = _read_settings(sheets[vocab.SHEET_SETTINGS], catalogue, profile, year, problems)
    if facilities is not None:
        _check_facilities(facilities, problems)
        if staff is not None:
            _check_staff(staff, facilities, problems)
    overrides: tuple[Override, ...] = ()
    if settings is not None and override_rows is not None:
        overrides = _read_overrides(override_rows, settings, catalogue, problems)
    if settings is not None:
        problems.extend(check_settings(settings, catalogue))

    if errors(problems) or settings is None or facilities is None or staff is None or regions is None:
        return ReadResult(None, tuple(problems))
    scenario = Scenario(settings, facilities, staff, regions, overrides, source=source)
    return ReadResult(scenario, tuple(problems))


def _read_settings(sheet: _Sheet, catalogue: Catalogue, profile: str | None, year: int | None,
                   problems: list[Problem]) -> Settings | None:
    name = sheet.name
    found: dict[str, tuple[int, object]] = {}
    known = {item for item, _ in vocab.SETTING_ITEMS}
    for i, row in enumerate(sheet.rows):
        if not row or cells.cell_text(row[0]) in ("", "项目"):
            continue
        item = _header_key(row[0])
        value = row[1] if len(row) > 1 else ""
        if item not in known:
            problems.append(Problem("unknown_setting", name, i + 1, "项目", cells.cell_text(row[0]),
                                    "、".join(known), severity="warning"))
            continue
        found[item] = (i + 1, value)

    def cell(item: str) -> tuple[int | None, object]:
        return found.get(item, (None, ""))

    ok = True
    row, raw_year = cell(vocab.SETTING_YEAR)
    budget_year: int | None = year
    if budget_year is None:
        number = cells.decimal_value(raw_year)
        if number is None:
            code = "required" if cells.cell_text(raw_year) == "" else "not_a_number"
            problems.append(Problem(code, name, row, vocab.SETTING_YEAR, cells.cell_text(raw_year), "四位年份，如 2025"))
            ok = False
        elif number != number.to_integral() or not 2000 <= number <= 2100:
            problems.append(Problem("year_out_of_range", name, row, vocab.SETTING_YEAR, cells.cell_text(raw_year), "2000–2100 的年份"))
            ok = False
        else:
            budget_year = int(number)
    elif not 2000 <= budget_year <= 2100:
        problems.append(Problem("year_out_of_range", "", None, "--year", str(budget_year), "2000–2100 的年份"))
        ok = False

    row, raw_profile = cell(vocab.SETTING_PROFILE)
    profile_id = profile if profile is not None else cells.normalize_text(cells.cell_text(raw_profile))
    if profile_id == "":
        problems.append(Problem("required", name, row, vocab.SETTING_PROFILE, "", "、".join(catalogue.ids)))
        ok = False
    elif not catalogue.has_profile(profile_id):
        where = (name, row, vocab.SETTING_PROFILE) if profile is None else ("", None, "--profile")
        problems.append(Problem("unknown_profile", *where, profile_id, "、".join(catalogue.ids)))
        ok = False

    row, raw_base = cell(vocab.SETTING_BASELINE)
    baseline_fen = None
    if cells.cell_text(raw_base) != "":
        base = cells.decimal_value(raw_base)
        if base is None:
            problems.append(Problem("not_a_number", name, row, vocab.SETTING_BASELINE, cells.cell_text(raw_base), "元/人·年"))
        elif base < 0:
            problems.append(Problem("negative", name, row, vocab.SETTING_BASELINE, cells.cell_text(raw_base), "元/人·年"))
        elif has_sub_fen(base):
            problems.append(Problem("sub_fen", name, row, vocab.SETTING_BASELINE, cells.cell_text(raw_base), "元，最多两位小数"))
        else:
            baseline_fen = yuan_to_fen(base)

    points: list[tuple[str, Decimal]] = []
    for item, kind in vocab.SETTING_ITEMS:
        if kind != "percent" or item not in found:
            continue
        row, raw = found[item]
        if cells.cell_text(raw) == "":
            continue
        point = cells.parse_percent_value(raw)
        if point is None or point < 0:
            problems.append(Problem("not_percent", name, row, item, cells.cell_text(raw), "百分比，如 110%、1.1 或 110"))
        else:
            points.append((item, point))

    unit_name = cells.cell_text(cell(vocab.SETTING_UNIT)[1])
    if not ok or budget_year is None:
        return None
    return Settings(budget_year, profile_id, unit_name, baseline_fen, tuple(points))


def check_settings(settings: Settings, catalogue: Catalogue) -> list[Problem]:
    """Checks that need the profile: baseline present, chosen points inside their bands."""
    problems: list[Problem] = []
    profile = catalogue.profile(settings.profile_id)
    bands = [s for s in profile.standards if s.kind == "band"]
    if bands and settings.baseline_fen is None:
        problems.append(Problem("baseline_required", vocab.SHEET_SETTINGS, None, vocab.SETTING_BASELINE, "", "元/人·年"))
    for std in bands:
        point = settings.band_point(std.setting)
        if point is None or (std.may_be_off and point == 0):
            continue
        assert std.low is not None and std.high is not None
        if not std.low <= point <= std.high:
            problems.append(Problem("band_out_of_range", vocab.SHEET_SETTINGS, None, std.setting, f"{point}%",
                                    f"{std.low}%–{std.high}%" + ("，或 0（不计）" if std.may_be_off else ""),
                                    params=(("low", str(std.low)), ("high", str(std.high)))))
    return problems


def _read_overrides(table: pd.DataFrame, settings: Settings, catalogue: Catalogue,
                    problems: list[Problem]) -> tuple[Override, ...]:
    profile = catalogue.profile(settings.profile_id)
    sheet = vocab.SHEET_OVERRIDES
    seen: dict[str, int] = {}
    out: list[Override] = []
    for rec in table.itertuples(index=False):  # a handful of rows, never a hot path
        sid, text, row = rec.standard_id, rec.value, int(rec.row)
        if sid is None:
            continue
        if not profile.has(sid):
            problems.append(Problem("unknown_standard", sheet, row, "标准编号", sid,
                                    f"政策标准 {profile.id} 中的标准编号"))
            continue
        std = profile.standard(sid)
        if std.kind not in ("unit_rate", "band"):
            problems.append(Problem("override_kind", sheet, row, "标准编号", sid, "金额或档位类标准"))
            continue
        if sid in seen:
            problems.append(Problem("duplicate_override", sheet, row, "标准编号", sid, "每个标准只调整一次",
                                    params=(("other", str(seen[sid])),)))
            continue
        seen[sid] = row
        if text is None:
            continue  # already reported as required
        value = cells.decimal_value(text)
        if value is None:
            problems.append(Problem("not_a_number", sheet, row, "标准值", text, std.unit))
            continue
        if value < 0:
            problems.append(Problem("negative", sheet, row, "标准值", str(value), std.unit))
            continue
        if std.kind == "unit_rate" and has_sub_fen(value):
            problems.append(Problem("sub_fen", sheet, row, "标准值", str(value), f"{std.unit}，最多两位小数"))
            continue
        out.append(Override(sid, value, rec.reason or "", row))
    return tuple(out)


def _check_facilities(facilities: pd.DataFrame, problems: list[Problem]) -> None:
    sheet = vocab.SHEET_FACILITIES
    codes = facilities["code"]
    dup = codes.notna() & codes.duplicated(keep=False)
    if dup.any():
        first_row = facilities[dup].groupby("code")["row"].transform("min")
        for idx in facilities.index[dup]:
            other = int(first_row[idx]) if facilities.at[idx, "row"] != first_row[idx] else int(
                facilities[dup & (codes == codes[idx])]["row"].iloc[1])
            problems.append(Problem("duplicate_code", sheet, int(facilities.at[idx, "row"]), "机构编码",
                                    str(codes[idx]), "每个机构编码只出现一次", params=(("other", str(other)),)))
    _check_order(facilities, "start_date", "end_date", sheet, "停用日期", problems)


def _check_staff(staff: pd.DataFrame, facilities: pd.DataFrame, problems: list[Problem]) -> None:
    sheet = vocab.SHEET_STAFF
    unknown = staff["facility_code"].notna() & ~staff["facility_code"].isin(set(facilities["code"].dropna()))
    for idx in staff.index[unknown]:
        problems.append(Problem("unknown_facility", sheet, int(staff.at[idx, "row"]), "机构编码",
                                str(staff.at[idx, "facility_code"]), "“机构”表中已有的机构编码"))
    _check_order(staff, "on_post_date", "off_post_date", sheet, "离岗日期", problems)


def _check_order(table: pd.DataFrame, start: str, end: str, sheet: str, header: str,
                 problems: list[Problem]) -> None:
    wrong = table[start].notna() & table[end].notna() & (table[end] < table[start])
    for idx in table.index[wrong]:
        problems.append(Problem("end_before_start", sheet, int(table.at[idx, "row"]), header,
                                table.at[idx, end].date().isoformat(), f"不早于 {table.at[idx, start].date().isoformat()}"))
