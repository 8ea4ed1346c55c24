"""The Growth page in AppTest: a metric over time, reach since launch, fine-tuning."""

from .factories_dash2 import chart_data, chart_specs, page

pytest_plugins = ["tests.fixtures_dash2"]

REACH = "Users or sign-ups, and the days from launch it took"
ACCURACY = "Accuracy before and after fine-tuning"


def test_growth_shows_users_reach_and_accuracy(rich_app_url: str) -> None:
    at = page("growth").run()
    assert not at.exception
    assert at.selectbox(key="metric").value == "Users (count)"
    assert set(chart_specs(at)) == {"Users (count) over time", REACH, ACCURACY}
    assert "ChatGPT" in set(chart_data(at, REACH, "days")["subject"])
    assert {"Keeper Tax", "Viable"} <= set(chart_data(at, ACCURACY, "before")["subject"])
    assert "Sana Labs" in set(at.dataframe[0].value["subject"])


def test_a_permalink_compares_chosen_companies_on_a_metric(rich_app_url: str) -> None:
    at = page("growth")
    at.query_params["metric"] = "Revenue (USD)"
    at.query_params["company"] = "Jasper"
    at.run()
    assert not at.exception
    revenue = chart_data(at, "Revenue (USD) over time", "value")
    assert set(revenue["company"]) == {"Jasper"} and len(revenue) >= 2


def test_the_log_toggle_switches_the_scale(rich_app_url: str) -> None:
    at = page("growth").run()
    linear = chart_specs(at)["Users (count) over time"]["layer"][0]["encoding"]["y"]["scale"]
    at.toggle(key="log").set_value(True).run()
    logged = chart_specs(at)["Users (count) over time"]["layer"][0]["encoding"]["y"]["scale"]
    assert linear.get("type") != "log" and logged["type"] == "log"


def test_a_company_without_the_metric_gets_a_message(rich_app_url: str) -> None:
    at = page("growth")
    at.query_params["metric"] = "Revenue (USD)"
    at.run()
    at.multiselect(key="company").set_value([]).run()
    assert len(chart_data(at, "Revenue (USD) over time", "value")) >= 2
    at.selectbox(key="metric").set_value("Users (count)").run()
    assert not at.exception


def test_a_database_without_metrics(bare_app_url: str) -> None:
    at = page("growth").run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert len(at.info) == 3
