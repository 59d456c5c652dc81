"""The JSON of ``compute --json``: totals, every line with its explanation and trace, rows not counted."""

from __future__ import annotations

from typing import Any

import pandas as pd

from budgetcalc.base.calendar import month_label
from budgetcalc.base.money import fen_to_yuan, rmb_upper
from budgetcalc.compute.result import Result
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


def to_json(result: Result, lang: Lang = "zh") -> dict[str, Any]:
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
        "draws_on": dict(profile.draws()),
        "shortfalls": [{"fund": s.fund, "draws": list(s.draws), "fund_fen": s.fund_fen, "draws_fen": s.draws_fen,
                        "shortfall_fen": s.shortfall_fen} for s in result.shortfalls() if s.shortfall_fen],
        "overrides": overrides(result),
        "lines": line_records(result, lang),
        "not_counted": not_counted_records(result, lang),
        "warnings": [w.as_dict(lang) for w in result.warnings],
    }
