"""What the program writes, against hostile names: no text cell of any workbook it writes runs as a
formula (names, towns, scenario names from file names like ``=1+1.bcs.json``), and no output
replaces an input."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.builders import sheets, write_xlsx

ROOT = Path(__file__).parents[2]
HOSTILE = ["=1+1", "@SUM(A1)", "+1", "-2+3", "=HYPERLINK(\"http://example.com\",\"x\")"]


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetcalc", *map(str, args)], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    facilities = [{"机构编码": f"C{i}", "机构名称": name, "机构类型": "村卫生室", "一体化管理": "是", "所属镇街": name}
                  for i, name in enumerate(HOSTILE)]
    facilities.append({"机构编码": "V", "机构名称": "=1+1车", "机构类型": "移动医疗车", "新增": "是",
                       "启用日期": dt.date(2025, 7, 1), "所属镇街": "@镇"})
    book = sheets({"预算年度": 2025, "政策标准": "wendeng", "编制单位": "=1+1财政局"}, facilities,
                  [{"机构编码": "C0", "姓名": "@张三", "编制类型": "乡村医生"}])
    return write_xlsx(tmp_path / "=in.xlsx", book)


def formula_cells(path: Path) -> list[tuple[str, str, object]]:
    book = load_workbook(path)
    return [(ws.title, c.coordinate, c.value) for ws in book for row in ws.iter_rows() for c in row
            if c.data_type == "f"]


def texts(path: Path) -> set[str]:
    book = load_workbook(path)
    return {c.value for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def test_no_workbook_written_holds_a_formula_and_every_name_stays_text(tmp_path: Path, hostile: Path) -> None:
    scenario = tmp_path / "=1+1.bcs.json"
    assert cli("save", hostile, "-o", scenario).returncode == 0
    outputs = {
        "export": ("export", hostile, "-o", tmp_path / "sheet.xlsx"),
        "export_wan": ("export", scenario, "-o", tmp_path / "sheet_wan.xlsx", "--unit", "wan"),
        "compare": ("compare", hostile, scenario, "-o", tmp_path / "compare.xlsx"),
        "compare_named": ("compare", hostile, scenario, "--names", "=A,@B", "-o", tmp_path / "named.xlsx"),
        "performance": ("performance", hostile, "-o", tmp_path / "perf.xlsx"),
        "system": ("system", hostile, "-o", tmp_path / "system.xlsx"),
        "template": ("template", tmp_path / "template.xlsx"),
    }
    for name, command in outputs.items():
        done = cli(*command)
        assert done.returncode == 0, (name, done.stderr)
        out = Path(command[command.index("-o") + 1] if "-o" in command else command[1])
        assert formula_cells(out) == [], name
    sheet = texts(tmp_path / "sheet.xlsx")
    assert {"=1+1", "@SUM(A1)", "+1", "-2+3"} <= sheet, "the names are kept as they were typed"
    assert any("=1+1" in t for t in texts(tmp_path / "compare.xlsx")), "the scenario's file name is a header"
    assert {"=A", "@B"} & {t.split("\n")[0] for t in texts(tmp_path / "named.xlsx")}


@pytest.mark.parametrize("command", [("export", "-o", "{input}"), ("compute", "--json", "-o", "{input}"),
                                     ("performance", "-o", "{link}"), ("system", "-o", "{input}"),
                                     ("save", "-o", "{input}")])
def test_an_output_that_is_the_input_is_refused_and_the_input_kept(tmp_path: Path, hostile: Path,
                                                                   command: tuple[str, ...]) -> None:
    before = hostile.read_bytes()
    link = tmp_path / "link.xlsx"
    link.symlink_to(hostile)
    args = [a.format(input=hostile, link=link) for a in command]
    done = cli(args[0], hostile, *args[1:])
    assert done.returncode == 2 and "输出文件就是输入文件" in done.stderr, done.stderr
    assert hostile.read_bytes() == before


def test_the_prior_year_and_the_compared_inputs_are_inputs_too(tmp_path: Path, hostile: Path) -> None:
    other = tmp_path / "other.xlsx"
    other.write_bytes(hostile.read_bytes())
    before = other.read_bytes()
    assert cli("export", hostile, "--prior", other, "-o", other).returncode == 2
    assert cli("compare", hostile, other, "-o", other).returncode == 2
    assert other.read_bytes() == before
