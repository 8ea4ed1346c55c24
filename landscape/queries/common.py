"""SQL building blocks shared by the read functions."""

from typing import Any, TypeAlias

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Engine,
    Executable,
    Integer,
    Select,
    case,
    cast,
    extract,
    func,
    literal,
    select,
    true,
)
from sqlalchemy.sql.elements import ColumnElement, SQLColumnExpression
from sqlmodel import col

from landscape import models as m
from landscape.dates import format_partial_date
from landscape.names import normalize_name

# A SELECT of any columns: what a read function builds before ``read_frame`` runs it.
AnySelect: TypeAlias = Select[*tuple[Any, ...]]


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
        select(column.label("subject_id"), col(m.Source.title).label("title"))
        .join(m.Source, col(m.Source.id) == col(m.Citation.source_id))
        .where(column.is_not(None))
        .distinct()
        .subquery()
    )


def sources_by_subject(engine: Engine, subject_column: str) -> Any:
    """Subquery of (subject_id, sources): each cited row's source titles, joined."""
    sources = cited_sources(subject_column)
    return (
        select(sources.c.subject_id, joined_text(engine, sources.c.title).label("sources"))
        .group_by(sources.c.subject_id)
        .subquery()
    )


def with_sources(engine: Engine, statement: Any, id_column: Any, subject_column: str) -> Any:
    """``statement`` with a ``sources`` column: the titles of the sources citing ``id_column``
    (through the citation's ``subject_column``); one row still per row, no GROUP BY needed.

    Each row's titles are looked up for that row (``source_text``), so a page of a few rows
    reads a few citations, not every citation of the table.
    """
    return statement.add_columns(source_text(engine, subject_column, id_column).label("sources"))


def notes_filter(citation_column: str, id_column: Any, notes_only: bool) -> ColumnElement[bool]:
    """A WHERE condition for the "Notes only" switch: every row when ``notes_only`` is off, else
    the rows a citation to a source of kind ``notes`` supports.

    ``citation_column`` is the citation's column for the table (``company_id``, ``event_id``...),
    ``id_column`` the outer row's id it must match.
    """
    if not notes_only:
        return true()
    citation = m.Citation
    return (
        select(col(citation.id))
        .join(m.Source, col(m.Source.id) == col(citation.source_id))
        .where(
            getattr(citation, citation_column) == id_column,
            col(m.Source.kind) == m.SourceKind.notes,
        )
        .exists()
    )


def category_label(category: type[m.Category], zh: bool) -> SQLColumnExpression[str]:
    """A category's English name, or its Chinese label (falling back to the name) when ``zh``.

    ``category`` is ``m.Category`` or an alias of it.
    """
    if zh:
        return func.coalesce(col(category.label_zh), col(category.name))
    return col(category.name)


def source_text(engine: Engine, subject_column: str, id_column: Any) -> Any:
    """Scalar subquery: the titles of the sources that support the row ``id_column``.

    The distinct titles are chosen inside, for that row alone (through the citation column's
    index), so a page of N rows costs N index look-ups, not N passes over every citation.
    """
    column = getattr(m.Citation, subject_column)
    titles = (
        select(col(m.Source.title).label("title"))
        .join(m.Citation, col(m.Citation.source_id) == col(m.Source.id))
        .where(column == id_column)
        .distinct()
        .correlate_except(m.Source, m.Citation)
        .subquery()
    )
    return select(joined_text(engine, titles.c.title)).scalar_subquery()


PARAPHRASE_MARK = "[our summary] "


def cited_words(quote: Any, paraphrase: Any) -> Any:
    """A citation's words as shown: its quote, else its paraphrase marked as our summary (a
    paraphrase is never shown as the source's words)."""
    return func.coalesce(quote, literal(PARAPHRASE_MARK) + paraphrase)


def quote_text(engine: Engine, subject_column: str, id_column: Any) -> Any:
    """Scalar subquery: the quotes that support the row ``id_column``, each in its own words
    (a paraphrase marked as our summary); chosen for that row alone, as in ``source_text``."""
    column = getattr(m.Citation, subject_column)
    words = cited_words(col(m.Citation.quote), col(m.Citation.paraphrase))
    quotes = (
        select(words.label("quote"))
        .where(column == id_column)
        .distinct()
        .correlate_except(m.Citation)
        .subquery()
    )
    return select(joined_text(engine, quotes.c.quote, " / ")).scalar_subquery()


