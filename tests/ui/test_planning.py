"""Planning in the window: the 规划 and 考核等次 tables, 人员配置, 政策目标, 逐年测算 and 预算上限测算."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from budgetcalc.rules import vocab
from tests.conftest import EXAMPLES
from tests.ui.conftest import TIMEOUT_MS, settle
from ui.models import style
from ui.qt import QFont, Qt

ROOT = Path(__file__).resolve().parents[2]
ZHUZHOU = ROOT / "scenarios" / "zhuzhou-2025.xlsx"
XX = EXAMPLES / "xx-performance-2025.xlsx"
TOTAL = "xx_talent.performance_total"
FAC, PLAN, GRADES, OVERRIDES = vocab.SHEET_FACILITIES, vocab.SHEET_PLAN, vocab.SHEET_GRADES, vocab.SHEET_OVERRIDES
GRADE_COLUMN = [c.header for c in vocab.FACILITY_COLUMNS].index("考核等次")


def column(columns: tuple[vocab.Column, ...], header: str) -> int:
    return [c.header for c in columns].index(header)


def set_cell(window: Any, qtbot: Any, sheet: str, row_index: int, col: int, text: str) -> None:
    model = window.pages[sheet].model
    assert model.setData(model.index(model.view_row(row_index), col), text)
    settle(qtbot, window)


def add_row(window: Any, qtbot: Any, sheet: str) -> int:
    page = window.pages[sheet]
    window.tabs.setCurrentWidget(page)
    page.add_row()
    settle(qtbot, window)
    return page.model.total_rows()


def rows_of(model: Any) -> list[list[str]]:
    return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())] for r in range(model.rowCount())]


def band_line(window: Any) -> int:
    lines = window.result_panel.lines
    return next(r for r in range(lines.rowCount()) if lines.index(r, 0).data().startswith("基层机构绩效工资总量"))


# ---------------------------------------------------------------- 规划 and 考核等次 tables, per-unit points


def test_a_grade_edited_in_its_tab_chooses_the_units_point_and_the_total(make_window: Any, qtbot: Any) -> None:
    window = make_window(XX)
    assert window.outcome.totals.total_fen == 413_400_000                  # 参数: 绩效总量档位 110 %
    titles = [window.tabs.tabText(n) for n in range(window.tabs.count())]
    assert titles == ["参数", "机构", "人员", "区域", "规划", "考核等次", "政策标准", "资金分担", "上年数", "绩效目标"]
    grades = window.pages[GRADES]
    assert [c.header for c in grades.model.columns] == [c.header for c in vocab.GRADE_COLUMNS]
    row = add_row(window, qtbot, GRADES)
    set_cell(window, qtbot, GRADES, row, 0, "优秀")
    set_cell(window, qtbot, GRADES, row, 1, "120%")
    assert window.outcome.totals.total_fen == 413_400_000                  # no unit has that grade yet
    set_cell(window, qtbot, FAC, 1, GRADE_COLUMN, "优秀")
    assert window.outcome.totals.total_fen == 445_200_000                  # 30 人 × 100,000 × 120 %, principal too
    set_cell(window, qtbot, GRADES, row, 1, "130%")
    assert window.outcome.totals.total_fen == 477_000_000
    assert window.outcome.totals.groups["standard_id"][TOTAL] == 390_000_000

    # the unit's point source, in the lines and in the explanation
    lines = window.result_panel.lines
    line = band_line(window)
    assert lines.index(line, 6).data() == "130%（优秀）"
    assert "考核等次“优秀”，档位 130%" in lines.index(line, 6).data(Qt.ItemDataRole.ToolTipRole)
    window.result_panel.lines_view.selectRow(line)
    assert "考核等次“优秀”，档位 130%" in window.explain.toPlainText()

    window.act_undo.trigger()
    settle(qtbot, window)
    assert window.outcome.totals.total_fen == 445_200_000 and grades.model.index(0, 1).data() == "120%"


def test_a_grade_outside_the_band_is_marked_in_its_tab(make_window: Any, qtbot: Any) -> None:
    window = make_window(XX)
    row = add_row(window, qtbot, GRADES)
    set_cell(window, qtbot, GRADES, row, 0, "优秀")
    set_cell(window, qtbot, GRADES, row, 1, "140%")
    problem = next(p for p in window.outcome.problems if p.sheet == GRADES)
    assert problem.code == "band_out_of_range" and window.outcome.result is None
    model = window.pages[GRADES].model
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) == style.ERROR_BG
    assert "100%–135%" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    window.tabs.setCurrentIndex(0)
    window.jump_to_problem(problem)
    page = window.pages[GRADES]
    assert window.tabs.currentWidget() is page and page.view.currentIndex().column() == 1


def test_a_units_own_point_from_the_standards_page_shows_where_it_came_from(
        make_window: Any, qtbot: Any, monkeypatch: Any) -> None:
    from ui.widgets.standards_page import OverrideDialog

    window = make_window(XX)
    page = window.standards_page
    window.tabs.setCurrentWidget(page)
    page.select_standard(TOTAL)
    seen: list[dict[str, Any]] = []

    def answer(_parent: Any, std: Any, value: str, reason: str, **extra: Any) -> dict[str, str]:
        seen.append(extra)
        return {"value": "120", "reason": "考核优秀", "quantity": "", "unit": "XX-HC1"}

    monkeypatch.setattr(OverrideDialog, "ask", staticmethod(answer))
    page.override_selected()
    settle(qtbot, window)
    assert ("XX-HC1", "某镇卫生院") in seen[0]["units"]                  # a band's point can be one unit's own
    assert window.document.book[OVERRIDES][1][:4] == [TOTAL, "120", "考核优秀", "XX-HC1"]
    assert window.outcome.totals.groups["standard_id"][TOTAL] == 360_000_000
    lines = window.result_panel.lines
    line = band_line(window)
    assert lines.index(line, 0).data().endswith("（调整）")
    assert lines.index(line, 6).data(Qt.ItemDataRole.ForegroundRole) == style.OVERRIDE_FG
    assert "档位调整为 120%（考核优秀）" in lines.index(line, 6).data(Qt.ItemDataRole.ToolTipRole)
    window.result_panel.lines_view.selectRow(line)
    assert "档位调整为 120%（考核优秀）" in window.explain.toPlainText()


def test_the_override_dialog_of_a_band_offers_the_units(make_window: Any, qtbot: Any) -> None:
    from ui.widgets.standards_page import OverrideDialog

    window = make_window(XX)
    std = window.document.catalogue().profile("xx_talent").standard(TOTAL)
    dialog = OverrideDialog(std, "110", "", window, units=(("XX-HC1", "某镇卫生院"),))
    qtbot.addWidget(dialog)
    assert [dialog.unit_box.itemData(i) for i in range(dialog.unit_box.count())] == ["", "XX-HC1"]
    assert dialog.unit_box.itemText(0) == "（全部单位）" and dialog.unit_box.isVisibleTo(dialog)


# ---------------------------------------------------------------- 人员配置 and 政策目标


def test_the_norms_view_shows_each_towns_requirement_and_gap(make_window: Any, qtbot: Any) -> None:
    window = make_window(ZHUZHOU)                                   # a workbook with a 区域 sheet
    panel = window.result_panel
    assert [panel.views.tabText(n) for n in range(panel.views.count())] == ["测算结果", "人员配置", "政策目标",
                                                                              "分单位", "科目", "资金来源", "分月用款",
                                                                              "上年对比", "逐年测算"]
    panel.views.setCurrentWidget(panel.norms_view)
    norms = panel.norms_view.norms
    rows = rows_of(norms)
    town = next(r for r in range(len(rows)) if rows[r][1] == "南阳桥乡")
    assert rows[town][:6] == ["乡级机构公共卫生医师配备", "南阳桥乡", "1", "1", "0", "1"]
    assert norms.index(town, 5).data(Qt.ItemDataRole.ForegroundRole) == style.ERROR_FG
    total = next(r for r in range(len(rows)) if rows[r][:2] == ["乡级机构公共卫生医师配备", "全区"])
    assert rows[total][2:6] == ["4", "4", "3", "1"]
    assert isinstance(norms.index(total, 0).data(Qt.ItemDataRole.FontRole), QFont)
    assert "二(一)4" in norms.index(total, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert rows[total][7] == ""                                     # no gap cost given yet

    from budgetcalc.inputs import editing

    window.document.push(editing.set_setting(vocab.SETTING_GAP_COST, "120000"), "gap cost")
    settle(qtbot, window)
    rows = rows_of(norms)
    assert rows[town][7] == "120,000.00" and rows[total][7] == "120,000.00"

    panel.norms_view.norms_view.clicked.emit(norms.index(town, 0))  # a row explains its standard
    text = window.explain.toPlainText()
    assert "乡级机构公共卫生医师配备" in text and "二(一)4" in text


def test_shares_show_below_and_a_workbook_without_populations_says_so(make_window: Any, qtbot: Any) -> None:
    window = make_window(XX)
    view = window.result_panel.norms_view
    assert view.norms.rowCount() == 0 and not view.hint.isHidden() and "区域" in view.hint.text()
    rows = rows_of(view.shares)
    assert ["基层卫生骨干人才占比", "全区", "35", "0", "0.00%", "≥ 10%", "4"] in rows
    row = rows.index(["基层卫生骨干人才占比", "全区", "35", "0", "0.00%", "≥ 10%", "4"])
    assert view.shares.index(row, 4).data(Qt.ItemDataRole.ForegroundRole) == style.ERROR_FG


def test_the_targets_view_says_met_not_met_or_not_measurable(make_window: Any, qtbot: Any) -> None:
    window = make_window(ZHUZHOU)
    model = window.result_panel.targets_view.model
    rows = {r[0]: r for r in rows_of(model)}
    staffed = rows["乡级机构公共卫生医师配备"]
    assert staffed[1:6] == ["1 人/机构", "2025", "3 人", "≥ 4", "未达到"] and "二(一)4" in staffed[6]
    assert rows["大街道增设社区卫生服务中心"][5] == "已达到"
    assert rows["乡镇卫生院和村卫生室全覆盖"][5] == "无法由输入测算"
    names = [r[0] for r in rows_of(model)]
    assert model.index(names.index("乡级机构公共卫生医师配备"), 5).data(Qt.ItemDataRole.ForegroundRole) == style.ERROR_FG
    assert model.index(names.index("大街道增设社区卫生服务中心"), 5).data(Qt.ItemDataRole.ForegroundRole) == style.MET_FG
    window.act_lang_en.trigger()
    try:
        assert rows_of(model)[names.index("乡级机构公共卫生医师配备")][5] == "not met"
        assert window.result_panel.views.tabText(2) == "Targets"
    finally:
        window.act_lang_zh.trigger()


# ---------------------------------------------------------------- 逐年测算


def show_projection(window: Any, qtbot: Any, first: int | None = None, last: int | None = None) -> Any:
    page = window.projection_page
    with qtbot.waitSignal(page.projected, timeout=TIMEOUT_MS):
        window.act_projection.trigger()
        if first is not None and last is not None:
            page.set_years(first, last)
    qtbot.waitUntil(lambda: page.current and not page.pending, timeout=TIMEOUT_MS)
    return page


def test_the_projection_shows_each_year_by_standard_with_the_chart(make_window: Any, qtbot: Any, dialogs: Any,
                                                                   tmp_path: Path) -> None:
    window = make_window(ZHUZHOU)
    page = window.projection_page
    assert page.years() == (2025, 2027)                            # the budget year and two more
    page = show_projection(window, qtbot, 2022, 2024)
    rows = rows_of(page.model)
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["项目", "2022", "2023", "2024"]
    assert rows[0] == ["公益一类财政保障基数", "8,000,000.00", "9,000,000.00", "10,000,000.00"]
    assert rows[-2] == ["合计", "8,106,666.68", "9,640,000.00", "10,640,000.00"]
    assert rows[-1] == ["在岗人数（年末）", "197", "197", "197"]
    assert "2022年 80%，2023年 90%，2024年 100%" in page.assumptions.text()
    assert page._canvas is not None and page._canvas.figure.axes[0].get_title() == "逐年测算（按类别）"

    # 导出滚动规划表: the core's three-year sheet, and never over a file without asking
    target = tmp_path / "规划表.xlsx"
    dialogs.save_file = str(target)
    with qtbot.waitSignal(page.exported, timeout=TIMEOUT_MS):
        page.export_button.click()
    sheet = openpyxl.load_workbook(target, read_only=True)["三年规划"]
    cells = [v for r in sheet.iter_rows(values_only=True) for v in r if v is not None]
    assert "2022—2024年基层医疗卫生补助资金三年滚动规划表" in cells and 8_000_000 in cells and 10_000_000 in cells
    written = target.read_bytes()
    dialogs.save_file = str(tmp_path / "规划表")                    # the type is added: the dialog never saw that name
    page.export_button.click()
    assert dialogs.texts("question")[-1] == "“规划表.xlsx”已存在。替换它吗？"
    qtbot.wait(200)
    assert not window.runner.busy and target.read_bytes() == written


def test_a_plan_rule_typed_in_its_tab_changes_the_later_years(make_window: Any, qtbot: Any) -> None:
    window = make_window(ZHUZHOU)
    page = show_projection(window, qtbot)
    assert rows_of(page.model)[-1] == ["在岗人数（年末）", "197", "197", "197"]
    plan = window.pages[PLAN]
    row = add_row(window, qtbot, PLAN)
    window.tabs.setCurrentWidget(plan)
    for header, text in (("规则", "招聘"), ("数值", "2"), ("起始年度", "2026"), ("机构编码", "ZZ-HC02"),
                         ("编制类型", "在编")):
        set_cell(window, qtbot, PLAN, row, column(vocab.PLAN_COLUMNS, header), text)
    qtbot.waitUntil(lambda: page.current and not page.pending
                    and rows_of(page.model)[-1] == ["在岗人数（年末）", "197", "199", "201"], timeout=TIMEOUT_MS)
    assert "2026年起，每年招聘在编、ZZ-HC02 2 人" in page.assumptions.text()
    while window.document.undo_stack.canUndo():                    # the rule's cells and its row
        window.act_undo.trigger()
    assert window.pages[PLAN].model.total_rows() == 0
    qtbot.waitUntil(lambda: page.current and rows_of(page.model)[-1][2] == "197", timeout=TIMEOUT_MS)


# ---------------------------------------------------------------- 预算上限测算


def solve(qtbot: Any, dialog: Any, ceiling: str) -> Any:
    dialog.ceiling_edit.setText(ceiling)
    with qtbot.waitSignal(dialog.solved, timeout=TIMEOUT_MS) as blocker:
        dialog.solve_button.click()
    return blocker.args[0]


def test_the_solver_shows_the_answer_then_applies_it_as_an_undoable_override(make_window: Any, qtbot: Any) -> None:
    window = make_window(XX)
    before = window.outcome.totals.total_fen
    window.act_solver.trigger()
    dialog = window.solver_dialog
    assert dialog is not None and dialog.isVisible()
    ids = [dialog.standard_box.itemData(i) for i in range(dialog.standard_box.count())]
    assert TOTAL in ids and "xx_talent.backbone_subsidy" in ids and len(ids) == 6   # only what adjustable() allows
    dialog.select(TOTAL)
    assert dialog.vary_box.isHidden()                              # a band has only its point to vary
    assert dialog.low_edit.placeholderText() == "空白＝100%" and dialog.high_edit.placeholderText() == "空白＝135%"
    assert not dialog.apply_button.isEnabled()

    solved = solve(qtbot, dialog, "4,000,000")
    solution = solved.solution
    assert solution is not None and str(solution.value) == "105.7"
    text = dialog.answer.text()
    for shown in ("105.7%", "3,997,260.00", "2,740.00", "105.8%", "4,000,440.00", "二(四)10"):
        assert shown in text, shown
    assert window.outcome.totals.total_fen == before and len(window.document.book[OVERRIDES]) == 1  # nothing yet
    assert dialog.apply_button.isEnabled()

    dialog.apply_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()
    assert window.outcome.totals.total_fen == solution.total_fen == 399_726_000
    assert window.document.book[OVERRIDES][1][:4] == [TOTAL, "105.7%", "预算上限测算", ""]
    assert window.standards_page.model.override(TOTAL) is not None
    assert "105.7%" in window.status_label.text()
    assert window.act_undo.text() == "撤销 预算上限测算 基层机构绩效工资总量"

    window.act_undo.trigger()
    settle(qtbot, window)
    assert len(window.document.book[OVERRIDES]) == 1 and window.outcome.totals.total_fen == before


def test_a_ceiling_below_the_low_end_is_refused_and_nothing_is_applied(make_window: Any, qtbot: Any) -> None:
    window = make_window(XX)
    before = window.outcome.totals.total_fen
    dialog = window.open_solver(TOTAL)
    solved = solve(qtbot, dialog, "3000000")
    assert solved.refused and solved.solution is None
    assert dialog.error_label.text() == "取下限 100% 时合计已为 3,816,000.00 元，超过预算上限 3,000,000.00 元：上限内无解"
    assert not dialog.apply_button.isEnabled()
    dialog.apply()
    qtbot.wait(200)
    assert len(window.document.book[OVERRIDES]) == 1 and window.outcome.totals.total_fen == before
    assert not window.document.undo_stack.canUndo()

    solve(qtbot, dialog, "4000000")                                 # a fitting ceiling, then the question changes
    assert dialog.apply_button.isEnabled()
    dialog.ceiling_edit.setText("4100000")
    assert not dialog.apply_button.isEnabled() and dialog.answer.text() == ""
    dialog.ceiling_edit.setText("四百万")
    dialog.solve_button.click()
    assert "预算上限" in dialog.error_label.text() and not dialog.apply_button.isEnabled()
    dialog.reject()


def test_a_rate_with_facilities_offers_both_quantities_and_a_count_is_not_an_override(
        make_window: Any, qtbot: Any) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    dialog = window.open_solver("wendeng.village_clinic_operation")
    assert not dialog.vary_box.isHidden()
    assert [dialog.vary_box.itemData(i) for i in range(dialog.vary_box.count())] == ["rate", "count"]
    dialog.select("wendeng.village_clinic_operation", "count")
    total = window.outcome.totals.total_fen
    solved = solve(qtbot, dialog, f"{(total + 2_500_000) // 100}")   # room for two more clinics and a half
    assert solved.solution is not None and str(solved.solution.value) == "2"
    assert "新增机构数不写入标准调整" in dialog.error_label.text() and not dialog.apply_button.isEnabled()
    dialog.reject()


def test_the_planning_models_pass_the_model_tester(make_window: Any, qtbot: Any, qtmodeltester: Any) -> None:
    window = make_window(ZHUZHOU)
    panel = window.result_panel
    for model in (panel.norms_view.norms, panel.norms_view.shares, panel.targets_view.model):
        qtmodeltester.check(model)
    page = show_projection(window, qtbot)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 4 and page.model.columnCount() == 4
