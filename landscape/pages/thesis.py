"""Thesis: does owning the channel beat owning the model?"""

import streamlit as st

from landscape import ui
from landscape.charts.thesis import quadrant_chart, role_share_chart
from landscape.queries import thesis as q

CLAIMS_HEIGHT_PX = 820
CLAIMS_BEFORE_SCROLLING = 4

ui.engine()
notes_only = ui.notes_only()

st.title("Thesis: channel vs model")
st.caption(
    "The notes ask whether the application of large models is won by whoever owns the "
    "channel: “谁拥有流量，谁就拥有用户”. Here is where each company stands, and what the "
    "sources claim."
)

companies = ui.query(q.quadrant, zh=ui.zh(), notes_only=notes_only)
placed = companies[companies["ownership"].notna()]
chart_side, claims_side = st.columns([3, 2], gap="large")

with chart_side:
    ui.chart_or_message(
        placed,
        lambda frame: quadrant_chart(frame, "Who owns the model, who owns the distribution"),
        "thesis_quadrant",
        "No company has a model use on record, so none can be placed.",
    )
    with st.expander("How the axes are computed"):
        st.markdown(
            "- **Model ownership** (x): the strongest way the company, or one of its products, "
            "uses a model on record: calls an API (1), fine-tunes (2), trains its own (3). "
            "Developing a model counts as training its own.\n"
            "- **Distribution owned** (y): 3 when its thesis role is *channel owner*; else 2 "
            "when the largest users figure on record for it, its products or its models "
            "reaches 1M (ChatGPT's milestone in the notes), 1 when it is below, 0 when there "
            "is none.\n"
            "- **Size**: disclosed funding in USD (undisclosed rounds are not summed). "
            "**Colour**: the company's first category.\n"
            "- Points in the same cell are spread apart; their position inside it means nothing."
        )
    unplaced = companies[companies["ownership"].isna()]
    if not unplaced.empty:
        with st.expander(f"{len(unplaced)} companies not placed: no model use on record"):
            st.dataframe(
                unplaced[["company", "thesis_role", "category", "reach_label", "funding_usd"]],
                hide_index=True,
                width="stretch",
            )

with claims_side:
    st.subheader("The claims")
    stances = ui.bound_multiselect("Stance", ui.query(q.claim_stances, notes_only), "stance")
    claims = ui.query(q.claims, tuple(stances), notes_only)
    if claims.empty:
        st.info("No claim matches these filters.", icon=":material/filter_alt_off:")
    scrolls = len(claims) > CLAIMS_BEFORE_SCROLLING
    if scrolls:
        st.caption(f"{len(claims)} claims; the list scrolls.")
    # A long list scrolls, about as tall as the chart beside it, so the page goes on below.
    with st.container(height=CLAIMS_HEIGHT_PX if scrolls else "content", border=False):
        for claim in claims.itertuples():
            with st.container(border=True):
                speaker = f" · {ui.escape_markdown(claim.speaker)}" if claim.speaker else ""
                st.markdown(f"**{ui.escape_markdown(q.STANCES.get(claim.stance))}**{speaker}")
                st.markdown("> " + ui.escape_markdown(claim.statement))
                if claim.summary_en:
                    st.caption(ui.escape_markdown(claim.summary_en))
                about = f"About: {claim.companies}. " if claim.companies else ""
                st.caption(
                    ui.escape_markdown(f"{about}Source: {claim.sources or 'none on record'}")
                )
    if not claims.empty:
        ui.download_button(claims, "thesis_claims", key="download_thesis_claims")

st.subheader("Where the money went")
ui.chart_or_message(
    ui.query(q.funding_by_role, notes_only),
    role_share_chart,
    "funding_by_thesis_role",
    "No dated funding round on record.",
)
