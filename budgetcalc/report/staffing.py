"""Staffing norms, shares and policy targets in words and as JSON (``norms``, ``targets``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from budgetcalc.base.money import format_yuan
from budgetcalc.base.textwidth import table
from budgetcalc.compute.calculators.staffing import NormRow, ShareRow
from budgetcalc.compute.calculators.targets import TargetRow
from budgetcalc.compute.result import Result
from budgetcalc.report.standards import number, value_text
from budgetcalc.report.words import Lang, citation
from budgetcalc.rules.kinds import Norm, Schedule, Share, Target


def _t(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def norm_rows(result: Result) -> tuple[NormRow, ...]:
    return tuple(result.tables.get("norms", ()))


def share_rows(result: Result) -> tuple[ShareRow, ...]:
    return tuple(result.tables.get("shares", ()))


def target_rows(result: Result) -> tuple[TargetRow, ...]:
    return tuple(result.tables.get("targets", ()))


def norms_json(result: Result) -> list[dict[str, Any]]:
    """One object per norm (or share) and area: required, actual, gap, and the gap's cost where a cost is given."""
    out: list[dict[str, Any]] = []
    for row in norm_rows(result):
        std = result.standard(row.standard_id)
        assert isinstance(std, Norm)
        item: dict[str, Any] = {
            "standard_id": row.standard_id, "label": std.label, "kind": "norm", "area": row.area,
            "basis": std.basis.value, "base": row.base, "ratio": value_text(std), "required_min": row.required_min,
            "required_max": row.required_max, "actual": row.actual, "gap": row.gap, "over": row.over,
            "counts": std.counts, "citation": citation(result.profile, std.clause)}
        if row.cost_fen is not None:
            item["cost_fen"] = row.cost_fen
        out.append(item)
    for share in share_rows(result):
        std = result.standard(share.standard_id)
        assert isinstance(std, Share)
        needed = share.members + share.gap
        out.append({
            "standard_id": share.standard_id, "label": std.label, "kind": "share", "area": share.area,
            "basis": "share", "base": share.group, "ratio": value_text(std), "required_min": needed,
            "required_max": None, "actual": share.members, "gap": share.gap, "over": 0, "counts": std.of,
            "group": share.group, "share_pct": str(share.actual) if share.actual is not None else None,
            "required_pct": str(share.required), "met": share.met, "citation": citation(result.profile, std.clause)})
    return out


def norms_text(result: Result, lang: Lang = "zh") -> str:
    out = [_t(lang, f"{result.year}年度人员配置标准测算（{result.profile.name}）",
              f"Staffing norms, {result.year} ({result.profile.name})"), ""]
    headers = [_t(lang, "标准", "norm"), _t(lang, "镇街", "area"), _t(lang, "基数", "base"),
               _t(lang, "应配", "required"), _t(lang, "实有", "actual"), _t(lang, "缺口", "gap"),
               _t(lang, "缺口年成本（元）", "gap cost (yuan)")]
    rows = []
    for row in norm_rows(result):
        std = result.standard(row.standard_id)
        need = f"{row.required_min:,}" + (f"–{row.required_max:,}" if row.required_max is not None else "")
        rows.append([std.label, row.area, f"{row.base:,}", need, f"{row.actual:,}", f"{row.gap:,}",
                     format_yuan(row.cost_fen) if row.cost_fen is not None else ""])
    if rows:
        out.append(table(headers, rows, right={2, 3, 4, 5, 6}))
    else:
        out.append(_t(lang, "（无可测算的配置标准：请在“区域”表填写各镇街人口）",
                      "(no norm to compute: give the towns' populations on sheet 区域)"))
    shares = share_rows(result)
    if shares:
        out.append("")
        headers = [_t(lang, "比例要求", "share"), _t(lang, "镇街", "area"), _t(lang, "人数", "group"),
                   _t(lang, "符合", "members"), _t(lang, "实际", "actual"), _t(lang, "要求", "required"),
                   _t(lang, "尚缺", "gap")]
        out.append(table(headers, [[result.standard(s.standard_id).label, s.area, f"{s.group:,}", f"{s.members:,}",
                                    f"{s.actual}%" if s.actual is not None else "—", f"≥ {number(s.required)}%",
                                    f"{s.gap:,}"] for s in shares], right={2, 3, 4, 6}))
    if any(w.code.startswith("norm") for w in result.warnings):
        out.append("")
        out.extend(w.format(lang) for w in result.warnings if w.code.startswith("norm"))
    return "\n".join(out) + "\n"


def _measure_text(row: TargetRow, result: Result, lang: Lang) -> tuple[str, str]:
    if row.actual is None:
        return "", ""
    measure = result.standard(row.measure_id) if row.measure_id else None
    required = f"≥ {number(row.required)}" if row.required is not None else ""
    if isinstance(measure, Share) or (isinstance(measure, Schedule) and measure.unit == "%"):
        return f"{row.actual}%", f"{required}%" if required else ""
    if isinstance(measure, Schedule) and measure.per_year_high is not None:
        required = f"{number(measure.per_year_low or Decimal(0))}–{number(measure.per_year_high)}"
    counted = measure.counted_facilities if isinstance(measure, Norm) else ()
    word = _t(lang, " 个", "") if counted else _t(lang, " 人", "")
    return f"{int(row.actual):,}{word}", required


def targets_json(result: Result, lang: Lang = "zh") -> list[dict[str, Any]]:
    out = []
    for row in target_rows(result):
        std = result.standard(row.standard_id)
        goal = std.goal if isinstance(std, Target) else value_text(std, lang)
        actual, required = _measure_text(row, result, lang)
        out.append({"standard_id": row.standard_id, "label": std.label, "kind": std.kind.value, "goal": goal,
                    "deadline": row.deadline, "citation": citation(result.profile, std.clause),
                    "measure": row.measure_id, "actual": str(row.actual) if row.actual is not None else None,
                    "required": str(row.required) if row.required is not None else None,
                    "actual_text": actual, "required_text": required, "met": row.met})
    return out


def targets_text(result: Result, lang: Lang = "zh") -> str:
    met_words = {True: _t(lang, "已达到", "met"), False: _t(lang, "未达到", "not met"),
                 None: _t(lang, "无法由输入测算", "not measurable from the inputs")}
    rows = [[t["label"], t["goal"], str(t["deadline"] or ""), t["citation"], t["actual_text"], t["required_text"],
             met_words[t["met"]]] for t in targets_json(result, lang)]
    headers = [_t(lang, "目标", "target"), _t(lang, "要求", "goal"), _t(lang, "期限", "deadline"),
               _t(lang, "依据", "basis"), _t(lang, "现状", "now"), _t(lang, "目标值", "required"),
               _t(lang, "结论", "status")]
    return "\n".join([_t(lang, f"政策目标（{result.profile.name}，{result.year}年度）",
                            f"Policy targets ({result.profile.name}, {result.year})"), "", table(headers, rows)]) + "\n"
