"""What a scenario file is called: the one rule for its suffix, its stem and names derived from it."""

from __future__ import annotations

from pathlib import Path

SUFFIX = ".bcs.json"


def is_scenario_file(path: str | Path) -> bool:
    """A scenario file (any ``.json``, as older saves may lack the ``.bcs``); anything else is a workbook."""
    return str(path).lower().endswith(".json")


def scenario_stem(path: Path) -> str:
    """A file's name without ``.bcs.json`` (or its one suffix)."""
    return path.name[: -len(SUFFIX)] if path.name.lower().endswith(SUFFIX) else path.stem


def as_scenario_path(path: Path) -> Path:
    """``path`` with the scenario suffix, replacing a bare ``.json``."""
    if path.name.lower().endswith(SUFFIX):
        return path
    return path.with_name(path.name.removesuffix(".json") + SUFFIX)
