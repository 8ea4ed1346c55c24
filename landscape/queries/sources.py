"""Sources: every source, what it supports, and its quotes."""

import pandas as pd
from sqlalchemy import Engine, distinct, func, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape import registry
from landscape.queries.common import AnySelect, partial_dates, read_frame

# What a citation's column supports, in words (singular, plural): the registry's nouns, in the
# order of the citation's columns.
SUPPORTED = {
    column: (registry.record(table).noun, registry.record(table).plural)
    for table, column in m.CITABLE.items()
}
SOURCE_COLUMNS = [
    "id",
    "title",
    "kind",
    "citations",
    "supports",
    "publisher",
    "published",
    "url",
    "locator",
    "author",
    "language",
]


def source_kinds(engine: Engine, *, search: str = "", notes_only: bool = False) -> pd.DataFrame:
    """Source kinds with how many sources of each there are (``value``, ``label``, ``count``)."""
    s = m.Source
    statement: AnySelect = (
        select(
            col(s.kind).label("value"),
            col(s.kind).label("label"),
            func.count(col(s.id)).label("count"),
        )
        .where(*_conditions((), search, notes_only))
        .group_by(col(s.kind))
        .order_by(func.count(col(s.id)).desc(), col(s.kind))
    )
    return read_frame(engine, statement)


def _conditions(kinds: tuple[str, ...], search: str, notes_only: bool) -> list[ColumnElement[bool]]:
    s = m.Source
    found: list[ColumnElement[bool]] = []
    if kinds:
        found.append(col(s.kind).in_(kinds))
    if notes_only:
        found.append(col(s.kind) == m.SourceKind.notes.value)
    text = search.strip()
    if text:
        found.append(
            col(s.title).icontains(text, autoescape=True)
            | col(s.publisher).icontains(text, autoescape=True)
            | col(s.author).icontains(text, autoescape=True)
        )
    return found


def sources_overview(
    engine: Engine,
    *,
    kinds: tuple[str, ...] = (),
    search: str = "",
    notes_only: bool = False,
) -> pd.DataFrame:
    """Every source (narrowed by ``kinds`` and a ``search`` in title, publisher, author) with
    its citation count and what it supports, e.g. ``3 companies, 1 event``."""
    s = m.Source
    c = m.Citation
    counts = [func.count(distinct(getattr(c, column))).label(column) for column in SUPPORTED]
    statement = (
        select(
            col(s.id),
            col(s.title),
            col(s.kind),
            col(s.publisher),
            col(s.author),
            col(s.published_on),
            col(s.published_precision),
            col(s.language),
            col(s.url),
            col(s.locator),
            func.count(col(c.id)).label("citations"),
            *counts,
        )
        .outerjoin(c, col(c.source_id) == col(s.id))
        .where(*_conditions(kinds, search, notes_only))
        .group_by(col(s.id))
        .order_by(func.count(col(c.id)).desc(), col(s.title))
    )
    frame = read_frame(engine, statement)
    frame["published"] = partial_dates(frame, "published_on", "published_precision")
    frame["supports"] = [_supports(row) for row in frame[list(SUPPORTED)].to_dict("records")]
    return frame[SOURCE_COLUMNS]


def _supports(counts: dict[str, int]) -> str:
    """``{"company_id": 3, "event_id": 1}`` → ``"3 companies, 1 event"``."""
    parts = []
    for column, (one, many) in SUPPORTED.items():
        number = int(counts.get(column) or 0)
        if number:
            parts.append(f"{number} {one if number == 1 else many}")
    return ", ".join(parts)
