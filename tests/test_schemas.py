"""The Create / Update models: every rule a form or the command line must pass."""

import datetime as dt

import pytest

from landscape import schemas as s
from landscape.iso_codes import COUNTRIES, CURRENCIES

SOURCE = {"source_id": 1, "quote": "words"}


def _errors(model: type, values: dict) -> dict[str, str]:
    with pytest.raises(s.InputError) as caught:
        s.validate(model, values)
    return caught.value.errors


# ---------------------------------------------------------------- required fields


@pytest.mark.parametrize("name", ["", "   ", None, "\t"])
def test_a_company_needs_a_name(name: str | None) -> None:
    assert "name" in _errors(s.CompanyCreate, {"name": name})


def test_required_fields_of_each_kind_are_named() -> None:
    assert set(_errors(s.EventCreate, {"company_id": 1})) >= {"kind", "title"}
    assert set(_errors(s.MetricCreate, {"company_id": 1})) >= {"name", "value", "unit"}
    assert "title" in _errors(s.SourceCreate, {"url": "https://example.com"})
    assert "company_id" in _errors(s.ProductCreate, {"name": "Chat"})
    assert "company_id" in _errors(s.FundingRoundCreate, {})


def test_a_missing_subject_is_said_with_the_other_errors() -> None:
    errors = _errors(s.FundingRoundCreate, {"amount": -1, "currency": "USD"})
    assert set(errors) == {"amount", "company_id"}
    assert set(_errors(s.EventCreate, {"kind": "nope", "title": "T"})) == {"kind", "company_id"}
    assert set(_errors(s.FundingRoundUpdate, {"amount": -1})) == {"amount"}  # an edit keeps it
    assert _errors(s.FundingRoundCreate, {"amount": -1})["amount"] == (
        '"-1" is negative: amounts are 0 or more.'
    )


def test_a_name_longer_than_the_column_is_refused_not_cut() -> None:
    assert "name" in _errors(s.CompanyCreate, {"name": "x" * 201})
    assert s.validate(s.CompanyCreate, {"name": "x" * 200}).name == "x" * 200


def test_a_name_of_one_line_only() -> None:
    assert "name" in _errors(s.CompanyCreate, {"name": "two\nlines"})


# ---------------------------------------------------------------- web addresses


@pytest.mark.parametrize(
    "url", ["https://openai.com", "http://example.org/a?b=c#d", "https://例子.中国/路径"]
)
def test_web_addresses_are_kept_exactly(url: str) -> None:
    assert s.validate(s.CompanyCreate, {"name": "A", "homepage": url}).homepage == url


@pytest.mark.parametrize(
    "url",
    ["openai.com", "ftp://x.com/f", "javascript:alert(1)", "https://", "https://x", "https://a b"],
)
def test_other_text_is_not_a_web_address(url: str) -> None:
    assert "homepage" in _errors(s.CompanyCreate, {"name": "A", "homepage": url})
    assert "url" in _errors(s.SourceCreate, {"title": "T", "url": url})


def test_a_blank_homepage_is_no_homepage() -> None:
    assert s.validate(s.CompanyCreate, {"name": "A", "homepage": "  "}).homepage is None


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("2015-Q4", dt.date(2015, 10, 1), "quarter"),
        ("2020-06", dt.date(2020, 6, 1), "month"),
        ("2019", dt.date(2019, 1, 1), "year"),
        ("2022-11-30", dt.date(2022, 11, 30), "day"),
    ],
)
def test_a_date_keeps_its_precision(text: str, day: dt.date, precision: str) -> None:
    company = s.validate(s.CompanyCreate, {"name": "A", "founded": text})
    assert (company.founded_on, company.founded_precision) == (day, precision)


@pytest.mark.parametrize("text", ["2015-13", "yesterday", "2015-Q5", "2023-02-30"])
def test_a_bad_date_is_named(text: str) -> None:
    assert "founded" in _errors(s.CompanyCreate, {"name": "A", "founded": text})


