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
from sqlalchemy import Connection, Engine, Select, Table, case, literal, select
from sqlmodel import SQLModel

from landscape import models as m
from landscape import registry
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


def _table(model: type[SQLModel]) -> Table:
    return registry.record_of(model).sql_table


def _companies() -> Select[Any]:
    c = _table(m.Company)
    parent = c.alias("parent")
    return (
        select(
            c.c.id, c.c.name, c.c.kind, c.c.description, c.c.homepage, c.c.founded_on,
            c.c.founded_precision, c.c.hq_city, c.c.hq_country, c.c.status, c.c.thesis_role,
            c.c.parent_id, parent.c.name.label("parent"), c.c.crunchbase_url, c.c.logo,
            c.c.extra, c.c.created_at, c.c.updated_at,
        )
        .outerjoin(parent, parent.c.id == c.c.parent_id)
        .order_by(c.c.id)
    )  # fmt: skip


def _categories() -> Select[Any]:
    c = _table(m.Category)
    parent = c.alias("parent")
    return (
        select(
            c.c.id, c.c.name, c.c.label_zh, c.c.description, c.c.parent_id,
            parent.c.name.label("parent"), c.c.position,
        )
        .outerjoin(parent, parent.c.id == c.c.parent_id)
        .order_by(c.c.id)
    )  # fmt: skip


def _people() -> Select[Any]:
    p, company = _table(m.Person), _table(m.Company)
    return (
        select(
            p.c.id, p.c.name, p.c.name_zh, p.c.handle, p.c.title, p.c.company_id,
            company.c.name.label("company"), p.c.description,
        )
        .outerjoin(company, company.c.id == p.c.company_id)
        .order_by(p.c.id)
    )  # fmt: skip


def _products() -> Select[Any]:
    p, company = _table(m.Product), _table(m.Company)
    return (
        select(
            p.c.id, p.c.name, p.c.company_id, company.c.name.label("company"), p.c.launched_on,
            p.c.launched_precision, p.c.homepage, p.c.description, p.c.repo_url, p.c.logo,
            p.c.extra,
        )
        .join(company, company.c.id == p.c.company_id)
        .order_by(p.c.id)
    )  # fmt: skip


def _funding_rounds() -> Select[Any]:
    f, company = _table(m.FundingRound), _table(m.Company)
    return (
        select(
            f.c.id, f.c.company_id, company.c.name.label("company"), f.c.announced_on,
            f.c.announced_precision, f.c.round_type, f.c.status, f.c.amount, f.c.currency,
            f.c.amount_usd, f.c.pre_money_usd, f.c.post_money_usd, f.c.description,
        )
        .join(company, company.c.id == f.c.company_id)
        .order_by(f.c.id)
    )  # fmt: skip


def _investments() -> Select[Any]:
    i, f = _table(m.Investment), _table(m.FundingRound)
    investor, company = _table(m.Company).alias("investor"), _table(m.Company).alias("company")
    return (
        select(
            i.c.id, i.c.funding_round_id, f.c.company_id, company.c.name.label("company"),
            f.c.announced_on, f.c.announced_precision, f.c.round_type, i.c.investor_id,
            investor.c.name.label("investor"), i.c.is_lead,
        )
        .join(f, f.c.id == i.c.funding_round_id)
        .join(company, company.c.id == f.c.company_id)
        .join(investor, investor.c.id == i.c.investor_id)
        .order_by(i.c.id)
    )  # fmt: skip


def _models() -> Select[Any]:
    a, company = _table(m.AIModel), _table(m.Company)
    parent = a.alias("parent")
    return (
        select(
            a.c.id, a.c.name, a.c.developer_id, company.c.name.label("developer"),
            a.c.released_on, a.c.released_precision, a.c.status, a.c.modality, a.c.parent_id,
            parent.c.name.label("parent"), a.c.open_weights, a.c.description,
        )
        .outerjoin(company, company.c.id == a.c.developer_id)
        .outerjoin(parent, parent.c.id == a.c.parent_id)
        .order_by(a.c.id)
    )  # fmt: skip


def _model_prices() -> Select[Any]:
    p, model = _table(m.ModelPrice), _table(m.AIModel)
    return (
        select(
            p.c.id, p.c.model_id, model.c.name.label("model"), p.c.label, p.c.price,
            p.c.currency, p.c.unit, p.c.as_of, p.c.as_of_precision,
        )
        .join(model, model.c.id == p.c.model_id)
        .order_by(p.c.id)
    )  # fmt: skip


def _model_uses() -> Select[Any]:
    u, model = _table(m.ModelUse), _table(m.AIModel)
    company, product = _table(m.Company), _table(m.Product)
    return (
        select(
            u.c.id, u.c.model_id, model.c.name.label("model"), u.c.company_id,
            company.c.name.label("company"), u.c.product_id, product.c.name.label("product"),
            u.c.how, u.c.description,
        )
        .join(model, model.c.id == u.c.model_id)
        .outerjoin(company, company.c.id == u.c.company_id)
        .outerjoin(product, product.c.id == u.c.product_id)
        .order_by(u.c.id)
    )  # fmt: skip


def _metrics() -> Select[Any]:
    x, company = _table(m.Metric), _table(m.Company)
    product, model = _table(m.Product), _table(m.AIModel)
    return (
        select(
            x.c.id, x.c.company_id, company.c.name.label("company"), x.c.product_id,
            product.c.name.label("product"), x.c.model_id, model.c.name.label("model"),
            x.c.name, x.c.label, x.c.value, x.c.value_high, x.c.unit, x.c.approximate,
            x.c.as_of, x.c.as_of_precision, x.c.description,
        )
        .outerjoin(company, company.c.id == x.c.company_id)
        .outerjoin(product, product.c.id == x.c.product_id)
        .outerjoin(model, model.c.id == x.c.model_id)
        .order_by(x.c.id)
    )  # fmt: skip


