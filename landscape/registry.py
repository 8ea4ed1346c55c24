"""One record per table: everything the write paths, the exchange and the pages need to know.

A table's record says what it is called (``noun``), which SQLModel class holds it, the
Create / Update schemas of the forms (when people edit it by hand), its natural key (what makes
an imported or seeded row "already there"), the column a citation uses to point at it, the
file stem it is exported under, and how one of its rows is named for people. Every per-table map
in crud, cli, export, evidence, forms, pages and validate is derived from ``TABLES``; adding a
table means adding its model, its migration and one record here (see docs/adding-a-table.md).

Names: ``row_names`` gives the one human name of a row, the same in the export, the dashboard,
the forms and error messages. It is built in SQL (``name_query``) so that it can be read for
many rows at once, searched and joined.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, String, Table, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import SQLModel, col

from landscape import models as m
from landscape import schemas as s

NameQuery = Callable[[], Select[Any, Any]]

SEPARATOR = " · "


# ---------------------------------------------------------------- partial dates in SQL


class partial_date_text(FunctionElement[str]):
    """A partial date written at its precision in SQL: ``2020-06``, ``2015-Q4``, ``2019``.

    The same text ``dates.format_partial_date`` writes, on SQLite and PostgreSQL; NULL for an
    unknown date.
    """

    type = String()
    inherit_cache = True
    name = "partial_date_text"


# How each dialect writes a day at each precision; ``{day}`` stands for the date's SQL.
_PARTIAL_DATE_SQL = {
    "sqlite": {
        "year": "strftime('%Y', {day})",
        "quarter": "strftime('%Y', {day}) || '-Q' ||"
        " ((CAST(strftime('%m', {day}) AS INTEGER) + 2) / 3)",
        "month": "strftime('%Y-%m', {day})",
        "day": "strftime('%Y-%m-%d', {day})",
    },
    "postgresql": {
        "year": "to_char({day}, 'YYYY')",
        "quarter": "to_char({day}, 'YYYY-\"Q\"Q')",
        "month": "to_char({day}, 'YYYY-MM')",
        "day": "to_char({day}, 'YYYY-MM-DD')",
    },
}


def _partial_date_sql(element: partial_date_text, compiler: Any, **kw: Any) -> str:
    day, precision = (compiler.process(arg, **kw) for arg in element.clauses)
    formats = {
        p: sql.format(day=day) for p, sql in _PARTIAL_DATE_SQL[compiler.dialect.name].items()
    }
    whens = "".join(
        f" WHEN {precision} = '{p}' THEN {formats[p]}" for p in ("year", "quarter", "month")
    )
    return f"CASE WHEN {day} IS NULL THEN NULL{whens} ELSE {formats['day']} END"


for _dialect in _PARTIAL_DATE_SQL:
    compiles(partial_date_text, _dialect)(_partial_date_sql)


def joined(*parts: Any) -> ColumnElement[str]:
    """SQL text of the non-empty ``parts`` joined by `` · `` (NULL and '' parts left out)."""
    pieces = [func.nullif(func.coalesce(part, ""), "") for part in parts]
    # concat_ws skips NULLs on PostgreSQL; SQLite has no concat_ws before 3.44, so build it.
    text: ColumnElement[str] = func.coalesce(pieces[0], "")
    for piece in pieces[1:]:
        text = func.coalesce(
            func.nullif(text, "") + literal(SEPARATOR) + piece,
            func.nullif(text, ""),
            piece,
            "",
        )
    return text


def vocabulary_words(column: Any) -> ColumnElement[str]:
    """A vocabulary value as words: ``corporate_round`` → ``corporate round``."""
    return func.replace(column, "_", " ")


# ---------------------------------------------------------------- names of rows, in SQL


def _simple(model: type[SQLModel], column: str = "name") -> NameQuery:
    def query() -> Select[Any, Any]:
        table = model.__table__  # type: ignore[attr-defined]
        return select(table.c.id.label("id"), table.c[column].label("name"))

    return query


def _named(row: Any, name: ColumnElement[str], *joins: tuple[Any, Any]) -> Select[Any, Any]:
    """SELECT id, name of ``row``'s table, joined to each (target, reference) its name reads:
    an outer join where the reference may be empty."""
    query: Select[Any, Any] = select(col(row.id).label("id"), name.label("name"))
    for target, reference in joins:
        outer = bool(reference.property.columns[0].nullable)
        query = query.join(target, col(target.id) == col(reference), isouter=outer)
    return query


def _funding_round_name(round_: Any, company: Any) -> ColumnElement[str]:
    return joined(
        company.name,
        vocabulary_words(round_.round_type),
        partial_date_text(round_.announced_on, round_.announced_precision),
    )


def _funding_rounds() -> Select[Any, Any]:
    f, company = m.FundingRound, aliased(m.Company)
    return _named(f, _funding_round_name(f, company), (company, f.company_id))


def _investments() -> Select[Any, Any]:
    i, f = m.Investment, aliased(m.FundingRound)
    investor, company = aliased(m.Company), aliased(m.Company)
    name = col(investor.name) + literal(" → ") + _funding_round_name(f, company)
    return _named(
        i, name, (f, i.funding_round_id), (company, f.company_id), (investor, i.investor_id)
    )


def _model_prices() -> Select[Any, Any]:
    p, model = m.ModelPrice, aliased(m.AIModel)
    name = joined(model.name, p.label, partial_date_text(p.as_of, p.as_of_precision))
    return _named(p, name, (model, p.model_id))


def _model_uses() -> Select[Any, Any]:
    u, model = m.ModelUse, aliased(m.AIModel)
    user, product = aliased(m.Company), aliased(m.Product)
    name = joined(func.coalesce(product.name, user.name), vocabulary_words(u.how), model.name)
    return _named(u, name, (model, u.model_id), (user, u.company_id), (product, u.product_id))


def _metrics() -> Select[Any, Any]:
    x = m.Metric
    company, product, model = aliased(m.Company), aliased(m.Product), aliased(m.AIModel)
    name = joined(
        func.coalesce(product.name, company.name, model.name),
        func.coalesce(x.label, vocabulary_words(x.name)),
        partial_date_text(x.as_of, x.as_of_precision),
    )
    return _named(x, name, (company, x.company_id), (product, x.product_id), (model, x.model_id))


def _events() -> Select[Any, Any]:
    e = m.Event
    return _named(e, joined(e.title, partial_date_text(e.occurred_on, e.occurred_precision)))


def _claims() -> Select[Any, Any]:
    c = m.Claim
    return _named(c, func.coalesce(c.summary_en, c.statement))


def _citations() -> Select[Any, Any]:
    c, source = m.Citation, aliased(m.Source)
    name = col(source.title) + literal(": ") + func.coalesce(c.quote, c.paraphrase, "")
    return _named(c, name, (source, c.source_id))


# ---------------------------------------------------------------- the record


@dataclass(frozen=True)
class TableRecord:
    """What the project knows about one table."""

    model: type[SQLModel]
    noun: str  # one row in words: "funding round"
    natural_key: tuple[str, ...] = ()  # columns that make a row "already there"
    name_query: NameQuery | None = None  # SELECT id, name: the one human name of a row
    stem: str | None = None  # the file stem of its export / import ("models" for ai_models)
    create: type[SQLModel] | None = None  # the form's Create schema, when people add rows
    update: type[SQLModel] | None = None  # the form's Update schema
    base: type[SQLModel] | None = None  # the Base whose fields are the editable columns
    link: tuple[str, str] | None = None  # a link table: (owner column, linked column)
    command: str | None = None  # its name on the command line: `landscape add round`
    money: tuple[str, ...] = ()  # columns holding amounts of money (never negative)
    plural_noun: str | None = None  # rows in words, when not the table name: "models"
    extra: Mapping[str, Any] = field(default_factory=dict)  # free for a path's own needs

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    @property
    def sql_table(self) -> Table:
        return SQLModel.metadata.tables[self.table]

    @property
    def citation_column(self) -> str | None:
        """The citation column that points at this table's rows; None when not citable."""
        return m.CITABLE.get(self.table)

    @property
    def plural(self) -> str:
        return self.plural_noun or self.table.replace("_", " ")

    @property
    def title(self) -> str:
        """The noun as a heading or a tab: "Funding round"."""
        return self.noun[:1].upper() + self.noun[1:]

    @property
    def named(self) -> bool:
        """Whether rows carry a ``name`` unique under normalization (its ``name_key``)."""
        return "name_key" in self.natural_key

    @property
    def name_scope(self) -> tuple[str, ...]:
        """The columns a unique name is unique within (a product's: its company)."""
        return tuple(column for column in self.natural_key if column != "name_key")

    @property
    def date_columns(self) -> list[tuple[str, str]]:
        """(date column, precision column) of each partial date of the table."""
        columns = self.sql_table.c
        pairs = []
        for column in columns:
            if not column.name.endswith("_precision"):
                continue
            stem = column.name.removesuffix("_precision")
            day = next((c for c in (f"{stem}_on", stem) if c in columns), None)
            if day is not None:
                pairs.append((day, column.name))
        return pairs

    def form_schemas(self) -> tuple[type[SQLModel], type[SQLModel], type[SQLModel]]:
        """(Create, Update, Base) of a table people edit by hand; KeyError for any other."""
        if self.create is None or self.update is None or self.base is None:
            raise KeyError(f"{self.table} has no form")
        return self.create, self.update, self.base


