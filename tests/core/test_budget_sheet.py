"""The layout model of the printed 测算表: rows, subtotals, 尾差, notes — before any renderer."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import read_sheets
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.rules.values import Override
from budgetcalc.scenarios.opening import open_input
from budgetcalc.sheets.budget import build_sheet, data_date_of
from budgetcalc.sheets.layout import (
    ROUNDING_LABEL,
    BudgetSheet,
    Column,
    DataDate,
    Table,
    cell_text,
    cents,
    chinese_ordinal,
    rounding_difference,
)
from tests.builders import sheets
from tests.conftest import EXAMPLES

CASES = sorted(p.stem for p in EXAMPLES.glob("*.xlsx"))
TODAY = dt.date(2025, 11, 20)


def example(case: str, catalogue: Catalogue) -> Result:
    opened = open_input(EXAMPLES / f"{case}.xlsx", catalogue)
    assert opened.read.scenario is not None
    return compute(opened.read.scenario, opened.catalogue)


def sheet_of(result: Result, unit: str = "yuan") -> BudgetSheet:
    return build_sheet(result, unit, data_date=DataDate(TODAY), today=TODAY)  # type: ignore[arg-type]


def rounding_result(catalogue: Catalogue) -> Result:
    """Two standards whose 万元 figures each round up: 4.17 + 0.42 = 4.59, but the total 45,833.34 元 is 4.58 万元.

    Names are chosen as a spreadsheet would run them as formulas.
    """
    book = sheets(
        {"预算年度": 2025, "政策标准": "nanxun", "编制单位": "测试区财政局"},
        [{"机构编码": "V1", "机构名称": '=HYPERLINK("http://example.com","点此")', "机构类型": "移动医疗车",
          "新增": "是", "启用日期": dt.date(2025, 11, 1), "所属镇街": "甲镇"},
         {"机构编码": "C1", "机构名称": "+1", "机构类型": "村卫生室", "所属镇街": "甲镇"}],
        [{"机构编码": "C1", "姓名": "@张三", "编制类型": "在编", "驻村": "是",
          "到岗日期": dt.date(2020, 1, 1), "离岗日期": dt.date(2025, 2, 15)}])
    read = read_sheets(book, catalogue)
    assert read.scenario is not None, [p.format() for p in read.problems]
    return compute(read.scenario, catalogue,
                   overrides=[Override("nanxun.stationed_staff_subsidy", Decimal("25000"), "测试提标")])


def column(table: Table, key: str) -> int:
    return [c.key for c in table.columns].index(key)


def rows_of(table: Table, style: str) -> list[tuple[object, ...]]:
    return [r.cells for r in table.rows if r.style == style]


def total_row(table: Table) -> tuple[object, ...]:
    return next(r.cells for r in table.rows if r.style == "total")


# ------------------------------------------------------------------ figures


def test_cents_round_half_up_not_to_even() -> None:
    assert cents(123456, "yuan") == 123456
    assert cents(5000, "wan") == 1      # 50 元 = 0.005 万元 → 0.01
    assert cents(4999, "wan") == 0
    assert cents(25000, "wan") == 3     # 0.025 → 0.03 (banker's rounding would give 0.02)
    assert cents(54950000, "wan") == 5495


def test_rounding_difference_is_rounded_whole_minus_rounded_parts() -> None:
    assert rounding_difference([4166667, 416667], "wan") == 458 - (417 + 42)
    assert rounding_difference([4166667, 416667], "yuan") == 0


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九"),
                                         (100, "100")])
def test_chinese_ordinal(n: int, text: str) -> None:
    assert chinese_ordinal(n) == text


# ------------------------------------------------------------------ summary


@pytest.mark.parametrize("case", CASES)
def test_summary_has_every_standard_and_the_total_of_the_example(case: str, catalogue: Catalogue) -> None:
    expected = json.loads((EXAMPLES / f"{case}.expected.json").read_text("utf-8"))
    result = example(case, catalogue)
    table = sheet_of(result).tables[0]
    amount = column(table, "amount")
    items = {str(cells[column(table, "item")]).removesuffix("（调整）").removeprefix("其中："): cells[amount]
             for cells in rows_of(table, "item") + rows_of(table, "part")}
    for standard_id, fen in expected["by_standard"].items():
        assert items[result.standard(standard_id).label] == fen, standard_id
    assert total_row(table)[amount] == expected["total_fen"]
    words = rows_of(table, "words")[0][column(table, "item")]
    assert isinstance(words, str) and words.endswith(sheet_of(result).total_words)


def test_nanxun_total_in_words(catalogue: Catalogue) -> None:
    assert sheet_of(example("nanxun-2025", catalogue)).total_words == "伍拾肆万玖仟伍佰元整"


def test_summary_counts_quantity_and_unit_months_and_states_the_formula(catalogue: Catalogue) -> None:
    table = sheet_of(example("nanxun-2025", catalogue)).tables[0]
    vehicle = next(c for c in rows_of(table, "item") if c[column(table, "item")] == "移动医疗车运行保障")
    assert vehicle[column(table, "rate")] == 250_000_00          # 元/车·年, in fen
    assert vehicle[column(table, "quantity")] == 2               # two vehicles
    assert vehicle[column(table, "months")] == 12 + 6            # vehicle-months
    assert vehicle[column(table, "basis")] == "浔政办发〔2024〕25号 正文二(四)11及脚注7"
    assert [c.number for c in table.columns][:4] == ["(甲)", "(乙)", "(丙)", "(1)"]
    assert "(4)=(1)×(3)÷12" in table.formula_note and "(4)=(1)×(2)（一次性）" in table.formula_note
    reward = next(c for c in rows_of(table, "item") if c[column(table, "item")] == "基层在岗人员一次性奖励")
    assert reward[column(table, "months")] is None               # a one-off has no months


def test_categories_and_funding_sources_are_subtotalled(catalogue: Catalogue) -> None:
    table = sheet_of(example("nanxun-2025", catalogue)).tables[0]
    groups = {c[column(table, "item")]: c[column(table, "amount")] for c in rows_of(table, "group")}
    assert groups == {"机构运行保障": 37_500_000, "人员补助": 12_450_000, "奖励": 5_000_000}  # items not entered: not listed
    totals = {c[column(table, "item")]: c[column(table, "amount")] for c in rows_of(table, "total")}
    assert totals == {"合计": 54_950_000, "其中：区财政": 54_950_000}


def test_a_draw_on_a_fund_is_a_part_of_it_not_added_on_top(catalogue: Catalogue) -> None:
    """Wendeng's post subsidy is paid 从村卫生室运行保障经费中解决: 其中 under the fund, the total is the fund."""
    table = sheet_of(example("wendeng-2025", catalogue)).tables[0]
    item, amount = column(table, "item"), column(table, "amount")
    labels = [str(r.cells[item]) for r in table.rows if r.style in ("item", "part")]
    assert labels[:2] == ["一体化管理村卫生室运行保障经费", "其中：村卫生室岗位补贴"]
    part = rows_of(table, "part")[0]
    assert part[amount] == 1_800_000 and "不另计入合计" in str(part[column(table, "remark")])
    groups = {c[item]: c[amount] for c in rows_of(table, "group")}
    assert groups["机构运行保障"] == 30_000_000
    assert total_row(table)[amount] == 30_000_000
    assert "“其中”的行从上一行经费中列支" in table.formula_note


