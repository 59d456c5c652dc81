"""What a bureau files with each line: its 科目 codes, who pays it, the budget unit it goes to.

Added to every line once the calculators are done, from the catalogue (a standard's own
codes, else the profile's by facility type and category) and the scenario (资金分担,
所属卫生院), whole columns at a time. A line's level shares are split from its amount in
whole fen that add up to it exactly (largest remainder), so a 资金来源 table by level sums
to the same total as every other table.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.base.problems import Problem
from budgetcalc.inputs.scenario import Scenario
from budgetcalc.rules import vocab
from budgetcalc.rules.budget_codes import Payer
from budgetcalc.rules.catalogue import Profile
from budgetcalc.rules.kinds import Money

OWN_LEVEL = "（本级统筹）"   # a line with no facility: an item the bureau itself allocates


def payer_of(standard_id: str, profile: Profile, scenario: Scenario) -> Payer:
    """The scenario's 资金分担 row for the standard, else its row for all, else the catalogue's."""
    rows = {r.standard_id: r.payer for r in scenario.payers}
    if standard_id in rows:
        return rows[standard_id]  # type: ignore[index]
    if None in rows:
        return rows[None]
    std = profile.standard(standard_id)
    own = std.payer if isinstance(std, Money) else None
    return own or profile.payer


def budget_units(scenario: Scenario) -> pd.Series:
    """Facility code → its budget unit: its 所属卫生院, else itself."""
    fac = scenario.facilities.drop_duplicates("code")
    managed = fac["managing_unit"] if "managing_unit" in fac else pd.Series(None, index=fac.index, dtype=object)
    return pd.Series(managed.where(managed.notna(), fac["code"]).to_numpy(dtype=object), index=fac["code"].to_numpy(),
                     dtype=object)


def _lookup(keys: pd.Series, table: pd.Series, missing: str) -> pd.Series:
    found = keys.map(table).astype(object)
    return found.where(found.notna(), missing)


def add_columns(lines: pd.DataFrame, profile: Profile, scenario: Scenario) -> pd.DataFrame:
    if lines.empty:
        return lines
    fac = scenario.facilities.drop_duplicates("code")
    types = pd.Series(fac["type"].to_numpy(dtype=object), index=fac["code"].to_numpy(dtype=object), dtype=object)
    line_types = _lookup(lines["facility_code"], types, "")
    rules = profile.classification   # looked up once per distinct type and category, not once per line
    function = line_types.map({t: rules.function_for(str(t)) for t in line_types.unique()}).astype(object)
    economic = {c: rules.economic_for(str(c)) for c in lines["category"].unique()}
    gov = lines["category"].map({c: e[0] for c, e in economic.items()}).astype(object)
    dept = lines["category"].map({c: e[1] for c, e in economic.items()}).astype(object)
    for sid in lines["standard_id"].unique():  # a standard's own codes win over the defaults
        std = profile.standard(str(sid))
        codes = std.codes if isinstance(std, Money) else None
        if codes is None:
            continue
        hit = (lines["standard_id"] == sid).to_numpy()
        if codes.function:
            function[hit] = codes.function
        if codes.gov_economic:
            gov[hit] = codes.gov_economic
        if codes.dept_economic:
            dept[hit] = codes.dept_economic
    payers = {str(sid): payer_of(str(sid), profile, scenario) for sid in lines["standard_id"].unique()}
    units = _lookup(lines["facility_code"], budget_units(scenario), OWN_LEVEL)
    return lines.assign(function_code=function.to_numpy(dtype=object), gov_economic_code=gov.to_numpy(dtype=object),
                        dept_economic_code=dept.to_numpy(dtype=object),
                        fund_type=lines["standard_id"].map({k: p.fund_type for k, p in payers.items()}).astype(object),
                        budget_unit=units.to_numpy(dtype=object))


def level_parts(lines: pd.DataFrame, profile: Profile, scenario: Scenario) -> pd.DataFrame:
    """Each line's amount split by government level, in fen adding up to the line (columns = levels)."""
    out = pd.DataFrame(0, index=lines.index, columns=list(vocab.LEVELS), dtype="int64")
    amounts = lines["amount_fen"].to_numpy(dtype="int64")
    for sid in lines["standard_id"].unique():
        hit = (lines["standard_id"] == sid).to_numpy()
        payer = payer_of(str(sid), profile, scenario)
        parts = split_exact(amounts[hit], [Fraction(s) / 100 for _l, s in payer.levels])
        for j, (level, _share) in enumerate(payer.levels):
            out.loc[hit, level] = parts[:, j]
    return out


def split_exact(amounts: npt.NDArray[np.int64], shares: list[Fraction]) -> npt.NDArray[np.int64]:
    """Whole-fen parts of each amount by ``shares`` (summing to 1): floors, then the remainders' largest
    fractions get one fen each, so every row adds up exactly."""
    n, k = len(amounts), len(shares)
    num = np.array([s.numerator for s in shares], dtype=object)
    den = np.array([s.denominator for s in shares], dtype=object)
    exact = amounts.astype(object)[:, None] * num[None, :]          # amount × share, over den
    floor = exact // den[None, :]
    parts = floor.astype(np.int64)
    left = amounts - parts.sum(axis=1)
    if k and left.any():
        frac = np.array((exact % den[None, :]) * (10**12 // den[None, :]), dtype=np.int64) if n else np.zeros((0, k))
        order = np.argsort(-frac, axis=1, kind="stable")
        for j in range(k):  # k ≤ 5 levels: a loop over levels, never over lines
            give = (left > j)
            parts[np.arange(n)[give], order[give, j]] += 1
    return parts


def split_warnings(lines: pd.DataFrame, profile: Profile, scenario: Scenario) -> list[Problem]:
    """A payer the document leaves unsplit is shown as its interim level and says so."""
    out = []
    for sid in lines["standard_id"].unique():
        payer = payer_of(str(sid), profile, scenario)
        if payer.split_unknown:
            std = profile.standard(str(sid))
            out.append(Problem("payer_split_unknown", vocab.SHEET_PAYERS, None, "标准编号", str(sid), "各级分担比例",
                               severity="warning", params=(("standard", std.label), ("words", payer.words()))))
    return out
