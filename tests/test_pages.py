"""Every dashboard page runs in AppTest on the seeded database."""

from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from landscape import db
from landscape import models as m
from landscape.config import DATABASE_URL_ENV

from .apptests import open_page
from .conftest import REPO


def _page(name: str) -> AppTest:
    return open_page(name)


def test_router_opens_the_overview(app_url: str) -> None:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "AI Landscape"


def test_overview_tiles_come_from_the_database(app_url: str) -> None:
    at = _page("overview").run()
    assert not at.exception
    tiles = {metric.label: metric.value for metric in at.metric}
    with db.get_engine(app_url).connect() as connection:
        companies = connection.execute(select(func.count()).select_from(m.Company)).scalar_one()
    assert tiles["Companies"] == str(companies)
    assert (tiles["Raised"], tiles["Not counted as raised"]) == ("$1.3B", "$11.1B")  # issue #9
    assert len(at.get("vega_lite_chart")) == 1


def test_first_start_migrates_and_seeds_an_empty_database(empty_url: str, monkeypatch) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, empty_url)
    at = _page("overview").run()
    assert not at.exception
    assert db.current_revision(empty_url) == db.head_revision()
    assert not db.is_empty(empty_url)