def test_overridden_standard_is_marked_with_its_reason(catalogue: Catalogue) -> None:
    table = sheet_of(example("wendeng-2025-raised", catalogue)).tables[0]
    clinic = next(c for c in rows_of(table, "item") if str(c[column(table, "item")]).startswith("一体化管理"))
    assert str(clinic[column(table, "item")]).endswith("（调整）")
    assert clinic[column(table, "remark")] == "标准调整：10,000.00→12,000.00（提标方案）"
    assert clinic[column(table, "rate")] == 12_000_00


def test_standard_nothing_qualified_for_is_listed_with_zero(catalogue: Catalogue) -> None:
    table = sheet_of(rounding_result(catalogue)).tables[0]
    gp = next(c for c in rows_of(table, "item") if c[column(table, "item")] == "全科医生岗位补助")
    assert gp[column(table, "amount")] == 0 and "无符合条件" in str(gp[column(table, "remark")])


# ------------------------------------------------------------------ 万元 and 尾差


def _adds_up(table: Table) -> None:
    """Each group's items (plus its 尾差) give the group; the groups (plus a 尾差) give 合计."""
    amount = column(table, "amount")
    groups: list[list[int]] = []  # [subtotal shown, parts shown so far]
    top = 0
    for row in table.rows:
        value = int(row.cells[amount] or 0)  # type: ignore[call-overload]
        if row.style == "group":
            groups.append([value, 0])
        elif row.style == "item" or (row.style == "rounding" and groups[-1][1] != groups[-1][0]):
            groups[-1][1] += value
        elif row.style == "rounding":
            top += value
        elif row.style == "total":
            assert all(shown == parts for shown, parts in groups)
            assert sum(shown for shown, _ in groups) + top == value
            return
    raise AssertionError("no 合计 row")


