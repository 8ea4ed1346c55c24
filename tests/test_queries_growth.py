"""Metrics over time, accuracy before and after fine-tuning, reach since launch, on the seed."""

import datetime as dt
from collections import Counter

from sqlalchemy import select

from landscape import db
from landscape import models as m
from landscape.queries import growth as q

from .seed_expectations import from_notes, seed, seed_date, subject_of

METRICS = seed("metrics")
DATED = [metric for metric in METRICS if "as_of" in metric]


def _figures(company: str, name: str) -> list[float]:
    """A company's figures of one metric, in the seed's order."""
    return [r["value"] for r in METRICS if r.get("company") == company and r["name"] == name]


def _add_metric(url: str, company: str, product: str | None = None, **values: object) -> None:
    with db.session_scope(url) as session:
        found = session.execute(select(m.Company).where(m.Company.name == company)).scalar_one()
        product_id = session.execute(
            select(m.Product.id).where(m.Product.name == product)
        ).scalar_one_or_none()
        session.add(m.Metric(company_id=found.id, product_id=product_id, **values))


def test_metric_choices_count_figures_subjects_and_the_longest_series(seeded_url: str) -> None:
    choices = q.metric_choices(db.get_engine(seeded_url))
    per_subject = Counter((r["name"], r["unit"], subject_of(r)) for r in DATED)
    expected = {}
    for (name, unit, _subject), figures in per_subject.items():
        total, subjects, longest = expected.get((name, unit), (0, 0, 0))
        expected[(name, unit)] = (total + figures, subjects + 1, max(longest, figures))
    found = {
        (row.name, row.unit): (row.figures, row.subjects, row.longest)
        for row in choices.itertuples()
    }
    assert found == expected
    assert choices["figures"].is_monotonic_decreasing


