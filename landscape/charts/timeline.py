"""Timeline charts: events along time, over the eras of a model lineage."""

import altair as alt
import pandas as pd

from landscape.models import EventKind

EVENT_KIND_TITLE = "Kind of event"
DATE_TITLE = "Date"
# Releases and funding stand out by shape; every other kind is a circle.
KIND_SHAPES = {"release": "triangle-up", "funding": "diamond"}
KINDS = [kind.value for kind in EventKind]


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
    legend = None if rows == "kind" else alt.Legend(orient="bottom")
    base = alt.Chart(events).encode(
        alt.X("date:T").title(DATE_TITLE).axis(format="%Y"),
        alt.Y(f"{rows}:N").title(row_title).sort(None),
        alt.Color("kind:N").title(EVENT_KIND_TITLE).scale(domain=KINDS).legend(legend),
        alt.Shape("kind:N")
        .title(EVENT_KIND_TITLE)
        .scale(domain=KINDS, range=[KIND_SHAPES.get(kind, "circle") for kind in KINDS])
        .legend(legend),
        tooltip=tooltip,
    )
    points = base.mark_point(size=170, filled=True, opacity=0.9)
    if rows == "kind":
        labels = base.mark_text(align="left", dx=9, dy=-9, fontSize=11, limit=260).encode(
            text="title:N"
        )
    else:
        labels = base.mark_text(align="left", dx=8, dy=-10, fontSize=11).encode(
            text=alt.Text("model:N")
        )
    layers: list[alt.Chart] = [points, labels]
    if eras is not None and not eras.empty:
        layers = [*era_layers(eras), *layers]
    height = 280 if rows == "kind" else max(220, 46 * events[rows].nunique())
    return (
        alt.layer(*layers)
        .resolve_scale(color="independent", shape="independent")
        .properties(title=title, height=height)
    )


def era_layers(eras: pd.DataFrame) -> list[alt.Chart]:
    """Bands from each model's release to the next one in its lineage, named at the top."""
    base = alt.Chart(eras).encode(
        alt.X("start:T").title(DATE_TITLE),
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
        alt.Color("model:N").scale(scheme="pastel1").sort(None).legend(None),
    )
    names = base.mark_text(
        align="left", baseline="top", dx=3, dy=3, fontSize=10, color="#555"
    ).encode(alt.Y(value=0), text="model:N")
    return [bands, names]
