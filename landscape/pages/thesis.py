"""Thesis: does owning the channel beat owning the model?"""

from typing import Any

import pandas as pd
import streamlit as st

from landscape import ui
from landscape.charts.thesis import quadrant_chart, role_share_chart
from landscape.queries import thesis as q
from landscape.queries.common import RAISED_MEANS

CLAIMS_HEIGHT_PX = 820
CLAIMS_BEFORE_SCROLLING = 4
INFERRED = "the project's inference"


def _when_written(written: str | None, notes_only: bool) -> str:
    """The caveat of the notes' date, and what the view keeps beside them."""
    if not written:
        return ""
    kept = (
        "this view keeps only facts they cite"
        if notes_only
        else ("later facts come from the public record")
    )
    return f"The notes were written in {written}; {kept}. "


def _side(label: str) -> str:
    """``Favours the channel`` → ``for the channel``."""
    return "for " + label.removeprefix("Favours ").lower()


def _money(amount_usd: int) -> str:
    """An amount for markdown: ``$1.5M`` with its dollar sign escaped (not a formula)."""
    return ui.escape_markdown(ui.money(amount_usd))


def _money_sentence(year: Any) -> str:
    """One year of ``q.builder_shares`` in words."""
    return (
        f"**{year.year}**: application builders raised {_money(year.application_usd)}, "
        f"model builders {_money(year.model_usd)}: {year.application_share:.0%} went to "
        f"applications ({year.rounds} round(s) counted, {year.undisclosed} of them undisclosed)."
    )


ui.engine()
notes_only = ui.notes_only()

st.title("Thesis: channel vs model")

# ---------------------------------------------------------------- the argument
st.subheader("The argument")
st.markdown(
    "As large AI models spread, who captures the value? **Owning the model** means paying up "
    "front for data, compute and people to train a model of your own, and selling what it "
    "does. **Owning the channel** means owning the distribution: a product people already use "
    "every day, with its users and its traffic, that adds AI on top of somebody else's model. "
    "The notes ask whether the application of large models is won by whoever owns that channel "
    "rather than whoever trains the best model. Below, the notes' own words for each side, with "
    "an English summary."
)
sides = ui.query(q.sides, notes_only)
for column, side in zip(st.columns(max(len(sides), 1)), sides.itertuples(), strict=False):
    with column, st.container(border=True):
        speaker = f" · {ui.escape_markdown(side.speaker)}" if isinstance(side.speaker, str) else ""
        st.markdown(f"**{ui.escape_markdown(side.label)}**{speaker}")
        if pd.isna(side.statement):
            st.markdown(q.NO_CLAIM)
            continue
        st.markdown("> " + ui.escape_markdown(side.statement))
        if side.summary_en:
            st.caption(ui.escape_markdown(side.summary_en))
        st.caption(ui.escape_markdown(f"Source: {side.sources or 'none on record'}"))
st.markdown(
    "**How to read the quadrant.** Across, *model ownership*: the strongest way a company (or "
    f"one of its products) uses a model on record: {q.OWNERSHIP[1]} (1), {q.OWNERSHIP[2]} (2), "
    f"{q.OWNERSHIP[3]} (3); making a model counts as training it. Up, *distribution owned*: "
    f"{q.REACH[0]} (0), {q.REACH[1]} (1), {q.REACH[2]} (2, ChatGPT's milestone in the notes), "
    f"{q.REACH[3]} (3, its thesis role is channel owner). The vertical line parts those who "
    "train their own model from those who rent one; the horizontal line parts those with a "
    "channel or a million users from the rest. A bubble's size is the money the company raised, "
    "its colour its first category. A name marked *(inferred)* sits where it does on "
    f"{INFERRED}, which no source states."
)
st.caption(RAISED_MEANS)

# ---------------------------------------------------------------- the quadrant and the claims
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
                label = q.STANCES.get(claim.stance, ui.words(claim.stance))
                st.markdown(f"**{ui.escape_markdown(label)}**{speaker}")
                st.markdown("> " + ui.escape_markdown(claim.statement))
                if claim.summary_en:
                    st.caption(ui.escape_markdown(claim.summary_en))
                about = f"About: {claim.companies}. " if claim.companies else ""
                st.caption(
                    ui.escape_markdown(f"{about}Source: {claim.sources or 'none on record'}")
                )
    if not claims.empty:
        ui.download_button(claims, "thesis_claims", key="download_thesis_claims")

