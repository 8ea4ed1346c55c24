"""The landscape map's shape: groups of categories, each holding its companies.

The map is drawn with Streamlit containers and page links (each company a link to its page),
so this module turns the query's rows into that nested shape, and nothing else.
"""

from dataclasses import dataclass, field

import pandas as pd

UNCATEGORISED = "Not yet categorised"


@dataclass
class MapCategory:
    """A category and the companies in it, as (id, name) in display order."""

    label: str
    companies: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class MapGroup:
    """A top-level category: companies filed directly under it, then its subcategories."""

    label: str
    companies: list[tuple[int, str]] = field(default_factory=list)
    categories: list[MapCategory] = field(default_factory=list)

    @property
    def company_count(self) -> int:
        """Distinct companies anywhere in the group."""
        ids = {company_id for company_id, _ in self.companies}
        for category in self.categories:
            ids.update(company_id for company_id, _ in category.companies)
        return len(ids)


def map_groups(rows: pd.DataFrame) -> list[MapGroup]:
    """Nest ``landscape_map`` rows (already in display order) into groups and categories."""
    groups: dict[int | None, MapGroup] = {}
    categories: dict[int, MapCategory] = {}
    for row in rows.itertuples(index=False):
        key = None if pd.isna(row.group_id) else int(row.group_id)
        group = groups.get(key)
        if group is None:
            group = groups[key] = MapGroup(UNCATEGORISED if key is None else str(row.group))
        company = (int(row.company_id), str(row.company))
        if key is None or int(row.category_id) == key:
            holder = group.companies
        else:
            category = categories.get(int(row.category_id))
            if category is None:
                category = categories[int(row.category_id)] = MapCategory(str(row.category))
                group.categories.append(category)
            holder = category.companies
        if company not in holder:
            holder.append(company)
    return list(groups.values())
