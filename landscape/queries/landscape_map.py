"""The landscape map: categories as groups holding their companies."""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select, union
from sqlalchemy.orm import aliased

from landscape import models as m
from landscape.queries.common import category_label, notes_filter, read_frame

MAP_COLUMNS = [
    "group_id",
    "group",
    "group_position",
    "category_id",
    "category",
    "category_position",
    "company_id",
    "company",
    "kind",
    "thesis_role",
]


def company_category_links() -> Any:
    """Subquery of distinct (company_id, category_id): a company's own categories and those of
    its products."""
    own = select(m.CompanyCategory.company_id, m.CompanyCategory.category_id)
    through_products = select(m.Product.company_id, m.ProductCategory.category_id).join(
        m.ProductCategory, m.ProductCategory.product_id == m.Product.id
    )
    return union(own, through_products).subquery()


def landscape_map(engine: Engine, *, notes_only: bool = False, zh: bool = False) -> pd.DataFrame:
    """One row per (category, company); a category's group is its parent, or itself at the top.

    Companies in no category come once, with an empty group. Ordered as the map is drawn:
    groups by position, then categories, then companies by name.
    """
    c = m.Company
    links = company_category_links()
    category = aliased(m.Category)
    parent = aliased(m.Category)
    group_id = func.coalesce(parent.id, category.id)
    statement = (
        select(
            group_id.label("group_id"),
            func.coalesce(category_label(parent, zh), category_label(category, zh)).label("group"),
            func.coalesce(parent.position, category.position).label("group_position"),
            category.id.label("category_id"),
            category_label(category, zh).label("category"),
            category.position.label("category_position"),
            c.id.label("company_id"),
            c.name.label("company"),
            c.kind,
            c.thesis_role,
        )
        .select_from(c)
        .outerjoin(links, links.c.company_id == c.id)
        .outerjoin(category, category.id == links.c.category_id)
        .outerjoin(parent, parent.id == category.parent_id)
        .where(notes_filter("company_id", c.id, notes_only))
        .order_by(
            group_id.is_(None),
            func.coalesce(parent.position, category.position),
            func.coalesce(parent.name, category.name),
            parent.id.is_not(None),
            category.position,
            category.name,
            c.name,
        )
    )
    return read_frame(engine, statement)
