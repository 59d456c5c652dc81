"""The words the report layer renders traces, rules and units with, in Chinese and English.

Standard labels, clauses and input values stay in the documents' own words (they are
what an officer files); everything the program says about them is rendered here, once,
for both languages.
"""

from __future__ import annotations

from typing import Literal

from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.eligibility import Eligibility, Subject
from budgetcalc.rules.kinds import Per
from budgetcalc.rules.values import Value, ValueSource

Lang = Literal["zh", "en"]

HEADERS = {c.key: c.header for c in vocab.FACILITY_COLUMNS + vocab.STAFF_COLUMNS}
HEADERS_EN = {
    "on_post_date": "on-post date", "off_post_date": "off-post date", "gp_registration_date": "GP registration date",
    "retirement_date": "retirement date", "start_date": "start date", "end_date": "end date",
    "service_years": "years of grassroots service", "stationed": "stationed (驻村)",
    "full_time_graduate": "full-time graduate", "head_office": "head office (合署办公本部)",
    "principal": "principal", "backbone": "backbone talent", "integrated": "integrated management (一体化管理)",
    "new": "newly added (新增)", "type": "facility type", "category": "establishment (编制类型)",
    "post": "post", "recruitment": "recruitment route", "licence": "licence", "title": "title",
}
QUANTITY_EN = {"车": "vehicle", "个": "unit", "人": "person", "项": "item", "辆": "vehicle"}
PER_EN = {Per.YEAR: "year", Per.MONTH: "month"}


def header(key: str, lang: Lang) -> str:
    return HEADERS.get(key, key) if lang == "zh" else HEADERS_EN.get(key, key)


def yuan(lang: Lang) -> str:
    return "元" if lang == "zh" else "yuan"


def rate_unit(unit: str, per: str, quantity_unit: str, lang: Lang) -> str:
    """元/车·年 as the catalogue prints it, or its English form."""
    if lang == "zh":
        return unit
    what = QUANTITY_EN.get(quantity_unit, quantity_unit or "unit")
    if per == Per.ONCE:
        return f"yuan/{what} (once)"
    return f"yuan/{what}·{PER_EN.get(Per(per), per)}" if per in ("year", "month") else unit


def citation(profile: Profile, clause: str) -> str:
    """浔政办发〔2024〕25号 附件第十一条: the document number (or title) and the clause."""
    doc = profile.document_number or f"《{profile.title}》"
    return f"{doc} {clause}".strip()


def document(profile: Profile) -> str:
    """浔政办发〔2024〕25号《…》: the document as a sheet's header names it."""
    return f"{profile.document_number or '（无文号）'}《{profile.title}》"


def describe_eligibility(rule: Eligibility, lang: Lang = "zh") -> str:
    """The conditions of a rule in words, for explanations, sheets and the profiles listing."""
    zh = lang == "zh"
    parts: list[str] = []
    if rule.subject == Subject.LUMP_SUM:
        parts.append("按项目整体计列" if zh else "one amount for the whole scenario")
    if rule.facility_types:
        parts.append(("机构类型为" if zh else "facility type ") + "、".join(rule.facility_types))
    for key, want in rule.facility_flags + rule.staff_flags:
        name = header(key, lang)
        parts.append(f"{name}{'为是' if want else '为否'}" if zh else f"{name}: {'yes' if want else 'no'}")
    for key, label_zh, label_en in (("staff_categories", "编制类型为", "establishment "), ("posts", "岗位为", "post "),
                                    ("recruitment", "招聘方式为", "recruited as "),
                                    ("licences", "执业资格为", "licence "), ("titles", "职称为", "title ")):
        values = getattr(rule, key)
        if values:
            parts.append((label_zh if zh else label_en) + "、".join(values))
    if rule.exclude_recruitment:
        parts.append(("不含" + "、".join(rule.exclude_recruitment) + "人员") if zh
                     else "not " + "、".join(rule.exclude_recruitment))
    for key in rule.requires:
        parts.append(f"已填{header(key, lang)}" if zh else f"{header(key, lang)} given")
    for key, minimum in rule.min_values:
        parts.append(f"{header(key, lang)}不少于{minimum}" if zh else f"{header(key, lang)} ≥ {minimum}")
    if rule.qualifying_from:
        months = rule.qualifying_months
        span = (f"{months // 12}年" if months % 12 == 0 else f"{months}个月") if zh else (
            f"{months // 12} year(s)" if months % 12 == 0 else f"{months} months")
        parts.append(f"自{header(rule.qualifying_from, lang)}起满{span}" if zh
                     else f"{span} after the {header(rule.qualifying_from, lang)}")
    if rule.once_at:
        parts.append(f"于{header(rule.once_at, lang)}所在年度一次性计列" if zh
                     else f"paid once, in the year of the {header(rule.once_at, lang)}")
    return ("；" if zh else "; ").join(parts)


def span_words(months: int, lang: Lang) -> str:
    if lang == "zh":
        return f"{months // 12}年" if months % 12 == 0 else f"{months}个月"
    return f"{months // 12} year{'s' if months != 12 else ''}" if months % 12 == 0 else f"{months} months"


def value_mark(value: Value, lang: Lang = "zh") -> str:
    """The mark after a line's label: the officer changed the document's value, or filled in an item."""
    if value.source == ValueSource.ENTRY:
        return "（填报）" if lang == "zh" else " (entered)"
    if value.overridden:
        return "（调整）" if lang == "zh" else " (overridden)"
    return ""
