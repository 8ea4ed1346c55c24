"""One company's page: its facts, products, funding, models, metrics, events, claims, people
and citations. Each function takes the company's id; lists honour ``notes_only``."""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from landscape import models as m
from landscape.queries.common import (
    category_label,
    cited_sources,
    joined_text,
    notes_filter,
    partial_dates,
    read_frame,
)
from landscape.queries.evidence import citations
from landscape.queries.landscape_map import company_category_links


def company_choices(engine: Engine, *, notes_only: bool = False) -> pd.DataFrame:
    """Every company's id and name, by name, for choosing one."""
    c = m.Company
    statement = (
        select(c.id, c.name).where(notes_filter("company_id", c.id, notes_only)).order_by(c.name)
    )
    return read_frame(engine, statement)


def company_profile(engine: Engine, company_id: int, *, zh: bool = False) -> dict[str, Any] | None:
    """A company's own facts, its parent, its subsidiaries and categories; None if unknown."""
    c = m.Company
    parent = aliased(m.Company)
    statement = (
        select(c, parent.name.label("parent"))
        .outerjoin(parent, parent.id == c.parent_id)
        .where(c.id == company_id)
    )
    with engine.connect() as connection:
        row = connection.execute(statement).mappings().first()
        if row is None:
            return None
        children = connection.execute(
            select(c.id, c.name).where(c.parent_id == company_id).order_by(c.name)
        ).all()
        links = company_category_links()
        category = aliased(m.Category)
        categories = connection.execute(
            select(category_label(category, zh))
            .join(links, links.c.category_id == category.id)
            .where(links.c.company_id == company_id)
            .distinct()
            .order_by(category_label(category, zh))
        ).scalars()
        from_the_notes = connection.execute(
            select(m.Citation.id)
            .join(m.Source, m.Source.id == m.Citation.source_id)
            .where(m.Citation.company_id == company_id, m.Source.kind == m.SourceKind.notes.value)
            .limit(1)
        ).first()
        profile = {column.name: row[column.name] for column in m.Company.__table__.columns}
        profile |= {
            "parent": row["parent"],
            "children": [(int(child_id), name) for child_id, name in children],
            "categories": list(categories),
            "in_notes": from_the_notes is not None,
        }
    return profile


def _with_sources(engine: Engine, statement: Any, id_column: Any, citation_column: str) -> Any:
    """``statement`` (grouped by its own columns) with the joined titles of its sources."""
    sources = cited_sources(citation_column)
    return statement.add_columns(joined_text(engine, sources.c.title).label("sources")).outerjoin(
        sources, sources.c.subject_id == id_column
    )


