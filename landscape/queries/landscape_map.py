"""The landscape map: categories as groups holding their companies."""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select, union
from sqlalchemy.orm import aliased
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import AnySelect, category_label, notes_filter, read_frame

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
    own = select(col(m.CompanyCategory.company_id), col(m.CompanyCategory.category_id))
    through_products = select(col(m.Product.company_id), col(m.ProductCategory.category_id)).join(
        m.ProductCategory, col(m.ProductCategory.product_id) == col(m.Product.id)
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
    group_id = func.coalesce(col(parent.id), col(category.id))
    statement: AnySelect = (
        select(
            group_id.label("group_id"),
            func.coalesce(category_label(parent, zh), category_label(category, zh)).label("group"),
            func.coalesce(col(parent.position), col(category.position)).label("group_position"),
            col(category.id).label("category_id"),
            category_label(category, zh).label("category"),
            col(category.position).label("category_position"),
            col(c.id).label("company_id"),
            col(c.name).label("company"),
            col(c.kind),
            col(c.thesis_role),
        )
        .select_from(c)
        .outerjoin(links, links.c.company_id == col(c.id))
        .outerjoin(category, col(category.id) == links.c.category_id)
        .outerjoin(parent, col(parent.id) == col(category.parent_id))
        .where(notes_filter("company_id", col(c.id), notes_only))
        .order_by(
            group_id.is_(None),
            func.coalesce(col(parent.position), col(category.position)),
            func.coalesce(col(parent.name), col(category.name)),
            col(parent.id).is_not(None),
            col(category.position),
            col(category.name),
            col(c.name),
        )
    )
    return read_frame(engine, statement)
