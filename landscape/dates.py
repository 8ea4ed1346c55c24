"""Dates that know their precision: a day, a month, a quarter or only a year.

A partial date is stored as the first day of its period plus a precision, and written back
as ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn`` or ``YYYY``.
"""

import datetime as dt
import re
from enum import StrEnum


class DatePrecision(StrEnum):
    day = "day"
    month = "month"
    quarter = "quarter"
    year = "year"


_PATTERNS: list[tuple[re.Pattern[str], DatePrecision]] = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), DatePrecision.day),
    (re.compile(r"^(\d{4})-(\d{2})$"), DatePrecision.month),
    (re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE), DatePrecision.quarter),
    (re.compile(r"^(\d{4})$"), DatePrecision.year),
]


def parse_partial_date(text: str) -> tuple[dt.date, DatePrecision]:
    """Parse ``2022-11-30``, ``2020-06``, ``2015-Q4`` or ``2019`` into (first day, precision).

    Raises ValueError with a readable message for anything else.
    """
    value = str(text).strip()
    for pattern, precision in _PATTERNS:
        match = pattern.match(value)
        if not match:
            continue
        year = int(match.group(1))
        try:
            if precision is DatePrecision.day:
                return dt.date(year, int(match.group(2)), int(match.group(3))), precision
            if precision is DatePrecision.month:
                return dt.date(year, int(match.group(2)), 1), precision
            if precision is DatePrecision.quarter:
                return dt.date(year, 3 * int(match.group(2)) - 2, 1), precision
            return dt.date(year, 1, 1), precision
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date ({exc})") from None
    raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")


def format_partial_date(value: dt.date | None, precision: str | None) -> str:
    """Write a stored date back at its precision; an unknown date is the empty string."""
    if value is None:
        return ""
    match precision:
        case DatePrecision.year:
            return f"{value.year:04d}"
        case DatePrecision.quarter:
            return f"{value.year:04d}-Q{(value.month - 1) // 3 + 1}"
        case DatePrecision.month:
            return f"{value.year:04d}-{value.month:02d}"
        case _:
            return value.isoformat()


def period_end(value: dt.date, precision: str | None) -> dt.date:
    """The last day of the period a partial date stands for (for bands and sorting)."""
    match precision:
        case DatePrecision.year:
            return dt.date(value.year, 12, 31)
        case DatePrecision.quarter:
            last_month = (value.month - 1) // 3 * 3 + 3
            return _month_end(value.year, last_month)
        case DatePrecision.month:
            return _month_end(value.year, value.month)
        case _:
            return value


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)
