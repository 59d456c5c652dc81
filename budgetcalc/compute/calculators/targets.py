"""Policy targets: the profile's goals with their clause and deadline, checked where the inputs allow.

A target checks against the inputs through a share or a norm of the same profile (its
``measure``); every share and every norm is itself a target the inputs can check. Goals the
inputs cannot measure (standardised centres, visit shares) are listed with their deadline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budgetcalc.compute.calculators.base import Computed, Inputs
from budgetcalc.compute.calculators.staffing import TOTAL, _norm_rows, _share_rows
from budgetcalc.rules.kinds import Norm, Share, StandardId, Target


@dataclass(frozen=True)
class TargetRow:
    standard_id: StandardId         # the target (or the share or norm checked as one)
    measure_id: StandardId | None   # the share or norm that measures it
    deadline: int | None
    actual: Decimal | None          # % for a share, persons for a norm; None when not measurable
    required: Decimal | None
    met: bool | None                # None: the inputs cannot tell


def _measured(std: Share | Norm, inputs: Inputs) -> tuple[Decimal | None, Decimal | None, bool | None]:
    if isinstance(std, Share):
        total = next((r for r in _share_rows(std, inputs) if r.area == TOTAL), None)
        if total is None or total.actual is None:
            return None, std.share, None
        return total.actual, std.share, total.met
    row = next((r for r in _norm_rows(std, inputs) if r.area == TOTAL), None)
    if row is None:
        return None, None, None
    return Decimal(row.actual), Decimal(row.required_min), row.actual >= row.required_min


def calculate(standards: Sequence[Target | Share | Norm], inputs: Inputs) -> Computed:
    """The targets, shares and norms of the profile, in its order, each as a checked target."""
    profile = inputs.profile
    rows: list[TargetRow] = []
    for std in standards:
        if isinstance(std, Target):
            measure = profile.standard(std.measure) if std.measure and profile.has(std.measure) else None
            if isinstance(measure, Share | Norm):
                actual, required, met = _measured(measure, inputs)
                rows.append(TargetRow(std.id, measure.id, std.deadline, actual,
                                      std.value if std.value is not None else required, met))
            else:
                rows.append(TargetRow(std.id, None, std.deadline, None, std.value, None))
        elif isinstance(std, Share | Norm):
            actual, required, met = _measured(std, inputs)
            rows.append(TargetRow(std.id, std.id, std.target_year, actual, required, met))
    return Computed(tables={"targets": tuple(rows)})
