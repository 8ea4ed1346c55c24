"""Headline figures and a company's timeline."""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select, true
from sqlalchemy.sql.elements import ColumnElement

from landscape import models as m
from landscape.names import normalize_name
from landscape.queries.common import add_when, cited_sources, joined_text, notes_filter, read_frame


def kpis(engine: Engine, *, notes_only: bool = False) -> dict[str, int]:
    """Headline counts: companies, disclosed funding in USD, rounds, models, sources, citations.

    With ``notes_only``, only what the founding notes support is counted.
    """
    rounds = select(m.FundingRound.amount_usd).where(
        notes_filter("funding_round_id", m.FundingRound.id, notes_only)
    )
    notes_sources = m.Source.kind == m.SourceKind.notes.value if notes_only else true()
    statement = select(
        _count(m.Company, notes_filter("company_id", m.Company.id, notes_only)).label("companies"),
        select(func.coalesce(func.sum(rounds.subquery().c.amount_usd), 0))
        .scalar_subquery()
        .label("disclosed_funding_usd"),
        select(func.count()).select_from(rounds.subquery()).scalar_subquery().label("rounds"),
        _count(m.AIModel, notes_filter("model_id", m.AIModel.id, notes_only)).label("models"),
        _count(m.Source, notes_sources).label("sources"),
        select(func.count(m.Citation.id))
        .join(m.Source, m.Source.id == m.Citation.source_id)
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
    sources = cited_sources("event_id")
    company_id = (
        select(m.Company.id).where(m.Company.name_key == normalize_name(company)).scalar_subquery()
    )
    statement = (
        select(
            e.id,
            e.occurred_on.label("date"),
            e.occurred_precision.label("precision"),
            e.kind,
            e.title,
            m.AIModel.name.label("model"),
            joined_text(engine, sources.c.title).label("sources"),
        )
        .outerjoin(m.AIModel, m.AIModel.id == e.model_id)
        .outerjoin(sources, sources.c.subject_id == e.id)
        .where(e.company_id == company_id, e.occurred_on.is_not(None))
        .group_by(e.id, e.occurred_on, e.occurred_precision, e.kind, e.title, m.AIModel.name)
        .order_by(e.occurred_on, e.id)
    )
    frame = add_when(read_frame(engine, statement), "date", "precision")
    return frame[["date", "when", "kind", "title", "model", "sources"]]
