import pandas as pd
import pytest

from landscape import db
from landscape.queries.companies import (
    FUNDED,
    SORTS,
    UNFUNDED,
    CompanyFilters,
    companies,
    company_facets,
    founded_years,
)

from .landscape_factory import LandscapeDB
from .seed_expectations import not_raised, raised, seed


def _names(url: str, filters: CompanyFilters, **kwargs: object) -> set[str]:
    return set(companies(db.get_engine(url), filters, **kwargs)["name"])  # type: ignore[arg-type]


def test_no_filter_lists_every_company_once(landscape: LandscapeDB) -> None:
    url, rows = landscape
    table = companies(db.get_engine(url), CompanyFilters())
    assert sorted(table["name"]) == sorted(rows.companies)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # A top-level category takes in its subcategories, and a company its products'.
        (CompanyFilters(categories=("Text",)), {"Jasper", "Notion", "Harvey", "Mem", "OpenAI"}),
        (CompanyFilters(categories=("Image generation",)), {"Stability AI"}),
        (CompanyFilters(kinds=("corporate",)), {"Microsoft"}),
        (CompanyFilters(roles=("channel_owner",)), {"Microsoft", "Notion"}),
        (CompanyFilters(investors=("OpenAI Startup Fund",)), {"Descript", "Harvey", "Mem"}),
        (CompanyFilters(countries=("GB",)), {"Stability AI"}),
        (CompanyFilters(founded_from=2014, founded_to=2020), {"OpenAI", "Stability AI"}),
        (CompanyFilters(search="london"), {"Stability AI"}),
        (CompanyFilters(search="100%"), set()),  # LIKE wildcards are taken literally
        (
            CompanyFilters(funded=(FUNDED,)),
            {"OpenAI", "Stability AI", "Mem", "Harvey", "Descript"},
        ),
        (CompanyFilters(kinds=("startup",), funded=(UNFUNDED,)), {"Jasper", "Notion", "Speak"}),
    ],
)
def test_each_filter_narrows_to_the_matching_companies(
    landscape: LandscapeDB,
    filters: CompanyFilters,
    expected: set[str],
) -> None:
    url, _rows = landscape
    assert _names(url, filters) == expected


def test_notes_only_keeps_companies_the_notes_cite(landscape: LandscapeDB) -> None:
    url, rows = landscape
    shown = _names(url, CompanyFilters(notes_only=True))
    assert shown == set(rows.companies) - {"Coatue", "Lightspeed Venture Partners"}


def test_facet_counts_equal_what_choosing_the_value_shows(landscape: LandscapeDB) -> None:
    url, _rows = landscape
    engine = db.get_engine(url)
    base = CompanyFilters(kinds=("startup",), search="a")
    facets = company_facets(engine, base)
    field = {"categories": "categories", "kinds": "kinds", "roles": "roles"}
    field |= {"investors": "investors", "countries": "countries", "funded": "funded"}
    checked = 0
    for facet, frame in facets.items():
        for value, count in zip(frame["value"], frame["count"], strict=True):
            chosen = base.without(field[facet])
            chosen = CompanyFilters(**{**chosen.__dict__, field[facet]: (value,)})
            assert len(companies(engine, chosen)) == count, (facet, value)
            checked += 1
    assert checked > 10


def test_facets_show_chinese_labels_on_request(landscape: LandscapeDB) -> None:
    url, rows = landscape
    facets = company_facets(db.get_engine(url), CompanyFilters(), zh=True)
    labels = dict(zip(facets["categories"]["value"], facets["categories"]["label"], strict=True))
    text, copywriting = rows.categories["Text"], rows.categories["Copywriting"]
    assert labels["Copywriting"] == f"{text.label_zh} › {copywriting.label_zh}"


