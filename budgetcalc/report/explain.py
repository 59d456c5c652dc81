"""Lines and rows not counted, rendered from their traces as sentences an auditor can follow.

Every figure's explanation says what decided it: rate and its source (the document, its
不低于 floor, an override with old and new value and reason, an officer's entry), quantity,
months and their window, the qualifying date and the month it took effect, the whole-month
rule for a mid-month date, the assumption made for a blank date, a band's point and range,
a draw on a fund. Rendering is vectorised over the lines frame (a province has 50,000
lines); the app, the command line and the sheets all call these functions.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import numpy as np
import pandas as pd

from budgetcalc.base.calendar import month_label
from budgetcalc.base.money import format_yuan, yuan_to_fen
from budgetcalc.compute.result import Result
from budgetcalc.compute.traces import Assumption, End, Start, Template
from budgetcalc.report.words import Lang, citation, header, rate_unit, span_words, yuan
from budgetcalc.rules import vocab
from budgetcalc.rules.kinds import Band, EnteredRate, Kind, RateRule, UnitRate
from budgetcalc.rules.values import ValueSource

Texts = pd.Series


def _each_distinct(values: pd.Series, text: Callable[[int], str]) -> Texts:
    """``text`` of each value, called once per distinct value (a province's lines repeat a few months,
    rates and counts tens of thousands of times)."""
    ints = values.astype("int64")
    return ints.map({v: text(v) for v in ints.unique().tolist()}).astype(object)


def _fmt_yuan(fen: pd.Series) -> Texts:
    return _each_distinct(fen, format_yuan)


def _fmt_int(values: pd.Series) -> Texts:
    return _each_distinct(values, "{:,}".format)


def months_text(values: pd.Series) -> Texts:
    return _each_distinct(values, month_label)


def dates(values: pd.Series) -> Texts:
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna("").astype(object)


def _per_standard(lines: pd.DataFrame, get: Callable[[str], str]) -> Texts:
    cache = {sid: get(sid) for sid in lines["standard_id"].unique()}
    return lines["standard_id"].map(cache).astype(object)


def _join(parts: list[Texts], sep: str) -> Texts:
    """Join the non-empty pieces of each line with ``sep``."""
    if not parts:
        return pd.Series([], dtype=object)
    frame = pd.concat([p.reset_index(drop=True) for p in parts], axis=1)
    return pd.Series([sep.join(x for x in row if x) for row in frame.itertuples(index=False, name=None)],
                     index=parts[0].index, dtype=object)


# ------------------------------------------------------------------ formulas


def formulas(result: Result, lines: pd.DataFrame, lang: Lang = "zh") -> Texts:
    """The computation of each line with what decided it, e.g.
    ``250,000.00 元/车·年 × 1 车 × 6/12 个月（2025-07 至 2025-12）= 125,000.00 元；新增；启用2025-07-15，按整月计自2025-07起``."""
    if lines.empty:
        return pd.Series([], dtype=object)
    lines = lines.reset_index(drop=True)
    out = pd.Series("", index=lines.index, dtype=object)
    for template, render in _RENDERERS.items():
        hit = (lines["template"] == template.value).to_numpy()
        if hit.any():
            out[hit] = render(result, lines[hit], lang)
    sep = "；" if lang == "zh" else "; "
    notes = _join(_notes(result, lines, lang), sep)
    return pd.Series(np.where(notes != "", out + sep + notes, out), index=lines.index, dtype=object)


def explanations(result: Result, lines: pd.DataFrame, lang: Lang = "zh") -> Texts:
    """Formula, notes and the clause: ``…；依据：浔政办发〔2024〕25号 附件第十一条``."""
    if lines.empty:
        return pd.Series([], dtype=object)
    lines = lines.reset_index(drop=True)
    cite = lines["clause"].map(lambda c: citation(result.profile, str(c))).astype(object)
    label = "；依据：" if lang == "zh" else "; basis: "
    return formulas(result, lines, lang) + label + cite


def _rate_text(lines: pd.DataFrame, lang: Lang) -> Texts:
    units = pd.Series([rate_unit(u, p, q, lang) for u, p, q in
                       zip(lines["unit"], lines["per"], lines["quantity_unit"], strict=True)],
                      index=lines.index, dtype=object)
    return _fmt_yuan(lines["rate_fen"]) + " " + units


def _window(lines: pd.DataFrame, lang: Lang) -> Texts:
    first, last = months_text(lines["first_month"]), months_text(lines["last_month"])
    return ("（" + first + " 至 " + last + "）") if lang == "zh" else (" (" + first + " to " + last + ")")


def _quantity(lines: pd.DataFrame, lang: Lang) -> Texts:
    q = _fmt_int(lines["quantity"])
    if lang == "zh":
        return q + " " + lines["quantity_unit"].astype(object)
    return q


def _rate_year(result: Result, lines: pd.DataFrame, lang: Lang) -> Texts:
    m = lines["months"].astype(str).astype(object)
    months = " × " + m + ("/12 个月" if lang == "zh" else "/12 months")
    return (_rate_text(lines, lang) + " × " + _quantity(lines, lang) + months + _window(lines, lang)
            + " = " + _fmt_yuan(lines["amount_fen"]) + " " + yuan(lang))


def _rate_month(result: Result, lines: pd.DataFrame, lang: Lang) -> Texts:
    m = lines["months"].astype(str).astype(object)
    months = " × " + m + (" 个月" if lang == "zh" else " months")
    return (_rate_text(lines, lang) + " × " + _quantity(lines, lang) + months + _window(lines, lang)
            + " = " + _fmt_yuan(lines["amount_fen"]) + " " + yuan(lang))


def _rate_once(result: Result, lines: pd.DataFrame, lang: Lang) -> Texts:
    def when(sid: str) -> str:
        std = result.standard(sid)
        key = std.eligibility.once_at if isinstance(std, RateRule) else None
        return header(key or "retirement_date", lang)

    due = _per_standard(lines, when) + " " + dates(lines["due_date"])
    due = ("（" + due + "）") if lang == "zh" else (" (" + due + ")")
    return (_rate_text(lines, lang) + " × " + _quantity(lines, lang) + due + " = "
            + _fmt_yuan(lines["amount_fen"]) + " " + yuan(lang))


def _band_unit(result: Result, lines: pd.DataFrame, lang: Lang) -> Texts:
    pm = lines["unit_q"].astype("int64")
    whole = pm % 12 == 0
    months_word = " 人·月/12" if lang == "zh" else " person-months/12"
    persons = pd.Series(np.where(whole, (pm // 12).astype(str), pm.astype(str) + months_word), index=lines.index,
                        dtype=object)
    low_high = _per_standard(lines, lambda sid: _band_range(result, sid))
    share = _share_factor(lines, lang)
    if lang == "zh":
        return ("绩效工资基准线 " + _fmt_yuan(lines["rate_fen"]) + " 元/人·年 × " + persons + " 人 × "
                + lines["point"].astype(object) + "%" + share + " = " + _fmt_yuan(lines["amount_fen"]) + " 元（档位 "
                + low_high + "：低 " + _fmt_yuan(lines["low_fen"]) + "，高 " + _fmt_yuan(lines["high_fen"]) + "）")
    return ("baseline " + _fmt_yuan(lines["rate_fen"]) + " yuan/person·year × " + persons + " persons × "
            + lines["point"].astype(object) + "%" + share + " = " + _fmt_yuan(lines["amount_fen"]) + " yuan (band "
            + low_high + ": low " + _fmt_yuan(lines["low_fen"]) + ", high " + _fmt_yuan(lines["high_fen"]) + ")")


def _share_factor(lines: pd.DataFrame, lang: Lang) -> Texts:
    """`` × 财政保障 60%`` where the budget funds only a share of the approved total."""
    words = " × 财政保障 " if lang == "zh" else " × fiscal share "
    share = lines["share"].astype(str)
    return pd.Series(np.where(share != "", words + share + "%", ""), index=lines.index, dtype=object)


def _band_range(result: Result, sid: str) -> str:
    std = result.standard(sid)
    assert isinstance(std, Band)
    return f"{std.low}%–{std.high}%"


def _principal(result: Result, lines: pd.DataFrame, lang: Lang) -> Texts:
    parts = lines["points_sum"].astype(str)
    total = parts.map(lambda s: sum((Decimal(p) for p in s.split("+") if p), Decimal(0)))
    average = pd.Series([format_yuan(yuan_to_fen(Decimal(int(b)) * t / 10000)) for b, t in
                         zip(lines["rate_fen"], total, strict=True)], index=lines.index, dtype=object)
    shown = pd.Series([" + ".join(f"{p}%" for p in s.split("+")) + f" = {t.normalize():f}%" for s, t in
                       zip(parts, total, strict=True)], index=lines.index, dtype=object)
    m = lines["months"].astype(str).astype(object)
    rng = _per_standard(lines, lambda sid: _band_range(result, sid))
    share = _share_factor(lines, lang)
    if lang == "zh":
        return ("单位年人均绩效工资 " + average + " 元（基准线 " + _fmt_yuan(lines["rate_fen"]) + " 元 × 各档位合计 "
                + shown + "）× " + lines["point"].astype(object) + "% × " + _fmt_int(lines["quantity"]) + " 人 × "
                + m + "/12 个月" + share + " = " + _fmt_yuan(lines["amount_fen"]) + " 元（不计入单位绩效工资总量；档位 " + rng + "）")
    return ("unit average performance pay " + average + " yuan (baseline " + _fmt_yuan(lines["rate_fen"])
            + " yuan × unit points " + shown + ") × " + lines["point"].astype(object) + "% × "
            + _fmt_int(lines["quantity"]) + " persons × " + m + "/12 months" + share + " = " + _fmt_yuan(lines["amount_fen"])
            + " yuan (outside the unit total; band " + rng + ")")


def _shortfall(result: Result, lines: pd.DataFrame, lang: Lang) -> Texts:
    texts = []
    by_fund = {s.fund: s for s in result.shortfalls()}
    for sid in lines["standard_id"]:
        s = by_fund[sid]
        draws = "、".join(result.standard(d).label for d in s.draws)
        fund = result.standard(sid).label
        if lang == "zh":
            texts.append(f"从{fund}中列支的{draws}共 {format_yuan(s.draws_fen)} 元，超过该经费 "
                         f"{format_yuan(s.fund_fen)} 元，缺口 {format_yuan(s.shortfall_fen)} 元计入合计")
        else:
            texts.append(f"{draws} paid from {fund}: {format_yuan(s.draws_fen)} yuan, more than the fund's "
                         f"{format_yuan(s.fund_fen)} yuan; the shortfall of {format_yuan(s.shortfall_fen)} yuan "
                         f"is added to the total")
    return pd.Series(texts, index=lines.index, dtype=object)


_RENDERERS: dict[Template, Callable[[Result, pd.DataFrame, Lang], Texts]] = {
    Template.RATE_YEAR: _rate_year, Template.RATE_MONTH: _rate_month, Template.RATE_ONCE: _rate_once,
    Template.BAND_UNIT: _band_unit, Template.BAND_PRINCIPAL: _principal, Template.SHORTFALL: _shortfall,
}


# ------------------------------------------------------------------ notes: what decided a line


def start_header(lines: pd.DataFrame, lang: Lang) -> Texts:
    staff = lines["sheet"] == vocab.SHEET_STAFF
    zh = {True: "到岗", False: "启用"}
    en = {True: "on post ", False: "in service "}
    return staff.map(zh if lang == "zh" else en).astype(object)


def end_header(lines: pd.DataFrame, lang: Lang) -> Texts:
    staff = (lines["sheet"] == vocab.SHEET_STAFF).to_numpy()
    retired = (lines["end"] == End.RETIRED.value).to_numpy()
    if lang == "zh":
        words = np.where(retired, "退休", np.where(staff, "离岗", "停用"))
    else:
        words = np.where(retired, "retires ", np.where(staff, "off post ", "out of service "))
    return pd.Series(words, index=lines.index, dtype=object)


def qualify_words(result: Result, lines: pd.DataFrame, lang: Lang) -> tuple[Texts, Texts]:
    """Per line: what the qualifying period counts from (到岗, 全科注册) and how long it is (1年)."""
    def words(sid: str) -> tuple[str, str]:
        std = result.standard(sid)
        if not isinstance(std, RateRule) or not std.eligibility.qualifying_from:
            return "", ""
        rule = std.eligibility
        name = header(rule.qualifying_from or "", lang)
        name = name.removesuffix("日期") if lang == "zh" else name.removesuffix(" date")
        return name, span_words(rule.qualifying_months, lang)

    cache = {sid: words(sid) for sid in lines["standard_id"].unique()}
    ids = lines["standard_id"]
    return (ids.map({k: v[0] for k, v in cache.items()}).astype(object),
            ids.map({k: v[1] for k, v in cache.items()}).astype(object))


def _notes(result: Result, lines: pd.DataFrame, lang: Lang) -> list[Texts]:
    zh = lang == "zh"
    empty = pd.Series("", index=lines.index, dtype=object)
    notes: list[Texts] = []

    q_name, q_span = qualify_words(result, lines, lang)
    qualified = (lines["start"] == Start.QUALIFIED.value) & lines["qualify_date"].notna()
    q_text = (q_name + dates(lines["qualify_date"]) + "，满" + q_span + "自" + months_text(lines["qualify_month"]) + "起") \
        if zh else (q_name + " " + dates(lines["qualify_date"]) + ": " + q_span + " completed from "
                    + months_text(lines["qualify_month"]))
    notes.append(q_text.where(qualified, ""))

    blank = lines["assumption"] == Assumption.QUALIFY_BLANK.value
    b_text = (q_name + "日期空白，按预算年度前已满" + q_span + "计") if zh else (
        q_name + " date blank: taken as " + q_span + " completed before the budget year")
    notes.append(b_text.where(blank, ""))

    start_day = pd.to_datetime(lines["row_start_date"])
    mid_start = (lines["start"] == Start.ROW.value) & start_day.notna() & (start_day.dt.day != 1)
    s_text = (start_header(lines, lang) + dates(lines["row_start_date"]) + "，当月按整月计") if zh else (
        start_header(lines, lang) + dates(lines["row_start_date"]) + ": the month counts whole")
    notes.append(s_text.where(mid_start, ""))

    end_day = pd.to_datetime(lines["row_end_date"])
    month_end = end_day + pd.offsets.MonthEnd(0)
    mid_end = lines["end"].isin([End.ROW.value, End.RETIRED.value]) & end_day.notna() & (end_day != month_end)
    e_text = (end_header(lines, lang) + dates(lines["row_end_date"]) + "，当月按整月计") if zh else (
        end_header(lines, lang) + dates(lines["row_end_date"]) + ": the month counts whole")
    notes.append(e_text.where(mid_end, ""))

    in_force = _per_standard(lines, lambda sid: _force_words(result, sid, lang))
    bounded = (lines["start"] == Start.IN_FORCE.value) | (lines["end"] == End.IN_FORCE.value)
    notes.append(in_force.where(bounded, ""))

    notes.append(_per_standard(lines, lambda sid: _standard_words(result, sid, lang)))
    notes.append(_point_words(result, lines, lang))
    return [n if len(n) else empty for n in notes]


def _force_words(result: Result, sid: str, lang: Lang) -> str:
    period = result.standard(sid).effective
    if lang == "zh":
        end = f"至{period.end}" if period.end else ""
        return f"标准自{period.start}起施行{end}，按施行期内整月计"
    end = f" to {period.end}" if period.end else ""
    return f"in force from {period.start}{end}: whole months in force"


def _standard_words(result: Result, sid: str, lang: Lang) -> str:
    """Notes that hold for every line of a standard: its value's source, 新增, a draw."""
    zh = lang == "zh"
    std = result.standard(sid)
    value = result.values[std.id]
    parts: list[str] = []
    if isinstance(std, UnitRate | EnteredRate):
        unit = rate_unit(std.unit, std.per.value, std.quantity_unit, lang)
        if value.source == ValueSource.MINIMUM and isinstance(std, UnitRate):
            parts.append(f"文件规定不低于 {format_yuan(yuan_to_fen(std.value))} 元，按下限计" if zh else
                         f"the document sets at least {format_yuan(yuan_to_fen(std.value))} yuan: the minimum is used")
        if value.source == ValueSource.OVERRIDE and value.override is not None:
            old, new = format_yuan(yuan_to_fen(std.value)) if isinstance(std, UnitRate) else "", \
                format_yuan(yuan_to_fen(value.override.value))
            reason = value.override.reason or ("未填说明" if zh else "no reason given")
            parts.append(f"标准调整：{old}→{new} {unit}（{reason}）" if zh else
                         f"standard overridden: {old} → {new} {unit} ({reason})")
        if value.source == ValueSource.ENTRY:
            reasons = "；".join(dict.fromkeys(e.reason for e in value.entries if e.reason))
            parts.append((f"标准由用户填报（{reasons}）" if reasons else "标准由用户填报") if zh else
                         (f"rate entered by the officer ({reasons})" if reasons else "rate entered by the officer"))
        if value.factor is not None and value.factor_from is not None:
            schedule = result.standard(value.factor_from)
            base = "、".join(format_yuan(yuan_to_fen(e.value)) for e in value.entries) or (
                format_yuan(yuan_to_fen(value.amount)) if value.amount is not None else "")
            parts.append(f"按{schedule.label}（{schedule.clause}）{result.year}年 {value.factor.normalize():f}% 计："
                         f"{base} 元 × {value.factor.normalize():f}%" if zh else
                         f"{schedule.label} ({schedule.clause}) for {result.year}: {value.factor.normalize():f}% "
                         f"of {base} yuan")
        for flag, want in std.eligibility.facility_flags:
            if flag == "new" and want:
                parts.append("新增" if zh else "newly added (新增)")
        if std.draws_on:
            fund = result.standard(std.draws_on).label
            parts.append(f"从{fund}中列支，不另计入合计" if zh else f"paid from {fund}: not added to the total")
    return ("；" if zh else "; ").join(parts)


