import pandas as pd

from landscape.charts.timeline import timeline_chart


def test_timeline_chart_has_titles_and_source_tooltip() -> None:
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2015-10-01", "2020-06-01"]),
            "when": ["2015-Q4", "2020-06"],
            "kind": ["founding", "release"],
            "title": ["Founded", "GPT-3"],
            "model": [None, "GPT-3"],
            "sources": ["notes", "notes"],
        }
    )
    spec = timeline_chart(events, "History").to_dict()
    assert spec["title"] == "History"
    points = spec["layer"][0]
    assert points["encoding"]["x"]["title"] == "Date"
    assert points["encoding"]["y"]["title"] == "Kind of event"
    assert "sources" in {t["field"] for t in points["encoding"]["tooltip"]}
