"""Budget practice in the window: 分单位, 科目, 资金来源, 分月用款 and 上年对比 views, a line's codes and payers,
the 绩效目标申报表 and budget-system exports, 整元 for the 测算表.

Wendeng 2025 has 所属卫生院 on every clinic, a 上年数 sheet and a 绩效目标 sheet; its figures are worked
by hand: 118 一体化 clinics × 10,000 元 (one new one from 2025-05, 8/12 of a year) = 1,176,666.67 元.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
from python_calamine import CalamineWorkbook

from budgetcalc.sheets.budget_system import load_mapping
from tests.ui.conftest import TIMEOUT_MS, settle
from ui.models.filing import FilingModel
from ui.qt import Qt

ROOT = Path(__file__).resolve().parents[2]
WENDENG = ROOT / "scenarios" / "wendeng-2025.xlsx"
NANXUN = ROOT / "scenarios" / "nanxun-2025.xlsx"
TOTAL_FEN = 117_666_667


def rows_of(model: FilingModel) -> list[list[str]]:
    return [[model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def headers(model: FilingModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def fen(text: str) -> int:
    """'1,176,666.67' or '+96,666.67' as fen (the cells are the core's figures formatted, never floats)."""
    return int(text.replace(",", "").replace(".", "").replace("+", ""))


def view(window: Any, key: str) -> Any:
    return window.result_panel.filing_views[key]


def click(window: Any, key: str, row: int) -> None:
    shown = view(window, key)
    window.result_panel.show_view(key)
    shown.view.clicked.emit(shown.model.index(row, 0))


# ---------------------------------------------------------------- the views


def test_the_units_view_lists_each_health_centre_with_its_clinics_and_adds_up_to_the_total(make_window: Any) -> None:
    window = make_window(WENDENG)
    assert window.outcome.totals.total_fen == TOTAL_FEN
    titles = [window.result_panel.views.tabText(n) for n in range(window.result_panel.views.count())]
    assert titles == ["测算结果", "人员配置", "政策目标", "分单位", "科目", "资金来源", "分月用款", "上年对比",
                      "逐年测算"]
    model = view(window, "view_units").model
    assert headers(model) == ["预算单位编码", "预算单位", "金额（元）", "万元"]
    rows = rows_of(model)
    assert [r[0] for r in rows[:-1]] == [f"WD-HC0{n}" for n in range(1, 10)]   # the clinics are in their centres
    assert rows[0][:3] == ["WD-HC01", "龙山街道卫生院", "90,000.00"]              # 9 clinics × 10,000
    assert rows[3][:3] == ["WD-HC04", "宋村镇卫生院", "126,666.67"]               # 12 + the new one's 8 months
    assert sum(fen(r[2]) for r in rows[:-1]) == TOTAL_FEN                       # exactly, to the fen
    assert rows[-1] == ["", "合计", "1,176,666.67", "117.67"]
    assert model.data(model.index(len(rows) - 1, 1), Qt.ItemDataRole.FontRole).bold()

    click(window, "view_units", 3)   # a unit explains itself as the sum of its lines
    text = window.explain.toPlainText()
    assert "预算单位：WD-HC04 宋村镇卫生院" in text and "126,666.67 元" in text and "共 2 行之和" in text
    click(window, "view_units", len(rows) - 1)
    assert window.explain.toPlainText().startswith("合计")


def test_the_codes_view_names_every_code_and_each_classification_adds_up(make_window: Any) -> None:
    window = make_window(WENDENG)
    model = view(window, "view_codes").model
    assert headers(model) == ["科目编码", "科目名称", "金额（元）", "万元"]
    rows = rows_of(model)
    assert rows == [
        ["支出功能分类科目", "", "1,176,666.67", "117.67"],
        ["2100399", "其他基层医疗卫生机构支出", "1,176,666.67", "117.67"],
        ["政府预算支出经济分类科目", "", "1,176,666.67", "117.67"],
        ["50502", "商品和服务支出", "1,176,666.67", "117.67"],
        ["部门预算支出经济分类科目", "", "1,176,666.67", "117.67"],
        ["30299", "其他商品和服务支出", "1,176,666.67", "117.67"],
    ]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).bold()
    click(window, "view_codes", 1)
    assert window.explain.toPlainText().startswith("支出功能分类科目：2100399 其他基层医疗卫生机构支出")

    window.set_language("en")
    assert headers(model) == ["Code", "Name", "Amount (元)", "万元"]
    assert model.text(0, 0) == "Functional classification"
    assert window.result_panel.views.tabText(4) == "Codes"


