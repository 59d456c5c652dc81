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


def _date(value: Any) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _month(index: int) -> str:
    return month_label(int(index)) if int(index) > 0 else ""


def line_records(result: Result, lang: Lang = "zh") -> list[dict[str, Any]]:
    lines = result.lines.reset_index(drop=True)
    if lines.empty:
        return []
    formula = formulas(result, lines, lang)
    explanation = explanations(result, lines, lang)
    parts = result.level_parts().reset_index(drop=True)
    months = result.monthly_lines().reset_index(drop=True)
    out = []
    for i, rec in enumerate(lines.to_dict("records")):
        out.append({
            "standard_id": rec["standard_id"], "label": rec["label"], "line_kind": rec["line_kind"],
            "in_total": bool(rec["in_total"]), "draws_on": rec["draws_on"] or None,
            "amount_fen": int(rec["amount_fen"]), "low_fen": int(rec["low_fen"]), "high_fen": int(rec["high_fen"]),
            "explanation": explanation[i], "formula": formula[i], "citation": citation(result.profile, rec["clause"]),
            "sheet": rec["sheet"], "row": int(rec["row"]) or None, "facility_code": rec["facility_code"],
            "person": rec["person"], "town": rec["town"], "quantity": int(rec["quantity"]),
            "months": int(rec["months"]), "months_from": _month(rec["first_month"]),
            "months_to": _month(rec["last_month"]), "rate": str(fen_to_yuan(int(rec["rate_fen"]))),
            "unit": rec["unit"], "point": rec["point"], "category": rec["category"],
            "funding_source": rec["funding_source"],
            "function_code": rec["function_code"], "gov_economic_code": rec["gov_economic_code"],
            "dept_economic_code": rec["dept_economic_code"], "fund_type": rec["fund_type"],
            "budget_unit": rec["budget_unit"],
            "levels": {str(k): int(v) for k, v in parts.iloc[i].items() if v},
            "monthly": {str(m): int(v) for m, v in months.iloc[i].items() if v},
            "overridden": rec["value_source"] in ("override", "entry"),
            "trace": {
                "template": rec["template"], "value_source": rec["value_source"], "start": rec["start"],
                "end": rec["end"], "reason": rec["reason"], "qualify_date": _date(rec["qualify_date"]),
                "qualified_from": _month(rec["qualify_month"]), "due_date": _date(rec["due_date"]),
                "assumption": rec["assumption"] or None, "points": rec["points_sum"] or None,
            },
        })
    return out


def not_counted_records(result: Result, lang: Lang = "zh") -> list[dict[str, Any]]:
    frame = result.not_counted().reset_index(drop=True)
    if frame.empty:
        return []
    messages = not_counted_messages(result, frame, lang)
    codes = reason_code(frame)
    return [{"sheet": rec["sheet"], "row": int(rec["row"]) or None, "standard_id": rec["standard_id"],
             "label": rec["label"], "reason": codes[i], "months_counted": int(rec["months"]),
             "amount_fen": int(rec["amount_fen"]), "message": messages[i]}
            for i, rec in enumerate(frame.to_dict("records"))]


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
