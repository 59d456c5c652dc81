"""方案比较 driven for real, offscreen: the figures, causes, explanations, charts, exports and refusals."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue
from tests.conftest import EXAMPLES
from tests.ui.conftest import TIMEOUT_MS, Dialogs, expected, settle
from ui import i18n
from ui.compare_window import CompareWindow
from ui.models.comparison import VALUE_ROLE, ComparisonModel
from ui.qt import QFileDialog, Qt

WENDENG, RAISED, NANXUN = (EXAMPLES / f"{c}.xlsx" for c in ("wendeng-2025", "wendeng-2025-raised", "nanxun-2025"))
CLINIC, POST = "wendeng.village_clinic_operation", "wendeng.village_post_subsidy"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def compare_window(qtbot: Any, catalogue: Catalogue) -> Callable[..., CompareWindow]:
    def make(*paths: Path) -> CompareWindow:
        window = CompareWindow(catalogue)
        qtbot.addWidget(window)
        window.show()
        window.set_files(list(paths))
        with qtbot.waitSignal(window.compared, timeout=TIMEOUT_MS):
            window.compare_button.click()
        return window
    return make


def cell(model: ComparisonModel, kind: str, key: str, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    row = model.view_row(kind, key)
    assert row is not None, (kind, key)
    return model.index(row, column).data(role)


def cause_column(model: ComparisonModel) -> int:
    return next(j for j in range(model.columnCount()) if model.column(j).role == "cause")


def test_raised_standards_show_their_differences_and_causes(compare_window: Any) -> None:
    window = compare_window(WENDENG, RAISED)
    model = window.model
    delta = model.delta_column(1)
    base, raised = expected("wendeng-2025"), expected("wendeng-2025-raised")
    assert raised["total_fen"] - base["total_fen"] == 6_000_000  # the post subsidy is drawn from the fund
    assert window.windowTitle() == "方案比较"
    assert cell(model, "total", "", delta) == "+60,000.00"
    assert cell(model, "total", "", delta, VALUE_ROLE) == 6_000_000
    assert cell(model, "total", "", 2) == "300,000.00" and cell(model, "total", "", 3) == "360,000.00"
    assert cell(model, "standard_id", POST, 1) == "其中：村卫生室岗位补贴"
    assert cell(model, "standard_id", CLINIC, delta) == "+60,000.00"
    assert cell(model, "standard_id", POST, delta) == "+4,500.00"
    assert cell(model, "standard_id", POST, delta + 1) == "+25.00%"
    assert "标准变化：10,000→12,000 元/个·年" in cell(model, "standard_id", CLINIC, cause_column(model))
    assert "+60,000.00 元" in cell(model, "standard_id", CLINIC, cause_column(model))
    assert "标准变化" in cell(model, "total", "", cause_column(model))
    assert cell(model, "total", "", delta, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    kinds = {model.row(r).kind for r in range(model.rowCount())}
    assert kinds == {"total", "standard_id", "category", "funding_source", "town"}
    assert "各方案同为" in window.basis_label.text()
    assert window.files.list.item(0).text().endswith("（基准）")


def test_the_model_passes_the_model_tester(compare_window: Any, qtmodeltester: Any) -> None:
    window = compare_window(WENDENG, RAISED)
    qtmodeltester.check(window.model)
    window.model.sort(window.model.delta_column(1), Qt.SortOrder.DescendingOrder)
    window.model.set_kind("category")
    qtmodeltester.check(window.model)


def test_sorting_by_the_difference_and_filtering(compare_window: Any) -> None:
    window = compare_window(WENDENG, RAISED)
    model, delta = window.model, window.model.delta_column(1)
    window.view.sortByColumn(delta, Qt.SortOrder.AscendingOrder)
    values = [model.index(r, delta).data(VALUE_ROLE) for r in range(model.rowCount())]
    assert values[0] == 6_000_000  # the total stays on top
    assert values[1:] == sorted(values[1:]) and values[1] < values[-1]
    window.view.sortByColumn(delta, Qt.SortOrder.DescendingOrder)
    values = [model.index(r, delta).data(VALUE_ROLE) for r in range(model.rowCount())]
    assert values[1:] == sorted(values[1:], reverse=True) and values[1] > values[-1]
    window.filter_edit.setText("岗位")
    assert [model.row(r).key for r in range(model.rowCount())] == ["", POST]
    window.filter_edit.setText("")
    window.kind_combo.setCurrentIndex(2)  # 按类别
    assert {model.row(r).kind for r in range(model.rowCount())} == {"total", "category"}


def test_clicking_a_difference_explains_both_scenarios(compare_window: Any, qtbot: Any) -> None:
    window = compare_window(WENDENG, RAISED)
    model = window.model
    index = model.index(model.view_row("standard_id", CLINIC), model.delta_column(1))
    rect = window.view.visualRect(index)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = window.explain.toPlainText()
    assert "基准：wendeng-2025" in text and "比较方案：wendeng-2025-raised" in text
    assert "300,000.00 元" in text and "360,000.00 元" in text  # both scenarios' own figures
    assert "标准变化：10,000→12,000 元/个·年（提标方案） +60,000.00 元" in text and "+20.00%" in text
    assert "10,000.00 元/个·年" in text and "12,000.00 元/个·年" in text  # each side's standard as applied


def test_charts_render_and_export_as_png_and_pdf(compare_window: Any, qtbot: Any, dialogs: Dialogs,
                                                 tmp_path: Path) -> None:
    window = compare_window(WENDENG, RAISED)
    assert window.charts is None  # matplotlib's canvas only with the tab
    window.tabs.setCurrentIndex(1)
    charts = window.charts
    assert charts is not None and charts.canvas is not None
    assert charts.canvas.figure.axes[0].get_title() == "各方案按类别金额"
    charts.chart_combo.setCurrentIndex(1)
    labels = [t.get_text() for t in charts.canvas.figure.axes[0].get_xticklabels()]
    assert labels == ["wendeng-2025", "一体化管理村卫生室运行保障经费", "wendeng-2025-raised"]
    assert charts.canvas.grab().width() > 300
    dialogs.save_file = str(tmp_path / "waterfall")
    png = charts.export("png")
    assert png == tmp_path / "waterfall.png" and png.read_bytes()[:8] == PNG_MAGIC and png.stat().st_size > 10_000
    dialogs.save_file = str(tmp_path / "waterfall.pdf")
    pdf = charts.export("pdf")
    assert pdf is not None and pdf.read_bytes()[:5] == b"%PDF-" and b"/FontFile2" in pdf.read_bytes()


def test_the_comparison_sheet_exports_to_excel(compare_window: Any, qtbot: Any, dialogs: Dialogs,
                                               tmp_path: Path) -> None:
    import openpyxl

    window = compare_window(WENDENG, RAISED)
    dialogs.save_file = str(tmp_path / "比较表.xlsx")
    with qtbot.waitSignal(window.exported, timeout=TIMEOUT_MS) as written:
        window.export_button.click()
    assert written.args == [tmp_path / "比较表.xlsx"]
    book = openpyxl.load_workbook(tmp_path / "比较表.xlsx")
    values = [c.value for row in book["方案合计"].iter_rows() for c in row]
    assert 300000 in values and 360000 in values and 60000 in values and 64500 not in values
    values = [c.value for row in book["按标准比较"].iter_rows() for c in row]
    assert 60000 in values and 4500 in values
    window.unit_combo.setCurrentIndex(1)  # 万元
    dialogs.save_file = str(tmp_path / "比较表-万元.pdf")
    with qtbot.waitSignal(window.exported, timeout=TIMEOUT_MS):
        window.export_button.click()
    assert (tmp_path / "比较表-万元.pdf").read_bytes()[:5] == b"%PDF-"


def test_different_profiles_say_so_and_show_added_and_removed_standards(compare_window: Any) -> None:
    window = compare_window(NANXUN, WENDENG)
    assert "注意：各方案政策标准或年度不同" in window.basis_label.text()
    model = window.model
    statuses = {model.row(r).key: model.row(r).status[1] for r in range(model.rowCount())
                if model.row(r).kind == "standard_id"}
    assert statuses[CLINIC] == "added" and "removed" in statuses.values()
    assert cell(model, "standard_id", CLINIC, cause_column(model)).startswith("新增标准")
    removed = next(k for k, s in statuses.items() if s == "removed")
    assert cell(model, "standard_id", removed, cause_column(model)).startswith("该方案无此标准")
    assert cell(model, "standard_id", CLINIC, model.delta_column(1) + 1) == "—"  # no percent of nothing
    window.view.setCurrentIndex(model.index(model.view_row("standard_id", CLINIC), model.delta_column(1)))
    assert "该方案没有这一项" in window.explain.toPlainText()


def test_a_refused_file_is_explained_in_words(compare_window: Any, dialogs: Dialogs, tmp_path: Path) -> None:
    import openpyxl

    bad = tmp_path / "坏的.xlsx"
    shutil.copy(WENDENG, bad)
    book = openpyxl.load_workbook(bad)
    book[vocab.SHEET_FACILITIES]["E2"] = "很多"  # 数量 must be a whole number
    book.save(bad)
    window = compare_window(WENDENG, bad)
    assert window.model.rowCount() == 0 and not window.export_button.isEnabled()
    [(kind, title, text)] = dialogs.shown
    assert kind == "warning" and title == "无法比较"
    assert "坏的.xlsx" in text and "数量" in text and "Traceback" not in text


def test_english(compare_window: Any) -> None:
    window = compare_window(WENDENG, RAISED)
    i18n.set_lang("en")
    window.retranslate()
    assert window.windowTitle() == "Compare scenarios" and window.tabs.tabText(1) == "Charts"
    model = window.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Group"
    assert "rate change: 10,000→12,000" in cell(model, "standard_id", CLINIC, cause_column(model))
    assert "+60,000.00 yuan" in cell(model, "standard_id", CLINIC, cause_column(model))


def test_save_as_variant_keeps_the_original_and_compares_with_it(make_window: Any, qtbot: Any, dialogs: Dialogs,
                                                                 tmp_path: Path, monkeypatch: Any) -> None:
    from tests.ui.test_editing import COUNT, FAC
    from tests.ui.test_editing import cell as input_cell

    source = tmp_path / "wendeng-2025.xlsx"
    shutil.copy(WENDENG, source)
    window = make_window(source)
    original = tmp_path / "wendeng-2025.bcs.json"
    dialogs.save_file = str(original)
    assert window.save()
    before = original.read_bytes()
    assert window.pages[FAC].model.setData(input_cell(window, FAC, 1, COUNT), "31")  # one more clinic
    settle(qtbot, window)
    proposed: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _parent, _title, suggested, _filter: (proposed.append(suggested)
                                                                                  or suggested, "")))
    window.act_save_variant.trigger()
    variant = tmp_path / "wendeng-2025-变体.bcs.json"
    assert proposed == [str(variant)]
    assert variant.exists() and window.document.path == variant and not window.isWindowModified()
    assert original.read_bytes() == before and source.read_bytes() == WENDENG.read_bytes()
    assert str(variant) in [str(p) for p in window.recent()]

    compare = window.open_comparison()
    qtbot.addWidget(compare)
    assert compare.isVisible() and compare.files.files() == [original, variant]
    with qtbot.waitSignal(compare.compared, timeout=TIMEOUT_MS):
        compare.compare_button.click()
    model = compare.model
    assert cell(model, "total", "", model.delta_column(1)) == "+10,000.00"
    assert "数量变化 +10,000.00 元" in cell(model, "standard_id", CLINIC, cause_column(model))
    window.set_language("en")  # an open comparison follows the main window's language at once
    assert compare.windowTitle() == "Compare scenarios"
    assert "count change +10,000.00 yuan" in cell(model, "standard_id", CLINIC, cause_column(model))
    window.set_language("zh")
