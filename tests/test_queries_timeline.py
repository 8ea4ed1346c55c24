"""Events and model eras, filtered in SQL, on SQLite and PostgreSQL."""

import pandas as pd

from landscape import db
from landscape.queries import timeline as q

pytest_plugins = ["tests.fixtures_dash2"]


def test_events_filter_by_company_and_kind(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    everything = q.events(engine)
    assert {"Jasper", "OpenAI"} <= set(everything["company"])
    jasper = q.events(engine, ("Jasper",))
    assert not jasper.empty and set(jasper["company"]) == {"Jasper"}
    releases = q.events(engine, ("OpenAI", "Stability AI"), ("release",))
    assert set(releases["kind"]) == {"release"}
    assert set(releases["company"]) == {"OpenAI", "Stability AI"}
    assert releases["date"].is_monotonic_increasing
    assert q.event_companies(engine)[0] == everything["company"].value_counts().index[0]


def test_every_event_names_its_source_and_quote(rich_url: str) -> None:
    events = q.events(db.get_engine(rich_url))
    assert events["sources"].notna().all() and events["quotes"].notna().all()
    gpt1 = events[events["title"] == "GPT-1 released"].iloc[0]
    assert gpt1["when"] == "2018-06" and "GPT 1 / 2 / 3" in gpt1["quotes"]


def test_notes_only_leaves_out_facts_from_other_sources(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    everything, from_notes = q.events(engine), q.events(engine, notes_only=True)
    assert "Stability AI raises $101M" in set(everything["title"])
    assert "Stability AI raises $101M" not in set(from_notes["title"])
    assert "GPT-1 released" in set(from_notes["title"])
    assert "Stability AI" not in q.event_companies(engine, notes_only=True)


def test_each_era_runs_to_the_next_release_of_its_lineage(rich_url: str) -> None:
    eras = q.model_eras(db.get_engine(rich_url))
    gpt = eras[eras["lineage"] == "GPT-1"]
    assert gpt["model"].tolist()[:3] == ["GPT-1", "GPT-2", "GPT-3"]
    assert gpt["model"].tolist()[-1] == "ChatGPT"
    assert (gpt["end"].iloc[:-1].to_numpy() == gpt["start"].iloc[1:].to_numpy()).all()
    assert gpt["ongoing"].tolist() == [False] * (len(gpt) - 1) + [True]
    assert gpt["to"].iloc[0] == gpt["from"].iloc[1]
    dalle = eras[eras["model"] == "DALL-E"].iloc[0]
    assert dalle["lineage"] == "DALL-E" and dalle["ongoing"]
    assert q.lineages(eras)[0] == "GPT-1"


def test_an_empty_database_gives_empty_frames(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    assert q.event_companies(engine) == [] and q.event_kinds(engine) == []
    events, eras = q.events(engine), q.model_eras(engine)
    assert events.empty and list(events.columns) == q.EVENT_COLUMNS
    assert eras.empty and list(eras.columns) == q.ERA_COLUMNS
    assert q.lineages(eras) == []
    assert isinstance(eras, pd.DataFrame)
