"""A synthetic province-size input workbook (fixed seed), shared by the benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from budgetcalc.rules import vocab

TYPES = ["乡镇卫生院", "中心卫生院", "社区卫生服务中心", "社区卫生服务站", "村卫生室", "移动医疗车"]


def build_rows(facilities: int, staff: int, seed: int = 20251122) -> dict[str, list[list[object]]]:
    rng = random.Random(seed)
    towns = [f"镇{i:03d}" for i in range(max(1, facilities // 10))]
    fac_rows: list[list[object]] = [[c.header for c in vocab.FACILITY_COLUMNS]]
    codes = []
    for i in range(facilities):
        kind = rng.choice(TYPES)
        code = f"F{i:05d}"
        codes.append(code)
        start = dt.date(rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.2 else None
        row = {"code": code, "name": f"机构{i}", "type": kind, "town": rng.choice(towns),
               "count": rng.randint(1, 20) if kind == "村卫生室" else 1, "integrated": rng.choice(["是", "否"]),
               "new": rng.choice(["是", "否"]), "head_office": "否", "start_date": start, "end_date": None,
               "service_population": rng.randint(2000, 60000)}
        fac_rows.append([row.get(c.key) for c in vocab.FACILITY_COLUMNS])  # a column added later stays blank
    staff_rows: list[list[object]] = [[c.header for c in vocab.STAFF_COLUMNS]]
    for i in range(staff):
        on_post = dt.date(rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.7 else None
        gp = dt.date(rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.15 else None
        retire = dt.date(rng.randint(2025, 2040), rng.randint(1, 12), 28) if rng.random() < 0.3 else None
        staff_rows.append([f"P{i:06d}", f"人员{i}", rng.choice(codes), 1, rng.choice(vocab.STAFF_CATEGORIES),
                           rng.choice(vocab.POSTS), rng.choice(vocab.RECRUITMENT), rng.choice(["是", "否", None]),
                           on_post, None, gp, rng.choice(["是", "否"]), rng.randint(0, 40), retire,
                           "否", "是" if rng.random() < 0.01 else "否", rng.choice(vocab.LICENCES),
                           rng.choice(vocab.TITLES), "否"])
    settings: list[list[object]] = [["项目", "值"], ["预算年度", 2025], ["政策标准", "nanxun"],
                                    ["编制单位", "某省卫生补助测算"], ["绩效工资基准线", 100000]]
    return {"参数": settings, "机构": fac_rows, "人员": staff_rows}


def write_workbook(path: Path, book: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for name, rows in book.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path
