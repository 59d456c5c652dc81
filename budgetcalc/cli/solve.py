"""``budgetcalc solve IN --ceiling YUAN --vary ID``: the largest value that fits a budget ceiling."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date

from budgetcalc.base.money import has_sub_fen, yuan_to_fen
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.planning.solver import SolveRefused, Vary, solve
from budgetcalc.report.solution import refusal_text, solution_json, solution_text
from budgetcalc.report.summary import summary_text
from budgetcalc.rules.catalogue import Catalogue

EXIT_REFUSED = 2


def add_solve(command: Callable[[str, str], argparse.ArgumentParser],
              profile_year: Callable[[argparse.ArgumentParser], None]) -> None:
    from decimal import Decimal
    from pathlib import Path

    s = command("solve", "预算上限测算：在上限内，某一可调项最高可取多少")
    s.add_argument("input", type=Path, help="输入工作簿或方案文件")
    s.add_argument("--ceiling", type=Decimal, required=True, help="预算上限（元）")
    s.add_argument("--vary", required=True, help="可调的标准编号（档位、标准额或新增机构数）")
    s.add_argument("--count", action="store_true", help="调整新增机构数（如新增移动医疗车），而不是标准额")
    s.add_argument("--from", dest="low", type=Decimal, help="测算范围下限（默认：档位下限、现行标准额或 0）")
    s.add_argument("--to", dest="high", type=Decimal, help="测算范围上限（默认：档位上限、文件上限）")
    s.add_argument("--json", action="store_true", help="输出一个 JSON 对象（金额以分为单位）")
    s.add_argument("-o", "--output", type=Path, help="按测算结果写出测算表（.xlsx 或 .pdf）")
    profile_year(s)


def run_solve(args: argparse.Namespace, opened: tuple[Scenario, Catalogue] | None) -> int:
    zh = args.lang == "zh"
    if args.ceiling < 0 or has_sub_fen(args.ceiling):
        print("预算上限应为不小于 0 的金额（元，最多两位小数）" if zh else "the ceiling must be yuan ≥ 0, at most two decimals",
              file=sys.stderr)
        return EXIT_REFUSED
    if opened is None:
        return EXIT_REFUSED
    scenario, catalogue = opened
    try:
        solution = solve(scenario, catalogue, yuan_to_fen(args.ceiling), args.vary,
                         Vary.COUNT if args.count else None, args.low, args.high)
    except SolveRefused as refused:
        print(refusal_text(refused, args.lang), file=sys.stderr)
        return EXIT_REFUSED
    if args.output:
        from budgetcalc.sheets.budget import data_date_of
        from budgetcalc.sheets.files import export_budget_sheet, is_sheet_file

        if not is_sheet_file(args.output):
            print(f"输出文件须为 .xlsx 或 .pdf：{args.output}" if zh else f"the output must be .xlsx or .pdf: {args.output}",
                  file=sys.stderr)
            return EXIT_REFUSED
        today = date.today()
        export_budget_sheet(solution.result, args.output, "yuan", data_date=data_date_of(solution.result, today),
                            today=today)
        print(("已写出：" if zh else "written: ") + str(args.output), file=sys.stderr)
    if args.json:
        sys.stdout.write(json.dumps(solution_json(solution), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(solution_text(solution, args.lang) + "\n" + summary_text(solution.result, args.lang))
    return 0
