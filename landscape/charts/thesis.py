"""Thesis charts: the channel-versus-model quadrant and the funding share of each thesis role."""

import altair as alt
import pandas as pd

from landscape.charts.common import (
    COMPANY_TOOLTIP,
    ROUNDS_TOOLTIP,
    SOURCES_TOOLTIP,
    UNDISCLOSED_ROUNDS_TOOLTIP,
    USD_LABELS,
    USD_SI_FORMAT,
    YEAR_TOOLTIP,
    tick_labels,
    usd_tooltip,
)
from landscape.queries.thesis import CORNERS, OWNS_CHANNEL_FROM, OWNS_MODEL_FROM

# The vertical split: owning the model means training it. The horizontal split: owning
# distribution means a channel or a million users.
OWNERSHIP_SPLIT = OWNS_MODEL_FROM - 0.5
REACH_SPLIT = OWNS_CHANNEL_FROM - 0.5
# After the name of a company whose place rests on the project's inference.
INFERRED_LABEL = " (inferred)"
X_DOMAIN = (0.5, 3.5)
Y_DOMAIN = (-0.5, 3.5)
# Each quadrant, and where its name sits: the outer corner at the top of the quadrant.
QUADRANTS = pd.DataFrame(
    {
        "x": [X_DOMAIN[0], OWNERSHIP_SPLIT, X_DOMAIN[0], OWNERSHIP_SPLIT],
        "x2": [OWNERSHIP_SPLIT, X_DOMAIN[1], OWNERSHIP_SPLIT, X_DOMAIN[1]],
        "y": [REACH_SPLIT, REACH_SPLIT, Y_DOMAIN[0], Y_DOMAIN[0]],
        "y2": [Y_DOMAIN[1], Y_DOMAIN[1], REACH_SPLIT, REACH_SPLIT],
        "name_x": [X_DOMAIN[0], X_DOMAIN[1], X_DOMAIN[0], X_DOMAIN[1]],
        "align": ["left", "right", "left", "right"],
        "name": [
            CORNERS[(False, True)][0],
            CORNERS[(True, True)][0],
            CORNERS[(False, False)][0],
            CORNERS[(True, False)][0],
        ],
    }
)
# A vocabulary value for reading: application_builder → application builder.
READABLE_LABELS = "replace(datum.label, /_/g, ' ')"
# The whole chart, legends included (Streamlit fits the chart into it).
QUADRANT_HEIGHT = 760
X_TITLE = "Model ownership (strongest use of a model on record)"
Y_TITLE = "Distribution owned (tier)"
X_TICKS = {1: "calls an API", 2: "fine-tunes", 3: "trains its own"}
Y_TICKS = {0: "none on record", 1: "< 1M users", 2: "≥ 1M users", 3: "owns a channel"}


def funding_legend_values(largest: float) -> list[int]:
    """Up to three powers of ten, at most ``largest``, for the funding size legend."""
    powers = [10**exponent for exponent in range(5, 13) if 10**exponent <= (largest or 0)]
    return powers[-3:] or [0]


def spread_overlaps(frame: pd.DataFrame, width: float = 0.6, height: float = 0.36) -> pd.DataFrame:
    """Add ``x`` and ``y``: the ownership and reach, spread so points in one cell don't overlap.

    Points sharing a cell sit side by side, alternately a little above and below its centre.
    """
    frame = frame.sort_values(["ownership", "reach", "funding_usd", "company"]).copy()
    cell = frame.groupby(["ownership", "reach"]).cumcount()
    size = frame.groupby(["ownership", "reach"])["company"].transform("size")
    step = width / size.clip(lower=1)
    frame["x"] = frame["ownership"].astype(float) + (cell - (size - 1) / 2) * step
    stagger = (cell % 2 * 2 - 1) * height / 2
    frame["y"] = frame["reach"].astype(float) + stagger.where(size > 1, 0.0)
    return frame


def point_labels(frame: pd.DataFrame) -> pd.Series:
    """Each company's name, marked when its place rests on the project's inference."""
    inferred = frame.get("placement_inferred", pd.Series(False, index=frame.index))
    return frame["company"] + inferred.fillna(False).astype(bool).map(
        {True: INFERRED_LABEL, False: ""}
    )


