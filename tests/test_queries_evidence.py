from landscape import db
from landscape.queries.evidence import CITATION_COLUMNS, citations

from .landscape_factory import LandscapeDB


def test_every_citation_is_named_by_what_it_supports(landscape: LandscapeDB) -> None:
    url, rows = landscape
    cited = citations(db.get_engine(url))
    assert sorted(cited["citation_id"]) == sorted(c.id for c in rows.citations)
    assert cited["subject"].notna().all() and list(cited.columns) == CITATION_COLUMNS
    by_id = cited.set_index("citation_id")
    investment = next(c for c in rows.citations if c.investment_id)
    assert by_id.loc[investment.id, "subject"] == "Microsoft → OpenAI · corporate round · 2019"
    use = next(c for c in rows.citations if c.model_use_id)
    assert by_id.loc[use.id, "supports"] == "model use"


def test_sources_search_and_notes_only_narrow_citations(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    notion = rows.sources["notion"]
    assert set(citations(engine, source_ids=(notion.id,))["source"]) == {notion.title}
    found = citations(engine, search="DALL·E 2")
    assert not found.empty
    assert all(
        "DALL·E 2" in q or "DALL·E 2" in s
        for q, s in zip(found["quote"], found["subject"], strict=True)
    )
    assert citations(engine, search="%").empty  # a wildcard is taken literally
    assert set(citations(engine, notes_only=True)["source_kind"]) == {"notes"}


def test_a_limit_keeps_the_first_citations(landscape: LandscapeDB) -> None:
    url, _rows = landscape
    engine = db.get_engine(url)
    every = citations(engine)
    assert len(every) > 3
    assert citations(engine, limit=3).equals(every.head(3))
