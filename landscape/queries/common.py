"""SQL building blocks shared by the read functions."""

from typing import Any

import pandas as pd
from sqlalchemy import BigInteger, Engine, Integer, cast, extract, func, select
from sqlalchemy.sql.elements import ColumnElement

from landscape import models as m
from landscape.dates import format_partial_date
from landscape.names import normalize_name


def joined_text(engine: Engine, expression: Any, separator: str = "; ") -> ColumnElement:
    """Aggregate text values into one string (``string_agg`` / ``group_concat``).

    Feed it distinct rows (SQLite's ``group_concat`` takes no DISTINCT with a separator).
    """
    if engine.dialect.name == "postgresql":
        return func.string_agg(expression, separator)
    return func.group_concat(expression, separator)


def cited_sources(subject_column: str) -> Any:
    """Subquery of distinct (subject_id, source title) pairs for one citable column."""
    column = getattr(m.Citation, subject_column)
    return (
        select(column.label("subject_id"), m.Source.title.label("title"))
        .join(m.Source, m.Source.id == m.Citation.source_id)
        .where(column.is_not(None))
        .distinct()
        .subquery()
    )


def from_notes(subject_column: str, id_column: Any) -> ColumnElement[bool]:
    """True for the rows a citation to a source of kind ``notes`` supports (the "Notes only" tier).

    ``subject_column`` is the citation's column for the table (``CITABLE``), ``id_column`` the
    outer row's id it must match.
    """
    citation = m.Citation
    return (
        select(citation.id)
        .join(m.Source, m.Source.id == citation.source_id)
        .where(getattr(citation, subject_column) == id_column, m.Source.kind == m.SourceKind.notes)
        .exists()
    )


def notes_conditions(notes_only: bool, subject_column: str, id_column: Any) -> list:
    """``[from_notes(...)]`` when ``notes_only`` is set, else no condition: for ``.where(*...)``."""
    return [from_notes(subject_column, id_column)] if notes_only else []


def source_text(engine: Engine, subject_column: str, id_column: Any) -> Any:
    """Scalar subquery: the titles of the sources that support the row ``id_column``."""
    sources = cited_sources(subject_column)
    return (
        select(joined_text(engine, sources.c.title))
        .where(sources.c.subject_id == id_column)
        .scalar_subquery()
    )


def quote_text(engine: Engine, subject_column: str, id_column: Any) -> Any:
    """Scalar subquery: the quotes that support the row ``id_column``, each in its own words."""
    column = getattr(m.Citation, subject_column)
    quotes = (
        select(column.label("subject_id"), m.Citation.quote.label("quote"))
        .where(column.is_not(None))
        .distinct()
        .subquery()
    )
    return (
        select(joined_text(engine, quotes.c.quote, " / "))
        .where(quotes.c.subject_id == id_column)
        .scalar_subquery()
    )


def company_ids_named(names: tuple[str, ...] | list[str]) -> Any:
    """Subquery of the ids of the companies called ``names`` (under name normalization)."""
    keys = [normalize_name(name) for name in names]
    return select(m.Company.id).where(m.Company.name_key.in_(keys))


def read_frame(engine: Engine, statement: Any) -> pd.DataFrame:
    """Run ``statement`` and return its rows, with its columns even when there is no row."""
    with engine.connect() as connection:
        result = connection.execute(statement)
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def add_when(frame: pd.DataFrame, date: str, precision: str, when: str = "when") -> pd.DataFrame:
    """Add a ``when`` column (the date at its precision) and make ``date`` a datetime."""
    frame[when] = [
        format_partial_date(day, level)
        for day, level in zip(frame[date], frame[precision], strict=True)
    ]
    frame[date] = pd.to_datetime(frame[date])
    return frame


def usd_total(column: Any) -> Any:
    """SUM of a USD column as an integer, 0 when there is nothing to sum."""
    return cast(func.coalesce(func.sum(column), 0), BigInteger)


def year_of(column: Any) -> Any:
    """The year of a date column as an integer, on SQLite and PostgreSQL."""
    return cast(extract("year", column), Integer)