def quadrant_chart(companies: pd.DataFrame, title: str) -> alt.LayerChart:
    """Companies placed by model ownership (x) and distribution (y), sized by money raised and
    coloured by category, over the four quadrants of the thesis; a place that rests on the
    project's inference is labelled so."""
    placed = spread_overlaps(companies)
    placed["label"] = point_labels(placed)
    x_scale = alt.Scale(domain=list(X_DOMAIN), nice=False)
    y_scale = alt.Scale(domain=list(Y_DOMAIN), nice=False)
    x_axis = alt.Axis(values=list(X_TICKS), labelExpr=tick_labels(X_TICKS), grid=False)
    y_axis = alt.Axis(values=list(Y_TICKS), labelExpr=tick_labels(Y_TICKS), grid=False)
    area = alt.Chart(QUADRANTS)
    quadrants = area.mark_rect(opacity=0.06, color="#555", stroke="#999").encode(
        alt.X("x:Q").scale(x_scale).axis(x_axis).title(X_TITLE),
        alt.X2("x2:Q"),
        alt.Y("y:Q").scale(y_scale).axis(y_axis).title(Y_TITLE),
        alt.Y2("y2:Q"),
    )
    names = [
        area.transform_filter(f"datum.align == '{align}'")
        .mark_text(
            align=align,
            baseline="top",
            dx=6 if align == "left" else -6,
            dy=6,
            fontSize=12,
            fontStyle="italic",
            color="#666",
        )
        .encode(alt.X("name_x:Q"), alt.Y("y2:Q"), text="name:N")
        for align in ("left", "right")
    ]
    base = alt.Chart(placed).encode(
        alt.X("x:Q").scale(x_scale).axis(x_axis).title(X_TITLE),
        alt.Y("y:Q").scale(y_scale).axis(y_axis).title(Y_TITLE),
        tooltip=[
            COMPANY_TOOLTIP,
            alt.Tooltip("role_label:N", title="Thesis role"),
            alt.Tooltip("category:N", title="Category"),
            alt.Tooltip("ownership_label:N", title="Model ownership"),
            alt.Tooltip("model_evidence:N", title="Models on record"),
            alt.Tooltip("reach_label:N", title="Distribution"),
            alt.Tooltip("users:Q", title="Largest users figure (count)", format=","),
            usd_tooltip("funding_usd:Q", "Raised (USD)"),
            alt.Tooltip("undisclosed_rounds:Q", title="Undisclosed rounds (not summed)"),
            usd_tooltip("not_raised_usd:Q", "Not counted as raised (USD)"),
            alt.Tooltip("placement_inferred:N", title="Place rests on the project's inference"),
            SOURCES_TOOLTIP,
        ],
    )
    points = base.mark_circle(opacity=0.85, stroke="white", strokeWidth=1).encode(
        alt.Size("funding_usd:Q")
        .title("Money raised (USD)")
        .scale(type="sqrt", range=[70, 1800])
        .legend(
            values=funding_legend_values(placed["funding_usd"].max()),
            format=USD_SI_FORMAT,
            labelExpr=USD_LABELS,
            orient="top",
            direction="horizontal",
        ),
        alt.Color("category:N").title("Category").legend(orient="bottom", columns=3),
    )
    labels = base.mark_text(dy=-16, fontSize=11, fontWeight="bold").encode(text="label:N")
    layers = [quadrants, *names, points, labels]
    return alt.LayerChart(layer=layers).properties(title=title, height=QUADRANT_HEIGHT)


def role_share_chart(shares: pd.DataFrame) -> alt.Chart:
    """Each year's money raised split by the thesis role of the company that raised it."""
    return (
        alt.Chart(shares)
        .mark_bar()
        .encode(
            alt.X("year:O").title("Year announced").axis(labelAngle=0),
            alt.Y("amount_usd:Q")
            .stack("normalize")
            .title("Share of the year's money raised (%)")
            .axis(format="%"),
            alt.Color("role:N").title("Thesis role").legend(labelExpr=READABLE_LABELS),
            tooltip=[
                YEAR_TOOLTIP,
                alt.Tooltip("role:N", title="Thesis role"),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
                usd_tooltip("amount_usd:Q", "Raised (USD)"),
                ROUNDS_TOOLTIP,
                UNDISCLOSED_ROUNDS_TOOLTIP,
                SOURCES_TOOLTIP,
            ],
        )
        .properties(
            title=alt.Title(
                "Funding share by thesis role, per year",
                subtitle=(
                    "Closed or announced rounds; pledges, reported and in-talks amounts are left "
                    "out, and a year of undisclosed rounds only has no bar"
                ),
            ),
            height=360,
        )
    )
