"""The blank input workbook: the fixed headers, drop-downs, date formats, and it reads back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from budgetcalc.cli import main
from budgetcalc.inputs.reader import load_sheets, read_sheets
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("t") / "输入模板.xlsx"
    assert main(["template", str(path)]) == 0
    return path


def test_sheets_and_headers_are_the_contract(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["说明", "参数", "标准调整", "机构", "人员", "区域", "规划", "考核等次", "资金分担", "上年数",
                             "绩效目标"]
    for name, columns in ((vocab.SHEET_FACILITIES, vocab.FACILITY_COLUMNS), (vocab.SHEET_STAFF, vocab.STAFF_COLUMNS),
                          (vocab.SHEET_REGIONS, vocab.REGION_COLUMNS), (vocab.SHEET_OVERRIDES, vocab.OVERRIDE_COLUMNS),
                          (vocab.SHEET_PLAN, vocab.PLAN_COLUMNS), (vocab.SHEET_GRADES, vocab.GRADE_COLUMNS),
                          (vocab.SHEET_PAYERS, vocab.PAYER_COLUMNS), (vocab.SHEET_PRIOR, vocab.PRIOR_COLUMNS),
                          (vocab.SHEET_PROJECTS, vocab.PROJECT_COLUMNS)):
        headers = [c.value for c in wb[name][1] if c.value is not None]
        assert headers == [c.header for c in columns]
    items = [r[0] for r in wb["参数"].iter_rows(min_row=2, values_only=True)]
    assert items == [item for item, _ in vocab.SETTING_ITEMS]


def test_enumerated_columns_have_dropdowns_and_dates_a_format(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb["机构"]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["C2:C2000"] == '"' + ",".join(vocab.FACILITY_TYPES) + '"'
    assert lists["F2:F2000"] == '"是,否"'
    start = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.key for c in vocab.FACILITY_COLUMNS].index("start_date")]
    assert ws[f"{start}2"].number_format == "yyyy-mm-dd"
    staff_lists = {str(dv.sqref): dv.formula1 for dv in wb["人员"].data_validations.dataValidation}
    assert staff_lists["G2:G2000"] == '"' + ",".join(vocab.RECRUITMENT) + '"'


def test_blank_template_only_lacks_the_required_settings(template: Path, catalogue: Catalogue) -> None:
    result = read_sheets(load_sheets(template), catalogue)
    assert sorted((p.code, p.column) for p in result.problems) == [("required", "政策标准"), ("required", "预算年度")]


def test_filled_template_computes(template: Path, tmp_path: Path, catalogue: Catalogue,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.load_workbook(template)
    wb["参数"]["B2"] = 2025
    wb["参数"]["B3"] = "wendeng"
    wb["机构"].append(["C1", "某村卫生室", "村卫生室", "宋村镇", 3, "是"])
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    assert main(["compute", str(path), "--json"]) == 0
    assert '"total_fen": 3000000' in capsys.readouterr().out
