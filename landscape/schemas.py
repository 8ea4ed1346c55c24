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

from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

from pydantic import ValidationError, ValidationInfo, field_validator, model_validator
from sqlmodel import Field, SQLModel

from landscape import models as m
from landscape import rules
from landscape.rules import QUOTE_REQUIRED, field_errors, latest_today

__all__ = ["QUOTE_REQUIRED", "field_errors", "latest_today"]  # kept here for older imports


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
# The fields that name what a new row is about (one must be given) and the message when none is.
Subject = tuple[tuple[str, ...], str]


def _subject_message(model: SQLModel) -> str:
    subject: Subject | None = getattr(model, "SUBJECT", None)
    return subject[1] if subject else "Required."


def validate(model: type[Model], values: Mapping[str, Any]) -> Model:
    """``values`` checked against ``model``; raises InputError naming every bad field."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as exc:
        errors = field_errors(exc)
    # Rules across fields run only once every field passed; a missing subject is worth
    # saying at once, with the other errors.
    subject: Subject | None = getattr(model, "SUBJECT", None)
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


# ---------------------------------------------------------------- field rules (landscape.rules)


def blank_to_none(value: Any) -> Any:
    """A blank value (``is_blank``) is None; anything else is kept exactly."""
    return None if is_blank(value) else value


def _rule(rule: Any, *fields: str) -> Any:
    """Attach ``rule`` (a ``landscape.rules`` function) to ``fields`` as a before-validator."""

    def validate_field(value: Any) -> Any:
        return rule(value)

    validate_field.__name__ = getattr(rule, "__name__", "rule")
    return field_validator(*fields, mode="before")(validate_field)


def not_in_future(value: Any, info: ValidationInfo) -> Any:
    """A parsed date whose period starts after today is refused, unless the row is marked
    ``expected`` (events declare ``expected`` before their date, so it is known here)."""
    return rules.not_in_future(
        value, expected=bool(info.data.get("expected")), can_be_expected="expected" in info.data
    )


def _dates_after(fields: str) -> Any:
    return field_validator(fields, mode="after")(not_in_future)


DateText = rules.PartialDate


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


def _row_errors(model: SQLModel, table: str, base: type[SQLModel]) -> dict[str, str]:
    """``rules.row_problems`` of the row ``model`` would write, keyed by the form's fields."""
    values = {name: getattr(model, name) for name in base.model_fields}
    dates: Mapping[str, tuple[str, str]] = getattr(model, "DATES", {})
    fields = {date_field: text_field for text_field, (date_field, _precision) in dates.items()}
    errors: dict[str, str] = {}
    for attr, message in rules.row_problems(table, values):
        errors.setdefault(fields.get(attr, attr), message)
    return errors


# ---------------------------------------------------------------- what every Create checks


class _Checked(SQLModel):
    """The rules a Create model runs once its fields pass: each date-text field copied into its
    (date, precision) columns, ``rules.row_problems`` of the row it would write (``ROW``: its
    table and Base), and its subject (``SUBJECT``) given."""

    ROW: ClassVar[tuple[str, type[SQLModel]]]
    DATES: ClassVar[dict[str, tuple[str, str]]] = {}
    SUBJECT: ClassVar[Subject | None] = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if errors := self._errors():
            raise InputError(errors)
        return self

    def _errors(self) -> dict[str, str]:
        _apply_dates(self, self.DATES)
        errors = _row_errors(self, *self.ROW)
        if self.SUBJECT and all(getattr(self, field) is None for field in self.SUBJECT[0]):
            errors[self.SUBJECT[0][0]] = self.SUBJECT[1]
        return errors


class _KeepsSubject(SQLModel):
    """An edit that keeps the stored subject: checked once merged with the stored row, by its
    Create model (``crud``), not on its own."""

    SUBJECT: ClassVar[Subject | None] = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        return self


# ---------------------------------------------------------------- sources and citations


_SOURCE_KIND = rules.vocabulary(m.SourceKind)


