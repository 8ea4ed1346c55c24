"""Sources: every source, what it supports, and its quotes."""

import pandas as pd
from sqlalchemy import Engine, distinct, func, select

from landscape import models as m
from landscape.queries.common import partial_dates, read_frame

# What a citation's column supports, in words (singular, plural).
SUPPORTED = {
    "company_id": ("company", "companies"),
    "person_id": ("person", "people"),
    "category_id": ("category", "categories"),
    "product_id": ("product", "products"),
    "funding_round_id": ("funding round", "funding rounds"),
    "investment_id": ("investment", "investments"),
    "model_id": ("model", "models"),
    "model_price_id": ("model price", "model prices"),
    "model_use_id": ("model use", "model uses"),
    "metric_id": ("metric", "metrics"),
    "event_id": ("event", "events"),
    "claim_id": ("claim", "claims"),
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
    statement = (
        select(s.kind.label("value"), s.kind.label("label"), func.count(s.id).label("count"))
        .where(*_conditions((), search, notes_only))
        .group_by(s.kind)
        .order_by(func.count(s.id).desc(), s.kind)
    )
    return read_frame(engine, statement)


def _conditions(kinds: tuple[str, ...], search: str, notes_only: bool) -> list:
    s = m.Source
    found = []
    if kinds:
        found.append(s.kind.in_(kinds))
    if notes_only:
        found.append(s.kind == m.SourceKind.notes.value)
    text = search.strip()
    if text:
        found.append(
            s.title.icontains(text, autoescape=True)
            | s.publisher.icontains(text, autoescape=True)
            | s.author.icontains(text, autoescape=True)
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
            s.id,
            s.title,
            s.kind,
            s.publisher,
            s.author,
            s.published_on,
            s.published_precision,
            s.language,
            s.url,
            s.locator,
            func.count(c.id).label("citations"),
            *counts,
        )
        .outerjoin(c, c.source_id == s.id)
        .where(*_conditions(kinds, search, notes_only))
        .group_by(s.id)
        .order_by(func.count(c.id).desc(), s.title)
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
