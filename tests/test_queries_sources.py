from landscape import db
from landscape.queries.sources import source_kinds, sources_overview

from .landscape_factory import LandscapeDB


def test_every_source_with_its_quote_count(landscape: LandscapeDB) -> None:
    url, rows = landscape
    overview = sources_overview(db.get_engine(url)).set_index("title")
    for source in rows.sources.values():
        quotes = sum(1 for c in rows.citations if c.source_id == source.id)
        assert overview.loc[source.title, "citations"] == quotes


def test_supports_says_what_a_source_backs(landscape: LandscapeDB) -> None:
    url, rows = landscape
    overview = sources_overview(db.get_engine(url)).set_index("title")
    venturebeat = rows.sources["venturebeat"]
    cited = [c for c in rows.citations if c.source_id == venturebeat.id]
    companies = len({c.company_id for c in cited if c.company_id})
    supports = overview.loc[venturebeat.title, "supports"]
    assert f"{companies} companies" in supports and "1 funding round" in supports


def test_kinds_search_and_notes_only_narrow_sources(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    assert list(sources_overview(engine, kinds=("official_page",))["title"]) == [
        rows.sources["notion"].title
    ]
    assert list(sources_overview(engine, search="venturebeat")["title"]) == [
        rows.sources["venturebeat"].title
    ]
    assert list(sources_overview(engine, notes_only=True)["kind"]) == ["notes"]
    kinds = source_kinds(engine)
    assert dict(zip(kinds["value"], kinds["count"], strict=True)) == {
        "article": 2,
        "notes": 1,
        "official_page": 1,
    }


def test_no_sources_is_an_empty_table(migrated_url: str) -> None:
    overview = sources_overview(db.get_engine(migrated_url))
    assert overview.empty and "supports" in overview.columns
