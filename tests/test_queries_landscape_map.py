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
