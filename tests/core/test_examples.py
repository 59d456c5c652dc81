"""The worked examples, computed through the command line, to the fen."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from budgetcalc.cli import main
from tests.conftest import EXAMPLES

CASES = sorted(p.stem for p in EXAMPLES.glob("*.xlsx"))


def test_all_four_examples_are_present() -> None:
    assert CASES == ["nanxun-2025", "wendeng-2025", "wendeng-2025-raised", "xx-performance-2025"]


@pytest.mark.parametrize("case", CASES)
def test_compute_json_matches_expected(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    expected = json.loads((EXAMPLES / f"{case}.expected.json").read_text("utf-8"))
    assert main(["compute", str(EXAMPLES / f"{case}.xlsx"), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["total_fen"] == expected["total_fen"]
    for standard_id, fen in expected["by_standard"].items():
        assert got["by_standard"][standard_id] == fen, standard_id
    assert sum(line["amount_fen"] for line in got["lines"] if line["in_total"]) == got["total_fen"]
    for line in got["lines"]:
        assert line["explanation"] and line["citation"] in line["explanation"]
        assert isinstance(line["amount_fen"], int)


def test_console_entry_point_runs_as_a_separate_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "budgetcalc", "compute", str(EXAMPLES / "wendeng-2025.xlsx"), "--json"],
        capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total_fen"] == 30000000


def test_explanations_name_the_numbers_and_the_clause(capsys: pytest.CaptureFixture[str]) -> None:
    main(["compute", str(EXAMPLES / "nanxun-2025.xlsx"), "--json"])
    lines = json.loads(capsys.readouterr().out)["lines"]
    vehicle = [ln for ln in lines if ln["standard_id"] == "nanxun.mobile_clinic_operation" and ln["months"] == 6]
    assert len(vehicle) == 1
    text = vehicle[0]["explanation"]
    assert "250,000.00 元/车·年" in text and "6/12" in text and "125,000.00" in text
    assert "浔政办发〔2024〕25号" in text and "二(四)11" in text
    assert vehicle[0]["sheet"] == "机构" and vehicle[0]["row"] == 4


def test_summary_text_is_chinese_with_total_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(EXAMPLES / "nanxun-2025.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "合计：549,500.00 元" in out
    assert "伍拾肆万玖仟伍佰元整" in out


def test_profile_and_year_flags_override_the_workbook(capsys: pytest.CaptureFixture[str]) -> None:
    # The raised Wendeng workbook computed for 2030 is outside nothing: wendeng has no end date.
    assert main(["compute", str(EXAMPLES / "wendeng-2025.xlsx"), "--json", "--year", "2026"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["year"] == 2026
    # the two 镇聘村用 persons on post since 2025-04 now count all 12 months
    assert got["by_standard"]["wendeng.village_post_subsidy"] == 8 * 200 * 12 * 100
    assert main(["compute", str(EXAMPLES / "wendeng-2025.xlsx"), "--json", "--profile", "nanxun"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["profile"] == "nanxun" and "wendeng.village_clinic_operation" not in got["by_standard"]


def test_output_file_gets_the_json(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.json"
    assert main(["compute", str(EXAMPLES / "xx-performance-2025.xlsx"), "--json", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text("utf-8"))["total_fen"] == 413400000
