"""Growth: metrics over time, reach since launch, and what fine-tuning gained."""

import streamlit as st

from landscape import ui
from landscape.charts.growth import accuracy_chart, metric_chart, metric_title, reach_chart
from landscape.queries import growth as q

ui.engine()
notes_only = ui.notes_only()

st.title("Growth")
st.caption(
    "How fast they grew: every dated figure on record, by product or company. "
    "Hover a point for its source and the quoted words."
)

choices = ui.query(q.metric_choices, notes_only)
labels = {
    metric_title(name, unit): (name, unit)
    for name, unit in zip(choices["name"], choices["unit"], strict=True)
}
options = list(labels)
default = q.default_choice(choices)
filters = st.columns([2, 3, 1])
with filters[0]:
    chosen = st.selectbox(
        "Metric", options, index=default, key="metric", bind="query-params", disabled=not options
    )
name, unit = labels.get(chosen, ("", ""))
with filters[1]:
    companies = ui.bound_multiselect(
        "Compare companies", ui.query(q.metric_companies, name, notes_only), "company"
    )
with filters[2]:
    log = st.toggle("Log scale", key="log", bind="query-params")

series = ui.query(q.metric_series, name, unit, tuple(companies), notes_only)
ui.chart_or_message(
    series,
    lambda frame: metric_chart(frame, f"{chosen} over time", chosen, log=log),
    "metric_series",
    "No dated figure for this metric and these companies. Choose another metric or company, "
    "or turn off “Notes only”.",
)

st.subheader("Reach since launch")
st.caption(
    "Users (or waitlist sign-ups) set against the launch of the product: ChatGPT's first million "
    "users beside the others. Days count from the first day of the launch period as dated."
)
reach = ui.query(q.reach_since_launch, notes_only)
ui.chart_or_message(
    reach,
    lambda frame: reach_chart(frame, "Users or sign-ups, and the days from launch it took"),
    "reach_since_launch",
    "No users figure with a known launch date on record.",
)

st.subheader("Fine-tuning")
st.caption(
    "Accuracy before and after fine-tuning: the first and the latest accuracy figure of each "
    "product or company; a company marked as fine-tuning has a fine-tuned model on record."
)
change = ui.query(q.accuracy_change, notes_only)
ui.chart_or_message(change, accuracy_chart, "accuracy_change", "No accuracy figure on record.")
gains = ui.query(q.gains, notes_only)
if not gains.empty:
    st.markdown("**Other reported gains from fine-tuning**")
    st.dataframe(gains, hide_index=True, width="stretch")
    ui.download_button(gains, "fine_tuning_gains", key="download_fine_tuning_gains")
