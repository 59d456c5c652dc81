"""The terminal renderings: ``compute``'s summary and ``profiles``' listing, in Chinese or English."""

from __future__ import annotations

from collections.abc import Iterable

from budgetcalc.base.money import format_wan, format_yuan, rmb_upper
from budgetcalc.base.textwidth import table
from budgetcalc.compute.result import Result
from budgetcalc.report.not_counted import not_counted_messages
from budgetcalc.report.standards import kind_name, money_value, value_text
from budgetcalc.report.words import Lang, document, rate_unit, value_mark
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import Band, RateRule

MAX_NOT_COUNTED_SHOWN = 30
PROFILE_VALUE_CELLS = 40    # the profiles listing's 标准 column wraps beyond this, so a line fits 100 columns


def _t(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def summary_text(result: Result, lang: Lang = "zh", ids: bool = False) -> str:
    profile = result.profile
    settings = result.scenario.settings
    out = [_t(lang, f"{result.year}年度基层医疗卫生补助资金测算", f"Grassroots health funding need, {result.year}"),
           _t(lang, "政策标准：", "Policy: ") + f"{profile.name} {document(profile)}"]
    if settings.unit_name:
        out.append(_t(lang, "编制单位：", "Prepared by: ") + settings.unit_name)
    out.append("")
    sums = result.by_standard()
    draws = profile.draws()
    shortfall = {s.fund: s.shortfall_fen for s in result.shortfalls() if s.shortfall_fen}
    rows: list[list[str]] = []
    for std in profile.money_standards:
        if std.id in draws or std.id not in sums:
            continue
        rows.append(_summary_row(result, std.id, std.label, std.funding_source, std.clause, sums[std.id], lang, ids))
        for draw, fund in draws.items():
            if fund == std.id and draw in sums:
                d = profile.standard(draw)
                assert isinstance(d, RateRule)
                rows.append(_summary_row(result, d.id, _t(lang, "  其中：", "  of which: ") + d.label,
                                         d.funding_source, d.clause, sums[d.id], lang, ids))
        if std.id in shortfall:
            rows.append(_summary_row(result, std.id, _t(lang, "  缺口（计入合计）：", "  shortfall (added): ")
                                     + std.label + _t(lang, "缺口", " shortfall"), std.funding_source, std.clause,
                                     shortfall[std.id], lang, ids))
    headers = [_t(lang, "项目", "item"), _t(lang, "资金来源", "paid by"), _t(lang, "条款", "clause"),
               _t(lang, "金额（元）", "yuan"), _t(lang, "万元", "10k yuan")]
    if ids:
        headers.insert(0, _t(lang, "标准编号", "standard id"))
    out.append(table(headers, rows, right={len(headers) - 2, len(headers) - 1}))
    out.append("")
    out.append(_t(lang, f"合计：{format_yuan(result.total_fen)} 元（{format_wan(result.total_fen)} 万元）",
                  f"Total: {format_yuan(result.total_fen)} yuan ({format_wan(result.total_fen)} × 10k yuan)"))
    out.append(_t(lang, "人民币大写：", "In words (RMB): ") + rmb_upper(result.total_fen))
    if draws:
        out.append(_t(lang, "注：标“其中”的项目从所列经费中列支，不另计入合计；超出部分列为缺口计入合计。",
                      "Note: items marked “of which” are paid from the fund above them and not added again; "
                      "only a shortfall is added."))
    if result.total_low_fen != result.total_high_fen:
        out.append(_t(lang, "绩效工资档位：", "Performance-pay bands: ")
                   + _t(lang, f"低 {format_yuan(result.total_low_fen)} 元 / 选定 {format_yuan(result.total_fen)} 元 / "
                              f"高 {format_yuan(result.total_high_fen)} 元",
                        f"low {format_yuan(result.total_low_fen)} / chosen {format_yuan(result.total_fen)} / "
                        f"high {format_yuan(result.total_high_fen)} yuan"))
    for title, groups in ((_t(lang, "按资金来源", "By payer"), result.by_funding_source()),
                          (_t(lang, "按类别", "By category"), result.by_category()),
                          (_t(lang, "按镇街", "By town"), result.by_town())):
        if groups:
            out.append("")
            out.append(title + _t(lang, "：", ":"))
            out.append(table(["", _t(lang, "金额（元）", "yuan")], [[k, format_yuan(v)] for k, v in groups.items()],
                             right={1}))
    overridden = [v for v in result.values.overridden if isinstance(v.standard, RateRule | Band)]
    if overridden:
        out.append("")
        out.append(_t(lang, "标准调整：", "Standards overridden or entered:"))
        for value in overridden:
            changed = value.standard
            unit = rate_unit(changed.unit, changed.per.value, changed.quantity_unit, lang) if isinstance(changed, RateRule) else "%"
            for o in value.changes:
                before = (value_text(changed, lang) if not isinstance(changed, Band) else f"{value.catalogue_amount}%")
                after = money_value(o.value, unit) if isinstance(changed, RateRule) else f"{o.value}%"
                where = f" [{o.facility_code}]" if o.facility_code else ""
                reason = o.reason or _t(lang, "未填说明", "no reason given")
                out.append(f"  {changed.label}{where}：{before} → {after}（{reason}）" if lang == "zh"
                           else f"  {changed.label}{where}: {before} → {after} ({reason})")
    if result.to_enter:
        out.append("")
        out.append(_t(lang, "未定额、尚未填报的项目（未计列）：", "Items funded without an amount, not entered (no money):"))
        out.append("  " + "、".join(result.standard(s).label for s in result.to_enter))
    missed = result.not_counted()
    if len(missed):
        out.append("")
        out.append(_t(lang, f"未计入或部分计入：{len(missed)} 行", f"Not counted or counted in part: {len(missed)} row(s)"))
        shown = missed.head(MAX_NOT_COUNTED_SHOWN).reset_index(drop=True)
        for rec, message in zip(shown.to_dict("records"), not_counted_messages(result, shown, lang), strict=True):
            where = (f"{rec['sheet']} 第{rec['row']}行" if lang == "zh" else f"{rec['sheet']} row {rec['row']}") \
                if rec["row"] else ""
            out.append(f"  {where} {rec['label']}：{message}" if lang == "zh" else f"  {where} {rec['label']}: {message}")
        if len(missed) > MAX_NOT_COUNTED_SHOWN:
            out.append(_t(lang, f"  ……另有 {len(missed) - MAX_NOT_COUNTED_SHOWN} 行，见 --json 的 not_counted",
                          f"  … {len(missed) - MAX_NOT_COUNTED_SHOWN} more, see not_counted in --json"))
    if result.warnings:
        out.append("")
        out.extend(w.format(lang) for w in result.warnings)
    return "\n".join(out) + "\n"


def _summary_row(result: Result, sid: str, label: str, source: str, clause: str, fen: int, lang: Lang,
                 ids: bool) -> list[str]:
    mark = value_mark(result.values[sid], lang)  # type: ignore[index]
    row = [label + mark, source, clause, format_yuan(fen), format_wan(fen)]
    return [sid, *row] if ids else row


def profiles_text(profiles: Iterable[Profile], lang: Lang = "zh", ids: bool = False) -> str:
    """Each profile's document and standards: label, value with its unit, clause (ids on request)."""
    out: list[str] = []
    for profile in profiles:
        period = profile.effective
        until = (f" 至 {period.end}" if period.end else " 起") if lang == "zh" else (
            f" to {period.end}" if period.end else " on")
        trial = ""
        if profile.trial_end:
            trial = _t(lang, f"（试行期至 {profile.trial_end}，期满如无变化继续执行）",
                       f" (trial to {profile.trial_end}, continuing unless changed)")
        out.append(f"{profile.name}  {document(profile)}")
        out.append(_t(lang, "施行 ", "in force ") + f"{period.start}{until}{trial}" + (f"  [{profile.id}]" if ids else ""))
        headers = [_t(lang, "项目", "standard"), _t(lang, "类型", "kind"), _t(lang, "标准", "value"),
                   _t(lang, "条款", "clause")]
        if ids:
            headers.insert(0, _t(lang, "标准编号", "id"))
        rows = []
        for s in profile.standards:
            row = [s.label, kind_name(s.kind, lang), value_text(s, lang), s.clause]
            rows.append([s.id, *row] if ids else row)
        out.append(table(headers, rows, wrapped={len(headers) - 2: PROFILE_VALUE_CELLS}))
        out.append("")
    return "\n".join(out)
