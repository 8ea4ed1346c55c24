"""The one importer of bulk writes: records of a table parsed, checked, resolved and written
inside one session. CSV and JSON files, a whole export (``csv_import``), a landscape.yml
(``landscape_yml``) and the seed (``landscape.seed``) all write through it, with its one
resolver of names to ids (``resolver``).

A record is the cells of one row as text, named by the export's columns (``tables.SPECS``);
each is parsed by ``columns``' parsers, its references resolved, checked across columns
(``Importer._check``), then found by its natural key (a duplicate: skipped, updated when
upserting, or its empty fields filled) or added. See ``csv_import`` for what an import promises.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import ColumnElement, Engine, and_, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, SQLModel

from landscape import models as m
from landscape import rules
from landscape.exchange.formats import Record
from landscape.exchange.provenance import Origin, cite_file, record_quote, uncited
from landscape.exchange.report import ImportReport, Outcome, Problem, Progress
from landscape.exchange.resolver import Refs, Resolver, int_or_none
from landscape.exchange.tables import LINKS, SPECS, UNIQUE_KEYS, TableSpec
from landscape.names import normalize_name

BATCH = 1000  # new rows written per executemany


class Abort(Exception):
    """The database refused a write: the import stops and rolls back."""


@dataclass
class Pending:
    """A new row waiting for its batch's executemany."""

    record: Record
    values: dict[str, Any]
    file_id: int | None
    links: dict[str, list[int]]
    cells: dict[str, str]
    key: tuple[Any, ...]


@dataclass
class Batch:
    """New rows of one file, written together (``Importer._write_batch``)."""

    spec: TableSpec
    file_name: str
    rows: list[Pending] = field(default_factory=list)
    keys: set[tuple[Any, ...]] = field(default_factory=set)