def test_wan_rounding_difference_is_shown_as_its_own_row(catalogue: Catalogue) -> None:
    result = rounding_result(catalogue)
    assert result.total_fen == 4_583_334
    table = sheet_of(result, "wan").tables[0]
    amount = column(table, "amount")
    items = [c[amount] for c in rows_of(table, "item")]
    assert items == [417, 42, 0, 0]                       # 4.17 + 0.42 万元; GP and reward: nothing qualifies
    assert total_row(table)[amount] == 458               # 45,833.34 元 → 4.58 万元
    rounding = rows_of(table, "rounding")
    assert [(c[column(table, "item")], c[amount]) for c in rounding] == [(ROUNDING_LABEL, -1)]
    assert sum(items) + sum(int(c[amount]) for c in rounding) == total_row(table)[amount]  # type: ignore[arg-type]
    assert table.unit_label == "单位：万元"
    assert cell_text(table.columns[amount], -1) == "-0.01"


def test_wan_town_table_reconciles_each_town(catalogue: Catalogue) -> None:
    table = sheet_of(rounding_result(catalogue), "wan").tables[1]
    amount = column(table, "amount")
    assert [r.style for r in table.rows] == ["group", "item", "item", "rounding", "total"]
    assert [r.cells[amount] for r in table.rows] == [458, 417, 42, -1, 458]  # facilities in the input's order


def test_no_rounding_row_in_yuan_nor_when_the_figures_add_up(catalogue: Catalogue) -> None:
    assert not rows_of(sheet_of(rounding_result(catalogue)).tables[0], "rounding")
    assert not rows_of(sheet_of(example("nanxun-2025", catalogue), "wan").tables[0], "rounding")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("unit", ["yuan", "wan"])
def test_every_table_adds_up_to_its_total(case: str, unit: str, catalogue: Catalogue) -> None:
    sheet = sheet_of(example(case, catalogue), unit)
    summary, towns, lines = sheet.tables[:3]
    for table in (summary, towns):
        _adds_up(table)
        assert total_row(table)[column(table, "amount")] == cents(sheet.total_fen, unit)  # type: ignore[arg-type]
    assert lines.unit == "yuan"  # the line detail always keeps the fen
    assert sum(c[column(lines, "amount")] for c in rows_of(lines, "item")) == sheet.total_fen  # type: ignore[misc]


# ------------------------------------------------------------------ details


def test_line_table_has_every_line_with_its_source_row(catalogue: Catalogue) -> None:
    result = example("nanxun-2025", catalogue)
    table = sheet_of(result).tables[2]
    items = rows_of(table, "item")
    assert len(items) == len(result.lines)
    source, period, months = column(table, "source"), column(table, "period"), column(table, "months")
    lines = result.lines
    assert {c[source] for c in items} == {f"{s}表第{r}行" for s, r in zip(lines["sheet"], lines["row"], strict=True)}
    reward = next(c for c in items if c[column(table, "person")] == "甲")
    assert reward[period] == "2025-06（一次性）" and reward[months] is None
    assert any(c[period] == "2025-10 至 2025-12" and c[months] == 3 for c in items)
    heads = [str(c[column(table, "town")]) for c in rows_of(table, "group")]
    assert heads[1].startswith("（二）在编人员驻村保障补助") and "自到岗日期起满1年" in heads[1]


def test_band_table_only_with_band_lines_and_gives_low_chosen_high(catalogue: Catalogue) -> None:
    assert [t.sheet for t in sheet_of(example("nanxun-2025", catalogue)).tables] == [
        "汇总", "明细", "逐行明细", "未计入", "人员配置", "政策目标", "科目汇总", "资金来源", "分单位", "分月用款"]
    result = example("xx-performance-2025", catalogue)
    table = sheet_of(result).tables[3]
    assert table.sheet == "绩效工资"
    low, amount, high = (column(table, k) for k in ("low", "amount", "high"))
    total = total_row(table)
    assert (total[low], total[amount], total[high]) == (
        result.total_low_fen, result.total_fen, result.total_high_fen)
    heads = [str(c[column(table, "facility")]) for c in rows_of(table, "group")]
    assert heads[0] == "（一）基层机构绩效工资总量　档位 100%–135%　依据：《XX区卫生人才强基工程实施方案》 二(四)10"


