"""The ``budgetcalc`` command: template, validate, compute, profiles.

Every failure a user can cause ends in a message and an exit code, never a traceback:
1 = the workbook has problems (validate), 2 = refused input (compute), 3 = the program's
own files are broken (catalogue).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcalc import __version__
from budgetcalc.base.problems import Lang, Problem, errors
from budgetcalc.rules.catalogue import Catalogue, CatalogueError, default_catalogue

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result

EXIT_PROBLEMS = 1
EXIT_REFUSED = 2
EXIT_BROKEN = 3
EXIT_INTERNAL = 4


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="budgetcalc", description="基层卫生补助资金测算")
    p.add_argument("--version", action="version", version=f"budgetcalc {__version__}")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="messages in Chinese (default) or English")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("template", help="写出空白输入工作簿 / write a blank input workbook")
    t.add_argument("out", type=Path)

    v = sub.add_parser("validate", help="检查输入工作簿 / check an input workbook")
    v.add_argument("input", type=Path)
    v.add_argument("--profile")
    v.add_argument("--year", type=int)

    c = sub.add_parser("compute", help="测算 / compute the funding need")
    c.add_argument("input", type=Path)
    c.add_argument("--json", action="store_true", help="one JSON object on stdout")
    c.add_argument("--profile", help="policy profile id (overrides the 参数 sheet)")
    c.add_argument("--year", type=int, help="budget year (overrides the 参数 sheet)")
    c.add_argument("-o", "--output", type=Path, help="write the summary (or JSON) to this file")

    e = sub.add_parser("export", help="导出测算表 / export the budget sheet (.xlsx or .pdf)")
    e.add_argument("input", type=Path, help="input workbook or scenario file")
    e.add_argument("-o", "--output", type=Path, required=True, help="测算表.xlsx or 测算表.pdf")
    e.add_argument("--unit", choices=("yuan", "wan"), default="yuan", help="amounts in 元 (default) or 万元")
    e.add_argument("--profile", help="policy profile id (overrides the 参数 sheet)")
    e.add_argument("--year", type=int, help="budget year (overrides the 参数 sheet)")

    sub.add_parser("profiles", help="列出政策标准 / list profiles and standards")

    k = sub.add_parser("compare", help="方案比较 / compare 2–6 scenarios, the first as baseline")
    k.add_argument("inputs", type=Path, nargs="+", help="input workbooks or scenario files")
    k.add_argument("--json", action="store_true", help="one JSON object on stdout")
    k.add_argument("--names", help="scenario names, comma-separated (default: file names)")
    k.add_argument("-o", "--output", type=Path, help="comparison sheet (.xlsx or .pdf) or chart (.png)")
    k.add_argument("--unit", choices=("yuan", "wan"), default="yuan", help="amounts in 元 (default) or 万元")

    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _utf8_streams()
    try:
        catalogue = default_catalogue()
    except CatalogueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BROKEN
    handler = {"template": _template, "validate": _validate, "compute": _compute, "profiles": _profiles,
               "compare": _compare, "export": _export}
    try:
        return handler[args.command](args, catalogue)
    except OSError as exc:
        print(("无法写入或读取文件：" if args.lang == "zh" else "cannot read or write a file: ") + str(exc),
              file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a bug of ours: say so plainly, no traceback for the user
        if os.environ.get("BUDGETCALC_DEBUG"):
            raise
        print(("程序内部错误，请将以下信息告知开发人员：" if args.lang == "zh" else "internal error, please report: ")
              + f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


def _utf8_streams() -> None:
    """A Windows console may default to a legacy code page; Chinese must still print."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _print_problems(problems: Sequence[Problem], lang: Lang) -> None:
    for p in problems:
        print(p.format(lang), file=sys.stderr)


def _template(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.inputs.template import write_template

    path = write_template(args.out, catalogue)
    print(("已写出空白输入工作簿：" if args.lang == "zh" else "blank input workbook written: ") + str(path))
    return 0


def _validate(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.scenarios.opening import open_input

    result = open_input(args.input, catalogue, profile=args.profile, year=args.year).read
    if not result.problems:
        print("未发现问题" if args.lang == "zh" else "no problems")
        return 0
    for p in result.problems:
        print(p.format(args.lang))
    n_err = len(errors(result.problems))
    n_warn = len(result.problems) - n_err
    print(f"共 {n_err} 个错误，{n_warn} 个警告" if args.lang == "zh" else f"{n_err} error(s), {n_warn} warning(s)")
    return EXIT_PROBLEMS if n_err else 0


def _computed(args: argparse.Namespace, catalogue: Catalogue) -> Result | None:
    """Open the input and compute it; None (problems on stderr) when the input is refused."""
    from budgetcalc.compute.engine import compute
    from budgetcalc.scenarios.opening import open_input

    opened = open_input(args.input, catalogue, profile=args.profile, year=args.year)
    read = opened.read
    _print_problems(read.problems, args.lang)
    if read.scenario is None:
        n = len(errors(read.problems))
        print(f"输入有 {n} 个错误，未测算，未写出任何文件。" if args.lang == "zh"
              else f"{n} error(s) in the input: nothing computed, no file written.", file=sys.stderr)
        return None
    if opened.catalogue_changed:
        print("提示：方案文件按保存时的标准测算；标准库现有更新的标准值。" if args.lang == "zh" else
              "note: computed with the standards stored in the scenario; the catalogue now has newer values.",
              file=sys.stderr)
    return compute(read.scenario, opened.catalogue)


def _compute(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.base.safe_io import atomic_write_text
    from budgetcalc.report import summary_text, to_json

    result = _computed(args, catalogue)
    if result is None:
        return EXIT_REFUSED
    text = (json.dumps(to_json(result, args.lang), ensure_ascii=False, indent=2) + "\n"
            if args.json else summary_text(result))
    if args.output:
        atomic_write_text(args.output, text)
        print(("已写出：" if args.lang == "zh" else "written: ") + str(args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _compare(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.cli.compare import run_compare

    return run_compare(args, catalogue)


def _export(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from datetime import date

    from budgetcalc.sheets.budget import data_date_of
    from budgetcalc.sheets.files import export_budget_sheet, is_sheet_file

    if not is_sheet_file(args.output):
        print(f"输出文件须为 .xlsx 或 .pdf：{args.output}" if args.lang == "zh"
              else f"the output must be .xlsx or .pdf: {args.output}", file=sys.stderr)
        return EXIT_REFUSED
    result = _computed(args, catalogue)
    if result is None:
        return EXIT_REFUSED
    today = date.today()
    export_budget_sheet(result, args.output, args.unit, data_date=data_date_of(result, today), today=today)
    print(("已写出：" if args.lang == "zh" else "written: ") + str(args.output), file=sys.stderr)
    return 0


def _profiles(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.report import profiles_text

    sys.stdout.write(profiles_text(catalogue.profiles))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
