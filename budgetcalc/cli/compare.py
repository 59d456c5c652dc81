"""``budgetcalc compare A B [C ...]``: the command-line face of ``compare``."""

from __future__ import annotations

import argparse
import json
import sys

from budgetcalc.compare import MAX_SCENARIOS, MIN_SCENARIOS, Comparison, compare, default_names
from budgetcalc.report.comparison import comparison_text, to_json
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.scenarios.opening import load_results

EXIT_REFUSED = 2


def run_compare(args: argparse.Namespace, catalogue: Catalogue) -> int:
    zh = args.lang == "zh"
    if not MIN_SCENARIOS <= len(args.inputs) <= MAX_SCENARIOS:
        print(f"请给出 {MIN_SCENARIOS}–{MAX_SCENARIOS} 个方案" if zh
              else f"give {MIN_SCENARIOS}–{MAX_SCENARIOS} scenarios", file=sys.stderr)
        return EXIT_REFUSED
    names = args.names.split(",") if args.names else default_names(args.inputs)
    if len(names) != len(args.inputs):
        print("方案名称个数与文件个数不符" if zh else "as many names as files, please", file=sys.stderr)
        return EXIT_REFUSED
    loaded = load_results(args.inputs, catalogue)
    for path, problems in loaded.refused:
        for p in problems:
            print(f"{path}: {p.format(args.lang)}", file=sys.stderr)
    if loaded.refused:
        print("输入有错误，未比较，未写出任何文件。" if zh else "errors in the input: nothing compared, no file written.",
              file=sys.stderr)
        return EXIT_REFUSED
    comparison = compare(loaded.results, names)
    if args.output:
        _write(comparison, args)
    if args.json:
        sys.stdout.write(json.dumps(to_json(comparison), ensure_ascii=False, indent=2) + "\n")
    elif not args.output:
        sys.stdout.write(comparison_text(comparison, args.lang))
    return 0


def _write(comparison: Comparison, args: argparse.Namespace) -> None:
    suffix = args.output.suffix.lower()
    if suffix in (".png", ".svg"):
        from budgetcalc.sheets.charts import save_figure, waterfall

        save_figure(waterfall(comparison), args.output)
    elif suffix in (".xlsx", ".pdf"):
        from datetime import date

        from budgetcalc.sheets.comparison import build_comparison_sheet
        from budgetcalc.sheets.files import write_sheet

        write_sheet(build_comparison_sheet(comparison, args.unit, today=date.today()), args.output)
    else:
        raise OSError(f"unsupported output type {suffix!r} (.xlsx, .pdf, .png)")
    print(("已写出：" if args.lang == "zh" else "written: ") + str(args.output), file=sys.stderr)
