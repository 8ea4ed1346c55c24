"""Whole tables out as rows that name what they refer to: CSV or JSON, a folder or a zip.

Each table's rows carry the referred name beside every id (a funding round names its company,
a citation its source and its subject). Partial dates are written at their precision
(``2020-06``, ``2015-Q4``, ``2019``), money as plain integers, nothing is truncated. Every
export carries ``manifest.json``: tables, row counts, schema revision, export time, profile
and the sources the data cites.
"""

import datetime as dt
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, Select, case, literal, select
from sqlalchemy.orm import aliased

from landscape import models as m
from landscape.dates import format_partial_date
from landscape.exchange.formats import UTF8_BOM, Profile, cell, write_csv

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
            parent.name.label("parent"), c.crunchbase_url, c.logo, c.extra, c.created_at,
            c.updated_at,
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
            p.launched_precision, p.homepage, p.description, p.repo_url, p.logo, p.extra,
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


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


MANIFEST_NAME = "manifest.json"
ARCHIVE_NAME = "landscape-export.zip"

# Columns computed from other tables, by table: written after the table's own columns.
_DERIVED_COLUMNS = {
    "companies": ["categories"],
    "products": ["categories"],
    "claims": ["companies"],
    "events": ["funding_round"],
    "citations": ["subject"],
}


# ---------------------------------------------------------------- names of things


def funding_round_names(connection: Connection) -> dict[int, str]:
    """A readable name for every funding round: ``OpenAI corporate_round 2019``."""
    names = {}
    for row in connection.execute(_funding_rounds()).mappings():
        when = format_partial_date(row["announced_on"], row["announced_precision"])
        names[row["id"]] = f"{row['company']} {row['round_type']} {when}".strip()
    return names


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
    for row_id, name in funding_round_names(connection).items():
        names[("funding_rounds", row_id)] = name
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
    return {key: LIST_SEPARATOR.join(values) for key, values in joined.items()}


LIST_SEPARATOR = "; "


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
    rounds = funding_round_names(connection) if table == "events" else {}
    names = subject_names(connection) if table == "citations" else {}
    for raw in connection.execute(EXPORT_QUERIES[table]()).mappings():
        row = _with_partial_dates(dict(raw))
        for column, values in extra.items():
            row[column] = values.get(row["id"], "")
        if table == "events":
            row["funding_round"] = rounds.get(row["funding_round_id"], "")
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
    """One raw cell: integers plain, whole floats without '.0', booleans true/false, NULL empty."""
    return cell(value, Profile.raw)


def table_columns(table: str) -> list[str]:
    """The exported columns of a table, whether or not it has rows."""
    query = EXPORT_QUERIES[table]()
    row = _with_partial_dates({column.name: None for column in query.selected_columns})
    return list(row) + _DERIVED_COLUMNS.get(table, [])


# ---------------------------------------------------------------- files


@dataclass
class Manifest:
    """What an export holds; written beside the tables as ``manifest.json``."""

    format: str
    profile: str
    bom: bool
    exported_at: str
    schema_revision: str | None
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(table["rows"] for table in self.tables.values())

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2) + "\n"


def table_bytes(
    connection: Connection,
    table: str,
    fmt: ExportFormat = ExportFormat.csv,
    profile: Profile = Profile.spreadsheet,
    bom: bool = False,
) -> tuple[bytes, int]:
    """One table as file content (UTF-8) and its row count."""
    columns = table_columns(table)
    rows = export_rows(connection, table)
    if fmt is ExportFormat.json:
        records = [{column: row.get(column) for column in columns} for row in rows]
        text = json.dumps(records, ensure_ascii=False, indent=1, default=_json_default)
        return (text + "\n").encode("utf-8"), len(records)
    buffer = io.StringIO()
    if bom:
        buffer.write(UTF8_BOM)
    count = write_csv(buffer, columns, ([row.get(c) for c in columns] for row in rows), profile)
    return buffer.getvalue().encode("utf-8"), count


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def export_files(
    engine: Engine,
    fmt: ExportFormat = ExportFormat.csv,
    profile: Profile = Profile.spreadsheet,
    bom: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> Iterator[tuple[str, bytes]]:
    """(file name, content) for every table, then ``manifest.json``."""
    with engine.connect() as connection:
        manifest = Manifest(
            format=fmt.value,
            profile=profile.value if fmt is ExportFormat.csv else Profile.raw.value,
            bom=bom and fmt is ExportFormat.csv,
            exported_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            schema_revision=MigrationContext.configure(connection).get_current_revision(),
            sources=[
                {"id": r.id, "title": r.title, "url": r.url}
                for r in connection.execute(select(m.Source.id, m.Source.title, m.Source.url))
            ],
        )
        for table in EXPORT_QUERIES:
            name = f"{table}.{fmt.value}"
            content, count = table_bytes(connection, table, fmt, profile, bom)
            manifest.tables[table] = {"file": name, "rows": count, "columns": table_columns(table)}
            if progress:
                progress(name, count)
            yield name, content
    yield MANIFEST_NAME, manifest.to_json().encode("utf-8")


def export_to_folder(engine: Engine, out_dir: Path, **options: Any) -> Manifest:
    """Write every table and ``manifest.json`` into ``out_dir``; returns the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in export_files(engine, **options):
        (out_dir / name).write_bytes(content)
    return read_manifest((out_dir / MANIFEST_NAME).read_bytes())


def export_zip(engine: Engine, **options: Any) -> bytes:
    """Every table and ``manifest.json`` in one zip archive, as bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in export_files(engine, **options):
            archive.writestr(name, content)
    return buffer.getvalue()


def read_manifest(content: bytes) -> Manifest:
    """A manifest read back from its JSON."""
    return Manifest(**json.loads(content.decode("utf-8")))


def export_csv(
    engine: Engine, out_dir: Path, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Write one UTF-8 CSV per table (spreadsheet profile); returns rows written per file."""
    manifest = export_to_folder(engine, out_dir, progress=progress)
    return {table["file"]: table["rows"] for table in manifest.tables.values()}
