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

from landscape import models as m
from landscape.queries.common import read_frame

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
    base = select(c.id.label("citation_id"))
    claim_of_company = select(m.ClaimCompany.claim_id).where(
        m.ClaimCompany.company_id == company_id
    )
    return [
        _part(
            "company",
            m.Company.name,
            base.join(m.Company, m.Company.id == c.company_id),
            when(m.Company.id == company_id),
        ),
        _part(
            "person",
            m.Person.name,
            base.join(m.Person, m.Person.id == c.person_id),
            when(m.Person.company_id == company_id),
        ),
        _part(
            "category",
            m.Category.name,
            base.join(m.Category, m.Category.id == c.category_id),
            when(false()),
        ),
        _part(
            "product",
            m.Product.name,
            base.join(m.Product, m.Product.id == c.product_id),
            when(m.Product.company_id == company_id),
        ),
        _part(
            "funding round",
            owner.name + literal(" — ") + m.FundingRound.round_type,
            base.join(m.FundingRound, m.FundingRound.id == c.funding_round_id).join(
                owner, owner.id == m.FundingRound.company_id
            ),
            when(m.FundingRound.company_id == company_id),
        ),
        _part(
            "investment",
            investor.name + literal(" → ") + owner.name,
            base.join(m.Investment, m.Investment.id == c.investment_id)
            .join(m.FundingRound, m.FundingRound.id == m.Investment.funding_round_id)
            .join(owner, owner.id == m.FundingRound.company_id)
            .join(investor, investor.id == m.Investment.investor_id),
            when(
                or_(
                    m.FundingRound.company_id == company_id,
                    m.Investment.investor_id == company_id,
                )
            ),
        ),
        _part(
            "model",
            m.AIModel.name,
            base.join(m.AIModel, m.AIModel.id == c.model_id),
            when(m.AIModel.developer_id == company_id),
        ),
        _part(
            "model price",
            m.AIModel.name + literal(" — ") + m.ModelPrice.label,
            base.join(m.ModelPrice, m.ModelPrice.id == c.model_price_id).join(
                m.AIModel, m.AIModel.id == m.ModelPrice.model_id
            ),
            when(m.AIModel.developer_id == company_id),
        ),
        _part(
            "model use",
            func.coalesce(m.Product.name, user.name, literal("?"))
            + literal(" uses ")
            + m.AIModel.name,
            base.join(m.ModelUse, m.ModelUse.id == c.model_use_id)
            .join(m.AIModel, m.AIModel.id == m.ModelUse.model_id)
            .outerjoin(user, user.id == m.ModelUse.company_id)
            .outerjoin(m.Product, m.Product.id == m.ModelUse.product_id),
            when(or_(m.ModelUse.company_id == company_id, m.Product.company_id == company_id)),
        ),
        _part(
            "metric",
            func.coalesce(subject_company.name, m.Product.name, m.AIModel.name, literal("?"))
            + literal(": ")
            + func.coalesce(m.Metric.label, m.Metric.name),
            base.join(m.Metric, m.Metric.id == c.metric_id)
            .outerjoin(subject_company, subject_company.id == m.Metric.company_id)
            .outerjoin(m.Product, m.Product.id == m.Metric.product_id)
            .outerjoin(m.AIModel, m.AIModel.id == m.Metric.model_id),
            when(or_(m.Metric.company_id == company_id, m.Product.company_id == company_id)),
        ),
        _part(
            "event",
            m.Event.title,
            base.join(m.Event, m.Event.id == c.event_id).outerjoin(
                m.Product, m.Product.id == m.Event.product_id
            ),
            when(or_(m.Event.company_id == company_id, m.Product.company_id == company_id)),
        ),
        _part(
            "claim",
            func.coalesce(m.Claim.summary_en, m.Claim.statement),
            base.join(m.Claim, m.Claim.id == c.claim_id),
            when(m.Claim.id.in_(claim_of_company)),
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
            c.quote,
            c.quote_language,
            c.note,
            s.id.label("source_id"),
            s.title.label("source"),
            s.kind.label("source_kind"),
            s.publisher,
            s.url,
            s.locator,
        )
        .join(c, c.id == cited.c.citation_id)
        .join(s, s.id == c.source_id)
        .order_by(cited.c.supports, cited.c.subject, c.id)
    )
    if source_ids:
        statement = statement.where(s.id.in_(list(source_ids)))
    if search.strip():
        text = search.strip()
        statement = statement.where(
            or_(
                c.quote.icontains(text, autoescape=True),
                cited.c.subject.icontains(text, autoescape=True),
            )
        )
    if notes_only:
        statement = statement.where(s.kind == m.SourceKind.notes.value)
    return read_frame(engine, statement)
