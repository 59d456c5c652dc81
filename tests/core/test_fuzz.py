"""The fuzz run (tests/core/fuzz_workbooks.py) in a child process with a memory cap: every mutated
workbook ends in problems or in a result that renders, never another exception, and the child
is never killed for memory. 200 cases here; BUDGETCALC_DEEP=1 runs 6,000."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

try:
    import resource  # POSIX: the memory cap of the child; elsewhere the child runs uncapped
except ImportError:
    resource = None  # type: ignore[assignment]

ROOT = Path(__file__).parents[2]
DEEP = os.environ.get("BUDGETCALC_DEEP") == "1"
MEMORY_CAP = 3 << 30


def test_mutated_workbooks_end_in_problems_or_results() -> None:
    cells, raw = (4000, 2000) if DEEP else (120, 80)

    def limit() -> None:
        if resource is not None:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    done = subprocess.run([sys.executable, "-m", "tests.core.fuzz_workbooks", "20261202", str(cells), str(raw)],
                          capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          timeout=3000 if DEEP else 900, preexec_fn=limit if os.name == "posix" else None)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["failed"] == 0, "\n".join(report["failures"])
    counts = report["counts"]
    assert report["cases"] == cells + raw == sum(counts.values())
    assert counts["cells_computed"] and counts["cells_refused"] and counts["bytes_refused"], counts
    print(f"fuzz: {report['cases']} cases {counts}")
