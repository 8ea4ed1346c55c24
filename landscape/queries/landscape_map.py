"""The landscape map: categories as groups holding their companies."""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select, union
from sqlalchemy.orm import aliased
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    AnySelect,
    category_label,
    notes_filter,
    read_frame,
    round_raised_usd,
)

MAP_COLUMNS = [
    "group_id",
    "group",
    "group_position",
    "group_companies",
    "category_id",
    "category",
    "category_name",
    "category_position",
    "category_companies",
    "company_id",
    "company",
    "kind",
    "thesis_role",
    "raised_usd",
]


def company_category_links(company_id: int | None = None) -> Any:
    """Subquery of distinct (company_id, category_id): a company's own categories and those of
    its products; of one company when ``company_id`` is given (read through its indexes)."""
    own = select(col(m.CompanyCategory.company_id), col(m.CompanyCategory.category_id))
    through_products = select(col(m.Product.company_id), col(m.ProductCategory.category_id)).join(
        m.ProductCategory, col(m.ProductCategory.product_id) == col(m.Product.id)
    )
    if company_id is not None:
        own = own.where(col(m.CompanyCategory.company_id) == company_id)
        through_products = through_products.where(col(m.Product.company_id) == company_id)
    return union(own, through_products).subquery()


def landscape_map(
    engine: Engine,
    *,
    notes_only: bool = False,
    zh: bool = False,
    per_category: int | None = None,
    category_id: int | None = None,
) -> pd.DataFrame:
    """One row per (category, company); a category's group is its parent, or itself at the top.

    Companies in no category come once, with an empty group. Ordered as the map is drawn:
    groups by position, then categories, then companies by USD raised (most first) and name.
    ``per_category`` keeps only that many companies of each category (the map at 100,000
    companies draws the top of each box, not every company); ``group_companies`` and
    ``category_companies`` still count them all. ``category_id`` keeps one category (0 for the
    companies in none).
    """
    placed = _placed(engine, notes_only, zh).cte("placed")
    box = func.coalesce(placed.c.category_id, 0)
    ranked = select(
        placed,
        func.row_number()
        .over(partition_by=box, order_by=(placed.c.raised_usd.desc(), placed.c.company))
        .label("rank"),
        func.count().over(partition_by=box).label("category_companies"),
    )
    if category_id is not None:
        ranked = ranked.where(box == category_id)
    boxes = ranked.subquery("boxes")
    group_key = func.coalesce(placed.c.group_id, 0)
    groups = (
        select(group_key.label("key"), func.count(func.distinct(placed.c.company_id)).label("n"))
        .group_by(group_key)
        .subquery("groups")
    )
    statement = (
        select(*(boxes.c[name] for name in MAP_COLUMNS if name != "group_companies"))
        .add_columns(groups.c.n.label("group_companies"))
        .join(groups, groups.c.key == func.coalesce(boxes.c.group_id, 0))
        .order_by(
            boxes.c.group_id.is_(None),
            boxes.c.group_position,
            boxes.c.group_name,
            boxes.c.group_id != boxes.c.category_id,
            boxes.c.category_position,
            boxes.c.category_name,
            boxes.c.rank,
        )
    )
    if per_category is not None:
        statement = statement.where(boxes.c.rank <= per_category)
    return read_frame(engine, statement)[MAP_COLUMNS]


def _placed(engine: Engine, notes_only: bool, zh: bool) -> AnySelect:
    """Every (category, company) pair with the category's group and the company's USD raised."""
    c = m.Company
    links = company_category_links()
    category = aliased(m.Category)
    parent = aliased(m.Category)
    raised = (
        select(col(m.FundingRound.company_id).label("company_id"), round_raised_usd().label("usd"))
        .group_by(col(m.FundingRound.company_id))
        .subquery("raised")
    )
    return (
        select(
            func.coalesce(col(parent.id), col(category.id)).label("group_id"),
            func.coalesce(category_label(parent, zh), category_label(category, zh)).label("group"),
            func.coalesce(col(parent.name), col(category.name)).label("group_name"),
            func.coalesce(col(parent.position), col(category.position)).label("group_position"),
            col(category.id).label("category_id"),
            category_label(category, zh).label("category"),
            col(category.name).label("category_name"),
            col(category.position).label("category_position"),
            col(c.id).label("company_id"),
            col(c.name).label("company"),
            col(c.kind),
            col(c.thesis_role),
            func.coalesce(raised.c.usd, 0).label("raised_usd"),
        )
        .select_from(c)
        .outerjoin(links, links.c.company_id == col(c.id))
        .outerjoin(category, col(category.id) == links.c.category_id)
        .outerjoin(parent, col(parent.id) == col(category.parent_id))
        .outerjoin(raised, raised.c.company_id == col(c.id))
        .where(notes_filter("company_id", col(c.id), notes_only))
    )
