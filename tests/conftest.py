from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from budgetcalc.rules.catalogue import Catalogue, default_catalogue

DATA = Path(__file__).parent / "data"
EXAMPLES = DATA / "examples"

# Property tests: a few sharp examples in CI, many more on request (HYPOTHESIS_PROFILE=deep).
settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return default_catalogue()
