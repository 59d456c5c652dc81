"""Scenario files from unknown sources: every way a file can be wrong ends in ScenarioFileError
naming why (in Chinese and English), never another exception, a hang or a figure computed
from altered standards."""

from __future__ import annotations

import hashlib
import json
import os
import random
import threading
from pathlib import Path
from typing import Any

import pytest

from budgetcalc.inputs.reader import read_workbook
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.scenarios import file_checks as scenario_file
from budgetcalc.scenarios.file import load_scenario, save_scenario
from budgetcalc.scenarios.file_checks import ScenarioFileError
from tests.conftest import EXAMPLES

DEEP = os.environ.get("BUDGETCALC_DEEP") == "1"


@pytest.fixture
def saved(tmp_path: Path, catalogue: Catalogue) -> Path:
    scenario = read_workbook(EXAMPLES / "wendeng-2025.xlsx", catalogue).scenario
    assert scenario is not None
    return save_scenario(tmp_path / "s.bcs.json", scenario, catalogue)


def refused(path: Path, catalogue: Catalogue) -> ScenarioFileError:
    with pytest.raises(ScenarioFileError) as raised:
        load_scenario(path, catalogue)
    error = raised.value
    assert error.message("zh") and error.message("en") and error.message("en") != error.message("zh")
    return error


def rewrite(path: Path, change: Any) -> dict[str, Any]:
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return data


def test_the_untouched_file_opens(saved: Path, catalogue: Catalogue) -> None:
    assert load_scenario(saved, catalogue).read.scenario is not None


def test_a_utf8_bom_is_accepted(saved: Path, catalogue: Catalogue) -> None:
    saved.write_bytes(b"\xef\xbb\xbf" + saved.read_bytes())                 # Notepad's "UTF-8"
    assert load_scenario(saved, catalogue).read.scenario is not None


