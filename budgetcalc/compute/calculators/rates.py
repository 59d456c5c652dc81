"""Rate × quantity × time: the unit-rate standards and the items whose rate the officer enters.

For each standard: the rows it addresses (its scope), which of them meet every condition,
the months each is counted (budget year ∩ months in force ∩ the row's own period ∩ the
months after a qualifying period), and integer-fen amounts rounded half up once per line.
Rows addressed but paid less than the months in force, or nothing, keep the reason in
their trace; no Python loop runs over facilities or staff.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pandas as pd

from budgetcalc.base.celltext import cell_text
from budgetcalc.base.money import div_half_up, yuan_to_fen
from budgetcalc.base.problems import Problem
from budgetcalc.base.reuse import SPLICE_MAX_ROWS
from budgetcalc.compute import lines as ln
from budgetcalc.compute import months as mo
from budgetcalc.compute import splice
from budgetcalc.compute.calculators.base import Computed, Inputs
from budgetcalc.compute.masks import conditions_mask, first_failed
from budgetcalc.compute.overflow import checked_product
from budgetcalc.compute.splice import Positions
from budgetcalc.compute.traces import Assumption, End, LineKind, Reason, Start, Template
from budgetcalc.rules import vocab
from budgetcalc.rules.eligibility import FACILITY_COLUMN_OF_STAFF, Condition, RowCheck, Subject
from budgetcalc.rules.kinds import EnteredRate, Per, UnitRate
from budgetcalc.rules.values import Override, Value, ValueSource

RateStandard = UnitRate | EnteredRate
_DEFAULT_SCOPE = ("facility_types", "staff_categories", "recruitment", "posts")
_TEMPLATES = {Per.YEAR: Template.RATE_YEAR, Per.MONTH: Template.RATE_MONTH, Per.ONCE: Template.RATE_ONCE}
MAX_WARNED_ROWS = 20


def calculate(standards: Sequence[RateStandard], inputs: Inputs) -> Computed:
    return Computed.merge([_standard(std, inputs.values[std.id], inputs) for std in standards])


def _standard(std: RateStandard, value: Value, inputs: Inputs) -> Computed:
    if not value.in_force:
        return Computed()
    if value.source == ValueSource.MISSING:
        return Computed()
    if std.eligibility.subject == Subject.LUMP_SUM:
        return _lump_sum(std, value, inputs)
    return _rows(std, value, inputs)


def _common(std: RateStandard, value: Value, n: int) -> dict[str, object]:
    return {
        "standard_id": std.id, "label": std.label, "kind": std.kind.value, "category": std.category,
        "funding_source": std.funding_source, "clause": std.clause, "line_kind": LineKind.STANDARD.value,
        "in_total": std.draws_on is None, "draws_on": std.draws_on or "",
        "template": _TEMPLATES[std.per].value, "per": std.per.value, "unit": std.unit,
        "quantity_unit": std.quantity_unit, "value_source": value.source.value,
        "rate_den": 12 if std.per == Per.YEAR else 1,
    }


def _rate_fen(amount: Decimal, value: Value) -> int:
    """The rate in fen for the year: a schedule applied to it (株洲's guarantee ratio) scales it, half up."""
    if value.factor is None:
        return yuan_to_fen(amount)
    return yuan_to_fen(amount * value.factor / 100)


def _amounts(std: RateStandard, rate_fen: npt.NDArray[np.int64] | int, quantity: npt.NDArray[np.int64],
             months: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    if std.per == Per.ONCE:
        return checked_product(rate_fen, quantity)
    product = checked_product(rate_fen, quantity, months)
    return div_half_up(product, 12) if std.per == Per.YEAR else product


# ------------------------------------------------------------------ one line per entry (or the scenario)


def _lump_sum(std: RateStandard, value: Value, inputs: Inputs) -> Computed:
    window = value.window
    entries: tuple[Override, ...] = value.entries or (Override(std.id, value.amount or Decimal(0)),)
    fac = inputs.facilities.drop_duplicates("code").set_index("code")
    codes = [e.facility_code for e in entries]
    known = [c if c in fac.index else "" for c in codes]
    n = len(entries)
    rate = np.array([_rate_fen(e.value, value) for e in entries], dtype=np.int64)
    quantity = np.array([e.quantity if e.quantity is not None else 1 for e in entries], dtype=np.int64)
    months = np.full(n, window.months, dtype=np.int64)
    amount = _amounts(std, rate, quantity, months)
    keep = quantity > 0
    entered = value.source == ValueSource.ENTRY
    columns = {
        **_common(std, value, n),
        "sheet": vocab.SHEET_OVERRIDES if entered else "",
        "row": np.array([e.row or 0 for e in entries], dtype=np.int64),
        "facility_code": np.array(known, dtype=object),
        "facility_name": np.array([str(fac.at[c, "name"] or "") if c else "" for c in known], dtype=object),
        "town": np.array([str(fac.at[c, "town"] or "") if c else "" for c in known], dtype=object),
        "rate_fen": rate, "rate_num": rate, "quantity": quantity,
        "months": months if std.per != Per.ONCE else 0,
        "first_month": window.first, "last_month": window.last,
        "start": Start.IN_FORCE.value if window.first > inputs.year * 12 else Start.YEAR.value,
        "end": End.IN_FORCE.value if window.last < inputs.year * 12 + 11 else End.YEAR.value,
        "reason": np.where(keep, Reason.FULL.value, Reason.ZERO_COUNT.value).astype(object),
        "amount_fen": amount, "low_fen": amount, "high_fen": amount,
        "unit_q": quantity, "unit_m": months if std.per != Per.ONCE else 1,
    }
    uncounted = ln.part(n, columns, ~keep)
    return Computed(ln.part(n, columns, keep), lambda: uncounted)


# ------------------------------------------------------------------ one line per facility or staff row


def _scope(std: RateStandard) -> tuple[Condition, ...]:
    keys = std.scope or _DEFAULT_SCOPE
    return tuple(c for c in std.eligibility.conditions() if c.key in keys or c.key.split(".")[0] in keys)


@dataclass(frozen=True)
class _Lines:
    """One standard's lines over the rows it addresses, kept for the computation after an edit: its
    rows that did not change keep their lines (a line depends on its own row only)."""

    std: RateStandard
    value: Value
    year: int
    table_rows: int
    positions: Positions                    # the table's rows it addresses
    row_numbers: npt.NDArray[np.int64]      # their Excel rows
    counted: npt.NDArray[np.bool_]          # which of them are paid
    hits: tuple[npt.NDArray[np.bool_], ...]  # which of them each of the standard's checks warns of
    lines: pd.DataFrame
    uncounted: ln.Later


@dataclass(frozen=True)
class _RowLines:
    """The lines of some addressed rows, before they are parted into paid and not."""

    columns: dict[str, object]
    counted: npt.NDArray[np.bool_]
    failed: npt.NDArray[np.object_]
    hits: tuple[npt.NDArray[np.bool_], ...]
    rows: pd.DataFrame

    def uncounted(self, std: RateStandard, on_staff: bool) -> pd.DataFrame:
        """The rows not paid (a counted row failed no condition: its condition_value is "")."""
        failed_value = _failed_values(std.eligibility.conditions(), self.rows, self.failed, on_staff)
        return ln.part(len(self.rows), {**self.columns, "condition_value": failed_value}, ~self.counted)


def _rows(std: RateStandard, value: Value, inputs: Inputs) -> Computed:
    on_staff = std.eligibility.subject == Subject.STAFF
    table = inputs.staff if on_staff else inputs.facilities
    before = inputs.since.kept.get(std.id) if inputs.since is not None else None
    changed = inputs.since.changed(on_staff) if inputs.since is not None else None
    kept = None
    if isinstance(before, _Lines) and changed is not None and before.std == std and before.value == value \
            and before.year == inputs.year and before.table_rows == len(table):
        kept = _spliced(before, table, changed, on_staff)
    if kept is None:
        kept = _whole(std, value, inputs.year, table, on_staff)
    sheet = vocab.SHEET_STAFF if on_staff else vocab.SHEET_FACILITIES
    warnings = tuple(w for check, hit in zip(std.checks, kept.hits, strict=True)
                     for w in _warnings(std, check, kept.row_numbers[hit], sheet))
    return Computed(kept.lines, kept.uncounted, warnings, kept={std.id: kept})


def _whole(std: RateStandard, value: Value, year: int, table: pd.DataFrame, on_staff: bool) -> _Lines:
    addressed = conditions_mask(_scope(std), table, on_staff)
    part = _row_lines(std, value, year, table[addressed], on_staff)
    return _Lines(std, value, year, len(table), np.flatnonzero(addressed), part.rows["row"].to_numpy(dtype="int64"),
                  part.counted, part.hits, ln.part(len(part.rows), part.columns, part.counted),
                  ln.Once(lambda: part.uncounted(std, on_staff)))


def _spliced(before: _Lines, table: pd.DataFrame, changed: Positions, on_staff: bool) -> _Lines | None:
    """``before`` with the lines of the ``changed`` table rows computed again; None (compute the whole
    table) when a changed row comes into or out of the standard's scope or its lines, as the lines
    would then be more or fewer."""
    if len(changed) == 0:
        return before
    if len(changed) > SPLICE_MAX_ROWS:
        return None
    std = before.std
    rows = table.iloc[changed]
    addressed = conditions_mask(_scope(std), rows, on_staff)
    at = np.searchsorted(before.positions, changed)
    was = (at < len(before.positions)) & (before.positions[np.minimum(at, len(before.positions) - 1)] == changed) \
        if len(before.positions) else np.zeros(len(changed), dtype=bool)
    if (addressed != was).any():
        return None
    at = at[addressed]
    part = _row_lines(std, before.value, before.year, rows[addressed], on_staff)
    if (part.counted != before.counted[at]).any():
        return None
    paid_at = (np.cumsum(before.counted) - 1)[at[part.counted]]
    unpaid_at = (np.cumsum(~before.counted) - 1)[at[~part.counted]]
    lines = splice.with_values(before.lines, paid_at, ln.parts_of(len(part.rows), part.columns, part.counted))
    row_numbers = before.row_numbers.copy()
    row_numbers[at] = part.rows["row"].to_numpy(dtype="int64")
    hits = tuple(_put(hit, at, new) for hit, new in zip(before.hits, part.hits, strict=True))
    return replace(before, row_numbers=row_numbers, hits=hits, lines=lines,
                   uncounted=ln.Once(_uncounted_after(before, unpaid_at, part, table, on_staff)))


def _uncounted_after(before: _Lines, at: Positions, part: _RowLines, table: pd.DataFrame,
                     on_staff: bool) -> ln.Later:
    """The rows not paid after a splice: those of before with the changed ones put in place, when
    before's are made; else all of them made anew, so that a run of edits never asked for them (the
    app skips an outcome already edited again) is not a chain of frames kept for each edit."""
    std = before.std
    if isinstance(before.uncounted, ln.Once) and before.uncounted.made:
        made = before.uncounted()
        return lambda: splice.with_rows(made, at, part.uncounted(std, on_staff))
    return lambda: _whole(std, before.value, before.year, table, on_staff).uncounted()


def _put(values: npt.NDArray[np.bool_], at: Positions, new: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    out = values.copy()
    out[at] = new
    return out


def _row_lines(std: RateStandard, value: Value, year: int, rows: pd.DataFrame, on_staff: bool) -> _RowLines:
    """The lines of ``rows`` (rows the standard addresses), each from its own row alone."""
    rule = std.eligibility
    failed = first_failed(rule.conditions(), rows, on_staff)
    n = len(rows)
    window = value.window
    y0, y1 = year * 12, year * 12 + 11
    f0, f1 = max(y0, window.first), min(y1, window.last)

    if on_staff:
        row_start_date, off_date, retire_date = rows["on_post_date"], rows["off_post_date"], rows["retirement_date"]
        start = mo.month_indices(row_start_date, mo.NO_START)
        off = mo.month_indices(off_date, mo.NO_END)
        retire = mo.month_indices(retire_date, mo.NO_END)
        end = np.minimum(off, retire)
        end_cause = np.where(retire < off, End.RETIRED.value, End.ROW.value).astype(object)
        row_end_date = off_date.where(~(retire < off), retire_date)
        person = rows["name"].fillna(rows["person_id"]).fillna("").to_numpy(dtype=object)
        sheet = vocab.SHEET_STAFF
    else:
        row_start_date, row_end_date = rows["start_date"], rows["end_date"]
        start = mo.month_indices(row_start_date, mo.NO_START)
        end = mo.month_indices(row_end_date, mo.NO_END)
        off = end
        end_cause = np.full(n, End.ROW.value, dtype=object)
        person = np.full(n, "", dtype=object)
        sheet = vocab.SHEET_FACILITIES

    qualify_date = pd.Series(pd.NaT, index=rows.index, dtype="datetime64[ns]")
    qualify = np.full(n, mo.NO_START, dtype=np.int64)
    assumption = np.full(n, Assumption.NONE.value, dtype=object)
    if rule.qualifying_from:
        qualify_date = rows[rule.qualifying_from]
        qualify = mo.qualified_from(qualify_date, rule.qualifying_months)
        assumption = np.where(qualify_date.isna().to_numpy(), Assumption.QUALIFY_BLANK.value, "").astype(object)

    first = np.maximum.reduce([np.full(n, f0, dtype=np.int64), start, qualify])
    last = np.minimum(np.full(n, f1, dtype=np.int64), end)
    months = mo.months_in_window(first, last)
    quantity = rows["count"].to_numpy(dtype="int64")
    start_cause = np.select(
        [(qualify == first) & (qualify > f0), (start == first) & (start > f0), first > y0],
        [Start.QUALIFIED.value, Start.ROW.value, Start.IN_FORCE.value], Start.YEAR.value).astype(object)
    end_cause = np.select([(end == last) & (end < f1), last < y1], [end_cause, End.IN_FORCE.value],
                          End.YEAR.value).astype(object)

    rate_fen = _rate_fen(value.amount, value) if value.amount is not None else 0
    due_date = pd.Series(pd.NaT, index=rows.index, dtype="datetime64[ns]")
    if std.per == Per.ONCE:
        assert rule.once_at is not None
        due_date = rows[rule.once_at]
        due = mo.month_indices(due_date, mo.NO_START)
        in_year = (due >= y0) & (due <= y1)
        on_post = (due >= start) & (due <= off)
        payable = in_year & on_post & (due >= f0) & (due <= f1)
        first = last = due
        months = np.zeros(n, dtype=np.int64)
        reason = np.select(
            [failed != "", quantity == 0, ~in_year | (due < f0) | (due > f1), ~on_post],
            [Reason.CONDITION.value, Reason.ZERO_COUNT.value, Reason.ONCE_OTHER_YEAR.value,
             Reason.OFF_POST_BEFORE_ONCE.value], Reason.FULL.value).astype(object)
        counted = payable & (failed == "") & (quantity > 0)
        unit_m = np.ones(n, dtype=np.int64)
    else:
        partial = months < (f1 - f0 + 1)
        start_reason = np.select([start_cause == Start.QUALIFIED.value, start_cause == Start.ROW.value],
                                 [Reason.QUALIFYING.value, Reason.STARTS_IN_YEAR.value], "").astype(object)
        end_reason = np.select([end_cause == End.ROW.value, end_cause == End.RETIRED.value],
                               [Reason.ENDS_IN_YEAR.value, Reason.RETIRES_IN_YEAR.value], "").astype(object)
        reason = np.select(
            [failed != "", quantity == 0, (months == 0) & (start > f1), (months == 0) & (end < f0),
             months == 0, partial & (start_reason != ""), partial],
            [Reason.CONDITION.value, Reason.ZERO_COUNT.value, Reason.STARTS_AFTER_YEAR.value,
             Reason.ENDED_BEFORE_YEAR.value, Reason.QUALIFYING.value, start_reason, end_reason],
            Reason.FULL.value).astype(object)
        counted = (failed == "") & (months > 0) & (quantity > 0)
        unit_m = months

    amount = np.where(counted, _amounts(std, rate_fen, quantity, np.where(counted, months, 0)), 0).astype(np.int64)
    sheets: object = sheet
    if "source_sheet" in rows:  # rows a projection's plan added point at the 规划 sheet
        source = rows["source_sheet"].fillna("").to_numpy(dtype=object)
        sheets = np.where(source != "", source, sheet)
    row_numbers = rows["row"].to_numpy(dtype="int64")
    columns = {
        **_common(std, value, n), "sheet": sheets, "row": row_numbers,
        "facility_code": (rows["facility_code"] if on_staff else rows["code"]).fillna("").to_numpy(dtype=object),
        "facility_name": (rows["facility_name"] if on_staff else rows["name"]).fillna("").to_numpy(dtype=object),
        "person": person, "town": rows["town"].fillna("").to_numpy(dtype=object),
        "rate_fen": rate_fen, "rate_num": rate_fen, "quantity": quantity, "months": months,
        "first_month": first, "last_month": last, "start": start_cause, "end": end_cause,
        "reason": reason, "condition": failed,
        "qualify_date": qualify_date.to_numpy(), "qualify_month": np.where(qualify == mo.NO_START, 0, qualify),
        "row_start_date": row_start_date.to_numpy(), "row_end_date": row_end_date.to_numpy(),
        "due_date": due_date.to_numpy(), "assumption": assumption,
        "amount_fen": amount, "low_fen": amount, "high_fen": amount, "unit_q": quantity, "unit_m": unit_m,
    }
    hits = tuple(_hits(std, check, rows, counted, on_staff) for check in std.checks)
    return _RowLines(columns, counted, failed, hits, rows)


def _failed_values(conditions: tuple[Condition, ...], rows: pd.DataFrame, failed: npt.NDArray[np.object_],
                   on_staff: bool) -> npt.NDArray[np.object_]:
    """What each row holds in the column of the condition it failed ("" where it passed)."""
    out = np.full(len(rows), "", dtype=object)
    for cond in conditions:
        hit = failed == cond.key
        if hit.any():
            column = rows[FACILITY_COLUMN_OF_STAFF.get(cond.column, cond.column)
                          if on_staff and cond.sheet == vocab.SHEET_FACILITIES else cond.column]
            out[hit] = _texts(column[hit])
    return out


def _texts(column: pd.Series) -> npt.NDArray[np.object_]:
    """``cell_text`` of each value, once per distinct value where the column has one type (a province
    fails a condition 30,000 times over a few values); a column of mixed objects maps each, since
    hashing would take 1, 1.0 and True for one value."""
    if column.dtype == object:
        return column.map(cell_text).to_numpy(dtype=object)
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return np.array([cell_text(u) for u in uniques], dtype=object)[codes]


def _hits(std: RateStandard, check: RowCheck, rows: pd.DataFrame, counted: npt.NDArray[np.bool_],
          on_staff: bool) -> npt.NDArray[np.bool_]:
    among = counted if check.among == "counted" else np.ones(len(rows), dtype=bool)
    hit = among & conditions_mask(check.when.conditions(), rows, on_staff)
    if check.started_before_effective:
        column = "on_post_date" if on_staff else "start_date"
        started = rows[column].to_numpy(dtype="datetime64[ns]")
        hit &= ~np.isnat(started) & (started < np.datetime64(std.effective.start, "ns"))
    return hit


def _warnings(std: RateStandard, check: RowCheck, found: npt.NDArray[np.int64], sheet: str) -> list[Problem]:
    params = (("label", std.label), ("message", check.message), ("message_en", check.message_en),
              ("code", check.code), ("standard_id", std.id))
    out = [Problem("standard_check", sheet, int(r), severity="warning", params=params)
           for r in found[:MAX_WARNED_ROWS]]
    if len(found) > MAX_WARNED_ROWS:
        out.append(Problem("standard_check_more", sheet, None, severity="warning",
                           params=params + (("n", str(len(found) - MAX_WARNED_ROWS)),)))
    return out
