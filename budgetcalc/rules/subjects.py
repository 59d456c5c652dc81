"""Names of the 政府收支分类科目 codes, for printing beside them (``resources/classification``).

Names are reference data, not rules: a code the file does not list still files and
totals, and prints without a name until the file is extended.
"""

from __future__ import annotations

import tomllib
from functools import cache

from budgetcalc.base.paths import resources_dir

KINDS = ("function", "gov_economic", "dept_economic")


@cache
def _names() -> dict[str, dict[str, str]]:
    path = resources_dir() / "classification" / "subjects.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    return {kind: {str(k): str(v) for k, v in data.get(kind, {}).items()} for kind in KINDS}


def subject_name(kind: str, code: str) -> str:
    return _names()[kind].get(code, "")
