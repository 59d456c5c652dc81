"""The ``budgetcalc`` command: template, validate, compute, export, compare, save, profiles, norms,
targets, project, solve, performance, system.

Every failure a user can cause ends in a message and an exit code, never a traceback:
1 = the workbook has problems (validate), 2 = refused input, 3 = the program's own files
are broken (catalogue), 4 = a bug of ours (said plainly). Help, messages and errors are in
Chinese unless ``--lang en`` is given (before or after the subcommand).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from budgetcalc import __version__
from budgetcalc.base.problems import Lang, Problem, errors
from budgetcalc.cli.outputs import os_error, output_is_an_input
from budgetcalc.rules.catalogue import Catalogue, CatalogueError, default_catalogue

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result
    from budgetcalc.inputs.scenario import Scenario

EXIT_PROBLEMS = 1
EXIT_REFUSED = 2
EXIT_BROKEN = 3
EXIT_INTERNAL = 4


def say(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


class Parser(argparse.ArgumentParser):
    """argparse with its own words in Chinese (用法、选项) and errors as exit 2 in the officer's language."""

    def __init__(self, *args: object, **kwargs: object):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助 / show this help")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：", 1)

    def error(self, message: str) -> NoReturn:
        english = "--lang" in sys.argv and "en" in sys.argv
        self.print_usage(sys.stderr)
        self.exit(EXIT_REFUSED, say("en" if english else "zh", f"{self.prog}：参数有误：{message}\n",
                                    f"{self.prog}: error: {message}\n"))


