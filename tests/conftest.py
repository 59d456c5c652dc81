from __future__ import annotations

from pathlib import Path

import pytest

from budgetcalc.rules.catalogue import Catalogue, default_catalogue

DATA = Path(__file__).parent / "data"
EXAMPLES = DATA / "examples"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return default_catalogue()