# ---------------------------------------------------------------- the corners
st.subheader("Who sits in each corner")
corners = q.corners(companies)
for row_start in (0, 2):
    for column, corner in zip(
        st.columns(2), corners.iloc[row_start : row_start + 2].itertuples(), strict=True
    ):
        with column, st.container(border=True):
            st.markdown(f"**{ui.escape_markdown(corner.corner)}** ({corner.count})")
            st.markdown(ui.escape_markdown(corner.companies or "Nobody on record."))
            if corner.count:
                st.caption(ui.escape_markdown(f"Raised together: {ui.money(corner.raised_usd)}"))
            st.caption(ui.escape_markdown(corner.meaning))

# Those who make the argument first (channel owners, builders), then investors and observers.
unplaced = companies[companies["ownership"].isna()]
role_order = {role.value: position for position, role in enumerate(q.ROLES_FIRST)}
first = unplaced["thesis_role"].map(role_order).fillna(len(role_order))
unplaced = unplaced.assign(first=first).sort_values(["first", "company"])
if not unplaced.empty:
    st.markdown(f"**{len(unplaced)} companies not placed, and why**")
    shown = pd.DataFrame(
        {
            "company": unplaced["company"],
            "thesis_role": unplaced["role_label"],
            "reason": unplaced["reason"],
            "distribution": unplaced["reach_label"],
            "raised_usd": unplaced["funding_usd"],
            "role_basis": unplaced["role_basis"],
        }
    )
    ui.table(
        shown,
        "thesis_not_placed",
        empty="",
        column_config={
            "company": "Company",
            "thesis_role": "Thesis role",
            "reason": "Why it is not placed",
            "distribution": "Distribution",
            "raised_usd": st.column_config.NumberColumn("Raised (USD)", format="dollar"),
            "role_basis": f"Basis of a role that is {INFERRED}",
        },
    )

# ---------------------------------------------------------------- the takeaway
st.subheader("What the data says")
shares = ui.query(q.builder_shares, notes_only)
money_years = shares[shares["application_share"].notna()]
stance_counts = ui.query(q.stance_counts, notes_only).set_index("stance")
taking_sides = stance_counts.drop(index="neutral", errors="ignore")
if money_years.empty:
    st.markdown("- No money raised by model or application builders is on record with a date.")
for row in money_years.itertuples():
    st.markdown("- " + _money_sentence(row))
sided = int(taking_sides["claims"].sum())
counts = ", ".join(
    f"{row.claims} {_side(row.label)}" for row in taking_sides.itertuples() if row.claims
)
model_side = taking_sides.index == "favours_model"
st.markdown(
    f"- **The claims**: of {int(stance_counts['claims'].sum())} claims on record, {sided} take "
    f"a side ({counts or 'none'}); the rest are neutral. Counting only claims a source "
    f"supports, {int(taking_sides.loc[~model_side, 'sourced'].sum())} favour the channel or "
    f"the applications and {int(taking_sides.loc[model_side, 'sourced'].sum())} the model; "
    f"{int(taking_sides['inferred'].sum())} rest on {INFERRED} alone."
)
written = ui.query(q.notes_written)
left_out = int(shares["not_raised"].sum())
inferred_places = int(placed["placement_inferred"].sum())
st.caption(
    f"Caveats: a small sample ({len(placed)} companies placed, "
    f"{int(shares['rounds'].sum())} dated rounds of model and application builders counted, "
    f"{left_out} more left out as pledges, reported or in-talks amounts). "
    + _when_written(written, notes_only)
    + f"{inferred_places} of the places shown rest on {INFERRED}, marked *(inferred)*. "
    "A stance is the project's reading of a claim, not the speaker's label."
)

st.subheader("Where the money went")
ui.chart_or_message(
    ui.query(q.funding_by_role, notes_only),
    role_share_chart,
    "funding_by_thesis_role",
    "No dated round of money raised on record.",
)
