"""The Sources page in AppTest: every source, what it supports, and its quotes."""

from sqlalchemy import func, select

from landscape import db
from landscape import models as m
from landscape.ui import ROWS_SHOWN

from .apptests import open_page
from .landscape_factory import Landscape


def test_every_source_and_every_quote(app_url: str) -> None:
    at = open_page("sources").run()
    assert not at.exception
    with db.get_engine(app_url).connect() as connection:
        sources = connection.execute(select(func.count()).select_from(m.Source)).scalar_one()
        quotes = connection.execute(select(func.count()).select_from(m.Citation)).scalar_one()
    listed, quoted = at.dataframe[0].value, at.dataframe[1].value
    assert len(listed) == sources and listed["citations"].sum() == quotes
    assert len(quoted) == quotes


def test_choosing_a_source_shows_its_quotes(landscape_app: Landscape) -> None:
    notion = landscape_app.sources["notion"]
    at = open_page("sources").run()
    row = list(at.dataframe[0].value["title"]).index(notion.title)
    at.session_state["sources_table"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    assert not at.exception
    quoted = at.dataframe[1].value
    expected = [c.quote for c in landscape_app.citations if c.source_id == notion.id]
    assert sorted(quoted["quote"]) == sorted(expected)


def test_kind_and_quote_search_narrow_what_is_shown(landscape_app: Landscape) -> None:
    at = open_page("sources", source_kind="article", quote_q="round").run()
    assert not at.exception
    assert set(at.dataframe[0].value["kind"]) == {"article"}
    quotes = at.dataframe[1].value["quote"]
    assert len(quotes) and all("round" in quote for quote in quotes)


def test_a_long_list_of_quotes_shows_its_first_rows(app_url: str) -> None:
    engine = db.get_engine(app_url)
    with engine.begin() as connection:
        source = connection.execute(select(m.Source.id).limit(1)).scalar_one()
        company = connection.execute(select(m.Company.id).limit(1)).scalar_one()
        connection.execute(
            m.Citation.__table__.insert(),  # type: ignore[attr-defined]
            [
                {"source_id": source, "company_id": company, "quote": f"quote {number}"}
                for number in range(ROWS_SHOWN + 1)
            ],
        )
    at = open_page("sources").run()
    assert not at.exception
    assert len(at.dataframe[1].value) == ROWS_SHOWN
    assert any(f"first {ROWS_SHOWN:,} quotes" in caption.value for caption in at.caption)
