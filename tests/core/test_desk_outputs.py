"""On the officer's desk: input order (or pinyin) everywhere, clean printouts, a saved scenario from the
command line, a readable catalogue, causes that name what changed, and the README's commands."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from budgetcalc.base.ordering import Order, ordered
from budgetcalc.base.textwidth import width
from budgetcalc.cli import main
from budgetcalc.compare import compare
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import read_sheets
from budgetcalc.report.comparison import comparison_text
from budgetcalc.report.summary import summary_text
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.scenarios.file import load_scenario, save_scenario
from budgetcalc.scenarios.opening import load_results, open_input
from budgetcalc.sheets.budget import build_sheet
from budgetcalc.sheets.comparison import build_comparison_sheet
from budgetcalc.sheets.details import town_table
from budgetcalc.sheets.layout import DataDate
from budgetcalc.sheets.pdf import LAST_PAGE_LINES
from tests.builders import sheets

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SAMPLES = sorted(SCENARIOS.glob("*.xlsx"))
RAISED = SCENARIOS / "wendeng-2025-raised.bcs.json"
WENDENG_TOWNS = ["龙山街道", "天福街道", "环山街道", "宋村镇", "泽头镇", "大水泊镇", "张家产镇", "高村镇", "侯家镇"]
DAY = dt.date(2025, 1, 10)


def opened(path: Path, catalogue: Catalogue) -> Result:
    found = open_input(path, catalogue)
    assert found.read.scenario is not None, found.read.problems
    return compute(found.read.scenario, found.catalogue)


def clinics(order: str = "", filing_date: str = "") -> dict[str, list[list[object]]]:
    """文登 village clinics in three towns, listed 侯家镇, 天福街道, 大水泊镇."""
    settings = {"预算年度": 2025, "政策标准": "wendeng"} | ({"排序方式": order} if order else {}) | (
        {"填报日期": filing_date} if filing_date else {})
    towns = ["侯家镇", "天福街道", "大水泊镇"]
    return sheets(settings, [{"机构编码": f"C{i}", "机构名称": f"{t}村卫生室", "机构类型": "村卫生室", "所属镇街": t,
                              "数量": 2, "一体化管理": "是"} for i, t in enumerate(towns)])


# ------------------------------------------------------------------ order


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_towns_keep_the_inputs_order_in_the_summary_and_the_sheets(path: Path, catalogue: Catalogue) -> None:
    result = opened(path, catalogue)
    listed = list(dict.fromkeys(t for t in result.scenario.facilities["town"] if isinstance(t, str) and t))
    towns = [t for t in result.by_town() if t in listed]
    assert towns == [t for t in listed if t in towns]
    text = summary_text(result)
    block = text[text.index("按镇街"):]
    assert sorted(towns, key=block.index) == towns
    groups = [r.cells[1].removesuffix("（小计）") for r in town_table(result, "yuan").rows if r.style == "group"]
    assert [t for t in groups if t in listed] == towns


def test_wendeng_is_listed_as_entered_not_by_character_code(catalogue: Catalogue) -> None:
    result = opened(SCENARIOS / "wendeng-2025.xlsx", catalogue)
    assert list(result.by_town()) == WENDENG_TOWNS
    book = build_comparison_sheet(compare([result, result], ["a", "b"]), today=DAY, charts=False)
    town_rows = next(t for t in book.tables if t.sheet == "按镇街").rows
    assert [r.cells[1] for r in town_rows if r.style == "item"] == WENDENG_TOWNS


def test_pinyin_order_is_a_setting_of_the_settings_sheet(catalogue: Catalogue) -> None:
    as_entered = read_sheets(clinics(), catalogue).scenario
    by_pinyin = read_sheets(clinics("拼音"), catalogue).scenario
    assert as_entered is not None and by_pinyin is not None
    assert list(compute(as_entered, catalogue).by_town()) == ["侯家镇", "天福街道", "大水泊镇"]
    result = compute(by_pinyin, catalogue)
    assert list(result.by_town()) == ["大水泊镇", "侯家镇", "天福街道"]
    groups = [r.cells[1] for r in town_table(result, "yuan").rows if r.style == "group"]
    assert groups == ["大水泊镇（小计）", "侯家镇（小计）", "天福街道（小计）"]
    lines = build_sheet(result, data_date=DataDate(DAY), today=DAY).tables[2].rows
    assert [r.cells[1] for r in lines if r.style == "item"] == ["大水泊镇", "侯家镇", "天福街道"]
    assert ordered(WENDENG_TOWNS, Order.PINYIN)[:3] == ["大水泊镇", "高村镇", "侯家镇"]


def test_the_order_setting_is_saved_with_a_scenario_and_a_wrong_one_refused(tmp_path: Path,
                                                                             catalogue: Catalogue) -> None:
    scenario = read_sheets(clinics("拼音"), catalogue).scenario
    assert scenario is not None
    reopened = load_scenario(save_scenario(tmp_path / "s.bcs.json", scenario, catalogue), catalogue).read.scenario
    assert reopened is not None and reopened.settings.order == Order.PINYIN
    refused = read_sheets(clinics("笔画"), catalogue)
    assert refused.scenario is None and [p.code for p in refused.problems] == ["not_in_choices"]


# ------------------------------------------------------------------ 填报日期


def test_the_sheets_date_is_the_filing_date_setting_else_the_day_of_export(tmp_path: Path,
                                                                           catalogue: Catalogue) -> None:
    dated = read_sheets(clinics(filing_date="2025-01-10"), catalogue).scenario
    undated = read_sheets(clinics(), catalogue).scenario
    assert dated is not None and undated is not None
    today = dt.date(2026, 3, 5)
    signed = build_sheet(compute(dated, catalogue), data_date=DataDate(today), today=today).sign_off
    assert signed[-1] == "日期：2025年1月10日"
    assert build_sheet(compute(undated, catalogue), data_date=DataDate(today), today=today).sign_off[-1] \
        == "日期：2026年3月5日"
    reopened = load_scenario(save_scenario(tmp_path / "d.bcs.json", dated, catalogue), catalogue).read.scenario
    assert reopened is not None and reopened.settings.filing_date == DAY
    wrong = read_sheets(clinics(filing_date="明天"), catalogue)
    assert wrong.scenario is None and [p.code for p in wrong.problems] == ["not_a_date"]


# ------------------------------------------------------------------ printouts


def test_the_notes_sheet_fits_the_page_width_at_full_size(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    assert main(["export", str(SCENARIOS / "nanxun-2025.xlsx"), "-o", str(path), "--unit", "wan"]) == 0
    notes = openpyxl.load_workbook(path)["测算说明"]
    setup = notes.page_setup
    assert notes.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
    assert setup.orientation == "portrait" and setup.paperSize == 9
    printable_mm = 210 - 25.4 * (notes.page_margins.left + notes.page_margins.right)
    # LibreOffice without Calibri (DejaVu Sans) takes about 2.2 mm a width unit and does not scale
    # a column it finds narrow enough: 92 units were clipped at both margins
    assert notes.column_dimensions["A"].width * 2.2 <= printable_mm


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and poppler (pdftotext) are needed")
def test_the_notes_sheet_printed_by_libreoffice_is_not_clipped(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    assert main(["export", str(SCENARIOS / "nanxun-2025.xlsx"), "-o", str(path), "--unit", "wan"]) == 0
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    pages = PdfReader(tmp_path / "s.pdf").pages
    notes = next(p for p in pages if "测算说明" in p.extract_text())
    assert float(notes.mediabox.width) < float(notes.mediabox.height)  # portrait
    text = subprocess.run(["pdftotext", "-f", str(pages.index(notes) + 1), "-l", str(pages.index(notes) + 1),
                           str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "编制单位（盖章）：湖州市南浔区财政局" in text and "一、编制依据" in text


@pytest.fixture(scope="module")
def wan_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("wan")
    paths = {}
    for sample in SAMPLES:
        paths[sample.stem] = out / f"{sample.stem}.pdf"
        assert main(["export", str(sample), "-o", str(paths[sample.stem]), "--unit", "wan"]) == 0
    return paths


@pytest.mark.parametrize("sample", [p.stem for p in SAMPLES])
def test_no_page_of_a_wan_pdf_is_an_orphan(sample: str, wan_pdfs: dict[str, Path]) -> None:
    """A page that continues a table holds more than its 合计 (two rows of items at least); one that continues
    the notes holds LAST_PAGE_LINES lines at least — never only “单位。”."""
    pages = [p.extract_text().splitlines() for p in PdfReader(wan_pdfs[sample]).pages]
    for number, lines in enumerate(pages, start=1):
        head, body = lines[0], [ln for ln in lines[1:] if "单位负责人" not in ln]
        if not head.endswith("（续）"):
            continue
        if head.endswith("测算说明（续）"):
            assert len(body) >= LAST_PAGE_LINES, (number, body)
        else:
            assert sum(bool(re.match(r"\d+ \S", ln)) for ln in body) >= 2, (number, body)
    last = "".join(pages[-1])
    assert "测算口径" in "".join("".join(p) for p in pages[-2:]) and not re.fullmatch(r".*（续）单位。.*", last)


def test_the_comparison_pdf_packs_small_tables_and_its_notes_cite_its_own_columns(tmp_path: Path,
                                                                                  catalogue: Catalogue) -> None:
    path = tmp_path / "c.pdf"
    assert main(["compare", str(SCENARIOS / "wendeng-2025.xlsx"), str(RAISED), "-o", str(path)]) == 0
    pages = [p.extract_text() for p in PdfReader(path).pages]
    assert len(pages) <= 6
    assert any("表三" in p and "表四" in p for p in pages)
    results = load_results([SCENARIOS / "wendeng-2025.xlsx", RAISED], catalogue).results
    book = build_comparison_sheet(compare(results, ["现行", "提标"]), today=DAY, charts=False)
    for table in book.tables:
        numbers = {c.number for c in table.columns}
        cited = set(re.findall(r"\([甲乙丙丁戊己庚辛壬癸0-9]+\)", table.formula_note))
        assert cited and cited <= numbers, (table.title, table.formula_note)
    totals = book.tables[0]
    by_key = {c.key: c.number for c in totals.columns}
    assert totals.formula_note.startswith(f"{by_key['amount']}为各方案合计，{by_key['delta']}={by_key['amount']}")


# ------------------------------------------------------------------ the command line


def test_save_writes_a_scenario_that_computes_as_its_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              catalogue: Catalogue) -> None:
    workbook = SCENARIOS / "lishui-2025.xlsx"   # with overrides on its 标准调整 sheet
    out = tmp_path / "ls.bcs.json"
    assert main(["save", str(workbook), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["compute", str(workbook), "--json"]) == 0
    from_workbook = json.loads(capsys.readouterr().out)
    assert main(["compute", str(out), "--json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert from_file["total_fen"] == from_workbook["total_fen"] and from_file["lines"] == from_workbook["lines"]
    assert len(opened(out, catalogue).scenario.overrides) == 2
    assert main(["save", str(workbook), "-o", str(out)]) == 2                    # exists: not replaced
    assert main(["save", str(workbook), "-o", str(tmp_path / "x.xlsx")]) == 2   # not a scenario file
    bad = tmp_path / "bad.xlsx"
    from tests.builders import write_xlsx

    write_xlsx(bad, sheets({"预算年度": 1800, "政策标准": "wendeng"}))
    assert main(["save", str(bad), "-o", str(tmp_path / "bad.bcs.json")]) == 2
    assert not (tmp_path / "bad.bcs.json").exists() and capsys.readouterr().out == ""


def test_profiles_are_listed_in_words_and_the_machine_form_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles"]) == 0
    text = capsys.readouterr().out
    for internal in ("unit_rate", "ratio=", "per=", "minimum=True", "wendeng.village"):
        assert internal not in text
    assert "10,000.00 元/个·年" in text and "二(三)10" in text
    assert max(width(line) for line in text.splitlines()) <= 120
    assert main(["profiles", "--ids"]) == 0
    assert "wendeng.village_clinic_operation" in capsys.readouterr().out
    assert main(["profiles", "--json"]) == 0
    assert '"kind": "unit_rate"' in capsys.readouterr().out


def test_a_cause_names_the_old_and_the_new_value(catalogue: Catalogue) -> None:
    comparison = compare(load_results([SCENARIOS / "wendeng-2025.xlsx", RAISED], catalogue).results, ["现行", "提标"])
    named = "标准变化：10,000→12,000 元/个·年（提标方案）"
    assert named in comparison_text(comparison)
    assert "200→250 元/人·月（提标方案）" in comparison_text(comparison)
    book = build_comparison_sheet(comparison, today=DAY, charts=False)
    assert any(named in str(cell) for row in book.tables[1].rows for cell in row.cells)
    assert any(named in p for note in book.notes for p in note.paragraphs)
    assert "rate change: 10,000→12,000 yuan/" in comparison_text(comparison, "en")


def test_the_readme_compare_example_runs_as_written(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    line = next(ln for ln in readme.splitlines() if ln.startswith("budgetcalc compare scenarios/"))
    monkeypatch.chdir(ROOT)
    assert main(shlex.split(line.split("#")[0])[1:]) == 0
    assert "标准变化：10,000→12,000 元/个·年" in capsys.readouterr().out
