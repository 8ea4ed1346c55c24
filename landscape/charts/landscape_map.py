"""The landscape map's shape: groups of categories, each holding its companies.

The map is drawn with Streamlit containers and page links (each company a link to its page),
so this module turns the query's rows into that nested shape, and nothing else. Each box may
show only the top of its companies (``landscape_map(per_category=...)``); ``total`` counts
them all.
"""

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

UNCATEGORISED = "Not yet categorised"
PER_BOX = 12  # companies a map box shows at first (most raised); "Show more" adds as many
NO_CATEGORY = 0  # the box id of the companies in no category, as landscape_map takes it


@dataclass
class MapCategory:
    """A category and the companies shown in it, as (id, name) in display order; ``total``
    counts the category's companies, shown or not."""

    label: str
    companies: list[tuple[int, str]] = field(default_factory=list)
    category_id: int = NO_CATEGORY
    total: int = 0

    @property
    def hidden(self) -> int:
        """Companies of the category that are not shown."""
        return max(self.total - len(self.companies), 0)


def _unnamed_box() -> MapCategory:
    return MapCategory("")


@dataclass
class MapGroup:
    """A top-level category: companies filed directly under it, then its subcategories.

    ``own`` is the box of the companies filed directly under it (the group's own category, or
    the companies in no category); ``total`` counts the distinct companies anywhere in the
    group, shown or not.
    """

    label: str
    own: MapCategory = field(default_factory=_unnamed_box)
    categories: list[MapCategory] = field(default_factory=list)
    total: int = 0

    @property
    def companies(self) -> list[tuple[int, str]]:
        """The companies shown directly under the group."""
        return self.own.companies

    @property
    def company_count(self) -> int:
        """Distinct companies anywhere in the group (at least those shown)."""
        ids = {company_id for company_id, _ in self.companies}
        for category in self.categories:
            ids.update(company_id for company_id, _ in category.companies)
        return max(len(ids), self.total)


def _count(row: Any, column: str) -> int:
    value = getattr(row, column, None)
    return 0 if value is None or pd.isna(value) else int(value)


def _new_box(row: Any, group: MapGroup) -> MapCategory:
    box = MapCategory(str(row.category), category_id=int(row.category_id))
    group.categories.append(box)
    return box


def map_groups(rows: pd.DataFrame) -> list[MapGroup]:
    """Nest ``landscape_map`` rows (already in display order) into groups and categories."""
    groups: dict[int | None, MapGroup] = {}
    categories: dict[int, MapCategory] = {}
    for row in rows.itertuples(index=False):
        key = None if pd.isna(row.group_id) else int(row.group_id)
        group = groups.get(key)
        if group is None:
            label = UNCATEGORISED if key is None else str(row.group)
            group = groups[key] = MapGroup(label, total=_count(row, "group_companies"))
            group.own.category_id = NO_CATEGORY if key is None else key
        company = (int(row.company_id), str(row.company))
        if key is None or int(row.category_id) == key:
            box = group.own
        else:
            number = int(row.category_id)
            if number not in categories:
                categories[number] = _new_box(row, group)
            box = categories[number]
        box.total = max(box.total, _count(row, "category_companies"))
        if company not in box.companies:
            box.companies.append(company)
    return list(groups.values())
