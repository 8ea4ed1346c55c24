"""What a user may write: Create and Update models built on the Base models of ``models``.

A field is declared once, on its Base class; these models add the rules a form or the command
line must pass before anything is written: required fields, the shape of a web address, dates
given at their precision (``2015-Q4``) and not in the future unless marked expected, amounts not
negative, ISO 4217 currencies and ISO 3166 countries, and a source with a quote for every
new fact.
Rules that need the database (unique names, rows that must exist) live in ``landscape.crud``.

Text is kept exactly as typed; only a field left blank (or only spaces) counts as empty.
Codes (country, currency, language) are compared case-insensitively and stored upper-case
(countries, currencies) as ISO writes them.

Every failure is an ``InputError`` whose ``errors`` map a field (``name``, ``founded``,
``citation.source.title``) to one readable sentence, so a form can show each message beside
its field and the command line can print them.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar
from urllib.parse import urlsplit

from pydantic import ValidationError, ValidationInfo, field_validator, model_validator
from sqlmodel import Field, SQLModel

from landscape import models as m
from landscape.dates import DatePrecision, format_partial_date, parse_partial_date
from landscape.iso_codes import COUNTRIES, CURRENCIES


class InputError(Exception):
    """Input that cannot be written. ``errors`` maps each field to a readable message.

    Deliberately not a ValueError: raised inside a validator it passes through pydantic
    untouched, keeping the field it names.
    """

    def __init__(
        self, errors: Mapping[str, str], duplicate: "DuplicateError | None" = None
    ) -> None:
        self.errors = dict(errors)
        self.duplicate = duplicate  # one of the errors is this clash with an existing row
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


class DuplicateError(InputError):
    """A name (or source address) that an existing row already holds, under normalization."""

    def __init__(self, field: str, table: str, existing_id: int, existing_name: str) -> None:
        self.field = field
        self.table = table
        self.existing_id = existing_id
        self.existing_name = existing_name
        noun = TABLE_NOUNS.get(table, table)
        message = f"{noun} {existing_name!r} already exists (id {existing_id})."
        super().__init__({field: message[0].upper() + message[1:]})
        self.duplicate = self


TABLE_NOUNS = {
    "companies": "a company",
    "products": "a product",
    "sources": "a source",
    "funding_rounds": "a funding round",
    "metrics": "a metric",
    "events": "an event",
}

Model = TypeVar("Model", bound=SQLModel)


def validate(model: type[Model], values: Mapping[str, Any]) -> Model:
    """``values`` checked against ``model``; raises InputError naming every bad field."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as exc:
        errors = field_errors(exc)
    # Rules across fields run only once every field passed; a missing subject is worth
    # saying at once, with the other errors.
    subject: tuple[tuple[str, ...], str] | None = getattr(model, "SUBJECT", None)
    if subject and all(is_blank(values.get(field)) for field in subject[0]):
        errors.setdefault(subject[0][0], subject[1])
    raise InputError(errors)


def validate_optional(model: type[Model], values: Mapping[str, Any]) -> Model | None:
    """None when every value is blank (an optional block left empty); else ``validate``."""
    if all(is_blank(value) for value in values.values()):
        return None
    return validate(model, values)


def is_blank(value: Any) -> bool:
    """None, an empty or spaces-only string, or an empty (or all-blank) list or mapping."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, Mapping):
        return all(is_blank(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(is_blank(v) for v in value)
    return False


def field_errors(exc: ValidationError) -> dict[str, str]:
    """Pydantic's errors as {dotted field: first message}, in plain words."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "form"
        errors.setdefault(field, _plain(error))
    return errors


def _plain(error: Any) -> str:
    context = error.get("ctx") or {}
    match error["type"]:
        case "missing":
            return "Required."
        case "greater_than_equal":
            return f"Must be {context['ge']} or more."
        case "string_too_long":
            return f"At most {context['max_length']} characters."
        case "int_parsing" | "int_from_float" | "int_type":
            return "Must be a whole number."
        case "float_parsing" | "float_type":
            return "Must be a number."
        case "enum":
            return f"Must be one of: {context['expected'].replace(chr(39), '')}."
    return str(error["msg"]).removeprefix("Value error, ")


# ---------------------------------------------------------------- field rules


def latest_today() -> dt.date:
    """Today where the day is furthest on (UTC+14), so no user's today counts as future."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def blank_to_none(value: Any) -> Any:
    """An empty or spaces-only string is no value; anything else is kept exactly."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def required_text(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("Required.")
    if isinstance(value, str) and any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("Must be one line, without control characters.")
    return value


