"""AI models: lineage, releases over time, who builds on which model, and prices.

Every function takes the same narrowing, a ``ModelFilters``.
"""

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Integer, Select, Text, cast, distinct, extract, func, literal, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    AnySelect,
    cited_sources,
    joined_text,
    notes_filter,
    partial_dates,
    read_frame,
    with_sources,
)

LINEAGE_COLUMNS = [
    "id",
    "name",
    "parent_id",
    "parent",
    "developer",
    "released",
    "released_on",
    "modality",
    "status",
    "open_weights",
    "lineage",
    "depth",
    "sources",
]
LINEAGE_ARROW = " → "
MAX_LINEAGE_DEPTH = 50


@dataclass(frozen=True)
class ModelFilters:
    """What the Models page is narrowed to: ``modalities`` and ``developers`` (names; empty
    means all), and ``notes_only`` (models, or uses and prices, that the notes support)."""

    modalities: tuple[str, ...] = ()
    developers: tuple[str, ...] = ()
    notes_only: bool = False

    def narrowing(self, but: str = "") -> list[ColumnElement[bool]]:
        """WHERE conditions on ``AIModel`` for the modality and developer filters; ``but``
        names one to leave out (for facet counts)."""
        a = m.AIModel
        found: list[ColumnElement[bool]] = []
        if self.modalities and but != "modalities":
            found.append(col(a.modality).in_(self.modalities))
        if self.developers and but != "developers":
            developer = aliased(m.Company)
            developer_ids = select(col(developer.id)).where(
                col(developer.name).in_(self.developers)
            )
            found.append(col(a.developer_id).in_(developer_ids.correlate(None)))
        return found

    def conditions(self, but: str = "") -> list[ColumnElement[bool]]:
        """``narrowing`` plus "Notes only" on the models themselves."""
        notes = notes_filter("model_id", col(m.AIModel.id), self.notes_only)
        return [notes, *self.narrowing(but)]


def model_facets(engine: Engine, filters: ModelFilters = ModelFilters()) -> dict[str, pd.DataFrame]:
    """``modalities`` and ``developers`` values with how many models each would show, given
    the other filter; DataFrames of ``value``, ``label``, ``count``."""
    a = m.AIModel

    def facet(column: Any, but: str) -> Select:
        shown = select(col(a.id)).where(*filters.conditions(but)).correlate(None)
        count = func.count(distinct(col(a.id))).filter(col(a.id).in_(shown))
        return (
            select(column.label("value"), column.label("label"), count.label("count"))
            .select_from(a)
            .outerjoin(m.Company, col(m.Company.id) == col(a.developer_id))
            .where(notes_filter("model_id", col(a.id), filters.notes_only), column.is_not(None))
            .group_by(column)
            .order_by(count.desc(), column)
        )

    return {
        "modalities": read_frame(engine, facet(col(a.modality), "modalities")),
        "developers": read_frame(engine, facet(col(m.Company.name), "developers")),
    }


def _lineage_paths() -> Any:
    """Recursive CTE of (id, lineage, depth): each model's chain from its root, in names."""
    a = m.AIModel
    roots = select(
        col(a.id), cast(col(a.name), Text).label("lineage"), literal(0, Integer).label("depth")
    ).where(col(a.parent_id).is_(None))
    paths = roots.cte("lineage_paths", recursive=True)
    child = aliased(m.AIModel)
    return paths.union_all(
        select(
            col(child.id),
            paths.c.lineage + literal(LINEAGE_ARROW) + cast(col(child.name), Text),
            paths.c.depth + 1,
        )
        .join(paths, col(child.parent_id) == paths.c.id)
        .where(paths.c.depth < MAX_LINEAGE_DEPTH)
    )


def model_lineage(engine: Engine, filters: ModelFilters = ModelFilters()) -> pd.DataFrame:
    """Models in family-tree order (a root, then its descendants depth-first by release),
    each with its parent, developer, release (as precise as known) and the chain of names
    from its root (``GPT-1 → GPT-2 → GPT-3``)."""
    a = m.AIModel
    parent = aliased(m.AIModel)
    paths = _lineage_paths()
    own: AnySelect = select(
        col(a.id),
        col(a.name),
        col(a.parent_id),
        col(parent.name).label("parent"),
        col(m.Company.name).label("developer"),
        col(a.released_on),
        col(a.released_precision),
        col(a.modality),
        col(a.status),
        col(a.open_weights),
        func.coalesce(paths.c.lineage, cast(col(a.name), Text)).label("lineage"),
        func.coalesce(paths.c.depth, 0).label("depth"),
    )
    statement = (
        with_sources(engine, own, col(a.id), "model_id")
        .outerjoin(parent, col(parent.id) == col(a.parent_id))
        .outerjoin(m.Company, col(m.Company.id) == col(a.developer_id))
        .outerjoin(paths, paths.c.id == col(a.id))
        .where(*filters.conditions())
    )
    frame = read_frame(engine, statement)
    frame["released"] = partial_dates(frame, "released_on", "released_precision")
    frame["released_on"] = pd.to_datetime(frame["released_on"])
    frame["parent_id"] = frame["parent_id"].astype("Int64")
    return _family_order(frame)[LINEAGE_COLUMNS].reset_index(drop=True)


