"""The tables a bureau files beside the 测算表: 科目汇总, 资金来源, 分单位测算, 分月用款计划.

Every figure is a sum of the core's rounded lines (or of their exact level and month
parts), so each table adds up to the same 合计 as the summary; in 万元 or whole 元 the
difference of rounding is its own 尾差 row.
"""

from __future__ import annotations

from budgetcalc.compute.classify import OWN_LEVEL
from budgetcalc.compute.result import Result
from budgetcalc.compute.traces import LineKind
from budgetcalc.rules import vocab
from budgetcalc.rules.subjects import subject_name
from budgetcalc.sheets.layout import (
    ROUNDING_LABEL,
    Column,
    Row,
    Table,
    Unit,
    cents,
    chinese_ordinal,
    make_row,
    numbered,
    rounding_difference,
    span_of,
)
from budgetcalc.sheets.rows import money_standards, rounding_note, rounding_rows

CODES_SHEET, PAYERS_SHEET, UNITS_SHEET, CASH_SHEET = "科目汇总", "资金来源", "分单位", "分月用款"


def _rounding(cols: tuple[Column, ...], parts: list[dict[str, int]], unit: Unit, label_key: str) -> list[Row]:
    """One 尾差 row for every money column whose rounded parts do not add up to its rounded sum."""
    keys = [c.key for c in cols if c.kind == "money"]
    diffs = {k: rounding_difference([p.get(k, 0) for p in parts], unit) for k in keys}
    if not any(diffs.values()):
        return []
    return [make_row(cols, "rounding", **{label_key: ROUNDING_LABEL}, **{k: d or None for k, d in diffs.items()})]

_CODE_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("code", "科目编码", width=12),
    Column("name", "科目名称", width=30),
    Column("amount", "金额", "money", 16),
    Column("share", "占合计", width=10),
))


def _share(fen: int, total: int) -> str:
    return f"{fen * 100 / total:.2f}%" if total else ""


def codes_table(result: Result, unit: Unit) -> Table:
    """按支出功能分类、政府预算经济分类、部门预算经济分类 (code, name, amount)."""
    cols = _CODE_COLUMNS
    total = result.total_fen
    rows: list[Row] = []
    for n, (title, kind, sums) in enumerate((
            ("支出功能分类科目", "function", result.by_function()),
            ("政府预算支出经济分类科目", "gov_economic", result.by_gov_economic()),
            ("部门预算支出经济分类科目", "dept_economic", result.by_dept_economic())), start=1):
        rows.append(make_row(cols, "group", span_of(cols, "code", "name"), no=chinese_ordinal(n), code=title,
                             amount=cents(sum(sums.values()), unit)))
        for i, (code, fen) in enumerate(sorted(sums.items()), start=1):
            rows.append(make_row(cols, no=str(i), code=code or "（未设）", name=subject_name(kind, code),
                                 amount=cents(fen, unit), share=_share(fen, total)))
        rows.extend(rounding_rows(cols, sums.values(), unit))
    note = ("各科目金额为该科目下各明细行金额之和，三种分类各自合计均等于测算合计；科目取自政策标准的科目设置"
            "（按机构类型、资金类别，个别项目另行指定），可在标准库中修改" + rounding_note(unit))
    return Table(CODES_SHEET, "表八　预算科目汇总表", unit, cols, tuple(rows), note)


_PAYER_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("fund", "资金性质", width=18),
    *(Column(f"level_{i}", level, "money", 15) for i, level in enumerate(vocab.LEVELS)),
    Column("amount", "合计", "money", 16),
))


