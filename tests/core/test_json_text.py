"""``compute --json``'s writer: the same JSON value as ``json.dumps(indent=2)``, one list item a line."""

from __future__ import annotations

import json

from budgetcalc.base.json_text import readable_json


def test_the_value_is_the_same_and_each_line_item_is_one_line() -> None:
    data = {"total_fen": 1, "by_town": {"甲镇": 2}, "lines": [{"a": 1, "b": "元"}, {"a": 2, "b": None}],
            "warnings": [], "monthly": {"1": 3}, "names": ["x", "y"]}
    text = readable_json(data)
    assert json.loads(text) == data
    lines = text.splitlines()
    assert '    {"a": 1, "b": "元"},' in lines and '    {"a": 2, "b": null}' in lines   # Chinese as itself
    assert '  "by_town": {' in lines, "the rest is indented as json.dumps(indent=2) would"
    assert readable_json({}) == "{}\n"
