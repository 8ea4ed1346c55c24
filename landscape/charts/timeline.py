"""Timeline charts: events along time, over the eras of a model lineage."""

import altair as alt
import pandas as pd

EVENT_KIND_TITLE = "Kind of event"
DATE_TITLE = "Date"
# Releases and funding stand out by shape; every other kind is a circle.
KIND_SHAPES = {"release": "triangle-up", "funding": "diamond"}
KIND_COLOURS = {
    "founding": "#4c78a8",
    "release": "#e45756",
    "funding": "#2ca02c",
    "partnership": "#f58518",
    "governance": "#b279a2",
    "milestone": "#eeca3b",
    "announcement": "#72b7b2",
    "report": "#9d755d",
}
# One tick a year, written as the year.
YEAR_AXIS = alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1})


def timeline_chart(
    events: pd.DataFrame,
    title: str,
    eras: pd.DataFrame | None = None,
    rows: str = "kind",
) -> alt.LayerChart:
    """Events as points along time, one row per ``rows`` value (``kind`` or ``company``).

    Releases are triangles and funding diamonds; a release is labelled with its model. When
    ``eras`` (``queries.timeline.model_eras``) is given, each era is a band behind the points.
    """
    row_title = EVENT_KIND_TITLE if rows == "kind" else "Company"
    tooltip = [
        alt.Tooltip("when:N", title="When"),
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("kind:N", title="Kind"),
    ]
    if "company" in events.columns:
        tooltip.append(alt.Tooltip("company:N", title="Company"))
    tooltip.append(alt.Tooltip("sources:N", title="Source"))
    if "quotes" in events.columns:
        tooltip.append(alt.Tooltip("quotes:N", title="Quote"))
    kinds = sorted(events["kind"].unique())
    legend = None if rows == "kind" else alt.Legend(orient="right")
    base = alt.Chart(events).encode(
        alt.X("date:T").title(DATE_TITLE).axis(YEAR_AXIS).scale(nice="year"),
        alt.Y(f"{rows}:N").title(row_title).sort(None).axis(labelLimit=220),
        tooltip=tooltip,
    )
    color = (
        alt.Color("kind:N")
        .title(EVENT_KIND_TITLE)
        .scale(domain=kinds, range=[KIND_COLOURS.get(kind, "#888") for kind in kinds])
    )
    points = base.mark_point(size=170, filled=True, opacity=0.9).encode(
        color.legend(legend),
        alt.Shape("kind:N")
        .title(EVENT_KIND_TITLE)
        .scale(domain=kinds, range=[KIND_SHAPES.get(kind, "circle") for kind in kinds])
        .legend(legend),
    )
    if rows == "kind":
        labels = base.mark_text(align="left", dx=9, dy=-9, fontSize=11, limit=260).encode(
            color.legend(None), text="title:N"
        )
    else:
        labels = (
            base.transform_filter("isValid(datum.model)")
            .mark_text(align="left", dx=8, dy=-10, fontSize=11, color="#333")
            .encode(text="model:N")
        )
    layers: list[alt.Chart] = [points, labels]
    if eras is not None and not eras.empty:
        layers = [*era_layers(eras), *layers]
    height = 280 if rows == "kind" else 160 + 56 * events[rows].nunique()
    return alt.LayerChart(layer=layers).properties(title=title, height=height)


def era_layers(eras: pd.DataFrame) -> list[alt.Chart]:
    """Bands from each model's release to the next one in its lineage, named at the bottom."""
    base = alt.Chart(eras).encode(
        alt.X("start:T").title(DATE_TITLE).axis(YEAR_AXIS),
        tooltip=[
            alt.Tooltip("model:N", title="Model era"),
            alt.Tooltip("lineage:N", title="Lineage"),
            alt.Tooltip("from:N", title="From"),
            alt.Tooltip("to:N", title="To"),
            alt.Tooltip("sources:N", title="Source"),
        ],
    )
    bands = base.mark_rect(opacity=0.35).encode(
        alt.X2("end:T"),
        alt.Fill("model:N").scale(scheme="pastel1").sort(None).legend(None),
    )
    names = base.mark_text(
        align="left", baseline="bottom", dx=3, dy=-3, fontSize=10, color="#555"
    ).encode(alt.Y(value="height"), text="model:N")
    return [bands, names]