def _form(
    create: type[SQLModel], update: type[SQLModel], base: type[SQLModel], command: str
) -> dict[str, Any]:
    """A record's form: its Create and Update schemas, their Base, its command-line name."""
    return {"create": create, "update": update, "base": base, "command": command}


def _records() -> dict[str, TableRecord]:
    records = [
        TableRecord(
            m.Source,
            "source",
            ("url_key",),
            _simple(m.Source, "title"),
            "sources",
            **_form(s.SourceCreate, s.SourceUpdate, m.SourceBase, "source"),
        ),
        TableRecord(m.Category, "category", ("name_key",), _simple(m.Category), "categories"),
        TableRecord(
            m.Company,
            "company",
            ("name_key",),
            _simple(m.Company),
            "companies",
            **_form(s.CompanyCreate, s.CompanyUpdate, m.CompanyBase, "company"),
        ),
        TableRecord(m.Person, "person", ("name_key",), _simple(m.Person), "people"),
        TableRecord(
            m.Product,
            "product",
            ("company_id", "name_key"),
            _simple(m.Product),
            "products",
            **_form(s.ProductCreate, s.ProductUpdate, m.ProductBase, "product"),
        ),
        TableRecord(
            m.FundingRound,
            "funding round",
            ("company_id", "announced_on", "announced_precision", "round_type"),
            _funding_rounds,
            "funding_rounds",
            **_form(s.FundingRoundCreate, s.FundingRoundUpdate, m.FundingRoundBase, "round"),
            money=("amount", "amount_usd", "pre_money_usd", "post_money_usd"),
        ),
        TableRecord(
            m.Investment,
            "investment",
            ("funding_round_id", "investor_id"),
            _investments,
            "investments",
        ),
        TableRecord(
            m.AIModel, "model", ("name_key",), _simple(m.AIModel), "models", plural_noun="models"
        ),
        TableRecord(
            m.ModelPrice,
            "model price",
            ("model_id", "label", "as_of", "as_of_precision"),
            _model_prices,
            "model_prices",
            money=("price",),
        ),
        TableRecord(
            m.ModelUse,
            "model use",
            ("model_id", "company_id", "product_id", "how"),
            _model_uses,
            "model_uses",
        ),
        TableRecord(
            m.Metric,
            "metric",
            ("company_id", "product_id", "model_id", "name", "label", "as_of", "as_of_precision"),
            _metrics,
            "metrics",
            **_form(s.MetricCreate, s.MetricUpdate, m.MetricBase, "metric"),
        ),
        TableRecord(
            m.Event,
            "event",
            ("title", "occurred_on", "occurred_precision"),
            _events,
            "events",
            **_form(s.EventCreate, s.EventUpdate, m.EventBase, "event"),
        ),
        TableRecord(m.Claim, "claim", ("statement",), _claims, "claims"),
        TableRecord(
            m.Citation, "citation", ("source_id", "quote", "paraphrase"), _citations, "citations"
        ),
        TableRecord(
            m.CompanyCategory,
            "company category",
            ("company_id", "category_id"),
            link=("company_id", "category_id"),
        ),
        TableRecord(
            m.ProductCategory,
            "product category",
            ("product_id", "category_id"),
            link=("product_id", "category_id"),
        ),
        TableRecord(
            m.ClaimCompany,
            "claim company",
            ("claim_id", "company_id"),
            link=("claim_id", "company_id"),
        ),
    ]
    return {record.table: record for record in records}


