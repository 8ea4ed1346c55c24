"""Whole tables out as rows that name what they refer to, and as CSV files.

Each table's rows carry the referred name beside every id (a funding round names its company,
a citation its source and its subject). Partial dates are written at their precision
(``2020-06``, ``2015-Q4``, ``2019``), money as plain integers, nothing is truncated.
"""

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, case, literal, select
from sqlalchemy.orm import aliased

from landscape import models as m
from landscape.dates import format_partial_date

Row = dict[str, Any]

# (date column, precision column, exported name)
_PARTIAL_DATES = [
    ("founded_on", "founded_precision", "founded"),
    ("launched_on", "launched_precision", "launched"),
    ("announced_on", "announced_precision", "announced"),
    ("released_on", "released_precision", "released"),
    ("as_of", "as_of_precision", "as_of"),
    ("occurred_on", "occurred_precision", "date"),
    ("published_on", "published_precision", "published"),
]


def _companies() -> Select:
    parent = aliased(m.Company)
    c = m.Company
    return (
        select(
            c.id, c.name, c.kind, c.description, c.homepage, c.founded_on, c.founded_precision,
            c.hq_city, c.hq_country, c.status, c.thesis_role, c.parent_id,
            parent.name.label("parent"), c.created_at, c.updated_at,
        )
        .outerjoin(parent, parent.id == c.parent_id)
        .order_by(c.id)
    )  # fmt: skip


def _categories() -> Select:
    parent = aliased(m.Category)
    c = m.Category
    return (
        select(
            c.id, c.name, c.label_zh, c.description, c.parent_id,
            parent.name.label("parent"), c.position,
        )
        .outerjoin(parent, parent.id == c.parent_id)
        .order_by(c.id)
    )  # fmt: skip


def _people() -> Select:
    p = m.Person
    return (
        select(
            p.id, p.name, p.name_zh, p.handle, p.title, p.company_id,
            m.Company.name.label("company"), p.description,
        )
        .outerjoin(m.Company, m.Company.id == p.company_id)
        .order_by(p.id)
    )  # fmt: skip


def _products() -> Select:
    p = m.Product
    return (
        select(
            p.id, p.name, p.company_id, m.Company.name.label("company"), p.launched_on,
            p.launched_precision, p.homepage, p.description,
        )
        .join(m.Company, m.Company.id == p.company_id)
        .order_by(p.id)
    )  # fmt: skip


def _funding_rounds() -> Select:
    f = m.FundingRound
    return (
        select(
            f.id, f.company_id, m.Company.name.label("company"), f.announced_on,
            f.announced_precision, f.round_type, f.status, f.amount, f.currency, f.amount_usd,
            f.pre_money_usd, f.post_money_usd, f.description,
        )
        .join(m.Company, m.Company.id == f.company_id)
        .order_by(f.id)
    )  # fmt: skip


def _investments() -> Select:
    i, f = m.Investment, m.FundingRound
    investor, company = aliased(m.Company), aliased(m.Company)
    return (
        select(
            i.id, i.funding_round_id, f.company_id, company.name.label("company"),
            f.announced_on, f.announced_precision, f.round_type, i.investor_id,
            investor.name.label("investor"), i.is_lead,
        )
        .join(f, f.id == i.funding_round_id)
        .join(company, company.id == f.company_id)
        .join(investor, investor.id == i.investor_id)
        .order_by(i.id)
    )  # fmt: skip


def _models() -> Select:
    a, parent = m.AIModel, aliased(m.AIModel)
    return (
        select(
            a.id, a.name, a.developer_id, m.Company.name.label("developer"), a.released_on,
            a.released_precision, a.status, a.modality, a.parent_id,
            parent.name.label("parent"), a.open_weights, a.description,
        )
        .outerjoin(m.Company, m.Company.id == a.developer_id)
        .outerjoin(parent, parent.id == a.parent_id)
        .order_by(a.id)
    )  # fmt: skip


def _model_prices() -> Select:
    p = m.ModelPrice
    return (
        select(
            p.id, p.model_id, m.AIModel.name.label("model"), p.label, p.price, p.currency,
            p.unit, p.as_of, p.as_of_precision,
        )
        .join(m.AIModel, m.AIModel.id == p.model_id)
        .order_by(p.id)
    )  # fmt: skip


