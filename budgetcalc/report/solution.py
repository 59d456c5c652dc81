"""A ceiling solution in words and as JSON (``budgetcalc solve``, the app's solver dialog)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from budgetcalc.base.money import format_yuan, yuan_to_fen
from budgetcalc.planning.solver import Solution, SolveRefused, Vary
from budgetcalc.report.words import Lang

_UNITS = {Vary.POINT: ("%", "%"), Vary.RATE: (" 元", " yuan"), Vary.COUNT: (" 个", "")}


def value_words(solution: Solution, value: Decimal, lang: Lang = "zh") -> str:
    zh, en = _UNITS[solution.vary]
    shown = format_yuan(yuan_to_fen(value)) if solution.vary == Vary.RATE else f"{value}"
    return f"{shown}{zh if lang == 'zh' else en}"


def solution_json(solution: Solution) -> dict[str, Any]:
    result = solution.result
    return {
        "standard_id": solution.standard_id, "vary": solution.vary.value, "value": str(solution.value),
        "low": str(solution.low), "high": str(solution.high),
        "ceiling_fen": solution.ceiling_fen, "total_fen": solution.total_fen, "headroom_fen": solution.headroom_fen,
        "next": None if solution.next_value is None else {"value": str(solution.next_value),
                                                          "total_fen": solution.next_total_fen},
        "trials": solution.trials, "by_standard": result.by_standard(), "by_category": result.by_category(),
    }


def solution_text(solution: Solution, lang: Lang = "zh") -> str:
    std = solution.result.standard(solution.standard_id)
    value = value_words(solution, solution.value, lang)
    rng = f"{value_words(solution, solution.low, lang)}–{value_words(solution, solution.high, lang)}"
    if lang == "zh":
        what = f"按{std.label}（{std.clause}）计，最多可新增 {value}" if solution.vary == Vary.COUNT else \
            f"{std.label}（{std.clause}）最高可取 {value}"
        out = [f"预算上限 {format_yuan(solution.ceiling_fen)} 元内，{what}"
               f"（测算范围 {rng}，共测算 {solution.trials} 次）",
               f"合计 {format_yuan(solution.total_fen)} 元，距上限 {format_yuan(solution.headroom_fen)} 元"]
        if solution.next_value is not None and solution.next_total_fen is not None:
            out.append(f"再提高一档（{value_words(solution, solution.next_value, lang)}）合计 "
                       f"{format_yuan(solution.next_total_fen)} 元，超过上限")
        else:
            out.append("已取测算范围上限")
    else:
        what = f"at most {value} more units paid by {std.label} ({std.clause})" if solution.vary == Vary.COUNT else \
            f"{std.label} ({std.clause}) can be at most {value}"
        out = [f"Within the ceiling of {format_yuan(solution.ceiling_fen)} yuan, {what} "
               f"(range {rng}, {solution.trials} computations)",
               f"total {format_yuan(solution.total_fen)} yuan, {format_yuan(solution.headroom_fen)} yuan below the ceiling"]
        if solution.next_value is not None and solution.next_total_fen is not None:
            out.append(f"one step more ({value_words(solution, solution.next_value, lang)}) totals "
                       f"{format_yuan(solution.next_total_fen)} yuan, above the ceiling")
        else:
            out.append("the top of the range fits")
    return "\n".join(out) + "\n"


def refusal_text(refused: SolveRefused, lang: Lang = "zh") -> str:
    from budgetcalc.base.problems import MESSAGES

    zh, en = MESSAGES[refused.code]
    return (zh if lang == "zh" else en).format(**refused.params)