def web_address(value: Any) -> Any:
    """An http(s) address with a host and no spaces, kept exactly as typed."""
    value = blank_to_none(value)
    if value is None:
        return None
    text = str(value)
    problem = "Not a web address: use the form https://example.com."
    if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in text):
        raise ValueError("A web address has no spaces or line breaks.")
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        raise ValueError(problem) from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise ValueError(problem)
    if "." not in host and host != "localhost":
        raise ValueError(f"{host!r} is not a full host name: use the form https://example.com.")
    return text


def country_code(value: Any) -> Any:
    value = blank_to_none(value)
    if value is None:
        return None
    code = str(value).strip().upper()
    if code not in COUNTRIES:
        raise ValueError(f"{value!r} is not an ISO 3166 country code (two letters, e.g. US, CN).")
    return code


def currency_code(value: Any) -> Any:
    value = blank_to_none(value)
    if value is None:
        return None
    code = str(value).strip().upper()
    if code not in CURRENCIES:
        raise ValueError(f"{value!r} is not an active ISO 4217 currency code (e.g. USD, CNY).")
    return code


_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def language_tag(value: Any) -> Any:
    value = blank_to_none(value)
    if value is None:
        return None
    if not _LANGUAGE_TAG.match(str(value)):
        raise ValueError(f"{value!r} is not a language tag (e.g. en, zh, zh-Hans).")
    return value


def partial_date(value: Any, info: ValidationInfo) -> Any:
    """``2022-11-30``, ``2020-06``, ``2015-Q4`` or ``2019`` as (first day, precision).

    A date whose period starts after today is refused, unless the row is marked
    ``expected`` (events declare ``expected`` before their date, so it is known here).
    """
    value = blank_to_none(value)
    if value is None:
        return None
    if isinstance(value, tuple):
        day, precision = value[0], DatePrecision(value[1] or DatePrecision.day)
    elif isinstance(value, dt.date):
        day, precision = value, DatePrecision.day
    else:
        day, precision = parse_partial_date(str(value))
    if day > latest_today() and not info.data.get("expected"):
        when = format_partial_date(day, precision)
        if "expected" in info.data:
            raise ValueError(f"{when} is in the future: mark the event expected, or fix the date.")
        raise ValueError(f"{when} is in the future.")
    return day, precision


DateText = tuple[dt.date, DatePrecision] | None


def _date_field(description: str) -> Any:
    return Field(default=None, description=description)


def _apply_dates(model: SQLModel, dates: Mapping[str, tuple[str, str]]) -> None:
    """Copy each parsed date-text field into its (date, precision) columns, when given."""
    for text_field, (date_field, precision_field) in dates.items():
        if text_field not in model.model_fields_set:
            continue
        day, precision = getattr(model, text_field) or (None, None)
        setattr(model, date_field, day)
        setattr(model, precision_field, precision)
        model.model_fields_set.update({date_field, precision_field})


# ---------------------------------------------------------------- sources and citations


class SourceCreate(m.SourceBase):
    """A new source. ``published`` takes a partial date (``2023-02``); no ``kind`` is an
    article."""

    published: DateText = _date_field("publication date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")

    DATES: ClassVar = {"published": ("published_on", "published_precision")}

    _title = field_validator("title", mode="before")(required_text)
    _url = field_validator("url", mode="before")(web_address)
    _language = field_validator("language", mode="before")(language_tag)
    _texts = field_validator("publisher", "author", "locator", mode="before")(blank_to_none)
    _published = field_validator("published", mode="before")(partial_date)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        return m.SourceKind.article if blank_to_none(value) is None else value

    @model_validator(mode="after")
    def _rules(self) -> Self:
        _apply_dates(self, self.DATES)
        return self


class SourceUpdate(SourceCreate):
    """Changes to a source: only the fields given change."""

    title: str | None = Field(default=None, max_length=500)  # type: ignore[assignment]


QUOTE_REQUIRED = (
    "Required: quote the source's own words that support this fact, in their original language."
)


def require_quote(value: str | None) -> str:
    """A citation quotes its source (issue #2); ``landscape validate`` flags one without."""
    if value is None:
        raise ValueError(QUOTE_REQUIRED)
    return value


# A citation model validates its defaults too, so that a quote left out is refused like a
# blank one.
QUOTED: Any = {"validate_default": True}


