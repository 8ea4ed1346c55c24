"""Events and model eras on the seeded database, filtered in SQL, on SQLite and PostgreSQL."""

from collections import Counter

import pandas as pd
from sqlalchemy import select

from landscape import db
from landscape import models as m
from landscape.queries import timeline as q

from .seed_expectations import (
    from_notes,
    lineage_models,
    notes_quotes,
    seed,
    seed_date,
    seed_when,
)

DATED_EVENTS = [event for event in seed("events") if "date" in event]
MODELS = {model["name"]: model for model in seed("models")}


def _latest_seed_date() -> object:
    dates = [seed_date(event["date"]) for event in DATED_EVENTS]
    dates += [seed_date(model["released"]) for model in MODELS.values() if "released" in model]
    return max(dates)


def test_events_filter_by_company_and_kind(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    everything = q.events(engine)
    assert sorted(everything["title"]) == sorted(event["title"] for event in DATED_EVENTS)
    stability = q.events(engine, ("Stability AI",))
    expected = [e["title"] for e in DATED_EVENTS if e["company"] == "Stability AI"]
    assert sorted(stability["title"]) == sorted(expected) and expected
    releases = q.events(engine, ("OpenAI", "Stability AI"), ("release",))
    assert len(releases) == sum(
        e["kind"] == "release" and e["company"] in {"OpenAI", "Stability AI"} for e in DATED_EVENTS
    )
    assert set(releases["kind"]) == {"release"}
    assert releases["date"].is_monotonic_increasing
    per_company = Counter(event["company"] for event in DATED_EVENTS)
    assert q.event_companies(engine)[0] == per_company.most_common(1)[0][0]
    assert set(q.event_kinds(engine)) == {event["kind"] for event in DATED_EVENTS}


def test_every_event_names_its_date_model_product_source_and_quote(seeded_url: str) -> None:
    events = q.events(db.get_engine(seeded_url)).set_index("title")
    assert events["sources"].notna().all() and events["quotes"].notna().all()
    for event in DATED_EVENTS:
        row = events.loc[event["title"]]
        assert row["when"] == seed_when(event["date"])
        named = [None if pd.isna(row[key]) else row[key] for key in ("model", "product")]
        assert named == [event.get("model"), event.get("product")]
        assert all(quote in row["quotes"] for quote in notes_quotes(event))


def test_notes_only_leaves_out_facts_from_other_sources(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    from_the_notes = q.events(engine, notes_only=True)
    expected = [event["title"] for event in DATED_EVENTS if from_notes(event)]
    assert sorted(from_the_notes["title"]) == sorted(expected)
    assert len(expected) < len(DATED_EVENTS)
    told_by_the_notes = {event["company"] for event in DATED_EVENTS if from_notes(event)}
    assert set(q.event_companies(engine, notes_only=True)) == told_by_the_notes
    assert "Stability AI" not in told_by_the_notes  # its events are the public record's


def test_each_era_runs_to_the_next_release_of_its_lineage(seeded_url: str) -> None:
    eras = q.model_eras(db.get_engine(seeded_url))
    for root in ("GPT-1", "DALL-E"):
        lineage = eras[eras["lineage"] == root]
        expected = lineage_models(root)
        assert lineage["model"].tolist() == expected and len(expected) >= 2
        assert lineage["from"].tolist() == [seed_when(MODELS[n]["released"]) for n in expected]
        assert (lineage["end"].iloc[:-1].to_numpy() == lineage["start"].iloc[1:].to_numpy()).all()
        assert lineage["to"].iloc[:-1].tolist() == lineage["from"].iloc[1:].tolist()
        assert lineage["ongoing"].tolist() == [False] * (len(lineage) - 1) + [True]
        assert lineage["end"].iloc[-1] == pd.Timestamp(_latest_seed_date())
    assert set(eras["lineage"]) == {"GPT-1", "DALL-E"}  # no other lineage has a dated release
    assert q.lineages(eras)[0] == "GPT-1"  # as many eras as DALL-E's, and older


def test_a_model_dated_later_splits_the_era_before_it(seeded_url: str) -> None:
    """The notes leave InstructGPT undated; dated, it ends GPT-3's era and ChatGPT's begins
    after it, though ChatGPT grew from GPT-3.5, not from InstructGPT directly."""
    with db.session_scope(seeded_url) as session:
        model = session.execute(
            select(m.AIModel).where(m.AIModel.name == "InstructGPT")
        ).scalar_one()
        model.released_on, model.released_precision = seed_date("2022-01"), "month"
    eras = q.model_eras(db.get_engine(seeded_url)).set_index("model")
    assert eras.loc["GPT-3", "to"] == "2022-01" == eras.loc["InstructGPT", "from"]
    assert eras.loc["InstructGPT", "to"] == seed_when(MODELS["ChatGPT"]["released"])


def test_an_empty_database_gives_empty_frames(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    assert q.event_companies(engine) == [] and q.event_kinds(engine) == []
    events, eras = q.events(engine), q.model_eras(engine)
    assert events.empty and list(events.columns) == q.EVENT_COLUMNS
    assert eras.empty and list(eras.columns) == q.ERA_COLUMNS
    assert q.lineages(eras) == []
