"""The exported .xlsx, read back the way Excel-compatible readers see it (openpyxl and calamine)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from budgetcalc.base.money import format_yuan, rmb_upper
from budgetcalc.cli import main
from budgetcalc.rules.catalogue import Catalogue, default_catalogue
from budgetcalc.sheets.budget import build_sheet
from budgetcalc.sheets.layout import ROUNDING_LABEL, DataDate, Row
from budgetcalc.sheets.xlsx import write_xlsx
from tests.conftest import EXAMPLES
from tests.core.test_budget_sheet import CASES, example, rounding_result

TABLE_SHEETS = ["汇总", "明细", "逐行明细"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each example exported once through the command line."""
    out = tmp_path_factory.mktemp("xlsx")
    paths = {}
    for case in CASES:
        path = out / f"{case}.xlsx"
        assert main(["export", str(EXAMPLES / f"{case}.xlsx"), "-o", str(path)]) == 0
        paths[case] = path
    return paths


def openpyxl_rows(path: Path, sheet: str) -> list[list[Any]]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [[None if v == "" else v for v in row] for row in ws.iter_rows(values_only=True)]


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return [[None if v == "" else v for v in row] for row in rows]


READERS = {"openpyxl": openpyxl_rows, "calamine": calamine_rows}


def table(rows: list[list[Any]]) -> tuple[list[Any], list[list[Any]]]:
    """The column titles and the rows below the headings (titles, 列次 and formula note)."""
    head = next(i for i, r in enumerate(rows) if r[0] == "序号")
    body = rows[head + 2:]
    if body and str(body[0][0] or "").startswith("注："):
        body = body[1:]
    return rows[head], body


def by_label(rows: list[list[Any]], label_col: str, amount_col: str = "金额") -> dict[str, Any]:
    titles, body = table(rows)
    label, amount = titles.index(label_col), titles.index(amount_col)
    return {str(r[label]): r[amount] for r in body if r[label] is not None}


def yuan(value: Any) -> str:
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    return f"{value:,.2f}"


# ------------------------------------------------------------------ figures


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", CASES)
def test_every_standard_and_the_total_read_back_as_expected(case: str, reader: str, exported: dict[str, Path],
                                                            catalogue: Catalogue) -> None:
    expected = json.loads((EXAMPLES / f"{case}.expected.json").read_text("utf-8"))
    rows = READERS[reader](exported[case], "汇总")
    amounts = {k.removesuffix("（调整）").removeprefix("其中："): v for k, v in by_label(rows, "项目").items()}
    result = example(case, catalogue)
    for standard_id, fen in expected["by_standard"].items():
        assert yuan(amounts[result.standard(standard_id).label]) == format_yuan(fen), standard_id
    assert yuan(amounts["合计"]) == format_yuan(expected["total_fen"])
    texts = [str(v) for r in rows for v in r if isinstance(v, str)]
    assert any(t.endswith(rmb_upper(expected["total_fen"])) for t in texts)
    # the line detail adds up to the same total, to the fen
    details = by_label(READERS[reader](exported[case], "逐行明细"), "镇街")
    assert yuan(details["合计"]) == format_yuan(expected["total_fen"])


def test_nanxun_total_in_words_in_the_workbook(exported: dict[str, Path]) -> None:
    rows = openpyxl_rows(exported["nanxun-2025"], "汇总")
    assert "合计人民币（大写）：伍拾肆万玖仟伍佰元整" in [v for r in rows for v in r]


def test_every_line_is_in_the_line_sheet(exported: dict[str, Path], catalogue: Catalogue) -> None:
    result = example("nanxun-2025", catalogue)
    titles, body = table(calamine_rows(exported["nanxun-2025"], "逐行明细"))
    source, amount = titles.index("数据来源"), titles.index("金额")
    got = sorted((r[source], round(r[amount] * 100)) for r in body if r[source])
    want = sorted((f"{s}表第{n}行", int(f)) for s, n, f in
                  zip(result.lines["sheet"], result.lines["row"], result.lines["amount_fen"], strict=True))
    assert got == want


