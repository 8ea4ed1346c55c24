"""Headline figures and a company's timeline."""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.names import normalize_name
from landscape.queries.common import (
    AnySelect,
    add_when,
    not_raised_usd,
    notes_filter,
    raised_usd,
    read_frame,
    with_sources,
)


def kpis(engine: Engine, *, notes_only: bool = False) -> dict[str, int]:
    """Headline counts: companies, USD raised and USD not counted as raised (see
    ``common.RAISED_MEANS``), rounds, models, sources, citations.

    With ``notes_only``, only what the founding notes support is counted.
    """
    r = m.FundingRound
    rounds = (
        select(col(r.amount_usd), col(r.status), col(r.round_type))
        .where(notes_filter("funding_round_id", col(r.id), notes_only))
        .subquery()
    )
    money = rounds.c.amount_usd, rounds.c.status, rounds.c.round_type
    notes_sources = col(m.Source.kind) == m.SourceKind.notes.value if notes_only else true()
    statement = select(
        _count(m.Company, notes_filter("company_id", col(m.Company.id), notes_only)).label(
            "companies"
        ),
        select(raised_usd(*money)).scalar_subquery().label("raised_usd"),
        select(not_raised_usd(*money)).scalar_subquery().label("not_raised_usd"),
        select(func.count()).select_from(rounds).scalar_subquery().label("rounds"),
        _count(m.AIModel, notes_filter("model_id", col(m.AIModel.id), notes_only)).label("models"),
        _count(m.Source, notes_sources).label("sources"),
        select(func.count(col(m.Citation.id)))
        .join(m.Source, col(m.Source.id) == col(m.Citation.source_id))
        .where(notes_sources)
        .scalar_subquery()
        .label("citations"),
    )
    with engine.connect() as connection:
        row = connection.execute(statement).mappings().one()
    return {key: int(value or 0) for key, value in row.items()}


def _count(table: Any, condition: ColumnElement[bool]) -> Any:
    return select(func.count()).select_from(table).where(condition).scalar_subquery()


def company_timeline(engine: Engine, company: str) -> pd.DataFrame:
    """Dated events of one company (by name) with the sources that support each."""
    e = m.Event
    company_id = (
        select(col(m.Company.id))
        .where(col(m.Company.name_key) == normalize_name(company))
        .scalar_subquery()
    )
    own: AnySelect = select(
        col(e.id),
        col(e.occurred_on).label("date"),
        col(e.occurred_precision).label("precision"),
        col(e.kind),
        col(e.title),
        col(m.AIModel.name).label("model"),
    )
    statement = (
        with_sources(engine, own, col(e.id), "event_id")
        .outerjoin(m.AIModel, col(m.AIModel.id) == col(e.model_id))
        .where(col(e.company_id) == company_id, col(e.occurred_on).is_not(None))
        .order_by(col(e.occurred_on), col(e.id))
    )
    frame = add_when(read_frame(engine, statement), "date", "precision")
    return frame[["date", "when", "kind", "title", "model", "sources"]]
