"""Timeline charts: events along time, over the eras of a model lineage."""

import altair as alt
import pandas as pd

from landscape.charts.common import COMPANY_TOOLTIP, QUOTE_TOOLTIP, SOURCE_TOOLTIP, YEAR_AXIS

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
# Events of one row on one date are spread across the row: slot 0 at its middle, -1 above,
# +1 below, -2 ...; a slot is 1/(2 * ROW_SLOTS) of the row's height.
ROW_SLOTS = 3


def stagger(events: pd.DataFrame, rows: str) -> pd.DataFrame:
    """Add ``slot``: where an event sits across its row, so events of one row on one date
    (three on "2019" in the seed) sit above and below each other, not on top of each other."""
    order = events.groupby([rows, "date"], sort=False).cumcount()
    sign = (order % 2 * 2 - 1).where(order > 0, 0)
    return events.assign(slot=-sign * ((order + 1) // 2))


def release_labels(events: pd.DataFrame, rows: str) -> pd.DataFrame:
    """The releases to name on a row: each model (or product, when the event names no model)
    once, at its first release there. The seed dates ChatGPT's release twice (the notes' month
    and the public record's day); two labels would overprint."""
    label = events["model"]
    if "product" in events.columns:
        label = label.fillna(events["product"])
    named = events.assign(label=label)
    named = named[(named["kind"] == "release") & named["label"].notna()]
    return named.drop_duplicates([rows, "label"])


def timeline_chart(
    events: pd.DataFrame,
    title: str,
    eras: pd.DataFrame | None = None,
    rows: str = "kind",
    *,
    labelled: bool = True,
) -> alt.LayerChart:
    """Events as points along time, one row per ``rows`` value (``kind`` or ``company``).

    Releases are triangles and funding diamonds; events of a row on the same date are
    staggered. By kind, each event is labelled with its title; by company, a release is
    labelled with its model or product. When ``eras`` (``queries.timeline.model_eras``) is
    given, each era is a band behind the points. ``labelled=False`` leaves the titles to the
    tooltips (for a dense history shown beside a table of its events).
    """
    events = stagger(events, rows)
    row_title = EVENT_KIND_TITLE if rows == "kind" else "Company"
    tooltip = [
        alt.Tooltip("when:N", title="When"),
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("kind:N", title="Kind"),
    ]
    if "company" in events.columns:
        tooltip.append(COMPANY_TOOLTIP)
    tooltip.append(SOURCE_TOOLTIP)
    if "quotes" in events.columns:
        tooltip.append(QUOTE_TOOLTIP)
    kinds = sorted(events["kind"].unique())
    legend = None if rows == "kind" else alt.Legend(orient="right")
    x = alt.X("date:T").title(DATE_TITLE).axis(YEAR_AXIS).scale(nice="year")
    y = alt.Y(f"{rows}:N").title(row_title).sort(None).axis(labelLimit=220)
    # A quantitative offset spans the row's band: slot 0 is its middle.
    offset = alt.YOffset("slot:Q").scale(domain=[-ROW_SLOTS, ROW_SLOTS])
    base = alt.Chart(events).encode(x, y, offset, tooltip=tooltip)
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
            alt.Chart(release_labels(events, rows))
            .mark_text(align="left", dx=8, dy=-10, fontSize=11, color="#333")
            .encode(x, y, offset, text="label:N")
        )
    layers: list[alt.Chart] = [points, labels] if labelled else [points]
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
            SOURCE_TOOLTIP,
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