@pytest.mark.parametrize("sort", SORTS)
def test_sorts_order_the_rows(landscape: LandscapeDB, sort: str) -> None:
    url, rows = landscape
    table = companies(db.get_engine(url), CompanyFilters(), sort=sort)
    first = table["name"].iloc[0]
    founded = {name: c.founded_on for name, c in rows.companies.items() if c.founded_on}
    raised: dict[str, int] = {}
    for funding_round in rows.rounds:
        name = next(n for n, c in rows.companies.items() if c.id == funding_round.company_id)
        raised[name] = raised.get(name, 0) + (funding_round.amount_usd or 0)
    expected = {
        "name": min(rows.companies),
        "newest": max(founded, key=founded.__getitem__),
        "oldest": min(founded, key=founded.__getitem__),
        "raised": max(raised, key=raised.__getitem__),
    }[sort]
    assert first == expected


def test_unknown_sort_is_refused(landscape: LandscapeDB) -> None:
    url, _rows = landscape
    with pytest.raises(ValueError, match="unknown sort"):
        companies(db.get_engine(url), CompanyFilters(), sort="size")


def test_raised_sums_disclosed_amounts_and_names_investors(landscape: LandscapeDB) -> None:
    url, rows = landscape
    table = companies(db.get_engine(url), CompanyFilters()).set_index("name")
    assert table.loc["Stability AI", "raised_usd"] == 101_000_000
    assert set(table.loc["Stability AI", "investors"].split("; ")) == {
        "Coatue",
        "Lightspeed Venture Partners",
    }
    descript = table.loc["Descript"]
    assert descript["rounds"] == 1 and descript["raised_usd"] is pd.NA
    assert table.loc["OpenAI", "founded"] == "2015-Q4"
    assert len(table) == len(rows.companies)


def test_founded_years_span_the_dated_companies(landscape: LandscapeDB) -> None:
    url, rows = landscape
    years = [c.founded_on.year for c in rows.companies.values() if c.founded_on]
    assert founded_years(db.get_engine(url)) == (min(years), max(years))


def test_founded_years_is_none_without_dates(migrated_url: str) -> None:
    assert founded_years(db.get_engine(migrated_url)) is None


def test_raised_leaves_out_pledges_and_reported_rounds(seeded_url: str) -> None:
    """Issue #9: OpenAI raised $1B; its pledge and reported $10B are not counted as raised."""
    table = companies(db.get_engine(seeded_url), CompanyFilters(), sort="raised")
    table = table.set_index("name")
    openai = [r for r in seed("funding_rounds") if r["company"] == "OpenAI"]
    assert table.loc["OpenAI", "raised_usd"] == sum(raised(r) for r in openai) == 1_000_000_000
    assert table.loc["OpenAI", "not_raised_usd"] == sum(not_raised(r) for r in openai)
    assert table.loc["OpenAI", "not_raised_usd"] == 11_000_000_000
    assert table.loc["OpenAI Startup Fund", "raised_usd"] is pd.NA  # a fund commitment
    assert table.index[:3].tolist() == ["OpenAI", "Jasper", "Stability AI"]


def test_a_role_resting_on_inference_is_flagged_as_on_the_thesis_page(seeded_url: str) -> None:
    """Issue #9: an inferred thesis role is marked wherever it is shown, not only on Thesis."""
    from landscape.queries.thesis import quadrant

    engine = db.get_engine(seeded_url)
    table = companies(engine, CompanyFilters()).set_index("name")
    inferred = set(table.index[table["role_inferred"]])
    thesis = quadrant(engine).set_index("company")
    assert inferred == set(thesis.index[thesis["role_inferred"]])
    assert {"Disney", "Sony"} <= inferred and "OpenAI" not in inferred


@pytest.mark.parametrize("sort", ["name", "raised"])
def test_a_limit_keeps_the_first_companies(landscape: LandscapeDB, sort: str) -> None:
    url, _rows = landscape
    engine = db.get_engine(url)
    every = companies(engine, CompanyFilters(), sort=sort)
    assert len(every) > 3
    first = companies(engine, CompanyFilters(), sort=sort, limit=3)
    assert list(first["id"]) == list(every["id"].head(3))