def _lang_option(p: argparse.ArgumentParser, default: object) -> None:
    p.add_argument("--lang", choices=("zh", "en"), default=default, help="提示语言：中文（默认）或英文 / language")


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="budgetcalc", description="基层卫生补助资金测算（命令行）")
    p.add_argument("--version", action="version", version=f"budgetcalc {__version__}", help="显示版本")
    _lang_option(p, "zh")
    sub = p.add_subparsers(dest="command", required=True, title="命令", parser_class=Parser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=text, description=text)
        _lang_option(c, argparse.SUPPRESS)
        return c

    def profile_year(c: argparse.ArgumentParser) -> None:
        c.add_argument("--profile", help="政策标准编号（覆盖“参数”表）")
        c.add_argument("--year", type=int, help="预算年度（覆盖“参数”表）")

    t = command("template", "写出空白输入工作簿")
    t.add_argument("out", type=Path, help="输出文件（.xlsx）")
    t.add_argument("--force", action="store_true", help="文件已存在时覆盖")

    v = command("validate", "检查输入工作簿或方案文件")
    v.add_argument("input", type=Path, help="输入工作簿（.xlsx）或方案文件（.bcs.json）")
    profile_year(v)

    c = command("compute", "测算资金需求")
    c.add_argument("input", type=Path, help="输入工作簿（.xlsx）或方案文件（.bcs.json）")
    c.add_argument("--json", action="store_true", help="输出一个 JSON 对象（金额以分为单位）")
    c.add_argument("--ids", action="store_true", help="汇总表显示标准编号")
    profile_year(c)
    c.add_argument("-o", "--output", type=Path, help="写入文件而不是屏幕")
    c.add_argument("--prior", type=Path, help="上年方案（输入工作簿或方案文件）：列出与上年对比及增减原因")

    e = command("export", "导出测算表（.xlsx 或 .pdf）")
    e.add_argument("input", type=Path, help="输入工作簿或方案文件")
    e.add_argument("-o", "--output", type=Path, required=True, help="测算表.xlsx 或 测算表.pdf")
    e.add_argument("--unit", choices=("yuan", "wan", "whole"), default="yuan", help="金额单位：元（默认，到分）、万元或 whole（整元）")
    e.add_argument("--prior", type=Path, help="上年方案（输入工作簿或方案文件）：汇总表列出上年预算数和增减")
    profile_year(e)

    sv = command("save", "保存为方案文件（.bcs.json）：输入、参数、“标准调整”表的调整及所用标准")
    sv.add_argument("input", type=Path, help="输入工作簿（.xlsx）或方案文件（.bcs.json）")
    sv.add_argument("-o", "--output", type=Path, required=True, help="方案文件（.bcs.json）")
    sv.add_argument("--force", action="store_true", help="文件已存在时覆盖（原文件留作 .bak）")
    profile_year(sv)

    pr = command("profiles", "列出政策标准及其标准值")
    pr.add_argument("--ids", action="store_true", help="显示标准编号")
    pr.add_argument("--json", action="store_true", help="输出 JSON")

    from budgetcalc.cli.filing import add_filing
    from budgetcalc.cli.planning import add_planning
    from budgetcalc.cli.solve import add_solve

    add_planning(command, profile_year)
    add_solve(command, profile_year)
    add_filing(command, profile_year)

    k = command("compare", "方案比较（2–6 个方案，第一个为基准）")
    k.add_argument("inputs", type=Path, nargs="+", help="输入工作簿或方案文件")
    k.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    k.add_argument("--names", help="方案名称，以逗号分隔（默认取文件名）")
    k.add_argument("-o", "--output", type=Path, help="方案比较表（.xlsx 或 .pdf）或图表（.png）")
    k.add_argument("--unit", choices=("yuan", "wan"), default="yuan", help="金额单位：元（默认）或万元")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _utf8_streams()
    try:
        catalogue = default_catalogue()
    except CatalogueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BROKEN
    handler = {"template": _template, "validate": _validate, "compute": _compute, "save": _save, "profiles": _profiles,
               "compare": _compare, "export": _export, "norms": _norms, "targets": _targets,
               "project": _project, "solve": _solve, "performance": _performance, "system": _system}
    clash = output_is_an_input(args)
    if clash is not None:
        print(say(args.lang, f"输出文件就是输入文件，拒绝覆盖：{clash}（请另选输出文件名）",
                  f"the output is one of the inputs and is not replaced: {clash} (choose another output name)"),
              file=sys.stderr)
        return EXIT_REFUSED
    try:
        return handler[args.command](args, catalogue)
    except OSError as exc:
        print(say(args.lang, "无法写入或读取文件：", "cannot read or write a file: ") + os_error(exc, args.lang),
              file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a bug of ours: say so plainly, no traceback for the user
        from budgetcalc.compute.overflow import AmountTooLarge

        if isinstance(exc, AmountTooLarge):  # a comparison or a plan whose amounts pass exact arithmetic
            print(exc.problem().format(args.lang), file=sys.stderr)
            return EXIT_REFUSED
        if os.environ.get("BUDGETCALC_DEBUG"):
            raise
        print(say(args.lang, "程序内部错误，请将以下信息告知开发人员：", "internal error, please report: ")
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

    if args.out.exists() and not args.force:
        print(say(args.lang, f"文件已存在，未覆盖：{args.out}（如需覆盖请加 --force）",
                  f"the file exists and was not replaced: {args.out} (use --force to replace it)"), file=sys.stderr)
        return EXIT_REFUSED
    path = write_template(args.out, catalogue)
    print(say(args.lang, "已写出空白输入工作簿：", "blank input workbook written: ") + str(path))
    return 0


def _validate(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.compute.engine import compute_or_refuse
    from budgetcalc.scenarios.opening import open_input

    opened = open_input(args.input, catalogue, profile=args.profile, year=args.year)
    result = opened.read
    if result.scenario is not None:  # what compute would refuse, validate reports
        result = replace(result, problems=result.problems + compute_or_refuse(result.scenario, opened.catalogue)[1])
    if not result.problems:
        print(say(args.lang, "未发现问题", "no problems"))
        return 0
    for p in result.problems:
        print(p.format(args.lang))
    n_err = len(errors(result.problems))
    n_warn = len(result.problems) - n_err
    print(say(args.lang, f"共 {n_err} 个错误，{n_warn} 个警告", f"{n_err} error(s), {n_warn} warning(s)"))
    return EXIT_PROBLEMS if n_err else 0


def computed(args: argparse.Namespace, catalogue: Catalogue,
             **settings: object) -> tuple[Result, tuple[Problem, ...]] | None:
    """Open the input and compute it, with the input's own warnings (those and the computation's are
    printed to stderr); None (problems on stderr) when the input is refused."""
    from budgetcalc.compute.engine import compute_or_refuse
    from budgetcalc.scenarios.opening import open_input

    opened = open_input(args.input, catalogue, profile=args.profile, year=args.year)
    read = opened.read
    _print_problems(read.problems, args.lang)
    if read.scenario is None:
        n = len(errors(read.problems))
        print(say(args.lang, f"输入有 {n} 个错误，未测算，未写出任何文件。",
                  f"{n} error(s) in the input: nothing computed, no file written."), file=sys.stderr)
        return None
    if opened.catalogue_changed:
        print(say(args.lang, "提示：方案文件按保存时的标准测算；标准库现有更新的标准值。",
                  "note: computed with the standards stored in the scenario; the catalogue now has newer values."),
              file=sys.stderr)
    scenario = read.scenario.with_settings(**settings) if settings else read.scenario
    result, refused = compute_or_refuse(scenario, opened.catalogue)
    if result is None:
        _print_problems(refused, args.lang)
        print(say(args.lang, "输入有 1 个错误，未测算，未写出任何文件。",
                  "1 error in the input: nothing computed, no file written."), file=sys.stderr)
        return None
    _print_problems(result.warnings, args.lang)
    return result, read.problems


def _compute(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.base.json_text import readable_json
    from budgetcalc.base.safe_io import atomic_write_text
    from budgetcalc.report.json_out import to_json
    from budgetcalc.report.summary import summary_text

    done = computed(args, catalogue)
    if done is None:
        return EXIT_REFUSED
    result, warnings = done
    accepted, prior = _prior(args, catalogue)
    if not accepted:
        return EXIT_REFUSED
    if args.json:
        data = to_json(result, args.lang, prior) | {
            "warnings": [w.as_dict(args.lang) for w in warnings + result.warnings]}
        text = readable_json(data)
    else:
        text = summary_text(result, args.lang, ids=args.ids)
    if args.output:
        atomic_write_text(args.output, text)
        print(say(args.lang, "已写出：", "written: ") + str(args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _save(args: argparse.Namespace, catalogue: Catalogue) -> int:
    """The input as a scenario file, written by the same ``save_scenario`` as the app's 保存方案; what
    compute refuses is not saved."""
    from budgetcalc.scenarios.file import save_scenario
    from budgetcalc.scenarios.names import SUFFIX

    if not args.output.name.lower().endswith(SUFFIX):
        print(say(args.lang, f"方案文件须以 {SUFFIX} 结尾：{args.output}",
                  f"a scenario file ends in {SUFFIX}: {args.output}"), file=sys.stderr)
        return EXIT_REFUSED
    if args.output.exists() and not args.force:
        print(say(args.lang, f"文件已存在，未覆盖：{args.output}（如需覆盖请加 --force）",
                  f"the file exists and was not replaced: {args.output} (use --force to replace it)"), file=sys.stderr)
        return EXIT_REFUSED
    done = computed(args, catalogue)
    if done is None:
        return EXIT_REFUSED
    result = done[0]
    path = save_scenario(args.output, result.scenario, Catalogue((result.profile,)))
    print(say(args.lang, "已保存方案文件：", "scenario saved: ") + str(path))
    return 0


def _prior(args: argparse.Namespace, catalogue: Catalogue) -> tuple[bool, Result | None]:
    """(accepted, last year's computation from ``--prior``); not accepted: its problems are printed."""
    if args.prior is None:
        return True, None
    from budgetcalc.compute.engine import compute
    from budgetcalc.scenarios.opening import open_input

    opened = open_input(args.prior, catalogue)
    if opened.read.scenario is None:
        for p in opened.read.problems:
            print(f"{args.prior}: {p.format(args.lang)}", file=sys.stderr)
        print(say(args.lang, "上年方案有错误，未测算。", "last year's scenario has errors: nothing computed."),
              file=sys.stderr)
        return False, None
    return True, compute(opened.read.scenario, opened.catalogue)


def _compare(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.cli.compare import run_compare

    return run_compare(args, catalogue)


def _export(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from datetime import date

    from budgetcalc.sheets.budget import data_date_of
    from budgetcalc.sheets.files import export_budget_sheet, is_sheet_file

    if not is_sheet_file(args.output):
        print(say(args.lang, f"输出文件须为 .xlsx 或 .pdf：{args.output}", f"the output must be .xlsx or .pdf: {args.output}"),
              file=sys.stderr)
        return EXIT_REFUSED
    done = computed(args, catalogue)
    if done is None:
        return EXIT_REFUSED
    result, notices = done
    accepted, prior = _prior(args, catalogue)
    if not accepted:
        return EXIT_REFUSED
    today = date.today()
    export_budget_sheet(result, args.output, args.unit, data_date=data_date_of(result, today), today=today,
                        notices=notices, prior=prior)
    print(say(args.lang, "已写出：", "written: ") + str(args.output), file=sys.stderr)
    return 0


def _opened(args: argparse.Namespace, catalogue: Catalogue) -> tuple[Scenario, Catalogue] | None:
    """The input's scenario and the standards to compute it with; None (problems on stderr) when refused."""
    from budgetcalc.scenarios.opening import open_input

    opened = open_input(args.input, catalogue, profile=args.profile, year=args.year)
    _print_problems(opened.read.problems, args.lang)
    if opened.read.scenario is None:
        n = len(errors(opened.read.problems))
        print(say(args.lang, f"输入有 {n} 个错误，未测算，未写出任何文件。",
                  f"{n} error(s) in the input: nothing computed, no file written."), file=sys.stderr)
        return None
    return opened.read.scenario, opened.catalogue


def _norms(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.base.money import yuan_to_fen
    from budgetcalc.cli.planning import run_norms

    done = computed(args, catalogue, **({"gap_cost_fen": yuan_to_fen(args.cost)} if args.cost is not None else {}))
    return EXIT_REFUSED if done is None else run_norms(args, done[0])


def _targets(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.cli.planning import run_targets

    done = computed(args, catalogue)
    return EXIT_REFUSED if done is None else run_targets(args, done[0])


def _project(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.cli.planning import run_project

    opened = _opened(args, catalogue)
    return EXIT_REFUSED if opened is None else run_project(args, *opened)


def _performance(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.cli.filing import run_performance

    done = computed(args, catalogue)
    return run_performance(args, done[0] if done else None)


def _system(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.cli.filing import run_system

    done = computed(args, catalogue)
    return run_system(args, done[0] if done else None)


def _solve(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.cli.solve import run_solve

    return run_solve(args, _opened(args, catalogue))


def _profiles(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from budgetcalc.report.standards import value_text
    from budgetcalc.report.summary import profiles_text

    if args.json:
        data = [{"id": p.id, "name": p.name, "document_number": p.document_number, "title": p.title,
                 "standards": [{"id": s.id, "kind": s.kind.value, "label": s.label, "clause": s.clause,
                                "value": value_text(s, args.lang), "unit": s.unit} for s in p.standards]}
                for p in catalogue.profiles]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    sys.stdout.write(profiles_text(catalogue.profiles, args.lang, ids=args.ids))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
