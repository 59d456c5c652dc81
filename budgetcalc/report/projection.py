"""A projection in words and as JSON (``budgetcalc project``)."""

from __future__ import annotations

from typing import Any

from budgetcalc.base.money import format_yuan
from budgetcalc.base.textwidth import table
from budgetcalc.planning.projection import Projection, growth_words
from budgetcalc.report.words import Lang
from budgetcalc.rules.kinds import Schedule


def assumptions(projection: Projection) -> list[str]:
    """What the years assume beyond the documents: the plan's rules, schedules and later rates."""
    if not projection.years:
        return []
    first = projection.years[0].result
    out = [growth_words(rule, first.scenario, first.profile, projection.base_year) for rule in projection.rules]
    for sched in first.profile.of_kind(Schedule):
        if sched.applies_to and sched.by_year:
            values = "，".join(f"{y.year}年 {y.result.values[sched.id].amount}%" for y in projection.years
                              if y.result.values[sched.id].amount is not None)
            if values:
                out.append(f"{sched.label}（{sched.clause}）：{values}，适用于{first.standard(sched.applies_to).label}")
    for o in first.scenario.overrides:
        if o.from_year is not None:
            out.append(f"{first.standard(o.standard_id).label}自{o.from_year}年起按 {o.value:,} 计（{o.reason or '未填说明'}）")
    if not out:
        out.append("未设规划规则：各年度按现有机构、人员及各年度有效的标准测算")
    return out


def projection_json(projection: Projection, lang: Lang = "zh") -> dict[str, Any]:
    return {
        "base_year": projection.base_year,
        "years": [{
            "year": y.year, "total_fen": y.result.total_fen, "by_standard": y.result.by_standard(),
            "by_category": y.result.by_category(), "staff": y.staff,
            "added": [{"rule": a.rule.kind.value, "row": a.rule.row, "count": a.count} for a in y.added],
            "warnings": [w.as_dict(lang) for w in y.result.warnings]} for y in projection.years],
        "assumptions": assumptions(projection),
    }


def projection_text(projection: Projection, lang: Lang = "zh") -> str:
    zh = lang == "zh"
    years = projection.years
    if not years:
        return ""
    labels: dict[str, str] = {}
    for y in years:
        for sid in y.result.by_standard():
            labels.setdefault(sid, y.result.standard(sid).label)
    headers = ["项目" if zh else "item", *[f"{y.year}" for y in years]]
    rows = [[label, *[format_yuan(y.result.by_standard().get(sid, 0)) for y in years]] for sid, label in labels.items()]
    rows.append(["合计" if zh else "total", *[format_yuan(y.result.total_fen) for y in years]])
    rows.append(["在岗人数（年末）" if zh else "staff at year end", *[f"{y.staff:,}" for y in years]])
    out = [f"逐年测算（{years[0].year}–{years[-1].year}年，{years[0].result.profile.name}）" if zh
           else f"Projection {years[0].year}–{years[-1].year} ({years[0].result.profile.name})", "",
           table(headers, rows, right=set(range(1, len(headers)))), "", "测算假设：" if zh else "Assumptions:"]
    out += [f"  {i}. {a}" for i, a in enumerate(assumptions(projection), start=1)]
    warned = {w.format(lang) for y in years for w in y.result.warnings}
    if warned:
        out.append("")
        out.extend(sorted(warned))
    return "\n".join(out) + "\n"