class Importer:
    """Imports records table by table inside one session; the caller commits or rolls back."""

    def __init__(
        self,
        session: Session,
        *,
        upsert: bool = False,
        keep_ids: bool = False,
        report: ImportReport | None = None,
        progress: Progress | None = None,
        link_duplicates: bool = False,
    ) -> None:
        self.session = session
        self.link_duplicates = link_duplicates  # a duplicate's missing links are still added
        self.upsert = upsert
        self.keep_ids = keep_ids
        self.report = report or ImportReport(upsert=upsert)
        self.progress = progress
        self.resolver = Resolver(session)
        self.added: dict[tuple[str, int], int] = {}  # (table, row id) → record that added it
        self.origins: dict[str, list[Origin]] = defaultdict(list)  # file → rows it wrote
        self.linked: Counter[str] = Counter()  # link table → links added
        self.keys: dict[str, dict[tuple[Any, ...], int]] = {}  # table → natural key → row id

    @property
    def ids(self) -> dict[str, dict[int, int]]:
        """table → id in the file → row id, for the rows of this import."""
        return self.resolver.ids

    def added_by_table(self) -> Counter[str]:
        """How many rows each table gained, links included."""
        return Counter(table for table, _row_id in self.added) + self.linked

    # -- files

    def import_records(
        self, stem: str, columns: list[str], records: list[Record], file_name: str
    ) -> None:
        """Check and write one file's records (a table of ``SPECS``)."""
        spec = SPECS[stem]
        if not columns and not records:  # an empty JSON table names no columns
            return
        if not self._header_ok(spec, columns, file_name):
            return
        parents: list[tuple[Record, Any, str, str]] = []
        batch = Batch(spec, file_name)
        for done, record in enumerate(records, start=1):
            self._record(spec, record, file_name, parents, batch=batch)
            if len(batch.rows) >= BATCH:
                self._write_batch(batch, parents)
            if self.progress and (done % 200 == 0 or done == len(records)):
                self.progress(file_name, done, len(records))
        self._write_batch(batch, parents)
        self._resolve_parents(spec, parents, file_name)

    def _header_ok(self, spec: TableSpec, columns: list[str], file_name: str) -> bool:
        known = spec.known_columns()
        for name, count in Counter(columns).items():
            if count > 1:
                self._problem(file_name, None, 1, name, "the header names this column twice")
        unknown = [name for name in columns if name not in known]
        for name in unknown:
            self._problem(
                file_name, None, 1, name or "(empty)",
                f"unknown column for {spec.stem}; known: {', '.join(sorted(known))}",
            )  # fmt: skip
        for col in spec.columns:
            if col.required and col.name not in columns:
                self._problem(file_name, None, 1, col.name, "required column is missing")
        return not unknown and all(col.name in columns for col in spec.columns if col.required)

    # -- one record

    def import_one(
        self, stem: str, cells: dict[str, str], file_name: str, number: int, *, fill: bool = False
    ) -> tuple[Any, str]:
        """Check and write one record given as cells (no header check); its row and action
        (``error`` with no row when it was refused; the problems are in the report). With
        ``fill``, a duplicate's empty fields are filled from the record."""
        parents: list[tuple[Any, ...]] = []
        spec = SPECS[stem]
        record = Record(number, None, cells)  # type: ignore[arg-type]
        result = self._record(spec, record, file_name, parents, fill=fill)
        self._resolve_parents(spec, parents, file_name)
        return result

    def _record(
        self,
        spec: TableSpec,
        record: Record,
        file_name: str,
        parents: list[tuple[Any, ...]],
        *,
        fill: bool = False,
        batch: Batch | None = None,
    ) -> tuple[Any, str]:
        """Check one record, then write it: a new row of a ``batch`` waits for the batch's
        executemany (and returns no row); any other row is written at once."""
        cells = dict(record.values)
        errors: list[tuple[str | None, str]] = []
        values = self._parse(spec, cells, errors)
        links = self._resolve(spec, cells, values, errors)
        self._check(spec, values, errors)
        label = str(cells.get(spec.label) or "")[:80]
        if errors:
            for column, message in errors:
                self._problem(file_name, record.number, record.line, column, message)
            self._outcome(file_name, record, label, "error", errors[0][1])
            return None, "error"
        file_id = file_row_id(cells)
        if batch is not None and not fill:
            key = _key_tuple(spec, values)
            if key in batch.keys:  # a duplicate within the batch: write the batch first
                self._write_batch(batch, parents)
            if self._known(spec, key) is None:
                batch.rows.append(Pending(record, values, file_id, links, cells, key))
                batch.keys.add(key)
                self._outcome(file_name, record, label, "added", "")
                return None, "added"
        row, action, detail = self._write(spec, values, file_id, record, fill=fill)
        self.resolver.remember(spec.table, file_id, row.id)
        self._outcome(file_name, record, label, action, detail)
        if action == "duplicate":
            if self.link_duplicates:
                self._link(spec, row, links)
            return row, action
        if action in ("added", "updated"):
            where = f"{file_name} record {record.number}"
            where += f" (line {record.line})" if record.line is not None else ""
            self.origins[file_name].append(Origin(spec.table, row.id, record_quote(cells), where))
        self._link(spec, row, links)
        parent_column = _parent_column(spec)
        if parent_column and (cells.get("parent") or cells.get("parent_id")):
            parents.append((record, row, cells.get("parent", ""), cells.get("parent_id", "")))
        return row, action

    def _parse(
        self, spec: TableSpec, cells: dict[str, str], errors: list[tuple[str | None, str]]
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for col in spec.columns:
            if col.name not in cells:
                continue
            try:
                parsed = col.parse(cells[col.name])
            except ValueError as exc:
                errors.append((col.name, str(exc)))
                continue
            if col.required and parsed is None:
                errors.append((col.name, rules.REQUIRED))
            if col.date:
                on, precision = col.date
                values[on], values[precision] = (
                    (parsed[0], parsed[1].value) if parsed else (None,) * 2
                )
            else:
                values[col.attribute] = parsed
        return values

    def _check(
        self, spec: TableSpec, values: dict[str, Any], errors: list[tuple[str | None, str]]
    ) -> None:
        """The rule book's rules across the columns of a row (``rules.row_problems``)."""
        for attr, message in rules.row_problems(spec.table, values):
            errors.append((_column_of(spec, attr), message))

    # -- references

    def _resolve(
        self,
        spec: TableSpec,
        cells: dict[str, str],
        values: dict[str, Any],
        errors: list[tuple[str | None, str]],
    ) -> dict[str, list[int]]:
        """Set the row's reference ids in ``values``; returns the ids of its name-list links."""
        ref = Refs(self.resolver, cells, errors)
        stem = spec.stem
        if stem == "people":
            values["company_id"] = ref.named("company_id", "company", m.Company)
        elif stem in ("products", "funding_rounds"):
            values["company_id"] = ref.named("company_id", "company", m.Company, required=True)
        elif stem == "investments":
            values["funding_round_id"] = ref.funding_round_of_investment()
            values["investor_id"] = ref.named("investor_id", "investor", m.Company, required=True)
        elif stem == "models":
            values["developer_id"] = ref.named("developer_id", "developer", m.Company)
        elif stem == "model_prices":
            values["model_id"] = ref.named("model_id", "model", m.AIModel, required=True)
        elif stem in ("model_uses", "metrics", "events"):
            values["company_id"] = ref.named("company_id", "company", m.Company)
            values["product_id"] = ref.product(values["company_id"])
            if stem == "model_uses":
                values["model_id"] = ref.named("model_id", "model", m.AIModel, required=True)
                if values["company_id"] is None and values["product_id"] is None:
                    errors.append(("company", "needs a company or a product"))
            else:
                values["model_id"] = ref.named("model_id", "model", m.AIModel)
            if stem == "metrics" and not any(
                values[k] for k in ("company_id", "product_id", "model_id")
            ):
                errors.append(("company", "needs a company, a product or a model"))
            if stem == "events":
                values["funding_round_id"] = ref.labelled(
                    "funding_round_id", "funding_round", "funding_rounds"
                )
        elif stem == "claims":
            values["person_id"] = ref.named("person_id", "person", m.Person)
        elif stem == "citations":
            values["source_id"] = ref.source()
            column, subject_id = ref.subject()
            if column:
                values[column] = subject_id
        return {
            column: ref.name_list(column, LINKS[(stem, column)].named)
            for column in spec.links
            if column in cells
        }

    # -- writing

    def _write(
        self,
        spec: TableSpec,
        values: dict[str, Any],
        file_id: int | None,
        record: Record,
        *,
        fill: bool = False,
    ) -> tuple[Any, str, str]:
        """Insert the row, or find its duplicate (and update it when upserting, or fill its
        empty fields with ``fill``)."""
        key = _natural_key(spec, values)
        existing = None
        if not self.keep_ids or spec.stem in UNIQUE_KEYS:
            existing = self._find(spec.model, key)
        if existing is not None and fill:
            empty = {a: v for a, v in values.items() if getattr(existing, a, None) is None}
            changed = self._update(spec, existing, empty)
            self.keys.pop(spec.table, None)
            self.resolver.changed(names=True)
            return existing, ("updated" if changed else "duplicate"), ", ".join(changed)
        if existing is not None:
            earlier = self.added.get((spec.table, existing.id))
            if earlier is not None:
                return existing, "duplicate", f"same as record {earlier} of this import"
            if not self.upsert:
                return existing, "duplicate", "already in the database (skipped)"
            changed = self._update(spec, existing, values)
            self.keys.pop(spec.table, None)  # the natural key may have changed
            self.resolver.changed(names=True)
            return existing, ("updated" if changed else "unchanged"), ", ".join(changed)
        row = spec.model(**_insertable(spec, values))
        if self.keep_ids and file_id is not None:
            row.id = file_id
        self.session.add(row)
        self._flush(record)
        self.added[(spec.table, row.id)] = record.number  # type: ignore[attr-defined]
        self.resolver.changed()
        self.keys.pop(spec.table, None)  # rebuilt when next needed
        return row, "added", ""

    # -- writing in batches

    def _known(self, spec: TableSpec, key: tuple[Any, ...]) -> int | None:
        """The row with this natural key, from one query per table (kept up to date by the
        batches); None where a restore does not look (``_write``)."""
        if self.keep_ids and spec.stem not in UNIQUE_KEYS:
            return None
        if spec.table not in self.keys:
            columns = [getattr(spec.model, attr) for attr in _key_columns(spec)]
            statement = select(spec.model.id, *columns)  # type: ignore[attr-defined]
            self.keys[spec.table] = {
                tuple(found): row_id for row_id, *found in self.session.execute(statement)
            }
        return self.keys[spec.table].get(key)

    def _write_batch(self, batch: Batch, parents: list[tuple[Any, ...]]) -> None:
        """Insert the batch's rows with one executemany, then do what each new row needs:
        remember its id, note its origin, add its links, queue its parent."""
        if not batch.rows:
            return
        spec = batch.spec
        ids = self._insert_rows(spec, batch.rows)
        keys = self.keys.get(spec.table)
        links: dict[Any, list[dict[str, int]]] = defaultdict(list)
        for pending, row_id in zip(batch.rows, ids, strict=True):
            record, cells = pending.record, pending.cells
            self.resolver.remember(spec.table, pending.file_id, row_id)
            self.added[(spec.table, row_id)] = record.number
            if keys is not None:
                keys[pending.key] = row_id
            where = f"{batch.file_name} record {record.number}"
            where += f" (line {record.line})" if record.line is not None else ""
            quote = record_quote(cells)
            self.origins[batch.file_name].append(Origin(spec.table, row_id, quote, where))
            for column, other_ids in pending.links.items():
                link = LINKS[(spec.stem, column)]
                for other_id in dict.fromkeys(other_ids):
                    links[link.model].append({link.owner: row_id, link.other: other_id})
            if _parent_column(spec) and (cells.get("parent") or cells.get("parent_id")):
                parents.append(
                    (record, row_id, cells.get("parent", ""), cells.get("parent_id", ""))
                )
        for model, rows in links.items():
            self._execute(insert(model.__table__), rows, batch.rows[0].record)
            self.linked[str(model.__tablename__)] += len(rows)
        self.resolver.changed()
        batch.rows.clear()
        batch.keys.clear()

    def _insert_rows(self, spec: TableSpec, pending: list[Pending]) -> list[int]:
        """Insert new rows (the model's defaults for what a record leaves out); their ids."""
        table = spec.model.__table__  # type: ignore[attr-defined]
        defaults = _defaults(spec.model)
        rows = []
        for row in pending:
            values = defaults | _insertable(spec, row.values)
            values |= {k: v for k, v in zip(_key_columns(spec), row.key, strict=True)
                       if k in ("name_key", "url_key")}  # fmt: skip
            if self.keep_ids and row.file_id is not None:
                values["id"] = row.file_id
            rows.append(values)
        columns = set().union(*rows)
        rows = [{column: values.get(column) for column in columns} for values in rows]
        first = pending[0].record
        if "id" in columns:
            self._execute(insert(table), rows, first)
            return [int(values["id"]) for values in rows]
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [int(i) for i in self._execute(statement, rows, first).scalars()]

    def _execute(self, statement: Any, rows: list[dict[str, Any]], first: Record) -> Any:
        try:
            return self.session.execute(statement, rows)
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise Abort(
                f"the database refused a batch from record {first.number}: {reason}"
            ) from None

    def _find(self, model: type[SQLModel], key: dict[str, Any]) -> Any:
        conditions: list[ColumnElement[bool]] = []
        for attr, value in key.items():
            column = getattr(model, attr)
            conditions.append(column.is_(None) if value is None else column == value)
        return self.session.execute(select(model).where(and_(*conditions))).scalars().first()

    def _update(self, spec: TableSpec, row: Any, values: dict[str, Any]) -> list[str]:
        table = spec.model.__table__  # type: ignore[attr-defined]
        changed = []
        for attr, value in values.items():
            if attr in ("created_at", "updated_at"):
                continue
            if value is None and not table.c[attr].nullable:
                continue
            if getattr(row, attr) != value:
                setattr(row, attr, value)
                changed.append(_column_of(spec, attr) or attr)
        self._flush(None)
        return sorted(set(changed))

    def _flush(self, record: Record | None) -> None:
        try:
            self.session.flush()
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            where = f"record {record.number}" if record else "an update"
            raise Abort(f"the database refused {where}: {reason}") from None

    def link(self, stem: str, row: Any, column: str, ids: list[int]) -> None:
        """Link ``row`` of ``stem`` to the rows ``ids`` of its name-list ``column``, adding only
        the missing links."""
        self._link(SPECS[stem], row, {column: ids})

    def _link(self, spec: TableSpec, row: Any, links: dict[str, list[int]]) -> None:
        for column, ids in links.items():
            link = LINKS[(spec.stem, column)]
            for other_id in ids:
                key = {link.owner: row.id, link.other: other_id}
                if self._find(link.model, key) is None:
                    self.session.add(link.model(**key))
                    self.linked[str(link.model.__tablename__)] += 1
        if links:
            self._flush(None)

    def _resolve_parents(
        self, spec: TableSpec, parents: list[tuple[Any, ...]], file_name: str
    ) -> None:
        """Set parents once the whole file is in, so a parent may come after its child."""
        for record, found, name, raw_id in parents:
            row: Any = self.session.get(spec.model, found) if isinstance(found, int) else found
            parent_id = self.resolver.batch(spec.table, raw_id)
            if parent_id is None and name:
                parent_id = self.resolver.by_name(spec.model, name)
            if parent_id is None:
                what = f"no {spec.stem} row named {name!r}" if name else (
                    f"parent_id {raw_id} is not in this import; name the parent"
                )  # fmt: skip
                self._problem(file_name, record.number, record.line, "parent", what)
                continue
            if parent_id == row.id:
                self._problem(file_name, record.number, record.line, "parent", "is the row itself")
                continue
            if row.parent_id != parent_id:
                stamp = getattr(row, "updated_at", None)
                row.parent_id = parent_id
                if stamp is not None and (spec.table, row.id) in self.added:
                    row.updated_at = stamp  # completing a new row is not an update
                    flag_modified(row, "updated_at")
        self._flush(None)

    # -- report helpers

    def _problem(
        self, file: str, record: int | None, line: int | None, column: str | None, message: str
    ) -> None:
        self.report.problems.append(Problem(file, record, line, column, message))

    def _outcome(self, file: str, record: Record, name: str, action: str, detail: str) -> None:
        self.report.outcomes.append(Outcome(file, record.number, record.line, name, action, detail))


# ---------------------------------------------------------------- helpers


def file_row_id(cells: dict[str, str]) -> int | None:
    return int_or_none(cells.get("id", ""))


def _parent_column(spec: TableSpec) -> str | None:
    return "parent_id" if "parent" in spec.refs else None


def _column_of(spec: TableSpec, attr: str | None) -> str | None:
    """The CSV column that fills a model attribute."""
    for col in spec.columns:
        if col.attribute == attr or (col.date and attr in col.date):
            return col.name
    return attr


@cache
def _key_columns(spec: TableSpec) -> tuple[str, ...]:
    """The natural key's columns, in the order of ``_key_tuple``."""
    if spec.stem == "citations":
        return (*spec.key, *m.CITABLE.values())
    return spec.key


def _key_tuple(spec: TableSpec, values: dict[str, Any]) -> tuple[Any, ...]:
    key = _natural_key(spec, values)
    return tuple(key[column] for column in _key_columns(spec))


def _defaults(model: type[SQLModel]) -> dict[str, Any]:
    """The values a new row of ``model`` gets for the fields a record leaves out."""
    defaults = {}
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        if info.default_factory is not None:
            defaults[name] = info.default_factory()  # type: ignore[call-arg]
        elif info.default is not PydanticUndefined:
            defaults[name] = info.default
    return defaults


def _natural_key(spec: TableSpec, values: dict[str, Any]) -> dict[str, Any]:
    key = {attr: values.get(attr) for attr in spec.key if attr not in ("name_key", "url_key")}
    if "name_key" in spec.key:
        key["name_key"] = normalize_name(values["name"])
    if "url_key" in spec.key:
        key["url_key"] = (values.get("url") or "").strip() or normalize_name(values["title"])
    if spec.stem == "citations":
        key |= {column: values.get(column) for column in m.CITABLE.values()}
    return key


def _insertable(spec: TableSpec, values: dict[str, Any]) -> dict[str, Any]:
    """Values for a new row: NULLs for NOT NULL columns are left to the model's default."""
    table = spec.model.__table__  # type: ignore[attr-defined]
    return {
        attr: value
        for attr, value in values.items()
        if value is not None or attr not in table.c or table.c[attr].nullable
    }


# ---------------------------------------------------------------- one run


def run(
    engine: Engine,
    batches: Iterable[tuple[str, str, list[str], list[Record]]],
    report: ImportReport,
    *,
    keep_ids: bool,
    progress: Progress | None,
    digests: dict[str, str],
) -> ImportReport:
    report.restored_ids = keep_ids
    with Session(engine, autoflush=False) as session:
        importer = Importer(
            session, upsert=report.upsert, keep_ids=keep_ids, report=report, progress=progress
        )
        try:
            for stem, name, columns, records in batches:
                importer.import_records(stem, columns, records, name)
        except Abort as exc:
            report.problems.append(Problem("", None, None, None, str(exc)))
        if not report.problems:
            cite_files(session, importer, report, digests, keep_ids=keep_ids)
        if report.problems or report.dry_run:
            session.rollback()
            return report
        if keep_ids:
            reset_sequences(session)
        session.commit()
        report.written = True
    return report


def cite_files(
    session: Session,
    importer: Importer,
    report: ImportReport,
    digests: dict[str, str],
    *,
    keep_ids: bool,
) -> None:
    """Cite each file for the rows it wrote that no citation supports (see ``provenance``);
    a restore (``keep_ids``) only counts them, to stay an exact copy of the export."""
    pending = {name: uncited(session, origins) for name, origins in importer.origins.items()}
    if keep_ids:
        report.uncited = sum(len(origins) for origins in pending.values())
        return
    for name, origins in pending.items():
        try:
            cited = cite_file(session, origins, file_name=name, digest=digests[name])
            report.cited_to_file += cited
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            report.problems.append(Problem(name, None, None, None, f"cannot cite it: {reason}"))
            return


def is_empty(engine: Engine) -> bool:
    """True when no importable table holds a row."""
    with engine.connect() as connection:
        return all(
            connection.execute(select(func.count()).select_from(spec.model)).scalar_one() == 0
            for spec in SPECS.values()
        )


def reset_sequences(session: Session) -> None:
    """After rows were written with their own ids, PostgreSQL's id sequences must catch up."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for spec in SPECS.values():
        table = spec.table
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
            )
        )
