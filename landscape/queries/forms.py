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


def _by(engine: Engine, table: str, *order: str, company: bool = False) -> Choices:
    """(id, name) of every row of ``table``, ordered by its columns ``order`` (after its
    company's name, with ``company``), then by id."""
    names, rows = _names(table), registry.record(table).sql_table
    statement = select(names.c.id, names.c.name).join(rows, rows.c.id == names.c.id)
    keys = [rows.c[column] for column in order]
    if company:
        companies = registry.record("companies").sql_table
        statement = statement.join(companies, companies.c.id == rows.c.company_id)
        keys.insert(0, companies.c.name_key)
    return _choices(engine, statement.order_by(*keys, rows.c.id))


def company_choices(engine: Engine) -> Choices:
    """(id, name) of every company, by name."""
    return _by(engine, "companies", "name_key")


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
    return _by(engine, "products", "name_key", company=True)


def funding_round_choices(engine: Engine) -> Choices:
    """(id, "Company · round type · date") of every round, by company then date."""
    return _by(engine, "funding_rounds", "announced_on", company=True)


def metric_choices(engine: Engine) -> Choices:
    """(id, "Subject · metric · date") of every metric."""
    return _by(engine, "metrics")


def event_choices(engine: Engine) -> Choices:
    """(id, "title · date") of every event, by date."""
    return _by(engine, "events", "occurred_on")


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
