"""The budget sheet's detail tables: by town and facility, every line, the bands, the rows not counted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from budgetcalc.base.ordering import ordered
from budgetcalc.compute.result import NO_TOWN, Result
from budgetcalc.compute.traces import LineKind
from budgetcalc.report.explain import formulas
from budgetcalc.report.not_counted import not_counted_messages
from budgetcalc.report.words import citation, describe_eligibility
from budgetcalc.rules.kinds import Band, MoneyStandard, RateRule
from budgetcalc.sheets.layout import (
    BAND_SHEET,
    LINE_SHEET,
    NOT_COUNTED_SHEET,
    TOWN_SHEET,
    Column,
    Row,
    RowStyle,
    Table,
    Unit,
    cents,
    chinese_ordinal,
    column_number,
    make_row,
    numbered,
    span_of,
)
from budgetcalc.sheets.rows import (
    baseline_band_ids,
    cents_column,
    ints_or_none,
    money_standards,
    person_months,
    rounding_note,
    rounding_rows,
    text,
)

MAX_NOT_COUNTED_ROWS = 2_000


# ------------------------------------------------------------------ 表二 按镇街、机构


_TOWN_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("town", "镇街", width=14),
    Column("code", "机构编码", width=12),
    Column("facility", "机构名称", width=24),
    Column("item", "项目", width=26),
    Column("quantity", "数量", "count", 8),
    Column("months", "月数", "count", 8),
    Column("amount", "金额", "money", 15),
))


def town_order(result: Result, towns: Iterable[str]) -> list[str]:
    """``towns`` in the scenario's order (as the 机构 sheet lists them, or by pinyin), the unnamed last."""
    found = set(towns)
    return [t for t in ordered([*result.scenario.towns(), *found], last=(NO_TOWN,)) if t in found]


def town_table(result: Result, unit: Unit) -> Table:
    cols = _TOWN_COLUMNS
    lines = result.lines[result.lines["in_total"].to_numpy(dtype=bool)]
    order = {s.id: i for i, s in enumerate(result.profile.standards)}
    towns = lines["town"].fillna("").replace("", NO_TOWN)
    baseline = lines["standard_id"].isin(baseline_band_ids(result))
    facility_rank = {c: i for i, c in enumerate(result.scenario.facility_codes())}
    frame = lines.assign(
        town=towns, pm=person_months(lines, baseline_band_ids(result)), order=lines["standard_id"].map(order),
        qty=lines["quantity"].astype("Float64").mask(baseline | (lines["line_kind"] != "standard")),
        facility_code=lines["facility_code"].replace("", "（整体计列）"),
        facility_rank=lines["facility_code"].map(facility_rank).fillna(len(facility_rank)))
    town_rank = {t: i for i, t in enumerate(town_order(result, frame["town"]))}
    frame = frame.assign(town_rank=frame["town"].map(town_rank))
    grouped = (frame.groupby(["town_rank", "town", "facility_rank", "facility_code", "facility_name", "order", "label"],
                             sort=True)[["qty", "pm", "amount_fen"]].sum(min_count=1).reset_index())
    fens = grouped["amount_fen"].astype("int64")
    items = pd.DataFrame({
        "no": pd.RangeIndex(1, len(grouped) + 1).astype(str), "town": grouped["town"],
        "code": grouped["facility_code"], "facility": grouped["facility_name"], "item": grouped["label"],
        "quantity": ints_or_none(grouped["qty"]), "months": ints_or_none(grouped["pm"]),
        "amount": cents_column(fens, unit)})
    records = list(items.itertuples(index=False, name=None))
    rows: list[Row] = []
    town_fens: list[int] = []
    start = 0
    sizes = grouped.groupby(["town_rank", "town"], sort=True).size()
    for n, ((_rank, town_name), size) in enumerate(zip(sizes.index, sizes.to_numpy(), strict=True), start=1):
        block = fens.iloc[start:start + size].tolist()
        town_fens.append(sum(block))
        rows.append(make_row(cols, "group", span_of(cols, "town", "months"), no=chinese_ordinal(n),
                             town=f"{town_name}（小计）", amount=cents(sum(block), unit)))
        rows.extend(Row(r) for r in records[start:start + size])
        rows.extend(rounding_rows(cols, block, unit))
        start += size
    rows.extend(rounding_rows(cols, town_fens, unit))
    rows.append(make_row(cols, "total", span_of(cols, "town", "months"), town="合计",
                         amount=cents(result.total_fen, unit)))
    draws = "；从运行保障经费中列支的项目不另列（见表一“其中”行与表三）" if result.profile.draws() else ""
    note = (f"{column_number(cols, 'months')}为数量×月数之和（人·月、车·月等）；"
            "一次性奖励及按核定人数计算的绩效工资不列月数；镇街小计为所属明细行金额之和" + draws + rounding_note(unit))
    return Table(TOWN_SHEET, "表二　测算明细表（按镇街、机构）", unit, cols, tuple(rows), note)


