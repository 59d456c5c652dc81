"""What a line's trace records: the template it follows and the causes of its months.

A budget line is a row of the lines frame (``compute.lines``); its trace is the columns
that decided it — the template, rate, quantity, months and their window, what bounded
the window, the qualifying date and month, the date of a one-off payment, the
assumption made for a blank date, the point and baseline of a band. The codes below
are the vocabulary of those columns; ``report`` renders them as Chinese or English
sentences, and the not-counted list is a query over the same columns.
"""

from __future__ import annotations

from enum import StrEnum

# What identifies a line across recomputations and between a scenario and its variants.
LINE_KEY = ("standard_id", "line_kind", "sheet", "row", "facility_code", "person")


class Template(StrEnum):
    RATE_YEAR = "rate.year"          # rate/年 × quantity × months/12
    RATE_MONTH = "rate.month"        # rate/月 × quantity × months
    RATE_ONCE = "rate.once"          # rate × quantity, in the year of a date
    BAND_UNIT = "band.unit"          # baseline × N (person-months/12) × point
    BAND_PRINCIPAL = "band.principal"  # unit average × multiple × persons × months/12
    SHORTFALL = "fund.shortfall"     # draws on a fund beyond the fund


class LineKind(StrEnum):
    STANDARD = "standard"            # a standard's own line
    SHORTFALL = "shortfall"          # the excess of draws over their fund (运行保障经费缺口)


class Start(StrEnum):
    """What set a line's first month."""

    YEAR = "year"                    # the budget year's January
    IN_FORCE = "in_force"            # the month the standard came into force
    ROW = "row"                      # the row's own start (启用日期 / 到岗日期)
    QUALIFIED = "qualified"          # the month a qualifying period was completed


class End(StrEnum):
    YEAR = "year"
    IN_FORCE = "in_force"
    ROW = "row"                      # 停用日期 / 离岗日期
    RETIRED = "retired"              # 退休日期


class Reason(StrEnum):
    """Why a row a standard addresses gets less than its months in force, or nothing."""

    FULL = ""                        # counted for every month the standard is in force
    QUALIFYING = "qualifying"        # the qualifying period ends within or after the year
    STARTS_IN_YEAR = "starts_in_year"
    ENDS_IN_YEAR = "ends_in_year"
    RETIRES_IN_YEAR = "retires_in_year"
    STARTS_AFTER_YEAR = "starts_after_year"
    ENDED_BEFORE_YEAR = "ended_before_year"
    CONDITION = "condition"          # a condition of the standard is not met (see ``condition``)
    ONCE_OTHER_YEAR = "once_other_year"   # a one-off payment falls in another year
    OFF_POST_BEFORE_ONCE = "off_post_before_once"   # not on post when the one-off is due
    ZERO_COUNT = "zero_count"        # 数量/人数 is 0
    NOT_IN_FORCE_PART = "not_in_force_part"  # the standard is in force for part of the year only


class Assumption(StrEnum):
    NONE = ""
    QUALIFY_BLANK = "qualify_blank"  # the qualifying date is blank: taken as long before the year
