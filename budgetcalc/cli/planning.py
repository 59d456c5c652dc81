"""``budgetcalc norms``, ``targets`` and ``project``: the planning tables of a computed scenario."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from budgetcalc.cli import say
from budgetcalc.compute.result import Result
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules.catalogue import Catalogue

EXIT_REFUSED = 2


def add_planning(command: Callable[[str, str], argparse.ArgumentParser],
                 profile_year: Callable[[argparse.ArgumentParser], None]) -> None:
    n = command("norms", "人员配置标准：按镇街和全区的应配、实有、缺口及缺口成本")
    n.add_argument("input", type=Path, help="输入工作簿或方案文件（人口取自“区域”表）")
    n.add_argument("--json", action="store_true", help="输出 JSON 列表")
    n.add_argument("--cost", type=Decimal, help="缺口人员年成本（元/人·年，覆盖“参数”表）")
    profile_year(n)

    g = command("targets", "政策目标：期限、依据，及可由输入测算的现状与是否达到")
    g.add_argument("input", type=Path, help="输入工作簿或方案文件")
    g.add_argument("--json", action="store_true", help="输出 JSON 列表")
    profile_year(g)

    j = command("project", "逐年测算（多年预测、三年滚动规划）")
    j.add_argument("input", type=Path, help="输入工作簿或方案文件（增长规则取自“规划”表）")
    j.add_argument("--to", type=int, required=True, help="测算到哪一年")
    j.add_argument("--from", dest="from_year", type=int, help="从哪一年起（默认预算年度）")
    j.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    j.add_argument("-o", "--output", type=Path, help="三年滚动规划表（.xlsx 或 .pdf）")
    j.add_argument("--unit", choices=("yuan", "wan"), default="yuan", help="金额单位：元（默认）或万元")
    profile_year(j)



def run_norms(args: argparse.Namespace, result: Result) -> int:
    from budgetcalc.report.staffing import norms_json, norms_text

    sys.stdout.write(json.dumps(norms_json(result), ensure_ascii=False, indent=2) + "\n" if args.json
                     else norms_text(result, args.lang))
    return 0


def run_targets(args: argparse.Namespace, result: Result) -> int:
    from budgetcalc.report.staffing import targets_json, targets_text

    sys.stdout.write(json.dumps(targets_json(result, args.lang), ensure_ascii=False, indent=2) + "\n" if args.json
                     else targets_text(result, args.lang))
    return 0


def run_project(args: argparse.Namespace, scenario: Scenario, standards: Catalogue) -> int:
    from budgetcalc.planning.projection import project
    from budgetcalc.report.projection import projection_json, projection_text

    first = args.from_year if args.from_year is not None else scenario.settings.year
    if not 2000 <= first <= args.to <= 2100 or args.to - first >= 30:
        print(say(args.lang, "年度范围应在 2000–2100 之间、不超过 30 年，且起始年度不晚于截止年度",
                  "years must be within 2000–2100, at most 30, the first not after the last"), file=sys.stderr)
        return EXIT_REFUSED
    projection = project(scenario, standards, args.to, first)
    if args.output:
        from datetime import date

        from budgetcalc.sheets.files import is_sheet_file, write_sheet
        from budgetcalc.sheets.rolling import build_rolling_plan

        if not is_sheet_file(args.output):
            print(say(args.lang, f"输出文件须为 .xlsx 或 .pdf：{args.output}",
                      f"the output must be .xlsx or .pdf: {args.output}"), file=sys.stderr)
            return EXIT_REFUSED
        write_sheet(build_rolling_plan(projection, args.unit, today=date.today()), args.output)
        print(say(args.lang, "已写出：", "written: ") + str(args.output), file=sys.stderr)
    if args.json:
        sys.stdout.write(json.dumps(projection_json(projection, args.lang), ensure_ascii=False, indent=2) + "\n")
    elif not args.output:
        sys.stdout.write(projection_text(projection, args.lang))
    return 0


