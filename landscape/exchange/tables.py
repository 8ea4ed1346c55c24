"""What each importable file holds: its columns, how they are read, and its natural key.

The column names are the export's. A column is either stored (``Col``: parsed into a model
attribute), a reference (a name or an id resolved to a row: ``refs``), or ignored (``id``). The
natural key decides when an imported row is "already there"; it is the table registry's
(``landscape.registry``), as are the import order, the link tables behind name-list columns and
which natural keys the database itself keeps unique.
"""

from dataclasses import dataclass, field
from functools import cached_property

from sqlmodel import SQLModel

from landscape import models as m
from landscape import registry
from landscape.exchange import columns as c
from landscape.exchange.columns import Parser


@dataclass(frozen=True)
class Col:
    """A stored column: CSV name, parser, model attribute(s), and whether it must be filled."""

    name: str
    parse: Parser = c.text
    attr: str | None = None  # default: the CSV name
    required: bool = False
    date: tuple[str, str] | None = None  # (date attribute, precision attribute)

    @property
    def attribute(self) -> str:
        return self.attr or self.name


def _date(name: str, on: str, precision: str) -> Col:
    return Col(name, c.partial_date, date=(on, precision))


@dataclass(frozen=True)
class TableSpec:
    """One importable table."""

    model: type[SQLModel]
    columns: tuple[Col, ...]
    refs: tuple[str, ...] = ()  # reference columns, resolved by the importer
    label: str = "name"  # the column that names a row in messages
    links: tuple[str, ...] = field(default=())  # name-list columns (categories, companies)

    # cached: the importer asks for these several times for each of many records
    @cached_property
    def table(self) -> str:
        return str(self.model.__tablename__)

    @cached_property
    def stem(self) -> str:
        """The file name without extension, as the export writes it (the registry's)."""
        return registry.record(self.table).stem or self.table

    @cached_property
    def key(self) -> tuple[str, ...]:
        """The natural key (the registry's): what makes a row "already there"."""
        return registry.record(self.table).natural_key

    def known_columns(self) -> set[str]:
        return {"id"} | {col.name for col in self.columns} | set(self.refs) | set(self.links)