# ------------------------------------------------------------------ 表三 逐行明细


_LINE_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("town", "镇街", width=10),
    Column("facility", "机构", width=22),
    Column("person", "姓名", width=10),
    Column("source", "数据来源", width=13),
    Column("quantity", "数量", "count", 6),
    Column("period", "起止月份", width=18),
    Column("months", "月数", "count", 6),
    Column("amount", "金额", "money", 14),
    Column("codes", "功能科目/经济科目", width=16),
    Column("formula", "计算过程", width=50),
))


def _source(lines: pd.DataFrame) -> pd.Series:
    return (lines["sheet"] + "表第" + lines["row"].astype(str) + "行").where(
        (lines["sheet"] != "") & (lines["row"] > 0), "（整体计列）")


def _period(lines: pd.DataFrame) -> pd.Series:
    from budgetcalc.compute.months import month_labels

    valid = (lines["first_month"] > 0).to_numpy()
    first = pd.Series("", index=lines.index, dtype=object)
    last = pd.Series("", index=lines.index, dtype=object)
    if valid.any():
        first[valid] = month_labels(lines.loc[valid, "first_month"].to_numpy(dtype="int64"))
        last[valid] = month_labels(lines.loc[valid, "last_month"].to_numpy(dtype="int64"))
    once = lines["per"] == "once"
    period = (first + " 至 " + last).where(~once, first + "（一次性）")
    return period.where(valid & (lines["line_kind"] == "standard").to_numpy(), "")


def line_table(result: Result) -> Table:
    """Every budget line, so each figure of the summary can be traced to an input row."""
    cols = _LINE_COLUMNS
    lines = result.in_order(result.lines).reset_index(drop=True)
    code, name = text(lines["facility_code"]), text(lines["facility_name"])
    once = lines["per"] == "once"
    baseline = lines["standard_id"].isin(baseline_band_ids(result)) | (lines["line_kind"] != "standard")
    table = pd.DataFrame({
        "town": text(lines["town"]),
        "facility": (code + " " + name).str.strip(),
        "person": text(lines["person"]),
        "source": _source(lines),
        "quantity": lines["quantity"].astype(object).where(~baseline, None),
        "period": _period(lines),
        "months": lines["months"].astype(object).where(~(once | baseline), None),
        "amount": lines["amount_fen"].astype(object),
        "codes": (text(lines["function_code"]) + "/" + text(lines["gov_economic_code"]) + "/"
                  + text(lines["dept_economic_code"])).where(lines["function_code"] != "", ""),
        "formula": formulas(result, lines) if len(lines) else pd.Series([], dtype=object),
    })
    rows: list[Row] = []
    item_no = 0
    kinds = lines["line_kind"].to_numpy()
    ids = lines["standard_id"].to_numpy()
    blocks: list[tuple[str, Any, RowStyle]] = []
    for std in money_standards(result):
        style: RowStyle = "part" if std.draws_on else "item"
        blocks.append((_line_head(result, std), (ids == std.id) & (kinds == LineKind.STANDARD.value), style))
        shortfall = (ids == std.id) & (kinds == LineKind.SHORTFALL.value)
        if shortfall.any():
            blocks.append((f"{std.label}缺口（计入合计）", shortfall, "item"))
    for n, (head, hit, style) in enumerate(blocks, start=1):
        block = table[hit]
        rows.append(make_row(cols, "group", span_of(cols, "town", "months"),
                             town=f"（{chinese_ordinal(n)}）{head}", amount=int(lines.loc[hit, "amount_fen"].sum())))
        numbers = [str(i) for i in range(item_no + 1, item_no + len(block) + 1)]
        item_no += len(block)
        rows.extend(Row((no, *cells), style) for no, cells in zip(numbers, block.itertuples(index=False, name=None),
                                                                   strict=True))
    rows.append(make_row(cols, "total", span_of(cols, "town", "months"), town="合计", amount=result.total_fen))
    note = ("数量、月数、金额取自每一明细行；金额按行四舍五入到分；“数据来源”为输入工作簿的工作表及行号；"
            "科目列为支出功能分类/政府预算经济分类/部门预算经济分类编码")
    if result.profile.draws():
        note += "；从运行保障经费中列支的项目单列，其金额不计入合计"
    return Table(LINE_SHEET, "表三　逐行明细表", "yuan", cols, tuple(rows), note)


