"""The rule book: each field rule and each rule across fields, with its edge cases."""

import datetime as dt
import importlib.util
import subprocess
import sys
from enum import StrEnum

import pytest

from landscape import models as m
from landscape import rules
from landscape.dates import DatePrecision
from landscape.iso_codes import COUNTRIES, CURRENCIES, NOT_MONEY, RETIRED_CURRENCIES

from .conftest import REPO


def _refused(rule: object, raw: object) -> str:
    with pytest.raises(ValueError) as caught:
        rule(raw)  # type: ignore[operator]
    message = str(caught.value)
    assert message[0].isupper() or message[0] == '"', message
    assert message.endswith((".", "...")), message  # one final sentence
    return message


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("raw", [None, "", " ", "\t\n"])
def test_blank_text_is_no_value(raw: object) -> None:
    assert rules.text(raw) is None


@pytest.mark.parametrize("raw", ["NA", "null", "0042", " padded ", "two\nlines"])
def test_other_text_is_kept_exactly(raw: str) -> None:
    assert rules.text(raw) == raw


def test_numbers_and_dates_from_yaml_are_kept_as_their_text() -> None:
    assert rules.text(2019) == "2019"
    assert rules.text(dt.date(2019, 1, 2)) == "2019-01-02"
    _refused(rules.text, True)


def test_a_name_is_one_required_line_of_at_most_200_characters() -> None:
    assert rules.name(" Acme :red[AI] ") == " Acme :red[AI] "
    assert rules.name("x" * 200) == "x" * 200
    assert _refused(rules.name, "x" * 201) == "Too long: 201 characters, at most 200."
    assert _refused(rules.name, "   ") == rules.REQUIRED
    assert _refused(rules.name, None) == rules.REQUIRED
    for control in ("two\nlines", "tab\there", "bell\x07", "nul\x00"):
        assert "one line" in _refused(rules.name, control)
    assert rules.title("t" * 500) == "t" * 500
    _refused(rules.title, "t" * 501)
    assert rules.NAME_LENGTH == m.NAME_LENGTH


def test_a_quote_is_required_and_kept_exactly() -> None:
    assert rules.quote(" 原文\n第二行 ") == " 原文\n第二行 "
    for raw in (None, "", "   "):
        assert _refused(rules.quote, raw) == rules.QUOTE_REQUIRED


def test_the_name_key_is_the_one_of_names() -> None:
    assert rules.normalize_name(" ＯｐｅｎＡＩ ") == rules.normalize_name("openai") == "openai"


def test_json_objects() -> None:
    assert rules.json_object('{"a": 1}') == '{"a": 1}'
    assert rules.json_object({"a": "é"}) == '{"a": "é"}'
    assert rules.json_object("") is None
    assert "JSON object" in _refused(rules.json_object, "[1]")
    assert "JSON" in _refused(rules.json_object, "{nope")


# ---------------------------------------------------------------- web addresses


@pytest.mark.parametrize(
    "raw", ["https://openai.com", "http://example.org/a?b=c#d", "https://例子.中国/路径"]
)
def test_web_addresses_are_kept_exactly(raw: str) -> None:
    assert rules.web_address(raw) == raw


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("http://localhost/", "public"),
        ("https://localhost:8501", "public"),
        ("https://intranet", "no domain"),
        ("openai.com", "https://example.com"),
        ("ftp://x.com/f", "https://example.com"),
        ("javascript:alert(1)", "https://example.com"),
        ("https://", "https://example.com"),
        ("https://a b.com", "no spaces"),
        (" https://a.com", "no spaces"),
        ("https://a.com\n", "line breaks"),
        ("http://[::1", "https://example.com"),
    ],
)
def test_other_text_is_not_a_web_address(raw: str, says: str) -> None:
    assert says in _refused(rules.web_address, raw)


def test_a_blank_web_address_is_none() -> None:
    assert rules.web_address("  ") is None


# ---------------------------------------------------------------- codes


@pytest.mark.parametrize(
    ("raw", "code"), [("US", "US"), ("cn", "CN"), (" gb ", "GB"), ("ＵＳ", "US")]
)
def test_countries_are_case_insensitive_and_stored_upper_case(raw: str, code: str) -> None:
    assert rules.country(raw) == code


@pytest.mark.parametrize("raw", ["ZZ", "XX", "USA", "China", "U S", "ÜS", "12"])
def test_other_text_is_not_a_country(raw: str) -> None:
    assert "ISO 3166-1" in _refused(rules.country, raw)


