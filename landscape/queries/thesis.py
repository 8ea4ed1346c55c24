"""Channel versus model: where each company stands, what the sources claim, and where the
money went.

A company's **model ownership** is the strongest way it uses a model, itself or through its
products: calls an API (1), fine-tunes (2), trains its own (3); developing a model counts as
training its own. Its **distribution** is a tier: it owns a channel (its thesis role is
``channel_owner``, 3); else the largest users figure on record for it, its products or its
models reaches a million (2), or is below that (1); else nothing is on record (0).
"""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, Float, case, cast, func, literal, select, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    AnySelect,
    category_label,
    joined_text,
    notes_filter,
    quote_text,
    read_frame,
    round_raised_usd,
    source_text,
    usd_total,
    year_of,
)
from landscape.queries.funding import sources_per_group

OWNERSHIP = {1: "calls an API", 2: "fine-tunes a model", 3: "trains its own model"}
REACH = {
    0: "no user figure on record",
    1: "users on record, under 1M",
    2: "1M users or more",
    3: "owns a distribution channel",
}
STANCES = {
    "favours_channel": "Favours the channel",
    "favours_applications": "Favours applications",
    "favours_model": "Favours the model",
    "neutral": "Neutral",
}
# ChatGPT's milestone in the notes: a million users five days after launch.
MILLION_USERS = 1_000_000
UNASSIGNED_ROLE = "unassigned"

QUADRANT_COLUMNS = [
    *("company", "thesis_role", "category", "ownership", "ownership_label", "model_evidence"),
    *("users", "reach", "reach_label", "funding_usd", "rounds", "undisclosed_rounds", "sources"),
]


def _model_evidence(notes_only: bool) -> Any:
    """Subquery: (company_id, score, what) for every model use and every model developed."""
    use, product, model = m.ModelUse, m.Product, m.AIModel
    score = case(
        (col(use.how) == m.UseKind.trains_own, 3),
        (col(use.how) == m.UseKind.fine_tunes, 2),
        else_=1,
    )
    how_text = case(
        (col(use.how) == m.UseKind.trains_own, "trains "),
        (col(use.how) == m.UseKind.fine_tunes, "fine-tunes "),
        else_="calls the API of ",
    )
    product_prefix = func.coalesce(col(product.name) + literal(": "), literal(""))
    uses = (
        select(
            func.coalesce(col(use.company_id), col(product.company_id)).label("company_id"),
            score.label("score"),
            (product_prefix + how_text + col(model.name)).label("what"),
        )
        .join(model, col(model.id) == col(use.model_id))
        .outerjoin(product, col(product.id) == col(use.product_id))
        .where(notes_filter("model_use_id", col(use.id), notes_only))
    )
    developed: AnySelect = select(
        col(model.developer_id).label("company_id"),
        literal(3).label("score"),
        (literal("develops ") + col(model.name)).label("what"),
    ).where(
        col(model.developer_id).is_not(None), notes_filter("model_id", col(model.id), notes_only)
    )
    return union_all(uses, developed).subquery("evidence")


def _ownership(engine: Engine, notes_only: bool) -> Any:
    evidence = _model_evidence(notes_only)
    distinct = select(evidence).distinct().subquery()
    return (
        select(
            distinct.c.company_id,
            func.max(distinct.c.score).label("ownership"),
            joined_text(engine, distinct.c.what).label("model_evidence"),
        )
        .group_by(distinct.c.company_id)
        .subquery("ownership")
    )


def _users(notes_only: bool) -> Any:
    metric, product, model = m.Metric, aliased(m.Product), aliased(m.AIModel)
    company_id = func.coalesce(
        col(metric.company_id), col(product.company_id), col(model.developer_id)
    )
    conditions: list[ColumnElement[bool]] = [col(metric.name) == m.MetricName.users]
    conditions.append(notes_filter("metric_id", col(metric.id), notes_only))
    return (
        select(company_id.label("company_id"), func.max(col(metric.value)).label("users"))
        .outerjoin(product, col(product.id) == col(metric.product_id))
        .outerjoin(model, col(model.id) == col(metric.model_id))
        .where(*conditions)
        .group_by(company_id)
        .subquery("users")
    )


