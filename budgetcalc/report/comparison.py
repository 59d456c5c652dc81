"""A comparison in words: basis note, causes, the terminal table and ``compare --json``."""

from __future__ import annotations

from decimal import Decimal

from budgetcalc.base.money import format_change, format_yuan
from budgetcalc.base.textwidth import table
from budgetcalc.compare import Comparison, StandardRow, Status
from budgetcalc.report.words import Lang

CAUSE_LABELS: dict[str, tuple[str, str]] = {
    "rate": ("标准变化", "rate change"), "count": ("数量变化", "count change"), "months": ("月数变化", "months change"),
    "added_rows": ("新增行", "rows added"), "removed_rows": ("删除行", "rows removed"),
    "shortfall": ("经费缺口变化", "fund shortfall"), "rounding": ("四舍五入尾差", "rounding"),
}
STATUS_WORDS: dict[Status, tuple[str, str]] = {
    Status.ADDED: ("（仅该方案有此标准）", " (only in this scenario)"),
    Status.REMOVED: ("（该方案无此标准）", " (not in this scenario)"),
    Status.BOTH: ("", ""), Status.NEITHER: ("", ""),
}


def cause_label(cause: str, lang: Lang = "zh") -> str:
    zh, en = CAUSE_LABELS[cause]
    return zh if lang == "zh" else en


def status_words(status: Status, lang: Lang = "zh") -> str:
    zh, en = STATUS_WORDS[status]
    return zh if lang == "zh" else en


def explain_causes(causes: dict[str, int], lang: Lang = "zh") -> str:
    unit = "元" if lang == "zh" else "yuan"
    return ("；" if lang == "zh" else "; ").join(f"{cause_label(k, lang)} {format_change(v)} {unit}"
                                                for k, v in causes.items())


def format_percent_change(pct: Decimal) -> str:
    """20.28 → '+20.28%': a change in percent with its sign."""
    return f"{'+' if pct > 0 else ''}{pct}%"


def basis_note(comparison: Comparison, lang: Lang = "zh") -> str:
    """The header line: says so when profiles or years differ."""
    results = comparison.results
    if comparison.same_basis:
        return (f"各方案同为 {results[0].profile.name} {results[0].year}年度" if lang == "zh"
                else f"all scenarios: {results[0].profile.name}, {results[0].year}")
    parts = [f"{n}：{r.profile.name}（{r.profile.document_number or r.profile.id}）{r.year}年度" if lang == "zh"
             else f"{n}: {r.profile.name} ({r.profile.document_number or r.profile.id}) {r.year}"
             for n, r in zip(comparison.names, results, strict=True)]
    return ("注意：各方案政策标准或年度不同——" + "；".join(parts)) if lang == "zh" else \
        ("note: the scenarios differ in policy or year — " + "; ".join(parts))


def row_label(row: StandardRow, lang: Lang = "zh") -> str:
    if row.in_total:
        return row.label
    return ("其中：" if lang == "zh" else "of which: ") + row.label


def to_json(comparison: Comparison) -> dict[str, object]:
    n = len(comparison.names)
    return {
        "scenarios": [{"name": name, "profile": r.profile.id, "year": r.year} for name, r in
                      zip(comparison.names, comparison.results, strict=True)],
        "same_basis": comparison.same_basis,
        "basis_note": basis_note(comparison),
        "totals_fen": comparison.totals_fen,
        "delta_fen": comparison.delta_fen,
        "by_standard": comparison.by_standard(),
        "by_category": comparison.grouped("category"),
        "by_funding_source": comparison.grouped("funding_source"),
        "by_town": comparison.grouped("town"),
        "total_causes": [comparison.summed_causes(i) if i else {} for i in range(n)],
        "standards": [
            {"standard_id": row.standard_id, "label": row.label, "amounts_fen": list(row.amounts_fen),
             "delta_fen": [row.delta_fen(i) for i in range(n)],
             "status": [row.status(i).value for i in range(n)], "in_total": row.in_total,
             "shortfall": row.shortfall, "causes": [dict(c) for c in row.causes]}
            for row in comparison.standards
        ],
    }


def comparison_text(comparison: Comparison, lang: Lang = "zh") -> str:
    names = list(comparison.names)
    zh = lang == "zh"
    out = [f"方案比较（基准：{names[0]}）" if zh else f"Comparison (baseline: {names[0]})", basis_note(comparison, lang), ""]
    headers = ["项目" if zh else "item", *names, *[f"{n}−{names[0]}" for n in names[1:]]]
    rows = [["合计" if zh else "total", *map(format_yuan, comparison.totals_fen),
             *map(format_yuan, comparison.delta_fen[1:])]]
    for row in comparison.standards:
        rows.append([row_label(row, lang), *map(format_yuan, row.amounts_fen),
                     *[format_yuan(row.delta_fen(i)) for i in range(1, len(names))]])
    out.append(table(headers, rows, right=set(range(1, len(headers)))))
    out.append("")
    out.append("差额原因：" if zh else "Causes:")
    for i in range(1, len(names)):
        total = comparison.summed_causes(i)
        if total:
            out.append(f"  {names[i]} · {'合计' if zh else 'total'}{'：' if zh else ': '}{explain_causes(total, lang)}")
    for row in comparison.standards:
        for i in range(1, len(names)):
            if row.causes[i]:
                out.append(f"  {names[i]} · {row_label(row, lang)}{status_words(row.status(i), lang)}"
                           f"{'：' if zh else ': '}{explain_causes(row.causes[i], lang)}")
    return "\n".join(out) + "\n"
