"""Every table of the landscape, grouped by entity.

Controlled vocabularies are ``StrEnum`` classes stored as short strings and guarded by CHECK
constraints, so PostgreSQL and SQLite hold the same values and migrations stay plain.
Partial dates are a ``date`` plus a ``DatePrecision`` (see ``landscape.dates``). Money is an
integer in the original currency, its ISO 4217 code, and an integer USD value beside it.
"""

import datetime as dt
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Index, Text, UniqueConstraint, event
from sqlalchemy import DateTime as SADateTime
from sqlmodel import AutoString, Field, SQLModel

from landscape.dates import DatePrecision
from landscape.names import normalize_name

# Constraint names must be stable before the first table and the first migration.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME_LENGTH = 200
URL_LENGTH = 2000
EXTRA_DESCRIPTION = "JSON object: fields an import brought that have no column (landscape.yml)"


# ---------------------------------------------------------------- vocabularies


class CompanyKind(StrEnum):
    startup = "startup"
    research_lab = "research_lab"
    investor = "investor"
    corporate = "corporate"
    media = "media"
    other = "other"


class CompanyStatus(StrEnum):
    active = "active"
    acquired = "acquired"
    closed = "closed"


class ThesisRole(StrEnum):
    """A company's place in the channel-versus-model thesis."""

    model_builder = "model_builder"
    application_builder = "application_builder"
    channel_owner = "channel_owner"
    investor = "investor"
    observer = "observer"


class RoundType(StrEnum):
    pre_seed = "pre_seed"
    seed = "seed"
    series_a = "series_a"
    series_b = "series_b"
    series_c = "series_c"
    series_d = "series_d"
    series_e = "series_e"
    growth = "growth"
    corporate_round = "corporate_round"
    strategic = "strategic"
    pledge = "pledge"
    grant = "grant"
    debt = "debt"
    secondary = "secondary"
    fund_commitment = "fund_commitment"
    unknown = "unknown"


class RoundStatus(StrEnum):
    closed = "closed"
    announced = "announced"
    reported = "reported"
    in_talks = "in_talks"


class Modality(StrEnum):
    text = "text"
    image = "image"
    audio = "audio"
    video = "video"
    code = "code"
    multimodal = "multimodal"
    moderation = "moderation"
    other = "other"


class ModelStatus(StrEnum):
    released = "released"
    expected = "expected"


class UseKind(StrEnum):
    trains_own = "trains_own"
    fine_tunes = "fine_tunes"
    calls_api = "calls_api"


class MetricName(StrEnum):
    users = "users"
    revenue = "revenue"
    arr = "arr"
    accuracy = "accuracy"
    improvement = "improvement"
    valuation = "valuation"
    headcount = "headcount"
    training_data_size = "training_data_size"
    fine_tuning_data_size = "fine_tuning_data_size"
    training_examples = "training_examples"
    accuracy_gain = "accuracy_gain"
    operating_cost = "operating_cost"
    fund_size = "fund_size"
    profit_cap = "profit_cap"
    resolution_gain = "resolution_gain"
    waitlist = "waitlist"
    other = "other"


class MetricUnit(StrEnum):
    count = "count"  # type: ignore[assignment]  # a member named like str.count, on purpose
    usd = "USD"
    usd_per_day = "USD/day"
    percent = "percent"
    percentage_points_per_week = "pp/week"
    count_per_week = "count/week"
    gigabytes = "GB"
    kilobytes = "KB"
    multiple = "x"
    people = "people"
    seconds = "s"


class EventKind(StrEnum):
    founding = "founding"
    release = "release"
    funding = "funding"
    partnership = "partnership"
    governance = "governance"
    milestone = "milestone"
    announcement = "announcement"
    report = "report"


class SourceKind(StrEnum):
    notes = "notes"
    article = "article"
    interview = "interview"
    podcast = "podcast"
    paper = "paper"
    social_post = "social_post"
    official_page = "official_page"
    dataset = "dataset"
    inference = "inference"  # the project's own inference, for a fact no source states


