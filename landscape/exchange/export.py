"""Whole tables out as rows that name what they refer to: CSV or JSON, a folder or a zip.

Each table's rows carry the referred name beside every id (a funding round names its company,
a citation its source and its subject). Partial dates are written at their precision
(``2020-06``, ``2015-Q4``, ``2019``), money as plain integers, nothing is truncated. Every
export carries ``manifest.json``: tables, row counts, schema revision, export time, profile
and the sources the data cites.

Exports stream: rows are read ``CHUNK_ROWS`` at a time, the names they refer to are looked up
for that chunk only, and each file is written as its rows arrive (into the folder, or into the
zip entry), so memory stays bounded however large the tables are.
"""

import csv
import datetime as dt
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    Boolean,
    Connection,
    Engine,
    Integer,
    Select,
    String,
    Table,
    TypeDecorator,
    case,
    func,
    literal,
    select,
)
from sqlmodel import SQLModel

from landscape import models as m
from landscape import registry
from landscape.dates import format_partial_date
from landscape.db import revision_of
from landscape.exchange.formats import FORMULA_TRIGGERS, UTF8_BOM, Profile, cell, neutralize

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


def _link_names(connection: Connection, link: registry.Link) -> Iterator[tuple[int, str]]:
    """(owner id, '; '-joined names of the rows linked to it in id order), by owner id,
    streamed: merged with the owner's rows, which come by id too (``_NamesInOrder``)."""
    table = registry.record_of(link.model).sql_table
    named = registry.record(link.linked).sql_table
    owner = table.c[link.owner_column]
    statement = (
        select(owner, named.c.name)
        .join(named, named.c.id == table.c[link.linked_column])
        .order_by(owner, named.c.id)
        .execution_options(yield_per=CHUNK_ROWS)
    )
    for owner_id, names in groupby(connection.execute(statement), key=itemgetter(0)):
        yield owner_id, LIST_SEPARATOR.join(name for _, name in names)


class _NamesInOrder:
    """Names from a stream sorted by id, taken a chunk of ascending ids at a time."""

    def __init__(self, pairs: Iterator[tuple[int, str]]) -> None:
        self._pairs = pairs
        self._next = next(pairs, None)

    def up_to(self, last: int) -> dict[int, str]:
        """The names of the ids up to ``last`` not taken yet."""
        taken = {}
        while self._next is not None and self._next[0] <= last:
            taken[self._next[0]] = self._next[1]
            self._next = next(self._pairs, None)
        return taken


LIST_SEPARATOR = "; "
CHUNK_ROWS = 2000  # rows read, named and written at a time: bounds an export's memory


# ---------------------------------------------------------------- rows


def export_rows(connection: Connection, table: str) -> Iterator[Row]:
    """The rows of one exported table, dates at their precision, names beside ids."""
    columns = table_columns(table)
    for chunk in _row_chunks(connection, table):
        for values in chunk:
            yield dict(zip(columns, values, strict=True))


def _row_chunks(connection: Connection, table: str) -> Iterator[list[list[Any]]]:
    """The values of ``export_rows`` in ``table_columns`` order, ``CHUNK_ROWS`` rows at a
    time, the names each chunk refers to looked up at once."""
    query = EXPORT_QUERIES[table]()
    plan = _partial_date_plan(query)
    position = {name: at for at, (name, _, _) in enumerate(plan)}
    pick = itemgetter(*[index for _, index, _ in plan])
    dates = [
        (at, index, precision)
        for at, (_, index, precision) in enumerate(plan)
        if precision is not None
    ]
    links = [
        _NamesInOrder(_link_names(connection, link))
        for link in registry.links()
        if registry.record(link.owner).stem == table
    ]
    result = connection.execute(query.execution_options(yield_per=CHUNK_ROWS))
    for raw_rows in result.partitions():
        rows = [list(pick(raw)) for raw in raw_rows]
        for raw, row in zip(raw_rows, rows, strict=True):
            for at, index, precision in dates:
                row[at] = format_partial_date(raw[index], raw[precision])
        for names in links:  # rows come by id
            _add_names(rows, position["id"], names.up_to(rows[-1][position["id"]]))
        if table == "events":
            at = position["funding_round_id"]
            _add_names(rows, at, registry.row_names(connection, "funding_rounds", _ids(rows, at)))
        if table == "citations":
            _add_subject_names(connection, rows, position["subject_table"], position["subject_id"])
        yield rows


