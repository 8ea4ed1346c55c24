"""Where facts come from: the "notes only" test, and citations named by what they support.

A fact is *from the notes* when a citation ties it to a source of kind ``notes``.
"""

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, Table, false, literal, or_, select, union_all
from sqlmodel import SQLModel

from landscape import models as m
from landscape import registry
from landscape.queries.common import cited_words, read_frame

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


def _t(model: type[SQLModel]) -> Table:
    return registry.record_of(model).sql_table


def _about_company(company_id: int) -> dict[str, Select[Any]]:
    """Per citable table, the ids of its rows about a company and its facts: the company, its
    people, products, rounds, investments made or received, models (and their prices), uses
    of models, metrics, events and claims. Categories are about no company."""
    company, person, product = _t(m.Company), _t(m.Person), _t(m.Product)
    round_, investment, model = _t(m.FundingRound), _t(m.Investment), _t(m.AIModel)
    price, use, metric, event = _t(m.ModelPrice), _t(m.ModelUse), _t(m.Metric), _t(m.Event)
    claim_company = _t(m.ClaimCompany)
    products_of_company = select(product.c.id).where(product.c.company_id == company_id)
    rounds = select(round_.c.id).where(round_.c.company_id == company_id)
    return {
        "companies": select(company.c.id).where(company.c.id == company_id),
        "people": select(person.c.id).where(person.c.company_id == company_id),
        "categories": select(_t(m.Category).c.id).where(false()),
        "products": products_of_company,
        "funding_rounds": rounds,
        "investments": select(investment.c.id).where(
            or_(investment.c.funding_round_id.in_(rounds), investment.c.investor_id == company_id)
        ),
        "ai_models": select(model.c.id).where(model.c.developer_id == company_id),
        "model_prices": select(price.c.id)
        .join(model, model.c.id == price.c.model_id)
        .where(model.c.developer_id == company_id),
        "model_uses": select(use.c.id).where(
            or_(use.c.company_id == company_id, use.c.product_id.in_(products_of_company))
        ),
        "metrics": select(metric.c.id).where(
            or_(metric.c.company_id == company_id, metric.c.product_id.in_(products_of_company))
        ),
        "events": select(event.c.id).where(
            or_(event.c.company_id == company_id, event.c.product_id.in_(products_of_company))
        ),
        "claims": select(claim_company.c.claim_id).where(claim_company.c.company_id == company_id),
    }


def _citation_parts(company_id: int | None) -> list[Select[Any]]:
    """One SELECT per citable table: (citation_id, supports, subject), the subject named by the
    registry (the one human name of the row), narrowed to a company when one is given."""
    citation = _t(m.Citation)
    about = _about_company(company_id) if company_id is not None else {}
    parts = []
    for table, record in registry.citable().items():
        column = citation.c[m.CITABLE[table]]
        names = registry.name_query(table).subquery(f"{table}_names")
        part = select(
            citation.c.id.label("citation_id"),
            literal(record.noun).label("supports"),
            names.c.name.label("subject"),
        ).join(names, names.c.id == column)
        if company_id is not None:
            part = part.where(column.in_(about[table]))
        parts.append(part)
    return parts


def citations(
    engine: Engine,
    *,
    company_id: int | None = None,
    source_ids: Sequence[int] = (),
    search: str = "",
    notes_only: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """Citations with their quote, their source, and what they support, in words.

    ``company_id`` keeps the citations about a company and its facts (its products, rounds,
    investments made or received, models, prices, uses, metrics, events, claims, people);
    ``source_ids`` keeps those of some sources; ``search`` matches the quote or the subject;
    ``limit`` keeps the first rows (a page shows a screenful, not every citation).
    """
    cited = union_all(*_citation_parts(company_id)).subquery()
    c, s = _t(m.Citation).c, _t(m.Source).c
    statement = (
        select(
            cited.c.citation_id,
            cited.c.supports,
            cited.c.subject,
            cited_words(c.quote, c.paraphrase).label("quote"),
            c.quote_language,
            c.note,
            s.id.label("source_id"),
            s.title.label("source"),
            s.kind.label("source_kind"),
            s.publisher,
            s.url,
            s.locator,
        )
        .join_from(cited, _t(m.Citation), c.id == cited.c.citation_id)
        .join(_t(m.Source), s.id == c.source_id)
        .order_by(cited.c.supports, cited.c.subject, c.id)
    )
    if source_ids:
        statement = statement.where(s.id.in_(list(source_ids)))
    if search.strip():
        text = search.strip()
        statement = statement.where(
            or_(
                c.quote.icontains(text, autoescape=True),
                c.paraphrase.icontains(text, autoescape=True),
                cited.c.subject.icontains(text, autoescape=True),
            )
        )
    if notes_only:
        statement = statement.where(s.kind == m.SourceKind.notes.value)
    return read_frame(engine, statement.limit(limit))