class ClaimStance(StrEnum):
    """Which side of the channel-versus-model question a claim leans to."""

    favours_channel = "favours_channel"
    favours_applications = "favours_applications"
    favours_model = "favours_model"
    neutral = "neutral"


def _values(enum: type[StrEnum]) -> str:
    return ", ".join(f"'{member.value}'" for member in enum)


def one_of(column: str, enum: type[StrEnum], name: str | None = None) -> CheckConstraint:
    """A CHECK constraint that keeps ``column`` inside a vocabulary (NULL allowed)."""
    return CheckConstraint(f"{column} IN ({_values(enum)})", name=name or column)


def utcnow() -> dt.datetime:
    """Timezone-aware now, for created_at / updated_at."""
    return dt.datetime.now(dt.UTC)


class Timestamped(SQLModel):
    """created_at / updated_at, set by the database session on insert and update."""

    created_at: dt.datetime = Field(
        default_factory=utcnow, sa_type=SADateTime(timezone=True), nullable=False
    )
    updated_at: dt.datetime = Field(
        default_factory=utcnow,
        sa_type=SADateTime(timezone=True),
        nullable=False,
        sa_column_kwargs={"onupdate": utcnow},
    )


# ---------------------------------------------------------------- companies


class CompanyBase(SQLModel):
    name: str = Field(max_length=NAME_LENGTH)
    kind: CompanyKind = Field(default=CompanyKind.startup, sa_type=AutoString(length=32))
    description: str | None = Field(default=None, sa_type=Text)
    homepage: str | None = Field(default=None, max_length=URL_LENGTH)
    founded_on: dt.date | None = None
    founded_precision: DatePrecision | None = Field(default=None, sa_type=AutoString(length=16))
    hq_city: str | None = Field(default=None, max_length=NAME_LENGTH)
    hq_country: str | None = Field(default=None, max_length=2, description="ISO 3166 alpha-2")
    status: CompanyStatus = Field(default=CompanyStatus.active, sa_type=AutoString(length=16))
    thesis_role: ThesisRole | None = Field(default=None, sa_type=AutoString(length=32))
    crunchbase_url: str | None = Field(default=None, max_length=URL_LENGTH)
    logo: str | None = Field(default=None, max_length=URL_LENGTH, description="file name or URL")


# Any organization: startup, lab, investor, corporate, publisher.
class Company(CompanyBase, Timestamped, table=True):
    __tablename__ = "companies"
    __table_args__ = (
        one_of("kind", CompanyKind),
        one_of("status", CompanyStatus),
        one_of("thesis_role", ThesisRole),
        one_of("founded_precision", DatePrecision),
    )

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(max_length=NAME_LENGTH, unique=True, description="normalize_name(name)")
    parent_id: int | None = Field(default=None, foreign_key="companies.id", ondelete="SET NULL")
    extra: str | None = Field(default=None, sa_type=Text, description=EXTRA_DESCRIPTION)


# A company sits in any number of categories.
class CompanyCategory(SQLModel, table=True):
    __tablename__ = "company_categories"

    company_id: int = Field(foreign_key="companies.id", primary_key=True, ondelete="CASCADE")
    category_id: int = Field(foreign_key="categories.id", primary_key=True, ondelete="CASCADE")


# People the sources credit: founders, speakers, authors.
class Person(Timestamped, table=True):
    __tablename__ = "people"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_LENGTH)
    name_key: str = Field(max_length=NAME_LENGTH, unique=True)
    name_zh: str | None = Field(default=None, max_length=NAME_LENGTH)
    handle: str | None = Field(default=None, max_length=NAME_LENGTH, description="e.g. @Yiqin_Fu")
    title: str | None = Field(default=None, max_length=NAME_LENGTH)
    company_id: int | None = Field(default=None, foreign_key="companies.id", ondelete="SET NULL")
    description: str | None = Field(default=None, sa_type=Text)


