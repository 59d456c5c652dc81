"""What a command's output names: never an input, and OS errors said in the officer's words."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from budgetcalc.base.problems import Lang


def output_is_an_input(args: argparse.Namespace) -> Path | None:
    """The output when it names an input (the same file under any name, or the same path): writing
    it would replace the workbook the officer computes from."""
    output = getattr(args, "output", None) or (getattr(args, "out", None) if args.command == "template" else None)
    if output is None:
        return None
    inputs = [getattr(args, key, None) for key in ("input", "prior", "mapping")] + list(getattr(args, "inputs", None) or ())
    for given in inputs:
        if given is None:
            continue
        try:
            if os.path.samefile(given, output):
                return Path(output)
        except OSError:  # one of them does not exist: then only the same path is the same file
            if os.path.abspath(given) == os.path.abspath(output):
                return Path(output)
    return None



def os_error(exc: OSError, lang: Lang) -> str:
    import errno

    words = {errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
             errno.EACCES: ("没有权限", "permission denied"), errno.ENOSPC: ("磁盘已满", "the disk is full"),
             errno.EROFS: ("只读文件系统", "read-only file system"), errno.EEXIST: ("文件已存在", "the file exists")}
    zh, en = words.get(exc.errno or 0, (exc.strerror or str(exc), exc.strerror or str(exc)))
    where = f"：{exc.filename}" if lang == "zh" and exc.filename else (f": {exc.filename}" if exc.filename else "")
    return (zh if lang == "zh" else en) + where


