"""Invariants of the engine over generated scenarios (hypothesis), each one the engine could break.

The first property recomputes every amount of the unit-rate standards independently,
row by row in plain Python from the documents' rules (whole months, the 12-month rule,
rounding half up once per line, draws on a fund not added on top), and compares it with
the engine's vectorised result. The others are relations between two computations.
Example counts come from the hypothesis profile (``HYPOTHESIS_PROFILE=ci`` is the
default; ``deep`` runs many more, see tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from budgetcalc.base.celltext import date_value
from budgetcalc.compute.engine import compute
from budgetcalc.compute.result import Result
from budgetcalc.inputs.reader import read_sheets
from budgetcalc.rules import vocab
from budgetcalc.rules.catalogue import Catalogue, default_catalogue
from tests.builders import sheets

CATALOGUE: Catalogue = default_catalogue()
YEAR = 2025
CODES = [f"F{i}" for i in range(6)]

dates = st.one_of(st.just(""), st.dates(dt.date(2022, 1, 1), dt.date(2027, 12, 31)))
flag = st.sampled_from(["是", "否", ""])


@st.composite
def facility_rows(draw: Any) -> list[dict[str, object]]:
    n = draw(st.integers(1, len(CODES)))
    rows = []
    for code in CODES[:n]:
        start, end = sorted([draw(dates), draw(dates)], key=lambda d: (d == "", d))
        rows.append({"机构编码": code, "机构类型": draw(st.sampled_from(vocab.FACILITY_TYPES)),
                     "所属镇街": draw(st.sampled_from(["甲镇", "乙镇", ""])),
                     "数量": draw(st.integers(0, 40)), "一体化管理": draw(flag), "新增": draw(flag),
                     "合署办公本部": draw(st.sampled_from(["否", "否", "是"])),
                     "启用日期": start, "停用日期": end if start == "" or end == "" or end >= start else ""})
    return rows


@st.composite
def staff_rows(draw: Any, codes: list[str]) -> list[dict[str, object]]:
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        on = draw(dates)
        off = draw(dates)
        if on != "" and off != "" and off < on:
            on, off = off, on
        rows.append({"机构编码": draw(st.sampled_from(codes)), "人数": draw(st.integers(0, 30)),
                     "编制类型": draw(st.sampled_from(vocab.STAFF_CATEGORIES)),
                     "招聘方式": draw(st.sampled_from(vocab.RECRUITMENT)),
                     "驻村": draw(flag), "到岗日期": on, "离岗日期": off, "全科注册日期": draw(dates),
                     "全日制大中专及以上": draw(flag), "基层累计服务年限": draw(st.sampled_from(["", 10, 29, 30, 35])),
                     "退休日期": draw(dates), "合署办公本部": draw(flag), "主要负责人": draw(flag)})
    return rows


@st.composite
def books(draw: Any, profiles: tuple[str, ...] = ("nanxun", "wendeng", "xx_talent")) -> dict[str, Any]:
    profile = draw(st.sampled_from(profiles))
    facilities = draw(facility_rows())
    staff = draw(staff_rows([f["机构编码"] for f in facilities]))
    extra: dict[str, object] = {}
    if profile == "xx_talent":
        extra = {"绩效工资基准线": draw(st.integers(0, 300000)),
                 "绩效总量档位": draw(st.sampled_from(["", "100%", "117.5%", "135%"])),
                 "全科增核": draw(st.sampled_from(["", "0", "10%"]))}
    return {"profile": profile, "facilities": facilities, "staff": staff, "extra": extra,
            "year": draw(st.sampled_from([2024, 2025, 2028]))}


def result_of(book: dict[str, Any], overrides: list[dict[str, object]] | None = None) -> Result:
    settings_ = {"预算年度": book.get("year", YEAR), "政策标准": book["profile"], **book["extra"]}
    read = read_sheets(sheets(settings_, book["facilities"], book["staff"], overrides or []), CATALOGUE)
    assert read.scenario is not None, [p.format() for p in read.problems]
    return compute(read.scenario, CATALOGUE)


# ------------------------------------------------------------------ an independent computation


def _month(day: object) -> int | None:
    found = date_value(day) if day != "" else None
    return None if found is None else found.year * 12 + found.month - 1


def _months(year: int, force_from: int, *bounds: tuple[int | None, int | None]) -> int:
    """Whole months of ``year`` in force (from ``force_from``) inside every (start, end) bound."""
    first, last = max(year * 12, force_from), year * 12 + 11
    for start, end in bounds:
        first = max(first, start) if start is not None else first
        last = min(last, end) if end is not None else last
    return max(0, last - first + 1)


def _qualified(day: object, months: int = 12) -> int | None:
    """First month with ``months`` whole months passed on its 1st (the standards page's rule)."""
    found = date_value(day) if day != "" else None
    if found is None:
        return None
    return found.year * 12 + found.month - 1 + months + (0 if found.day == 1 else 1)


def _half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


def reference(book: dict[str, Any]) -> dict[str, int]:
    """Each unit-rate standard's amount, computed row by row from the documents."""
    year = book.get("year", YEAR)
    facilities = {f["机构编码"]: f for f in book["facilities"]}
    out: dict[str, int] = {}
    if book["profile"] == "wendeng":
        force = 2024 * 12 + 10  # 2024-11-15
        out["wendeng.village_clinic_operation"] = sum(
            _half_up(Fraction(1_000_000 * int(f["数量"]) * _months(
                year, force, (_month(f["启用日期"]), _month(f["停用日期"]))), 12))
            for f in book["facilities"] if f["机构类型"] == "村卫生室" and f["一体化管理"] == "是")
        out["wendeng.village_post_subsidy"] = sum(
            20_000 * int(s["人数"]) * _months(year, force, (_month(s["到岗日期"]), _month(s["离岗日期"])),
                                               (None, _month(s["退休日期"])))
            for s in book["staff"] if s["招聘方式"] in ("大学生乡村医生专项", "镇聘村用"))
    elif book["profile"] == "nanxun":
        force = 2024 * 12 + 7  # 2024-08-07
        out["nanxun.mobile_clinic_operation"] = sum(
            _half_up(Fraction(25_000_000 * int(f["数量"]) * _months(
                year, force, (_month(f["启用日期"]), _month(f["停用日期"]))), 12))
            for f in book["facilities"] if f["机构类型"] == "移动医疗车" and f["新增"] == "是")
        stationed = 0
        for s in book["staff"]:
            where = facilities[s["机构编码"]]
            head_office = s["合署办公本部"] == "是" or where["合署办公本部"] == "是"
            if (s["编制类型"] == "在编" and s["驻村"] == "是" and not head_office
                    and where["机构类型"] in ("社区卫生服务站", "村卫生室")):
                months = _months(year, force, (_month(s["到岗日期"]), _month(s["离岗日期"])),
                                 (None, _month(s["退休日期"])), (_qualified(s["到岗日期"]), None))
                stationed += _half_up(Fraction(2_400_000 * int(s["人数"]) * months, 12))
        out["nanxun.stationed_staff_subsidy"] = stationed
    return out


@given(books(("nanxun", "wendeng")))
def test_unit_rates_agree_with_a_row_by_row_computation_from_the_documents(book: dict[str, Any]) -> None:
    result = result_of(book)
    want = reference(book)
    got = result.by_standard()
    for sid, fen in want.items():
        assert got[sid] == fen, sid
    if book["profile"] == "wendeng":
        fund, draw = want["wendeng.village_clinic_operation"], want["wendeng.village_post_subsidy"]
        assert result.total_fen == fund + max(0, draw - fund)  # a draw on the fund is not added on top
    assert result.total_low_fen <= result.total_fen <= result.total_high_fen


@given(books())
def test_every_group_adds_up_to_the_total_and_draws_stay_out(book: dict[str, Any]) -> None:
    """The groups are computed by their own groupings; a draw shows in by_standard but in no total."""
    result = result_of(book)
    for groups in (result.by_category(), result.by_funding_source(), result.by_town()):
        assert sum(groups.values()) == result.total_fen
    draws = result.profile.draws()
    own = sum(v for k, v in result.by_standard().items() if k not in draws)
    assert result.total_fen == own + sum(s.shortfall_fen for s in result.shortfalls())


def _keyed(result: Result) -> dict[tuple[str, str, str, int], tuple[int, str]]:
    return {(r.standard_id, r.line_kind, r.facility_code, int(r.row)): (int(r.amount_fen), r.per)
            for r in result.lines.itertuples()}


@given(books())
def test_doubling_every_count_doubles_every_line(book: dict[str, Any]) -> None:
    doubled = {**book,
               "facilities": [{**f, "数量": 2 * int(f["数量"])} for f in book["facilities"]],
               "staff": [{**s, "人数": 2 * int(s["人数"])} for s in book["staff"]]}
    before, after = _keyed(result_of(book)), _keyed(result_of(doubled))
    assert before.keys() == after.keys()
    for key, (amount, per) in before.items():
        twice = after[key][0]
        if per in ("month", "once"):
            assert twice == 2 * amount, key
        else:  # an annual rate prorated by months: each line rounds once
            assert abs(twice - 2 * amount) <= 1, key


@given(books(), st.sampled_from(["before", "after"]), st.data())
def test_a_row_outside_the_budget_year_adds_nothing(book: dict[str, Any], side: str, data: Any) -> None:
    base = result_of(book)
    year = book["year"]
    if side == "before":
        span = {"启用日期": dt.date(2020, 1, 1), "停用日期": dt.date(year - 1, 12, 31)}
        post = {"到岗日期": dt.date(2010, 1, 1), "离岗日期": dt.date(year - 1, 12, 31), "退休日期": dt.date(year - 1, 12, 31)}
    else:
        span = {"启用日期": dt.date(year + 1, 1, 1), "停用日期": ""}
        post = {"到岗日期": dt.date(year + 1, 1, 1), "离岗日期": "", "退休日期": dt.date(year + 2, 6, 30)}
    extra_facility = {**data.draw(facility_rows())[0], "机构编码": "OUT", **span}
    facilities = [*book["facilities"], extra_facility]
    extra_staff = [{**row, "机构编码": data.draw(st.sampled_from(["OUT", book["facilities"][0]["机构编码"]])),
                    "主要负责人": "否", **post}
                   for row in data.draw(staff_rows(["OUT"]))]
    grown = {**book, "facilities": facilities, "staff": [*book["staff"], *extra_staff]}
    assert result_of(grown).by_standard() == base.by_standard()


@given(books())
def test_overriding_to_the_same_value_changes_nothing(book: dict[str, Any]) -> None:
    profile = CATALOGUE.profile(book["profile"])
    overrides = [{"标准编号": s.id, "标准值": str(s.value), "说明": "原值"}
                 for s in profile.standards if s.kind == "unit_rate"]
    overrides += [{"标准编号": s.id, "标准值": str(s.default_point), "说明": "默认档"}
                  for s in profile.standards if s.kind == "band"
                  and not book["extra"].get(s.setting)]  # no choice made: the default is in force
    base, same = result_of(book), result_of(book, overrides)
    assert same.by_standard() == base.by_standard()
    assert same.lines["amount_fen"].tolist() == base.lines["amount_fen"].tolist()


@given(books())
def test_every_line_is_its_exact_rate_times_units_rounded_half_up(book: dict[str, Any]) -> None:
    """The trace's exact rate, quantity and months give the amount: nothing else went into it."""
    result = result_of(book)
    for line in result.lines.itertuples():
        exact = Fraction(int(line.rate_num), int(line.rate_den)) * int(line.unit_q) * int(line.unit_m)
        assert line.amount_fen == _half_up(exact), line.standard_id
