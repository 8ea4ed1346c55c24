import pandas as pd

from landscape.charts.timeline import release_labels, stagger, timeline_chart


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


def test_events_on_one_date_of_a_row_are_spread() -> None:
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2019-01-01"] * 4 + ["2020-06-01"]),
            "company": ["OpenAI"] * 3 + ["Microsoft", "OpenAI"],
        }
    )
    assert stagger(events, "company")["slot"].tolist() == [0, -1, 1, 0, 0]


def test_each_release_is_named_once_by_its_model_or_product() -> None:
    events = _events().assign(product=[None, "OpenAI API", None])
    again = events.iloc[[1]].assign(date=pd.to_datetime(["2020-06-15"]), when=["2020-06-15"])
    notion = pd.DataFrame(
        {"date": pd.to_datetime(["2022-11-01"]), "kind": ["release"], "company": ["Notion"]}
    ).assign(title="Notion AI", model=None, product="Notion AI")
    named = release_labels(pd.concat([events, again, notion], ignore_index=True), "company")
    assert named["label"].tolist() == ["GPT-3", "Notion AI"]
    labels = timeline_chart(_events(), "Events", rows="company").to_dict()["layer"][1]
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "label"
    assert labels["encoding"]["yOffset"]["field"] == "slot"


def test_an_unlabelled_timeline_leaves_titles_to_the_tooltips() -> None:
    labelled = timeline_chart(_events(), "History").to_dict()
    bare = timeline_chart(_events(), "History", labelled=False).to_dict()
    marks = [layer["mark"]["type"] for layer in labelled["layer"]]
    assert "text" in marks
    assert [layer["mark"]["type"] for layer in bare["layer"]] == ["point"]
    assert "title" in {t["field"] for t in bare["layer"][0]["encoding"]["tooltip"]}