class SourceCreate(m.SourceBase, _Checked):
    """A new source. ``published`` takes a partial date (``2023-02``); no ``kind`` is an
    article."""

    published: DateText = _date_field("publication date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")

    ROW: ClassVar = ("sources", m.SourceBase)
    DATES: ClassVar = {"published": ("published_on", "published_precision")}

    _title = _rule(rules.title, "title")
    _url = _rule(rules.web_address, "url")
    _language = _rule(rules.language_tag, "language")
    _texts = _rule(rules.text, "publisher", "author", "locator")
    _published = _dates_after("published")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        return m.SourceKind.article if is_blank(value) else _SOURCE_KIND(value)


class SourceUpdate(SourceCreate):
    """Changes to a source: only the fields given change."""

    title: str | None = Field(default=None, max_length=500)  # type: ignore[assignment]


def require_quote(value: str | None) -> str:
    """A citation quotes its source (issue #2); ``landscape validate`` flags one without."""
    return rules.quote(value)


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
    SUBJECT: ClassVar[Subject | None] = (
        ("source_id", "source"),
        "A new fact needs a source: pick one or add one.",
    )

    _quote = _rule(rules.quote, "quote")
    _note = _rule(rules.text, "note")

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
            raise InputError({"source_id": _subject_message(self)})
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

    _quote = _rule(rules.quote, "quote")
    _note = _rule(rules.text, "note")

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


class CompanyCreate(m.CompanyBase, _Checked):
    """A new company. ``founded`` takes a partial date; ``categories`` are category names."""

    founded: DateText = _date_field("founding date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")
    categories: list[str] = Field(default_factory=list)

    ROW: ClassVar = ("companies", m.CompanyBase)
    DATES: ClassVar = {"founded": ("founded_on", "founded_precision")}

    _name = _rule(rules.name, "name")
    _addresses = _rule(rules.web_address, "homepage", "crunchbase_url")
    _country = _rule(rules.country, "hq_country")
    _texts = _rule(rules.text, "description", "hq_city", "logo")
    _kind = _rule(rules.vocabulary(m.CompanyKind), "kind")
    _status = _rule(rules.vocabulary(m.CompanyStatus), "status")
    _thesis_role = _rule(rules.vocabulary(m.ThesisRole), "thesis_role")
    _founded = _dates_after("founded")


class CompanyUpdate(CompanyCreate):
    """Changes to a company: only the fields given change."""

    name: str | None = Field(default=None, max_length=m.NAME_LENGTH)  # type: ignore[assignment]
    categories: list[str] | None = None  # type: ignore[assignment]


class ProductCreate(m.ProductBase, _Checked):
    """A new product of the company ``company_id``; ``launched`` takes a partial date."""

    company_id: int | None = None
    launched: DateText = _date_field("launch date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")
    categories: list[str] = Field(default_factory=list)

    ROW: ClassVar = ("products", m.ProductBase)
    DATES: ClassVar = {"launched": ("launched_on", "launched_precision")}
    SUBJECT: ClassVar[Subject | None] = (("company_id",), "Pick the company that makes it.")

    _name = _rule(rules.name, "name")
    _addresses = _rule(rules.web_address, "homepage", "repo_url")
    _texts = _rule(rules.text, "description", "logo")
    _launched = _dates_after("launched")


class ProductUpdate(_KeepsSubject, ProductCreate):
    name: str | None = Field(default=None, max_length=m.NAME_LENGTH)  # type: ignore[assignment]
    categories: list[str] | None = None  # type: ignore[assignment]


# ---------------------------------------------------------------- funding rounds


