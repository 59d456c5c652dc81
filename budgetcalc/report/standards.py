"""A standard's value and kind in words (the profiles listing, the app's standards table, sheets)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from budgetcalc.base.money import format_yuan, yuan_to_fen
from budgetcalc.report.words import Lang, citation, describe_eligibility, rate_unit
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import Band, EnteredRate, Kind, Norm, RateRule, Schedule, Share, Standard, Target, UnitRate
from budgetcalc.rules.values import Value

KIND_NAMES: dict[Kind, tuple[str, str]] = {
    Kind.UNIT_RATE: ("定额标准", "unit rate"), Kind.ENTERED: ("用户填报", "entered rate"),
    Kind.BAND: ("档位区间", "band"), Kind.NORM: ("配置标准", "staffing norm"),
    Kind.SHARE: ("比例要求", "share"), Kind.SCHEDULE: ("逐年安排", "schedule"), Kind.TARGET: ("目标", "target"),
}


def kind_name(kind: Kind, lang: Lang = "zh") -> str:
    zh, en = KIND_NAMES[kind]
    return zh if lang == "zh" else en


def number(value: Decimal) -> str:
    """3.3 → '3.3', 10000 → '10,000' (no exponent, no trailing zeros)."""
    text = f"{value.normalize():f}"
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def money_value(value: Decimal, unit: str) -> str:
    return f"{format_yuan(yuan_to_fen(value))} {unit}"


def value_text(std: Standard, lang: Lang = "zh") -> str:
    """250,000.00 元/车·年 · 不低于 200.00 元/人·月 · 100%–135% · 3.3 人/千常住人口 · ≥ 70% …"""
    zh = lang == "zh"
    if isinstance(std, UnitRate):
        text = money_value(std.value, rate_unit(std.unit, std.per.value, std.quantity_unit, lang))
        return (("不低于 " if zh else "at least ") + text) if std.minimum else text
    if isinstance(std, EnteredRate):
        return "由用户填报" if zh else "entered by the officer"
    if isinstance(std, Band):
        default = "" if std.default is None else (f"，默认 {number(std.default)}%" if zh else
                                                  f", default {number(std.default)}%")
        return f"{number(std.low)}%–{number(std.high)}%{default}"
    if isinstance(std, Norm):
        ratio = number(std.ratio_low) if not std.is_range else f"{number(std.ratio_low)}–{number(std.ratio_high)}"
        return f"{ratio} {std.unit}"
    if isinstance(std, Share):
        sign = "≥ " if std.minimum else ""
        return f"{sign}{number(std.share)}%（{std.of}）" if zh else f"{sign}{number(std.share)}% ({std.of})"
    if isinstance(std, Schedule):
        return schedule_text(std, lang)
    if isinstance(std, Target):
        return std.goal
    raise TypeError(type(std))


def change_text(value: Value, lang: Lang = "zh") -> str:
    """How the scenario's value departs from the catalogue's, or "" when it does not.

    ``+2,000.00 元（+20%）`` for a rate, ``+5 个百分点`` for a band's point; the app shows
    it beside both values so an override is never read as the document's own figure.
    """
    zh = lang == "zh"
    if value.override is None or value.amount is None or value.catalogue_amount is None:
        return ""
    delta = value.amount - value.catalogue_amount
    if delta == 0:
        return "与标准库相同" if zh else "same as the catalogue"
    sign = "+" if delta > 0 else "−"
    if isinstance(value.standard, Band):
        return f"{sign}{number(abs(delta))} 个百分点" if zh else f"{sign}{number(abs(delta))} points"
    text = f"{sign}{format_yuan(yuan_to_fen(abs(delta)))} 元"
    if value.catalogue_amount:
        share = (abs(delta) * 100 / value.catalogue_amount).quantize(Decimal("0.1"))
        text += f"（{sign}{number(share)}%）" if zh else f" ({sign}{number(share)}%)"
    return text


def schedule_text(std: Schedule, lang: Lang = "zh") -> str:
    zh = lang == "zh"
    parts: list[str] = []
    if std.by_year:
        items = [f"{y}年 {number(v)}{std.unit}" if zh else f"{y}: {number(v)}{std.unit}" for y, v in std.by_year]
        if std.after_last:
            items[-1] = (f"{std.by_year[-1][0]}年起 {number(std.by_year[-1][1])}{std.unit}" if zh
                         else f"{std.by_year[-1][0]} on: {number(std.by_year[-1][1])}{std.unit}")
        parts.append("，".join(items) if zh else ", ".join(items))
    if std.annual_growth is not None:
        parts.append(f"每年增长 {number(std.annual_growth)}%" if zh else f"+{number(std.annual_growth)}% a year")
    if std.per_year_low is not None or std.per_year_high is not None:
        low = number(std.per_year_low) if std.per_year_low is not None else ""
        high = number(std.per_year_high) if std.per_year_high is not None else ""
        span = low if low == high or not high else (f"{low}–{high}" if low else f"≤ {high}")
        parts.append(f"每年 {span} {std.unit}" if zh else f"{span} {std.unit} a year")
    if std.total is not None:
        by = f"到{std.by_year_end}年" if zh and std.by_year_end else (f"by {std.by_year_end}" if std.by_year_end else "")
        parts.append(f"{by}累计 {number(std.total)} {std.unit}" if zh else f"{number(std.total)} {std.unit} in all {by}")
    return "；".join(parts) if zh else "; ".join(parts)


@dataclass(frozen=True)
class StandardFacts:
    """What the app's explanation of a standard shows, in the window's language."""

    value: str
    citation: str
    summary: str
    who: str
    effective: str
    note: str


def standard_facts(profile: Profile, std: Standard, lang: Lang = "zh") -> StandardFacts:
    rule = std.eligibility if isinstance(std, RateRule) else (std.headcount if isinstance(std, Band) else None)
    period = std.effective
    open_end = "长期" if lang == "zh" else "open"
    return StandardFacts(
        value=value_text(std, lang),
        citation=f"{citation(profile, std.clause)}《{profile.title}》",
        summary=std.summary,
        who=describe_eligibility(rule, lang) if rule is not None else "",
        effective=f"{period.start} – {period.end or open_end}",
        note=std.note,
    )