class CitationCreate(SQLModel):
    """The source behind a new fact: an existing ``source_id``, or a new ``source``.

    ``quote`` is the source's own words that support the fact, in their original language and
    kept exactly; it is required, so that a reader can check the fact. ``note`` says anything
    else (a page, a translation).
    """

    source_id: int | None = None
    source: SourceCreate | None = None
    quote: str | None = None
    note: str | None = None

    model_config = QUOTED
    # Said at once with a missing quote (a failing field stops the rules below).
    SUBJECT: ClassVar = (("source_id", "source"), "A new fact needs a source: pick one or add one.")

    _texts = field_validator("quote", "note", mode="before")(blank_to_none)
    _quoted = field_validator("quote", mode="after")(require_quote)

    @field_validator("source", mode="before")
    @classmethod
    def _blank_source(cls, value: Any) -> Any:
        """A new-source block left entirely blank is no new source."""
        if isinstance(value, Mapping) and is_blank(value):
            return None
        return value

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        if self.source_id is None and self.source is None:
            raise InputError({"source_id": self.SUBJECT[1]})
        if self.source_id is not None and self.source is not None:
            raise InputError(
                {"source.title": "You picked a source and typed a new one: keep only one."}
            )
        return self


class SubjectCitationCreate(SQLModel):
    """A source cited for an existing fact row: ``subject`` names its table; ``quote`` (the
    source's own words that support the fact) is required."""

    subject: str
    subject_id: int
    quote: str | None = None
    note: str | None = None

    model_config = QUOTED

    _texts = field_validator("quote", "note", mode="before")(blank_to_none)
    _quoted = field_validator("quote", mode="after")(require_quote)

    @field_validator("subject", "subject_id", mode="before")
    @classmethod
    def _picked(cls, value: Any) -> Any:
        if blank_to_none(value) is None:
            raise ValueError("Pick the fact this source supports.")
        return value

    @field_validator("subject")
    @classmethod
    def _citable(cls, value: str) -> str:
        if value not in m.CITABLE:
            raise ValueError(f"{value!r} cannot be cited; one of {', '.join(m.CITABLE)}.")
        return value


# ---------------------------------------------------------------- companies and products


class CompanyCreate(m.CompanyBase):
    """A new company. ``founded`` takes a partial date; ``categories`` are category names."""

    founded: DateText = _date_field("founding date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")
    categories: list[str] = Field(default_factory=list)

    DATES: ClassVar = {"founded": ("founded_on", "founded_precision")}

    _name = field_validator("name", mode="before")(required_text)
    _homepage = field_validator("homepage", mode="before")(web_address)
    _country = field_validator("hq_country", mode="before")(country_code)
    _texts = field_validator("description", "hq_city", "thesis_role", mode="before")(blank_to_none)
    _founded = field_validator("founded", mode="before")(partial_date)

    @model_validator(mode="after")
    def _rules(self) -> Self:
        _apply_dates(self, self.DATES)
        return self


class CompanyUpdate(CompanyCreate):
    """Changes to a company: only the fields given change."""

    name: str | None = Field(default=None, max_length=m.NAME_LENGTH)  # type: ignore[assignment]
    categories: list[str] | None = None  # type: ignore[assignment]


class ProductCreate(m.ProductBase):
    """A new product of the company ``company_id``; ``launched`` takes a partial date."""

    company_id: int | None = None
    launched: DateText = _date_field("launch date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")
    categories: list[str] = Field(default_factory=list)

    DATES: ClassVar = {"launched": ("launched_on", "launched_precision")}
    SUBJECT: ClassVar = (("company_id",), "Pick the company that makes it.")

    _name = field_validator("name", mode="before")(required_text)
    _homepage = field_validator("homepage", mode="before")(web_address)
    _texts = field_validator("description", mode="before")(blank_to_none)
    _launched = field_validator("launched", mode="before")(partial_date)

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if self.company_id is None:
            raise InputError({"company_id": self.SUBJECT[1]})
        _apply_dates(self, self.DATES)
        return self


class ProductUpdate(ProductCreate):
    SUBJECT: ClassVar = None  # an edit keeps the stored subject
    name: str | None = Field(default=None, max_length=m.NAME_LENGTH)  # type: ignore[assignment]
    categories: list[str] | None = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _rules(self) -> Self:
        return self


# ---------------------------------------------------------------- funding rounds