class FundingRoundCreate(m.FundingRoundBase, _Checked):
    """A new round of ``company_id``, with its investors (company ids) and the lead among them.

    An amount needs its currency. A USD amount without ``amount_usd`` gets the same number
    there, so the landscape's USD totals count it.
    """

    company_id: int | None = None
    announced: DateText = _date_field("announcement date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")
    investor_ids: list[int] = Field(default_factory=list)
    lead_investor_id: int | None = None

    ROW: ClassVar = ("funding_rounds", m.FundingRoundBase)
    DATES: ClassVar = {"announced": ("announced_on", "announced_precision")}
    SUBJECT: ClassVar[Subject | None] = (("company_id",), "Pick the company that raised the round.")

    _currency = _rule(rules.currency, "currency")
    _texts = _rule(rules.text, "description")
    _amounts = _rule(rules.amount, "amount", "amount_usd", "pre_money_usd", "post_money_usd")
    _round_type = _rule(rules.vocabulary(m.RoundType), "round_type")
    _status = _rule(rules.vocabulary(m.RoundStatus), "status")
    _announced = _dates_after("announced")

    @model_validator(mode="after")
    def _rules(self) -> Self:
        errors = self._errors()
        investors = self.investor_ids or []
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
        return self


class FundingRoundUpdate(_KeepsSubject, FundingRoundCreate):
    """Changes to a round; ``investor_ids``, when given, replaces the investors."""

    investor_ids: list[int] | None = None  # type: ignore[assignment]


# ---------------------------------------------------------------- metrics and events

# Units whose values cannot be negative: amounts and counts (the rule is rules.row_problems).
NON_NEGATIVE_UNITS = rules.NON_NEGATIVE_UNITS

# What a metric or an event can be about (one of them must be given).
FACT_SUBJECTS = ("company_id", "product_id", "model_id")


class _Fact(_Checked):
    """What a metric or an event is about: a company, a product or an AI model (one at least).

    Listed first among its bases, so these fields follow the Base's, before the Create's own.
    """

    company_id: int | None = None
    product_id: int | None = None
    model_id: int | None = None


class MetricCreate(_Fact, m.MetricBase):
    """A dated figure about a company (``company_id``), a product or an AI model.

    ``as_of_text`` takes a partial date; ``as_of`` / ``as_of_precision`` follow from it.
    """

    as_of_text: DateText = _date_field("as of: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")

    ROW: ClassVar = ("metrics", m.MetricBase)
    DATES: ClassVar = {"as_of_text": ("as_of", "as_of_precision")}
    SUBJECT: ClassVar[Subject | None] = (FACT_SUBJECTS, "Pick what the figure is about.")

    _texts = _rule(rules.text, "label", "description")
    _numbers = _rule(rules.number, "value", "value_high")
    _name = _rule(rules.vocabulary(m.MetricName), "name")
    _unit = _rule(rules.vocabulary(m.MetricUnit), "unit")
    _approximate = _rule(rules.flag, "approximate")
    _as_of = _dates_after("as_of_text")


class MetricUpdate(_KeepsSubject, MetricCreate):
    name: m.MetricName | None = None  # type: ignore[assignment]
    value: float | None = None  # type: ignore[assignment]
    unit: m.MetricUnit | None = None  # type: ignore[assignment]


class EventCreate(_Fact, m.EventBase):
    """A dated event of a company (``company_id``), a product or an AI model.

    ``date`` takes a partial date and may lie in the future only when ``expected`` is true.
    """

    date: DateText = _date_field("when: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")

    ROW: ClassVar = ("events", m.EventBase)
    DATES: ClassVar = {"date": ("occurred_on", "occurred_precision")}
    SUBJECT: ClassVar[Subject | None] = (FACT_SUBJECTS, "Pick whose event it is.")

    _title = _rule(rules.title, "title")
    _texts = _rule(rules.text, "description")
    _kind = _rule(rules.vocabulary(m.EventKind), "kind")
    _expected = _rule(rules.flag, "expected")
    _date = _dates_after("date")


class EventUpdate(_KeepsSubject, EventCreate):
    kind: m.EventKind | None = None  # type: ignore[assignment]
    title: str | None = Field(default=None, max_length=500)  # type: ignore[assignment]


# Which table each Create / Update model writes is said once, in landscape.registry
# (``record(table).create``, ``.update``, ``.base``).
