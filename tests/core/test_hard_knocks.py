"""Workbooks that broke the program (issue: hard knocks), each built here in a few kilobytes:
every one ends in a problem naming the sheet, row and column, or a computed result; never an
internal error, a hang or a process killed for memory. Validate and compute agree: whatever
compute refuses, validate reports."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest
from openpyxl import Workbook

from budgetcalc.base.problems import Problem, errors
from budgetcalc.compute.engine import compute
from budgetcalc.inputs import workbook_guard
from budgetcalc.inputs.reader import read_workbook
from budgetcalc.rules.catalogue import Catalogue
from tests import knock_files as kf
from tests.builders import sheets, write_xlsx

try:
    import resource  # POSIX: the memory cap of the child; elsewhere the child runs uncapped
except ImportError:
    resource = None  # type: ignore[assignment]

ROOT = Path(__file__).parents[2]
BASE = {"预算年度": 2025, "政策标准": "wendeng"}
CLINIC = {"机构编码": "C", "机构类型": "村卫生室", "一体化管理": "是"}
XX = {"预算年度": 2025, "政策标准": "xx_talent", "绩效工资基准线": 100000}
CENTRE = {"机构编码": "H", "机构类型": "乡镇卫生院"}
MEMORY_CAP = 3 << 30   # a child that would need more is killed: the refusal must come first


def cli(*args: str | os.PathLike[str] | bytes, cap: int | None = MEMORY_CAP,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if cap and resource is not None:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "budgetcalc", *map(os.fsdecode, args)], capture_output=True,
                          text=True, env=env, timeout=timeout, preexec_fn=limit if os.name == "posix" else None)


def problems_of(tmp_path: Path, book: dict[str, list[list[object]]], catalogue: Catalogue) -> tuple[Problem, ...]:
    read = read_workbook(write_xlsx(tmp_path / "in.xlsx", book), catalogue)
    for problem in read.problems:   # every message renders in both languages, every parameter present
        assert problem.format("zh") and problem.format("en")
    return read.problems


def one_error(problems: tuple[Problem, ...], code: str) -> Problem:
    found = [p for p in errors(problems) if p.code == code]
    assert found, [p.format() for p in problems]
    return found[0]


# ------------------------------------------------------------------ numbers beyond every bound


def test_a_count_just_over_the_limit_names_the_limit(tmp_path: Path, catalogue: Catalogue) -> None:
    problem = one_error(problems_of(tmp_path, sheets(BASE, [{**CLINIC, "数量": 10**9 + 1}]), catalogue), "too_large")
    assert (problem.sheet, problem.row, problem.column) == ("机构", 2, "数量")
    assert "上限" in problem.format("zh") and "limit" in problem.format("en")


@pytest.mark.parametrize("value", ["1e30", "1e308", "1e400", 1e30, 1e308, "1e17", 10**17])
@pytest.mark.parametrize("where", ["percent", "baseline", "override"])
def test_huge_numbers_are_too_large_in_validate_and_compute_alike(tmp_path: Path, catalogue: Catalogue,
                                                                  value: object, where: str) -> None:
    if where == "percent":
        book = sheets({**XX, "绩效总量档位": value}, [CENTRE], [{"机构编码": "H", "编制类型": "在编"}])
    elif where == "baseline":
        book = sheets({**XX, "绩效工资基准线": value}, [CENTRE], [{"机构编码": "H", "编制类型": "在编"}])
    else:
        book = sheets(BASE, [CLINIC], overrides=[{"标准编号": "wendeng.village_clinic_operation", "标准值": value,
                                                   "说明": "x"}])
    problem = one_error(problems_of(tmp_path, book, catalogue), "too_large")
    assert problem.row is not None and problem.column
    assert len(problem.format("zh")) < 200, "the value is shown shortened, not as 309 digits"
    path = write_xlsx(tmp_path / "in.xlsx", book)
    validated, computed = cli("validate", path), cli("compute", path, "--json")
    assert (validated.returncode, computed.returncode) == (1, 2), (validated.stderr, computed.stderr)
    assert "Traceback" not in validated.stderr + computed.stderr and computed.stdout == ""


@pytest.mark.parametrize("value", ["inf", "-inf", "1e308", 1e308, "１ｅ３０８"])
@pytest.mark.parametrize("where", ["prior_budget", "prior_actual", "payer_share", "plan_value", "service_years"])
def test_infinite_and_huge_numbers_in_every_number_column_are_problems_at_their_cell(
        tmp_path: Path, catalogue: Catalogue, value: object, where: str) -> None:
    """Found by the deep fuzz run: "inf" in 上年预算数 was read as a number and ended in a traceback
    (as did 1e308, which no fen can hold); every column of numbers is checked here."""
    sid = "wendeng.village_clinic_operation"
    if where.startswith("prior"):
        column = "上年预算数" if where == "prior_budget" else "上年执行数"
        book = sheets(BASE, [CLINIC], prior=[{"标准编号": sid, "上年预算数": 1000, column: value}])
    elif where == "payer_share":
        column = "县区"
        book = sheets(BASE, [CLINIC], payers=[{"标准编号": sid, "资金性质": "一般公共预算", "县区": value}])
    elif where == "plan_value":
        column = "数值"
        book = sheets(BASE, [CLINIC], plan=[{"规则": "人员增长", "数值": value}])
    else:
        column = "基层累计服务年限"
        book = sheets(BASE, [CLINIC], [{"机构编码": "C", "编制类型": "编外", "基层累计服务年限": value}])
    found = errors(problems_of(tmp_path, book, catalogue))
    assert found, "a number no budget holds is an error"
    assert any(p.column == column and p.row == 2 for p in found), [p.format() for p in found]
    path = write_xlsx(tmp_path / "in.xlsx", book)
    validated = cli("validate", path)
    assert validated.returncode == 1 and "Traceback" not in validated.stderr, validated.stderr


def test_a_zip_of_a_version_python_cannot_open_is_left_to_the_reader_and_refused(tmp_path: Path) -> None:
    """Found by the deep fuzz run: a mutated 'version needed' field made zipfile raise NotImplementedError
    in the guard, an exception it did not expect."""
    path = write_xlsx(tmp_path / "in.xlsx", sheets(BASE, [CLINIC]))
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")          # the last central-directory entry: version needed to extract
    data[at + 6:at + 8] = (210).to_bytes(2, "little")   # 21.0
    path.write_bytes(bytes(data))
    assert workbook_guard.check_workbook(path) is None   # not the guard's to judge: the reader refuses or reads it
    done = cli("validate", path)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr


def test_every_number_at_its_bound_computes_or_is_refused_alike_by_validate_and_compute(
        tmp_path: Path, catalogue: Catalogue) -> None:
    """The largest accepted counts, baseline and band point under the XX bands compute, each
    amount a whole number of fen; accepted numbers whose product passes exact integer
    arithmetic are an error that validate reports as compute does (never exit 4)."""
    staff = [{"机构编码": "H", "编制类型": "在编", "人数": 10_000_000},
             {"机构编码": "H", "编制类型": "在编", "主要负责人": "是", "人数": 10_000_000}]
    book = sheets({**XX, "绩效工资基准线": 1_000_000, "绩效总量档位": "135%"}, [CENTRE], staff)
    read = read_workbook(write_xlsx(tmp_path / "xx.xlsx", book), catalogue)
    assert read.scenario is not None, [p.format() for p in read.problems]
    result = compute(read.scenario, catalogue)
    assert isinstance(result.total_fen, int) and result.total_fen == sum(int(v) for v in result.lines["amount_fen"])
    clinics = [{**CLINIC, "机构编码": f"C{i}", "数量": 10_000_000} for i in range(5)]   # at the count's bound
    book = sheets(BASE, clinics, overrides=[
        {"标准编号": "wendeng.village_clinic_operation", "标准值": 1_000_000_000, "说明": "上限"}])
    path = write_xlsx(tmp_path / "wd.xlsx", book)
    assert read_workbook(path, catalogue).scenario is not None   # each number within its own bound …
    validated, computed = cli("validate", path), cli("compute", path, "--json")
    assert (validated.returncode, computed.returncode) == (1, 2), (validated.stdout, computed.stderr)
    assert "测算金额过大" in validated.stdout and "测算金额过大" in computed.stderr   # … their product is not
    assert "Traceback" not in validated.stderr + computed.stderr and computed.stdout == ""


# ------------------------------------------------------------------ dates no calendar holds


@pytest.mark.parametrize("value", [dt.date(9999, 12, 31), dt.datetime(2300, 1, 1), dt.date(1600, 1, 1),
                                   "1000-01-01", "2262-04-12", -1e308, 1e308, 2958466])
def test_a_date_outside_any_calendar_is_an_error_at_its_cell(tmp_path: Path, catalogue: Catalogue,
                                                             value: object) -> None:
    problems = problems_of(tmp_path, sheets(BASE, [{**CLINIC, "启用日期": value}]), catalogue)
    bad = [p for p in errors(problems) if p.column == "启用日期"]
    assert bad and (bad[0].sheet, bad[0].row) == ("机构", 2), [p.format() for p in problems]


@pytest.mark.parametrize("serial", [-1e308, -1.0, 1e15])
def test_a_date_formatted_cell_with_an_absurd_serial_is_refused_without_a_panic_on_screen(
        tmp_path: Path, serial: float) -> None:
    """A date-formatted -1e308 makes the Rust reader panic (a BaseException, with a backtrace
    printed to the terminal): a problem, no Rust noise, no traceback."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets(BASE, [{**CLINIC, "启用日期": 1.0}]).items():
        ws = wb.create_sheet(name)
        for values in rows:
            ws.append(values)
    ws = wb["机构"]
    column = [c.value for c in ws[1]].index("启用日期") + 1
    ws.cell(2, column).value = serial
    ws.cell(2, column).number_format = "yyyy-mm-dd"
    path = tmp_path / "serial.xlsx"
    wb.save(path)
    done = cli("validate", path)
    assert done.returncode == 1, done.stderr
    assert "panicked" not in done.stderr and "Traceback" not in done.stderr and "RUST_BACKTRACE" not in done.stderr
    if serial == -1e308:
        assert "无法读取" in done.stdout and "日期" in done.stdout


