"""The Timeline page in AppTest: events over model eras, filters in the URL."""

from .factories_dash2 import chart_data, page

pytest_plugins = ["tests.fixtures_dash2"]

TITLE = "Events over time, over the GPT-1 eras"


def test_timeline_draws_events_over_model_eras(rich_app_url: str) -> None:
    at = page("timeline").run()
    assert not at.exception
    events = chart_data(at, TITLE, "kind")
    assert {"OpenAI", "Jasper", "Stability AI"} <= set(events["company"])
    assert at.selectbox(key="lineage").value == "GPT-1"
    assert [d.value["model"].tolist()[0] for d in at.dataframe][1] == "GPT-1"
    assert len(at.get("download_button")) == 2


def test_a_permalink_opens_one_companys_events(rich_app_url: str) -> None:
    at = page("timeline")
    at.query_params["company"] = "Jasper"
    at.run()
    assert not at.exception
    assert at.multiselect(key="company").value == ["Jasper"]
    assert set(chart_data(at, TITLE, "kind")["company"]) == {"Jasper"}


def test_choosing_a_kind_changes_the_chart(rich_app_url: str) -> None:
    at = page("timeline").run()
    before = chart_data(at, TITLE, "kind")
    at.multiselect(key="kind").set_value(["release"]).run()
    after = chart_data(at, TITLE, "kind")
    assert set(after["kind"]) == {"release"} and len(after) < len(before)


def test_notes_only_hides_events_from_other_sources(rich_app_url: str) -> None:
    at = page("timeline")
    at.session_state["notes_only"] = True
    at.run()
    assert "Stability AI raises $101M" not in set(chart_data(at, TITLE, "kind")["title"])


def test_filters_that_leave_nothing_say_so(rich_app_url: str) -> None:
    at = page("timeline")
    at.query_params["company"] = "Jasper"
    at.query_params["kind"] = "founding"
    at.run()
    assert not at.exception
    assert not at.get("vega_lite_chart")
    assert any("No dated event matches" in info.value for info in at.info)


def test_a_database_without_events_or_models(bare_app_url: str) -> None:
    at = page("timeline").run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert any("no eras" in info.value for info in at.info)
