"""Sources: every source, what it supports, and the quotes."""

import pandas as pd
import streamlit as st

from landscape import ui
from landscape.queries.evidence import citations
from landscape.queries.sources import source_kinds, sources_overview

ui.engine()
notes_only = ui.notes_only()

st.title("Sources")
st.caption(
    "Every source the figures come from, what each supports, and its quotes in its own words."
)

search = st.text_input(
    "Search sources", key="source_q", bind="query-params", placeholder="Title, publisher, author"
)
kinds = tuple(st.query_params.get_all("source_kind"))
ui.url_multiselect(
    "Kind of source",
    ui.query(source_kinds, search=search, notes_only=notes_only).assign(
        label=lambda frame: frame["label"].map(ui.words)
    ),
    "source_kind",
)
sources = ui.query(sources_overview, kinds=kinds, search=search, notes_only=notes_only)
links = pd.Series([ui.web_url(url) for url in sources["url"]], index=sources.index, dtype="object")
st.caption("Choose a row to read that source's quotes below.")
picked = ui.table(
    sources.assign(url=links),
    "sources",
    empty="No sources match.",
    column_config=ui.columns(
        *("id", "kind", "publisher", "locator"),
        title=st.column_config.TextColumn("Title", width="large"),
        author="Author",
        published="Published",
        language="Language",
        url=ui.COLUMNS["link"],
        citations=st.column_config.NumberColumn("Quotes", format="%d"),
        supports=st.column_config.TextColumn("Supports", width="medium"),
    ),
    key="sources_table",
    on_select="rerun",
    selection_mode="single-row",
)

st.subheader("Quotes")
chosen = sources.iloc[picked.selection.rows] if picked and picked.selection.rows else sources
narrowed = len(chosen) == 1 or bool(kinds) or bool(search.strip())
quote_search = st.text_input(
    "Search quotes", key="quote_q", bind="query-params", placeholder="Words in a quote or a fact"
)
if len(chosen) == 1:
    st.caption(f"From: {ui.escape_markdown(chosen.iloc[0]['title'])}")
quotes = (
    ui.query(
        citations,
        source_ids=tuple(int(source_id) for source_id in chosen["id"]) if narrowed else (),
        search=quote_search,
        notes_only=notes_only,
        limit=ui.ROWS_SHOWN + 1,
    )
    if not chosen.empty
    else pd.DataFrame(columns=["supports", "subject", "quote", "source"])
)
if len(quotes) > ui.ROWS_SHOWN:
    quotes = quotes.head(ui.ROWS_SHOWN)
    st.caption(
        f"The first {ui.ROWS_SHOWN:,} quotes are shown (and in the CSV): search the quotes or "
        "choose a source to see others."
    )
ui.citation_table(
    quotes[["supports", "subject", "quote", "source"]], "quotes", empty="No quotes match."
)