# ------------------------------------------------------------------ sheets that would exhaust memory


def test_one_cell_at_xfd1048576_is_refused_naming_the_sheet_and_cell(tmp_path: Path) -> None:
    path = kf.with_facilities(tmp_path / "far.xlsx", kf.sheet(kf.FACILITY_HEAD,
                                                             kf.row(1_048_576, kf.text_cell("XFD1048576", "x"))))
    assert path.stat().st_size < 10_000
    done = cli("validate", path)      # under a 3 GiB cap: the reader alone would ask for 512 GiB
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "机构 第1048576行 [XFD]" in done.stdout and "工作表范围过大" in done.stdout


def test_a_shared_string_copied_into_every_cell_is_refused(tmp_path: Path) -> None:
    long = "长" * 32_000
    shared = (f'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              f'<si><t>{long}</t></si></sst>').encode()

    def cells(stream: IO[bytes]) -> None:
        stream.write(kf.HEAD + kf.FACILITY_HEAD.encode())
        for r in range(2, 100_002):
            stream.write(f'<row r="{r}"><c r="C{r}" t="s"><v>0</v></c><c r="D{r}" t="s"><v>0</v></c></row>'.encode())
        stream.write(kf.TAIL)

    path = kf.with_facilities(tmp_path / "strings.xlsx", cells, shared)
    done = cli("validate", path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "长文本被大量单元格引用" in done.stdout


def test_text_longer_than_excel_allows_is_refused(tmp_path: Path) -> None:
    shared = (f'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              f'<si><t>{"x" * 200_000}</t></si></sst>').encode()
    path = kf.with_facilities(tmp_path / "long.xlsx", kf.sheet(kf.FACILITY_HEAD), shared)
    assert cli("validate", path).stdout.count("超过 Excel 的上限") == 1


def test_a_sea_of_whitespace_is_refused_by_its_uncompressed_size(tmp_path: Path, catalogue: Catalogue,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The real bound is 1.5 GB (a 2 GiB sheet of spaces was the finding); here 4 MB against 2 MB."""
    monkeypatch.setattr(workbook_guard, "MAX_XML_BYTES", 2_000_000)
    monkeypatch.setattr(workbook_guard, "CHUNK", 1 << 16)

    def spaces(stream: IO[bytes]) -> None:
        stream.write(kf.HEAD + kf.FACILITY_HEAD.encode())
        for _ in range(64):
            stream.write(b" " * (1 << 16))
        stream.write(kf.TAIL)

    read = read_workbook(kf.with_facilities(tmp_path / "spaces.xlsx", spaces), catalogue)
    assert read.scenario is None and [p.code for p in read.problems] == ["workbook_too_big"]
    assert "上限" in read.problems[0].format()


def test_too_many_cells_are_refused_with_the_advice_to_split(tmp_path: Path, catalogue: Catalogue,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The real bound is 8 million cells (2M × 20 number cells was the finding); here 20,000."""
    monkeypatch.setattr(workbook_guard, "MAX_CELLS", 20_000)
    columns = [chr(65 + i) for i in range(20)]

    def numbers(stream: IO[bytes]) -> None:
        stream.write(kf.HEAD + kf.FACILITY_HEAD.encode())
        for r in range(2, 2_002):
            stream.write(kf.row(r, *(f'<c r="{c}{r}"><v>1</v></c>' for c in columns)).encode())
        stream.write(kf.TAIL)

    read = read_workbook(kf.with_facilities(tmp_path / "numbers.xlsx", numbers), catalogue)
    assert [p.code for p in read.problems] == ["workbook_too_many_cells"]
    assert "分县（区）导入" in read.problems[0].format()


def test_the_guard_passes_every_sample_and_a_province_sized_sheet(tmp_path: Path, catalogue: Catalogue) -> None:
    for sample in sorted((ROOT / "scenarios").glob("*.xlsx")):
        assert workbook_guard.check_workbook(sample) is None, sample.name
    columns = [chr(65 + i) for i in range(20)]

    def staff(stream: IO[bytes]) -> None:   # 150,000 rows of 20 columns: the benchmark's province
        stream.write(kf.HEAD)
        for r in range(1, 150_001):
            stream.write(kf.row(r, *(f'<c r="{c}{r}"><v>1</v></c>' for c in columns)).encode())
        stream.write(kf.TAIL)

    assert workbook_guard.check_workbook(kf.with_facilities(tmp_path / "big.xlsx", staff)) is None


# ------------------------------------------------------------------ what a path names


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_workbook_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "in.xlsx"
    os.mkfifo(fifo)
    for command in (("validate",), ("compute", "--json"), ("export", "-o", str(tmp_path / "out.pdf"))):
        done = cli(command[0], fifo, *command[1:], timeout=60)
        assert done.returncode in (1, 2) and "不是普通文件" in done.stdout + done.stderr, (command, done.stderr)


@pytest.mark.skipif(sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8",
                    reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_is_read(tmp_path: Path) -> None:
    source = ROOT / "scenarios" / "wendeng-2025.xlsx"
    odd = os.path.join(os.fsencode(tmp_path), b"\xff\xfe-gbk-\xce\xc4\xb5\xc7.xlsx")   # 文登 in GBK
    with open(odd, "wb") as fh:
        fh.write(source.read_bytes())
    done = cli("compute", odd, "--json")
    assert done.returncode == 0, done.stderr
    assert '"total_fen"' in done.stdout
