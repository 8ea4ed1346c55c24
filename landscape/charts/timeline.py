"""Timeline charts: events along time."""

import altair as alt
import pandas as pd

EVENT_KIND_TITLE = "Kind of event"


def timeline_chart(events: pd.DataFrame, title: str) -> alt.Chart:
    """Events as points along time, one row per kind, the title beside each point."""
    base = alt.Chart(events).encode(
        alt.X("date:T").title("Date").axis(format="%Y"),
        alt.Y("kind:N").title(EVENT_KIND_TITLE),
        alt.Color("kind:N").title(EVENT_KIND_TITLE).legend(None),
        tooltip=[
            alt.Tooltip("when:N", title="When"),
            alt.Tooltip("title:N", title="Event"),
            alt.Tooltip("kind:N", title="Kind"),
            alt.Tooltip("sources:N", title="Source"),
        ],
    )
    points = base.mark_circle(size=160, opacity=0.9)
    labels = base.mark_text(align="left", dx=9, dy=-9, fontSize=11, limit=260).encode(
        text="title:N"
    )
    return (points + labels).properties(title=title, height=280)
