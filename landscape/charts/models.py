"""Model charts: the family tree along time, releases per year, who builds on which model,
and prices."""

import altair as alt
import pandas as pd

from landscape.charts.common import COMPANY_TOOLTIP, SOURCE_TOOLTIP, YEAR_TOOLTIP

MODALITY_TITLE = "Modality"
MODEL_TOOLTIP = alt.Tooltip("model:N", title="Model")
ROW_HEIGHT = 30  # pixels per model, company or priced item: charts grow with their rows
LABEL_LIMIT = 360


def lineage_edges(lineage: pd.DataFrame) -> pd.DataFrame:
    """Parent-to-child links as two rows each (``edge``, ``name``, ``released_on``), for lines
    drawn between dated models."""
    dated = lineage.dropna(subset=["released_on"])
    released = dict(zip(dated["id"], dated["released_on"], strict=True))
    names = dict(zip(dated["id"], dated["name"], strict=True))
    rows = []
    for child, parent in zip(dated["id"], dated["parent_id"], strict=True):
        if pd.isna(parent) or parent not in released:
            continue
        edge = f"{names[parent]} → {names[child]}"
        rows.append({"edge": edge, "name": names[parent], "released_on": released[parent]})
        rows.append({"edge": edge, "name": names[child], "released_on": released[child]})
    return pd.DataFrame(rows, columns=["edge", "name", "released_on"])


def lineage_chart(lineage: pd.DataFrame, title: str) -> alt.LayerChart | alt.FacetChart:
    """Each dated model a point at its release, one row per model in family-tree order, a line
    from each model to the one it grew from."""
    dated = lineage.dropna(subset=["released_on"])
    order = list(dated["name"])
    y = alt.Y("name:N").sort(order).title("Model (family-tree order)")
    x = (
        alt.X("released_on:T")
        .title("Release date")
        .axis(format="%Y", tickCount="year")
        .scale(padding=24)
    )
    links = (
        alt.Chart(lineage_edges(lineage))
        .mark_line(color="#9a9a9a", strokeWidth=2)
        .encode(x, y, detail="edge:N")
    )
    base = alt.Chart(dated).encode(
        x,
        y,
        tooltip=[
            alt.Tooltip("name:N", title="Model"),
            alt.Tooltip("released:N", title="Released"),
            alt.Tooltip("developer:N", title="Developer"),
            alt.Tooltip("parent:N", title="Grew from"),
            alt.Tooltip("lineage:N", title="Lineage"),
            SOURCE_TOOLTIP,
        ],
    )
    points = base.mark_circle(size=140, opacity=1).encode(
        alt.Color("modality:N").title(MODALITY_TITLE).legend(orient="top")
    )
    labels = base.mark_text(align="left", dx=9, fontSize=11).encode(text="name:N")
    return alt.layer(links, points, labels).properties(title=title, height=alt.Step(ROW_HEIGHT))


def releases_chart(releases: pd.DataFrame, title: str) -> alt.Chart:
    """Models released per year, stacked by modality."""
    return (
        alt.Chart(releases)
        .mark_bar()
        .encode(
            alt.X("year:O").title("Year of release").axis(labelAngle=0),
            alt.Y("models:Q").title("Models released (count)").axis(tickMinStep=1),
            alt.Color("modality:N").title(MODALITY_TITLE),
            tooltip=[
                YEAR_TOOLTIP,
                alt.Tooltip("modality:N", title=MODALITY_TITLE),
                alt.Tooltip("models:Q", title="Models"),
                alt.Tooltip("names:N", title="Which"),
                SOURCE_TOOLTIP,
            ],
        )
        .properties(title=title, height=320)
    )


def uses_chart(uses: pd.DataFrame, title: str) -> alt.Chart:
    """A grid of companies (rows) against the models they build on (columns), coloured by
    how: trains its own, fine-tunes, or calls the API."""
    return (
        alt.Chart(uses)
        .mark_square(size=260, opacity=0.9)
        .encode(
            alt.X("model:N").title("Model built on").axis(labelAngle=-30),
            alt.Y("company:N").title("Company (or product owner)").axis(labelLimit=LABEL_LIMIT),
            alt.Color("how:N").title("How"),
            tooltip=[
                COMPANY_TOOLTIP,
                alt.Tooltip("product:N", title="Product"),
                MODEL_TOOLTIP,
                alt.Tooltip("developer:N", title="Model developer"),
                alt.Tooltip("how:N", title="How"),
                SOURCE_TOOLTIP,
            ],
        )
        .properties(title=title, height=alt.Step(ROW_HEIGHT))
    )


def prices_chart(prices: pd.DataFrame, title: str) -> alt.Chart:
    """One bar per priced item (``model — label, per unit``), the price along x."""
    currencies = sorted(set(prices["currency"].dropna()))
    currency = currencies[0] if len(currencies) == 1 else "original currency"
    item = prices["model"] + " — " + prices["label"] + ", per " + prices["unit"]
    items = prices.assign(item=item)
    return (
        alt.Chart(items)
        .mark_bar()
        .encode(
            alt.X("price:Q").title(f"Price ({currency} per unit named)"),
            alt.Y("item:N").title("What is priced").sort("-x").axis(labelLimit=LABEL_LIMIT),
            tooltip=[
                MODEL_TOOLTIP,
                alt.Tooltip("label:N", title="Item"),
                alt.Tooltip("price:Q", title="Price"),
                alt.Tooltip("currency:N", title="Currency"),
                alt.Tooltip("unit:N", title="Per"),
                alt.Tooltip("as_of:N", title="As of"),
                SOURCE_TOOLTIP,
            ],
        )
        .properties(title=title, height=alt.Step(ROW_HEIGHT))
    )