# Every table, in the order a whole landscape is written: what a row refers to comes first.
TABLES: dict[str, TableRecord] = _records()

# The tables people add and edit by hand, in the order the Add data page and `landscape add`
# list them (the most common first).
FORM_ORDER = ("companies", "products", "funding_rounds", "metrics", "events", "sources")


def record(table: str) -> TableRecord:
    """The record of ``table`` (its SQL name); KeyError names the known tables."""
    try:
        return TABLES[table]
    except KeyError:
        raise KeyError(f"no table {table!r}; known: {', '.join(TABLES)}") from None


def record_of(model: type[SQLModel]) -> TableRecord:
    """The record of a SQLModel class."""
    return record(str(model.__tablename__))


def by_stem() -> dict[str, TableRecord]:
    """Records of the tables that are files of an export, by file stem, in import order."""
    return {r.stem: r for r in TABLES.values() if r.stem is not None}


def citable() -> dict[str, TableRecord]:
    """Records of the tables a citation can support, by table, in import order."""
    return {t: r for t, r in TABLES.items() if r.citation_column is not None}


def forms() -> dict[str, TableRecord]:
    """Records of the tables people add and edit by hand (forms, `landscape add`), in order."""
    return {table: TABLES[table] for table in FORM_ORDER}


def by_command() -> dict[str, TableRecord]:
    """Records of the tables `landscape add` / `edit` write, by their command-line name."""
    return {r.command: r for r in forms().values() if r.command is not None}