def company_products(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """The company's products, by launch date, with their sources."""
    p = m.Product
    statement = (
        _with_sources(
            engine,
            select(p.id, p.name, p.launched_on, p.launched_precision, p.homepage, p.description),
            p.id,
            "product_id",
        )
        .where(p.company_id == company_id, notes_filter("product_id", p.id, notes_only))
        .group_by(p.id, p.name, p.launched_on, p.launched_precision, p.homepage, p.description)
        .order_by(p.launched_on.asc().nulls_last(), p.name)
    )
    columns = ["name", "launched", "homepage", "description", "sources"]
    frame = read_frame(engine, statement)
    frame["launched"] = partial_dates(frame, "launched_on", "launched_precision")
    return frame[columns]


def company_rounds(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Rounds the company raised, by date, with amounts, investors (lead marked) and sources."""
    r = m.FundingRound
    investors = _investor_names(engine)
    columns = [
        "date",
        "round",
        "status",
        "amount",
        "currency",
        "amount_usd",
        "post_money_usd",
        "investors",
        "description",
        "sources",
    ]
    own = [
        r.id,
        r.announced_on,
        r.announced_precision,
        r.round_type,
        r.status,
        r.amount,
        r.currency,
        r.amount_usd,
        r.post_money_usd,
        investors.c.investors,
        r.description,
    ]
    statement = (
        _with_sources(engine, select(*own), r.id, "funding_round_id")
        .outerjoin(investors, investors.c.funding_round_id == r.id)
        .where(r.company_id == company_id, notes_filter("funding_round_id", r.id, notes_only))
        .group_by(*own)
        .order_by(r.announced_on.asc().nulls_last(), r.id)
    )
    frame = read_frame(engine, statement)
    frame["date"] = partial_dates(frame, "announced_on", "announced_precision")
    frame["round"] = frame["round_type"]
    for money in ("amount", "amount_usd", "post_money_usd"):
        frame[money] = frame[money].astype("Int64")
    return frame[columns]


def _investor_names(engine: Engine) -> Any:
    """Subquery of (funding_round_id, investors): names joined, each lead marked "(lead)"."""
    investor = aliased(m.Company)
    name = investor.name + case((m.Investment.is_lead, literal(" (lead)")), else_=literal(""))
    named = (
        select(m.Investment.funding_round_id, name.label("name"))
        .join(investor, investor.id == m.Investment.investor_id)
        .subquery()
    )
    return (
        select(named.c.funding_round_id, joined_text(engine, named.c.name).label("investors"))
        .group_by(named.c.funding_round_id)
        .subquery()
    )


def company_investments(
    engine: Engine, company_id: int, *, notes_only: bool = False
) -> pd.DataFrame:
    """Rounds the company took part in as an investor: who it backed, when, how much."""
    r = m.FundingRound
    i = m.Investment
    backed = aliased(m.Company)
    statement = (
        _with_sources(
            engine,
            select(
                i.id,
                backed.id.label("company_id"),
                backed.name.label("company"),
                r.announced_on,
                r.announced_precision,
                r.round_type.label("round"),
                i.is_lead.label("lead"),
                r.amount_usd,
            ),
            i.id,
            "investment_id",
        )
        .join(r, r.id == i.funding_round_id)
        .join(backed, backed.id == r.company_id)
        .where(i.investor_id == company_id, notes_filter("investment_id", i.id, notes_only))
        .group_by(
            i.id,
            backed.id,
            backed.name,
            r.announced_on,
            r.announced_precision,
            r.round_type,
            i.is_lead,
            r.amount_usd,
        )
        .order_by(r.announced_on.asc().nulls_last(), backed.name)
    )
    columns = ["company_id", "company", "date", "round", "lead", "amount_usd", "sources"]
    frame = read_frame(engine, statement)
    frame["date"] = partial_dates(frame, "announced_on", "announced_precision")
    frame["amount_usd"] = frame["amount_usd"].astype("Int64")
    return frame[columns]


def company_models(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Models the company builds (``how`` = ``develops``) or uses (``trains_own``,
    ``fine_tunes``, ``calls_api``, through itself or one of its products), with sources."""
    a = m.AIModel
    u = m.ModelUse
    built = (
        _with_sources(
            engine,
            select(
                a.id.label("model_id"),
                a.name.label("model"),
                literal("develops").label("how"),
                literal(None).label("product"),
                a.released_on,
                a.released_precision,
                a.modality,
            ),
            a.id,
            "model_id",
        )
        .where(a.developer_id == company_id, notes_filter("model_id", a.id, notes_only))
        .group_by(a.id, a.name, a.released_on, a.released_precision, a.modality)
    )
    used = (
        _with_sources(
            engine,
            select(
                a.id.label("model_id"),
                a.name.label("model"),
                u.how,
                m.Product.name.label("product"),
                a.released_on,
                a.released_precision,
                a.modality,
            ),
            u.id,
            "model_use_id",
        )
        .join(a, a.id == u.model_id)
        .outerjoin(m.Product, m.Product.id == u.product_id)
        .where(
            or_(u.company_id == company_id, m.Product.company_id == company_id),
            notes_filter("model_use_id", u.id, notes_only),
        )
        .group_by(
            u.id,
            a.id,
            a.name,
            u.how,
            m.Product.name,
            a.released_on,
            a.released_precision,
            a.modality,
        )
    )
    columns = ["model_id", "model", "how", "product", "released", "modality", "sources"]
    frames = [read_frame(engine, statement) for statement in (built, used)]
    frame = pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)
    frame["released"] = partial_dates(frame, "released_on", "released_precision")
    frame = frame.sort_values(["how", "released_on", "model"], na_position="last")
    return frame[columns].reset_index(drop=True)


def company_metrics(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Dated figures about the company or its products, by date, with sources."""
    x = m.Metric
    own = [
        x.id,
        m.Product.name,
        x.name,
        x.label,
        x.value,
        x.value_high,
        x.unit,
        x.approximate,
        x.as_of,
        x.as_of_precision,
    ]
    statement = (
        _with_sources(
            engine,
            select(
                x.id,
                m.Product.name.label("product"),
                x.name.label("metric"),
                x.label,
                x.value,
                x.value_high,
                x.unit,
                x.approximate,
                x.as_of,
                x.as_of_precision,
            ),
            x.id,
            "metric_id",
        )
        .outerjoin(m.Product, m.Product.id == x.product_id)
        .where(
            or_(x.company_id == company_id, m.Product.company_id == company_id),
            notes_filter("metric_id", x.id, notes_only),
        )
        .group_by(*own)
        .order_by(x.as_of.asc().nulls_last(), x.id)
    )
    columns = [
        "as_of",
        "product",
        "metric",
        "label",
        "value",
        "value_high",
        "unit",
        "approximate",
        "sources",
    ]
    frame = read_frame(engine, statement)
    frame["as_of"] = partial_dates(frame, "as_of", "as_of_precision")
    return frame[columns]


def company_events(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Events of the company or its products: ``date`` (for charts), ``when`` (as precise as
    known), kind, title, model, sources. Undated events come last."""
    e = m.Event
    own = [e.id, e.occurred_on, e.occurred_precision, e.kind, e.title, e.expected, m.AIModel.name]
    statement = (
        _with_sources(
            engine,
            select(
                e.id,
                e.occurred_on,
                e.occurred_precision,
                e.kind,
                e.title,
                e.expected,
                m.AIModel.name.label("model"),
            ),
            e.id,
            "event_id",
        )
        .outerjoin(m.AIModel, m.AIModel.id == e.model_id)
        .outerjoin(m.Product, m.Product.id == e.product_id)
        .where(
            or_(e.company_id == company_id, m.Product.company_id == company_id),
            notes_filter("event_id", e.id, notes_only),
        )
        .group_by(*own)
        .order_by(e.occurred_on.asc().nulls_last(), e.id)
    )
    columns = ["date", "when", "kind", "title", "expected", "model", "sources"]
    frame = read_frame(engine, statement)
    frame["when"] = partial_dates(frame, "occurred_on", "occurred_precision")
    frame["date"] = pd.to_datetime(frame["occurred_on"])
    return frame[columns]


def company_claims(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Claims about the company: the statement as worded, its English summary, stance, speaker."""
    cl = m.Claim
    speaker = func.coalesce(m.Person.name, cl.speaker)
    own = [cl.id, cl.statement, cl.summary_en, cl.stance, cl.topic, speaker]
    statement = (
        _with_sources(
            engine,
            select(
                cl.id,
                cl.statement,
                cl.summary_en,
                cl.stance,
                cl.topic,
                speaker.label("speaker"),
            ),
            cl.id,
            "claim_id",
        )
        .join(m.ClaimCompany, m.ClaimCompany.claim_id == cl.id)
        .outerjoin(m.Person, m.Person.id == cl.person_id)
        .where(m.ClaimCompany.company_id == company_id, notes_filter("claim_id", cl.id, notes_only))
        .group_by(*own)
        .order_by(cl.topic, cl.id)
    )
    columns = ["statement", "summary_en", "stance", "topic", "speaker", "sources"]
    return read_frame(engine, statement)[columns]


def company_people(engine: Engine, company_id: int) -> pd.DataFrame:
    """People the sources tie to the company."""
    p = m.Person
    statement = (
        select(p.name, p.name_zh, p.title, p.handle, p.description)
        .where(p.company_id == company_id)
        .order_by(p.name)
    )
    return read_frame(engine, statement)


def company_citations(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Every citation about the company or its facts, with quote, source and link."""
    return citations(engine, company_id=company_id, notes_only=notes_only)
