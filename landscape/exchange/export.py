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
from functools import partial
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


# Each table's own columns in file order (the export's format: keep it). A reference to a row
# that has a name is followed by that name: ``parent_id`` by ``parent``, ``developer_id`` by
# ``developer``.
_COLUMNS: dict[type[SQLModel], str] = {
    m.Source: "id title url publisher author published_on published_precision language kind"
    " locator",
    m.Category: "id name label_zh description parent_id position",
    m.Company: "id name kind description homepage founded_on founded_precision hq_city"
    " hq_country status thesis_role parent_id crunchbase_url logo extra created_at updated_at",
    m.Person: "id name name_zh handle title company_id description",
    m.Product: "id name company_id launched_on launched_precision homepage description repo_url"
    " logo extra",
    m.FundingRound: "id company_id announced_on announced_precision round_type status amount"
    " currency amount_usd pre_money_usd post_money_usd description",
    m.AIModel: "id name developer_id released_on released_precision status modality parent_id"
    " open_weights description",
    m.ModelPrice: "id model_id label price currency unit as_of as_of_precision",
    m.ModelUse: "id model_id company_id product_id how description",
    m.Metric: "id company_id product_id model_id name label value value_high unit approximate"
    " as_of as_of_precision description",
    m.Event: "id occurred_on occurred_precision kind title description expected company_id"
    " product_id model_id funding_round_id",
    m.Claim: "id statement summary_en topic stance speaker person_id",
}


def _named_columns(model: type[SQLModel]) -> Select[Any]:
    """The table's ``_COLUMNS``, each reference followed by the name of the row it points at
    (joined; an outer join where the reference may be empty), by id."""
    table = _table(model)
    selected: list[Any] = []
    joins: list[tuple[Any, Any, bool]] = []
    for name in _COLUMNS[model].split():
        column = table.c[name]
        selected.append(column)
        target = _named_target(column)
        if target is not None:
            label = name.removesuffix("_id")
            alias = target.alias(label)
            selected.append(alias.c.name.label(label))
            joins.append((alias, alias.c.id == column, bool(column.nullable)))
    query = select(*selected).select_from(table)
    for alias, on, outer in joins:
        query = query.join(alias, on, isouter=outer)
    return query.order_by(table.c.id)


def _named_target(column: Any) -> Table | None:
    """The table ``column`` refers to, when its rows have a name; else None."""
    for key in column.foreign_keys:
        target: Table = key.column.table
        if "name" in target.c:
            return target
    return None


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
    str(model.__tablename__): partial(_named_columns, model) for model in _COLUMNS
} | {"investments": _investments, "citations": _citations}

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
