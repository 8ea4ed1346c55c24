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
            "raised_usd": [106_000_000, 0],
            "not_raised_usd": [0, 1_000_000_000],
            "sources": ["VentureBeat", "notes"],
            "disclosed": [2, 0],
        }
    )
    spec = charts.by_year_chart(years).to_dict()
    amounts, counts = spec["vconcat"]
    assert amounts["encoding"]["y"]["title"] == "Amount raised (USD)"
    assert amounts["encoding"]["y"]["field"] == "raised_usd"
    assert counts["encoding"]["y"]["title"] == "Rounds (count)"
    assert counts["transform"][0]["fold"] == ["disclosed", "undisclosed"]
    assert {"sources", "undisclosed", "not_raised_usd"} <= _fields(amounts["encoding"])


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
            "not_raised_usd": [0],
            "status": ["announced"],
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
    for round_chart in (built[0], built[3]):  # a round's status says whether it counts as raised
        assert "status" in _fields(round_chart.to_dict()["layer"][0]["encoding"])
    assert "not_raised_usd" in _fields(built[2].to_dict()["layer"][0]["encoding"])


def test_money_axes_keep_millions_apart_from_billions() -> None:
    rounds = pd.DataFrame(
        {
            "company": ["OpenAI", "Harvey", "Speak"],
            "date": pd.to_datetime(["2023-01-23", "2022-11-01", "2022-12-01"]),
            "when": ["2023-01-23", "2022-11", "2022-12-01"],
            "round_type": ["corporate_round", "unknown", "unknown"],
            "amount_usd": [10_000_000_000, 5_000_000, None],
            "cumulative_usd": [12_000_000_000, 5_000_000, 0],
            "sources": ["LA Times", "Tech Brew", "notes"],
        }
    )
    y = charts.cumulative_chart(rounds).to_dict()["layer"][0]["encoding"]["y"]
    assert y["scale"]["type"] == "symlog" and "log scale" in y["title"]
    assert y["axis"]["values"] == [0, 10**6, 10**7, 10**8, 10**9, 10**10]
    values = pd.DataFrame(
        {
            "company": ["Stability AI", "Jasper", "OpenAI"],
            "date": pd.to_datetime(["2022-10-01"] * 3),
            "when": ["2022-10"] * 3,
            "valuation_usd": [1_000_000_000, 1_500_000_000, 20_000_000_000],
            "basis": ["post-money"] * 3,
            "sources": ["Sifted", "The Information", "notes"],
        }
    )
    y = charts.valuation_chart(values).to_dict()["layer"][0]["encoding"]["y"]
    assert y["scale"]["type"] == "log"
    assert y["axis"]["values"] == [
        5 * 10**8,
        10**9,
        2 * 10**9,
        5 * 10**9,
        10**10,
        2 * 10**10,
        5 * 10**10,
    ]
    assert y["scale"]["domain"] == [5 * 10**8, 5 * 10**10]


def test_tick_helpers() -> None:
    assert charts.power_ticks(0) == [0]
    assert charts.power_ticks(23_500_000) == [0, 10**6, 10**7]
    assert charts.one_two_five(1_500_000_000, 1_500_000_000) == [10**9, 2 * 10**9]


def test_a_companys_amounts_alternate_above_and_below_its_points() -> None:
    rounds = pd.DataFrame(
        {
            "company": ["OpenAI", "OpenAI", "OpenAI", "Mem"],
            "date": pd.to_datetime(["2023-01-23", "2019-01-01", "2022-10-01", "2022-11-01"]),
            "when": ["2023-01-23", "2019", "2022-10", "2022-11"],
            "round_type": ["corporate_round", "corporate_round", "strategic", "unknown"],
            "amount_usd": [10_000_000_000, 1_000_000_000, None, 23_500_000],
            "lead": [True, True, True, True],
            "sources": ["LA Times", "notes", "notes", "Tech Brew"],
        }
    )
    spec = charts.portfolio_chart(rounds, "Microsoft").to_dict()
    data = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert data["label_above"].tolist() == [True, True, False, True]  # 2023 is OpenAI's third
    above, below = spec["layer"][1], spec["layer"][2]
    assert above["mark"]["dy"] < 0 < below["mark"]["dy"]