# ---------------------------------------------------------------- categories


# A kind of work generative AI changes; categories nest through parent_id.
class Category(Timestamped, table=True):
    __tablename__ = "categories"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_LENGTH)
    name_key: str = Field(max_length=NAME_LENGTH, unique=True)
    label_zh: str | None = Field(default=None, max_length=NAME_LENGTH)
    description: str | None = Field(default=None, sa_type=Text)
    parent_id: int | None = Field(default=None, foreign_key="categories.id", ondelete="SET NULL")
    position: int = Field(default=0, description="order among siblings")


# ---------------------------------------------------------------- products


class ProductBase(SQLModel):
    name: str = Field(max_length=NAME_LENGTH)
    description: str | None = Field(default=None, sa_type=Text)
    homepage: str | None = Field(default=None, max_length=URL_LENGTH)
    launched_on: dt.date | None = None
    launched_precision: DatePrecision | None = Field(default=None, sa_type=AutoString(length=16))
    repo_url: str | None = Field(default=None, max_length=URL_LENGTH)
    logo: str | None = Field(default=None, max_length=URL_LENGTH, description="file name or URL")


# Something a company ships (Notion AI, ChatGPT, DreamStudio ...).
class Product(ProductBase, Timestamped, table=True):
    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("company_id", "name_key"),
        one_of("launched_precision", DatePrecision),
    )

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="companies.id", ondelete="CASCADE", index=True)
    name_key: str = Field(max_length=NAME_LENGTH)
    extra: str | None = Field(default=None, sa_type=Text, description=EXTRA_DESCRIPTION)


class ProductCategory(SQLModel, table=True):
    __tablename__ = "product_categories"

    product_id: int = Field(foreign_key="products.id", primary_key=True, ondelete="CASCADE")
    category_id: int = Field(foreign_key="categories.id", primary_key=True, ondelete="CASCADE")


# ---------------------------------------------------------------- funding


class FundingRoundBase(SQLModel):
    announced_on: dt.date | None = None
    announced_precision: DatePrecision | None = Field(default=None, sa_type=AutoString(length=16))
    round_type: RoundType = Field(default=RoundType.unknown, sa_type=AutoString(length=32))
    status: RoundStatus = Field(default=RoundStatus.announced, sa_type=AutoString(length=16))
    amount: int | None = Field(default=None, sa_type=BigInteger, ge=0)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    amount_usd: int | None = Field(default=None, sa_type=BigInteger, ge=0)
    pre_money_usd: int | None = Field(default=None, sa_type=BigInteger, ge=0)
    post_money_usd: int | None = Field(default=None, sa_type=BigInteger, ge=0)
    description: str | None = Field(default=None, sa_type=Text)


