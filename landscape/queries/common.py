"""SQL building blocks shared by the read functions."""

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.sql.elements import ColumnElement

from landscape import models as m


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
