"""The Timeline page in AppTest on the seeded database: events over model eras, filters in the
URL."""

from collections import Counter

from .seed_expectations import chart_data, from_notes, lineage_models, page, seed

pytest_plugins = ["tests.lone_company_fixtures"]

TITLE = "Events over time, over the eras of the GPT-1 lineage"
DATED_EVENTS = [event for event in seed("events") if "date" in event]


def _events(at) -> list[str]:
    return sorted(chart_data(at, TITLE, "kind")["title"])


def test_timeline_draws_events_over_model_eras(app_url: str) -> None:
    at = page("timeline").run()
    assert not at.exception
    assert _events(at) == sorted(event["title"] for event in DATED_EVENTS)
    assert at.selectbox(key="lineage").value == "GPT-1"
    eras = at.dataframe[1].value
    assert eras["model"].tolist() == lineage_models("GPT-1")  # GPT-3, then ChatGPT
    assert len(at.get("download_button")) == 2


def test_each_release_is_named_once_by_its_model_or_product(app_url: str) -> None:
    """ChatGPT's release is one event, which the notes and the public record both cite."""
    at = page("timeline").run()
    labels = chart_data(at, TITLE, "label")["label"].tolist()
    releases = [e for e in DATED_EVENTS if e["kind"] == "release"]
    assert sum(e.get("model") == "ChatGPT" for e in releases) == 1
    assert sorted(labels) == sorted({e.get("model") or e["product"] for e in releases})


def test_events_on_one_date_are_spread_across_their_row(app_url: str) -> None:
    at = page("timeline").run()
    events = chart_data(at, TITLE, "kind")
    crowded = Counter((e["company"], str(e["date"])) for e in DATED_EVENTS).most_common(1)[0]
    (company, when), count = crowded
    assert count == 2  # e.g. OpenAI's governance and partnership of 2019, in the notes
    same_day = events[(events["company"] == company) & (events["when"] == when)]
    assert sorted(same_day["slot"]) == [-1, 0]


def test_a_permalink_opens_one_companys_events(app_url: str) -> None:
    at = page("timeline")
    at.query_params["company"] = "Stability AI"
    at.run()
    assert not at.exception
    assert at.multiselect(key="company").value == ["Stability AI"]
    expected = [e["title"] for e in DATED_EVENTS if e["company"] == "Stability AI"]
    assert _events(at) == sorted(expected)


def test_choosing_a_kind_changes_the_chart(app_url: str) -> None:
    at = page("timeline").run()
    at.multiselect(key="kind").set_value(["release"]).run()
    after = chart_data(at, TITLE, "kind")
    assert set(after["kind"]) == {"release"}
    assert len(after) == sum(event["kind"] == "release" for event in DATED_EVENTS)


def test_notes_only_hides_events_from_other_sources(app_url: str) -> None:
    at = page("timeline")
    at.session_state["notes_only"] = True
    at.run()
    assert _events(at) == sorted(e["title"] for e in DATED_EVENTS if from_notes(e))


def test_filters_that_leave_nothing_say_so(app_url: str) -> None:
    assert not [e for e in DATED_EVENTS if e["company"] == "Notion" and e["kind"] == "founding"]
    at = page("timeline")
    at.query_params["company"] = "Notion"
    at.query_params["kind"] = "founding"
    at.run()
    assert not at.exception
    assert not at.get("vega_lite_chart")
    assert any("No dated event matches" in info.value for info in at.info)


def test_a_database_without_events_or_models(bare_app_url: str) -> None:
    at = page("timeline").run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert any("no eras" in info.value for info in at.info)
