"""项目支出绩效目标: each project's output indicators from the computation, effects from the profile's
targets, satisfaction and anything else from the officer's 绩效目标 sheet.

A project is a standard, or the standards the officer names together on the 绩效目标 sheet.
Its 产出指标 are what the computation knows: how many units it pays (数量), that every one
meets the document's conditions (质量), when the money is paid (时效, from the cash plan) and
the rate itself (成本). Its 效益指标 are the profile's targets in the same section of the
document (a target in 二(三) goes with the standards of 二(三)); the officer adds the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetcalc.base.money import format_yuan, yuan_to_fen
from budgetcalc.compute.result import Result
from budgetcalc.rules.kinds import Band, MoneyStandard, RateRule, StandardId, Target


@dataclass(frozen=True)
class Indicator:
    level1: str      # 产出指标 / 效益指标 / 满意度指标
    level2: str      # 数量指标 / 质量指标 / 时效指标 / 成本指标 / 社会效益指标 / 服务对象满意度指标 …
    name: str
    value: str
    basis: str = ""  # where it comes from: the computation, a clause, the officer


@dataclass(frozen=True)
class Project:
    name: str
    standard_ids: tuple[StandardId, ...]
    amount_fen: int
    by_fund: tuple[tuple[str, int], ...]
    goal: str
    indicators: tuple[Indicator, ...]


def _section(clause: str) -> str:
    """二(三)10 → 二(三); 附件第十一条 → 附件第十一条; the part that names the document's section."""
    found = re.match(r"^(?:正文)?([一二三四五六七八九十]+(?:\([一二三四五六七八九十]+\))?)", clause)
    return found.group(1) if found else clause


def _rate_words(result: Result, std: MoneyStandard) -> str:
    value = result.values[std.id]
    if isinstance(std, Band):
        baseline = result.scenario.settings.baseline_fen or 0
        return f"基准线 {format_yuan(baseline)} 元/人·年 × {value.amount}%（档位 {std.low}%–{std.high}%）"
    assert isinstance(std, RateRule)
    unit = f"元/{std.quantity_unit}·{'年' if std.per.value == 'year' else '月' if std.per.value == 'month' else '次'}"
    if value.entries:
        rates = sorted({e.value for e in value.entries})
        return "、".join(f"{format_yuan(yuan_to_fen(r))} {unit}" for r in rates)
    return f"{format_yuan(yuan_to_fen(value.amount))} {unit}" if value.amount is not None else "未填报"


def _quantity(result: Result, std: MoneyStandard) -> tuple[int, str]:
    own = result.lines[(result.lines["standard_id"] == std.id) & (result.lines["line_kind"] == "standard")]
    if isinstance(std, Band):
        return int(own["unit_q"].sum() // 12 if std.basis.value == "unit_baseline" else own["quantity"].sum()), "人"
    assert isinstance(std, RateRule)
    return int(own["quantity"].sum()), std.quantity_unit


def _targets_for(result: Result, stds: list[MoneyStandard]) -> list[Indicator]:
    sections = {_section(s.clause) for s in stds}
    rows = {row.standard_id: row for row in result.tables.get("targets", ())}
    out = []
    for target in result.profile.of_kind(Target):
        if _section(target.clause) not in sections:
            continue
        row = rows.get(target.id)
        now = "" if row is None or row.actual is None else f"（现状 {row.actual}）"
        when = f"到{target.deadline}年" if target.deadline else ""
        out.append(Indicator("效益指标", "社会效益指标", target.label, f"{when}{target.goal}{now}",
                             f"{target.clause}"))
    return out


def projects(result: Result) -> tuple[Project, ...]:
    """The scenario's projects: the officer's groups first, then each other standard with money."""
    entered = result.scenario.projects
    named: dict[str, list[StandardId]] = {}
    extra: dict[str, list[Indicator]] = {}
    goals: dict[str, str] = {}
    for row in entered:
        named.setdefault(row.project, [])
        if row.standard_id and row.standard_id not in named[row.project]:
            named[row.project].append(row.standard_id)
        if row.indicator:
            extra.setdefault(row.project, []).append(Indicator(row.level1 or "满意度指标", row.level2 or "服务对象满意度指标",
                                                               row.indicator, row.value, "用户填报"))
        if row.goal:
            goals[row.project] = row.goal
    sums = result.by_standard()
    grouped = {sid for ids in named.values() for sid in ids}
    for std in result.profile.money_standards:
        if std.id not in grouped and sums.get(std.id, 0) and std.draws_on is None:
            named[std.label] = [std.id]
    out = []
    lines = result.lines[result.lines["in_total"].to_numpy(dtype=bool)]
    for name, ids in named.items():
        stds = [result.money_standard(i) for i in ids]
        mine = lines[lines["standard_id"].isin(ids)]
        amount = int(mine["amount_fen"].sum())
        by_fund = tuple((str(k), int(v)) for k, v in mine.groupby("fund_type", sort=False)["amount_fen"].sum().items())
        indicators = [*_outputs(result, stds), *_targets_for(result, stds), *extra.get(name, [])]
        if not any(i.level1 == "满意度指标" for i in indicators):
            indicators.append(Indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "（请填报）", "用户填报"))
        goal = goals.get(name) or _goal(result, stds, amount)
        out.append(Project(name, tuple(ids), amount, by_fund, goal, tuple(indicators)))
    return tuple(out)


def _outputs(result: Result, stds: list[MoneyStandard]) -> list[Indicator]:
    out: list[Indicator] = []
    how = "按季度拨付，季末月拨付到位" if result.scenario.settings.quarterly_cash else "按月拨付到位"
    for std in stds:
        count, unit = _quantity(result, std)
        basis = f"{result.profile.document_number} {std.clause}".strip()
        out.append(Indicator("产出指标", "数量指标", f"{std.label}补助对象数", f"{count:,} {unit}", "测算"))
        out.append(Indicator("产出指标", "质量指标", "补助对象符合文件规定条件的比例", "100%", basis))
        out.append(Indicator("产出指标", "时效指标", "资金拨付时限", how if not _once(std) else "在发放条件满足的当月拨付",
                             "分月用款计划"))
        out.append(Indicator("产出指标", "成本指标", f"{std.label}补助标准", _rate_words(result, std), basis))
    return out


def _once(std: MoneyStandard) -> bool:
    return isinstance(std, RateRule) and std.per.value == "once"


def _goal(result: Result, stds: list[MoneyStandard], amount: int) -> str:
    labels = "、".join(s.label for s in stds)
    return (f"按{result.profile.name}{result.profile.document_number}规定的标准，{result.year}年安排{labels}"
            f" {format_yuan(amount)} 元，足额保障补助对象，资金按时拨付到位。")
