"""What the Add data forms offer: choices for their pickers, and a stored row's values to edit.

Labels are plain text (pickers show them as typed, never as markdown).
"""

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import aliased
from sqlmodel import col

from landscape import models as m
from landscape.dates import format_partial_date
from landscape.queries.common import AnySelect
from landscape.schemas import MODELS

Choices = list[tuple[int, str]]


def _choices(engine: Engine, statement: Any) -> Choices:
    with engine.connect() as connection:
        return [(int(row[0]), str(row[1])) for row in connection.execute(statement)]


def company_choices(engine: Engine) -> Choices:
    """(id, name) of every company, by name."""
    return _choices(
        engine, select(col(m.Company.id), col(m.Company.name)).order_by(col(m.Company.name_key))
    )


def category_choices(engine: Engine) -> list[str]:
    """Every category name, by position then name."""
    statement = select(col(m.Category.name)).order_by(
        col(m.Category.position), col(m.Category.name_key)
    )
    with engine.connect() as connection:
        return list(connection.execute(statement).scalars())


def source_choices(engine: Engine) -> Choices:
    """(id, title) of every source, newest first."""
    return _choices(
        engine, select(col(m.Source.id), col(m.Source.title)).order_by(col(m.Source.id).desc())
    )


def product_choices(engine: Engine) -> Choices:
    """(id, "Product (Company)") of every product."""
    statement = (
        select(col(m.Product.id), col(m.Product.name), col(m.Company.name))
        .join(m.Company, col(m.Company.id) == col(m.Product.company_id))
        .order_by(col(m.Company.name_key), col(m.Product.name_key))
    )
    with engine.connect() as connection:
        return [
            (i, f"{name} ({company})")
            for i, name, company in connection.execute(statement)
            if i is not None
        ]


def funding_round_choices(engine: Engine) -> Choices:
    """(id, "Company · round type · date · amount") of every round."""
    f = m.FundingRound
    statement = (
        select(
            col(f.id),
            col(m.Company.name),
            col(f.round_type),
            col(f.announced_on),
            col(f.announced_precision),
            col(f.amount),
            col(f.currency),
        )
        .join(m.Company, col(m.Company.id) == col(f.company_id))
        .order_by(col(m.Company.name_key), col(f.announced_on), col(f.id))
    )
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    return [
        (int(row.id), _joined(row.name, row.round_type,
                              format_partial_date(row.announced_on, row.announced_precision),
                              f"{row.amount:,} {row.currency or ''}".strip()
                              if row.amount is not None else "amount undisclosed"))
        for row in rows
    ]  # fmt: skip


def metric_choices(engine: Engine) -> Choices:
    """(id, "Subject · metric · value unit · date") of every metric."""
    x = m.Metric
    product = aliased(m.Product)
    statement: AnySelect = (
        select(
            col(x.id),
            col(m.Company.name).label("company"),
            col(product.name).label("product"),
            col(m.AIModel.name).label("model"),
            col(x.name),
            col(x.label),
            col(x.value),
            col(x.unit),
            col(x.as_of),
            col(x.as_of_precision),
        )
        .outerjoin(m.Company, col(m.Company.id) == col(x.company_id))
        .outerjoin(product, col(product.id) == col(x.product_id))
        .outerjoin(m.AIModel, col(m.AIModel.id) == col(x.model_id))
        .order_by(col(x.id))
    )
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    return [
        (int(row.id), _joined(row.product or row.company or row.model, row.label or row.name,
                              f"{row.value:g} {row.unit}",
                              format_partial_date(row.as_of, row.as_of_precision)))
        for row in rows
    ]  # fmt: skip


def event_choices(engine: Engine) -> Choices:
    """(id, "date · title") of every event, by date."""
    e = m.Event
    statement = select(
        col(e.id), col(e.occurred_on), col(e.occurred_precision), col(e.title)
    ).order_by(col(e.occurred_on), col(e.id))
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    return [
        (int(row.id), _joined(format_partial_date(row.occurred_on, row.occurred_precision),
                              row.title))
        for row in rows
    ]  # fmt: skip


def citable_choices(engine: Engine) -> list[tuple[str, int, str]]:
    """(table, id, label) of every company, product, round, metric and event."""
    groups = [
        ("companies", "Company", company_choices(engine)),
        ("products", "Product", product_choices(engine)),
        ("funding_rounds", "Funding round", funding_round_choices(engine)),
        ("metrics", "Metric", metric_choices(engine)),
        ("events", "Event", event_choices(engine)),
    ]
    return [
        (table, row_id, f"{noun}: {label}")
        for table, noun, choices in groups
        for row_id, label in choices
    ]


def form_values(engine: Engine, table: str, row_id: int) -> dict[str, Any]:
    """A stored row as its form shows it: every column, each date as text at its precision
    (``2015-Q4``), and its categories, investors, lead and subject. Empty for a missing row."""
    create, _, base = MODELS[table]
    model = {
        "companies": m.Company,
        "products": m.Product,
        "funding_rounds": m.FundingRound,
        "metrics": m.Metric,
        "events": m.Event,
        "sources": m.Source,
    }[table]
    columns = [getattr(model, name) for name in base.model_fields]
    extra = [
        getattr(model, name)
        for name in ("company_id", "product_id", "model_id")
        if hasattr(model, name)
    ]
    with engine.connect() as connection:
        row = (
            connection.execute(
                select(*columns, *extra).where(model.id == row_id)  # type: ignore[attr-defined]
            )
            .mappings()
            .first()
        )
        if row is None:
            return {}
        values = dict(row)
        for text_field, (date_field, precision_field) in create.DATES.items():  # type: ignore[attr-defined]
            values[text_field] = format_partial_date(values[date_field], values[precision_field])
        if table in ("companies", "products"):
            values["categories"] = _category_names(connection, table, row_id)
        if table == "funding_rounds":
            investments = connection.execute(
                select(col(m.Investment.investor_id), col(m.Investment.is_lead))
                .where(col(m.Investment.funding_round_id) == row_id)
                .order_by(col(m.Investment.id))
            ).all()
            values["investor_ids"] = [int(i.investor_id) for i in investments]
            values["lead_investor_id"] = next(
                (int(i.investor_id) for i in investments if i.is_lead), None
            )
    return values


def _category_names(connection: Any, table: str, row_id: int) -> list[str]:
    link, column = (
        (m.CompanyCategory, col(m.CompanyCategory.company_id))
        if table == "companies"
        else (m.ProductCategory, col(m.ProductCategory.product_id))
    )
    statement = (
        select(col(m.Category.name))
        .join(link, col(link.category_id) == col(m.Category.id))
        .where(column == row_id)
        .order_by(col(m.Category.name))
    )
    return list(connection.execute(statement).scalars())


def _joined(*parts: object) -> str:
    return " · ".join(str(part) for part in parts if part not in (None, ""))