def test_the_page_opens_on_users_only_when_they_draw_a_line(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    series = Counter((r["name"], r["unit"], subject_of(r)) for r in DATED)
    lines = sorted({name for (name, _unit, _subject), n in series.items() if n >= 2})
    assert lines == ["headcount"]  # Jasper's team, 9 then 160; ChatGPT's users are one figure
    choices = q.metric_choices(engine)
    assert choices.iloc[q.default_choice(choices)]["name"] == "headcount"
    _add_metric(
        seeded_url,
        "OpenAI",
        "ChatGPT",
        name="users",
        value=2_000_000,
        unit="count",
        as_of=dt.date(2023, 1, 1),
        as_of_precision="month",
    )
    choices = q.metric_choices(engine)
    assert choices.iloc[q.default_choice(choices)]["name"] == "users"
    assert q.default_choice(choices.iloc[0:0]) == 0


def test_metric_series_compares_chosen_companies(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    headcount = q.metric_series(engine, "headcount", "people", ("Jasper",))
    assert headcount["value"].tolist() == _figures("Jasper", "headcount")  # oldest first
    assert headcount["when"].tolist() == [
        str(r["as_of"]) for r in DATED if r["name"] == "headcount"
    ]
    assert set(headcount["company"]) == {"Jasper"} and headcount["sources"].notna().all()
    assert q.metric_series(engine, "headcount", "people", ("Viable",)).empty
    assert q.metric_companies(engine, "headcount") == ["Jasper"]
    valuations = q.metric_series(engine, "valuation", "USD")
    assert sorted(valuations["company"]) == sorted(
        r["company"] for r in DATED if r["name"] == "valuation"
    )


def test_notes_only_drops_figures_from_other_sources(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    everything = q.metric_series(engine, "valuation", "USD")
    from_the_notes = q.metric_series(engine, "valuation", "USD", notes_only=True)
    expected = [r["label"] for r in DATED if r["name"] == "valuation" and from_notes(r)]
    assert from_the_notes["label"].tolist() == expected
    assert len(expected) < len(everything)


def test_accuracy_change_is_first_figure_to_latest(seeded_url: str) -> None:
    change = q.accuracy_change(db.get_engine(seeded_url)).set_index("subject")
    assert set(change.index) == {r.get("company") for r in METRICS if r["name"] == "accuracy"}
    for company in ("Keeper Tax", "Viable"):  # 85% → 93%, 66% → 90%
        before, after = _figures(company, "accuracy")
        row = change.loc[company]
        assert (row["before"], row["after"], row["figures"]) == (before, after, 2)
        assert row["change_pp"] == after - before
        assert row["fine_tunes"]
        assert row["before_when"] == row["after_when"] == ""  # the notes date neither
    assert change["change_pp"].is_monotonic_decreasing


def test_a_later_figure_becomes_the_after_value(seeded_url: str) -> None:
    """The seed's pair is undated; a figure added with a date is the latest, not the first."""
    _add_metric(
        seeded_url,
        "Viable",
        name="accuracy",
        value=95,
        unit="percent",
        as_of=dt.date(2023, 1, 1),
        as_of_precision="month",
    )
    row = q.accuracy_change(db.get_engine(seeded_url)).set_index("subject").loc["Viable"]
    before = _figures("Viable", "accuracy")[0]
    assert (row["before"], row["after"], row["after_when"], row["figures"]) == (
        before,
        95,
        "2023-01",
        3,
    )


def test_gains_list_improvements_with_their_units(seeded_url: str) -> None:
    gains = q.gains(db.get_engine(seeded_url))
    expected = {
        (r["company"], r["name"], r["value"], r["unit"])
        for r in METRICS
        if r["name"] in {"improvement", "accuracy_gain"}
    }
    assert (
        set(zip(gains["subject"], gains["metric"], gains["value"], gains["unit"], strict=True))
        == expected
    )
    assert ("Sana Labs", "improvement", 60, "percent") in expected


def _chatgpt_users() -> dict:
    return next(r for r in METRICS if r.get("product") == "ChatGPT" and r["name"] == "users")


def test_reach_counts_days_from_the_most_precise_launch(seeded_url: str) -> None:
    """ChatGPT launched in "2022.11" (the notes) on 2022-11-30 (the public record's release
    event); its million users of 2022-12-05 came five days later."""
    reach = q.reach_since_launch(db.get_engine(seeded_url)).set_index("subject")
    users = _chatgpt_users()
    release_day = next(
        seed_date(e["date"])
        for e in seed("events")
        if e.get("product") == "ChatGPT" and e["kind"] == "release" and len(str(e["date"])) == 10
    )
    assert reach.loc["ChatGPT", "launched_when"] == str(release_day)
    assert reach.loc["ChatGPT", "launch_day_known"]
    assert reach.loc["ChatGPT", "days"] == (seed_date(users["as_of"]) - release_day).days == 5
    assert reach.loc["ChatGPT", "value"] == users["value"]
    assert reach["days"].is_monotonic_increasing


def test_notes_only_counts_from_the_release_the_notes_cite(seeded_url: str) -> None:
    """ChatGPT's release is one event that the notes ("2022.11") and the public record
    (2022-11-30) both cite, kept at the public record's day; the notes' month is in their
    citation's ``stated`` (``landscape conflicts``)."""
    reach = q.reach_since_launch(db.get_engine(seeded_url), notes_only=True).set_index("subject")
    release = next(
        e for e in seed("events") if e.get("product") == "ChatGPT" and e["kind"] == "release"
    )
    assert reach.loc["ChatGPT", "launched_when"] == str(release["date"]) == "2022-11-30"
    assert reach.loc["ChatGPT", "launch_day_known"]
    days = (seed_date(_chatgpt_users()["as_of"]) - seed_date(release["date"])).days
    assert reach.loc["ChatGPT", "days"] == days
    assert "Notion AI" not in reach.index  # its waitlist is the public record's


def test_an_undated_figure_is_not_set_against_a_launch(seeded_url: str) -> None:
    """Notion AI's waitlist is the alpha's total as a later post gives it, undated: no days."""
    reach = q.reach_since_launch(db.get_engine(seeded_url)).set_index("subject")
    waitlist = next(r for r in METRICS if r.get("product") == "Notion AI")
    assert "as_of" not in waitlist
    assert "Notion AI" not in reach.index


def test_an_empty_database_gives_empty_frames(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    assert q.metric_choices(engine).empty
    assert q.metric_series(engine, "users", "count").empty
    assert q.accuracy_change(engine).empty
    assert q.gains(engine).empty and q.reach_since_launch(engine).empty
