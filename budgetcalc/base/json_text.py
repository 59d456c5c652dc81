"""JSON that a person can read and a province can afford.

``json.dumps(..., indent=2)`` runs Python's own encoder (the C one only writes without an
indent): for the 50,000 lines of a province that is most of ``compute --json``. Here the
object is indented as usual, but a list of objects is written one object per line, each by
the C encoder: the same JSON value, a line of the file for a line of the budget.
"""

from __future__ import annotations

import json
from typing import Any


def readable_json(data: dict[str, Any]) -> str:
    parts = []
    for key, value in data.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            items = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in value)
            parts.append(f"  {name}: [\n{items}\n  ]")
        else:
            parts.append(f"  {name}: " + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  "))
    return "{\n" + ",\n".join(parts) + "\n}\n" if parts else "{}\n"