def _family_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows as a family tree: each root (earliest first), then its children depth-first."""
    if frame.empty:
        return frame
    by_release = frame.sort_values(["released_on", "name"], na_position="last")
    shown = set(by_release["id"])
    children: dict[object, list[int]] = {}
    for model_id, parent_id in zip(by_release["id"], by_release["parent_id"], strict=True):
        key = parent_id if parent_id in shown else None
        children.setdefault(key, []).append(model_id)
    order: list[int] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        model_id = stack.pop()
        if model_id in order:
            continue
        order.append(model_id)
        stack.extend(reversed(children.get(model_id, [])))
    order += [model_id for model_id in by_release["id"] if model_id not in order]
    return frame.set_index("id", drop=False).loc[order]


def model_releases(engine: Engine, filters: ModelFilters = ModelFilters()) -> pd.DataFrame:
    """Models released per year and modality, with their names and sources."""
    a = m.AIModel
    year = cast(extract("year", col(a.released_on)), Integer)
    sources = cited_sources("model_id")
    picked = (
        select(col(a.id), col(a.name), col(a.modality), year.label("year"))
        .outerjoin(m.Company, col(m.Company.id) == col(a.developer_id))
        .where(col(a.released_on).is_not(None), *filters.conditions())
        .subquery()
    )
    titles = (
        select(picked.c.year, picked.c.modality, sources.c.title)
        .join(sources, sources.c.subject_id == picked.c.id)
        .distinct()
        .subquery()
    )
    titles_text = (
        select(titles.c.year, titles.c.modality, joined_text(engine, titles.c.title).label("s"))
        .group_by(titles.c.year, titles.c.modality)
        .subquery()
    )
    statement = (
        select(
            picked.c.year,
            picked.c.modality,
            func.count(picked.c.id).label("models"),
            joined_text(engine, picked.c.name, ", ").label("names"),
            titles_text.c.s.label("sources"),
        )
        .outerjoin(
            titles_text,
            (titles_text.c.year == picked.c.year) & (titles_text.c.modality == picked.c.modality),
        )
        .group_by(picked.c.year, picked.c.modality, titles_text.c.s)
        .order_by(picked.c.year, picked.c.modality)
    )
    return read_frame(engine, statement)


def _of_models(
    engine: Engine, statement: Any, table: Any, subject_column: str, filters: ModelFilters
) -> Any:
    """``statement`` over ``table``, rows about a model (its uses, its prices), with their
    sources, the model and its developer joined, narrowed by ``filters`` ("Notes only" asks
    for notes behind the rows themselves)."""
    a = m.AIModel
    return (
        with_sources(engine, statement, col(table.id), subject_column)
        .join(a, col(a.id) == col(table.model_id))
        .outerjoin(m.Company, col(m.Company.id) == col(a.developer_id))
        .where(
            notes_filter(subject_column, col(table.id), filters.notes_only), *filters.narrowing()
        )
    )


def model_uses(engine: Engine, filters: ModelFilters = ModelFilters()) -> pd.DataFrame:
    """Who builds on which model, and how (trains its own, fine-tunes, calls the API): one
    row per use, naming the user company (a product's owner for a product) and product."""
    u = m.ModelUse
    a = m.AIModel
    user = aliased(m.Company)
    owner = aliased(m.Company)
    user_name = func.coalesce(col(owner.name), col(user.name))
    own: AnySelect = select(
        col(a.name).label("model"),
        col(m.Company.name).label("developer"),
        func.coalesce(col(owner.id), col(user.id)).label("company_id"),
        user_name.label("company"),
        col(m.Product.name).label("product"),
        col(u.how),
        col(u.description),
    ).select_from(u)
    statement = (
        _of_models(engine, own, u, "model_use_id", filters)
        .outerjoin(user, col(user.id) == col(u.company_id))
        .outerjoin(m.Product, col(m.Product.id) == col(u.product_id))
        .outerjoin(owner, col(owner.id) == col(m.Product.company_id))
        .order_by(col(a.name), user_name, col(m.Product.name))
    )
    return read_frame(engine, statement)


def model_prices(engine: Engine, filters: ModelFilters = ModelFilters()) -> pd.DataFrame:
    """What using a model cost: price, currency, unit (``750 words``), date, sources."""
    p = m.ModelPrice
    a = m.AIModel
    own: AnySelect = select(
        col(a.name).label("model"),
        col(p.label),
        col(p.price),
        col(p.currency),
        col(p.unit),
        col(p.as_of),
        col(p.as_of_precision),
    ).select_from(p)
    statement = _of_models(engine, own, p, "model_price_id", filters).order_by(
        col(a.name), col(p.as_of).asc().nulls_last(), col(p.label)
    )
    columns = ["model", "label", "price", "currency", "unit", "as_of", "sources"]
    frame = read_frame(engine, statement)
    frame["as_of"] = partial_dates(frame, "as_of", "as_of_precision")
    return frame[columns]
