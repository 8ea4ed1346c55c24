"""Citations named by what they support.

A fact is *from the notes* when a citation ties it to a source of kind ``notes``; the "Notes
only" switch is ``queries.common.notes_filter``.
"""

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, false, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import AnySelect, read_frame

CITATION_COLUMNS = [
    "citation_id",
    "supports",
    "subject",
    "quote",
    "quote_language",
    "note",
    "source_id",
    "source",
    "source_kind",
    "publisher",
    "url",
    "locator",
]


# ---------------------------------------------------------------- citations by subject


def _part(
    supports: str, label: Any, joined: Select, about_company: ColumnElement[bool] | None
) -> Select:
    """One citable table's citations: (citation_id, supports, subject), narrowed to a company."""
    statement = joined.add_columns(literal(supports).label("supports"), label.label("subject"))
    return statement if about_company is None else statement.where(about_company)


def _citation_parts(company_id: int | None) -> list[Select]:
    """One SELECT per citable table, naming each citation's subject in words."""
    c = m.Citation
    about = company_id is not None

    def when(condition: ColumnElement[bool]) -> ColumnElement[bool] | None:
        return condition if about else None

    owner = aliased(m.Company)
    investor = aliased(m.Company)
    user = aliased(m.Company)
    subject_company = aliased(m.Company)
    base: AnySelect = select(col(c.id).label("citation_id"))
    claim_of_company = select(col(m.ClaimCompany.claim_id)).where(
        col(m.ClaimCompany.company_id) == company_id
    )
    return [
        _part(
            "company",
            col(m.Company.name),
            base.join(m.Company, col(m.Company.id) == col(c.company_id)),
            when(col(m.Company.id) == company_id),
        ),
        _part(
            "person",
            col(m.Person.name),
            base.join(m.Person, col(m.Person.id) == col(c.person_id)),
            when(col(m.Person.company_id) == company_id),
        ),
        _part(
            "category",
            col(m.Category.name),
            base.join(m.Category, col(m.Category.id) == col(c.category_id)),
            when(false()),
        ),
        _part(
            "product",
            col(m.Product.name),
            base.join(m.Product, col(m.Product.id) == col(c.product_id)),
            when(col(m.Product.company_id) == company_id),
        ),
        _part(
            "funding round",
            col(owner.name) + literal(" — ") + col(m.FundingRound.round_type),
            base.join(m.FundingRound, col(m.FundingRound.id) == col(c.funding_round_id)).join(
                owner, col(owner.id) == col(m.FundingRound.company_id)
            ),
            when(col(m.FundingRound.company_id) == company_id),
        ),
        _part(
            "investment",
            col(investor.name) + literal(" → ") + col(owner.name),
            base.join(m.Investment, col(m.Investment.id) == col(c.investment_id))
            .join(m.FundingRound, col(m.FundingRound.id) == col(m.Investment.funding_round_id))
            .join(owner, col(owner.id) == col(m.FundingRound.company_id))
            .join(investor, col(investor.id) == col(m.Investment.investor_id)),
            when(
                or_(
                    col(m.FundingRound.company_id) == company_id,
                    col(m.Investment.investor_id) == company_id,
                )
            ),
        ),
        _part(
            "model",
            col(m.AIModel.name),
            base.join(m.AIModel, col(m.AIModel.id) == col(c.model_id)),
            when(col(m.AIModel.developer_id) == company_id),
        ),
        _part(
            "model price",
            col(m.AIModel.name) + literal(" — ") + col(m.ModelPrice.label),
            base.join(m.ModelPrice, col(m.ModelPrice.id) == col(c.model_price_id)).join(
                m.AIModel, col(m.AIModel.id) == col(m.ModelPrice.model_id)
            ),
            when(col(m.AIModel.developer_id) == company_id),
        ),
        _part(
            "model use",
            func.coalesce(col(m.Product.name), col(user.name), literal("?"))
            + literal(" uses ")
            + col(m.AIModel.name),
            base.join(m.ModelUse, col(m.ModelUse.id) == col(c.model_use_id))
            .join(m.AIModel, col(m.AIModel.id) == col(m.ModelUse.model_id))
            .outerjoin(user, col(user.id) == col(m.ModelUse.company_id))
            .outerjoin(m.Product, col(m.Product.id) == col(m.ModelUse.product_id)),
            when(
                or_(
                    col(m.ModelUse.company_id) == company_id,
                    col(m.Product.company_id) == company_id,
                )
            ),
        ),
        _part(
            "metric",
            func.coalesce(
                col(subject_company.name), col(m.Product.name), col(m.AIModel.name), literal("?")
            )
            + literal(": ")
            + func.coalesce(col(m.Metric.label), col(m.Metric.name)),
            base.join(m.Metric, col(m.Metric.id) == col(c.metric_id))
            .outerjoin(subject_company, col(subject_company.id) == col(m.Metric.company_id))
            .outerjoin(m.Product, col(m.Product.id) == col(m.Metric.product_id))
            .outerjoin(m.AIModel, col(m.AIModel.id) == col(m.Metric.model_id)),
            when(
                or_(col(m.Metric.company_id) == company_id, col(m.Product.company_id) == company_id)
            ),
        ),
        _part(
            "event",
            col(m.Event.title),
            base.join(m.Event, col(m.Event.id) == col(c.event_id)).outerjoin(
                m.Product, col(m.Product.id) == col(m.Event.product_id)
            ),
            when(
                or_(col(m.Event.company_id) == company_id, col(m.Product.company_id) == company_id)
            ),
        ),
        _part(
            "claim",
            func.coalesce(col(m.Claim.summary_en), col(m.Claim.statement)),
            base.join(m.Claim, col(m.Claim.id) == col(c.claim_id)),
            when(col(m.Claim.id).in_(claim_of_company)),
        ),
    ]


def citations(
    engine: Engine,
    *,
    company_id: int | None = None,
    source_ids: Sequence[int] = (),
    search: str = "",
    notes_only: bool = False,
) -> pd.DataFrame:
    """Citations with their quote, their source, and what they support, in words.

    ``company_id`` keeps the citations about a company and its facts (its products, rounds,
    investments made or received, models, prices, uses, metrics, events, claims, people);
    ``source_ids`` keeps those of some sources; ``search`` matches the quote or the subject.
    """
    cited = union_all(*_citation_parts(company_id)).subquery()
    c = m.Citation
    s = m.Source
    statement = (
        select(
            cited.c.citation_id,
            cited.c.supports,
            cited.c.subject,
            col(c.quote),
            col(c.quote_language),
            col(c.note),
            col(s.id).label("source_id"),
            col(s.title).label("source"),
            col(s.kind).label("source_kind"),
            col(s.publisher),
            col(s.url),
            col(s.locator),
        )
        .join(c, col(c.id) == cited.c.citation_id)
        .join(s, col(s.id) == col(c.source_id))
        .order_by(cited.c.supports, cited.c.subject, col(c.id))
    )
    if source_ids:
        statement = statement.where(col(s.id).in_(list(source_ids)))
    if search.strip():
        text = search.strip()
        statement = statement.where(
            or_(
                col(c.quote).icontains(text, autoescape=True),
                cited.c.subject.icontains(text, autoescape=True),
            )
        )
    if notes_only:
        statement = statement.where(col(s.kind) == m.SourceKind.notes.value)
    return read_frame(engine, statement)