def test_numbers_are_number_cells_and_nothing_is_a_formula(exported: dict[str, Path]) -> None:
    for case, path in exported.items():
        wb = openpyxl.load_workbook(path)
        for ws in wb:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (case, ws.title, cell.coordinate)
                    if isinstance(cell.value, (int, float)):
                        assert cell.data_type == "n"
        summary = wb["汇总"]
        money = [c for c in summary["H"] if isinstance(c.value, (int, float))]
        assert money and all(c.number_format == "#,##0.00" for c in money)
        with zipfile.ZipFile(path) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
            assert all("<f>" not in z.read(n).decode("utf-8") and "<f " not in z.read(n).decode("utf-8")
                       for n in sheets)


def test_amount_cells_of_the_summary_are_numbers(exported: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(exported["wendeng-2025-raised"])["汇总"]
    titles = [c.value for c in next(r for r in ws.iter_rows() if r[0].value == "序号")]
    col = titles.index("金额")
    cells = [r[col] for r in ws.iter_rows(min_row=8) if r[col].value is not None]
    assert cells and all(c.data_type == "n" for c in cells)
    assert [c.value for c in cells][:3] == [360000, 360000, 22500]   # fund group, fund, 其中 post subsidy
    assert [c.value for c in cells][-2:] == [360000, 360000]         # 合计, 其中：区级财政


# ------------------------------------------------------------------ page setup and look


def test_page_setup_of_every_sheet(exported: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(exported["xx-performance-2025"])
    assert wb.sheetnames == [*TABLE_SHEETS, "绩效工资", "人员配置", "政策目标", "科目汇总", "资金来源", "分单位",
                             "分月用款", "测算说明"]
    for ws in wb:
        setup = ws.page_setup
        assert setup.paperSize == 9, ws.title
        assert setup.orientation == ("portrait" if ws.title == "测算说明" else "landscape")
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert setup.fitToWidth in (None, 1)   # 1 is the schema default, which writers leave out
        assert setup.fitToHeight == 0
        assert "第 &P 页 共 &N 页" in ws.oddFooter.right.text
        sign_off = ws.oddFooter.left.text
        assert all(word in sign_off for word in ("单位负责人", "审核人", "制表人", "日期"))
        if ws.title != "测算说明":
            assert ws.print_title_rows == "$5:$7"   # column titles, 列次 and formula note
    with zipfile.ZipFile(exported["xx-performance-2025"]) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert 'fitToHeight="0"' in xml and 'fitToWidth="' not in xml.replace('fitToWidth="1"', "")


def test_fonts_are_ones_windows_ships(exported: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(exported["nanxun-2025"])
    summary = wb["汇总"]
    assert summary["A1"].font.name == "黑体"
    assert summary["B9"].font.name == "宋体"
    notes = wb["测算说明"]
    assert {notes.cell(r, 1).font.name for r in range(1, notes.max_row + 1)} <= {"黑体", "宋体", "仿宋"}
    assert "仿宋" in {notes.cell(r, 1).font.name for r in range(1, notes.max_row + 1)}


def test_header_and_notes_sheet(exported: dict[str, Path]) -> None:
    rows = openpyxl_rows(exported["nanxun-2025"], "汇总")
    cells = [v for r in rows[:4] for v in r if v]
    assert cells[0] == "2025年度基层医疗卫生补助资金测算表"
    assert "编制单位（盖章）：湖州市南浔区财政局" in cells and "单位：元" in cells
    assert any("浔政办发〔2024〕25号" in str(c) and "预算年度：2025年" in str(c) for c in cells)
    notes = " ".join(str(r[0]) for r in openpyxl_rows(exported["nanxun-2025"], "测算说明") if r[0])
    assert "数据日期" in notes and "nanxun-2025.xlsx" in notes and "起止月份均计入" in notes


# ------------------------------------------------------------------ 万元 and text safety


def test_wan_workbook_shows_the_rounding_difference(tmp_path: Path, catalogue: Catalogue) -> None:
    sheet = build_sheet(rounding_result(catalogue), "wan", data_date=DataDate(dt.date(2025, 1, 1)),
                        today=dt.date(2025, 1, 2))
    path = tmp_path / "wan.xlsx"
    write_xlsx(sheet, path)
    for reader in READERS.values():
        amounts = by_label(reader(path, "汇总"), "项目")
        assert amounts[ROUNDING_LABEL] == pytest.approx(-0.01)
        assert amounts["合计"] == pytest.approx(4.58)
        assert "单位：万元" in [v for r in reader(path, "汇总") for v in r]


TRAPS = ['=HYPERLINK("http://example.com","点此")', "+1", "@张三", "-2+3", "\t=1+1", "\x00=1+1", "=1+1\n第二行"]


def test_text_that_looks_like_a_formula_stays_literal_text(tmp_path: Path, catalogue: Catalogue) -> None:
    sheet = build_sheet(rounding_result(catalogue), data_date=DataDate(dt.date(2025, 1, 1)), today=dt.date(2025, 1, 2))
    lines = sheet.tables[2]
    width = len(lines.columns)
    extra = tuple(Row((None, trap, trap, trap, *[None] * (width - 4))) for trap in TRAPS)
    sheet = replace(sheet, tables=(*sheet.tables[:2], replace(lines, rows=lines.rows + extra)))
    path = tmp_path / "traps.xlsx"
    write_xlsx(sheet, path)
    ws = openpyxl.load_workbook(path)["逐行明细"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    # names from the input (see rounding_result) and the crafted cells
    for text in ['=HYPERLINK("http://example.com","点此")', "+1", "@张三", "-2+3", "\t=1+1", "=1+1\n第二行"]:
        assert text in cells, text
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    assert "\ufffd=1+1" in cells   # NUL cannot be stored: shown as a replacement mark, still text
    calamine = {v for r in calamine_rows(path, "逐行明细") for v in r if isinstance(v, str)}
    assert {"+1", "@张三", "\t=1+1", '=HYPERLINK("http://example.com","点此")'} <= calamine
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


# ------------------------------------------------------------------ the command


def test_bad_input_exits_2_and_leaves_the_existing_file_alone(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    out = tmp_path / "测算表.xlsx"
    out.write_bytes(b"previous sheet")
    assert main(["export", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "未写出任何文件" in err
    assert out.read_bytes() == b"previous sheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx", "测算表.xlsx"]


def test_unknown_output_type_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "测算表.docx"
    assert main(["export", str(EXAMPLES / "nanxun-2025.xlsx"), "-o", str(out)]) == 2
    assert ".xlsx 或 .pdf" in capsys.readouterr().err and not out.exists()


def test_profile_year_and_unit_flags(tmp_path: Path) -> None:
    out = tmp_path / "w.xlsx"
    args = ["export", str(EXAMPLES / "wendeng-2025.xlsx"), "-o", str(out), "--unit", "wan", "--year", "2026"]
    assert main(args) == 0
    rows = openpyxl_rows(out, "汇总")
    assert rows[0][0] == "2026年度基层医疗卫生补助资金测算表"
    assert by_label(rows, "项目")["其中：村卫生室岗位补贴"] == pytest.approx(1.92)   # 8 × 200 × 12 元
    assert "单位：万元" in [v for r in rows for v in r]


def test_scenario_file_input(tmp_path: Path) -> None:
    from budgetcalc.scenarios.file import save_scenario
    from budgetcalc.scenarios.opening import open_input

    catalogue = default_catalogue()
    read = open_input(EXAMPLES / "nanxun-2025.xlsx", catalogue).read
    assert read.scenario is not None
    saved = save_scenario(tmp_path / "南浔.bcs.json", read.scenario, catalogue)
    out = tmp_path / "s.xlsx"
    assert main(["export", str(saved), "-o", str(out)]) == 0
    assert by_label(openpyxl_rows(out, "汇总"), "项目")["合计"] == 549500
