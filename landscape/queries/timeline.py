"""Events over time, and the eras that model releases draw across them."""

import pandas as pd
from sqlalchemy import Date, Engine, String, func, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    add_when,
    company_ids_named,
    notes_filter,
    quote_text,
    read_frame,
    source_text,
)

EVENT_COLUMNS = [
    *("date", "when", "kind", "company", "title", "model", "product", "expected", "sources"),
    "quotes",
]
NO_COMPANY = "(no company)"
ERA_COLUMNS = ["lineage", "model", "developer", "start", "end", "from", "to", "ongoing", "sources"]


def _dated_events(notes_only: bool) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(m.Event.occurred_on).is_not(None)]
    conditions.append(notes_filter("event_id", col(m.Event.id), notes_only))
    return conditions


def event_companies(engine: Engine, notes_only: bool = False) -> list[str]:
    """Names of the companies that have dated events, for the company filter."""
    statement = (
        select(col(m.Company.name))
        .join(m.Event, col(m.Event.company_id) == col(m.Company.id))
        .where(*_dated_events(notes_only))
        .group_by(col(m.Company.name))
        .order_by(func.count(col(m.Event.id)).desc(), col(m.Company.name))
    )
    return read_frame(engine, statement)["name"].tolist()


def event_kinds(engine: Engine, notes_only: bool = False) -> list[str]:
    """The kinds of the dated events, most frequent first."""
    statement = (
        select(col(m.Event.kind))
        .where(*_dated_events(notes_only))
        .group_by(col(m.Event.kind))
        .order_by(func.count(col(m.Event.id)).desc(), col(m.Event.kind))
    )
    return read_frame(engine, statement)["kind"].tolist()


def events(
    engine: Engine,
    companies: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    notes_only: bool = False,
) -> pd.DataFrame:
    """Dated events, optionally of some companies and kinds, with the model and product they
    are about, their sources and quotes.

    An empty ``companies`` or ``kinds`` means all of them.
    """
    e = m.Event
    conditions = _dated_events(notes_only)
    if companies:
        conditions.append(col(e.company_id).in_(company_ids_named(companies)))
    if kinds:
        conditions.append(col(e.kind).in_(kinds))
    statement = (
        select(
            col(e.occurred_on).label("date"),
            col(e.occurred_precision).label("precision"),
            col(e.kind),
            func.coalesce(col(m.Company.name), NO_COMPANY).label("company"),
            col(e.title),
            col(m.AIModel.name).label("model"),
            col(m.Product.name).label("product"),
            col(e.expected),
            source_text(engine, "event_id", col(e.id)).label("sources"),
            quote_text(engine, "event_id", col(e.id)).label("quotes"),
        )
        .outerjoin(m.Company, col(m.Company.id) == col(e.company_id))
        .outerjoin(m.AIModel, col(m.AIModel.id) == col(e.model_id))
        .outerjoin(m.Product, col(m.Product.id) == col(e.product_id))
        .where(*conditions)
        .order_by(col(e.occurred_on), col(e.id))
    )
    frame = read_frame(engine, statement)
    return add_when(frame, "date", "precision")[EVENT_COLUMNS]


def model_eras(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Each dated model's era: from its release to the next release in its lineage.

    A lineage is the tree under a model without a parent (GPT-1 → GPT-2 → … → ChatGPT), named
    after that root. The newest model of a lineage is ``ongoing``: its era runs to the latest
    date the database knows (an event or a release).
    """
    a = m.AIModel
    chain = (
        select(col(a.id).label("id"), col(a.id).label("root_id")).where(col(a.parent_id).is_(None))
    ).cte("lineage_chain", recursive=True)
    child = aliased(m.AIModel)
    chain = chain.union_all(
        select(col(child.id), chain.c.root_id).join(chain, col(child.parent_id) == chain.c.id)
    )
    root = aliased(m.AIModel)
    developer = aliased(m.Company)
    conditions: list[ColumnElement[bool]] = [col(a.released_on).is_not(None)]
    conditions.append(notes_filter("model_id", col(a.id), notes_only))
    order = (col(a.released_on), col(a.id))
    next_release = func.lead(col(a.released_on), type_=Date).over(
        partition_by=chain.c.root_id, order_by=order
    )
    next_precision = func.lead(col(a.released_precision), type_=String).over(
        partition_by=chain.c.root_id, order_by=order
    )
    statement = (
        select(
            col(root.name).label("lineage"),
            col(a.name).label("model"),
            col(developer.name).label("developer"),
            col(a.released_on).label("start"),
            col(a.released_precision).label("precision"),
            next_release.label("end"),
            next_precision.label("end_precision"),
            source_text(engine, "model_id", col(a.id)).label("sources"),
        )
        .join(chain, chain.c.id == col(a.id))
        .join(root, col(root.id) == chain.c.root_id)
        .outerjoin(developer, col(developer.id) == col(a.developer_id))
        .where(*conditions)
        .order_by(col(root.name), col(a.released_on), col(a.id))
    )
    frame = read_frame(engine, statement)
    frame["ongoing"] = frame["end"].isna()
    frame = add_when(frame, "end", "end_precision", when="to")
    frame.loc[frame["ongoing"], "to"] = "ongoing"
    frame["end"] = frame["end"].fillna(pd.Timestamp(latest_date(engine)))
    frame = add_when(frame, "start", "precision", when="from")
    return frame[ERA_COLUMNS]


def latest_date(engine: Engine) -> object:
    """The latest event or release date in the database (None in an empty one)."""
    statement = select(
        select(func.max(col(m.Event.occurred_on))).scalar_subquery().label("event"),
        select(func.max(col(m.AIModel.released_on))).scalar_subquery().label("release"),
    )
    with engine.connect() as connection:
        row = connection.execute(statement).one()
    dates = [day for day in row if day is not None]
    return max(dates) if dates else None


def lineages(eras: pd.DataFrame) -> list[str]:
    """The lineages in ``eras``: the one with the most eras first, then the oldest."""
    summary = eras.groupby("lineage").agg(eras=("model", "size"), first=("start", "min"))
    ordered = summary.sort_values(["eras", "first"], ascending=[False, True])
    return ordered.index.tolist()