@pytest.mark.parametrize(
    ("raw", "code"),
    [("USD", "USD"), ("usd", "USD"), (" cny ", "CNY"), ("ＥＵＲ", "EUR"), ("XAF", "XAF"),
     ("XOF", "XOF"), ("XCD", "XCD"), ("XPF", "XPF"), ("XCG", "XCG"), ("ZWG", "ZWG")],
)  # fmt: skip
def test_currencies_of_money_are_accepted(raw: str, code: str) -> None:
    assert rules.currency(raw) == code


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("XAU", "XAU is ISO 4217's code for gold, not a currency an amount is paid in."),
        ("xts", "XTS is ISO 4217's code for testing, not a currency an amount is paid in."),
        ("XXX", "XXX is ISO 4217's code for transactions where no currency is involved"),
        ("XAG", "silver"),
        ("XDR", "unit of account"),
        ("XAD", "unit of account"),
        ("CHE", "fund"),
        ("BOV", "fund"),
        ("USN", "fund"),
        ("ABC", "is not an ISO 4217 currency code"),
        ("dollars", "is not an ISO 4217 currency code"),
        ("US", "is not an ISO 4217 currency code"),
    ],
)
def test_codes_that_are_not_money_say_what_they_are(raw: str, says: str) -> None:
    assert says in _refused(rules.currency, raw)


def test_the_code_lists_are_one_list() -> None:
    assert len(COUNTRIES) == 249
    money, not_money, retired = set(CURRENCIES), set(NOT_MONEY), set(RETIRED_CURRENCIES)
    assert not (money & not_money) and not (money & retired) and not (not_money & retired)
    assert {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"} <= not_money
    assert {
        "XAU",
        "XAG",
        "XPD",
        "XPT",
        "XBA",
        "XBB",
        "XBC",
        "XBD",
        "XDR",
        "XSU",
        "XUA",
    } <= not_money
    assert {"XTS", "XXX", "XAD"} <= not_money
    assert {"BGN", "SLL", "HRK", "ZWL", "VEF", "ANG", "CUC"} <= retired
    bgn, sll, zwl = (RETIRED_CURRENCIES[code] for code in ("BGN", "SLL", "ZWL"))
    assert (bgn.last_day, bgn.successors) == (dt.date(2026, 1, 31), ("EUR",))
    assert (sll.last_day, sll.successors) == (dt.date(2023, 12, 31), ("SLE",))
    assert (zwl.last_day, zwl.successors) == (dt.date(2024, 8, 31), ("ZWG", "USD"))
    assert RETIRED_CURRENCIES["HRK"].successors == ("EUR",)


def test_a_retired_currency_needs_a_date_on_or_before_its_last_day() -> None:
    assert rules.currency("bgn") == "BGN"  # the field passes; the row decides
    rules.currency_in_use("BGN", dt.date(2019, 5, 1))
    rules.currency_in_use("BGN", dt.date(2026, 1, 31))
    rules.currency_in_use("USD", None)
    expected = (
        "BGN was withdrawn after 2026-01-31 (replaced by EUR): it is accepted only for an"
        " amount dated on or before that day."
    )
    for day in (None, dt.date(2026, 2, 1)):
        with pytest.raises(ValueError) as caught:
            rules.currency_in_use("BGN", day)
        assert str(caught.value) == expected
    with pytest.raises(
        ValueError, match=r"ZWL was withdrawn after 2024-08-31 \(replaced by ZWG/USD"
    ):
        rules.currency_in_use("ZWL", None)


@pytest.mark.parametrize(
    "raw", ["zh", "zh-Hans", "en-US", "es-419", "de-CH-1996", "x-private", "zh-Hant-TW",
            "sr-Latn-RS", "en-a-bbb-x-a-ccc", "i-klingon", "zh-min-nan", "ZH-hans", " en "],
)  # fmt: skip
def test_well_formed_language_tags(raw: str) -> None:
    assert rules.language_tag(raw) == raw.strip()


@pytest.mark.parametrize(
    "raw", ["zh-a", "e", "en-", "englishes", "en_US", "zh--Hans", "x", "en-x", "a-b-c", "中文"]
)
def test_malformed_language_tags(raw: str) -> None:
    assert "language tag" in _refused(rules.language_tag, raw)


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("raw", "day", "precision"),
    [
        ("2022-11-30", dt.date(2022, 11, 30), "day"),
        ("2020-06", dt.date(2020, 6, 1), "month"),
        ("2015-Q4", dt.date(2015, 10, 1), "quarter"),
        ("2015-q4", dt.date(2015, 10, 1), "quarter"),
        (" 2019 ", dt.date(2019, 1, 1), "year"),
        (2019, dt.date(2019, 1, 1), "year"),
        (dt.date(2019, 2, 3), dt.date(2019, 2, 3), "day"),
        ((dt.date(2019, 4, 1), "quarter"), dt.date(2019, 4, 1), "quarter"),
    ],
)
def test_partial_dates_keep_their_precision(raw: object, day: dt.date, precision: str) -> None:
    assert rules.partial_date(raw) == (day, DatePrecision(precision))


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("2015-Q5", "is not a date"),
        ("2015-13", "is not a real date"),
        ("2019-02-30", "is not a real date: day is out of range for month."),
        ("yesterday", "is not a date"),
        ("19", "is not a date"),
        (True, "is not a date"),
    ],
)
def test_bad_dates_are_refused(raw: object, says: str) -> None:
    assert says in _refused(rules.partial_date, raw)


