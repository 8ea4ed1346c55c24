"""The Funding page in AppTest on the seeded database: tiles, per-year, cumulative, valuations,
leaderboard, portfolio."""

from landscape.ui import escape_markdown, money

from .seed_expectations import (
    chart_data,
    chart_specs,
    investors_of,
    not_raised,
    page,
    raised,
    seed,
)

pytest_plugins = ["tests.lone_company_fixtures"]

BOARD = "Leaderboard: amount raised"
VALUATIONS = "Valuations (USD)"
FUND = "OpenAI Startup Fund"
ROUNDS = seed("funding_rounds")


def _tiles(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_funding_draws_every_chart(app_url: str) -> None:
    at = page("funding").run()
    assert not at.exception
    assert set(chart_specs(at)) == {
        "Funding per year, by round type",
        "Raised so far, per company (disclosed amounts)",
        VALUATIONS,
        BOARD,
        f"{FUND} → portfolio",
    }
    tiles = _tiles(at)
    assert int(tiles["Rounds"]) == len(ROUNDS)
    assert tiles["Raised"] == money(sum(raised(r) for r in ROUNDS))
    assert tiles["Not counted as raised"] == money(sum(not_raised(r) for r in ROUNDS))
    board = at.dataframe[0].value
    assert int(tiles["Rounds"]) == board["rounds"].sum()
    assert int(tiles["Undisclosed rounds"]) == board["undisclosed"].sum()
    assert len(at.get("download_button")) == 5


def test_the_portfolio_opens_on_the_openai_startup_fund(app_url: str) -> None:
    at = page("funding").run()
    assert at.selectbox(key="investor").value == FUND
    portfolio = chart_data(at, f"{FUND} → portfolio", "lead")
    backed = {r["company"] for r in ROUNDS if FUND in investors_of(r)}
    assert set(portfolio["company"]) == backed == {"Descript", "Harvey", "Mem", "Speak"}


def test_each_valuation_is_one_point(app_url: str) -> None:
    at = page("funding").run()
    values = chart_data(at, VALUATIONS, "valuation_usd")
    valued = sorted(r["company"] for r in ROUNDS if "post_money_usd" in r)
    assert sorted(values["company"]) == valued


def test_a_permalink_narrows_funding_to_one_company(app_url: str) -> None:
    at = page("funding")
    at.query_params["company"] = "Jasper"
    at.run()
    assert not at.exception
    assert set(chart_data(at, BOARD, "raised_usd")["company"]) == {"Jasper"}
    jasper = sum(r.get("amount_usd", 0) for r in ROUNDS if r["company"] == "Jasper")
    assert _tiles(at)["Raised"] == money(jasper) == "$125M"


def test_filters_that_leave_nothing_say_so(app_url: str) -> None:
    at = page("funding")
    at.query_params["company"] = "Jasper"
    at.query_params["round_type"] = "pledge"
    at.run()
    assert not at.exception
    assert _tiles(at)["Rounds"] == "0"
    assert sum("No funding round matches" in info.value for info in at.info) == 3


def test_choosing_an_investor_shows_its_portfolio(app_url: str) -> None:
    at = page("funding")
    at.query_params["investor"] = "Coatue"
    at.run()
    portfolio = chart_data(at, "Coatue → portfolio", "lead")
    backed = {r["company"] for r in ROUNDS if "Coatue" in investors_of(r)}
    assert set(portfolio["company"]) == backed == {"Stability AI"}


def test_a_database_without_rounds(bare_app_url: str) -> None:
    at = page("funding").run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert _tiles(at)["Rounds"] == "0"
    assert any("No investment on record" in info.value for info in at.info)


def test_a_portfolio_names_the_rounds_it_cannot_date(app_url: str) -> None:
    at = page("funding")
    at.query_params["investor"] = "Microsoft"
    at.run()
    backed = [r for r in ROUNDS if "Microsoft" in investors_of(r)]
    undated = [r for r in backed if "announced" not in r]
    assert [r["company"] for r in undated] == [FUND]  # its $100M, which the notes do not date
    drawn = chart_data(at, "Microsoft → portfolio", "lead")
    assert len(drawn) == len(backed)
    named = ", ".join(f"{r['company']} ({money(r.get('amount_usd'))})" for r in undated)
    assert escape_markdown(f"Undated, so not on the chart: {named}.") in [
        caption.value for caption in at.caption
    ]


def test_openai_raised_1b_not_12b(app_url: str) -> None:
    """Issue #9: the founders' pledge and Microsoft's reported $10B are not money raised."""
    at = page("funding")
    at.query_params["company"] = "OpenAI"
    at.run()
    assert not at.exception
    tiles = _tiles(at)
    assert (tiles["Raised"], tiles["Not counted as raised"]) == ("$1B", "$11B")
    board = chart_data(at, BOARD, "raised_usd").set_index("company")
    assert board.loc["OpenAI", "raised_usd"] == 1_000_000_000
    assert board.loc["OpenAI", "not_raised_usd"] == 11_000_000_000
    so_far = chart_data(at, "Raised so far, per company (disclosed amounts)", "cumulative_usd")
    assert so_far["cumulative_usd"].max() == 1_000_000_000
    assert "reported" in set(so_far["status"])