def _model_uses() -> Select:
    u = m.ModelUse
    return (
        select(
            u.id, u.model_id, m.AIModel.name.label("model"), u.company_id,
            m.Company.name.label("company"), u.product_id, m.Product.name.label("product"),
            u.how, u.description,
        )
        .join(m.AIModel, m.AIModel.id == u.model_id)
        .outerjoin(m.Company, m.Company.id == u.company_id)
        .outerjoin(m.Product, m.Product.id == u.product_id)
        .order_by(u.id)
    )  # fmt: skip


def _metrics() -> Select:
    x = m.Metric
    return (
        select(
            x.id, x.company_id, m.Company.name.label("company"), x.product_id,
            m.Product.name.label("product"), x.model_id, m.AIModel.name.label("model"),
            x.name, x.label, x.value, x.value_high, x.unit, x.approximate, x.as_of,
            x.as_of_precision, x.description,
        )
        .outerjoin(m.Company, m.Company.id == x.company_id)
        .outerjoin(m.Product, m.Product.id == x.product_id)
        .outerjoin(m.AIModel, m.AIModel.id == x.model_id)
        .order_by(x.id)
    )  # fmt: skip


def _events() -> Select:
    e = m.Event
    return (
        select(
            e.id, e.occurred_on, e.occurred_precision, e.kind, e.title, e.description,
            e.expected, e.company_id, m.Company.name.label("company"), e.product_id,
            m.Product.name.label("product"), e.model_id, m.AIModel.name.label("model"),
            e.funding_round_id,
        )
        .outerjoin(m.Company, m.Company.id == e.company_id)
        .outerjoin(m.Product, m.Product.id == e.product_id)
        .outerjoin(m.AIModel, m.AIModel.id == e.model_id)
        .order_by(e.id)
    )  # fmt: skip


def _sources() -> Select:
    s = m.Source
    return select(
        s.id, s.title, s.url, s.publisher, s.author, s.published_on, s.published_precision,
        s.language, s.kind, s.locator,
    ).order_by(s.id)  # fmt: skip


def _claims() -> Select:
    c = m.Claim
    return (
        select(
            c.id, c.statement, c.summary_en, c.topic, c.stance, c.speaker, c.person_id,
            m.Person.name.label("person"),
        )
        .outerjoin(m.Person, m.Person.id == c.person_id)
        .order_by(c.id)
    )  # fmt: skip


def citation_subject_columns() -> tuple[Any, Any]:
    """SQL expressions naming a citation's subject table and id."""
    cit = m.Citation
    table = case(
        *[(getattr(cit, col).is_not(None), literal(tbl)) for tbl, col in m.CITABLE.items()]
    )
    subject_id = case(
        *[(getattr(cit, col).is_not(None), getattr(cit, col)) for col in m.CITABLE.values()]
    )
    return table.label("subject_table"), subject_id.label("subject_id")


def _citations() -> Select:
    cit = m.Citation
    subject_table, subject_id = citation_subject_columns()
    return (
        select(
            cit.id, cit.source_id, m.Source.title.label("source"), m.Source.url.label("source_url"),
            subject_table, subject_id, cit.quote, cit.quote_language, cit.note,
        )
        .join(m.Source, m.Source.id == cit.source_id)
        .order_by(cit.id)
    )  # fmt: skip


# File stem → query. The order is the order a reader (and an importer) needs them in.
EXPORT_QUERIES: dict[str, Callable[[], Select]] = {
    "sources": _sources,
    "categories": _categories,
    "companies": _companies,
    "people": _people,
    "products": _products,
    "funding_rounds": _funding_rounds,
    "investments": _investments,
    "models": _models,
    "model_prices": _model_prices,
    "model_uses": _model_uses,
    "metrics": _metrics,
    "events": _events,
    "claims": _claims,
    "citations": _citations,
}


# ---------------------------------------------------------------- names of things