@dataclass(frozen=True)
class Link:
    """A link table seen from its owner: a company's ``categories``, a claim's ``companies``."""

    owner: str  # the owning table: "companies"
    column: str  # the exported name-list column: the linked table's stem, "categories"
    model: type[SQLModel]  # the link table
    owner_column: str  # "company_id"
    linked: str  # the linked table: "categories"
    linked_column: str  # "category_id"


def links() -> list[Link]:
    """Every link table, by the tables it joins (from its foreign keys)."""
    found = []
    for r in TABLES.values():
        if r.link is None:
            continue
        owner_column, linked_column = r.link
        columns = r.sql_table.c
        owner = _target(columns[owner_column])
        linked = _target(columns[linked_column])
        column = TABLES[linked].stem or linked
        found.append(Link(owner, column, r.model, owner_column, linked, linked_column))
    return found


def _target(column: Any) -> str:
    (key,) = column.foreign_keys
    return str(key.column.table.name)


# ---------------------------------------------------------------- names, read


def name_query(table: str) -> Select[Any, Any]:
    """SELECT id, name of every row of ``table``; KeyError when its rows have no name."""
    query = record(table).name_query
    if query is None:
        raise KeyError(f"rows of {table!r} have no name of their own")
    return query()


def row_names(
    connection: Connection, table: str, ids: Iterable[int] | None = None
) -> dict[int, str]:
    """The human name of rows of ``table`` (all, or those of ``ids``), by id."""
    statement = name_query(table)
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return {}
        inner = statement.subquery()
        statement = select(inner.c.id, inner.c.name).where(inner.c.id.in_(wanted))
    return {int(row_id): str(name or "") for row_id, name in connection.execute(statement)}


def row_name(connection: Connection, table: str, row_id: int) -> str:
    """The human name of one row ('' when it does not exist)."""
    return row_names(connection, table, [row_id]).get(row_id, "")


def subject_names(connection: Connection) -> dict[tuple[str, int], str]:
    """The human name of every row a citation can support, keyed by (table, id)."""
    return {
        (table, row_id): name
        for table in citable()
        for row_id, name in row_names(connection, table).items()
    }
