"""Funding: who raised what and when, from whom, and at what valuation."""

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from landscape import ui
from landscape.charts import funding as charts
from landscape.queries import funding as q
from landscape.queries.common import RAISED_MEANS

ui.engine()
notes_only = ui.notes_only()

st.title("Funding")
st.caption(f"Rounds and amounts in USD. {RAISED_MEANS} Hover a bar or point for its source.")

filters = st.columns(2)
with filters[0]:
    companies = tuple(
        ui.bound_multiselect("Companies", ui.query(q.funding_companies, notes_only), "company")
    )
with filters[1]:
    types = tuple(
        ui.bound_multiselect("Round types", ui.query(q.round_types, notes_only), "round_type")
    )

narrowing = q.RoundFilters(companies, types, notes_only)
totals = ui.query(q.summary, narrowing)
tiles = st.columns(5)
tiles[0].metric("Rounds", totals["rounds"])
tiles[1].metric("Raised", ui.money(totals["raised_usd"]), help=RAISED_MEANS)
tiles[2].metric("Not counted as raised", ui.money(totals["not_raised_usd"]), help=RAISED_MEANS)
tiles[3].metric(
    "Undisclosed rounds", totals["undisclosed"], help="Counted as rounds, not summed as amounts."
)
tiles[4].metric("Undated rounds", totals["undated"], help="Left out of the charts over time.")

TOP_COMPANIES = 25  # lines and bars a chart draws: the companies that raised most
EMPTY = "No funding round matches these filters. Clear a filter, or turn off “Notes only”."


def section(
    title: str,
    read: Callable[..., pd.DataFrame],
    build: Callable[..., Any],
    name: str,
    empty: str = EMPTY,
    **options: Any,
) -> tuple[pd.DataFrame, bool]:
    """A subheader and the chart ``build`` draws from ``read`` under the page's filters (and
    ``options``); the rows and whether a chart was drawn."""
    st.subheader(title)
    frame = ui.query(read, narrowing, **options)
    return frame, ui.chart_or_message(frame, build, name, empty)


section("Per year", q.by_year, charts.by_year_chart, "funding_by_year")
left, right = st.columns(2)
with left:
    section(
        "Cumulative per company",
        q.cumulative,
        charts.cumulative_chart,
        "funding_cumulative",
        top=TOP_COMPANIES,
    )
    st.caption(f"At most the {TOP_COMPANIES} companies that raised most under the filters.")
with right:
    no_valuation = "No dated valuation for these companies."
    section("Valuations", q.valuations, charts.valuation_chart, "valuations", no_valuation)

board, drawn = section(
    "Leaderboard",
    q.leaderboard,
    lambda frame: charts.leaderboard_chart(frame.head(TOP_COMPANIES)),
    "funding_leaderboard",
)
if drawn:
    if len(board) > ui.ROWS_SHOWN:
        shown = f"the chart the first {TOP_COMPANIES}, the table the first {ui.ROWS_SHOWN:,}"
        st.caption(f"Companies by USD raised: {shown}.")
    st.dataframe(
        board.head(ui.ROWS_SHOWN),
        hide_index=True,
        width="stretch",
        column_config={
            "raised_usd": st.column_config.NumberColumn("Raised (USD)", format="dollar"),
            "not_raised_usd": st.column_config.NumberColumn(
                "Not counted as raised (USD)", format="dollar"
            ),
            "latest_valuation_usd": st.column_config.NumberColumn(
                "Latest post-money (USD)", format="dollar"
            ),
        },
    )

st.subheader("Investor → portfolio")
backers = ui.query(q.investors, notes_only)
investor = st.selectbox(
    "Investor",
    backers["investor"].tolist(),
    key="investor",
    bind="query-params",
    help="Investors with the most portfolio companies first.",
    disabled=backers.empty,
)
portfolio = ui.query(q.portfolio, investor or "", notes_only)
ui.chart_or_message(
    portfolio,
    lambda frame: charts.portfolio_chart(frame, investor or ""),
    "portfolio",
    "No investment on record.",
)
undated = portfolio[portfolio["date"].isna()]
if not undated.empty:
    rounds = ", ".join(
        f"{company} ({ui.money(None if pd.isna(amount) else amount)})"
        for company, amount in zip(undated["company"], undated["amount_usd"], strict=True)
    )
    st.caption(ui.escape_markdown(f"Undated, so not on the chart: {rounds}."))