def test_funding_by_fund_type_and_level_and_the_monthly_plan_add_up_to_the_total(make_window: Any) -> None:
    window = make_window(WENDENG)
    payers = view(window, "view_payers").model
    assert headers(payers) == ["资金性质", "中央", "省", "市", "县区", "镇街", "金额（元）"]
    assert rows_of(payers) == [   # 文登: 区级财政 pays all
        ["一般公共预算", "0.00", "0.00", "0.00", "1,176,666.67", "0.00", "1,176,666.67"],
        ["合计", "0.00", "0.00", "0.00", "1,176,666.67", "0.00", "1,176,666.67"],
    ]
    cash = view(window, "view_cash").model
    assert headers(cash) == ["项目", *(f"{m}月" for m in range(1, 13)), "金额（元）"]
    rows = rows_of(cash)
    assert [r[0] for r in rows] == ["一体化管理村卫生室运行保障经费", "其中：村卫生室岗位补贴", "合计"]
    for row in rows:   # every row's months add up to it exactly
        assert sum(fen(c) for c in row[1:13]) == fen(row[13])
    assert fen(rows[-1][13]) == TOTAL_FEN
    assert rows[-1][1] == "97,500.00" and rows[-1][5] == "98,333.33"   # 117 clinics; from May 118
    assert cash.data(cash.index(1, 0), Qt.ItemDataRole.ForegroundRole) is not None   # 其中: not added

    window.set_language("en")
    assert headers(cash)[1] == "Jan" and headers(payers)[4] == "County"


def test_last_year_beside_this_year_with_the_change_its_rate_and_reason(make_window: Any) -> None:
    window = make_window(WENDENG)
    prior = view(window, "view_prior")
    assert headers(prior.model) == ["项目", "上年预算数", "本年测算数", "增减额", "增减率", "增减原因", "上年执行数"]
    rows = rows_of(prior.model)
    # 上年数: 1,080,000.00 budgeted (1,075,000.00 spent); now 1,176,666.67: +96,666.67 = +8.95 %
    assert rows[0] == ["一体化管理村卫生室运行保障经费", "1,080,000.00", "1,176,666.67", "+96,666.67", "+8.95%",
                       "新增一体化村卫生室", "1,075,000.00"]
    assert rows[1][0] == "其中：村卫生室岗位补贴" and rows[1][3] == "+7,600.00"   # 76,800 → 84,400
    assert rows[2][0] == "村卫生室标准化建设补助（一次性）（本年不再安排）"
    assert rows[2][3:5] == ["-150,000.00", "-100.00%"]
    # 合计: 1,080,000 + 150,000 last year (the 其中 not added) → 1,176,666.67: -53,333.33 = -4.34 %
    assert rows[-1][:6] == ["合计", "1,230,000.00", "1,176,666.67", "-53,333.33", "-4.34%", ""]
    assert not prior.view.isColumnHidden(6)   # 上年执行数 is given for one item
    assert not prior.view.isHidden()
    assert prior.note.text().startswith("上年数取自")
    click(window, "view_prior", 0)
    assert window.explain.toPlainText().startswith("按标准：一体化管理村卫生室运行保障经费")


def test_without_a_prior_year_sheet_the_view_says_so(make_window: Any) -> None:
    window = make_window(NANXUN)
    prior = view(window, "view_prior")
    assert prior.model.rowCount() == 0 and prior.view.isHidden()
    assert "“上年数”标签页" in prior.note.text()
    window.set_language("en")
    assert "Prior year (上年数) tab" in prior.note.text()


def test_a_line_explains_its_three_codes_fund_type_level_shares_and_unit(make_window: Any) -> None:
    window = make_window(WENDENG)
    panel = window.result_panel
    panel.lines_view.selectRow(0)
    text = window.explain.toPlainText()
    assert ("科目：功能分类 2100399 其他基层医疗卫生机构支出；政府经济分类 50502 商品和服务支出；"
            "部门经济分类 30299 其他商品和服务支出") in text
    assert "资金性质：一般公共预算" in text
    assert "各级分担：县区 100%：90,000.00 元" in text
    assert "预算单位：WD-HC01 龙山街道卫生院" in text
    window.set_language("en")
    assert "Codes: functional 2100399" in window.explain.toPlainText()
    assert "Paid by: County 100%: 90,000.00 元" in window.explain.toPlainText()


# ---------------------------------------------------------------- exports


