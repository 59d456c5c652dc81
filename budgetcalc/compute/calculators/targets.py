"""Policy targets: the profile's goals with their clause and deadline, checked where the inputs allow.

A target checks against the inputs through a share or a norm of the same profile (its
``measure``); every share and every norm is itself a target the inputs can check, and a
schedule of quotas (recruits a year, the share of 县聘乡用 among them) is checked against the
规划 sheet. Goals the inputs cannot measure (standardised centres, visit shares) are listed
with their deadline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budgetcalc.compute.calculators.base import Computed, Inputs
from budgetcalc.compute.calculators.staffing import TOTAL, _norm_rows, _share_rows
from budgetcalc.inputs.plan_sheet import PlanKind
from budgetcalc.rules.kinds import Norm, Schedule, Share, StandardId, Target


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


PHYSICIANS = ("全科医生", "临床医生", "公共卫生医师", "中医")


def _planned(std: Schedule, inputs: Inputs) -> tuple[Decimal | None, Decimal | None, bool | None]:
    """A schedule the 规划 sheet can answer: recruits planned for the first plan year, or their share by route."""
    year = inputs.scenario.settings.year + 1
    recruits = [r for r in inputs.scenario.plan if r.kind == PlanKind.RECRUIT
                and (r.from_year or year) <= year and (r.to_year is None or year <= r.to_year)]
    low, high = std.per_year_low, std.per_year_high
    if not std.plan_measure or not recruits:
        return None, low, None
    if std.plan_measure == "recruits":
        n = Decimal(sum(int(r.value) for r in recruits))
        return n, low, (low is None or n >= low) and (high is None or n <= high)
    doctors = [r for r in recruits if r.post in PHYSICIANS]
    total = sum(int(r.value) for r in doctors)
    if not total:
        return None, low, None
    share = (Decimal(sum(int(r.value) for r in doctors if r.recruitment == std.recruitment) * 100) / total).quantize(
        Decimal("0.01"))
    return share, low, low is None or share >= low


def calculate(standards: Sequence[Target | Share | Norm | Schedule], inputs: Inputs) -> Computed:
    """The targets, shares, norms and goal-like schedules of the profile, in its order, each as a checked target."""
    profile = inputs.profile
    rows: list[TargetRow] = []
    for std in standards:
        if isinstance(std, Schedule):
            if std.applies_to is None and std.annual_growth is None:  # a factor or growth rule is applied, not checked
                actual, required, met = _planned(std, inputs)
                rows.append(TargetRow(std.id, std.id if actual is not None else None, std.by_year_end, actual,
                                      required, met))
            continue
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
