"""Why two scenarios differ on one row: the cause split, then each scenario's own explanation.

A difference is only understood next to both figures it subtracts, so the baseline's and
the variant's explanations (``explain.group_html`` / ``total_html``, the same the main
window shows) are stacked under headings, after the core's cause breakdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import i18n
from .explain import esc, group_html, total_html
from .models.comparison import KIND_KEYS, CompareRow, percent_of
from .models.result import SHORTFALL

if TYPE_CHECKING:
    from budgetcalc.compare import Comparison
    from budgetcalc.scenarios.session import Totals

_HEAD = "<p style='margin:12px 0 2px 0; background:#e8eef8; font-size:large; font-weight:bold'>{}</p>"


def difference_html(comparison: Comparison, totals: tuple[Totals, ...], row: CompareRow, i: int) -> str:
    """Scenario ``i`` against the baseline on ``row``: the difference, its causes, both explanations."""
    from budgetcalc.base.money import format_change
    from budgetcalc.report.comparison import format_percent_change

    names = comparison.names
    delta = row.delta(i)
    pct = percent_of(row, i)
    figure = f"{format_change(delta)} {i18n.tr('yuan')}"
    if pct is not None:
        figure += i18n.paren(format_percent_change(pct))
    title = i18n.tr("cmp_ex_title", item=row.label, variant=names[i], base=names[0])
    out = [f"<h3>{esc(title)}</h3>", f"<p style='font-size:large; font-weight:bold'>{esc(figure)}</p>"]
    status = {"added": "cmp_status_added", "removed": "cmp_status_removed"}.get(row.status[i])
    if status:
        out.append(f"<p style='color:#8a4b00'>{esc(i18n.tr(status))}</p>")
    causes = row.cause(i)
    if causes:
        out.append(f"<p><b>{esc(i18n.tr('cmp_ex_causes'))}</b>{i18n.colon()}{esc(causes)}</p>")
    elif row.kind == "town" and delta:
        out.append(f"<p style='color:#555'>{esc(i18n.tr('cmp_ex_town_causes'))}</p>")
    for s, mark in ((0, "cmp_ex_baseline"), (i, "cmp_ex_variant")):
        out.append(_HEAD.format(esc(i18n.tr(mark, name=names[s]))))
        out.append(_one(comparison, totals[s], row, s))
    return "".join(out)


def _one(comparison: Comparison, totals: Totals, row: CompareRow, s: int) -> str:
    """One scenario's own explanation of the row's figure, or why it has none."""
    result = comparison.results[s]
    if row.kind == "total":
        return total_html(result, totals)
    if row.key.startswith(SHORTFALL):
        return group_html(result, row.kind, row.key, row.amounts[s], i18n.tr(KIND_KEYS[row.kind]))
    if row.key not in totals.groups[row.kind]:
        return f"<p style='color:#555'>{esc(i18n.tr('cmp_ex_absent'))}</p>"
    return group_html(result, row.kind, row.key, row.amounts[s], i18n.tr(KIND_KEYS[row.kind]))
