"""Models: lineage (GPT-1 → … → ChatGPT), releases over time, who builds on which model,
and prices."""

import streamlit as st

from landscape import ui
from landscape.charts.models import lineage_chart, prices_chart, releases_chart, uses_chart
from landscape.queries.models import (
    ModelFilters,
    model_facets,
    model_lineage,
    model_prices,
    model_releases,
    model_uses,
)

ui.engine()
notes_only = ui.notes_only()

st.title("AI models")
st.caption(
    "Which models grew from which, when they came out, who builds on them and what they cost."
)

narrowing = ModelFilters(
    modalities=tuple(st.query_params.get_all("modality")),
    developers=tuple(st.query_params.get_all("developer")),
    notes_only=notes_only,
)
facets = ui.query(model_facets, narrowing)
filters = st.columns(2)
with filters[0]:
    ui.url_multiselect("Modality", facets["modalities"], "modality")
with filters[1]:
    ui.url_multiselect("Developer", facets["developers"], "developer")

st.subheader("Lineage")
lineage = ui.query(model_lineage, narrowing)
if lineage.empty:
    st.info("No models match these filters.")
else:
    dated = lineage["released_on"].notna()
    if dated.any():
        st.altair_chart(
            lineage_chart(lineage, "Model lineage: each model linked to the one it grew from"),
            width="stretch",
        )
    if not dated.all():
        st.caption(f"{(~dated).sum()} models have no release date and appear only in the table.")
    ui.table(
        lineage.drop(columns=["id", "parent_id", "released_on", "depth"]),
        "model_lineage",
        empty="",
        column_config=ui.columns(
            *("released", "modality", "status", "sources"),
            name=ui.COLUMNS["model"],
            parent="Grew from",
            developer="Developer",
            open_weights=st.column_config.CheckboxColumn("Open weights"),
            lineage=st.column_config.TextColumn("Lineage", width="large"),
        ),
    )

st.subheader("Releases over time")
releases = ui.query(model_releases, narrowing)
if releases.empty:
    st.info("No dated model releases match these filters.")
else:
    st.altair_chart(
        releases_chart(releases, "Models released per year, by modality"), width="stretch"
    )
    ui.download_button(releases, "model_releases", key="download_model_releases")

st.subheader("Who builds on which model")
uses = ui.query(model_uses, narrowing)
if uses.empty:
    st.info("No company is on record as building on these models.")
else:
    uses = uses.assign(how=uses["how"].map(ui.words))
    st.altair_chart(
        uses_chart(uses, "Companies and the models they build on, by how"), width="stretch"
    )
    ui.table(
        uses,
        "model_uses",
        empty="",
        column_config=ui.columns(
            *("model", "company_id", "company", "product", "how", "description", "sources"),
            developer="Model developer",
        ),
    )

st.subheader("Prices")
prices = ui.query(model_prices, narrowing)
if prices.empty:
    st.info("No model prices on record for these models.")
else:
    st.altair_chart(prices_chart(prices, "What using a model cost"), width="stretch")
    ui.table(
        prices,
        "model_prices",
        empty="",
        column_config=ui.columns(
            *("model", "currency", "as_of", "sources"),
            label="Item",
            price=st.column_config.NumberColumn("Price", format="%g"),
            unit="Per",
        ),
    )
