"""The JSON of ``compute --json``: totals, every line with its explanation and trace, rows not counted."""

from __future__ import annotations

from typing import Any

import pandas as pd

from budgetcalc.base.calendar import month_label
from budgetcalc.base.money import fen_to_yuan, rmb_upper
from budgetcalc.compute.result import Result
from budgetcalc.filing.prior import against_prior
from budgetcalc.report.explain import explanations, formulas
from budgetcalc.report.not_counted import not_counted_messages, reason_code
from budgetcalc.report.words import Lang, citation
from budgetcalc.rules.kinds import UnitRate


def _dates(column: pd.Series) -> list[str | None]:
    text = pd.to_datetime(column).dt.strftime("%Y-%m-%d")
    return [None if pd.isna(t) else t for t in text.tolist()]


def _months(column: pd.Series) -> list[str]:
    return [month_label(i) if i > 0 else "" for i in column.astype("int64").tolist()]


def _ints(column: pd.Series) -> list[int]:
    return column.astype("int64").tolist()


def _nonzero(frame: pd.DataFrame) -> list[dict[str, int]]:
    """Each row's non-zero cells by column name (levels, months): a province has 50,000 lines, so the
    frame is read as one array, not row by row."""
    names = [str(c) for c in frame.columns]
    return [{n: v for n, v in zip(names, row, strict=True) if v} for row in frame.to_numpy(dtype="int64").tolist()]


def line_records(result: Result, lang: Lang = "zh") -> list[dict[str, Any]]:
    lines = result.lines.reset_index(drop=True)
    if lines.empty:
        return []
    formula, explanation = formulas(result, lines, lang).tolist(), explanations(result, lines, lang).tolist()
    levels = _nonzero(result.level_parts().reset_index(drop=True))
    months = _nonzero(result.monthly_lines().reset_index(drop=True))
    cited = {clause: citation(result.profile, clause) for clause in lines["clause"].unique().tolist()}
    c = {name: lines[name].tolist() for name in (
        "standard_id", "label", "line_kind", "draws_on", "sheet", "facility_code", "person", "town", "unit", "point",
        "category", "funding_source", "function_code", "gov_economic_code", "dept_economic_code", "fund_type",
        "budget_unit", "template", "value_source", "start", "end", "reason", "assumption", "points_sum", "clause")}
    n = {name: _ints(lines[name]) for name in ("amount_fen", "low_fen", "high_fen", "row", "quantity", "months",
                                                "rate_fen")}
    in_total = lines["in_total"].astype(bool).tolist()
    first, last, qualified = _months(lines["first_month"]), _months(lines["last_month"]), _months(lines["qualify_month"])
    qualify_date, due_date = _dates(lines["qualify_date"]), _dates(lines["due_date"])
    return [{
        "standard_id": c["standard_id"][i], "label": c["label"][i], "line_kind": c["line_kind"][i],
        "in_total": in_total[i], "draws_on": c["draws_on"][i] or None,
        "amount_fen": n["amount_fen"][i], "low_fen": n["low_fen"][i], "high_fen": n["high_fen"][i],
        "explanation": explanation[i], "formula": formula[i], "citation": cited[c["clause"][i]],
        "sheet": c["sheet"][i], "row": n["row"][i] or None, "facility_code": c["facility_code"][i],
        "person": c["person"][i], "town": c["town"][i], "quantity": n["quantity"][i],
        "months": n["months"][i], "months_from": first[i], "months_to": last[i],
        "rate": str(fen_to_yuan(n["rate_fen"][i])), "unit": c["unit"][i], "point": c["point"][i],
        "category": c["category"][i], "funding_source": c["funding_source"][i],
        "function_code": c["function_code"][i], "gov_economic_code": c["gov_economic_code"][i],
        "dept_economic_code": c["dept_economic_code"][i], "fund_type": c["fund_type"][i],
        "budget_unit": c["budget_unit"][i], "levels": levels[i], "monthly": months[i],
        "overridden": c["value_source"][i] in ("override", "entry"),
        "trace": {
            "template": c["template"][i], "value_source": c["value_source"][i], "start": c["start"][i],
            "end": c["end"][i], "reason": c["reason"][i], "qualify_date": qualify_date[i],
            "qualified_from": qualified[i], "due_date": due_date[i],
            "assumption": c["assumption"][i] or None, "points": c["points_sum"][i] or None,
        },
    } for i in range(len(lines))]