def _line_head(result: Result, std: MoneyStandard) -> str:
    head = f"{std.label}　依据：{citation(result.profile, std.clause)}"
    condition = std.eligibility if isinstance(std, RateRule) else std.headcount
    described = describe_eligibility(condition)
    if described:
        head += f"　条件：{described}"
    if std.draws_on:
        head += f"　（从{result.standard(std.draws_on).label}中列支，不计入合计）"
    return head


# ------------------------------------------------------------------ 表四 绩效工资档位


_BAND_COLUMNS = (
    Column("no", "序号", width=6),
    Column("facility", "机构", width=20),
    Column("person", "人员", width=10),
    Column("band", "档位区间", width=12),
    Column("point", "选定档位", width=9),
    Column("basis", "档位依据", width=14),
    Column("low", "按下限金额", "money", 15),
    Column("amount", "按选定档位金额", "money", 15),
    Column("high", "按上限金额", "money", 15),
)
_APPROVED = Column("approved", "核定总量（财政保障前）", "money", 17)
_FORMULA = Column("formula", "计算过程", width=56)
_POINT_BASIS = {"setting": "参数表", "default": "默认（下限）", "override": "标准调整"}


def _point_basis(result: Result, block: pd.DataFrame) -> pd.Series:
    """Why a unit has its point: the 参数 sheet, its 考核等次, its own 标准调整 row, the default."""
    own = block["value_source"].map(_POINT_BASIS).fillna("").astype(object)
    units = {(str(v.standard.id), e.facility_code) for v in result.values.overridden for e in v.entries}
    unit_row = (block["value_source"] == "override") & pd.Series(
        [(sid, code) in units for sid, code in zip(block["standard_id"], block["facility_code"], strict=True)],
        index=block.index)
    own[unit_row] = "本单位调整"
    graded = block["value_source"] == "grade"
    if graded.any():
        grades = result.scenario.facilities.drop_duplicates("code").set_index("code")["grade"]
        own[graded] = "考核等次 " + block["facility_code"][graded].map(grades).fillna("").astype(str)
    return own