class FundingRoundCreate(m.FundingRoundBase):
    """A new round of ``company_id``, with its investors (company ids) and the lead among them.

    An amount needs its currency. A USD amount without ``amount_usd`` gets the same number
    there, so the landscape's USD totals count it.
    """

    company_id: int | None = None
    announced: DateText = _date_field("announcement date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")
    investor_ids: list[int] = Field(default_factory=list)
    lead_investor_id: int | None = None

    DATES: ClassVar = {"announced": ("announced_on", "announced_precision")}
    SUBJECT: ClassVar = (("company_id",), "Pick the company that raised the round.")

    _currency = field_validator("currency", mode="before")(currency_code)
    _texts = field_validator("description", mode="before")(blank_to_none)
    _amounts = field_validator(
        "amount", "amount_usd", "pre_money_usd", "post_money_usd", mode="before"
    )(blank_to_none)
    _announced = field_validator("announced", mode="before")(partial_date)

    @model_validator(mode="after")
    def _rules(self) -> Self:
        errors: dict[str, str] = {}
        investors = self.investor_ids or []
        if self.company_id is None:
            errors["company_id"] = self.SUBJECT[1]
        if self.amount is not None and self.currency is None:
            errors["currency"] = "An amount needs its currency."
        if len(set(investors)) != len(investors):
            errors["investor_ids"] = "An investor is listed twice."
        if self.company_id is not None and self.company_id in investors:
            errors["investor_ids"] = "A company cannot invest in its own round."
        if self.lead_investor_id is not None and self.lead_investor_id not in investors:
            errors["lead_investor_id"] = "The lead must be one of the investors."
        if errors:
            raise InputError(errors)
        if self.currency == "USD" and self.amount is not None and self.amount_usd is None:
            self.amount_usd = self.amount
            self.model_fields_set.add("amount_usd")
        _apply_dates(self, self.DATES)
        return self


class FundingRoundUpdate(FundingRoundCreate):
    """Changes to a round; ``investor_ids``, when given, replaces the investors."""

    SUBJECT: ClassVar = None  # an edit keeps the stored subject

    investor_ids: list[int] | None = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _rules(self) -> Self:
        return self


# ---------------------------------------------------------------- metrics and events

# Units whose values cannot be negative: amounts and counts.
NON_NEGATIVE_UNITS = frozenset(
    {
        m.MetricUnit.count,
        m.MetricUnit.usd,
        m.MetricUnit.usd_per_day,
        m.MetricUnit.count_per_week,
        m.MetricUnit.gigabytes,
        m.MetricUnit.kilobytes,
        m.MetricUnit.people,
    }
)


class MetricCreate(m.MetricBase):
    """A dated figure about a company (``company_id``), a product or an AI model.

    ``as_of_text`` takes a partial date; ``as_of`` / ``as_of_precision`` follow from it.
    """

    company_id: int | None = None
    product_id: int | None = None
    model_id: int | None = None
    as_of_text: DateText = _date_field("as of: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")

    DATES: ClassVar = {"as_of_text": ("as_of", "as_of_precision")}
    SUBJECT: ClassVar = (("company_id", "product_id", "model_id"), "Pick what the figure is about.")

    _texts = field_validator("label", "description", mode="before")(blank_to_none)
    _numbers = field_validator("value_high", mode="before")(blank_to_none)
    _as_of = field_validator("as_of_text", mode="before")(partial_date)

    @model_validator(mode="after")
    def _rules(self) -> Self:
        errors: dict[str, str] = {}
        if self.company_id is None and self.product_id is None and self.model_id is None:
            errors["company_id"] = self.SUBJECT[1]
        if self.unit in NON_NEGATIVE_UNITS and self.value < 0:
            errors["value"] = f"An amount or count in {self.unit.value} cannot be negative."
        if self.value_high is not None and self.value_high < self.value:
            errors["value_high"] = "The upper bound is below the value."
        if errors:
            raise InputError(errors)
        _apply_dates(self, self.DATES)
        return self


class MetricUpdate(MetricCreate):
    SUBJECT: ClassVar = None  # an edit keeps the stored subject
    name: m.MetricName | None = None  # type: ignore[assignment]
    value: float | None = None  # type: ignore[assignment]
    unit: m.MetricUnit | None = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _rules(self) -> Self:
        return self


class EventCreate(m.EventBase):
    """A dated event of a company (``company_id``), a product or an AI model.

    ``date`` takes a partial date and may lie in the future only when ``expected`` is true.
    """

    company_id: int | None = None
    product_id: int | None = None
    model_id: int | None = None
    date: DateText = _date_field("when: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")

    DATES: ClassVar = {"date": ("occurred_on", "occurred_precision")}
    SUBJECT: ClassVar = (("company_id", "product_id", "model_id"), "Pick whose event it is.")

    _title = field_validator("title", mode="before")(required_text)
    _texts = field_validator("description", mode="before")(blank_to_none)
    _date = field_validator("date", mode="before")(partial_date)

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if self.company_id is None and self.product_id is None and self.model_id is None:
            raise InputError({"company_id": self.SUBJECT[1]})
        _apply_dates(self, self.DATES)
        return self


class EventUpdate(EventCreate):
    SUBJECT: ClassVar = None  # an edit keeps the stored subject
    kind: m.EventKind | None = None  # type: ignore[assignment]
    title: str | None = Field(default=None, max_length=500)  # type: ignore[assignment]

    @model_validator(mode="after")
    def _rules(self) -> Self:
        return self


# Which table each Create / Update model writes is said once, in landscape.registry
# (``record(table).create``, ``.update``, ``.base``).