def _ids(rows: list[list[Any]], at: int) -> set[int]:
    return {row[at] for row in rows if row[at] is not None}


def _add_names(rows: list[list[Any]], at: int, names: dict[int, str]) -> None:
    """Append to each row the name of the row its value at ``at`` refers to ('' if none)."""
    for row in rows:
        row.append(names.get(row[at], ""))


def _add_subject_names(connection: Connection, rows: list[list[Any]], at: int, id_at: int) -> None:
    """Append to each citation the name of the row it supports (its table at ``at``, its id
    at ``id_at``), one query per table the chunk cites."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        if row[at] is not None:
            wanted[row[at]].add(row[id_at])
    names = {
        (table, row_id): name
        for table, ids in wanted.items()
        for row_id, name in registry.row_names(connection, table, ids).items()
    }
    for row in rows:
        row.append(names.get((row[at], row[id_at]), ""))


# (exported name, index of the value, index of its date precision or None), in file order
DatePlan = list[tuple[str, int, int | None]]


def _partial_date_plan(query: Select[Any]) -> DatePlan:
    """Where each exported column of ``query`` comes from: a partial date takes its column
    and its precision column and is written under one name; a precision column goes."""
    names = [column.name for column in query.selected_columns]
    dates = {date: (precision, name) for date, precision, name in _PARTIAL_DATES}
    precisions = {precision for _, precision, _ in _PARTIAL_DATES}
    plan: DatePlan = []
    for index, name in enumerate(names):
        if name in dates:
            precision, exported = dates[name]
            plan.append((exported, index, names.index(precision)))  # a date needs its precision
        elif name not in precisions:
            plan.append((name, index, None))
    return plan


def _cell_kinds(table: str) -> tuple[list[int], list[int]]:
    """Positions (in ``table_columns``) of the text columns, whose cells the spreadsheet
    profile may defuse, and of the columns whose values need ``cell`` (booleans, floats,
    times, JSON); integers and NULLs the CSV writer already writes as ``cell`` would."""
    query = EXPORT_QUERIES[table]()
    plan = _partial_date_plan(query)
    text, other = [], []
    for at, (_, index, precision) in enumerate(plan):
        kind = query.selected_columns[index].type
        if isinstance(kind, TypeDecorator):  # SQLModel's AutoString is a String
            kind = kind.impl_instance
        if precision is not None or isinstance(kind, String):
            text.append(at)
        elif not isinstance(kind, Integer) or isinstance(kind, Boolean):
            other.append(at)
    derived = range(len(plan), len(table_columns(table)))  # names: text
    return text + list(derived), other


def _to_cells(rows: list[list[Any]], kinds: tuple[list[int], list[int]], profile: Profile) -> None:
    """Turn raw values into CSV cells in place, as ``cell`` would, touching only the columns
    that need it (the hot loop of an export)."""
    text, other = kinds
    for at in other:
        for row in rows:
            row[at] = cell(row[at], profile)
    if profile is not Profile.spreadsheet:
        return
    for at in text:
        for row in rows:
            value = row[at]
            if value.__class__ is str and value[:1] in _MAY_NEED_PREFIX:
                row[at] = neutralize(value)
            elif value is not None and value.__class__ is not str:
                row[at] = cell(value, profile)


# The first characters of a text cell that ``neutralize`` may change.
_MAY_NEED_PREFIX = frozenset(FORMULA_TRIGGERS + "'")


def csv_value(value: Any) -> str:
    """One raw cell: integers plain, whole floats without '.0', booleans true/false, NULL empty."""
    return cell(value, Profile.raw)


def table_columns(table: str) -> list[str]:
    """The exported columns of a table, whether or not it has rows."""
    plan = _partial_date_plan(EXPORT_QUERIES[table]())
    return [name for name, _, _ in plan] + _DERIVED_COLUMNS.get(table, [])


def table_size(connection: Connection, table: str) -> int:
    """How many rows an export of ``table`` (a file stem) holds: one per row of its table."""
    sql_table = registry.by_stem()[table].sql_table
    return int(connection.execute(select(func.count()).select_from(sql_table)).scalar_one())


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


# (file name, rows written so far, rows in the table): called after every chunk
Progress = Callable[[str, int, int], None]


def write_table(
    connection: Connection,
    table: str,
    handle: IO[str],
    fmt: ExportFormat = ExportFormat.csv,
    profile: Profile = Profile.spreadsheet,
    bom: bool = False,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write one table to ``handle`` as it is read; returns its row count. ``progress`` gets
    the rows written so far after each chunk."""
    columns = table_columns(table)
    chunks = _row_chunks(connection, table)
    if fmt is ExportFormat.json:
        return _write_json(handle, columns, chunks, progress)
    if bom:
        handle.write(UTF8_BOM)
    writer = csv.writer(handle)
    writer.writerow(columns)
    kinds = _cell_kinds(table)
    count = 0
    for rows in chunks:
        _to_cells(rows, kinds, profile)
        writer.writerows(rows)
        count += len(rows)
        if progress:
            progress(count)
    return count


