"""The Funding page in AppTest: tiles, per-year, cumulative, valuations, leaderboard, portfolio."""

from .factories_dash2 import chart_data, chart_specs, page

pytest_plugins = ["tests.fixtures_dash2"]

BOARD = "Leaderboard: disclosed amount raised"


def _tiles(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_funding_draws_every_chart(rich_app_url: str) -> None:
    at = page("funding").run()
    assert not at.exception
    assert set(chart_specs(at)) == {
        "Funding per year, by round type",
        "Raised so far, per company (disclosed amounts)",
        "Valuations (USD)",
        BOARD,
        "OpenAI Startup Fund → portfolio",
    }
    tiles = _tiles(at)
    board = at.dataframe[0].value
    assert int(tiles["Rounds"]) == board["rounds"].sum()
    assert int(tiles["Undisclosed rounds"]) == board["undisclosed"].sum()
    assert len(at.get("download_button")) == 5


def test_a_permalink_narrows_funding_to_one_company(rich_app_url: str) -> None:
    at = page("funding")
    at.query_params["company"] = "Jasper"
    at.run()
    assert not at.exception
    assert set(chart_data(at, BOARD, "raised_usd")["company"]) == {"Jasper"}
    assert _tiles(at)["Disclosed amount"] == "$125M"


def test_filters_that_leave_nothing_say_so(rich_app_url: str) -> None:
    at = page("funding")
    at.query_params["company"] = "Jasper"
    at.query_params["round_type"] = "pledge"
    at.run()
    assert not at.exception
    assert _tiles(at)["Rounds"] == "0"
    assert sum("No funding round matches" in info.value for info in at.info) == 3


def test_choosing_an_investor_shows_its_portfolio(rich_app_url: str) -> None:
    at = page("funding")
    at.query_params["investor"] = "Coatue"
    at.run()
    portfolio = chart_data(at, "Coatue → portfolio", "lead")
    assert set(portfolio["company"]) == {"Jasper", "Stability AI"}


def test_a_database_without_rounds(bare_app_url: str) -> None:
    at = page("funding").run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert _tiles(at)["Rounds"] == "0"
    assert any("No investment on record" in info.value for info in at.info)
