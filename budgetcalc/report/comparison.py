"""A comparison in words: basis note, causes, the terminal table and ``compare --json``."""

from __future__ import annotations

from decimal import Decimal

from budgetcalc.base.money import format_change, format_yuan
from budgetcalc.base.textwidth import table
from budgetcalc.compare import Comparison, StandardRow, Status
from budgetcalc.report.standards import number
from budgetcalc.report.words import Lang, rate_unit
from budgetcalc.rules.kinds import RateRule, StandardId

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


def explain_causes(causes: dict[str, int], lang: Lang = "zh", rate: str = "") -> str:
    """'标准变化 +60,000.00 元；数量变化 …'; with ``rate`` (see ``rate_change``) the rate cause names what
    changed: '标准变化：10,000→12,000 元/个·年（提标方案） +235,333.33 元'."""
    unit = "元" if lang == "zh" else "yuan"
    colon = "：" if lang == "zh" else ": "
    return ("；" if lang == "zh" else "; ").join(
        f"{cause_label(k, lang)}{colon + rate if rate and k == 'rate' else ''} {format_change(v)} {unit}"
        for k, v in causes.items())


def rate_change(comparison: Comparison, row: StandardRow, i: int, lang: Lang = "zh") -> str:
    """A standard's value in the baseline and in scenario ``i``, with the variant's reason for it:
    '10,000→12,000 元/个·年（提标方案）' or '110%→115%'; '' when its value did not change as a whole
    (units' own entries, a fund's 缺口)."""
    if row.shortfall or "rate" not in row.causes[i]:
        return ""
    sid = StandardId(row.standard_id)
    before, after = comparison.results[0].values.get(sid), comparison.results[i].values.get(sid)
    if before is None or after is None or before.amount is None or after.amount is None \
            or before.amount == after.amount:
        return ""
    std = after.standard
    if isinstance(std, RateRule):
        unit = rate_unit(std.unit, std.per.value, std.quantity_unit, lang)
        text = f"{number(before.amount)}→{number(after.amount)} {unit}"
    else:
        text = f"{number(before.amount)}%→{number(after.amount)}%"
    reason = after.override.reason if after.override is not None else ""
    return text + ((f"（{reason}）" if lang == "zh" else f" ({reason})") if reason else "")


def row_causes(comparison: Comparison, row: StandardRow, i: int, lang: Lang = "zh") -> str:
    """Scenario ``i``'s causes on one row of the comparison, the rate's change named."""
    return explain_causes(row.causes[i], lang, rate_change(comparison, row, i, lang))


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
             "shortfall": row.shortfall, "causes": [dict(c) for c in row.causes],
             "rate_change": [rate_change(comparison, row, i) if i else "" for i in range(n)]}
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
                           f"{'：' if zh else ': '}{row_causes(comparison, row, i, lang)}")
    return "\n".join(out) + "\n"