def _events() -> Select[Any]:
    e, company = _table(m.Event), _table(m.Company)
    product, model = _table(m.Product), _table(m.AIModel)
    return (
        select(
            e.c.id, e.c.occurred_on, e.c.occurred_precision, e.c.kind, e.c.title,
            e.c.description, e.c.expected, e.c.company_id, company.c.name.label("company"),
            e.c.product_id, product.c.name.label("product"), e.c.model_id,
            model.c.name.label("model"), e.c.funding_round_id,
        )
        .outerjoin(company, company.c.id == e.c.company_id)
        .outerjoin(product, product.c.id == e.c.product_id)
        .outerjoin(model, model.c.id == e.c.model_id)
        .order_by(e.c.id)
    )  # fmt: skip


def _sources() -> Select[Any]:
    s = _table(m.Source)
    return select(
        s.c.id, s.c.title, s.c.url, s.c.publisher, s.c.author, s.c.published_on,
        s.c.published_precision, s.c.language, s.c.kind, s.c.locator,
    ).order_by(s.c.id)  # fmt: skip


def _claims() -> Select[Any]:
    c, person = _table(m.Claim), _table(m.Person)
    return (
        select(
            c.c.id, c.c.statement, c.c.summary_en, c.c.topic, c.c.stance, c.c.speaker,
            c.c.person_id, person.c.name.label("person"),
        )
        .outerjoin(person, person.c.id == c.c.person_id)
        .order_by(c.c.id)
    )  # fmt: skip


def citation_subject_columns() -> tuple[Any, Any]:
    """SQL expressions naming a citation's subject table and id."""
    cit = _table(m.Citation)
    citable = registry.citable()
    table = case(
        *[
            (cit.c[r.citation_column].is_not(None), literal(t))
            for t, r in citable.items()
            if r.citation_column
        ]
    )
    subject_id = case(
        *[
            (cit.c[r.citation_column].is_not(None), cit.c[r.citation_column])
            for r in citable.values()
            if r.citation_column
        ]
    )
    return table.label("subject_table"), subject_id.label("subject_id")


def _citations() -> Select[Any]:
    cit, source = _table(m.Citation), _table(m.Source)
    subject_table, subject_id = citation_subject_columns()
    return (
        select(
            cit.c.id, cit.c.source_id, source.c.title.label("source"),
            source.c.url.label("source_url"), subject_table, subject_id, cit.c.quote,
            cit.c.quote_language, cit.c.note, cit.c.paraphrase, cit.c.stated,
        )
        .join(source, source.c.id == cit.c.source_id)
        .order_by(cit.c.id)
    )  # fmt: skip


# Each exported table's query (its own columns, with the names of what they refer to).
_QUERIES: dict[str, Callable[[], Select[Any]]] = {
    "sources": _sources,
    "categories": _categories,
    "companies": _companies,
    "people": _people,
    "products": _products,
    "funding_rounds": _funding_rounds,
    "investments": _investments,
    "ai_models": _models,
    "model_prices": _model_prices,
    "model_uses": _model_uses,
    "metrics": _metrics,
    "events": _events,
    "claims": _claims,
    "citations": _citations,
}

# File stem → query, in the registry's order: the order a reader (and an importer) needs.
EXPORT_QUERIES: dict[str, Callable[[], Select[Any]]] = {
    stem: _QUERIES[record.table] for stem, record in registry.by_stem().items()
}


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


MANIFEST_NAME = "manifest.json"
ARCHIVE_NAME = "landscape-export.zip"

# Columns computed from other tables, by file stem: written after the table's own columns.
# A link table adds its owner a name-list column (a company's ``categories``).
_DERIVED_COLUMNS: dict[str, list[str]] = {"events": ["funding_round"], "citations": ["subject"]}
for _link in registry.links():
    _DERIVED_COLUMNS.setdefault(registry.record(_link.owner).stem or _link.owner, []).append(
        _link.column
    )


# ---------------------------------------------------------------- names of things


def funding_round_names(connection: Connection) -> dict[int, str]:
    """The registry's name of every funding round: ``OpenAI · corporate round · 2019``."""
    return registry.row_names(connection, "funding_rounds")


def subject_names(connection: Connection) -> dict[tuple[str, int], str]:
    """The registry's name of every citable row, keyed by (table, id)."""
    return registry.subject_names(connection)


def _link_names(connection: Connection, link: registry.Link) -> dict[int, str]:
    """owner id → '; '-joined names of the rows linked to it, in id order."""
    joined: dict[int, list[str]] = defaultdict(list)
    table = registry.record_of(link.model).sql_table
    named = registry.record(link.linked).sql_table
    owner = table.c[link.owner_column]
    statement = (
        select(owner, named.c.name)
        .join(named, named.c.id == table.c[link.linked_column])
        .order_by(owner, named.c.id)
    )
    for owner_id, name in connection.execute(statement):
        joined[owner_id].append(name)
    return {key: LIST_SEPARATOR.join(values) for key, values in joined.items()}


LIST_SEPARATOR = "; "


# ---------------------------------------------------------------- rows


def export_rows(connection: Connection, table: str) -> Iterator[Row]:
    """The rows of one exported table, dates at their precision, names beside ids."""
    extra: dict[str, dict[int, str]] = {}
    for link in registry.links():
        if registry.record(link.owner).stem == table:
            extra[link.column] = _link_names(connection, link)
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
                for r in connection.execute(select(*_table(m.Source).c["id", "title", "url"]))
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
