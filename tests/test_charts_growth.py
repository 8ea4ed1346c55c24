import pandas as pd

from landscape.charts.growth import (
    accuracy_chart,
    days_domain,
    metric_chart,
    metric_title,
    reach_chart,
)


def _series() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2022-06-01", "2022-12-01"]),
            "when": ["2022-06", "2022-12"],
            "company": ["Jasper", "Jasper"],
            "subject": ["Jasper", "Jasper"],
            "label": ["annual revenue", "expected"],
            "value": [40e6, 60e6],
            "value_high": [None, 75e6],
            "unit": ["USD", "USD"],
            "approximate": [True, True],
            "sources": ["notes", "The Information"],
            "quotes": ["$40m", "$60M"],
        }
    )


def test_metric_title_carries_the_unit() -> None:
    assert metric_title("users", "count") == "Users (count)"
    assert metric_title("fund_size", "USD") == "Fund size (USD)"


def test_metric_chart_titles_log_scale_and_sources() -> None:
    spec = metric_chart(_series(), "Revenue over time", "Revenue (USD)").to_dict()
    line = spec["layer"][0]
    assert spec["title"] == "Revenue over time"
    assert line["encoding"]["y"]["title"] == "Revenue (USD)"
    assert line["encoding"]["x"]["title"] == "Date (as of)"
    assert {"sources", "quotes"} <= {t["field"] for t in line["encoding"]["tooltip"]}
    assert line["encoding"]["y"]["scale"].get("type") != "log"
    logged = metric_chart(_series(), "t", "Revenue (USD)", log=True).to_dict()["layer"][0]
    assert logged["encoding"]["y"]["scale"]["type"] == "log"
    assert "log" in logged["encoding"]["y"]["title"]


def test_accuracy_chart_runs_from_before_to_after() -> None:
    change = pd.DataFrame(
        {
            "company": ["Viable", "Keeper Tax"],
            "subject": ["Viable", "Keeper Tax"],
            "before": [66.0, 85.0],
            "before_when": ["2021-09", "2021-09"],
            "after": [90.0, 93.0],
            "after_when": ["2022-01", "2022-01"],
            "change_pp": [24.0, 8.0],
            "figures": [2, 2],
            "fine_tunes": [True, True],
            "sources": ["notes", "notes"],
        }
    )
    spec = accuracy_chart(change).to_dict()
    rule = spec["layer"][0]
    assert spec["title"]["text"] == "Accuracy before and after fine-tuning"
    assert (rule["encoding"]["x"]["field"], rule["encoding"]["x2"]["field"]) == ("before", "after")
    assert rule["encoding"]["x"]["title"] == "Accuracy (%)"
    assert "sources" in {t["field"] for t in rule["encoding"]["tooltip"]}


def test_reach_chart_counts_days_on_a_log_axis() -> None:
    reach = pd.DataFrame(
        {
            "subject": ["ChatGPT", "Notion AI"],
            "metric": ["users", "waitlist"],
            "label": ["users", "waitlist"],
            "value": [1e6, 2e6],
            "launched_when": ["2022-11-30", "2022-11-16"],
            "when": ["2022-12-05", "2023-02-22"],
            "days": [5, 98],
            "sources": ["notes", "Notion"],
        }
    )
    spec = reach_chart(reach, "Reach").to_dict()
    points = spec["layer"][0]
    assert points["encoding"]["x"]["scale"]["type"] == "symlog"
    assert "log scale" in points["encoding"]["x"]["title"]
    assert "sources" in {t["field"] for t in points["encoding"]["tooltip"]}


def test_the_days_axis_reaches_the_first_named_tick_past_the_latest_figure() -> None:
    assert days_domain(pd.Series([0, 5])) == [0, 7]
    assert days_domain(pd.Series([0])) == [0, 0]
    assert days_domain(pd.Series([5000])) == [0, 5000]
    reach = pd.DataFrame(
        {
            "subject": ["ChatGPT"],
            "metric": ["users"],
            "label": ["users"],
            "value": [1e6],
            "launched_when": ["2022-11-30"],
            "when": ["2022-12-05"],
            "days": [5],
            "sources": ["notes"],
        }
    )
    x = reach_chart(reach, "Reach").to_dict()["layer"][0]["encoding"]["x"]
    assert x["scale"]["domain"] == [0, 7] and x["axis"]["values"] == [0, 1, 7]
