"""Metrics over time, accuracy before and after fine-tuning, reach since launch."""

import datetime as dt

from sqlalchemy import select

from landscape import db
from landscape import models as m
from landscape.queries import growth as q

from .factories_dash2 import METRICS, PRODUCTS

pytest_plugins = ["tests.fixtures_dash2"]


def _figures(company: str, name: str) -> list[float]:
    return [row["value"] for row in METRICS if row["company"] == company and row["name"] == name]


def test_metric_choices_count_figures_per_name_and_unit(rich_url: str) -> None:
    choices = q.metric_choices(db.get_engine(rich_url))
    accuracy = choices[(choices["name"] == "accuracy") & (choices["unit"] == "percent")].iloc[0]
    assert accuracy["figures"] >= 4 and accuracy["subjects"] >= 2
    assert choices["figures"].is_monotonic_decreasing


def test_metric_series_compares_chosen_companies(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    revenue = q.metric_series(engine, "revenue", "USD", ("Jasper",))
    assert sorted(revenue["value"]) == sorted(_figures("Jasper", "revenue"))
    assert set(revenue["company"]) == {"Jasper"} and revenue["sources"].notna().all()
    assert q.metric_series(engine, "revenue", "USD", ("Viable",)).empty
    assert "Jasper" in q.metric_companies(engine, "revenue")


def test_notes_only_drops_figures_from_other_sources(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    revenue = q.metric_series(engine, "revenue", "USD", ("Jasper",), notes_only=True)
    assert revenue["label"].tolist() == ["annual revenue after eight months"]


def test_accuracy_change_is_first_figure_to_latest(rich_url: str) -> None:
    change = q.accuracy_change(db.get_engine(rich_url)).set_index("subject")
    for company in ("Keeper Tax", "Viable"):
        before, after = _figures(company, "accuracy")
        row = change.loc[company]
        assert (row["before"], row["after"]) == (before, after)
        assert row["change_pp"] == after - before
        assert row["fine_tunes"]
    assert change["change_pp"].is_monotonic_decreasing


def test_a_later_figure_becomes_the_after_value(rich_url: str) -> None:
    with db.session_scope(rich_url) as session:
        viable = session.execute(
            select(m.Company).where(m.Company.name_key == "viable")
        ).scalar_one()
        session.add(
            m.Metric(
                company_id=viable.id,
                name="accuracy",
                value=95,
                unit="percent",
                as_of=dt.date(2023, 1, 1),
                as_of_precision="month",
            )
        )
    row = q.accuracy_change(db.get_engine(rich_url)).set_index("subject").loc["Viable"]
    assert (row["after"], row["after_when"], row["figures"]) == (95, "2023-01", 3)


def test_gains_list_improvements_with_their_units(rich_url: str) -> None:
    gains = q.gains(db.get_engine(rich_url)).set_index("subject")
    assert gains.loc["Sana Labs", "value"] == _figures("Sana Labs", "improvement")[0]
    assert gains.loc["Keeper Tax", "unit"] == "pp/week"


def test_reach_counts_days_from_launch(rich_url: str) -> None:
    reach = q.reach_since_launch(db.get_engine(rich_url)).set_index("subject")
    launched = next(p for p in PRODUCTS if p["name"] == "ChatGPT")["launched"]
    as_of = next(r for r in METRICS if r.get("product") == "ChatGPT")["as_of"]
    days = (dt.date.fromisoformat(as_of) - dt.date.fromisoformat(launched)).days
    assert reach.loc["ChatGPT", "days"] == days
    assert reach.loc["ChatGPT", "value"] == 1_000_000
    assert reach["days"].is_monotonic_increasing


def test_an_empty_database_gives_empty_frames(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    assert q.metric_choices(engine).empty
    assert q.metric_series(engine, "users", "count").empty
    assert q.accuracy_change(engine).empty
    assert q.gains(engine).empty and q.reach_since_launch(engine).empty