def subject_names(connection: Connection) -> dict[tuple[str, int], str]:
    """A readable name for every citable row, keyed by (table, id)."""
    names: dict[tuple[str, int], str] = {}
    simple = {
        "companies": m.Company,
        "people": m.Person,
        "categories": m.Category,
        "products": m.Product,
        "ai_models": m.AIModel,
    }
    for table, model in simple.items():
        for row_id, name in connection.execute(select(model.id, model.name)):
            names[(table, row_id)] = name
    for row in connection.execute(_funding_rounds()).mappings():
        when = format_partial_date(row["announced_on"], row["announced_precision"])
        names[("funding_rounds", row["id"])] = (
            f"{row['company']} {row['round_type']} {when}".strip()
        )
    for row in connection.execute(_investments()).mappings():
        names[("investments", row["id"])] = f"{row['investor']} → {row['company']}"
    for row in connection.execute(_model_prices()).mappings():
        names[("model_prices", row["id"])] = f"{row['model']}: {row['label']}"
    for row in connection.execute(_model_uses()).mappings():
        user = row["product"] or row["company"]
        names[("model_uses", row["id"])] = f"{user} {row['how']} {row['model']}"
    for row in connection.execute(_metrics()).mappings():
        subject = row["product"] or row["company"] or row["model"]
        names[("metrics", row["id"])] = f"{subject}: {row['label'] or row['name']}"
    for row_id, title in connection.execute(select(m.Event.id, m.Event.title)):
        names[("events", row_id)] = title
    for row_id, statement in connection.execute(select(m.Claim.id, m.Claim.statement)):
        names[("claims", row_id)] = statement
    return names


def _link_names(connection: Connection, link: Any, owner: str, named: Any, other: str) -> dict:
    """owner id → '; '-joined names of the rows linked to it, in id order."""
    joined: dict[int, list[str]] = defaultdict(list)
    statement = (
        select(getattr(link, owner), named.name)
        .join(named, named.id == getattr(link, other))
        .order_by(getattr(link, owner), named.id)
    )
    for owner_id, name in connection.execute(statement):
        joined[owner_id].append(name)
    return {key: "; ".join(values) for key, values in joined.items()}


# ---------------------------------------------------------------- rows


def export_rows(connection: Connection, table: str) -> Iterator[Row]:
    """The rows of one exported table, dates at their precision, names beside ids."""
    extra: dict[str, dict] = {}
    if table == "companies":
        extra["categories"] = _link_names(
            connection, m.CompanyCategory, "company_id", m.Category, "category_id"
        )
    elif table == "products":
        extra["categories"] = _link_names(
            connection, m.ProductCategory, "product_id", m.Category, "category_id"
        )
    elif table == "claims":
        extra["companies"] = _link_names(
            connection, m.ClaimCompany, "claim_id", m.Company, "company_id"
        )
    names = subject_names(connection) if table == "citations" else {}
    for raw in connection.execute(EXPORT_QUERIES[table]()).mappings():
        row = _with_partial_dates(dict(raw))
        for column, values in extra.items():
            row[column] = values.get(row["id"], "")
        if table == "citations":
            row["subject"] = names.get((row["subject_table"], row["subject_id"]), "")
        yield row


def _with_partial_dates(row: Row) -> Row:
    out: Row = {}
    for key, value in row.items():
        for date_column, precision_column, name in _PARTIAL_DATES:
            if key == date_column:
                out[name] = format_partial_date(value, row.get(precision_column))
                break
            if key == precision_column:
                break
        else:
            out[key] = value
    return out


def csv_value(value: Any) -> str:
    """One cell: integers plain, whole floats without '.0', booleans true/false, NULL empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def table_columns(connection: Connection, table: str) -> list[str]:
    """The exported columns of a table, whether or not it has rows."""
    query = EXPORT_QUERIES[table]()
    row = _with_partial_dates({column.name: None for column in query.selected_columns})
    columns = list(row)
    if table in ("companies", "products"):
        columns.append("categories")
    elif table == "claims":
        columns.append("companies")
    elif table == "citations":
        columns.append("subject")
    return columns


def export_csv(
    engine: Engine,
    out_dir: Path,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Write one UTF-8 CSV per table into ``out_dir``; returns rows written per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    with engine.connect() as connection:
        for table in EXPORT_QUERIES:
            path = out_dir / f"{table}.csv"
            columns = table_columns(connection, table)
            count = 0
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                for row in export_rows(connection, table):
                    writer.writerow([csv_value(row.get(column)) for column in columns])
                    count += 1
            written[path.name] = count
            if progress:
                progress(path.name, count)
    return written
