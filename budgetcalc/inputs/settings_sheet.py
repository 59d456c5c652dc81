"""The 参数 sheet: budget year, profile, preparer, performance-pay baseline and band points, planning items,
the sheets' order and 填报日期."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypedDict

import pandas as pd

from budgetcalc.base.celltext import cell_text, header_key, normalize_text
from budgetcalc.base.money import has_sub_fen, yuan_to_fen
from budgetcalc.base.ordering import Order
from budgetcalc.base.problems import Problem
from budgetcalc.inputs import cells
from budgetcalc.inputs.scenario import Settings
from budgetcalc.inputs.sheet import Sheet
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.rules.kinds import Band

# 元 per person-year; the documents' baselines are around 10^5, so this bound only catches typing errors
MAX_BASELINE = Decimal(1_000_000)
MAX_POINT = Decimal(1000)
YEAR_EXPECTED = "2000–2100 的年份"


def read_settings(sheet: Sheet, catalogue: Catalogue, profile: str | None, year: int | None,
                  problems: list[Problem]) -> Settings | None:
    name = sheet.name
    found: dict[str, tuple[int, object]] = {}
    known = {item for item, _ in vocab.SETTING_ITEMS}
    for i, cells_of_row in enumerate(sheet.rows):
        if not cells_of_row or cell_text(cells_of_row[0]) in ("", "项目"):
            continue
        item = header_key(cells_of_row[0])
        value = cells_of_row[1] if len(cells_of_row) > 1 else ""
        if item not in known:
            problems.append(Problem("unknown_setting", name, i + 1, "项目", cell_text(cells_of_row[0]),
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
            code = "required" if cell_text(raw_year) == "" else "not_a_number"
            problems.append(Problem(code, name, row, vocab.SETTING_YEAR, cell_text(raw_year), "四位年份，如 2025"))
            ok = False
        elif number != number.to_integral() or not 2000 <= number <= 2100:
            problems.append(Problem("year_out_of_range", name, row, vocab.SETTING_YEAR, cell_text(raw_year),
                                    YEAR_EXPECTED))
            ok = False
        else:
            budget_year = int(number)
    elif not 2000 <= budget_year <= 2100:
        problems.append(Problem("year_out_of_range", "", None, "--year", str(budget_year), YEAR_EXPECTED))
        ok = False

    row, raw_profile = cell(vocab.SETTING_PROFILE)
    profile_id = profile if profile is not None else normalize_text(cell_text(raw_profile))
    if profile_id == "":
        problems.append(Problem("required", name, row, vocab.SETTING_PROFILE, "", "、".join(catalogue.ids)))
        ok = False
    elif not catalogue.has_profile(profile_id):
        where = (name, row, vocab.SETTING_PROFILE) if profile is None else ("", None, "--profile")
        problems.append(Problem("unknown_profile", *where, profile_id, "、".join(catalogue.ids)))
        ok = False

    row, raw_base = cell(vocab.SETTING_BASELINE)
    baseline_fen = None
    if cell_text(raw_base) != "":
        base = cells.decimal_value(raw_base)
        text = cell_text(raw_base)
        if base is None:
            problems.append(Problem("not_a_number", name, row, vocab.SETTING_BASELINE, text, "元/人·年"))
        elif base < 0:
            problems.append(Problem("negative", name, row, vocab.SETTING_BASELINE, text, "元/人·年"))
        elif base > MAX_BASELINE:
            problems.append(Problem("too_large", name, row, vocab.SETTING_BASELINE, text, "元/人·年",
                                    params=(("limit", f"{MAX_BASELINE:,}"),)))
        elif has_sub_fen(base):
            problems.append(Problem("sub_fen", name, row, vocab.SETTING_BASELINE, text, "元，最多两位小数"))
        else:
            baseline_fen = yuan_to_fen(base)

    points: list[tuple[str, Decimal]] = []
    for item in vocab.BAND_SETTINGS:
        if item not in found:
            continue
        row, raw = found[item]
        if cell_text(raw) == "":
            continue
        point = cells.parse_percent_value(raw)
        if point is None or point < 0:
            problems.append(Problem("not_percent", name, row, item, cell_text(raw), "百分比，如 110%、1.1 或 110"))
        elif point > MAX_POINT:
            problems.append(Problem("too_large", name, row, item, cell_text(raw), "百分比",
                                    params=(("limit", f"{MAX_POINT}%"),)))
        else:
            points.append((item, point))

    unit_name = cell_text(cell(vocab.SETTING_UNIT)[1])
    planning = _planning(name, found, problems)
    printing = _printing(name, found, problems)
    if not ok or budget_year is None:
        return None
    return Settings(budget_year, profile_id, unit_name, baseline_fen, tuple(points), **planning, **printing)


class _Printing(TypedDict, total=False):
    order: Order
    filing_date: dt.date


def _printing(name: str, found: dict[str, tuple[int, object]], problems: list[Problem]) -> _Printing:
    """How the sheets list towns, facilities and staff (排序方式), and the date they are signed (填报日期)."""
    out: _Printing = {}
    row, raw = found.get(vocab.SETTING_ORDER, (None, ""))
    if cell_text(raw):
        text = normalize_text(cell_text(raw))
        if text in vocab.ORDER_CHOICES:
            out["order"] = Order(text)
        else:
            problems.append(Problem("not_in_choices", name, row, vocab.SETTING_ORDER, cell_text(raw),
                                    "、".join(vocab.ORDER_CHOICES)))
    row, raw = found.get(vocab.SETTING_FILING_DATE, (None, ""))
    if cell_text(raw):
        parsed = cells.parse_date(cells.Cells.of(pd.Series([raw], dtype=object)))
        day = parsed.values.iloc[0]
        if pd.isna(day):
            code, expected = next((code, expected) for bad, code, expected in parsed.issues if bad.iloc[0])
            problems.append(Problem(code, name, row, vocab.SETTING_FILING_DATE, cell_text(raw), expected))
        else:
            out["filing_date"] = day.date()
    return out


class _Planning(TypedDict, total=False):
    quarterly_cash: bool
    gap_cost_fen: int
    contract_staff_in_n: bool
    fiscal_share: Decimal
    programme_start: int


def _planning(name: str, found: dict[str, tuple[int, object]], problems: list[Problem]) -> _Planning:
    """The optional planning items: a gap's cost per person, who counts in N, the fiscal share, a start year,
    how the cash plan pays annual subsidies."""
    out: _Planning = {}
    row, raw = found.get(vocab.SETTING_GAP_COST, (None, ""))
    if cell_text(raw):
        cost = cells.decimal_value(raw)
        if cost is None or cost < 0 or has_sub_fen(cost) or cost > MAX_BASELINE:
            problems.append(Problem("not_a_number", name, row, vocab.SETTING_GAP_COST, cell_text(raw),
                                    f"元/人·年，0 至 {MAX_BASELINE:,}，最多两位小数"))
        else:
            out["gap_cost_fen"] = yuan_to_fen(cost)
    row, raw = found.get(vocab.SETTING_CONTRACT_STAFF, (None, ""))
    if cell_text(raw):
        text = normalize_text(cell_text(raw))
        if text in vocab.TRUE_WORDS or text in vocab.FALSE_WORDS:
            out["contract_staff_in_n"] = text in vocab.TRUE_WORDS
        else:
            problems.append(Problem("not_bool", name, row, vocab.SETTING_CONTRACT_STAFF, cell_text(raw),
                                    "是/否（也可 Y/N、TRUE/FALSE、1/0、√/空）"))
    row, raw = found.get(vocab.SETTING_FISCAL_SHARE, (None, ""))
    if cell_text(raw):
        share = cells.parse_percent_value(raw)
        if share is None or not 0 <= share <= 100:
            problems.append(Problem("not_percent", name, row, vocab.SETTING_FISCAL_SHARE, cell_text(raw), "0%–100%"))
        else:
            out["fiscal_share"] = share
    row, raw = found.get(vocab.SETTING_CASH_PLAN, (None, ""))
    if cell_text(raw):
        text = normalize_text(cell_text(raw))
        if text in vocab.CASH_PLAN_CHOICES:
            out["quarterly_cash"] = text == "按季"
        else:
            problems.append(Problem("not_in_choices", name, row, vocab.SETTING_CASH_PLAN, cell_text(raw),
                                    "、".join(vocab.CASH_PLAN_CHOICES)))
    row, raw = found.get(vocab.SETTING_PROGRAMME_START, (None, ""))
    if cell_text(raw):
        start = cells.decimal_value(raw)
        if start is None or start != start.to_integral() or not 2000 <= start <= 2100:
            problems.append(Problem("year_out_of_range", name, row, vocab.SETTING_PROGRAMME_START, cell_text(raw),
                                    YEAR_EXPECTED))
        else:
            out["programme_start"] = int(start)
    return out


def check_settings(settings: Settings, catalogue: Catalogue) -> list[Problem]:
    """Checks that need the profile: baseline present, chosen points inside their bands."""
    problems: list[Problem] = []
    profile = catalogue.profile(settings.profile_id)
    bands = list(profile.of_kind(Band))
    if bands and settings.baseline_fen is None:
        problems.append(Problem("baseline_required", vocab.SHEET_SETTINGS, None, vocab.SETTING_BASELINE, "", "元/人·年"))
    for std in bands:
        point = settings.band_point(std.setting)
        if point is None or std.allows(point):
            continue
        problems.append(Problem("band_out_of_range", vocab.SHEET_SETTINGS, None, std.setting,
                                f"{point}%", f"{std.low}%–{std.high}%" + ("，或 0（不计）" if std.may_be_off else ""),
                                params=(("low", str(std.low)), ("high", str(std.high)))))
    return problems
