"""One company's page: its facts, products, funding, models, metrics, events, claims, people
and citations. Each function takes the company's id; lists honour ``notes_only``."""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, case, func, inspect, literal, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    AnySelect,
    category_label,
    counts_as_raised,
    joined_text,
    notes_filter,
    partial_dates,
    read_frame,
    round_not_raised_usd,
    round_raised_usd,
    with_sources,
)
from landscape.queries.evidence import citations
from landscape.queries.inference import role_basis
from landscape.queries.landscape_map import company_category_links


def company_choices(engine: Engine, *, notes_only: bool = False) -> pd.DataFrame:
    """Every company's id and name, by name, for choosing one."""
    c = m.Company
    statement = (
        select(col(c.id), col(c.name))
        .where(notes_filter("company_id", col(c.id), notes_only))
        .order_by(col(c.name))
    )
    return read_frame(engine, statement)


def company_profile(engine: Engine, company_id: int, *, zh: bool = False) -> dict[str, Any] | None:
    """A company's own facts, its parent, its subsidiaries and categories; None if unknown.
    ``role_basis`` is the reasoning when its thesis role is the project's inference."""
    c = m.Company
    parent = aliased(m.Company)
    statement: AnySelect = (
        select(c, col(parent.name).label("parent"))
        .outerjoin(parent, col(parent.id) == col(c.parent_id))
        .where(col(c.id) == company_id)
    )
    with engine.connect() as connection:
        row = connection.execute(statement).mappings().first()
        if row is None:
            return None
        children = connection.execute(
            select(col(c.id), col(c.name))
            .where(col(c.parent_id) == company_id)
            .order_by(col(c.name))
        ).all()
        links = company_category_links(company_id)
        category = aliased(m.Category)
        categories = connection.execute(
            select(category_label(category, zh))
            .join(links, links.c.category_id == col(category.id))
            .where(links.c.company_id == company_id)
            .distinct()
            .order_by(category_label(category, zh))
        ).scalars()
        from_the_notes = connection.execute(
            select(col(m.Citation.id))
            .join(m.Source, col(m.Source.id) == col(m.Citation.source_id))
            .where(
                col(m.Citation.company_id) == company_id,
                col(m.Source.kind) == m.SourceKind.notes.value,
            )
            .limit(1)
        ).first()
        basis = role_basis(engine)
        role_inference = connection.execute(
            select(basis.c.basis).where(basis.c.company_id == company_id)
        ).scalar()
        profile = {column.name: row[column.name] for column in inspect(m.Company).columns}
        profile |= {
            "role_basis": role_inference,
            "parent": row["parent"],
            "children": [(child_id, name) for child_id, name in children if child_id is not None],
            "categories": list(categories),
            "in_notes": from_the_notes is not None,
        }
    return profile