def payers_table(result: Result, unit: Unit) -> Table:
    """资金来源 by fund type and government level."""
    cols = _PAYER_COLUMNS
    by_fund = result.by_fund_level()
    rows: list[Row] = []
    fens: list[dict[str, int]] = []
    for i, (fund, levels) in enumerate(by_fund.items(), start=1):
        fens.append({"amount": sum(levels.values()), **{f"level_{j}": levels[lv] for j, lv in enumerate(vocab.LEVELS)}})
        rows.append(make_row(cols, no=str(i), fund=fund, amount=cents(sum(levels.values()), unit),
                             **{f"level_{j}": cents(levels[lv], unit) or None for j, lv in enumerate(vocab.LEVELS)}))
    rows.extend(_rounding(cols, fens, unit, "fund"))
    totals = {lv: sum(levels[lv] for levels in by_fund.values()) for lv in vocab.LEVELS}
    rows.append(make_row(cols, "total", fund="合计", amount=cents(result.total_fen, unit),
                         **{f"level_{j}": cents(totals[lv], unit) or None for j, lv in enumerate(vocab.LEVELS)}))
    words = "；".join(f"{std.label}：{std.funding_source}" for std in money_standards(result)
                     if std.funding_source and std.funding_source != result.profile.payer.words())
    note = ("各级分担金额按各项目的分担比例逐行计算到分（余数按最大余数分配），合计等于测算合计；分担比例取自政策标准，"
            "本方案“资金分担”表另有规定的从其规定" + (f"；文件表述：{words}" if words else ""))
    return Table(PAYERS_SHEET, "表九　资金来源表（按资金性质和级次）", unit, cols, tuple(rows), note)


_UNIT_COLUMNS_HEAD = (Column("no", "序号", width=6), Column("code", "预算单位编码", width=14),
                      Column("name", "预算单位", width=24))


def units_table(result: Result, unit: Unit) -> Table:
    """分单位测算表: each budget unit's amount by category; the units add up to the total exactly."""
    counted = result.lines[result.lines["in_total"].to_numpy(dtype=bool)]
    categories = list(dict.fromkeys(counted["category"].fillna("其他").replace("", "其他")))
    cols = numbered((*_UNIT_COLUMNS_HEAD, *(Column(f"c{i}", c, "money", 15) for i, c in enumerate(categories)),
                     Column("amount", "合计", "money", 16)))
    table = counted.assign(category=counted["category"].fillna("其他").replace("", "其他")).pivot_table(
        index="budget_unit", columns="category", values="amount_fen", aggfunc="sum", fill_value=0, sort=False)
    facilities = result.scenario.facilities.drop_duplicates("code")
    names = dict(zip(facilities["code"].tolist(), facilities["name"].tolist(), strict=True))
    listed = {code: i for i, code in enumerate(result.scenario.facility_codes())}
    order = sorted(table.index, key=lambda u: listed.get(u, len(listed)))   # the others after, as they came
    # one array for every unit (a province has thousands of them): no pandas call per unit
    fen_rows = table.reindex(index=order, columns=categories, fill_value=0).to_numpy(dtype="int64").tolist()
    rows: list[Row] = []
    parts: list[dict[str, int]] = []
    for i, (code, fens) in enumerate(zip(order, fen_rows, strict=True), start=1):
        amount = sum(fens)
        parts.append({"amount": amount, **{f"c{j}": v for j, v in enumerate(fens)}})
        name = "未落实到单位的项目（本级统筹分配）" if code == OWN_LEVEL else str(names.get(code, "") or "")
        rows.append(make_row(cols, no=str(i), code="" if code == OWN_LEVEL else str(code), name=name,
                             amount=cents(amount, unit),
                             **{f"c{j}": cents(v, unit) or None for j, v in enumerate(fens)}))
    rows.extend(_rounding(cols, parts, unit, "name"))
    rows.append(make_row(cols, "total", span_of(cols, "code", "name"), code="合计",
                         amount=cents(result.total_fen, unit),
                         **{f"c{j}": cents(int(table[c].sum()), unit) for j, c in enumerate(categories)}))
    orphans = _integrated_without_unit(result)
    note = ("预算单位：一体化管理的村卫生室、服务站等列入“机构”表“所属卫生院”所填的卫生院（中心），其他机构为其自身；"
            "未落实到机构的项目（如按总额填报的项目）列为本级统筹分配；各单位合计等于测算合计"
            + (f"；{orphans} 个一体化管理的机构未填所属卫生院，按其自身列示" if orphans else "") + rounding_note(unit))
    return Table(UNITS_SHEET, "表十　分单位测算表", unit, cols, tuple(rows), note)