def _write_json(
    handle: IO[str],
    columns: list[str],
    chunks: Iterator[list[list[Any]]],
    progress: Callable[[int], None] | None,
) -> int:
    """A JSON array of one object per row, laid out as ``json.dumps(..., indent=1)`` would."""
    count = 0
    for values in chunks:
        for row in values:
            record = json.dumps(
                dict(zip(columns, row, strict=True)),
                ensure_ascii=False,
                indent=1,
                default=_json_default,
            )
            handle.write(("[\n " if count == 0 else ",\n ") + record.replace("\n", "\n "))
            count += 1
        if progress:
            progress(count)
    handle.write("\n]\n" if count else "[]\n")
    return count


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# Opens a file of the export by name, for writing text.
Opener = Callable[[str], AbstractContextManager[IO[str]]]


def write_export(
    engine: Engine,
    open_file: Opener,
    fmt: ExportFormat = ExportFormat.csv,
    profile: Profile = Profile.spreadsheet,
    bom: bool = False,
    progress: Progress | None = None,
) -> Manifest:
    """Write every table, then ``manifest.json``, each through ``open_file``; returns the
    manifest."""
    with engine.connect() as connection:
        manifest = Manifest(
            format=fmt.value,
            profile=profile.value if fmt is ExportFormat.csv else Profile.raw.value,
            bom=bom and fmt is ExportFormat.csv,
            exported_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            schema_revision=revision_of(connection),
            sources=[
                {"id": r.id, "title": r.title, "url": r.url}
                for r in connection.execute(select(*_table(m.Source).c["id", "title", "url"]))
            ],
        )
        for table in EXPORT_QUERIES:
            name = f"{table}.{fmt.value}"
            step = _progress_of(progress, name, table_size(connection, table)) if progress else None
            with open_file(name) as handle:
                count = write_table(connection, table, handle, fmt, profile, bom, step)
            manifest.tables[table] = {"file": name, "rows": count, "columns": table_columns(table)}
    with open_file(MANIFEST_NAME) as handle:
        handle.write(manifest.to_json())
    return manifest


def _progress_of(progress: Progress, name: str, total: int) -> Callable[[int], None]:
    """``progress`` for one file: told the rows done so far, starting at 0."""

    def step(done: int) -> None:
        progress(name, done, total)

    step(0)
    return step


def export_to_folder(engine: Engine, out_dir: Path, **options: Any) -> Manifest:
    """Write every table and ``manifest.json`` into ``out_dir``; returns the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)

    def open_file(name: str) -> IO[str]:
        return (out_dir / name).open("w", encoding="utf-8", newline="")

    return write_export(engine, open_file, **options)


def write_zip(engine: Engine, target: Path | IO[bytes], **options: Any) -> Manifest:
    """Every table and ``manifest.json`` into one zip archive (a path or a binary file),
    each entry written as its rows are read; returns the manifest."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:

        def open_file(name: str) -> IO[str]:
            entry = archive.open(name, "w", force_zip64=True)
            return io.TextIOWrapper(entry, encoding="utf-8", newline="")

        return write_export(engine, open_file, **options)


def export_zip(engine: Engine, **options: Any) -> bytes:
    """Every table and ``manifest.json`` in one zip archive, as bytes (for a download)."""
    buffer = io.BytesIO()
    write_zip(engine, buffer, **options)
    return buffer.getvalue()


def read_manifest(content: bytes) -> Manifest:
    """A manifest read back from its JSON."""
    return Manifest(**json.loads(content.decode("utf-8")))


def export_csv(engine: Engine, out_dir: Path, progress: Progress | None = None) -> dict[str, int]:
    """Write one UTF-8 CSV per table (spreadsheet profile); returns rows written per file."""
    manifest = export_to_folder(engine, out_dir, progress=progress)
    return {table["file"]: table["rows"] for table in manifest.tables.values()}
