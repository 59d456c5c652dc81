"""File → Export and File → Print in the real window: the sheet the officer files, to the fen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest

from budgetcalc.base.money import rmb_upper
from budgetcalc.rules import vocab
from tests.conftest import EXAMPLES
from tests.ui.conftest import TIMEOUT_MS, expected, settle
from ui.print_pages import PdfPages, print_pages
from ui.qt import QImage, QPrinter

FAC = vocab.SHEET_FACILITIES
COUNT = 4  # 数量


def export(window: Any, qtbot: Any, dialogs: Any, path: Path, action: Any) -> None:
    dialogs.save_file = str(path)
    action.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=TIMEOUT_MS)


def summary_amounts(path: Path) -> dict[str, float]:
    """项目 → 金额 of the summary sheet (column of 金额 found by its header)."""
    ws = openpyxl.load_workbook(path, read_only=True)["汇总"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if "金额" in r and "项目" in r)
    item, amount = rows[head].index("项目"), rows[head].index("金额")
    return {str(r[item]): r[amount] for r in rows[head + 1:] if r[item] and isinstance(r[amount], int | float)}


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.mark.parametrize("case", ["nanxun-2025", "wendeng-2025"])
def test_export_xlsx_from_the_menu_holds_the_expected_total(case: str, make_window: Any, qtbot: Any,
                                                            dialogs: Any, tmp_path: Path) -> None:
    window = make_window(EXAMPLES / f"{case}.xlsx")
    target = tmp_path / "测算表.xlsx"
    export(window, qtbot, dialogs, target, window.act_export_xlsx)
    want = expected(case)["total_fen"]
    assert summary_amounts(target)["合计"] * 100 == pytest.approx(want, abs=0.5)
    words = [c for r in openpyxl.load_workbook(target)["汇总"].iter_rows(values_only=True) for c in r if c]
    assert any(isinstance(c, str) and rmb_upper(want) in c for c in words)
    assert window.status_label.text() == "已导出测算表：测算表.xlsx"


def test_export_pdf_in_wan_from_the_menu(make_window: Any, qtbot: Any, dialogs: Any, tmp_path: Path) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    window.unit_actions["wan"].trigger()
    target = tmp_path / "sheet"  # no suffix typed: the chosen type's is added
    export(window, qtbot, dialogs, target, window.act_export_pdf)
    text = pdf_text(tmp_path / "sheet.pdf")
    assert "单位：万元" in text and "54.95" in text  # 549,500.00 元
    assert rmb_upper(expected("nanxun-2025")["total_fen"]) in text
    assert "第 1 页 共" in text
    assert window.sheet_unit() == "wan" and window.context.settings.value("sheet_unit") == "wan"


def test_export_uses_an_edit_not_yet_computed(make_window: Any, qtbot: Any, dialogs: Any, tmp_path: Path) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    before = window.outcome.totals.total_fen
    model = window.pages[FAC].model
    assert model.setData(model.index(model.view_row(1), COUNT), "31")  # one more clinic: +10,000 元
    target = tmp_path / "edited.xlsx"
    export(window, qtbot, dialogs, target, window.act_export_xlsx)  # at once, before the recompute shows
    assert summary_amounts(target)["合计"] * 100 == pytest.approx(before + 1_000_000, abs=0.5)


def test_input_with_errors_is_not_exported(make_window: Any, qtbot: Any, dialogs: Any, tmp_path: Path) -> None:
    window = make_window(EXAMPLES / "wendeng-2025.xlsx")
    model = window.pages[FAC].model
    model.setData(model.index(model.view_row(1), COUNT), "-3")
    settle(qtbot, window)
    target = tmp_path / "bad.xlsx"
    export(window, qtbot, dialogs, target, window.act_export_xlsx)
    assert not target.exists()
    assert any("1 个错误" in text for text in dialogs.texts("warning"))


def test_failed_export_keeps_the_old_file(make_window: Any, qtbot: Any, dialogs: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    target = tmp_path / "sheet.xlsx"
    target.write_bytes(b"the officer's previous sheet")

    def disk_full(_sheet: Any, path: Path) -> None:
        Path(path).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("budgetcalc.sheets.xlsx.write_xlsx", disk_full)
    export(window, qtbot, dialogs, target, window.act_export_xlsx)
    assert target.read_bytes() == b"the officer's previous sheet"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sheet.xlsx")] == []  # no temporary left
    assert any("原有文件未改动" in text and "No space left" in text for text in dialogs.texts("critical"))


def test_print_preview_shows_every_page_of_the_exported_pdf(make_window: Any, qtbot: Any, dialogs: Any,
                                                            tmp_path: Path) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    shown: list[Any] = []
    window.preview_shown.connect(shown.append)
    window.act_print.trigger()
    qtbot.waitUntil(lambda: bool(shown) and shown[0].isVisible(), timeout=TIMEOUT_MS)
    dialog = shown[0]
    exported = tmp_path / "exported.pdf"
    export(window, qtbot, dialogs, exported, window.act_export_pdf)
    n = len(pypdf.PdfReader(exported).pages)
    assert dialog.page_count() == n > 4
    assert dialog.windowTitle() == f"打印预览（共 {n} 页）"
    dialog.close()


def test_printed_pages_keep_orientation_and_show_the_sheet(qapp: Any, tmp_path: Path) -> None:
    """Printing to a PDF printer: landscape tables, portrait notes, the page drawn (not blank)."""
    from datetime import date

    from budgetcalc.compute.engine import compute
    from budgetcalc.rules.catalogue import default_catalogue
    from budgetcalc.scenarios.opening import open_input
    from budgetcalc.sheets.budget import build_sheet
    from budgetcalc.sheets.layout import DataDate
    from budgetcalc.sheets.pdf import pdf_bytes

    catalogue = default_catalogue()
    opened = open_input(EXAMPLES / "nanxun-2025.xlsx", catalogue)
    result = compute(opened.read.scenario, opened.catalogue)
    day = date(2026, 12, 2)
    pages = PdfPages(pdf_bytes(build_sheet(result, "yuan", data_date=DataDate(day), today=day)))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pages(pages, printer) == len(pages) > 4
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in pypdf.PdfReader(tmp_path / "printed.pdf").pages]
    landscape = [size == (842, 595) for size in sizes]
    assert set(sizes) == {(842, 595), (595, 842)}
    assert landscape == sorted(landscape, reverse=True)  # the tables landscape, then the notes portrait
    image = pages.image(0, 50)
    assert image.width() > image.height()
    assert _dark_fraction(image) > 0.01  # text and rules drawn, not a white page

    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setFromTo(2, 3)  # the officer asked for pages 2–3
    assert print_pages(pages, printer) == 2
    assert len(pypdf.PdfReader(tmp_path / "range.pdf").pages) == 2


def _dark_fraction(image: QImage) -> float:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())[: gray.bytesPerLine() * gray.height()]
    return sum(1 for b in data if b < 128) / len(data)


def test_menu_texts_follow_the_language(make_window: Any) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    assert window.menu_export.title() == "导出测算表(&E)"
    window.set_language("en")
    assert window.act_print.text() == "&Print preview and print…"
    assert window.unit_actions["wan"].text() == "Amounts in 万元 (10,000 yuan)"
    window.set_language("zh")


def test_the_proposed_file_sits_beside_the_scenario(make_window: Any, dialogs: Any, tmp_path: Path) -> None:
    window = make_window(EXAMPLES / "nanxun-2025.xlsx")
    assert window.suggested_sheet_path(".pdf") == str(EXAMPLES / "nanxun-2025-测算表.pdf")
    dialogs.save_file = str(tmp_path / "南浔方案.bcs.json")
    assert window.save()
    assert window.suggested_sheet_path(".xlsx") == str(tmp_path / "南浔方案-测算表.xlsx")
