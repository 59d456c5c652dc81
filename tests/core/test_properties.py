"""Invariants of the engine over generated scenarios (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
def books(draw: Any) -> dict[str, Any]:
    profile = draw(st.sampled_from(["nanxun", "wendeng", "xx_talent"]))
    facilities = draw(facility_rows())
    staff = draw(staff_rows([f["机构编码"] for f in facilities]))
    extra: dict[str, object] = {}
    if profile == "xx_talent":
        extra = {"绩效工资基准线": draw(st.integers(0, 300000)),
                 "绩效总量档位": draw(st.sampled_from(["", "100%", "117.5%", "135%"])),
                 "全科增核": draw(st.sampled_from(["", "0", "10%"]))}
    return {"profile": profile, "facilities": facilities, "staff": staff, "extra": extra}


def result_of(book: dict[str, Any], overrides: list[dict[str, object]] | None = None) -> Result:
    settings_ = {"预算年度": YEAR, "政策标准": book["profile"], **book["extra"]}
    read = read_sheets(sheets(settings_, book["facilities"], book["staff"], overrides or []), CATALOGUE)
    assert read.scenario is not None, [p.format() for p in read.problems]
    return compute(read.scenario, CATALOGUE)


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(books())
def test_every_total_is_the_sum_of_its_lines(book: dict[str, Any]) -> None:
    result = result_of(book)
    total = int(result.lines["amount_fen"].sum())
    assert result.total_fen == total
    for groups in (result.by_standard(), result.by_category(), result.by_funding_source(), result.by_town()):
        assert sum(groups.values()) == total
    assert (result.lines["amount_fen"] >= 0).all()
    assert result.total_low_fen <= result.total_fen <= result.total_high_fen


def _keyed(result: Result) -> dict[tuple[str, str, int], tuple[int, str]]:
    return {(r.standard_id, r.facility_code, int(r.row)): (int(r.amount_fen), r.per)
            for r in result.lines.itertuples()}


@PROPERTY
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


@PROPERTY
@given(books(), st.sampled_from(["before", "after"]), st.data())
def test_a_row_outside_the_budget_year_adds_nothing(book: dict[str, Any], side: str, data: Any) -> None:
    base = result_of(book)
    if side == "before":
        span = {"启用日期": dt.date(2020, 1, 1), "停用日期": dt.date(YEAR - 1, 12, 31)}
        post = {"到岗日期": dt.date(2010, 1, 1), "离岗日期": dt.date(YEAR - 1, 12, 31), "退休日期": dt.date(YEAR - 1, 12, 31)}
    else:
        span = {"启用日期": dt.date(YEAR + 1, 1, 1), "停用日期": ""}
        post = {"到岗日期": dt.date(YEAR + 1, 1, 1), "离岗日期": "", "退休日期": dt.date(YEAR + 2, 6, 30)}
    extra_facility = {**data.draw(facility_rows())[0], "机构编码": "OUT", **span}
    facilities = [*book["facilities"], extra_facility]
    extra_staff = [{**row, "机构编码": data.draw(st.sampled_from(["OUT", book["facilities"][0]["机构编码"]])),
                    "主要负责人": "否", **post}
                   for row in data.draw(staff_rows(["OUT"]))]
    grown = {**book, "facilities": facilities, "staff": [*book["staff"], *extra_staff]}
    assert result_of(grown).by_standard() == base.by_standard()


@PROPERTY
@given(books())
def test_overriding_to_the_same_value_changes_nothing(book: dict[str, Any]) -> None:
    profile = CATALOGUE.profile(book["profile"])
    overrides = [{"标准编号": s.id, "标准值": str(s.value), "说明": "原值"}
                 for s in profile.standards if s.kind == "unit_rate" and s.value is not None]
    overrides += [{"标准编号": s.id, "标准值": str(s.default_point)}
                  for s in profile.standards if s.kind == "band"
                  and not book["extra"].get(s.setting)]  # no choice made: the default is in force
    base, same = result_of(book), result_of(book, overrides)
    assert same.by_standard() == base.by_standard()
    assert same.lines["amount_fen"].tolist() == base.lines["amount_fen"].tolist()


@PROPERTY
@given(books())
def test_every_line_is_its_exact_rate_times_units_rounded_half_up(book: dict[str, Any]) -> None:
    import math
    from fractions import Fraction

    result = result_of(book)
    for line in result.lines.itertuples():
        exact = result.rates[line.standard_id] * line.unit_q * line.unit_m
        assert line.amount_fen == math.floor(exact + Fraction(1, 2)), line.formula
