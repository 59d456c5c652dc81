"""The explanation panel: how a figure was computed, from what, under which clause.

Everything shown comes from the core — the line's formula in words with its numbers
(``Result.lines.formula``), the rows it used, what the bureau files it under (its three 科目
codes, fund type, level shares split by ``compute.classify``, budget unit), the standard as
applied (value, override, reason), the citation (``report.citation``) and the clause
summary — only laid out here.
Links select the input rows they name; nothing is recomputed.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from . import i18n
from .qt import QTextBrowser, QUrl, Signal

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result
    from budgetcalc.rules.catalogue import Profile
    from budgetcalc.rules.kinds import Standard
    from budgetcalc.rules.values import Value
    from budgetcalc.scenarios.session import Totals

MAX_LINES_LISTED = 40
_CSS = """
<style>
 h3 { margin: 0 0 4px 0; }
 p { margin: 3px 0; }
 .amount { font-size: large; font-weight: bold; }
 .over { background-color: #fff0c2; color: #8a4b00; }
 .muted { color: #555; }
 td { padding: 1px 8px 1px 0; }
</style>
"""


def esc(value: object) -> str:
    return html.escape(str(value))


def _yuan(fen: int) -> str:
    from budgetcalc.base.money import format_wan, format_yuan

    wan = f"{format_wan(fen)} {i18n.tr('wan')}"
    return f"{format_yuan(fen)} {i18n.tr('yuan')}{i18n.paren(wan)}"


def _para(key: str, body: str) -> str:
    return f"<p><b>{esc(i18n.tr(key))}</b>{i18n.colon()}{body}</p>"


def standard_block(profile: Profile, std: Standard, override_text: str | None = None,
                   value: Value | None = None) -> str:
    """Value, override, legal basis, clause summary, conditions and dates of one standard (the core's facts)."""
    from budgetcalc.report.standards import standard_facts

    facts = standard_facts(profile, std, i18n.lang())
    parts = [_para("ex_value", esc(facts.value))]
    if value is not None and value.overridden:
        parts.append(f"<p class='over'>{esc(_override_words(std, value))}</p>")
    elif override_text:
        parts.append(f"<p class='over'>{esc(override_text)}</p>")
    else:
        parts.append(f"<p class='muted'>{esc(i18n.tr('ex_not_overridden'))}</p>")
    parts.append(_para("ex_basis", esc(facts.citation)))
    if facts.summary:
        parts.append(_para("ex_summary", esc(facts.summary)))
    if facts.who:
        parts.append(_para("ex_who", esc(facts.who)))
    parts.append(_para("ex_effective", esc(facts.effective)))
    if facts.note:
        parts.append(f"<p class='muted'>{esc(i18n.tr('ex_note'))}{i18n.colon()}{esc(facts.note)}</p>")
    return "".join(parts)


def _override_words(std: Standard, value: Value) -> str:
    from budgetcalc.report.standards import money_value, value_text

    entries = value.changes
    unit = getattr(std, "unit", "")
    shown = "；".join(f"{(e.facility_code + ' ') if e.facility_code else ''}"
                     + (f"{e.value}%" if std.kind == "band" else money_value(e.value, unit))
                     + (f" ×{e.quantity}" if e.quantity else "") for e in entries)
    reasons = "；".join(dict.fromkeys(e.reason for e in entries if e.reason)) or "—"
    old = f"{value.catalogue_amount}%" if std.kind == "band" else value_text(std, i18n.lang())
    return i18n.tr("ex_overridden", old=old, new=shown, reason=reasons)


def line_html(result: Result, line: int) -> str:
    from budgetcalc.report.explain import formulas
    from budgetcalc.report.words import citation

    rec = result.lines.iloc[line]
    std = result.profile.standard(str(rec["standard_id"]))
    value = result.values[std.id]
    mark = i18n.tr("overridden_mark") if value.overridden else ""
    out = [_CSS, f"<h3>{esc(rec['label'])}{esc(mark)}</h3>",
           f"<p class='amount'>{esc(_yuan(int(rec['amount_fen'])))}</p>"]
    if not bool(rec["in_total"]):
        out.append(f"<p class='muted'>{esc(i18n.tr('ex_draw', fund=result.standard(str(rec['draws_on'])).label))}</p>")
    if int(rec["low_fen"]) != int(rec["high_fen"]):
        from budgetcalc.base.money import format_yuan

        out.append(_para("perf_band", esc(f"{i18n.tr('low')} {format_yuan(int(rec['low_fen']))} / "
                                          f"{i18n.tr('chosen')} {format_yuan(int(rec['amount_fen']))} / "
                                          f"{i18n.tr('high')} {format_yuan(int(rec['high_fen']))}")))
    formula = formulas(result, result.lines.iloc[[line]], i18n.lang()).iloc[0]
    out.append(_para("ex_formula", esc(formula)))
    inputs: list[str] = []
    sheet, row = str(rec["sheet"]), int(rec["row"])
    if sheet and row:
        link = i18n.tr("ex_row_link", sheet=sheet, row=row)
        inputs.append(f"<a href='row:{line}'>{esc(link)}</a>")
    for key in ("facility_code", "facility_name", "person", "town"):
        if str(rec[key] or ""):
            inputs.append(esc(rec[key]))
    if std.kind == "band" and sheet == "机构":
        inputs.append(f"<a href='staffof:{line}'>{esc(i18n.tr('ex_staff_of'))}</a>")
    if inputs:
        out.append(_para("ex_inputs", "，".join(inputs)))
    out.append(_filing_block(result, line))
    out.append(f"<p class='muted'>{esc(citation(result.profile, str(rec['clause'])))}</p>")
    out.append("<hr/>")
    out.append(f"<h3>{esc(i18n.tr('ex_standard'))}{i18n.colon()}{esc(std.label)}</h3>")
    out.append(standard_block(result.profile, std, value=value))
    return "".join(out)


def _filing_block(result: Result, line: int) -> str:
    """A line's 科目 codes with their names, its fund type, each level's share and part, its budget unit."""
    from budgetcalc.base.money import format_yuan
    from budgetcalc.compute.classify import OWN_LEVEL, level_parts, payer_of
    from budgetcalc.rules import vocab
    from budgetcalc.rules.subjects import subject_name

    from .models.filing import LEVEL_KEYS, unit_name

    rec = result.lines.iloc[line]
    sep = "；" if i18n.lang() == "zh" else "; "
    codes = []
    for kind, column, key in (("function", "function_code", "ex_code_function"),
                              ("gov_economic", "gov_economic_code", "ex_code_gov"),
                              ("dept_economic", "dept_economic_code", "ex_code_dept")):
        code = str(rec[column] or "")
        codes.append(" ".join(t for t in (i18n.tr(key), code or i18n.tr("code_unset"), subject_name(kind, code)) if t))
    payer = payer_of(str(rec["standard_id"]), result.profile, result.scenario)
    parts = level_parts(result.lines.iloc[[line]], result.profile, result.scenario).iloc[0]
    names = dict(zip(vocab.LEVELS, LEVEL_KEYS, strict=True))
    shares = sep.join(f"{i18n.tr(names[level])} {share.normalize():f}%{i18n.colon()}{format_yuan(int(parts[level]))} "
                      f"{i18n.tr('yuan')}" for level, share in payer.levels)
    unit = str(rec["budget_unit"])
    unit_text = unit_name(result, unit) if unit == OWN_LEVEL else f"{unit} {unit_name(result, unit)}".strip()
    return "".join((_para("ex_codes", esc(sep.join(codes))), _para("ex_fund", esc(rec["fund_type"])),
                    _para("ex_levels", esc(shares)), _para("ex_unit", esc(unit_text))))


def standard_html(profile: Profile, std: Standard, value: Value | None = None) -> str:
    """One standard on its own (a norm, share or target clicked): the core's facts of it."""
    return "".join([_CSS, f"<h3>{esc(i18n.tr('ex_standard'))}{i18n.colon()}{esc(std.label)}</h3>",
                    standard_block(profile, std, value=value)])


def group_html(result: Result, grouping: str, key: str, fen: int, title: str) -> str:
    import numpy as np

    from budgetcalc.base.money import format_yuan
    from budgetcalc.compute.result import NO_TOWN

    from .models.result import SHORTFALL

    shortfall = grouping == "standard_id" and key.startswith(SHORTFALL)
    sid = key.removeprefix(SHORTFALL)
    if grouping == "standard_id":
        label = result.standard(sid).label
        name = i18n.tr("shortfall", label=label) if shortfall else label
    else:
        from .models.filing import group_label

        name = group_label(result, grouping, key)
    out = [_CSS, f"<h3>{esc(title)}{i18n.colon()}{esc(name)}</h3>",
           f"<p class='amount'>{esc(_yuan(fen))}</p>"]
    column = result.lines[grouping].fillna("").to_numpy()
    if grouping == "town":
        column = np.where(column == "", NO_TOWN, column)
    if grouping == "standard_id":
        kind = "shortfall" if shortfall else "standard"
        lines = np.flatnonzero((column == sid) & (result.lines["line_kind"].to_numpy() == kind))
    else:
        lines = np.flatnonzero((column == key) & result.lines["in_total"].to_numpy(dtype=bool))
    out.append(f"<p class='muted'>{esc(i18n.tr('ex_sum_of', n=len(lines)))}</p>")
    if grouping == "standard_id" and not shortfall:
        std = result.standard(sid)
        out.append(standard_block(result.profile, std, value=result.values[std.id]))
    from budgetcalc.report.explain import formulas

    shown = lines[:MAX_LINES_LISTED]
    texts = formulas(result, result.lines.iloc[shown], i18n.lang()).tolist() if len(shown) else []
    out.append("<table>")
    for i, text in zip(shown, texts, strict=True):
        rec = result.lines.iloc[int(i)]
        who = rec["person"] or rec["facility_name"] or rec["facility_code"] or rec["label"]
        out.append(f"<tr><td><a href='line:{int(i)}'>{esc(who)}</a></td>"
                   f"<td align='right'>{esc(format_yuan(int(rec['amount_fen'])))}</td>"
                   f"<td class='muted'>{esc(text)}</td></tr>")
    out.append("</table>")
    if len(lines) > MAX_LINES_LISTED:
        out.append(f"<p class='muted'>{esc(i18n.tr('ex_more', n=len(lines) - MAX_LINES_LISTED))}</p>")
    return "".join(out)


def total_html(result: Result, totals: Totals) -> str:
    from budgetcalc.base.money import format_yuan

    out = [_CSS, f"<h3>{esc(i18n.tr('total'))}</h3>", f"<p class='amount'>{esc(_yuan(totals.total_fen))}</p>",
           _para("upper", esc(totals.upper))]
    if totals.has_bands:
        out.append(_para("perf_band", esc(f"{i18n.tr('low')} {format_yuan(totals.low_fen)} / "
                                          f"{i18n.tr('chosen')} {format_yuan(totals.total_fen)} / "
                                          f"{i18n.tr('high')} {format_yuan(totals.high_fen)} {i18n.tr('yuan')}")))
    out.append(f"<p><b>{esc(i18n.tr('ex_total_parts'))}</b></p><table>")
    from budgetcalc.report.words import citation

    for sid, fen in totals.groups["standard_id"].items():
        std = result.standard(sid)
        mark = i18n.tr("overridden_mark") if result.values[sid].overridden else ""
        part = i18n.tr("of_which") if sid in totals.draws else ""
        out.append(f"<tr><td><a href='group:{esc(sid)}'>{esc(part + std.label)}{esc(mark)}</a></td>"
                   f"<td align='right'>{esc(format_yuan(fen))}</td>"
                   f"<td class='muted'>{esc(citation(result.profile, std.clause))}</td></tr>")
        if sid in totals.shortfalls:
            out.append(f"<tr><td>{esc(i18n.tr('shortfall', label=std.label))}</td>"
                       f"<td align='right'>{esc(format_yuan(totals.shortfalls[sid]))}</td><td></td></tr>")
    out.append("</table>")
    return "".join(out)


class ExplainPanel(QTextBrowser):
    """Shows one explanation; its links ask the window to select rows or other figures."""

    row_link = Signal(int)        # a line of Result.lines whose input row to select
    staff_link = Signal(int)      # a band line: show that facility's staff
    line_link = Signal(int)       # another line to explain
    group_link = Signal(str)      # a standard (from the total's breakdown)

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.show_hint()

    def show_hint(self) -> None:
        self.setHtml(f"<p class='muted' style='color:#555'>{esc(i18n.tr('explain_hint'))}</p>")

    def _clicked(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "row":
            self.row_link.emit(int(value))
        elif kind == "staffof":
            self.staff_link.emit(int(value))
        elif kind == "line":
            self.line_link.emit(int(value))
        elif kind == "group":
            self.group_link.emit(value)