def company_products(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """The company's products, by launch date, with their sources."""
    p = m.Product
    statement = (
        with_sources(
            engine,
            select(
                col(p.id),
                col(p.name),
                col(p.launched_on),
                col(p.launched_precision),
                col(p.homepage),
                col(p.description),
            ),
            col(p.id),
            "product_id",
        )
        .where(col(p.company_id) == company_id, notes_filter("product_id", col(p.id), notes_only))
        .order_by(col(p.launched_on).asc().nulls_last(), col(p.name))
    )
    columns = ["name", "launched", "homepage", "description", "sources"]
    frame = read_frame(engine, statement)
    frame["launched"] = partial_dates(frame, "launched_on", "launched_precision")
    return frame[columns]


def company_rounds(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Rounds the company raised, by date, with status, amounts, whether the amount counts as
    raised (``common.counts_as_raised``), investors (lead marked) and sources."""
    r = m.FundingRound
    investors = _investor_names(engine, company_id)
    columns = [
        "date",
        "round",
        "status",
        "counts_as_raised",
        "amount",
        "currency",
        "amount_usd",
        "post_money_usd",
        "investors",
        "description",
        "sources",
    ]
    selected = [
        col(r.id),
        col(r.announced_on),
        col(r.announced_precision),
        col(r.round_type),
        col(r.status),
        col(r.amount),
        col(r.currency),
        col(r.amount_usd),
        col(r.post_money_usd),
        investors.c.investors,
        col(r.description),
    ]
    counted = counts_as_raised(col(r.status), col(r.round_type)).label("counts_as_raised")
    statement = (
        with_sources(engine, select(*selected, counted), col(r.id), "funding_round_id")
        .outerjoin(investors, investors.c.funding_round_id == col(r.id))
        .where(
            col(r.company_id) == company_id, notes_filter("funding_round_id", col(r.id), notes_only)
        )
        .order_by(col(r.announced_on).asc().nulls_last(), col(r.id))
    )
    frame = read_frame(engine, statement)
    frame["date"] = partial_dates(frame, "announced_on", "announced_precision")
    frame["round"] = frame["round_type"]
    frame["counts_as_raised"] = frame["counts_as_raised"].astype(bool)
    for money in ("amount", "amount_usd", "post_money_usd"):
        frame[money] = frame[money].astype("Int64")
    return frame[columns]


def company_funding(engine: Engine, company_id: int, *, notes_only: bool = False) -> dict[str, int]:
    """The company's rounds, USD raised, USD not counted as raised (see ``common.RAISED_MEANS``)
    and rounds of undisclosed amount."""
    r = m.FundingRound
    statement = select(
        func.count(col(r.id)).label("rounds"),
        round_raised_usd().label("raised_usd"),
        round_not_raised_usd().label("not_raised_usd"),
        func.sum(case((col(r.amount_usd).is_(None), 1), else_=0)).label("undisclosed"),
    ).where(
        col(r.company_id) == company_id, notes_filter("funding_round_id", col(r.id), notes_only)
    )
    with engine.connect() as connection:
        row = connection.execute(statement).mappings().one()
    return {key: int(value or 0) for key, value in row.items()}


def _of_company(row: Any, company_id: int) -> ColumnElement[bool]:
    """WHERE: a fact (``row``: a model use, metric or event) about the company or one of its
    products; both sides are index look-ups."""
    its_products = select(col(m.Product.id)).where(col(m.Product.company_id) == company_id)
    return or_(col(row.company_id) == company_id, col(row.product_id).in_(its_products))


def _investor_names(engine: Engine, company_id: int) -> Any:
    """Subquery of (funding_round_id, investors) of the company's rounds: names joined, each
    lead marked "(lead)"."""
    investor = aliased(m.Company)
    name = col(investor.name) + case(
        (col(m.Investment.is_lead), literal(" (lead)")), else_=literal("")
    )
    named = (
        select(col(m.Investment.funding_round_id), name.label("name"))
        .join(investor, col(investor.id) == col(m.Investment.investor_id))
        .join(m.FundingRound, col(m.FundingRound.id) == col(m.Investment.funding_round_id))
        .where(col(m.FundingRound.company_id) == company_id)
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
        with_sources(
            engine,
            select(
                col(i.id),
                col(backed.id).label("company_id"),
                col(backed.name).label("company"),
                col(r.announced_on),
                col(r.announced_precision),
                col(r.round_type).label("round"),
                col(r.status),
                col(i.is_lead).label("lead"),
                col(r.amount_usd),
            ),
            col(i.id),
            "investment_id",
        )
        .join(r, col(r.id) == col(i.funding_round_id))
        .join(backed, col(backed.id) == col(r.company_id))
        .where(
            col(i.investor_id) == company_id, notes_filter("investment_id", col(i.id), notes_only)
        )
        .order_by(col(r.announced_on).asc().nulls_last(), col(backed.name))
    )
    columns = ["company_id", "company", "date", "round", "status", "lead", "amount_usd", "sources"]
    frame = read_frame(engine, statement)
    frame["date"] = partial_dates(frame, "announced_on", "announced_precision")
    frame["amount_usd"] = frame["amount_usd"].astype("Int64")
    return frame[columns]


def company_models(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Models the company builds (``how`` = ``develops``) or uses (``trains_own``,
    ``fine_tunes``, ``calls_api``, through itself or one of its products), with sources."""
    a = m.AIModel
    u = m.ModelUse
    built = with_sources(
        engine,
        select(
            col(a.id).label("model_id"),
            col(a.name).label("model"),
            literal("develops").label("how"),
            literal(None).label("product"),
            col(a.released_on),
            col(a.released_precision),
            col(a.modality),
        ),
        col(a.id),
        "model_id",
    ).where(col(a.developer_id) == company_id, notes_filter("model_id", col(a.id), notes_only))
    used = (
        with_sources(
            engine,
            select(
                col(a.id).label("model_id"),
                col(a.name).label("model"),
                col(u.how),
                col(m.Product.name).label("product"),
                col(a.released_on),
                col(a.released_precision),
                col(a.modality),
            ),
            col(u.id),
            "model_use_id",
        )
        .join(a, col(a.id) == col(u.model_id))
        .outerjoin(m.Product, col(m.Product.id) == col(u.product_id))
        .where(
            _of_company(u, company_id),
            notes_filter("model_use_id", col(u.id), notes_only),
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
    statement = (
        with_sources(
            engine,
            select(
                col(x.id),
                col(m.Product.name).label("product"),
                col(x.name).label("metric"),
                col(x.label),
                col(x.value),
                col(x.value_high),
                col(x.unit),
                col(x.approximate),
                col(x.as_of),
                col(x.as_of_precision),
            ),
            col(x.id),
            "metric_id",
        )
        .outerjoin(m.Product, col(m.Product.id) == col(x.product_id))
        .where(
            _of_company(x, company_id),
            notes_filter("metric_id", col(x.id), notes_only),
        )
        .order_by(col(x.as_of).asc().nulls_last(), col(x.id))
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
    statement = (
        with_sources(
            engine,
            select(
                col(e.id),
                col(e.occurred_on),
                col(e.occurred_precision),
                col(e.kind),
                col(e.title),
                col(e.expected),
                col(m.AIModel.name).label("model"),
            ),
            col(e.id),
            "event_id",
        )
        .outerjoin(m.AIModel, col(m.AIModel.id) == col(e.model_id))
        .outerjoin(m.Product, col(m.Product.id) == col(e.product_id))
        .where(
            _of_company(e, company_id),
            notes_filter("event_id", col(e.id), notes_only),
        )
        .order_by(col(e.occurred_on).asc().nulls_last(), col(e.id))
    )
    columns = ["date", "when", "kind", "title", "expected", "model", "sources"]
    frame = read_frame(engine, statement)
    frame["when"] = partial_dates(frame, "occurred_on", "occurred_precision")
    frame["date"] = pd.to_datetime(frame["occurred_on"])
    return frame[columns]


def company_claims(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Claims about the company: the statement as worded, its English summary, stance, speaker."""
    cl = m.Claim
    speaker = func.coalesce(col(m.Person.name), col(cl.speaker))
    statement = (
        with_sources(
            engine,
            select(
                col(cl.id),
                col(cl.statement),
                col(cl.summary_en),
                col(cl.stance),
                col(cl.topic),
                speaker.label("speaker"),
            ),
            col(cl.id),
            "claim_id",
        )
        .join(m.ClaimCompany, col(m.ClaimCompany.claim_id) == col(cl.id))
        .outerjoin(m.Person, col(m.Person.id) == col(cl.person_id))
        .where(
            col(m.ClaimCompany.company_id) == company_id,
            notes_filter("claim_id", col(cl.id), notes_only),
        )
        .order_by(col(cl.topic), col(cl.id))
    )
    columns = ["statement", "summary_en", "stance", "topic", "speaker", "sources"]
    return read_frame(engine, statement)[columns]


def company_people(engine: Engine, company_id: int) -> pd.DataFrame:
    """People the sources tie to the company."""
    p = m.Person
    statement = (
        select(col(p.name), col(p.name_zh), col(p.title), col(p.handle), col(p.description))
        .where(col(p.company_id) == company_id)
        .order_by(col(p.name))
    )
    return read_frame(engine, statement)


def company_citations(engine: Engine, company_id: int, *, notes_only: bool = False) -> pd.DataFrame:
    """Every citation about the company or its facts, with quote, source and link."""
    return citations(engine, company_id=company_id, notes_only=notes_only)
