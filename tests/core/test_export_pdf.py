"""The exported PDF, read back with pypdf: figures, words, citations, page numbers, embedded fonts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from budgetcalc.base.money import format_yuan, rmb_upper
from budgetcalc.cli import main
from budgetcalc.report.words import citation
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.sheets.budget import build_sheet
from budgetcalc.sheets.layout import ROUNDING_LABEL, DataDate
from budgetcalc.sheets.pdf import write_pdf
from tests.conftest import EXAMPLES
from tests.core.test_budget_sheet import CASES, example, rounding_result

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for case in CASES:
        path = out / f"{case}.pdf"
        assert main(["export", str(EXAMPLES / f"{case}.xlsx"), "-o", str(path)]) == 0
        paths[case] = path
    return paths


def page_texts(path: Path) -> list[str]:
    """Each page's text without whitespace: wrapped cells and lines join up again."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(path).pages]


@pytest.mark.parametrize("case", CASES)
def test_total_words_citations_and_every_standard(case: str, exported: dict[str, Path],
                                                  catalogue: Catalogue) -> None:
    result = example(case, catalogue)
    pages = page_texts(exported[case])
    first = pages[0]
    assert f"合计{format_yuan(result.total_fen)}" in first
    assert f"合计人民币（大写）：{rmb_upper(result.total_fen)}" in first
    for standard_id, fen in result.by_standard().items():
        std = result.standard(standard_id)
        assert std.label in first and format_yuan(fen) in first, standard_id
        assert citation(result.profile, std.clause).replace(" ", "") in first, standard_id
    if result.profile.document_number:
        assert result.profile.document_number in first


def test_nanxun_words_and_document_number(exported: dict[str, Path]) -> None:
    first = page_texts(exported["nanxun-2025"])[0]
    assert "549,500.00" in first and "伍拾肆万玖仟伍佰元整" in first and "浔政办发〔2024〕25号" in first


@pytest.mark.parametrize("case", CASES)
def test_every_page_is_numbered_of_the_total(case: str, exported: dict[str, Path]) -> None:
    pages = page_texts(exported[case])
    for number, text in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in text
        assert "单位负责人：" in text and "审核人：" in text and "制表人：" in text and "日期：" in text


def test_fonts_are_embedded(exported: dict[str, Path]) -> None:
    for path in exported.values():
        fonts = _fonts(PdfReader(path))
        assert fonts
        for font in fonts:
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            assert "/FontFile2" in described["/FontDescriptor"].get_object(), font.get("/BaseFont")


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    found: dict[int, DictionaryObject] = {}
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for ref in resources.get("/Font", {}).values():
            found[id(ref.get_object())] = ref.get_object()
    return list(found.values())


def test_table_headings_repeat_on_every_page_of_a_long_table(tmp_path: Path) -> None:
    path = tmp_path / "nanxun.pdf"
    assert main(["export", str(SCENARIOS / "nanxun-2025.xlsx"), "-o", str(path)]) == 0
    pages = page_texts(path)
    notes_from = next(i for i, t in enumerate(pages) if "一、编制依据" in t)
    assert notes_from > 1 and all("序号" in t for t in pages[:notes_from])  # every table page has the column titles
    continued = [t for t in pages[:notes_from] if "（续）" in t]
    assert continued and all(any(f"序号{first}" in t for first in ("项目", "镇街", "配置标准", "目标"))
                             for t in continued)
    assert "起止月份均计入" in "".join(pages[notes_from:])


def test_band_table_lists_low_chosen_high(exported: dict[str, Path]) -> None:
    text = "".join(page_texts(exported["xx-performance-2025"]))
    assert "绩效工资档位测算表" in text
    assert "3,780,000.00" in text and "4,134,000.00" in text and "5,168,000.00" in text


def test_wan_pdf_shows_the_rounding_difference_row(tmp_path: Path, catalogue: Catalogue) -> None:
    sheet = build_sheet(rounding_result(catalogue), "wan", data_date=DataDate(dt.date(2025, 1, 1)),
                        today=dt.date(2025, 1, 2))
    path = tmp_path / "wan.pdf"
    write_pdf(sheet, path)
    first = page_texts(path)[0]
    assert "单位：万元" in first
    assert f"{ROUNDING_LABEL}-0.01" in first and "合计4.58" in first


def test_bad_input_writes_no_pdf(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK but not really")
    out = tmp_path / "测算表.pdf"
    assert main(["export", str(bad), "-o", str(out)]) == 2
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["bad.xlsx"]
