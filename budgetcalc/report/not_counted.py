"""Why a row got less than its months in force, or nothing, in the officer's words (``Result.not_counted``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from budgetcalc.compute.result import Result
from budgetcalc.compute.traces import Reason
from budgetcalc.report.explain import Texts, dates, end_header, months_text, qualify_words, start_header
from budgetcalc.report.words import Lang, header
from budgetcalc.rules.eligibility import Condition
from budgetcalc.rules.kinds import RateRule


def _condition(result: Result, sid: str, key: str) -> Condition | None:
    std = result.standard(sid)
    if not isinstance(std, RateRule):
        return None
    return next((c for c in std.eligibility.conditions() if c.key == key), None)


def _condition_words(cond: Condition | None, value: str, lang: Lang) -> str:
    zh = lang == "zh"
    if cond is None:
        return ""
    name = header(cond.column, lang)
    allowed = "、".join(cond.values)
    if cond.op == "in":
        return f"{name}为“{value or '空白'}”，本标准只计{allowed}" if zh else \
            f"{name} is “{value or 'blank'}”; this standard counts {allowed} only"
    if cond.op == "not_in":
        return f"{name}为“{value}”，按文件不享受" if zh else f"{name} is “{value}”: excluded by the document"
    if cond.op == "is":
        if cond.column == "head_office" and not cond.flag:
            return "合署办公本部人员（或所在机构为本部），按文件不享受" if zh else \
                "head-office staff (合署办公本部): excluded by the document"
        return (f"未标记“{name}”" if cond.flag else f"{name}为“是”，按文件不享受") if zh else \
            (f"not {name}" if cond.flag else f"{name}: excluded by the document")
    if cond.op == "filled":
        return f"未填{name}" if zh else f"{name} not given"
    return f"{name}为{value or '空白'}，不足{cond.minimum}" if zh else \
        f"{name} is {value or 'blank'}, below {cond.minimum}"


def reason_code(frame: pd.DataFrame) -> Texts:
    """The machine form of each row's reason: ``qualifying``, ``condition.facility_flags.new`` …"""
    return pd.Series(np.where(frame["reason"] == Reason.CONDITION.value, "condition." + frame["condition"].astype(str),
                              frame["reason"].astype(str)), index=frame.index, dtype=object)


def not_counted_messages(result: Result, frame: pd.DataFrame, lang: Lang = "zh") -> Texts:
    """Why each row got less than its months in force, or nothing (``Result.not_counted``)."""
    if frame.empty:
        return pd.Series([], dtype=object)
    frame = frame.reset_index(drop=True)
    zh = lang == "zh"
    q_name, q_span = qualify_words(result, frame, lang)
    qdate, qmonth = dates(frame["qualify_date"]), months_text(frame["qualify_month"].where(frame["qualify_month"] > 0, 0))
    start, end = dates(frame["row_start_date"]), dates(frame["row_end_date"])
    first, last = months_text(frame["first_month"].clip(lower=0)), months_text(frame["last_month"].clip(lower=0))
    months = frame["months"].astype(str).astype(object)
    s_head, e_head = start_header(frame, lang), end_header(frame, lang)
    due = dates(frame["due_date"])
    year = str(result.year)
    if zh:
        texts = {
            Reason.QUALIFYING: q_name + qdate + "，满" + q_span + "自" + qmonth + "起"
            + np.where(frame["months"] > 0, "，本年度计" + months + "个月", "，本年度不计"),
            Reason.STARTS_IN_YEAR: s_head + start + "，自" + first + "起计" + months + "个月",
            Reason.ENDS_IN_YEAR: e_head + end + "，计至" + last + "，共" + months + "个月",
            Reason.RETIRES_IN_YEAR: "退休" + end + "，计至" + last + "，共" + months + "个月",
            Reason.STARTS_AFTER_YEAR: s_head + start + "，在" + year + "年度内未" + s_head.str[:2],
            Reason.ENDED_BEFORE_YEAR: e_head + end + "，本年度（标准施行期内）无计列月份",
            Reason.ONCE_OTHER_YEAR: "退休日期" + due + "，不在" + year + "年度，于退休当年计列",
            Reason.OFF_POST_BEFORE_ONCE: "退休（" + due + "）前已离岗，不计",
            Reason.ZERO_COUNT: pd.Series("数量为0", index=frame.index, dtype=object),
        }
    else:
        texts = {
            Reason.QUALIFYING: q_name + " " + qdate + ": " + q_span + " completed from " + qmonth
            + np.where(frame["months"] > 0, ", " + months + " months this year", ", none this year"),
            Reason.STARTS_IN_YEAR: s_head + start + ": counted from " + first + ", " + months + " months",
            Reason.ENDS_IN_YEAR: e_head + end + ": counted to " + last + ", " + months + " months",
            Reason.RETIRES_IN_YEAR: "retires " + end + ": counted to " + last + ", " + months + " months",
            Reason.STARTS_AFTER_YEAR: s_head + start + ": after " + year,
            Reason.ENDED_BEFORE_YEAR: e_head + end + ": no month of " + year + " while the standard is in force",
            Reason.ONCE_OTHER_YEAR: "retirement " + due + " is not in " + year + ": budgeted in its own year",
            Reason.OFF_POST_BEFORE_ONCE: "off post before retirement (" + due + "): not paid",
            Reason.ZERO_COUNT: pd.Series("count is 0", index=frame.index, dtype=object),
        }
    out = pd.Series("", index=frame.index, dtype=object)
    for reason, text in texts.items():
        hit = (frame["reason"] == reason.value).to_numpy()
        if hit.any():
            out[hit] = pd.Series(text, index=frame.index)[hit]
    cond = (frame["reason"] == Reason.CONDITION.value).to_numpy()
    if cond.any():   # worded once per distinct (standard, condition, value): a province repeats a few thousand times
        keys = list(zip(frame.loc[cond, "standard_id"].tolist(), frame.loc[cond, "condition"].tolist(),
                        frame.loc[cond, "condition_value"].astype(str).tolist(), strict=True))
        words = {k: _condition_words(_condition(result, k[0], k[1]), k[2], lang) for k in dict.fromkeys(keys)}
        out[cond] = pd.Series([words[k] for k in keys], index=frame.index[cond], dtype=object)
    return out


