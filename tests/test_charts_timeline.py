import pandas as pd

from landscape.charts.timeline import timeline_chart


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2015-10-01", "2020-06-01", "2022-10-18"]),
            "when": ["2015-Q4", "2020-06", "2022-10-18"],
            "kind": ["founding", "release", "funding"],
            "company": ["OpenAI", "OpenAI", "Jasper"],
            "title": ["Founded", "GPT-3", "Jasper raises $125M"],
            "model": [None, "GPT-3", None],
            "sources": ["notes", "notes", "The Information"],
            "quotes": ["成立", "发布了GPT-3", "Jasper raised $125M"],
        }
    )


def _eras() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lineage": ["GPT-1", "GPT-1"],
            "model": ["GPT-3", "ChatGPT"],
            "start": pd.to_datetime(["2020-06-01", "2022-11-01"]),
            "end": pd.to_datetime(["2022-11-01", "2022-12-01"]),
            "from": ["2020-06", "2022-11"],
            "to": ["2022-11", "ongoing"],
            "sources": ["notes", "notes"],
        }
    )


def test_timeline_chart_has_titles_and_source_tooltip() -> None:
    spec = timeline_chart(_events().drop(columns=["company", "quotes"]), "History").to_dict()
    assert spec["title"] == "History"
    points = spec["layer"][0]
    assert points["encoding"]["x"]["title"] == "Date"
    assert points["encoding"]["y"]["title"] == "Kind of event"
    assert "sources" in {t["field"] for t in points["encoding"]["tooltip"]}


def test_company_rows_mark_releases_and_funding_by_shape() -> None:
    spec = timeline_chart(_events(), "Events", rows="company").to_dict()
    points = spec["layer"][0]
    assert points["encoding"]["y"]["field"] == "company"
    shapes = points["encoding"]["shape"]["scale"]
    mapping = dict(zip(shapes["domain"], shapes["range"], strict=True))
    assert mapping["release"] != mapping["founding"] != mapping["funding"]
    assert {"sources", "quotes", "company"} <= {t["field"] for t in points["encoding"]["tooltip"]}


def test_model_eras_are_bands_behind_the_events() -> None:
    spec = timeline_chart(_events(), "Events", eras=_eras(), rows="company").to_dict()
    bands = spec["layer"][0]
    assert bands["mark"]["type"] == "rect"
    assert bands["encoding"]["x"]["field"] == "start"
    assert bands["encoding"]["x2"]["field"] == "end"
    assert "sources" in {t["field"] for t in bands["encoding"]["tooltip"]}
    assert len(spec["layer"]) == 4  # bands, their names, points, labels
