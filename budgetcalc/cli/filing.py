"""``budgetcalc performance`` and ``budgetcalc system``: the 绩效目标申报表 and the budget system's import file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from budgetcalc.compute.result import Result

EXIT_REFUSED = 2


def add_filing(command: Callable[[str, str], argparse.ArgumentParser],
               profile_year: Callable[[argparse.ArgumentParser], None]) -> None:
    p = command("performance", "项目支出绩效目标申报表（.xlsx 或 .pdf）")
    p.add_argument("input", type=Path, help="输入工作簿或方案文件（项目归并和满意度等指标取自“绩效目标”表）")
    p.add_argument("-o", "--output", type=Path, required=True, help="绩效目标申报表.xlsx 或 .pdf")
    profile_year(p)
    s = command("system", "导出预算管理一体化系统导入文件（.xlsx 或 .csv）")
    s.add_argument("input", type=Path, help="输入工作簿或方案文件")
    s.add_argument("-o", "--output", type=Path, required=True, help="导入文件 .xlsx 或 .csv")
    s.add_argument("--mapping", type=Path, help="列映射文件（TOML，默认 resources/export/budget_system.toml）")
    profile_year(s)


def run_performance(args: argparse.Namespace, result: Result | None) -> int:
    from budgetcalc.sheets.files import is_sheet_file, write_sheet
    from budgetcalc.sheets.performance import build_performance_sheet

    zh = args.lang == "zh"
    if not is_sheet_file(args.output):
        print(f"输出文件须为 .xlsx 或 .pdf：{args.output}" if zh else f"the output must be .xlsx or .pdf: {args.output}",
              file=sys.stderr)
        return EXIT_REFUSED
    if result is None:
        return EXIT_REFUSED
    write_sheet(build_performance_sheet(result, today=date.today()), args.output)
    print(("已写出：" if zh else "written: ") + str(args.output), file=sys.stderr)
    return 0


def run_system(args: argparse.Namespace, result: Result | None) -> int:
    from budgetcalc.sheets.budget_system import MappingError, load_mapping, write_system_file

    zh = args.lang == "zh"
    if args.output.suffix.lower() not in (".xlsx", ".csv"):
        print(f"输出文件须为 .xlsx 或 .csv：{args.output}" if zh else f"the output must be .xlsx or .csv: {args.output}",
              file=sys.stderr)
        return EXIT_REFUSED
    try:
        mapping = load_mapping(args.mapping)
    except MappingError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    if result is None:
        return EXIT_REFUSED
    write_system_file(result, args.output, mapping)
    print(("已写出：" if zh else "written: ") + f"{args.output}（{mapping.name}）", file=sys.stderr)
    return 0
