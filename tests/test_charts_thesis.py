import pandas as pd

from landscape.charts.thesis import (
    INFERRED_LABEL,
    funding_legend_values,
    point_labels,
    quadrant_chart,
    role_share_chart,
    spread_overlaps,
)


def _companies() -> pd.DataFrame:
    names = ["Keeper Tax", "Viable", "Sana Labs", "Jasper", "OpenAI"]
    return pd.DataFrame(
        {
            "company": names,
            "thesis_role": ["application_builder"] * 4 + ["model_builder"],
            "role_label": ["application builder"] * 4 + ["model builder (the project's inference)"],
            "category": [
                "Tax",
                "Customer feedback",
                "Learning",
                "Copywriting",
                "Foundation models",
            ],
            "ownership": [2, 2, 2, 1, 3],
            "ownership_label": ["fine-tunes a model"] * 3 + ["calls an API", "trains its own"],
            "model_evidence": ["fine-tunes GPT-3"] * 3
            + ["calls the API of GPT-3", "develops GPT-3"],
            "users": [None, None, None, None, 1e6],
            "reach": [0, 0, 0, 0, 2],
            "reach_label": ["no user figure on record"] * 4 + ["1M users or more"],
            "funding_usd": [0, 0, 0, 125_000_000, 1_000_000_000],
            "not_raised_usd": [0, 0, 0, 0, 11_000_000_000],
            "placement_inferred": [False, False, False, True, False],
            "rounds": [0, 0, 0, 1, 5],
            "undisclosed_rounds": [0, 0, 0, 0, 2],
            "sources": ["notes"] * 5,
        }
    )


def test_points_in_one_cell_are_spread_apart() -> None:
    spread = spread_overlaps(_companies())
    positions = list(zip(spread["x"], spread["y"], strict=True))
    assert len(set(positions)) == len(positions)
    fine_tuners = spread[spread["ownership"] == 2]
    assert fine_tuners["x"].between(1.6, 2.4).all()
    assert spread.set_index("company").loc["OpenAI", "x"] == 3


def test_quadrant_chart_encodes_ownership_distribution_funding_and_category() -> None:
    spec = quadrant_chart(_companies(), "Quadrant").to_dict()
    assert spec["title"] == "Quadrant"
    points = next(layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "circle")
    encoding = points["encoding"]
    assert encoding["x"]["title"].startswith("Model ownership")
    assert encoding["y"]["title"].startswith("Distribution owned")
    assert encoding["size"]["field"] == "funding_usd" and encoding["color"]["field"] == "category"
    assert {"sources", "not_raised_usd", "role_label"} <= {t["field"] for t in encoding["tooltip"]}
    texts = [
        layer["encoding"]["text"]["field"]
        for layer in spec["layer"]
        if "text" in layer.get("encoding", {})
    ]
    assert "label" in texts  # the company's name, marked when its place is inferred


def test_an_inferred_place_is_labelled_as_inference() -> None:
    labels = point_labels(_companies()).tolist()
    assert labels[3] == "Jasper" + INFERRED_LABEL
    assert [label for label in labels if INFERRED_LABEL in label] == [labels[3]]
    without_flags = _companies().drop(columns="placement_inferred")
    assert point_labels(without_flags).tolist() == without_flags["company"].tolist()


def test_funding_legend_shows_powers_of_ten_up_to_the_largest() -> None:
    assert funding_legend_values(12_000_000_000) == [100_000_000, 1_000_000_000, 10_000_000_000]
    assert funding_legend_values(0) == [0]


def test_role_share_is_normalised_per_year() -> None:
    shares = pd.DataFrame(
        {
            "year": [2022, 2022],
            "role": ["application_builder", "model_builder"],
            "amount_usd": [153_500_000, 101_000_000],
            "share": [0.6, 0.4],
            "rounds": [7, 2],
            "undisclosed": [4, 1],
            "sources": ["notes", "VentureBeat"],
        }
    )
    spec = role_share_chart(shares).to_dict()
    assert spec["encoding"]["y"]["stack"] == "normalize"
    assert "/_/g" in spec["encoding"]["color"]["legend"]["labelExpr"]  # roles read as words
    assert "%" in spec["encoding"]["y"]["title"]
    assert "sources" in {t["field"] for t in spec["encoding"]["tooltip"]}