def test_dates_in_the_future_are_refused() -> None:
    next_year = str(s.latest_today().year + 1)
    assert "founded" in _errors(s.CompanyCreate, {"name": "A", "founded": next_year})
    assert "launched" in _errors(
        s.ProductCreate, {"name": "P", "company_id": 1, "launched": next_year}
    )
    assert "announced" in _errors(s.FundingRoundCreate, {"company_id": 1, "announced": next_year})
    assert "as_of_text" in _errors(
        s.MetricCreate,
        {"company_id": 1, "name": "users", "value": 1, "unit": "count", "as_of_text": next_year},
    )
    assert "published" in _errors(s.SourceCreate, {"title": "T", "published": next_year})
    new_source = {"source": {"title": "T", "published": next_year}}
    assert "source.published" in _errors(s.CitationCreate, new_source)
    this_year = str(dt.date.today().year)
    assert s.validate(s.CompanyCreate, {"name": "A", "founded": this_year}).founded_on


def test_only_an_expected_event_may_lie_in_the_future() -> None:
    event = {"company_id": 1, "kind": "release", "title": "GPT-9", "date": "2999-01"}
    message = _errors(s.EventCreate, event)["date"]
    assert "future" in message and "expected" in message
    expected = s.validate(s.EventCreate, event | {"expected": True})
    assert expected.occurred_on == dt.date(2999, 1, 1)
    assert expected.occurred_precision == "month"


# ---------------------------------------------------------------- money


def test_amounts_cannot_be_negative() -> None:
    for field in ("amount", "amount_usd", "pre_money_usd", "post_money_usd"):
        values = {"company_id": 1, "currency": "USD", field: -1}
        assert field in _errors(s.FundingRoundCreate, values)


def test_an_amount_needs_an_iso_4217_currency() -> None:
    assert "currency" in _errors(s.FundingRoundCreate, {"company_id": 1, "amount": 5})
    for code in ("XYZ", "US", "dollars", "HRK"):  # HRK: withdrawn when Croatia took the euro
        assert "currency" in _errors(s.FundingRoundCreate, {"company_id": 1, "currency": code})
    assert s.validate(s.FundingRoundCreate, {"company_id": 1, "currency": "cny"}).currency == "CNY"


def test_a_usd_amount_is_counted_in_usd() -> None:
    usd = s.validate(s.FundingRoundCreate, {"company_id": 1, "amount": 10, "currency": "USD"})
    assert usd.amount_usd == 10
    cny = s.validate(s.FundingRoundCreate, {"company_id": 1, "amount": 10, "currency": "CNY"})
    assert cny.amount_usd is None


def test_the_lead_is_one_of_the_investors() -> None:
    base = {"company_id": 1, "investor_ids": [2, 3]}
    assert "lead_investor_id" in _errors(s.FundingRoundCreate, base | {"lead_investor_id": 4})
    assert s.validate(s.FundingRoundCreate, base | {"lead_investor_id": 3}).lead_investor_id == 3
    assert "investor_ids" in _errors(
        s.FundingRoundCreate, {"company_id": 1, "investor_ids": [2, 2]}
    )
    assert "investor_ids" in _errors(s.FundingRoundCreate, {"company_id": 1, "investor_ids": [1]})


@pytest.mark.parametrize(("unit", "allowed"), [("USD", False), ("count", False), ("percent", True)])
def test_negative_figures_only_where_they_make_sense(unit: str, allowed: bool) -> None:
    values = {"company_id": 1, "name": "other", "value": -5, "unit": unit}
    if allowed:
        assert s.validate(s.MetricCreate, values).value == -5
    else:
        assert "value" in _errors(s.MetricCreate, values)


def test_a_range_cannot_end_below_its_start() -> None:
    values = {"company_id": 1, "name": "users", "value": 10, "value_high": 5, "unit": "count"}
    assert "value_high" in _errors(s.MetricCreate, values)