def test_band_rows_of_the_summary_show_the_effective_rate(catalogue: Catalogue) -> None:
    table = sheet_of(example("xx-performance-2025", catalogue)).tables[0]
    rates = {c[column(table, "item")]: c[column(table, "rate")] for c in rows_of(table, "item")}
    assert rates["基层机构绩效工资总量"] == 110_000_00    # baseline 100,000 × 110%
    assert rates["主要负责人绩效工资年薪"] == 234_000_00  # 130,000 × 180%


# ------------------------------------------------------------------ header, notes, sign-off


def test_header_names_year_profile_document_and_unit(catalogue: Catalogue) -> None:
    sheet = sheet_of(example("nanxun-2025", catalogue), "wan")
    assert sheet.title == "2025年度基层医疗卫生补助资金测算表"
    assert sheet.preparer == "编制单位（盖章）：湖州市南浔区财政局"
    assert [t.unit_label for t in sheet.tables] == ["单位：万元", "单位：万元", "单位：元", "单位：元", "单位：元",
                                                    "单位：元", "单位：万元", "单位：万元", "单位：万元", "单位：万元"]
    assert sheet.header_lines[0] == "预算年度：2025年"
    assert "浔政办发〔2024〕25号" in sheet.header_lines[1]
    assert sheet.sign_off == ("单位负责人：", "审核人：", "制表人：", "日期：2025年11月20日")


def test_notes_explain_each_standard_and_the_decisions(catalogue: Catalogue) -> None:
    result = example("nanxun-2025", catalogue)
    text = "\n".join(p for n in sheet_of(result).notes for p in (n.heading, *n.paragraphs))
    for std in result.profile.standards:
        if std.id in result.by_standard():
            assert std.summary in text and std.clause in text
    assert "金额 = 250,000.00 元/车·年 × 车数 × 月数 ÷ 12" in text
    assert "起止月份均计入" in text and "满12个月" in text and "四舍五入" in text
    assert "数据日期：2025年11月20日（导出当日" in text
    assert "尾差" not in text
    wendeng = "\n".join(p for n in sheet_of(example("wendeng-2025", catalogue), "wan").notes for p in n.paragraphs)
    assert "满12个月的规定" not in wendeng and ROUNDING_LABEL in wendeng


def test_data_date_is_the_input_files_modification_date(tmp_path: Path, catalogue: Catalogue) -> None:
    result = example("nanxun-2025", catalogue)
    copy = tmp_path / "输入.xlsx"
    copy.write_bytes((EXAMPLES / "nanxun-2025.xlsx").read_bytes())
    stamp = dt.datetime(2025, 3, 4, 12, 0).timestamp()
    os.utime(copy, (stamp, stamp))
    moved = replace(result, scenario=replace(result.scenario, source=str(copy)))
    assert data_date_of(moved, TODAY) == DataDate(dt.date(2025, 3, 4), "输入.xlsx")
    assert "输入文件“输入.xlsx”的修改日期" in DataDate(dt.date(2025, 3, 4), "输入.xlsx").describe()
    gone = replace(result, scenario=replace(result.scenario, source=str(tmp_path / "missing.xlsx")))
    assert data_date_of(gone, TODAY) == DataDate(TODAY)


def test_layout_model_imports_no_renderer() -> None:
    code = ("import sys, budgetcalc.sheets.budget; "
            "print(sorted(m for m in ('xlsxwriter', 'fpdf', 'openpyxl', 'PySide6') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cells_print_money_with_two_decimals_and_counts_with_separators() -> None:
    assert cell_text(Column("amount", "金额", "money"), 162_350_000) == "1,623,500.00"
    assert cell_text(Column("amount", "金额", "money"), 458) == "4.58"       # 万元 hundredths
    assert cell_text(Column("rate", "标准", "rate"), 250_000_00) == "250,000.00"
    assert cell_text(Column("months", "月数", "count"), 1412) == "1,412"
    assert cell_text(Column("item", "项目"), None) == ""