# Money a company raised (or was pledged) at one time; amount NULL means undisclosed.
class FundingRound(FundingRoundBase, Timestamped, table=True):
    __tablename__ = "funding_rounds"
    __table_args__ = (
        one_of("round_type", RoundType),
        one_of("status", RoundStatus),
        one_of("announced_precision", DatePrecision),
        CheckConstraint(
            "(amount IS NULL OR amount >= 0) AND (amount_usd IS NULL OR amount_usd >= 0)"
            " AND (pre_money_usd IS NULL OR pre_money_usd >= 0)"
            " AND (post_money_usd IS NULL OR post_money_usd >= 0)",
            name="amounts_not_negative",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="companies.id", ondelete="CASCADE", index=True)


# An investor's part in a round.
class Investment(SQLModel, table=True):
    __tablename__ = "investments"
    __table_args__ = (UniqueConstraint("funding_round_id", "investor_id"),)

    id: int | None = Field(default=None, primary_key=True)
    funding_round_id: int = Field(foreign_key="funding_rounds.id", ondelete="CASCADE", index=True)
    investor_id: int = Field(foreign_key="companies.id", ondelete="RESTRICT", index=True)
    is_lead: bool = False


# ---------------------------------------------------------------- models


class AIModelBase(SQLModel):
    name: str = Field(max_length=NAME_LENGTH)
    released_on: dt.date | None = None
    released_precision: DatePrecision | None = Field(default=None, sa_type=AutoString(length=16))
    status: ModelStatus = Field(default=ModelStatus.released, sa_type=AutoString(length=16))
    modality: Modality = Field(default=Modality.text, sa_type=AutoString(length=16))
    open_weights: bool | None = None
    description: str | None = Field(default=None, sa_type=Text)


# A generative model; parent_id draws the lineage (GPT-3 → InstructGPT → GPT-3.5 → ChatGPT).
class AIModel(AIModelBase, Timestamped, table=True):
    __tablename__ = "ai_models"
    __table_args__ = (
        one_of("status", ModelStatus),
        one_of("modality", Modality),
        one_of("released_precision", DatePrecision),
    )

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(max_length=NAME_LENGTH, unique=True)
    developer_id: int | None = Field(default=None, foreign_key="companies.id", ondelete="SET NULL")
    parent_id: int | None = Field(default=None, foreign_key="ai_models.id", ondelete="SET NULL")


# What a model cost to use at a date, e.g. 0.02 USD per 750 words.
class ModelPrice(Timestamped, table=True):
    __tablename__ = "model_prices"
    __table_args__ = (
        one_of("as_of_precision", DatePrecision),
        CheckConstraint("price >= 0", name="price_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="ai_models.id", ondelete="CASCADE", index=True)
    label: str = Field(max_length=NAME_LENGTH, description="what is priced, e.g. 'Davinci usage'")
    price: float = Field(ge=0)
    currency: str = Field(default="USD", min_length=3, max_length=3)
    unit: str = Field(max_length=64, description="e.g. '750 words' or '1K tokens'")
    as_of: dt.date | None = None
    as_of_precision: DatePrecision | None = Field(default=None, sa_type=AutoString(length=16))


# Who builds on which model, and how.
class ModelUse(Timestamped, table=True):
    __tablename__ = "model_uses"
    __table_args__ = (
        one_of("how", UseKind),
        CheckConstraint("company_id IS NOT NULL OR product_id IS NOT NULL", name="has_user"),
    )

    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="ai_models.id", ondelete="CASCADE", index=True)
    company_id: int | None = Field(default=None, foreign_key="companies.id", ondelete="CASCADE")
    product_id: int | None = Field(default=None, foreign_key="products.id", ondelete="CASCADE")
    how: UseKind = Field(sa_type=AutoString(length=16))
    description: str | None = Field(default=None, sa_type=Text)


# ---------------------------------------------------------------- facts over time


class MetricBase(SQLModel):
    name: MetricName = Field(sa_type=AutoString(length=32))
    label: str | None = Field(default=None, max_length=NAME_LENGTH, description="what exactly")
    value: float
    value_high: float | None = Field(default=None, description="upper bound of a range")
    unit: MetricUnit = Field(sa_type=AutoString(length=16))
    approximate: bool = False
    as_of: dt.date | None = None
    as_of_precision: DatePrecision | None = Field(default=None, sa_type=AutoString(length=16))
    description: str | None = Field(default=None, sa_type=Text)


# A dated figure about a company, product or model.
class Metric(MetricBase, Timestamped, table=True):
    __tablename__ = "metrics"
    __table_args__ = (
        one_of("name", MetricName),
        one_of("unit", MetricUnit),
        one_of("as_of_precision", DatePrecision),
        CheckConstraint(
            "company_id IS NOT NULL OR product_id IS NOT NULL OR model_id IS NOT NULL",
            name="has_subject",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    company_id: int | None = Field(
        default=None, foreign_key="companies.id", ondelete="CASCADE", index=True
    )
    product_id: int | None = Field(default=None, foreign_key="products.id", ondelete="CASCADE")
    model_id: int | None = Field(default=None, foreign_key="ai_models.id", ondelete="CASCADE")


class EventBase(SQLModel):
    occurred_on: dt.date | None = None
    occurred_precision: DatePrecision | None = Field(default=None, sa_type=AutoString(length=16))
    kind: EventKind = Field(sa_type=AutoString(length=16))
    title: str = Field(max_length=500)
    description: str | None = Field(default=None, sa_type=Text)
    expected: bool = Field(default=False, description="announced or anticipated, not yet happened")


# A dated entry on the timeline.
class Event(EventBase, Timestamped, table=True):
    __tablename__ = "events"
    __table_args__ = (
        one_of("kind", EventKind),
        one_of("occurred_precision", DatePrecision),
    )

    id: int | None = Field(default=None, primary_key=True)
    company_id: int | None = Field(
        default=None, foreign_key="companies.id", ondelete="CASCADE", index=True
    )
    product_id: int | None = Field(default=None, foreign_key="products.id", ondelete="CASCADE")
    model_id: int | None = Field(default=None, foreign_key="ai_models.id", ondelete="CASCADE")
    funding_round_id: int | None = Field(
        default=None, foreign_key="funding_rounds.id", ondelete="SET NULL"
    )


# ---------------------------------------------------------------- theses


# A thesis statement, e.g. "whoever owns the traffic owns the users".
class Claim(Timestamped, table=True):
    __tablename__ = "claims"
    __table_args__ = (one_of("stance", ClaimStance),)

    id: int | None = Field(default=None, primary_key=True)
    statement: str = Field(sa_type=Text, description="as the source words it")
    summary_en: str | None = Field(default=None, sa_type=Text)
    topic: str = Field(max_length=64, description="e.g. channel_vs_model, search, future")
    stance: ClaimStance = Field(default=ClaimStance.neutral, sa_type=AutoString(length=32))
    speaker: str | None = Field(default=None, max_length=NAME_LENGTH)
    person_id: int | None = Field(default=None, foreign_key="people.id", ondelete="SET NULL")


class ClaimCompany(SQLModel, table=True):
    __tablename__ = "claim_companies"

    claim_id: int = Field(foreign_key="claims.id", primary_key=True, ondelete="CASCADE")
    company_id: int = Field(foreign_key="companies.id", primary_key=True, ondelete="CASCADE")


# ---------------------------------------------------------------- sources


class SourceBase(SQLModel):
    title: str = Field(max_length=500)
    url: str | None = Field(default=None, max_length=URL_LENGTH)
    publisher: str | None = Field(default=None, max_length=NAME_LENGTH)
    author: str | None = Field(default=None, max_length=NAME_LENGTH)
    published_on: dt.date | None = None
    published_precision: DatePrecision | None = Field(default=None, sa_type=AutoString(length=16))
    language: str | None = Field(default=None, max_length=16, description="BCP 47, e.g. zh, en")
    kind: SourceKind = Field(default=SourceKind.article, sa_type=AutoString(length=16))
    locator: str | None = Field(
        default=None, max_length=URL_LENGTH, description="where to read it when there is no URL"
    )


# Where a fact comes from: the notes, an article, an interview, a post.
class Source(SourceBase, Timestamped, table=True):
    __tablename__ = "sources"
    __table_args__ = (
        one_of("kind", SourceKind),
        one_of("published_precision", DatePrecision),
    )

    id: int | None = Field(default=None, primary_key=True)
    url_key: str = Field(max_length=URL_LENGTH, unique=True, description="url, or the title")


# The tables a citation can support, and its column for each.
CITABLE = {
    "companies": "company_id",
    "people": "person_id",
    "categories": "category_id",
    "products": "product_id",
    "funding_rounds": "funding_round_id",
    "investments": "investment_id",
    "ai_models": "model_id",
    "model_prices": "model_price_id",
    "model_uses": "model_use_id",
    "metrics": "metric_id",
    "events": "event_id",
    "claims": "claim_id",
}


# Links one fact row to a source, with the exact supporting quote in its own language (or, where
# the source's words are not held, a paraphrase: our summary of what it says).
class Citation(Timestamped, table=True):
    __tablename__ = "citations"
    __table_args__ = (
        CheckConstraint("quote IS NOT NULL OR paraphrase IS NOT NULL", name="quote_or_paraphrase"),
        CheckConstraint(
            " + ".join(f"(CASE WHEN {col} IS NULL THEN 0 ELSE 1 END)" for col in CITABLE.values())
            + " = 1",
            name="one_subject",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="sources.id", ondelete="RESTRICT", index=True)
    quote: str | None = Field(default=None, sa_type=Text, description="the source's own words")
    quote_language: str | None = Field(default=None, max_length=16)
    note: str | None = Field(default=None, sa_type=Text)
    paraphrase: str | None = Field(
        default=None, sa_type=Text, description="our summary of what the source says, not its words"
    )
    stated: str | None = Field(
        default=None,
        sa_type=Text,
        description='JSON object: what the source states where it differs, {"amount_usd": ...}',
    )
    company_id: int | None = Field(
        default=None, foreign_key="companies.id", ondelete="CASCADE", index=True
    )
    person_id: int | None = Field(default=None, foreign_key="people.id", ondelete="CASCADE")
    category_id: int | None = Field(default=None, foreign_key="categories.id", ondelete="CASCADE")
    product_id: int | None = Field(default=None, foreign_key="products.id", ondelete="CASCADE")
    funding_round_id: int | None = Field(
        default=None, foreign_key="funding_rounds.id", ondelete="CASCADE"
    )
    investment_id: int | None = Field(
        default=None, foreign_key="investments.id", ondelete="CASCADE"
    )
    model_id: int | None = Field(default=None, foreign_key="ai_models.id", ondelete="CASCADE")
    model_price_id: int | None = Field(
        default=None, foreign_key="model_prices.id", ondelete="CASCADE"
    )
    model_use_id: int | None = Field(default=None, foreign_key="model_uses.id", ondelete="CASCADE")
    metric_id: int | None = Field(default=None, foreign_key="metrics.id", ondelete="CASCADE")
    event_id: int | None = Field(default=None, foreign_key="events.id", ondelete="CASCADE")
    claim_id: int | None = Field(default=None, foreign_key="claims.id", ondelete="CASCADE")


# ---------------------------------------------------------------- indexes for reading at scale


def _index_foreign_keys() -> None:
    """Give every foreign key column an index, unless an index or the primary key already
    starts with it: pages look rows up by them (a round's citations, a category's companies,
    a model's users), and neither SQLite nor PostgreSQL makes one for a foreign key."""
    for table in SQLModel.metadata.tables.values():
        leading = {next(iter(index.columns)).name for index in table.indexes}
        leading.add(next(iter(table.primary_key.columns)).name)
        for column in table.columns:
            if column.foreign_keys and column.name not in leading:
                Index(None, column)  # named by the convention: ix_<table>_<column>


_index_foreign_keys()


# ---------------------------------------------------------------- keys kept by the ORM


def _keep_name_key(_mapper: object, _connection: object, target: object) -> None:
    target.name_key = normalize_name(target.name)  # type: ignore[attr-defined]


def _keep_url_key(_mapper: object, _connection: object, target: Source) -> None:
    target.url_key = (target.url or "").strip() or normalize_name(target.title)


for _model in (Company, Person, Category, Product, AIModel):
    event.listen(_model, "before_insert", _keep_name_key)
    event.listen(_model, "before_update", _keep_name_key)
event.listen(Source, "before_insert", _keep_url_key)
event.listen(Source, "before_update", _keep_url_key)
