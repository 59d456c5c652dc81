"""The 测算说明 of a budget sheet: basis, each standard's method, the decisions applied, 数据提示."""

from __future__ import annotations

from collections.abc import Sequence

from budgetcalc.base.money import format_yuan, yuan_to_fen
from budgetcalc.base.problems import Problem
from budgetcalc.compute.result import Result
from budgetcalc.report.words import citation, describe_eligibility, document
from budgetcalc.rules.kinds import Band, BandBasis, EnteredRate, MoneyStandard, Per, RateRule, UnitRate
from budgetcalc.rules.values import ValueSource
from budgetcalc.sheets.layout import ROUNDING_LABEL, DataDate, Note, Unit, chinese_ordinal


def override_remark(result: Result, std: MoneyStandard) -> str:
    """标准调整：10,000.00→12,000.00（提标方案）, or the point chosen, or the officer's entries."""
    value = result.values[std.id]
    if isinstance(std, Band):
        parts = [f"选定档位 {value.amount}%（{value.override.reason or '未填说明'}）"] if value.override else []
        parts += [f"{e.facility_code} 档位 {e.value}%（{e.reason or '未填说明'}）" for e in value.entries]
        return "标准调整：" + "；".join(parts)
    if isinstance(std, EnteredRate):
        entries = "；".join(f"{(e.facility_code + ' ') if e.facility_code else ''}{format_yuan(yuan_to_fen(e.value))}"
                            f"{'×' + str(e.quantity) if e.quantity else ''}（{e.reason or '未填说明'}）"
                            for e in value.entries)
        return f"用户填报：{entries}"
    assert value.override is not None
    return (f"标准调整：{format_yuan(yuan_to_fen(std.value))}→{format_yuan(yuan_to_fen(value.override.value))}"
            f"（{value.override.reason or '未填说明'}）")


def _formula_words(result: Result, std: MoneyStandard) -> str:
    if isinstance(std, Band):
        baseline = result.scenario.settings.baseline_fen or 0
        if std.basis == BandBasis.UNIT_AVERAGE:
            return (f"金额 = 单位年人均绩效工资（基准线 {format_yuan(baseline)} 元 × 各项档位之和）"
                    f"× 倍数（{std.low}%–{std.high}%）× 人数 × 在岗月数 ÷ 12")
        return (f"金额 = 绩效工资基准线 {format_yuan(baseline)} 元/人·年 × 人数 × 选定档位"
                f"（{std.low}%–{std.high}%）；人数按在岗人·月数 ÷ 12 折算")
    value = result.values[std.id]
    if value.amount is None:
        return "由用户填报标准值后按 标准 × 数量 × 月数 计算"
    rate = f"{format_yuan(yuan_to_fen(value.amount))} {std.unit}" if isinstance(std, UnitRate) else f"填报标准 {std.unit}"
    q = std.quantity_unit or "数量"
    if std.per == Per.ONCE:
        return f"金额 = {rate} × {q}数"
    if std.per == Per.MONTH:
        return f"金额 = {rate} × {q}数 × 月数"
    return f"金额 = {rate} × {q}数 × 月数 ÷ 12"


def _standard_note(result: Result, std: MoneyStandard, amount_fen: int) -> str:
    condition = std.eligibility if isinstance(std, RateRule) else std.headcount
    text = [f"依据{citation(result.profile, std.clause)}：{std.summary}", f"测算公式：{_formula_words(result, std)}。"]
    described = describe_eligibility(condition)
    if described:
        text.append(f"计列条件：{described}。")
    if std.note:
        text.append(f"执行口径：{std.note}")
    value = result.values[std.id]
    if value.source == ValueSource.MINIMUM:
        text.append("文件规定为“不低于”标准，按下限计列。")
    if value.overridden:
        text.append(override_remark(result, std) + "。")
    if std.draws_on:
        fund = result.standard(std.draws_on).label
        text.append(f"所需资金从{fund}中解决：在汇总表中列为该经费的“其中”项，不另计入合计。")
    text.append(f"本年度测算金额 {format_yuan(amount_fen)} 元。")
    return "".join(t if t.endswith(("。", "；", "：")) else t + "。" for t in text)


def budget_notes(result: Result, unit: Unit, data_date: DataDate, notices: Sequence[Problem]) -> tuple[Note, ...]:
    profile = result.profile
    period = profile.effective
    until = f"至{period.end}" if period.end else "起"
    issued = f"，{profile.issued}印发" if profile.issued else ""
    trial = f"（试行期至{profile.trial_end}，文件规定期满如无变化继续执行）" if profile.trial_end else ""
    basis = Note("一、编制依据", (
        f"政策标准：{profile.name} {document(profile)}，{profile.issuer}{issued}，施行期 {period.start}{until}{trial}。",
        f"预算年度：{result.year}年1月至12月。",
        data_date.describe() + "。",
    ))
    sums = result.by_standard()
    stds = [s for s in profile.money_standards if s.id in sums]
    methods = Note("二、各项目测算方法", tuple(
        f"（{chinese_ordinal(i)}）{std.label}。{_standard_note(result, std, sums[std.id])}"
        for i, std in enumerate(stds, start=1)))
    rules = ["月数按整月计算：起止月份均计入（到岗、启用、离岗、停用、退休当月均按整月计），不按日折算。"]
    qualifying = [s for s in stds if isinstance(s, RateRule) and s.eligibility.qualifying_from]
    if qualifying:
        names = "、".join(s.label for s in qualifying)
        rules.append(f"满12个月的规定（{names}）：自相应日期起满12个月后计发；日期为当月1日的，自满12个月的当月起计，"
                     "其他日期自其次月起计；日期空白的，按预算年度前已满12个月计（明细中注明）。")
    rules.append("金额按每一明细行四舍五入计至分；各项目、各类别、各镇街小计及合计均为明细行金额之和，不另行四舍五入。")
    if profile.draws():
        rules.append("文件规定“从……经费中解决”的项目，在汇总表中列为该经费的“其中”项，不另计入合计；"
                     "其合计超过该经费的部分作为“缺口”单独列示并计入合计。")
    if unit == "wan":
        rules.append(f"汇总表及明细表以万元为单位，每个数按元数四舍五入保留两位小数；小计、合计为精确数四舍五入，"
                     f"与所列各数之和不等时，差额列为“{ROUNDING_LABEL}”行。逐行明细表、绩效工资档位测算表以元为单位。")
    if unit == "whole":
        rules.append(f"汇总表及明细表以整元为单位，每个数按分数四舍五入取整到元；小计、合计为精确数取整，"
                     f"与所列各数之和不等时，差额列为“{ROUNDING_LABEL}”行。逐行明细表、绩效工资档位测算表到分。")
    if (result.lines["kind"] == "band").any():
        rules.append("绩效工资选定档位取自输入工作簿“参数”表（未填写的按文件规定的默认档位），"
                     "另按档位下限、上限测算金额供比较；合计按选定档位计列。")
    if result.to_enter:
        names = "、".join(result.standard(s).label for s in result.to_enter)
        rules.append(f"文件规定予以保障但未定额的项目，本方案尚未填报，未计列金额：{names}（可在“标准调整”表填报）。")
    missed = len(result.not_counted())
    if missed:
        rules.append(f"各标准涉及但本年度未计入或未全年计入的 {missed:,} 行及其原因，见“未计入及部分计入明细表”。")
    decisions = Note("三、测算口径", tuple(f"{i}. {r}" for i, r in enumerate(rules, start=1)))
    notes = [basis, methods, decisions]
    if notices:
        notes.append(Note("四、数据提示", tuple(w.format() for w in notices)))
    return tuple(notes)
