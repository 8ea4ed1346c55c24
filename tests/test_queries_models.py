import pytest
from sqlalchemy import update

from landscape import db
from landscape import models as m
from landscape.queries.models import (
    ModelFilters,
    model_facets,
    model_lineage,
    model_prices,
    model_releases,
    model_uses,
)

from .landscape_factory import LandscapeDB


def test_lineage_names_each_chain_from_its_root(landscape: LandscapeDB) -> None:
    url, _rows = landscape
    lineage = model_lineage(db.get_engine(url)).set_index("name")
    assert (
        lineage.loc["ChatGPT", "lineage"]
        == "GPT-1 → GPT-2 → GPT-3 → InstructGPT → GPT-3.5 → ChatGPT"
    )
    assert lineage.loc["DALL·E 2", "lineage"] == "DALL-E → DALL·E 2"
    assert lineage.loc["DALL·E 2", "parent"] == "DALL-E"
    assert lineage.loc["Stable Diffusion", "depth"] == 0


def test_lineage_rows_come_in_family_tree_order(landscape: LandscapeDB) -> None:
    url, rows = landscape
    names = list(model_lineage(db.get_engine(url))["name"])
    assert sorted(names) == sorted(rows.models)
    for name, model in rows.models.items():
        if model.parent_id is not None:
            parent = next(n for n, p in rows.models.items() if p.id == model.parent_id)
            assert names.index(parent) < names.index(name)
    # A family stays together: DALL·E 2 follows DALL-E directly.
    assert names.index("DALL·E 2") == names.index("DALL-E") + 1


def test_a_cycle_in_lineage_does_not_hang(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    gpt1, gpt2 = rows.models["GPT-1"].id, rows.models["GPT-2"].id
    with engine.begin() as connection:
        connection.execute(update(m.AIModel).where(m.AIModel.id == gpt1).values(parent_id=gpt2))
    lineage = model_lineage(engine)
    assert sorted(lineage["name"]) == sorted(rows.models)


@pytest.mark.parametrize(
    ("narrowing", "expected"),
    [
        ({"modalities": ("image",)}, {"DALL-E", "DALL·E 2", "Stable Diffusion"}),
        ({"developers": ("Stability AI",)}, {"Stable Diffusion"}),
        ({"developers": ("OpenAI",), "modalities": ("image",)}, {"DALL-E", "DALL·E 2"}),
        ({"notes_only": True}, None),  # every model but Stable Diffusion
    ],
)
def test_filters_narrow_the_models(
    landscape: LandscapeDB, narrowing: dict[str, object], expected: set[str] | None
) -> None:
    url, rows = landscape
    filters = ModelFilters(**narrowing)  # type: ignore[arg-type]
    shown = set(model_lineage(db.get_engine(url), filters)["name"])
    assert shown == (expected if expected is not None else set(rows.models) - {"Stable Diffusion"})


def test_facet_counts_equal_what_choosing_the_value_shows(landscape: LandscapeDB) -> None:
    url, _rows = landscape
    engine = db.get_engine(url)
    facets = model_facets(engine, ModelFilters(modalities=("text",)))
    for value, count in zip(
        facets["developers"]["value"], facets["developers"]["count"], strict=True
    ):
        assert len(model_lineage(engine, ModelFilters(("text",), (value,)))) == count
    for value, count in zip(
        facets["modalities"]["value"], facets["modalities"]["count"], strict=True
    ):
        assert len(model_lineage(engine, ModelFilters(modalities=(value,)))) == count
    assert dict(zip(facets["developers"]["value"], facets["developers"]["count"], strict=True)) == {
        "OpenAI": 6,
        "Stability AI": 0,
    }


def test_releases_count_models_per_year_and_modality(landscape: LandscapeDB) -> None:
    url, rows = landscape
    releases = model_releases(db.get_engine(url))
    assert releases["models"].sum() == sum(1 for a in rows.models.values() if a.released_on)
    image_2022 = releases[(releases["year"] == 2022) & (releases["modality"] == "image")].iloc[0]
    assert image_2022["models"] == 2
    assert set(image_2022["names"].split(", ")) == {"DALL·E 2", "Stable Diffusion"}
    assert "Stable Diffusion creator" in image_2022["sources"]


def test_uses_name_the_company_behind_a_product(landscape: LandscapeDB) -> None:
    url, rows = landscape
    uses = model_uses(db.get_engine(url))
    notion = uses[uses["product"] == "Notion AI"].iloc[0]
    assert notion["company"] == "Notion" and notion["company_id"] == rows.companies["Notion"].id
    assert notion["model"] == "GPT-3.5" and notion["developer"] == "OpenAI"
    images = model_uses(db.get_engine(url), ModelFilters(modalities=("image",)))
    assert set(images["company"]) == {"Stability AI"}


def test_prices_keep_unit_currency_and_date(landscape: LandscapeDB) -> None:
    url, _rows = landscape
    prices = model_prices(db.get_engine(url))
    assert prices[["model", "price", "currency", "unit", "as_of"]].values.tolist() == [
        ["GPT-3.5", 0.02, "USD", "750 words", "2023-02"]
    ]
    assert model_prices(db.get_engine(url), ModelFilters(modalities=("image",))).empty
