"""Column parsers: text is never coerced, numbers and codes are checked with clear messages."""

import datetime as dt

import pytest

from landscape.exchange import columns as c


@pytest.mark.parametrize("value", ["NA", "null", "None", "NaN", "0042", " padded ", "TRUE"])
def test_text_columns_keep_what_looks_like_other_types(value: str) -> None:
    assert c.text(value) == value


def test_empty_text_is_null() -> None:
    assert c.text("") is None
    assert c.text("   ") is None  # only spaces is no value, as in the forms


@pytest.mark.parametrize(
    ("parser", "raw", "message"),
    [
        (c.amount, "-5", "negative"),
        (c.amount, "1.5", "whole number"),
        (c.amount, "1,000", "whole number"),
        (c.number, "NaN", "finite"),
        (c.currency, "ABC", "ISO 4217"),
        (c.currency, "XAU", "gold"),
        (c.url, "openai.com", "https://"),
        (c.url, "https://open ai.com", "spaces"),
        (c.url, "https://localhost", "domain"),
        (c.country, "usa", "two letters"),
        (c.country, "ZZ", "ISO 3166-1"),
        (c.language, "zh-a", "language tag"),
        (c.boolean, "maybe", "true or false"),
        (c.partial_date, "2022-13-01", "real date"),
        (c.json_object, "[1]", "JSON object"),
    ],
)
def test_bad_values_say_what_is_wrong(parser: c.Parser, raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parser(raw)


def test_good_values_parse() -> None:
    assert c.amount(" 0042 ") == 42
    assert c.currency("CNY") == "CNY"
    assert c.currency(" usd ") == "USD"  # codes are case-insensitive, stored as ISO writes them
    assert c.country("cn") == "CN"
    assert c.url("https://openai.com/a?b=c") == "https://openai.com/a?b=c"
    assert c.boolean("Yes") is True
    assert c.partial_date("2015-Q4") == (dt.date(2015, 10, 1), "quarter")
    assert c.name_list("A; B;C") == ["A", "B", "C"]


def test_future_dates_are_refused() -> None:
    today = dt.date(2024, 1, 1)
    c.not_in_future((dt.date(2023, 12, 31), "day"), today)
    with pytest.raises(ValueError, match="future"):
        c.not_in_future((dt.date(2024, 2, 1), "month"), today)
