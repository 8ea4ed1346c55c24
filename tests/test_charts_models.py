import pandas as pd
import pytest

from landscape.charts.models import (
    ROW_HEIGHT,
    lineage_chart,
    lineage_edges,
    prices_chart,
    releases_chart,
    uses_chart,
)


def _lineage() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "name": ["GPT-3", "InstructGPT", "ChatGPT", "Undated"],
            "parent_id": pd.array([None, 1, 2, 1], dtype="Int64"),
            "parent": [None, "GPT-3", "InstructGPT", "GPT-3"],
            "developer": ["OpenAI"] * 4,
            "released": ["2020-06", "2022-01", "2022-11-30", ""],
            "released_on": pd.to_datetime(["2020-06-01", "2022-01-01", "2022-11-30", None]),
            "modality": ["text"] * 4,
            "lineage": ["GPT-3", "GPT-3 → InstructGPT", "GPT-3 → InstructGPT → ChatGPT", "x"],
            "sources": ["notes"] * 4,
        }
    )


def _tooltip_fields(encoding: dict) -> set[str]:
    return {tooltip["field"] for tooltip in encoding["tooltip"]}


def test_lineage_edges_link_dated_parents_to_children() -> None:
    edges = lineage_edges(_lineage())
    assert sorted(set(edges["edge"])) == ["GPT-3 → InstructGPT", "InstructGPT → ChatGPT"]
    assert len(edges) == 4  # two ends per link; the undated model has none


def test_lineage_chart_is_titled_ordered_and_sourced() -> None:
    spec = lineage_chart(_lineage(), "Lineage").to_dict()
    assert spec["title"] == "Lineage"
    links, points, _labels = spec["layer"]
    assert points["encoding"]["x"]["title"] == "Release date"
    assert points["encoding"]["y"]["sort"] == ["GPT-3", "InstructGPT", "ChatGPT"]
    assert "Model" in points["encoding"]["y"]["title"]
    assert "sources" in _tooltip_fields(points["encoding"])
    assert links["mark"]["type"] == "line"
    assert spec["height"] == {"step": ROW_HEIGHT}  # grows with the number of models


def test_releases_chart_has_units_and_sources() -> None:
    releases = pd.DataFrame(
        {"year": [2020, 2022], "modality": ["text", "image"], "models": [1, 2]}
        | {"names": ["GPT-3", "DALL·E 2, Stable Diffusion"], "sources": ["notes", "notes"]}
    )
    spec = releases_chart(releases, "Releases").to_dict()
    assert spec["title"] == "Releases"
    assert spec["encoding"]["y"]["title"] == "Models released (count)"
    assert spec["encoding"]["x"]["title"] == "Year of release"
    assert "sources" in _tooltip_fields(spec["encoding"])


def test_uses_chart_grids_companies_against_models() -> None:
    uses = pd.DataFrame(
        {"model": ["GPT-3"], "developer": ["OpenAI"], "company": ["Jasper"], "product": [None]}
        | {"how": ["calls api"], "sources": ["notes"]}
    )
    spec = uses_chart(uses, "Uses").to_dict()
    assert spec["encoding"]["x"]["title"] == "Model built on"
    assert spec["encoding"]["color"]["field"] == "how"
    assert "sources" in _tooltip_fields(spec["encoding"])


@pytest.mark.parametrize(
    ("currencies", "unit_title"),
    [
        (["USD", "USD"], "Price (USD per unit named)"),
        (["USD", "CNY"], "Price (original currency per unit named)"),
    ],
)
def test_prices_chart_names_currency_and_unit(currencies: list[str], unit_title: str) -> None:
    prices = pd.DataFrame(
        {"model": ["GPT-3.5", "X"], "label": ["Davinci", "Y"], "price": [0.02, 1.0]}
        | {"currency": currencies, "unit": ["750 words", "image"], "as_of": ["2023-02", ""]}
        | {"sources": ["notes", "notes"]}
    )
    spec = prices_chart(prices, "Prices").to_dict()
    assert spec["encoding"]["x"]["title"] == unit_title
    items = {row["item"] for row in next(iter(spec["datasets"].values()))}
    assert "GPT-3.5 — Davinci, per 750 words" in items
    assert "sources" in _tooltip_fields(spec["encoding"])