def _point_words(result: Result, lines: pd.DataFrame, lang: Lang) -> Texts:
    """Where a band line's point came from: the unit's own row, its grade, the scenario, the default."""
    zh = lang == "zh"
    out = pd.Series("", index=lines.index, dtype=object)
    band = lines["kind"] == Kind.BAND.value
    if not band.any():
        return out
    source, point = lines["value_source"], lines["point"].astype(str)
    no_reason = "未填说明" if zh else "no reason given"

    def reason_of(sid: str, code: str) -> str:
        value = result.values[sid]  # type: ignore[index]
        found = next((o for o in value.changes if o.facility_code == code), value.override)
        return (found.reason if found is not None else "") or no_reason

    own = band & (source == ValueSource.OVERRIDE.value)
    reasons = pd.Series([reason_of(sid, code) for sid, code in zip(lines["standard_id"][own],
                                                                     lines["facility_code"][own], strict=True)],
                        index=lines.index[own], dtype=object)
    out[own] = (("档位调整为 " + point[own] + "%（" + reasons + "）") if zh else
                ("point set to " + point[own] + "% (" + reasons + ")"))
    graded = band & (source == ValueSource.GRADE.value)
    if graded.any():
        grades = result.scenario.facilities.drop_duplicates("code").set_index("code")["grade"]
        name = lines["facility_code"][graded].map(grades).fillna("").astype(object)
        out[graded] = (("考核等次“" + name + "”，档位 " + point[graded] + "%") if zh else
                       ("grade " + name + ": point " + point[graded] + "%"))
    default = band & (source == ValueSource.DEFAULT.value)
    out[default] = (("未选定档位，按默认 " + point[default] + "% 计") if zh else
                    ("no point chosen: default " + point[default] + "%"))
    shared = band & (lines["share"] != "")
    share_text = (("财政保障 " + lines["share"] + "%，核定总量 " + _fmt_yuan(lines["approved_fen"]) + " 元") if zh else
                  ("fiscal share " + lines["share"] + "% of the approved " + _fmt_yuan(lines["approved_fen"]) + " yuan"))
    joint = np.where(out != "", out + ("；" if zh else "; "), "") + share_text
    return pd.Series(np.where(shared, joint, out), index=lines.index, dtype=object)


def rate_texts(result: Result, lines: pd.DataFrame, lang: Lang = "zh") -> Texts:
    """The rate each line was computed at, as a column shows it: ``250,000.00 元/车·年`` or ``110%``."""
    if lines.empty:
        return pd.Series([], dtype=object)
    lines = lines.reset_index(drop=True)
    points = lines["point"].astype(str)
    rates = _rate_text(lines, lang)
    shortfall = (lines["template"] == Template.SHORTFALL.value).to_numpy()
    out = np.where(points != "", points + "%", rates)
    return pd.Series(np.where(shortfall, "", out), index=lines.index, dtype=object)