def test_the_performance_targets_export_writes_the_same_sheet_as_the_command(make_window: Any, dialogs: Any,
                                                                             qtbot: Any, tmp_path: Path) -> None:
    window = make_window(WENDENG)
    actions = window.filing_actions
    assert window.filing_menus["performance"].title() == "导出绩效目标申报表(&G)"
    assert [a.text() for a in window.filing_menus["system"].actions()] == ["导出为 Excel 工作簿(&X)…",
                                                                          "导出为 CSV 文件(&C)…"]
    dialogs.save_file = str(tmp_path / "绩效目标")   # the type is added
    actions[("performance", ".xlsx")].trigger()
    out = tmp_path / "绩效目标.xlsx"
    qtbot.waitUntil(lambda: "已导出绩效目标申报表" in window.status_label.text(), timeout=TIMEOUT_MS)
    book = openpyxl.load_workbook(out)
    assert "项目1" in book.sheetnames
    cells = [str(c) for row in book["项目1"].iter_rows(values_only=True) for c in row if c is not None]
    assert "118 个" in cells and "10,000.00 元/个·年" in cells and "乡村医生满意度" in cells

    dialogs.save_file = str(tmp_path / "绩效目标.pdf")
    actions[("performance", ".pdf")].trigger()
    qtbot.waitUntil(lambda: window.status_label.text() == "已导出绩效目标申报表：绩效目标.pdf", timeout=TIMEOUT_MS)
    assert (tmp_path / "绩效目标.pdf").read_bytes()[:5] == b"%PDF-"


def test_the_budget_system_export_writes_the_default_mapping_as_xlsx_and_csv(make_window: Any, dialogs: Any,
                                                                             qtbot: Any, tmp_path: Path) -> None:
    window = make_window(WENDENG)
    mapping = load_mapping()
    headers_ = [h for h, _field in mapping.columns]
    amount = headers_.index("金额（元）")
    dialogs.save_file = str(tmp_path / "导入.xlsx")
    window.filing_actions[("system", ".xlsx")].trigger()
    qtbot.waitUntil(lambda: "已导出预算系统导入文件" in window.status_label.text(), timeout=TIMEOUT_MS)
    assert mapping.name in window.status_label.text()
    sheet = CalamineWorkbook.from_path(str(tmp_path / "导入.xlsx")).get_sheet_by_name("导入").to_python()
    assert sheet[0] == headers_
    assert len(sheet) == 10   # one row per budget unit (one project, one fund, one level)
    assert round(sum(r[amount] * 100 for r in sheet[1:])) == TOTAL_FEN
    assert {r[headers_.index("支出功能分类科目编码")] for r in sheet[1:]} == {"2100399"}

    dialogs.save_file = str(tmp_path / "导入.csv")
    window.filing_actions[("system", ".csv")].trigger()
    qtbot.waitUntil(lambda: window.status_label.text().startswith("已导出预算系统导入文件：导入.csv"),
                    timeout=TIMEOUT_MS)
    with (tmp_path / "导入.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == headers_ and len(rows) == 10
    assert rows[4][headers_.index("预算单位名称")] == "宋村镇卫生院" and rows[4][amount] == "126666.67"


def test_an_input_with_errors_is_not_filed(make_window: Any, dialogs: Any, qtbot: Any, tmp_path: Path) -> None:
    window = make_window(WENDENG)
    page = window.pages["机构"]
    assert page.model.setData(page.model.index(page.model.view_row(1), 2), "诊所")   # no such facility type
    settle(qtbot, window)
    dialogs.save_file = str(tmp_path / "导入.csv")
    window.filing_actions[("system", ".csv")].trigger()
    qtbot.waitUntil(lambda: bool(dialogs.texts("warning")), timeout=TIMEOUT_MS)
    assert "改正后才能导出" in dialogs.texts("warning")[0]
    assert not (tmp_path / "导入.csv").exists()


def test_whole_yuan_is_a_unit_of_the_budget_sheet(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    window = make_window(WENDENG)
    assert [a.text() for a in window.unit_actions.values()] == ["金额单位：元", "金额单位：万元", "金额单位：整元"]
    window.unit_actions["whole"].trigger()
    assert window.sheet_unit() == "whole" and window.plan_unit() == "yuan"   # the rolling plan has no 尾差 rows
    out = tmp_path / "测算表.xlsx"
    window.export_to(out)
    qtbot.waitUntil(lambda: "已导出测算表" in window.status_label.text(), timeout=TIMEOUT_MS)
    units = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("分单位").to_python()
    codes = [str(r[1]) for r in units]
    assert units[codes.index("WD-HC04")][-1] == 126_667            # 126,666.67 元 filed as whole 元
    assert units[codes.index("合计")][-1] == 1_176_667


# ---------------------------------------------------------------- screenshot mode


def test_screenshot_mode_shows_the_view_asked_for(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    out = tmp_path / "prior.png"
    proc = subprocess.run([sys.executable, "-m", "ui", str(WENDENG), "--screenshot", str(out), "--tab", "prior"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and out.stat().st_size > 10_000, proc.stderr
    bad = subprocess.run([sys.executable, "-m", "ui", str(WENDENG), "--screenshot", str(out), "--tab", "nope"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode == 2 and "no result view 'nope'" in bad.stderr

