import pandas as pd
import pytest

from landscape import db
from landscape.queries.landscape_map import landscape_map

from .landscape_factory import LandscapeDB


def test_every_company_is_on_the_map_under_its_group(landscape: LandscapeDB) -> None:
    url, rows = landscape
    rows_on_map = landscape_map(db.get_engine(url))
    assert set(rows_on_map["company"]) == set(rows.companies)
    jasper = rows_on_map[rows_on_map["company"] == "Jasper"].iloc[0]
    assert (jasper["group"], jasper["category"]) == ("Text", "Copywriting")
    uncategorised = rows_on_map[rows_on_map["group_id"].isna()]
    assert "Microsoft" in set(uncategorised["company"])
    # Groups come in their position order.
    positions = list(rows_on_map["group_position"].dropna())
    assert positions == sorted(positions)


def test_map_shows_chinese_labels_and_honours_notes_only(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    chinese = landscape_map(engine, zh=True)
    assert rows.categories["Text"].label_zh in set(chinese["group"])
    notes = set(landscape_map(engine, notes_only=True)["company"])
    assert notes == set(rows.companies) - {"Coatue", "Lightspeed Venture Partners"}


def _box_key(frame: pd.DataFrame) -> pd.Series:
    return frame["category_id"].fillna(0).astype(int)


@pytest.mark.parametrize("per_category", [1, 3])
def test_each_box_keeps_its_most_raised_companies_and_counts_them_all(
    landscape: LandscapeDB, per_category: int
) -> None:
    url, _rows = landscape
    engine = db.get_engine(url)
    every = landscape_map(engine)
    top = landscape_map(engine, per_category=per_category)
    assert _box_key(every).value_counts().max() > per_category  # some box loses companies
    for box, members in every.groupby(_box_key(every)):
        ranked = members.sort_values(["raised_usd", "company"], ascending=[False, True])
        kept = top[_box_key(top) == box]
        assert list(kept["company"]) == list(ranked["company"][:per_category])
        assert set(kept["category_companies"]) == {len(members)}
    for group, members in every.groupby(every["group_id"].fillna(0)):
        kept = top[top["group_id"].fillna(0) == group]
        assert set(kept["group_companies"]) == {members["company_id"].nunique()}


def test_one_box_alone(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    every = landscape_map(engine)
    copywriting = rows.categories["Copywriting"].id
    alone = landscape_map(engine, category_id=copywriting)
    assert list(alone["company"]) == list(every[every["category_id"] == copywriting]["company"])
    uncategorised = landscape_map(engine, category_id=0)
    assert "Microsoft" in set(uncategorised["company"]) and uncategorised["group_id"].isna().all()
