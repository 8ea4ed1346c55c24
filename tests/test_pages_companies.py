"""The Companies page in AppTest: the table, filters in the URL, and opening a company."""

import datetime as dt

from sqlalchemy import func, select

from landscape import db
from landscape import models as m
from landscape.ui import ROWS_SHOWN

from .apptests import open_page
from .landscape_factory import Landscape

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _count(url: str, *conditions: object) -> int:
    statement = select(func.count()).select_from(m.Company).where(*conditions)  # type: ignore[arg-type]
    with db.get_engine(url).connect() as connection:
        return int(connection.execute(statement).scalar_one())


def test_table_lists_every_company(app_url: str) -> None:
    at = open_page("companies").run()
    assert not at.exception
    assert len(at.dataframe) == 1
    assert len(at.dataframe[0].value) == _count(app_url)


def test_a_filter_in_the_url_narrows_the_table(app_url: str) -> None:
    at = open_page("companies", kind="startup").run()
    assert not at.exception
    startups = _count(app_url, m.Company.kind == "startup")
    assert 0 < startups < _count(app_url)
    assert len(at.dataframe[0].value) == startups
    kinds = at.multiselect(key="kind_choice")
    assert kinds.value == ["startup"]
    assert f"startup ({startups})" in kinds.options


def test_choosing_a_filter_puts_it_in_the_url(landscape_app: Landscape) -> None:
    at = open_page("companies").run()
    everyone = len(at.dataframe[0].value)
    at.multiselect(key="category_choice").select("Image generation").run()
    assert not at.exception
    assert at.query_params["category"] == "Image generation"
    assert list(at.dataframe[0].value["name"]) == ["Stability AI"]
    # Another filter keeps the first, and the counts follow both.
    at.multiselect(key="kind_choice").select("startup").run()
    assert at.multiselect(key="category_choice").value == ["Image generation"]
    assert "startup (1)" in at.multiselect(key="kind_choice").options
    assert everyone == len(landscape_app.companies)


def test_a_search_with_no_match_says_so(landscape_app: Landscape) -> None:
    at = open_page("companies", q="no such company").run()
    assert not at.exception
    assert not at.dataframe
    assert any("No companies match" in info.value for info in at.info)


def test_choosing_a_row_opens_the_company(app_url: str) -> None:
    at = open_page("companies", sort="newest").run()
    table = at.dataframe[0].value
    at.session_state["companies_table"] = {"selection": {"rows": [1], "columns": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == table["name"].iloc[1]
    assert at.query_params["id"] == str(table["id"].iloc[1])
    # The filters ride along, so the browser's Back button finds them.
    assert at.query_params["sort"] == "newest"


def test_sort_and_founding_years_in_the_url(landscape_app: Landscape) -> None:
    founded = {n: c.founded_on for n, c in landscape_app.companies.items() if c.founded_on}
    at = open_page("companies", sort="newest").run()
    assert not at.exception
    assert at.dataframe[0].value["name"].iloc[0] == max(founded, key=founded.__getitem__)
    at = open_page("companies", founded=["2014", "2020"]).run()
    shown = set(at.dataframe[0].value["name"])
    assert shown == {n for n, day in founded.items() if 2014 <= day.year <= 2020}


def test_a_search_typed_in_goes_into_the_url(landscape_app: Landscape) -> None:
    at = open_page("companies").run()
    at.text_input(key="q_text").input("london").run()
    assert not at.exception
    assert at.query_params["q"] == "london"
    assert list(at.dataframe[0].value["name"]) == ["Stability AI"]


def test_raised_counts_no_pledge(app_url: str) -> None:
    """Issue #9: sorted by money raised, OpenAI shows $1B raised and $11B not counted."""
    at = open_page("companies", sort="raised").run()
    assert not at.exception
    table = at.dataframe[0].value.set_index("name")
    assert table.index[0] == "OpenAI"
    assert table.loc["OpenAI", "raised_usd"] == 1_000_000_000
    assert table.loc["OpenAI", "not_raised_usd"] == 11_000_000_000


def test_an_inferred_role_is_marked_in_the_table(app_url: str) -> None:
    """Issue #9: the Companies table marks a thesis role that rests on the project's inference."""
    at = open_page("companies").run()
    assert not at.exception
    roles = at.dataframe[0].value.set_index("name")["thesis_role"]
    assert roles["Disney"] == "channel owner (the project's inference)"
    assert roles["OpenAI"] == "model builder"


def test_a_long_list_shows_its_first_rows(app_url: str) -> None:
    with db.get_engine(app_url).begin() as connection:
        connection.execute(
            m.Company.__table__.insert(),  # type: ignore[attr-defined]
            [
                {"name": f"Many {n:04d}", "name_key": f"many {n:04d}", "kind": "startup",
                 "status": "active", "created_at": NOW, "updated_at": NOW}
                for n in range(ROWS_SHOWN)
            ],
        )  # fmt: skip
    at = open_page("companies").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == ROWS_SHOWN
    assert any(f"The first {ROWS_SHOWN:,} companies" in caption.value for caption in at.caption)
