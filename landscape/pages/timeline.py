"""Timeline: dated events by company and kind, over the eras of a model lineage."""

import streamlit as st

from landscape import ui
from landscape.charts.timeline import timeline_chart
from landscape.queries import timeline as q

ui.engine()
notes_only = ui.notes_only()

st.title("Timeline")
st.caption(
    "What happened when: founding, releases (▲), funding (◆) and the rest, one row per company. "
    "The coloured bands are the eras of a model lineage, each running from one model's release "
    "to the next. Hover a point for its source."
)

filters = st.columns([3, 2, 2])
with filters[0]:
    companies = ui.bound_multiselect(
        "Companies", ui.query(q.event_companies, notes_only), "company"
    )
with filters[1]:
    kinds = ui.bound_multiselect("Kinds of event", ui.query(q.event_kinds, notes_only), "kind")
eras = ui.query(q.model_eras, notes_only)
lineages = q.lineages(eras)
with filters[2]:
    lineage = st.selectbox(
        "Model eras from",
        lineages,
        key="lineage",
        bind="query-params",
        format_func=lambda root: f"{root} lineage",
        help="The lineage whose eras are drawn as bands: a model without a parent and the "
        "models descended from it.",
        disabled=not lineages,
    )

events = ui.query(q.events, tuple(companies), tuple(kinds), notes_only)
lineage_eras = eras[eras["lineage"] == lineage] if lineage else eras.iloc[0:0]
title = "Events over time" + (f", over the eras of the {lineage} lineage" if lineage else "")
drawn = ui.chart_or_message(
    events,
    lambda frame: timeline_chart(frame, title, eras=lineage_eras, rows="company"),
    "timeline_events",
    "No dated event matches these filters. Clear a filter, or turn off “Notes only”.",
)
if drawn:
    st.subheader("Events")
    st.dataframe(
        events.drop(columns=["date"]),
        hide_index=True,
        width="stretch",
        column_config={"expected": st.column_config.CheckboxColumn("Expected")},
    )

st.subheader("Model eras")
if lineage_eras.empty:
    st.info("No dated model release in this database yet, so there are no eras to draw.")
else:
    st.dataframe(lineage_eras.drop(columns=["start", "end"]), hide_index=True, width="stretch")
    ui.download_button(lineage_eras, "model_eras", key="download_model_eras")
