"""The Growth page in AppTest on the seeded database: a metric over time, reach since launch,
fine-tuning."""

from .seed_expectations import chart_data, chart_specs, page, seed, seed_date

pytest_plugins = ["tests.lone_company_fixtures"]

REACH = "Users or sign-ups, and the days from launch it took"
ACCURACY = "Accuracy before and after fine-tuning"
HEADCOUNT = "Headcount (people)"
VALUATION = "Valuation (USD)"
METRICS = seed("metrics")


def _release_day() -> object:
    """ChatGPT's release day in the public record (the notes give the month)."""
    releases = [
        e for e in seed("events") if e.get("product") == "ChatGPT" and e["kind"] == "release"
    ]
    return next(seed_date(e["date"]) for e in releases if len(str(e["date"])) == len("2022-11-30"))


def _dated(name: str) -> list[dict]:
    return [r for r in METRICS if r["name"] == name and "as_of" in r]


def test_growth_opens_on_a_metric_that_draws_a_line(app_url: str) -> None:
    at = page("growth").run()
    assert not at.exception
    assert at.selectbox(key="metric").value == HEADCOUNT  # the seed's only series of figures
    assert set(chart_specs(at)) == {f"{HEADCOUNT} over time", REACH, ACCURACY}
    series = chart_data(at, f"{HEADCOUNT} over time", "value")
    assert series["value"].tolist() == [r["value"] for r in _dated("headcount")]
    reach = chart_data(at, REACH, "days").set_index("subject")
    users = next(r for r in METRICS if r.get("product") == "ChatGPT" and r["name"] == "users")
    assert reach.loc["ChatGPT", "days"] == (seed_date(users["as_of"]) - _release_day()).days
    assert {"Keeper Tax", "Viable"} == set(chart_data(at, ACCURACY, "before")["subject"])
    gains = {r["company"] for r in METRICS if r["name"] in {"improvement", "accuracy_gain"}}
    assert set(at.dataframe[0].value["subject"]) == gains


def test_a_permalink_compares_chosen_companies_on_a_metric(app_url: str) -> None:
    at = page("growth")
    at.query_params["metric"] = VALUATION
    at.query_params["company"] = "Jasper"
    at.run()
    assert not at.exception
    valuation = chart_data(at, f"{VALUATION} over time", "value")
    jasper = [r["value"] for r in _dated("valuation") if r["company"] == "Jasper"]
    assert valuation["company"].tolist() == ["Jasper"] and valuation["value"].tolist() == jasper


def test_the_log_toggle_switches_the_scale(app_url: str) -> None:
    at = page("growth").run()
    title = f"{HEADCOUNT} over time"
    linear = chart_specs(at)[title]["layer"][0]["encoding"]["y"]["scale"]
    at.toggle(key="log").set_value(True).run()
    logged = chart_specs(at)[title]["layer"][0]["encoding"]["y"]["scale"]
    assert linear.get("type") != "log" and logged["type"] == "log"


def test_clearing_the_companies_compares_them_all(app_url: str) -> None:
    at = page("growth")
    at.query_params["metric"] = VALUATION
    at.query_params["company"] = "Jasper"
    at.run()
    at.multiselect(key="company").set_value([]).run()
    valuation = chart_data(at, f"{VALUATION} over time", "value")
    assert sorted(valuation["company"]) == sorted(r["company"] for r in _dated("valuation"))
    at.selectbox(key="metric").set_value("Users (count)").run()
    assert not at.exception
    assert chart_data(at, "Users (count) over time", "value")["subject"].tolist() == ["ChatGPT"]


def test_notes_only_counts_chatgpts_days_from_the_release_the_notes_cite(app_url: str) -> None:
    at = page("growth")
    at.session_state["notes_only"] = True
    at.run()
    assert not at.exception
    reach = chart_data(at, REACH, "days").set_index("subject")
    assert reach.index.tolist() == ["ChatGPT"]
    # one release event, cited by the notes ("2022.11", kept in ``stated``) and the public record
    assert reach.loc["ChatGPT", "launched_when"] == str(_release_day())


def test_a_database_without_metrics(bare_app_url: str) -> None:
    at = page("growth").run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert len(at.info) == 3