SPECS: dict[str, TableSpec] = {
    spec.stem: spec
    for spec in (
        TableSpec(
            m.Source,
            (
                Col("title", required=True),
                Col("url", c.url),
                Col("publisher"),
                Col("author"),
                _date("published", "published_on", "published_precision"),
                Col("language", c.language),
                Col("kind", c.one_of(m.SourceKind)),
                Col("locator"),
            ),
            label="title",
        ),
        TableSpec(
            m.Category,
            (
                Col("name", required=True),
                Col("label_zh"),
                Col("description"),
                Col("position", c.integer),
            ),
            refs=("parent_id", "parent"),
        ),
        TableSpec(
            m.Company,
            (
                Col("name", required=True),
                Col("kind", c.one_of(m.CompanyKind)),
                Col("description"),
                Col("homepage", c.url),
                _date("founded", "founded_on", "founded_precision"),
                Col("hq_city"),
                Col("hq_country", c.country),
                Col("status", c.one_of(m.CompanyStatus)),
                Col("thesis_role", c.one_of(m.ThesisRole)),
                Col("crunchbase_url", c.url),
                Col("logo"),
                Col("extra", c.json_object),
                Col("created_at", c.timestamp),
                Col("updated_at", c.timestamp),
            ),
            refs=("parent_id", "parent"),
            links=("categories",),
        ),
        TableSpec(
            m.Person,
            (
                Col("name", required=True),
                Col("name_zh"),
                Col("handle"),
                Col("title"),
                Col("description"),
            ),
            refs=("company_id", "company"),
        ),
        TableSpec(
            m.Product,
            (
                Col("name", required=True),
                _date("launched", "launched_on", "launched_precision"),
                Col("homepage", c.url),
                Col("description"),
                Col("repo_url", c.url),
                Col("logo"),
                Col("extra", c.json_object),
            ),
            refs=("company_id", "company"),
            links=("categories",),
        ),
        TableSpec(
            m.FundingRound,
            (
                _date("announced", "announced_on", "announced_precision"),
                Col("round_type", c.one_of(m.RoundType)),
                Col("status", c.one_of(m.RoundStatus)),
                Col("amount", c.amount),
                Col("currency", c.currency),
                Col("amount_usd", c.amount),
                Col("pre_money_usd", c.amount),
                Col("post_money_usd", c.amount),
                Col("description"),
            ),
            refs=("company_id", "company"),
            label="company",
        ),
        TableSpec(
            m.Investment,
            (Col("is_lead", c.boolean),),
            refs=(
                "funding_round_id",
                "company_id",
                "company",
                "announced",
                "round_type",
                "investor_id",
                "investor",
            ),
            label="investor",
        ),
        TableSpec(
            m.AIModel,
            (
                Col("name", required=True),
                _date("released", "released_on", "released_precision"),
                Col("status", c.one_of(m.ModelStatus)),
                Col("modality", c.one_of(m.Modality)),
                Col("open_weights", c.boolean),
                Col("description"),
            ),
            refs=("developer_id", "developer", "parent_id", "parent"),
        ),
        TableSpec(
            m.ModelPrice,
            (
                Col("label", required=True),
                Col("price", c.price, required=True),
                Col("currency", c.currency),
                Col("unit", required=True),
                _date("as_of", "as_of", "as_of_precision"),
            ),
            refs=("model_id", "model"),
            label="label",
        ),
        TableSpec(
            m.ModelUse,
            (Col("how", c.one_of(m.UseKind), required=True), Col("description")),
            refs=("model_id", "model", "company_id", "company", "product_id", "product"),
            label="model",
        ),
        TableSpec(
            m.Metric,
            (
                Col("name", c.one_of(m.MetricName), required=True),
                Col("label"),
                Col("value", c.number, required=True),
                Col("value_high", c.number),
                Col("unit", c.one_of(m.MetricUnit), required=True),
                Col("approximate", c.boolean),
                _date("as_of", "as_of", "as_of_precision"),
                Col("description"),
            ),
            refs=("company_id", "company", "product_id", "product", "model_id", "model"),
        ),
        TableSpec(
            m.Event,
            (
                _date("date", "occurred_on", "occurred_precision"),
                Col("kind", c.one_of(m.EventKind), required=True),
                Col("title", required=True),
                Col("description"),
                Col("expected", c.boolean),
            ),
            refs=(
                "company_id",
                "company",
                "product_id",
                "product",
                "model_id",
                "model",
                "funding_round_id",
                "funding_round",
            ),
            label="title",
        ),
        TableSpec(
            m.Claim,
            (
                Col("statement", required=True),
                Col("summary_en"),
                Col("topic", required=True),
                Col("stance", c.one_of(m.ClaimStance)),
                Col("speaker"),
            ),
            refs=("person_id", "person"),
            label="statement",
            links=("companies",),
        ),
        TableSpec(
            m.Citation,
            (
                Col("quote"),
                Col("quote_language", c.language),
                Col("note"),
                Col("paraphrase"),
                Col("stated", c.json_object),
            ),
            refs=("source_id", "source", "source_url", "subject_table", "subject_id", "subject"),
            label="quote",
        ),
    )
}

# The order a whole export is imported in (the registry's): what a row refers to comes first.
IMPORT_ORDER = tuple(stem for stem in registry.by_stem() if stem in SPECS)


def _unique_in_database(model: type[SQLModel], key: tuple[str, ...]) -> bool:
    table = model.__table__  # type: ignore[attr-defined]
    unique = [{column.name for column in index.columns} for index in table.indexes if index.unique]
    unique += [
        {column.name for column in constraint.columns}
        for constraint in table.constraints
        if type(constraint).__name__ == "UniqueConstraint"
    ]
    unique += [{column.name} for column in table.c if column.unique]
    return set(key) in unique


# Stems whose natural key the database itself keeps unique (a restore still looks them up).
UNIQUE_KEYS = frozenset(
    stem for stem, spec in SPECS.items() if _unique_in_database(spec.model, spec.key)
)


@dataclass(frozen=True)
class Link:
    """A link table behind a name-list column (``companies.categories``)."""

    model: type[SQLModel]
    owner: str  # the link's column of the row that lists the names: company_id
    named: type[SQLModel]  # the table the names are of: Category
    other: str  # the link's column of the named rows: category_id


def _links() -> dict[tuple[str, str], Link]:
    links = {}
    for link in registry.TABLES.values():
        if link.link is None:
            continue
        owner, other = link.link
        columns = link.model.__table__.c  # type: ignore[attr-defined]
        owner_table = next(iter(columns[owner].foreign_keys)).column.table.name
        other_table = next(iter(columns[other].foreign_keys)).column.table.name
        owner_stem, named = registry.record(owner_table).stem, registry.record(other_table)
        if owner_stem in SPECS and named.stem is not None:
            links[(owner_stem, named.stem)] = Link(link.model, owner, named.model, other)
    return links


# (stem, name-list column) → the link table it fills, from the registry's link records.
LINKS: dict[tuple[str, str], Link] = _links()