def test_standards_edited_outside_the_program_are_refused(saved: Path, catalogue: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["standards"]["text"] = data["standards"]["text"].replace('value = "10000"', 'value = "90000"', 1)

    rewrite(saved, edit)
    error = refused(saved, catalogue)
    assert error.problem.code == "scenario_file_altered" and "wendeng.toml" in str(error)


def test_standards_edited_with_a_new_checksum_open_as_stored(saved: Path, catalogue: Catalogue) -> None:
    """The checksum guards against accidents, not against a deliberate edit: that is the stored profile."""
    def edit(data: dict[str, Any]) -> None:
        text = data["standards"]["text"].replace('value = "10000"', 'value = "9000"', 1)
        data["standards"]["text"] = text
        data["standards"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest().upper()

    rewrite(saved, edit)
    assert load_scenario(saved, catalogue).catalogue_changed


def test_nesting_a_hundred_thousand_deep_is_refused_without_recursion(saved: Path, catalogue: Catalogue) -> None:
    text = saved.read_text("utf-8")
    bomb = "[" * 100_000 + "]" * 100_000
    saved.write_text(text.replace('"sheets": {', f'"bomb": {bomb}, "sheets": {{', 1), "utf-8")
    assert refused(saved, catalogue).problem.code == "scenario_file_too_deep"


def test_brackets_inside_text_do_not_count_as_nesting(saved: Path, catalogue: Catalogue) -> None:
    rewrite(saved, lambda data: data["sheets"]["机构"][1].__setitem__(1, "[" * 200 + "{\"]"))
    assert scenario_file._nesting_exceeds(saved.read_text("utf-8"), scenario_file.MAX_DEPTH) is False
    load_scenario(saved, catalogue)   # a name full of brackets is a name, not a refusal


def test_a_key_twice_in_one_object_is_refused(saved: Path, catalogue: Catalogue) -> None:
    text = saved.read_text("utf-8")
    saved.write_text(text.replace('"version": 1', '"version": 1, "version": 1', 1), "utf-8")
    error = refused(saved, catalogue)
    assert error.problem.code == "scenario_file_duplicate_key" and "version" in str(error)


def test_two_sheets_that_the_reader_would_take_for_one_are_refused(saved: Path, catalogue: Catalogue) -> None:
    rewrite(saved, lambda data: data["sheets"].__setitem__("机构 ", data["sheets"]["机构"]))
    assert refused(saved, catalogue).problem.code == "scenario_file_duplicate_key"


@pytest.mark.parametrize("version", [True, 0, -1, 1.0, "1", None, [1]])
def test_a_version_that_is_not_a_positive_whole_number_is_refused(saved: Path, catalogue: Catalogue,
                                                                   version: object) -> None:
    rewrite(saved, lambda data: data.__setitem__("version", version))
    assert refused(saved, catalogue).problem.code == "scenario_file_version"


@pytest.mark.parametrize("literal,code", [("1" * 5000, "scenario_file_number"), ("NaN", "scenario_file_number"),
                                          ("-Infinity", "scenario_file_number"), ("1e999", "scenario_file_number")])
def test_numbers_no_sheet_can_hold_are_refused(saved: Path, catalogue: Catalogue, literal: str, code: str) -> None:
    text = saved.read_text("utf-8")
    saved.write_text(text.replace('"version": 1', f'"version": 1, "x": {literal}', 1), "utf-8")
    assert refused(saved, catalogue).problem.code == code


def test_a_lone_surrogate_in_a_cell_is_refused_with_where_it_is(saved: Path, catalogue: Catalogue) -> None:
    data = json.loads(saved.read_text("utf-8"))
    data["sheets"]["机构"][1][1] = "村\ud800"
    saved.write_text(json.dumps(data), "utf-8")                          # ASCII escapes: "\\ud800" in the file
    error = refused(saved, catalogue)
    assert error.problem.code == "scenario_file_bad_text" and "机构" in str(error) and "\\ud800" in str(error)


@pytest.mark.parametrize("where,value", [
    ("sheets", []), ("sheets", {}), ("sheets", "机构"), ("standards", None), ("standards", []),
    ("row", {"a": 1}), ("cell", {"a": 1}), ("cell", [1, 2]), ("saved_by", 7), ("draft", "yes"),
    ("file", "../../etc/passwd.toml"), ("file", 3), ("sha256", "abc"), ("text", 5),
])
def test_every_wrong_shape_is_refused(saved: Path, catalogue: Catalogue, where: str, value: object) -> None:
    def edit(data: dict[str, Any]) -> None:
        if where == "row":
            data["sheets"]["机构"][1] = value
        elif where == "cell":
            data["sheets"]["机构"][1][0] = value
        elif where in ("file", "sha256", "text"):
            data["standards"][where] = value
        else:
            data[where] = value

    rewrite(saved, edit)
    assert refused(saved, catalogue).problem.code in (
        "scenario_file_shape", "scenario_file_unusable", "scenario_file_not_ours")


def test_bytes_that_are_not_utf8_are_refused_with_the_offset(saved: Path, catalogue: Catalogue) -> None:
    saved.write_bytes(saved.read_text("utf-8").encode("gb18030"))
    error = refused(saved, catalogue)
    assert error.problem.code == "scenario_file_not_utf8" and dict(error.problem.params)["offset"].isdigit()


def test_a_file_over_the_size_bound_is_refused_before_it_is_read(saved: Path, catalogue: Catalogue,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scenario_file, "MAX_BYTES", 1000)
    assert refused(saved, catalogue).problem.code == "scenario_file_too_large"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_scenario_does_not_block(tmp_path: Path, catalogue: Catalogue) -> None:
    fifo = tmp_path / "x.bcs.json"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            load_scenario(fifo, catalogue)
        except BaseException as exc:  # noqa: BLE001 - what was raised is the point
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "opening a FIFO blocked"
    assert isinstance(outcome[0], ScenarioFileError) and outcome[0].problem.code == "file_not_regular"


def test_random_damage_is_always_a_scenario_file_error(saved: Path, catalogue: Catalogue) -> None:
    """Seeded mutations of a real file (bytes flipped, cut, duplicated, brackets and quotes
    inserted): each opens or is refused with a ScenarioFileError, nothing else. 150 cases here,
    2,000 with BUDGETCALC_DEEP=1."""
    original = saved.read_bytes()
    rng = random.Random(20261202)
    cases = 2000 if DEEP else 150
    outcomes = {"opened": 0, "refused": 0}
    for case in range(cases):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            kind = rng.randrange(5)
            if kind == 0:
                data[at] = rng.randrange(256)
            elif kind == 1:
                del data[at:at + rng.randint(1, 200)]
            elif kind == 2:
                data[at:at] = rng.choice([b"[", b"{", b'"', b"\\", b"\\ud800", b"1e400", b"-", b",", b"null"])
            elif kind == 3:
                piece = bytes(data[at:at + rng.randint(1, 500)])
                data[at:at] = piece
            else:
                data = data[:at]
        saved.write_bytes(bytes(data))
        try:
            load_scenario(saved, catalogue)
            outcomes["opened"] += 1
        except ScenarioFileError:
            outcomes["refused"] += 1
        except Exception as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"case {case}: {type(exc).__name__}: {exc}")
    assert outcomes["refused"] > cases // 2, outcomes
