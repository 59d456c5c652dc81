"""Plain renderings of a result: the JSON of ``compute --json`` and the terminal summary."""

from __future__ import annotations

from typing import Any

from budgetcalc.base.money import format_wan, format_yuan, rmb_upper
from budgetcalc.base.problems import Lang
from budgetcalc.base.textwidth import table
from budgetcalc.compute.result import Result


def citation(result: Result, clause: str) -> str:
    doc = result.profile.document_number or f"《{result.profile.title}》"
    return f"{doc} {clause}"


def explanation(result: Result, formula: str, clause: str) -> str:
    return f"{formula}；依据：{citation(result, clause)}"


def to_json(result: Result, lang: Lang = "zh") -> dict[str, Any]:
    lines = result.lines
    profile = result.profile
    records = []
    for rec in lines.to_dict("records"):
        records.append({
            "standard_id": rec["standard_id"],
            "label": rec["label"],
            "amount_fen": int(rec["amount_fen"]),
            "low_fen": int(rec["low_fen"]),
            "high_fen": int(rec["high_fen"]),
            "explanation": explanation(result, rec["formula"], rec["clause"]),
            "formula": rec["formula"],
            "citation": citation(result, rec["clause"]),
            "sheet": rec["sheet"],
            "row": int(rec["row"]) or None,
            "facility_code": rec["facility_code"],
            "person": rec["person"],
            "town": rec["town"],
            "quantity": int(rec["quantity"]),
            "months": int(rec["months"]),
            "months_from": rec["months_from"],
            "months_to": rec["months_to"],
            "rate": rec["rate"],
            "unit": rec["unit"],
            "point": rec["point"],
            "category": rec["category"],
            "funding_source": rec["funding_source"],
            "overridden": bool(rec["overridden"]),
        })
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
        "overrides": [
            {"standard_id": s.id, "value": str(s.value), "catalogue_value": str(s.catalogue_value),
             "reason": s.override_reason}
            for s in profile.standards if s.overridden
        ],
        "lines": records,
        "warnings": [w.as_dict(lang) for w in result.warnings],
    }


def summary_text(result: Result) -> str:
    profile = result.profile
    settings = result.scenario.settings
    out = [f"{result.year}年度基层医疗卫生补助资金测算",
           f"政策标准：{profile.name} {profile.document_number}《{profile.title}》"]
    if settings.unit_name:
        out.append(f"编制单位：{settings.unit_name}")
    out.append("")
    rows = []
    sums = result.by_standard()
    for std in profile.standards:
        if std.id not in sums:
            continue
        mark = "（调整）" if std.overridden else ""
        rows.append([std.id, std.label + mark, std.funding_source, std.clause,
                     format_yuan(sums[std.id]), format_wan(sums[std.id])])
    out.append(table(["标准编号", "项目", "资金来源", "条款", "金额（元）", "万元"], rows, right={4, 5}))
    out.append("")
    out.append(f"合计：{format_yuan(result.total_fen)} 元（{format_wan(result.total_fen)} 万元）")
    out.append(f"人民币大写：{rmb_upper(result.total_fen)}")
    if result.total_low_fen != result.total_high_fen:
        out.append(f"绩效工资档位：低 {format_yuan(result.total_low_fen)} 元 / 选定 "
                   f"{format_yuan(result.total_fen)} 元 / 高 {format_yuan(result.total_high_fen)} 元")
    for title, groups in (("按资金来源", result.by_funding_source()), ("按类别", result.by_category()),
                          ("按镇街", result.by_town())):
        if groups:
            out.append("")
            out.append(title + "：")
            out.append(table(["", "金额（元）"], [[k, format_yuan(v)] for k, v in groups.items()], right={1}))
    overridden = [s for s in profile.standards if s.overridden]
    if overridden:
        out.append("")
        out.append("标准调整：")
        for s in overridden:
            out.append(f"  {s.id} {s.label}：{s.catalogue_value} → {s.value} {s.unit}（{s.override_reason}）")
    if result.warnings:
        out.append("")
        out.extend(w.format() for w in result.warnings)
    return "\n".join(out) + "\n"


def profiles_text(catalogue_profiles: Any) -> str:
    out: list[str] = []
    for profile in catalogue_profiles:
        until = f" 至 {profile.effective_to}" if profile.effective_to else " 起"
        out.append(f"{profile.id}  {profile.name}  {profile.document_number or '（无文号）'}《{profile.title}》"
                   f"  施行 {profile.effective_from}{until}")
        rows = [[s.id, s.label, s.kind, s.display_value, s.unit, s.clause] for s in profile.standards]
        out.append(table(["标准编号", "名称", "类型", "标准值", "单位", "条款"], rows))
        out.append("")
    return "\n".join(out)