# ---------------------------------------------------------------- codes


def test_countries_are_iso_3166_alpha_2() -> None:
    assert s.validate(s.CompanyCreate, {"name": "A", "hq_country": "cn"}).hq_country == "CN"
    for code in ("XX", "USA", "China"):
        assert "hq_country" in _errors(s.CompanyCreate, {"name": "A", "hq_country": code})


def test_the_shipped_code_lists_are_current() -> None:
    assert len(COUNTRIES) == 249 and {"US", "CN", "TW", "GB"} <= set(COUNTRIES)
    assert {"USD", "CNY", "EUR", "JPY", "ZWG", "XCG"} <= set(CURRENCIES)
    assert not {"HRK", "ZWL", "VEF", "ANG"} & set(CURRENCIES)


# ---------------------------------------------------------------- citations


def test_a_new_fact_needs_a_source() -> None:
    assert "source_id" in _errors(s.CitationCreate, {"quote": "words"})
    blank_new_source = {"title": "", "url": " ", "kind": None}
    assert "source_id" in _errors(s.CitationCreate, {"source": blank_new_source, "quote": "w"})
    assert s.validate(s.CitationCreate, SOURCE).source_id == 1


@pytest.mark.parametrize("quote", [None, "", "   ", "\n\t", "missing"])
def test_a_citation_needs_its_quote(quote: str | None) -> None:
    given = {} if quote == "missing" else {"quote": quote}
    assert _errors(s.CitationCreate, {"source_id": 1} | given) == {"quote": s.QUOTE_REQUIRED}
    subject = {"subject": "companies", "subject_id": 1} | given
    assert _errors(s.SubjectCitationCreate, subject) == {"quote": s.QUOTE_REQUIRED}
    assert "original language" in s.QUOTE_REQUIRED


def test_a_missing_quote_and_a_missing_source_are_said_together() -> None:
    assert set(_errors(s.CitationCreate, {})) == {"quote", "source_id"}


def test_a_quote_is_kept_exactly() -> None:
    quote = "  “准确率从 85% 提高到 93%”\n<b>x</b>  "
    assert s.validate(s.CitationCreate, SOURCE | {"quote": quote}).quote == quote


def test_a_source_is_picked_or_typed_not_both() -> None:
    errors = _errors(s.CitationCreate, SOURCE | {"source": {"title": "Another"}})
    assert "source.title" in errors


def test_a_new_source_is_validated_field_by_field() -> None:
    new_source = {"title": "", "url": "nope", "language": "1"}
    errors = _errors(s.CitationCreate, {"source": new_source, "quote": "words"})
    assert set(errors) == {"source.title", "source.url", "source.language"}


def test_an_optional_block_left_blank_is_none() -> None:
    assert s.validate_optional(s.CitationCreate, {"source_id": None, "quote": " "}) is None
    with pytest.raises(s.InputError) as caught:
        s.validate_optional(s.CitationCreate, {"quote": "words"})
    assert "source_id" in caught.value.errors


# ---------------------------------------------------------------- text and edits


HOSTILE = "<script>alert(1)</script> **b** :red[x] $x$ \u202eevil 🚀 中文"


def test_text_is_kept_exactly() -> None:
    company = s.validate(s.CompanyCreate, {"name": f"  {HOSTILE}  ", "description": HOSTILE})
    assert company.name == f"  {HOSTILE}  "
    assert company.description == HOSTILE


def test_an_update_holds_only_the_fields_given() -> None:
    update = s.validate(s.CompanyUpdate, {"homepage": "https://a.com", "founded": "2020"})
    assert set(update.model_dump(exclude_unset=True)) == {
        "homepage",
        "founded",
        "founded_on",
        "founded_precision",
    }
    assert "name" in _errors(s.CompanyUpdate, {"name": ""})