def _funding(notes_only: bool) -> Any:
    rounds = m.FundingRound
    conditions: list[ColumnElement[bool]] = [
        notes_filter("funding_round_id", col(rounds.id), notes_only)
    ]
    return (
        select(
            col(rounds.company_id),
            round_raised_usd(rounds).label("funding_usd"),
            func.count(col(rounds.id)).label("rounds"),
            func.sum(case((col(rounds.amount_usd).is_(None), 1), else_=0)).label(
                "undisclosed_rounds"
            ),
        )
        .where(*conditions)
        .group_by(col(rounds.company_id))
        .subquery("funding")
    )


def _sources(engine: Engine, notes_only: bool) -> Any:
    """Subquery: (company_id, sources): the titles of the sources behind the facts a company's
    place in the quadrant rests on (its own row, model uses, models, users figures, rounds)."""
    use, product, model, metric = m.ModelUse, aliased(m.Product), aliased(m.AIModel), m.Metric
    rounds = m.FundingRound

    def cited(column: str, company_id: Any, fact_id: Any, *conditions: Any) -> Any:
        citation = getattr(m.Citation, column)
        notes = notes_filter(column, fact_id, notes_only)
        return (
            select(company_id.label("company_id"), col(m.Source.title).label("title"))
            .join(m.Citation, citation == fact_id)
            .join(m.Source, col(m.Source.id) == col(m.Citation.source_id))
            .where(company_id.is_not(None), *conditions, notes)
        )

    parts = [
        cited(
            "model_use_id", func.coalesce(col(use.company_id), col(product.company_id)), col(use.id)
        ).outerjoin(product, col(product.id) == col(use.product_id)),
        cited("model_id", col(model.developer_id), col(model.id)),
        cited(
            "metric_id",
            func.coalesce(col(metric.company_id), col(product.company_id), col(model.developer_id)),
            col(metric.id),
            col(metric.name) == m.MetricName.users,
        )
        .outerjoin(product, col(product.id) == col(metric.product_id))
        .outerjoin(model, col(model.id) == col(metric.model_id)),
        cited("funding_round_id", col(rounds.company_id), col(rounds.id)),
        cited("company_id", col(m.Company.id), col(m.Company.id)),
    ]
    distinct = union_all(*parts).subquery()
    distinct = select(distinct).distinct().subquery()
    return (
        select(distinct.c.company_id, joined_text(engine, distinct.c.title).label("sources"))
        .group_by(distinct.c.company_id)
        .subquery("sources")
    )


def _first_category(zh: bool) -> Any:
    return (
        select(category_label(m.Category, zh))
        .join(m.CompanyCategory, col(m.CompanyCategory.category_id) == col(m.Category.id))
        .where(col(m.CompanyCategory.company_id) == col(m.Company.id))
        .order_by(col(m.Category.position), col(m.Category.id))
        .limit(1)
        .correlate(m.Company)
        .scalar_subquery()
    )


def quadrant(engine: Engine, zh: bool = False, notes_only: bool = False) -> pd.DataFrame:
    """Every company with its model ownership (1–3, or empty when nothing is on record), its
    distribution tier (0–3), its largest users figure, the USD it raised
    (``common.raised_usd``) and its category.

    ``zh`` names categories by their Chinese labels.
    """
    company = m.Company
    ownership, users = _ownership(engine, notes_only), _users(notes_only)
    funding, sources = _funding(notes_only), _sources(engine, notes_only)
    reach = case(
        (col(company.thesis_role) == m.ThesisRole.channel_owner, 3),
        (users.c.users >= MILLION_USERS, 2),
        (users.c.users > 0, 1),
        else_=0,
    )
    statement = (
        select(
            col(company.name).label("company"),
            func.coalesce(col(company.thesis_role), UNASSIGNED_ROLE).label("thesis_role"),
            func.coalesce(_first_category(zh), "uncategorised").label("category"),
            ownership.c.ownership,
            ownership.c.model_evidence,
            users.c.users,
            reach.label("reach"),
            func.coalesce(funding.c.funding_usd, 0).label("funding_usd"),
            func.coalesce(funding.c.rounds, 0).label("rounds"),
            func.coalesce(funding.c.undisclosed_rounds, 0).label("undisclosed_rounds"),
            sources.c.sources,
        )
        .outerjoin(ownership, ownership.c.company_id == col(company.id))
        .outerjoin(users, users.c.company_id == col(company.id))
        .outerjoin(funding, funding.c.company_id == col(company.id))
        .outerjoin(sources, sources.c.company_id == col(company.id))
        .where(notes_filter("company_id", col(company.id), notes_only))
        .order_by(col(company.name))
    )
    frame = read_frame(engine, statement)
    frame["ownership"] = frame["ownership"].astype("Int64")
    frame["ownership_label"] = frame["ownership"].map(OWNERSHIP)
    frame["reach_label"] = frame["reach"].map(REACH)
    return frame[QUADRANT_COLUMNS]


