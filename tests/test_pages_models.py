"""The Models page in AppTest: lineage, releases, uses and prices, and its filters."""

from sqlalchemy import func, select

from landscape import db
from landscape import models as m

from .apptests import open_page
from .landscape_factory import Landscape


def test_every_chart_and_table_on_rich_data(landscape_app: Landscape) -> None:
    at = open_page("models").run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 4  # lineage, releases, uses, prices
    lineage = at.dataframe[0].value
    assert sorted(lineage["name"]) == sorted(landscape_app.models)
    chat = lineage.set_index("name").loc["ChatGPT", "lineage"]
    assert chat.startswith("GPT-1 → ") and chat.endswith(" → ChatGPT")


def test_a_modality_filter_narrows_every_section(landscape_app: Landscape) -> None:
    at = open_page("models", modality="image").run()
    assert not at.exception
    images = {name for name, model in landscape_app.models.items() if model.modality == "image"}
    assert set(at.dataframe[0].value["name"]) == images
    assert any("No model prices" in info.value for info in at.info)
    assert at.multiselect(key="modality_choice").value == ["image"]


def test_models_page_on_the_seed(app_url: str) -> None:
    at = open_page("models").run()
    assert not at.exception
    with db.get_engine(app_url).connect() as connection:
        models = connection.execute(select(func.count()).select_from(m.AIModel)).scalar_one()
    assert len(at.dataframe[0].value) == models
    assert at.get("vega_lite_chart")
