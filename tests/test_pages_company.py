"""The Company page in AppTest: permalinks, choosing a company, and every section."""

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from landscape import db
from landscape import models as m

from .apptests import open_page, page_links
from .landscape_factory import Landscape


def _open_company(url: str, name: str) -> AppTest:
    """The Company page of the company called ``name``, run."""
    with db.get_engine(url).connect() as connection:
        company_id = connection.execute(
            select(m.Company.id).where(m.Company.name == name)
        ).scalar_one()
    return open_page("company", id=str(company_id)).run()


def test_permalink_opens_the_company_with_its_citations(app_url: str) -> None:
    with db.get_engine(app_url).connect() as connection:
        company_id, name = connection.execute(
            select(m.Company.id, m.Company.name).where(m.Company.name == "OpenAI")
        ).one()
        quotes = set(
            connection.execute(
                select(m.Citation.quote).where(m.Citation.company_id == company_id)
            ).scalars()
        )
    at = open_page("company", id=str(company_id)).run()
    assert not at.exception
    assert at.title[0].value == name
    citations = at.dataframe[-1].value
    assert quotes and quotes <= set(citations["quote"])
    assert at.get("vega_lite_chart")  # its events along time


def test_without_an_id_the_page_asks_for_a_company(app_url: str) -> None:
    at = open_page("company").run()
    assert not at.exception
    assert at.title[0].value == "Company"
    assert at.selectbox(key="id_choice").value is None


@pytest.mark.parametrize("bad", ["abc", "999999", "1; DROP TABLE companies"])
def test_a_bad_id_is_reported_and_nothing_is_shown(app_url: str, bad: str) -> None:
    at = open_page("company", id=bad).run()
    assert not at.exception
    assert any(bad in warning.value.replace("\\", "") for warning in at.warning)
    assert not at.dataframe


def test_choosing_a_company_changes_the_permalink(landscape_app: Landscape) -> None:
    mem = landscape_app.companies["Mem"]
    at = open_page("company", id=str(landscape_app.companies["OpenAI"].id)).run()
    at.selectbox(key="id_choice").select(str(mem.id)).run()
    assert not at.exception
    assert at.title[0].value == "Mem"
    assert at.query_params["id"] == str(mem.id)


def test_every_section_of_a_rich_company(landscape_app: Landscape) -> None:
    openai = landscape_app.companies["OpenAI"]
    at = open_page("company", id=str(openai.id)).run()
    assert not at.exception
    headers = [header.value for header in at.subheader]
    assert headers[0] == "Products" and headers[-1] == "Citations"
    assert {"Funding rounds", "Metrics", "Events", "Claims about it", "People"} <= set(headers)
    tiles = {metric.label: metric.value for metric in at.metric}
    assert tiles["Founded"] == "2015-Q4" and tiles["Raised"] == "$1B"
    assert any("No claims" in info.value for info in at.info)
    fund = landscape_app.companies["OpenAI Startup Fund"]
    assert ("OpenAI Startup Fund", "company", f"id={fund.id}") in page_links(at)


def test_an_investor_lists_and_opens_the_companies_it_backed(
    landscape_app: Landscape,
) -> None:
    fund = landscape_app.companies["OpenAI Startup Fund"]
    at = open_page("company", id=str(fund.id)).run()
    backed = next(table for table in at.dataframe if "lead" in table.value.columns)
    assert set(backed.value["company"]) == {"Descript", "Harvey", "Mem"}
    row = list(backed.value["company"]).index("Harvey")
    at.session_state["investments_table"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Harvey"


def test_notes_only_says_when_the_notes_do_not_mention_a_company(
    landscape_app: Landscape,
) -> None:
    coatue = landscape_app.companies["Coatue"]
    at = open_page("company", id=str(coatue.id), notes_only="true").run()
    assert not at.exception
    assert any("do not mention" in info.value for info in at.info)


def test_a_pledge_is_shown_apart_from_money_raised(app_url: str) -> None:
    """Issue #9: OpenAI's page says $1B raised and $11B not counted, each round with status."""
    with db.get_engine(app_url).connect() as connection:
        openai = connection.execute(select(m.Company.id).where(m.Company.name == "OpenAI"))
        openai_id = openai.scalar_one()
    at = open_page("company", id=str(openai_id)).run()
    assert not at.exception
    tiles = {metric.label: metric.value for metric in at.metric}
    assert (tiles["Raised"], tiles["Not counted as raised"]) == ("$1B", "$11B")
    rounds = next(table.value for table in at.dataframe if "counts_as_raised" in table.value)
    pledge = rounds.loc[rounds["round"] == "pledge"].iloc[0]
    assert pledge["status"] == "announced" and not pledge["counts_as_raised"]


def test_the_page_shows_where_sources_disagree(app_url: str) -> None:
    at = _open_company(app_url, "Mem")
    assert not at.exception
    assert "Where sources disagree" in [h.value for h in at.subheader]
    disagree = next(t.value for t in at.dataframe if "source_value" in t.value.columns)
    assert disagree[["field", "record_value", "source_value"]].values.tolist() == [
        ["announced", "2022-11", "2022-12-01"]
    ]


def test_a_company_whose_sources_agree_has_no_such_section(app_url: str) -> None:
    at = _open_company(app_url, "Keeper Tax")
    assert not at.exception
    assert "Where sources disagree" not in [h.value for h in at.subheader]


def test_an_inferred_role_is_marked_with_its_reasoning(app_url: str) -> None:
    """Issue #9: Disney's channel-owner role is the project's inference, and its page says so."""
    at = _open_company(app_url, "Disney")
    assert not at.exception
    captions = [caption.value for caption in at.caption]
    # Captions are markdown: the parentheses arrive escaped.
    assert any("channel owner \\(the project's inference\\)" in caption for caption in captions)
    assert any(
        caption.startswith("Its thesis role is the project's inference") for caption in captions
    )