def claim_stances(engine: Engine, notes_only: bool = False) -> list[str]:
    """The stances the claims on record take, most frequent first."""
    conditions: list[ColumnElement[bool]] = [notes_filter("claim_id", col(m.Claim.id), notes_only)]
    statement = (
        select(col(m.Claim.stance))
        .where(*conditions)
        .group_by(col(m.Claim.stance))
        .order_by(func.count(col(m.Claim.id)).desc(), col(m.Claim.stance))
    )
    return read_frame(engine, statement)["stance"].tolist()


def claims(engine: Engine, stances: tuple[str, ...] = (), notes_only: bool = False) -> pd.DataFrame:
    """Claims with their stance, speaker, the companies they concern, sources and quotes."""
    claim = m.Claim
    named = (
        select(col(m.ClaimCompany.claim_id), col(m.Company.name))
        .join(m.Company, col(m.Company.id) == col(m.ClaimCompany.company_id))
        .distinct()
        .subquery()
    )
    companies = (
        select(joined_text(engine, named.c.name))
        .where(named.c.claim_id == col(claim.id))
        .scalar_subquery()
    )
    conditions: list[ColumnElement[bool]] = []
    if stances:
        conditions.append(col(claim.stance).in_(stances))
    conditions.append(notes_filter("claim_id", col(claim.id), notes_only))
    statement = (
        select(
            col(claim.stance),
            col(claim.statement),
            col(claim.summary_en),
            col(claim.speaker),
            col(claim.topic),
            companies.label("companies"),
            source_text(engine, "claim_id", col(claim.id)).label("sources"),
            quote_text(engine, "claim_id", col(claim.id)).label("quotes"),
        )
        .where(*conditions)
        .order_by(col(claim.stance), col(claim.id))
    )
    frame = read_frame(engine, statement)
    text = ["summary_en", "speaker", "companies", "sources", "quotes"]
    frame[text] = frame[text].astype(object).where(frame[text].notna(), "")
    return frame


def funding_by_role(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Per year and thesis role of the company raising: disclosed USD, its share of the year's
    disclosed USD, rounds and undisclosed rounds."""
    rounds = m.FundingRound
    year = year_of(col(rounds.announced_on))
    role = func.coalesce(col(m.Company.thesis_role), UNASSIGNED_ROLE)
    conditions: list[ColumnElement[bool]] = [col(rounds.announced_on).is_not(None)]
    conditions.append(notes_filter("funding_round_id", col(rounds.id), notes_only))
    amount = usd_total(col(rounds.amount_usd))
    year_total = func.sum(amount).over(partition_by=year)
    share = cast(amount, Float) / func.nullif(cast(year_total, Float), 0)
    totals = (
        select(
            year.label("year"),
            role.label("role"),
            amount.label("amount_usd"),
            share.label("share"),
            func.count(col(rounds.id)).label("rounds"),
            func.sum(case((col(rounds.amount_usd).is_(None), 1), else_=0)).label("undisclosed"),
        )
        .join(m.Company, col(m.Company.id) == col(rounds.company_id))
        .where(*conditions)
        .group_by(year, role)
        .subquery()
    )
    sources = sources_per_group(engine, {"year": year, "role": role}, conditions)
    statement = (
        select(totals, sources.c.sources)
        .outerjoin(sources, (sources.c.year == totals.c.year) & (sources.c.role == totals.c.role))
        .order_by(totals.c.year, totals.c.role)
    )
    return read_frame(engine, statement)
