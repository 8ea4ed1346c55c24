"""Overview: the landscape in headline figures, and OpenAI's history."""

import streamlit as st

from landscape import ui
from landscape.charts.timeline import timeline_chart
from landscape.queries.overview import company_timeline, kpis

ui.engine()
figures = ui.query(kpis)

st.title("AI Landscape")
st.caption("The generative-AI startup landscape, every figure traced to its source.")

tiles = st.columns(4)
tiles[0].metric("Companies", figures["companies"])
tiles[1].metric(
    "Disclosed funding",
    ui.money(figures["disclosed_funding_usd"]),
    help=f"Sum of disclosed round amounts in USD over {figures['rounds']} rounds; "
    "undisclosed amounts are counted as rounds, not summed.",
)
tiles[2].metric("AI models", figures["models"])
tiles[3].metric("Sources", figures["sources"], help=f"{figures['citations']} citations")

st.subheader("OpenAI: history")
timeline = ui.query(company_timeline, "OpenAI")
if timeline.empty:
    st.info("No dated events for OpenAI in this database yet.")
else:
    st.altair_chart(
        timeline_chart(timeline, "OpenAI's history, as the sources date it"), width="stretch"
    )
    ui.download_button(timeline, "openai_timeline", key="download_openai_timeline")
