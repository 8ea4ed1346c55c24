"""Growth charts: a metric over time, accuracy before and after fine-tuning, reach since launch."""

import altair as alt
import pandas as pd

from landscape.charts.common import (
    AS_OF_TOOLTIP,
    COMPANY_TOOLTIP,
    MONTH_AXIS,
    QUOTE_TOOLTIP,
    SOURCE_TOOLTIP,
    tick_labels,
)

SUBJECT_TITLE = "Product or company"
SUBJECT_TOOLTIP = alt.Tooltip("subject:N", title=SUBJECT_TITLE)
# What a figure counts ("Weekly active users").
WHAT_TOOLTIP = alt.Tooltip("label:N", title="What")
# Ticks of the days-since-launch axis, named as a reader counts time.
DAY_TICKS = {
    0: "launch",
    1: "1 day",
    7: "1 week",
    30: "1 month",
    91: "3 months",
    365: "1 year",
    730: "2 years",
    1826: "5 years",
    3652: "10 years",
}


def metric_title(name: str, unit: str) -> str:
    """``users``, ``count`` → ``Users (count)``: an axis title that carries the unit."""
    return f"{name.replace('_', ' ').capitalize()} ({unit})"


def metric_chart(
    series: pd.DataFrame, title: str, value_title: str, log: bool = False
) -> alt.Chart:
    """Each subject's figures as a line over time; a range (value to value_high) as a rule."""
    scale = alt.Scale(type="log") if log else alt.Scale(zero=False)
    base = alt.Chart(series).encode(
        alt.X("date:T").title("Date (as of)").axis(MONTH_AXIS).scale(nice="month"),
        alt.Y("value:Q")
        .title(value_title + (", log scale" if log else ""))
        .scale(scale)
        .axis(format="~s"),
        alt.Color("subject:N").title(SUBJECT_TITLE),
        tooltip=[
            SUBJECT_TOOLTIP,
            COMPANY_TOOLTIP,
            WHAT_TOOLTIP,
            AS_OF_TOOLTIP,
            alt.Tooltip("value:Q", title=value_title, format=",.4~g"),
            alt.Tooltip("value_high:Q", title="Up to", format=",.4~g"),
            alt.Tooltip("approximate:N", title="Approximate"),
            SOURCE_TOOLTIP,
            QUOTE_TOOLTIP,
        ],
    )
    lines = base.mark_line(point=alt.OverlayMarkDef(size=90, filled=True), strokeWidth=2)
    ranges = (
        base.transform_filter("isValid(datum.value_high)")
        .mark_rule(strokeWidth=3, opacity=0.6)
        .encode(alt.Y2("value_high:Q"))
    )
    labels = base.mark_text(align="left", dx=7, dy=-8, fontSize=11).encode(
        alt.Text("value:Q", format=".3~s")
    )
    return (lines + ranges + labels).properties(title=title, height=380)


def accuracy_chart(change: pd.DataFrame) -> alt.LayerChart:
    """A dumbbell per subject: the first accuracy figure (grey) to the latest (coloured)."""
    tooltip = [
        SUBJECT_TOOLTIP,
        alt.Tooltip("before:Q", title="First accuracy (%)"),
        alt.Tooltip("before_when:N", title="First as of"),
        alt.Tooltip("after:Q", title="Latest accuracy (%)"),
        alt.Tooltip("after_when:N", title="Latest as of"),
        alt.Tooltip("change_pp:Q", title="Change (percentage points)"),
        alt.Tooltip("fine_tunes:N", title="Fine-tunes a model on record"),
        SOURCE_TOOLTIP,
    ]
    base = alt.Chart(change).encode(
        alt.Y("subject:N").title(SUBJECT_TITLE).sort(field="change_pp", order="descending"),
        tooltip=tooltip,
    )
    x_title = "Accuracy (%)"
    rule = base.mark_rule(strokeWidth=4, color="#bbb").encode(
        alt.X("before:Q").title(x_title).scale(domain=[0, 100]), alt.X2("after:Q")
    )
    before = base.mark_circle(size=160, color="#999", opacity=1).encode(
        alt.X("before:Q").title(x_title)
    )
    after = base.mark_circle(size=220, color="#1f77b4", opacity=1).encode(
        alt.X("after:Q").title(x_title)
    )
    before_labels = base.mark_text(align="right", dx=-10, fontSize=11).encode(
        alt.X("before:Q").title(x_title), alt.Text("before:Q", format=".0f")
    )
    after_labels = base.mark_text(align="left", dx=10, fontSize=11, fontWeight="bold").encode(
        alt.X("after:Q").title(x_title), alt.Text("after:Q", format=".0f")
    )
    return (rule + before + after + before_labels + after_labels).properties(
        title=alt.Title(
            "Accuracy before and after fine-tuning",
            subtitle="First reported figure (grey) to the latest (blue), in %",
        ),
        height=180 + 50 * len(change),
    )


def days_domain(days: pd.Series) -> list[int]:
    """From launch to the first named tick at or beyond the latest figure (5 days → 1 week),
    so the axis names the time around every point."""
    latest = days.max() if len(days) else 0
    return [0, next((tick for tick in DAY_TICKS if tick >= latest), int(latest))]


# "1M users after 5 days"; "within 34 days" when the launch is known only to the month.
FIGURE_LABEL = (
    "format(datum.value, '.3~s') + ' ' + datum.metric + (datum.days == 0 ? ' at launch' : "
    "(datum.launch_day_known ? ' after ' : ' within ') + datum.days + "
    "(datum.days == 1 ? ' day' : ' days'))"
)


def reach_chart(reach: pd.DataFrame, title: str) -> alt.LayerChart:
    """Users or sign-ups against the days since launch, one row per product, log-scaled days."""
    domain = days_domain(reach["days"])
    ticks = [tick for tick in DAY_TICKS if tick <= domain[1]]
    base = (
        alt.Chart(reach)
        .transform_calculate(figure=FIGURE_LABEL)
        .encode(
            alt.X("days:Q")
            .title("Time from launch to the figure (log scale)")
            .scale(type="symlog", domain=domain)
            .axis(values=ticks, labelExpr=tick_labels(DAY_TICKS)),
            alt.Y("subject:N").title(SUBJECT_TITLE).sort(field="days", order="ascending"),
            tooltip=[
                SUBJECT_TOOLTIP,
                WHAT_TOOLTIP,
                alt.Tooltip("value:Q", title="Figure (count)", format=","),
                alt.Tooltip("launched_when:N", title="Launched"),
                AS_OF_TOOLTIP,
                alt.Tooltip("days:Q", title="Days from launch"),
                SOURCE_TOOLTIP,
            ],
        )
    )
    points = base.mark_circle(size=200, opacity=1).encode(
        alt.Color("metric:N").title("Figure").legend(None)
    )
    labels = base.mark_text(align="left", dx=10, fontSize=12).encode(
        alt.Text("figure:N"),
    )
    return (points + labels).properties(title=title, height=180 + 50 * reach["subject"].nunique())
