"""Overview: the landscape in headline figures, and OpenAI's history."""

import streamlit as st

from landscape import charts, ui
from landscape.config import database_url

url = database_url()
ui.get_engine(url)
figures = ui.kpis(url)

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
timeline = ui.company_timeline(url, "OpenAI")
if timeline.empty:
    st.info("No dated events for OpenAI in this database yet.")
else:
    st.altair_chart(
        charts.timeline_chart(timeline, "OpenAI's history, as the sources date it"),
        width="stretch",
    )
    ui.download_button(timeline, "openai_timeline", key="download_openai_timeline")
