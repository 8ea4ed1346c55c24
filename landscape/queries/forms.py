"""What the Add data forms offer: choices for their pickers, and a stored row's values to edit.

Labels are plain text (pickers show them as typed, never as markdown).
"""

from typing import Any

from sqlalchemy import Connection, Engine, Select, Subquery, select
from sqlmodel import col

from landscape import models as m
from landscape import registry
from landscape.dates import format_partial_date

Choices = list[tuple[int, str]]


def _names(table: str) -> Subquery:
    """(id, name) of every row of ``table``: the registry's one human name of each row."""
    return registry.name_query(table).subquery(f"{table}_names")


def _choices(engine: Engine, statement: Select[Any, Any]) -> Choices:
    with engine.connect() as connection:
        return [(int(row[0]), str(row[1] or "")) for row in connection.execute(statement)]


def company_choices(engine: Engine) -> Choices:
    """(id, name) of every company, by name."""
    names, c = _names("companies"), m.Company
    statement = (
        select(names.c.id, names.c.name)
        .join(c, col(c.id) == names.c.id)
        .order_by(col(c.name_key), col(c.id))
    )
    return _choices(engine, statement)


def category_choices(engine: Engine) -> list[str]:
    """Every category name, by position then name."""
    statement = select(col(m.Category.name)).order_by(
        col(m.Category.position), col(m.Category.name_key)
    )
    with engine.connect() as connection:
        return list(connection.execute(statement).scalars())


def source_choices(engine: Engine) -> Choices:
    """(id, title) of every source, newest first."""
    names = _names("sources")
    return _choices(engine, select(names.c.id, names.c.name).order_by(names.c.id.desc()))


def product_choices(engine: Engine) -> Choices:
    """(id, name) of every product, by company then name."""
    names, p, company = _names("products"), m.Product, m.Company
    statement = (
        select(names.c.id, names.c.name)
        .join(p, col(p.id) == names.c.id)
        .join(company, col(company.id) == col(p.company_id))
        .order_by(col(company.name_key), col(p.name_key), col(p.id))
    )
    return _choices(engine, statement)


def funding_round_choices(engine: Engine) -> Choices:
    """(id, "Company · round type · date") of every round, by company then date."""
    names, f, company = _names("funding_rounds"), m.FundingRound, m.Company
    statement = (
        select(names.c.id, names.c.name)
        .join(f, col(f.id) == names.c.id)
        .join(company, col(company.id) == col(f.company_id))
        .order_by(col(company.name_key), col(f.announced_on), col(f.id))
    )
    return _choices(engine, statement)


def metric_choices(engine: Engine) -> Choices:
    """(id, "Subject · metric · date") of every metric."""
    names = _names("metrics")
    return _choices(engine, select(names.c.id, names.c.name).order_by(names.c.id))


def event_choices(engine: Engine) -> Choices:
    """(id, "title · date") of every event, by date."""
    names, e = _names("events"), m.Event
    statement = (
        select(names.c.id, names.c.name)
        .join(e, col(e.id) == names.c.id)
        .order_by(col(e.occurred_on), col(e.id))
    )
    return _choices(engine, statement)


# The tables a source can be cited for from the Source form, each with its picker.
CITABLE_CHOICES = {
    "companies": company_choices,
    "products": product_choices,
    "funding_rounds": funding_round_choices,
    "metrics": metric_choices,
    "events": event_choices,
}

# The picker above each form: every row of the table, by the registry's name.
ROW_CHOICES = CITABLE_CHOICES | {"sources": source_choices}


def citable_choices(engine: Engine) -> list[tuple[str, int, str]]:
    """(table, id, "Noun: name") of every company, product, round, metric and event."""
    return [
        (table, row_id, f"{registry.record(table).title}: {name}")
        for table, choices in CITABLE_CHOICES.items()
        for row_id, name in choices(engine)
    ]


def form_values(engine: Engine, table: str, row_id: int) -> dict[str, Any]:
    """A stored row as its form shows it: every column, each date as text at its precision
    (``2015-Q4``), and its categories, investors, lead and subject. Empty for a missing row."""
    record = registry.record(table)
    create, _, base = record.form_schemas()
    sql = record.sql_table
    columns = [sql.c[name] for name in base.model_fields]
    extra = [sql.c[name] for name in ("company_id", "product_id", "model_id") if name in sql.c]
    with engine.connect() as connection:
        statement = select(*columns, *extra).where(sql.c.id == row_id)
        row = connection.execute(statement).mappings().first()
        if row is None:
            return {}
        values: dict[str, Any] = dict(row)
        dates: dict[str, tuple[str, str]] = getattr(create, "DATES", {})
        for text_field, (date_field, precision_field) in dates.items():
            values[text_field] = format_partial_date(values[date_field], values[precision_field])
        for link in registry.links():
            if link.owner == table and link.column == "categories":
                values["categories"] = _linked_names(connection, link, row_id)
        if table == "funding_rounds":
            i = m.Investment
            investments = connection.execute(
                select(col(i.investor_id), col(i.is_lead))
                .where(col(i.funding_round_id) == row_id)
                .order_by(col(i.id))
            ).all()
            values["investor_ids"] = [int(i.investor_id) for i in investments]
            values["lead_investor_id"] = next(
                (int(i.investor_id) for i in investments if i.is_lead), None
            )
    return values


def _linked_names(connection: Connection, link: registry.Link, row_id: int) -> list[str]:
    """The names of the rows ``link`` ties to row ``row_id`` of its owner, by name."""
    linked = registry.record(link.linked).sql_table
    table = registry.record_of(link.model).sql_table
    statement = (
        select(linked.c.name)
        .join(table, table.c[link.linked_column] == linked.c.id)
        .where(table.c[link.owner_column] == row_id)
        .order_by(linked.c.name)
    )
    return list(connection.execute(statement).scalars())