def company_ids_named(names: tuple[str, ...] | list[str]) -> Any:
    """Subquery of the ids of the companies called ``names`` (under name normalization)."""
    keys = [normalize_name(name) for name in names]
    return select(col(m.Company.id)).where(col(m.Company.name_key).in_(keys))


def read_frame(engine: Engine, statement: Executable) -> pd.DataFrame:
    """Run ``statement`` and return its rows, with its columns even when there is no row."""
    with engine.connect() as connection:
        result = connection.execute(statement)
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def partial_dates(frame: pd.DataFrame, day: str, precision: str) -> list[str]:
    """The ``day`` column written at its ``precision`` (``2020-06``, ``2015-Q4``, ``2019``);
    an unknown day is the empty string."""
    return [
        format_partial_date(None if pd.isna(value) else value, level)
        for value, level in zip(frame[day], frame[precision], strict=True)
    ]


def add_when(frame: pd.DataFrame, date: str, precision: str, when: str = "when") -> pd.DataFrame:
    """Add a ``when`` column (``partial_dates`` of ``date``) and make ``date`` a datetime."""
    frame[when] = partial_dates(frame, date, precision)
    frame[date] = pd.to_datetime(frame[date])
    return frame


def usd_total(column: Any) -> Any:
    """SUM of a USD column as an integer, 0 when there is nothing to sum."""
    return cast(func.coalesce(func.sum(column), 0), BigInteger)


# Money counts as raised when the round happened: closed or announced. A pledge is a promise, a
# secondary sale pays shareholders, a fund commitment is money the company gives out, and a
# reported or in-talks amount is not closed; those are shown apart, never summed into "raised".
RAISED_STATUSES = (m.RoundStatus.closed, m.RoundStatus.announced)
NOT_RAISED_TYPES = (m.RoundType.pledge, m.RoundType.secondary, m.RoundType.fund_commitment)


def counts_as_raised(status: Any, round_type: Any) -> ColumnElement[bool]:
    """Whether a round's money counts as raised (see ``RAISED_STATUSES``, ``NOT_RAISED_TYPES``)."""
    return status.in_([s.value for s in RAISED_STATUSES]) & round_type.not_in(
        [t.value for t in NOT_RAISED_TYPES]
    )


# What "raised" means on every page, for a caption or a help text beside the figure.
RAISED_MEANS = (
    "Raised counts the disclosed USD of closed or announced rounds. A pledge, a secondary sale, "
    "a fund commitment, or a round only reported or in talks is shown apart, as not counted "
    "as raised; an undisclosed amount is counted as a round, never summed."
)


def raised_usd(amount_usd: Any, status: Any, round_type: Any) -> Any:
    """SUM of the USD that counts as raised (``counts_as_raised``), 0 when there is none."""
    return usd_total(case((counts_as_raised(status, round_type), amount_usd)))


def not_raised_usd(amount_usd: Any, status: Any, round_type: Any) -> Any:
    """SUM of the disclosed USD that does not count as raised, 0 when there is none."""
    return usd_total(case((counts_as_raised(status, round_type), None), else_=amount_usd))


def round_raised_usd(round_: Any = m.FundingRound) -> Any:
    """``raised_usd`` over the rounds of ``round_`` (``m.FundingRound`` or an alias of it)."""
    return raised_usd(col(round_.amount_usd), col(round_.status), col(round_.round_type))


def round_not_raised_usd(round_: Any = m.FundingRound) -> Any:
    """``not_raised_usd`` over the rounds of ``round_`` (``m.FundingRound`` or an alias)."""
    return not_raised_usd(col(round_.amount_usd), col(round_.status), col(round_.round_type))


def year_of(column: Any) -> Any:
    """The year of a date column as an integer, on SQLite and PostgreSQL."""
    return cast(extract("year", column), Integer)
