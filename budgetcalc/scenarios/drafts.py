"""Scenario files of sheets that may still have errors: the editor's drafts, saved to finish later."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from budgetcalc import __version__
from budgetcalc.base.celltext import cell_text, normalize_text
from budgetcalc.base.safe_io import atomic_write
from budgetcalc.inputs.editing import Book, book_to_json, setting_value
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue
from budgetcalc.scenarios.file import FORMAT, VERSION


def save_book(path: str | Path, book: Book, catalogue: Catalogue) -> Path:
    """Save sheets that still have errors in the scenario-file format, to finish later.

    A valid scenario is saved with ``scenario_file.save_scenario``; this keeps the same
    format (sheets as typed, the profile's standards) so ``load_scenario`` opens both and
    reports the remaining problems. Atomic, with the previous version kept as ``.bak``.
    """
    profile_id = normalize_text(cell_text(setting_value(book, vocab.SETTING_PROFILE)))
    if not catalogue.has_profile(profile_id):
        raise KeyError(profile_id)
    source = catalogue.profile(profile_id).source
    data = {
        "format": FORMAT, "version": VERSION, "saved_by": f"budgetcalc {__version__}",
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"), "draft": True,
        "sheets": book_to_json(book),
        "standards": {"file": f"{profile_id}.toml", "text": source,
                      "sha256": hashlib.sha256(source.encode("utf-8")).hexdigest()},
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)

    def write(tmp: Path) -> None:
        tmp.write_text(text, "utf-8")

    return atomic_write(path, write, backup=True)


