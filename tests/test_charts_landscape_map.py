import pandas as pd

from landscape.charts.landscape_map import UNCATEGORISED, map_groups


def test_map_groups_nest_categories_and_count_companies_once() -> None:
    rows = pd.DataFrame(
        [
            # group_id, group, category_id, category, company_id, company
            (1, "Foundation models", 1, "Foundation models", 10, "OpenAI"),
            (2, "Text", 3, "Copywriting", 11, "Jasper"),
            (2, "Text", 3, "Copywriting", 12, "Notion"),
            (2, "Text", 4, "Personal assistants", 10, "OpenAI"),
            (2, "Text", 4, "Personal assistants", 13, "Mem"),
            (None, None, None, None, 14, "Microsoft"),
        ],
        columns=["group_id", "group", "category_id", "category", "company_id", "company"],
    )
    groups = map_groups(rows)
    assert [g.label for g in groups] == ["Foundation models", "Text", UNCATEGORISED]
    foundation, text, rest = groups
    assert foundation.companies == [(10, "OpenAI")] and not foundation.categories
    assert [(c.label, c.companies) for c in text.categories] == [
        ("Copywriting", [(11, "Jasper"), (12, "Notion")]),
        ("Personal assistants", [(10, "OpenAI"), (13, "Mem")]),
    ]
    assert text.company_count == 4
    assert rest.companies == [(14, "Microsoft")]


def test_an_empty_map_has_no_groups() -> None:
    columns = ["group_id", "group", "category_id", "category", "company_id", "company"]
    assert map_groups(pd.DataFrame(columns=columns)) == []
