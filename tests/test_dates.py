import datetime as dt

import pytest

from landscape.dates import DatePrecision, format_partial_date, parse_partial_date, period_end


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("2022-11-30", dt.date(2022, 11, 30), DatePrecision.day),
        ("2020-06", dt.date(2020, 6, 1), DatePrecision.month),
        ("2015-Q4", dt.date(2015, 10, 1), DatePrecision.quarter),
        ("2019", dt.date(2019, 1, 1), DatePrecision.year),
    ],
)
def test_partial_dates_round_trip(text: str, day: dt.date, precision: DatePrecision) -> None:
    assert parse_partial_date(text) == (day, precision)
    assert format_partial_date(day, precision) == text


@pytest.mark.parametrize("bad", ["2020-13", "2021-02-30", "20", "June 2020", "2015-Q5", ""])
def test_bad_dates_are_refused_with_the_value_named(bad: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_partial_date(bad)


def test_period_end_covers_the_whole_period() -> None:
    assert period_end(dt.date(2015, 10, 1), "quarter") == dt.date(2015, 12, 31)
    assert period_end(dt.date(2024, 2, 1), "month") == dt.date(2024, 2, 29)
    assert period_end(dt.date(2019, 1, 1), "year") == dt.date(2019, 12, 31)


def test_unknown_date_formats_as_empty() -> None:
    assert format_partial_date(None, None) == ""
