"""Seeded mutations of the sample workbooks, run in a child process by test_fuzz.py.

Two kinds of case: cell mutations (a random cell of a random sheet replaced by a hostile
value: a huge or negative number, a date no calendar holds, text in a number column, a long
text, a header renamed, a row duplicated or removed) checked the way the app checks a book,
and byte mutations of the .xlsx file itself (bytes flipped, cut, a member's data garbled)
read from disk the way the command line reads it. Each case must end in problems or in a
result that renders (JSON, summary, budget sheet): any other exception is a failure. Prints
one JSON line: the counts, and the first failures with the seed that reproduces them.

    python -m tests.core.fuzz_workbooks SEED CELL_CASES BYTE_CASES
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import sys
import tempfile
import traceback
import zipfile
from pathlib import Path
from typing import Any

from budgetcalc.compute.engine import compute_or_refuse
from budgetcalc.inputs.reader import load_sheets, read_sheets, read_workbook
from budgetcalc.report.json_out import to_json
from budgetcalc.report.summary import summary_text
from budgetcalc.rules.catalogue import Catalogue, default_catalogue
from budgetcalc.sheets.budget import build_sheet
from budgetcalc.sheets.layout import DataDate

ROOT = Path(__file__).parents[2]
SAMPLES = sorted((ROOT / "scenarios").glob("*.xlsx"))
TODAY = dt.date(2026, 12, 2)

HOSTILE: list[object] = [
    None, "", " ", 0, -1, -0.5, 1.5, 10**7, 10**7 + 1, 10**15, 1e30, 1e308, -1e308, float("nan"), float("inf"),
    "1e400", "NaN", "-0", "１２", "1,000", "12%", "135%", "1000%", "0.0000001", True, False,
    dt.date(1900, 1, 1), dt.date(2024, 2, 29), dt.date(9999, 12, 31),
    dt.datetime(2300, 1, 1, 12, 30), "2025-13-01", "2025/2/30", "1000-01-01", "2025年3月1日", "是", "否", "Y",
    "村卫生室", "移动医疗车", "社区卫生服务中心", "在编", "乡村医生", "县聘村用", "nanxun", "xx_talent", "x" * 5000,
    "=1+1", "@SUM(A1)", "\x07bell", "机构编码", "所属镇街", "WD-VC-A", "NX-MC-01", 2024, 2031, 1949, 2101,
]


def mutate_cells(book: dict[str, list[list[object]]], rng: random.Random) -> dict[str, list[list[object]]]:
    out = {name: [list(row) for row in rows] for name, rows in book.items()}
    for _ in range(rng.randint(1, 6)):
        name = rng.choice(list(out))
        rows = out[name]
        kind = rng.randrange(10)
        if kind == 0 and rows:                                   # a header renamed or emptied
            row = rows[0]
            if row:
                row[rng.randrange(len(row))] = rng.choice(["", "名称", "机构 编码", "数量（个）", "人 数"])
        elif kind == 1 and len(rows) > 1:                        # a row duplicated
            rows.insert(rng.randrange(1, len(rows) + 1), list(rng.choice(rows[1:])))
        elif kind == 2 and len(rows) > 1:                        # a row removed
            del rows[rng.randrange(1, len(rows))]
        elif kind == 3:                                          # a sheet removed
            if len(out) > 1:
                del out[name]
        elif kind == 4 and rows:                                 # a row cut short or padded
            row = rows[rng.randrange(len(rows))]
            del row[rng.randrange(len(row) + 1):]
            row.extend(rng.choice(HOSTILE) for _ in range(rng.randint(0, 3)))
        elif rows:                                               # a cell replaced
            r = rng.randrange(len(rows))
            if rows[r]:
                rows[r][rng.randrange(len(rows[r]))] = rng.choice(HOSTILE)
    return out


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.5:                                       # the zip itself damaged
        raw = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(raw))
            if rng.random() < 0.7:
                raw[at] = rng.randrange(256)
            else:
                del raw[at:at + rng.randint(1, 64)]
        return bytes(raw)
    source = zipfile.ZipFile(io.BytesIO(data))                   # one member's XML garbled, the zip valid
    members = source.namelist()
    victim = rng.choice(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in members:
            content = source.read(name)
            if name == victim and content:
                raw = bytearray(content)
                for _ in range(rng.randint(1, 5)):
                    at = rng.randrange(len(raw))
                    raw[at:at + rng.randint(0, 8)] = rng.choice(
                        [b"<", b">", b'"', b"&", b"]]>", b"<c r=\"XFD1048576\"><v>1</v></c>", b"\xff\xfe",
                         b'<v>-1e308</v>', b't="s"', b"<v>99999999</v>", b"<row r=\"0\">", b""])
                content = bytes(raw)
            target.writestr(name, content)
    return out.getvalue()


def check(read: Any, catalogue: Catalogue) -> str:
    """'refused' or 'computed'; raises on anything else."""
    for problem in read.problems:
        problem.format("zh")
        problem.format("en")
    if read.scenario is None:
        return "refused"
    result, refused = compute_or_refuse(read.scenario, catalogue)
    if result is None:
        assert refused, "a refused computation names its problem"
        return "refused"
    json.dumps(to_json(result, "zh"), ensure_ascii=False)
    summary_text(result, "en")
    build_sheet(result, "wan", data_date=DataDate(TODAY, "填报日期"), today=TODAY, notices=read.problems)
    return "computed"


def run(seed: int, cell_cases: int, byte_cases: int) -> dict[str, Any]:
    catalogue = default_catalogue()
    books = [load_sheets(path) for path in SAMPLES]
    originals = [path.read_bytes() for path in SAMPLES]
    counts = {"cells_refused": 0, "cells_computed": 0, "bytes_refused": 0, "bytes_computed": 0}
    failures: list[str] = []
    for case in range(cell_cases):
        rng = random.Random(f"{seed}-cells-{case}")
        book = mutate_cells(rng.choice(books), rng)
        try:
            counts["cells_" + check(read_sheets(book, catalogue), catalogue)] += 1
        except Exception:  # noqa: BLE001 - every other outcome is the failure being looked for
            failures.append(f"cells case {case} (seed {seed}): {traceback.format_exc(limit=-3)}")
    with tempfile.TemporaryDirectory() as tmp:
        for case in range(byte_cases):
            rng = random.Random(f"{seed}-bytes-{case}")
            path = Path(tmp) / f"case{case % 10}.xlsx"
            path.write_bytes(mutate_bytes(rng.choice(originals), rng))
            try:
                counts["bytes_" + check(read_workbook(path, catalogue), catalogue)] += 1
            except Exception:  # noqa: BLE001
                failures.append(f"bytes case {case} (seed {seed}): {traceback.format_exc(limit=-3)}")
    return {"counts": counts, "cases": cell_cases + byte_cases, "failures": failures[:10],
            "failed": len(failures)}


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])), ensure_ascii=False))
