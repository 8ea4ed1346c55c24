"""Where sources disagree: citations whose source states another value than their record's.

A citation's ``stated`` is a JSON object of the record's export columns (``{"announced":
"2022-12-01"}``): what its source says where that differs from the record. ``conflicts`` lists
each such value beside the record's own, in SQL on SQLite and PostgreSQL; a value the source
states that equals the record's is no conflict and is left out.
"""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, String, cast, func, literal, or_, select, union_all
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import SQLModel

from landscape import models as m
from landscape import registry
from landscape.exchange.tables import SPECS, Col
from landscape.queries.common import read_frame

COLUMNS = [
    "table",
    "record_id",
    "record",
    "field",
    "record_value",
    "source",
    "source_value",
    "citation_id",
]


def _table(name: str) -> Any:
    return SQLModel.metadata.tables[name]


def _stated_value(engine: Engine, stated: Any, field: str) -> Any:
    """The text of ``field`` in the JSON object ``stated`` (NULL when it is not there)."""
    if engine.dialect.name == "postgresql":
        return cast(stated, JSONB).op("->>")(literal(field))
    return cast(func.json_extract(stated, f'$."{field}"'), String)


def _record_value(table: Any, column: Col) -> Any:
    """A record's value of an export column, as text written the way the export writes it."""
    if column.date:
        on, precision = column.date
        return registry.partial_date_text(table.c[on], table.c[precision])
    return cast(table.c[column.attribute], String)


def _company_column(name: str, table: Any) -> Any:
    if name == "companies":
        return table.c.id
    return table.c.company_id if "company_id" in table.c else None


def _parts(engine: Engine, company_id: int | None) -> list[Any]:
    """One SELECT per (cited table, column a source may state)."""
    citation, source = _table("citations"), _table("sources")
    parts = []
    for name, subject in m.CITABLE.items():
        record = registry.record(name)
        spec = SPECS.get(record.stem or "")
        if spec is None or record.name_query is None:
            continue
        table = _table(name)
        company = _company_column(name, table)
        if company_id is not None and company is None:
            continue
        names = record.name_query().subquery()
        for column in spec.columns:
            stated = _stated_value(engine, citation.c.stated, column.name)
            value = _record_value(table, column)
            statement = (
                select(
                    literal(name).label("table"),
                    table.c.id.label("record_id"),
                    names.c.name.label("record"),
                    literal(column.name).label("field"),
                    value.label("record_value"),
                    source.c.title.label("source"),
                    stated.label("source_value"),
                    citation.c.id.label("citation_id"),
                )
                .select_from(citation)
                .join(table, table.c.id == citation.c[subject])
                .join(source, source.c.id == citation.c.source_id)
                .join(names, names.c.id == table.c.id)
                .where(
                    citation.c.stated.is_not(None),
                    stated.is_not(None),
                    or_(value.is_(None), value != stated),
                )
            )
            if company_id is not None:
                statement = statement.where(company == company_id)
            parts.append(statement)
    return parts


def conflicts(engine: Engine, *, company_id: int | None = None) -> pd.DataFrame:
    """Every value a source states that differs from its record's: the table, the record (its
    id and name), the field, the record's value, the source and the value it states.

    ``company_id`` keeps those about the company itself and the rows that carry its id (its
    rounds, products, uses, metrics, events).
    """
    parts = _parts(engine, company_id)
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    every = union_all(*parts).subquery()
    statement = select(*[every.c[name] for name in COLUMNS]).order_by(
        every.c.table, every.c.record, every.c.field, every.c.citation_id
    )
    return read_frame(engine, statement)


def conflict_count(engine: Engine) -> int:
    """How many stated values differ from their records."""
    return len(conflicts(engine))