def test_dates_in_the_future_only_when_expected() -> None:
    today = rules.latest_today()
    rules.not_in_future((today, DatePrecision.day))
    far = rules.partial_date("2999-Q2")
    with pytest.raises(ValueError, match=r"^2999-Q2 is in the future\.$"):
        rules.not_in_future(far)
    with pytest.raises(ValueError, match="mark it expected"):
        rules.not_in_future(far, can_be_expected=True)
    assert rules.not_in_future(far, expected=True) == far
    with pytest.raises(ValueError):
        rules.not_in_future((dt.date(2024, 2, 1), DatePrecision.month), today=dt.date(2024, 1, 1))


def test_latest_today_is_today_somewhere() -> None:
    now = dt.datetime.now(dt.UTC).date()
    assert now <= rules.latest_today() <= now + dt.timedelta(days=1)


def test_timestamps() -> None:
    assert rules.timestamp("2024-05-01T12:00:00") == dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)
    assert rules.timestamp("2024-05-01T12:00:00+08:00").utcoffset() == dt.timedelta(hours=8)  # type: ignore[union-attr]
    assert "ISO date and time" in _refused(rules.timestamp, "May 1st")


# ---------------------------------------------------------------- numbers and flags


@pytest.mark.parametrize(("raw", "value"), [("0", 0), (" 0042 ", 42), ("+7", 7), (5, 5), (5.0, 5)])
def test_whole_amounts(raw: object, value: int) -> None:
    assert rules.amount(raw) == value


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("-1", '"-1" is negative: amounts are 0 or more.'),
        (-1, "negative"),
        ("1e3", '"1e3" is not a whole number: write digits only, e.g. 1000000.'),
        ("1,000", "whole number"),
        ("1.5", "whole number"),
        (1.5, "whole number"),
        ("NaN", "whole number"),
        (float("nan"), "whole number"),
        ("inf", "whole number"),
        (True, '"True" is not a whole number'),
        (False, "whole number"),
    ],
)
def test_other_values_are_not_amounts(raw: object, says: str) -> None:
    assert says in _refused(rules.amount, raw)


@pytest.mark.parametrize(
    ("raw", "value"), [("0.02", 0.02), ("1e3", 1000.0), (" -5 ", -5.0), (3, 3.0)]
)
def test_numbers(raw: object, value: float) -> None:
    assert rules.number(raw) == value


@pytest.mark.parametrize("raw", ["NaN", "nan", "inf", "-Infinity", float("inf"), float("nan")])
def test_numbers_are_finite(raw: object) -> None:
    assert "finite" in _refused(rules.number, raw)


def test_other_values_are_not_numbers_or_prices() -> None:
    assert "use" not in _refused(rules.number, "0,02")
    assert "not a number" in _refused(rules.number, True)
    assert rules.price("0") == 0.0
    assert "prices are 0 or more" in _refused(rules.price, "-0.5")


@pytest.mark.parametrize(
    ("raw", "value"),
    [("true", True), ("Yes", True), ("1", True), (" FALSE ", False), ("no", False), ("0", False),
     (True, True), (False, False), ("", None), (None, None)],
)  # fmt: skip
def test_flags(raw: object, value: bool | None) -> None:
    assert rules.flag(raw) is value


@pytest.mark.parametrize("raw", ["maybe", "on", "2", "y"])
def test_other_values_are_not_flags(raw: str) -> None:
    assert "true or false" in _refused(rules.flag, raw)


class Colour(StrEnum):
    red = "red"
    dark_blue = "dark blue"