def _integrated_without_unit(result: Result) -> int:
    fac = result.scenario.facilities
    centres = fac["type"].isin(("乡镇卫生院", "中心卫生院", "社区卫生服务中心")).to_numpy(dtype=bool)
    return int((fac["integrated"].to_numpy(dtype=bool) & fac["managing_unit"].isna().to_numpy(dtype=bool)
                & ~centres).sum())


_MONTHS = tuple(Column(f"m{m}", f"{m}月", "money", 12) for m in range(1, 13))


def cash_table(result: Result, unit: Unit) -> Table:
    """分月用款计划: per standard and month; each standard's months add up to its lines exactly."""
    rounded = unit != "yuan"   # months rounded one by one need not add up to the rounded row: 尾差 says by how much
    cols = numbered((Column("no", "序号", width=6), Column("item", "项目", width=24), *_MONTHS,
                     *((Column("row_rounding", ROUNDING_LABEL, "money", 10),) if rounded else ()),
                     Column("amount", "合计", "money", 15)))

    def months(by_month: dict[int, int], amount_fen: int, *, zeros: bool = False) -> dict[str, object]:
        cells: dict[str, object] = {f"m{m}": cents(by_month[m], unit) if zeros else cents(by_month[m], unit) or None
                                    for m in range(1, 13)}
        if rounded:
            cells["row_rounding"] = cents(amount_fen, unit) - sum(cents(by_month[m], unit) for m in range(1, 13)) or None
        return cells

    per_std = result.monthly_by_standard()
    funds = result.monthly_by_standard(LineKind.SHORTFALL).values()
    draws = result.profile.draws()
    rows: list[Row] = []
    number = 0
    shown = []   # the rows that add up to the total (not the 其中 rows)
    for std in money_standards(result):
        if std.id not in per_std:
            continue
        own = per_std[std.id]
        part = std.id in draws
        number += 0 if part else 1
        if not part:
            shown.append(own)
        rows.append(make_row(cols, "part" if part else "item", no="" if part else str(number),
                             item=f"其中：{std.label}" if part else std.label, amount=cents(sum(own.values()), unit),
                             **months(own, sum(own.values()))))
    gaps = {m: sum(fund[m] for fund in funds) for m in range(1, 13)}
    if sum(gaps.values()):
        shown.append(gaps)
        number += 1
        rows.append(make_row(cols, no=str(number), item="经费缺口", amount=cents(sum(gaps.values()), unit),
                             **months(gaps, sum(gaps.values()))))
    total = result.monthly()
    rows.extend(_rounding(cols, [{"amount": sum(r.values()), **{f"m{m}": r[m] for m in range(1, 13)}}
                                 for r in shown], unit, "item"))
    rows.append(make_row(cols, "total", item="合计", amount=cents(result.total_fen, unit),
                         **months(total, result.total_fen, zeros=True)))
    how = "按季（季末月拨付）" if result.scenario.settings.quarterly_cash else "按月平均"
    note = (f"按年、按月标准的补助在其计入月份内{how}拨付，一次性奖励列在发放当月；每项各月之和等于该项金额，"
            "各月合计等于测算合计；标“其中”的行从所属经费中列支，不另计入合计" + rounding_note(unit))
    return Table(CASH_SHEET, "表十一　分月用款计划表", unit, cols, tuple(rows), note)


def has_codes(result: Result) -> bool:
    return bool(len(result.lines)) and bool((result.lines["function_code"] != "").any())

