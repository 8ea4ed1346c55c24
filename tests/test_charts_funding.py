import pandas as pd

from landscape.charts import funding as charts


def _fields(encoding: dict) -> set[str]:
    return {t["field"] for t in encoding["tooltip"]}


def test_by_year_shows_amounts_and_counts_undisclosed_rounds() -> None:
    years = pd.DataFrame(
        {
            "year": [2022, 2022],
            "round_type": ["seed", "unknown"],
            "rounds": [2, 4],
            "undisclosed": [0, 4],
            "amount_usd": [106_000_000, 0],
            "sources": ["VentureBeat", "notes"],
            "disclosed": [2, 0],
        }
    )
    spec = charts.by_year_chart(years).to_dict()
    amounts, counts = spec["vconcat"]
    assert amounts["encoding"]["y"]["title"] == "Disclosed amount raised (USD)"
    assert counts["encoding"]["y"]["title"] == "Rounds (count)"
    assert counts["transform"][0]["fold"] == ["disclosed", "undisclosed"]
    assert {"sources", "undisclosed"} <= _fields(amounts["encoding"])


def test_money_expression_names_undisclosed_amounts() -> None:
    expression = charts.money_expression("amount_usd")
    assert "undisclosed" in expression and "'G', 'B'" in expression


def test_cumulative_valuation_leaderboard_and_portfolio_have_titles_and_sources() -> None:
    rounds = pd.DataFrame(
        {
            "company": ["Mem"],
            "date": pd.to_datetime(["2022-11-01"]),
            "when": ["2022-11"],
            "round_type": ["series_a"],
            "amount_usd": [23_500_000],
            "cumulative_usd": [23_500_000],
            "valuation_usd": [1_000_000_000],
            "basis": ["post-money"],
            "lead": [True],
            "sources": ["Tech Brew"],
            "raised_usd": [23_500_000],
            "rounds": [1],
            "undisclosed": [0],
            "investors": ["OpenAI Startup Fund"],
        }
    )
    built = [
        charts.cumulative_chart(rounds),
        charts.valuation_chart(rounds),
        charts.leaderboard_chart(rounds),
        charts.portfolio_chart(rounds, "OpenAI Startup Fund"),
    ]
    for chart in built:
        spec = chart.to_dict()
        layer = spec["layer"][0]
        assert spec["title"]
        assert layer["encoding"]["x"]["title"] and layer["encoding"]["y"]["title"]
        assert "sources" in _fields(layer["encoding"]) or "investors" in _fields(layer["encoding"])
    assert built[3].to_dict()["title"] == "OpenAI Startup Fund → portfolio"