def not_counted_records(result: Result, lang: Lang = "zh") -> list[dict[str, Any]]:
    frame = result.not_counted().reset_index(drop=True)
    if frame.empty:
        return []
    messages = not_counted_messages(result, frame, lang).tolist()
    codes = reason_code(frame).tolist()
    sheets, ids, labels = frame["sheet"].tolist(), frame["standard_id"].tolist(), frame["label"].tolist()
    rows, months, amounts = _ints(frame["row"]), _ints(frame["months"]), _ints(frame["amount_fen"])
    return [{"sheet": sheets[i], "row": rows[i] or None, "standard_id": ids[i], "label": labels[i],
             "reason": codes[i], "months_counted": months[i], "amount_fen": amounts[i], "message": messages[i]}
            for i in range(len(frame))]


def overrides(result: Result) -> list[dict[str, Any]]:
    out = []
    for value in result.values.overridden:
        std = value.standard
        for o in value.changes:
            out.append({"standard_id": std.id, "value": str(o.value),
                        "catalogue_value": str(std.value) if isinstance(std, UnitRate) else (
                            str(value.catalogue_amount) if value.catalogue_amount is not None else None),
                        "reason": o.reason, "facility_code": o.facility_code or None, "row": o.row})
    return out


def prior_records(result: Result, prior: Result | None = None) -> list[dict[str, Any]] | None:
    """Last year beside this year (the 上年数 sheet, or last year's computation), None without either."""
    found = against_prior(result, prior)
    if found is None:
        return None
    return [{"standard_id": i.standard_id, "label": i.label, "prior_fen": i.prior_fen, "actual_fen": i.actual_fen,
             "current_fen": i.current_fen, "delta_fen": i.delta_fen,
             "rate": None if i.rate is None else str(i.rate), "causes": dict(i.causes), "note": i.note,
             "in_total": i.in_total, "listed": i.listed} for i in found.items]


def to_json(result: Result, lang: Lang = "zh", prior: Result | None = None) -> dict[str, Any]:
    profile = result.profile
    return {
        "year": result.year,
        "profile": profile.id,
        "profile_name": profile.name,
        "document_number": profile.document_number,
        "unit_name": result.scenario.settings.unit_name,
        "total_fen": result.total_fen,
        "total_low_fen": result.total_low_fen,
        "total_high_fen": result.total_high_fen,
        "total_upper": rmb_upper(result.total_fen),
        "by_standard": result.by_standard(),
        "by_category": result.by_category(),
        "by_funding_source": result.by_funding_source(),
        "by_town": result.by_town(),
        "by_function": result.by_function(),
        "by_gov_economic": result.by_gov_economic(),
        "by_dept_economic": result.by_dept_economic(),
        "by_fund_type": result.by_fund_type(),
        "by_level": result.by_level(),
        "by_unit": result.by_unit(),
        "monthly": {str(m): v for m, v in result.monthly().items()},
        "prior": prior_records(result, prior),
        "draws_on": dict(profile.draws()),
        "shortfalls": [{"fund": s.fund, "draws": list(s.draws), "fund_fen": s.fund_fen, "draws_fen": s.draws_fen,
                        "shortfall_fen": s.shortfall_fen} for s in result.shortfalls() if s.shortfall_fen],
        "overrides": overrides(result),
        "lines": line_records(result, lang),
        "not_counted": not_counted_records(result, lang),
        "warnings": [w.as_dict(lang) for w in result.warnings],
    }