def band_table(result: Result) -> Table:
    lines = result.in_order(result.lines).reset_index(drop=True)
    shared = bool((lines["share"] != "").any())
    cols = numbered((*_BAND_COLUMNS, *((_APPROVED,) if shared else ()), _FORMULA))
    texts = formulas(result, lines)
    rows: list[Row] = []
    item_no = 0
    bands = [s for s in money_standards(result) if isinstance(s, Band)]
    for n, std in enumerate(bands, start=1):
        hit = (lines["standard_id"] == std.id).to_numpy()
        block = lines[hit]
        totals = {"low": int(block["low_fen"].sum()), "amount": int(block["amount_fen"].sum()),
                  "high": int(block["high_fen"].sum())} | ({"approved": int(block["approved_fen"].sum())} if shared
                                                           else {})
        rows.append(make_row(
            cols, "group", span_of(cols, "facility", "basis"),
            facility=(f"（{chinese_ordinal(n)}）{std.label}　档位 {std.low}%–{std.high}%"
                      f"　依据：{citation(result.profile, std.clause)}"), **totals))
        items = pd.DataFrame({
            "no": pd.RangeIndex(item_no + 1, item_no + len(block) + 1).astype(str),
            "facility": (text(block["facility_code"]) + " " + text(block["facility_name"])).str.strip(),
            "person": text(block["person"]), "band": f"{std.low}%–{std.high}%", "point": text(block["point"]) + "%",
            "basis": _point_basis(result, block) if len(block) else pd.Series([], dtype=object),
            "low": block["low_fen"].astype(object), "amount": block["amount_fen"].astype(object),
            "high": block["high_fen"].astype(object),
            **({"approved": block["approved_fen"].astype(object)} if shared else {}), "formula": texts[hit]})
        item_no += len(block)
        rows.extend(Row(r) for r in items.itertuples(index=False, name=None))
    band_lines = lines[lines["kind"] == "band"]
    rows.append(make_row(cols, "total", span_of(cols, "facility", "basis"), facility="合计",
                         low=int(band_lines["low_fen"].sum()), amount=int(band_lines["amount_fen"].sum()),
                         high=int(band_lines["high_fen"].sum()),
                         **({"approved": int(band_lines["approved_fen"].sum())} if shared else {})))
    note = ("同一人数按文件规定档位的下限、选定档位、上限分别测算，供比较；"
            "测算汇总表按选定档位计列；主要负责人年薪不计入单位绩效工资总量")
    if shared:
        share = "、".join(sorted(set(band_lines["share"]) - {""}))
        note += (f"；绩效工资总量为核定上限，由财政补助和单位收入共同负担，本表各金额按财政保障 {share}% 计列，"
                 "“核定总量”列为财政保障前的核定额")
    return Table(BAND_SHEET, "表四　绩效工资档位测算表", "yuan", cols, tuple(rows), note)


# ------------------------------------------------------------------ 表五 未计入、部分计入


_NOT_COUNTED_COLUMNS = numbered((
    Column("no", "序号", width=6),
    Column("item", "项目", width=22),
    Column("source", "数据来源", width=13),
    Column("facility", "机构", width=20),
    Column("person", "姓名", width=10),
    Column("months", "计入月数", "count", 8),
    Column("amount", "计入金额", "money", 14),
    Column("reason", "原因", width=56),
))


def not_counted_table(result: Result) -> Table:
    """Every row a standard addresses that got less than its months in force, or nothing, and why."""
    cols = _NOT_COUNTED_COLUMNS
    frame = result.not_counted().reset_index(drop=True)
    total = len(frame)
    frame = frame.head(MAX_NOT_COUNTED_ROWS)
    items = pd.DataFrame({
        "no": pd.RangeIndex(1, len(frame) + 1).astype(str), "item": text(frame["label"]),
        "source": _source(frame),
        "facility": (text(frame["facility_code"]) + " " + text(frame["facility_name"])).str.strip(),
        "person": text(frame["person"]), "months": frame["months"].astype(object),
        "amount": frame["amount_fen"].astype(object), "reason": not_counted_messages(result, frame)})
    rows = [Row(r) for r in items.itertuples(index=False, name=None)]
    note = "列出各标准涉及但本年度未计入或未全年计入的行及原因；计入部分已含在表一至表三中"
    if total > len(frame):
        note += f"；共 {total:,} 行，此处列出前 {len(frame):,} 行，其余见 compute --json 的 not_counted"
    return Table(NOT_COUNTED_SHEET, "表五　未计入及部分计入明细表", "yuan", cols, tuple(rows), note)