def test_vocabularies_list_their_values() -> None:
    rule = rules.vocabulary(Colour)
    assert rule(" red ") == "red"
    assert rule(Colour.dark_blue) == "dark blue"
    assert rule("") is None
    assert _refused(rule, "Red") == '"Red" is not one of: red, dark blue.'


# ---------------------------------------------------------------- rules across fields


def test_rows_are_checked_across_their_fields() -> None:
    far = dt.date(2999, 1, 1)
    assert rules.row_problems(
        "funding_rounds",
        {"amount": 5, "currency": None, "announced_on": far, "announced_precision": "year"},
    ) == [("announced_on", "2999 is in the future."), ("currency", "An amount needs its currency.")]
    assert rules.row_problems(
        "funding_rounds",
        {"amount": 5, "currency": "BGN", "announced_on": dt.date(2019, 1, 1),
         "announced_precision": "year"},
    ) == []  # fmt: skip
    assert (
        rules.row_problems("funding_rounds", {"amount": 5, "currency": "BGN"})[0][0] == "currency"
    )
    assert rules.row_problems("model_prices", {"currency": "HRK", "as_of": dt.date(2024, 1, 1)})
    event = {"title": "GPT-9", "occurred_on": far, "occurred_precision": "month"}
    assert rules.row_problems("events", event | {"expected": True}) == []
    assert rules.row_problems("events", event | {"expected": False}) == [
        ("occurred_on", "2999-01 is in the future: mark it expected, or fix the date.")
    ]
    model = {"name": "GPT-9", "released_on": far, "released_precision": "year"}
    assert rules.row_problems("models", model | {"status": "expected"}) == []
    assert rules.row_problems("ai_models", model | {"status": "released"})


def test_rows_are_checked_for_lengths_and_lines() -> None:
    assert rules.row_problems("companies", {"name": "x" * 201, "hq_city": "c" * 201}) == [
        ("name", "Too long: 201 characters, at most 200."),
        ("hq_city", "Too long: 201 characters, at most 200."),
    ]
    assert rules.row_problems("events", {"title": "a\nb"}) == [
        ("title", "Must be one line, without control characters.")
    ]
    assert rules.row_problems("companies", {"description": "long\n" * 1000}) == []


def test_metric_rows() -> None:
    assert rules.row_problems("metrics", {"value": 10, "value_high": 5, "unit": "count"}) == [
        ("value_high", "The upper bound is below the value.")
    ]
    assert rules.row_problems("metrics", {"value": -5, "unit": m.MetricUnit.usd}) == [
        ("value", "An amount or count in USD cannot be negative.")
    ]
    assert rules.row_problems("metrics", {"value": -5, "unit": "percent"}) == []


# ---------------------------------------------------------------- pydantic speaks the same words


def test_pydantic_errors_read_as_the_rules_do() -> None:
    from pydantic import BaseModel, ValidationError

    class Form(BaseModel):
        count: int
        colour: Colour
        flag: bool
        size: float
        short: str = ""

    with pytest.raises(ValidationError) as caught:
        Form.model_validate({"count": "1e3", "colour": "Red", "flag": "maybe", "size": "x"})
    errors = rules.field_errors(caught.value)
    assert errors["count"] == _refused(rules.whole_number, "1e3")
    assert errors["colour"] == _refused(rules.vocabulary(Colour), "Red")
    assert errors["flag"] == _refused(rules.flag, "maybe")
    assert errors["size"] == _refused(rules.number, "x")
    with pytest.raises(ValidationError) as caught:
        Form.model_validate({})
    assert set(rules.field_errors(caught.value).values()) == {rules.REQUIRED}


def test_the_annotated_types_run_the_rules() -> None:
    from pydantic import BaseModel, ValidationError

    class Row(BaseModel):
        homepage: rules.WebAddress = None
        country: rules.Country = None
        amount: rules.WholeAmount = None

    row = Row.model_validate({"homepage": " ", "country": "cn", "amount": "7"})
    assert (row.homepage, row.country, row.amount) == (None, "CN", 7)
    with pytest.raises(ValidationError) as caught:
        Row.model_validate({"homepage": "http://localhost/"})
    assert rules.field_errors(caught.value)["homepage"] == _refused(
        rules.web_address, "http://localhost/"
    )


# ---------------------------------------------------------------- the generated code list

_CODEGEN = all(importlib.util.find_spec(name) for name in ("pycountry", "babel"))


@pytest.mark.skipif(not _CODEGEN, reason='pycountry and babel are not installed (".[codegen]")')
def test_iso_codes_is_what_the_script_generates() -> None:
    script = REPO / "scripts" / "generate_iso_codes.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
