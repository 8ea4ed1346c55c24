"""Company: one company's facts, products, funding, models, metrics, events, claims, people
and every citation. The page's link is its permalink: ``company?id=N``."""

import streamlit as st

from landscape import ui
from landscape.charts.timeline import timeline_chart
from landscape.dates import format_partial_date
from landscape.queries.common import RAISED_MEANS
from landscape.queries.company import (
    company_choices,
    company_citations,
    company_claims,
    company_events,
    company_funding,
    company_investments,
    company_metrics,
    company_models,
    company_people,
    company_products,
    company_profile,
    company_rounds,
)
from landscape.queries.conflicts import conflicts
from landscape.queries.inference import role_label

ui.engine()
notes_only, zh = ui.notes_only(), ui.zh()

choices = ui.query(company_choices)
options = {str(row.id): str(row.name) for row in choices.itertuples(index=False)}
chosen = ui.url_choice("Company", options, "id", placeholder="Choose a company")
if chosen is None:
    st.title("Company")
    st.info(
        "Choose a company above, or open one from the Overview's landscape map or the "
        "Companies table. Each company's page has its own link (company?id=N) to share."
    )
    st.stop()

company_id = int(chosen)
profile = ui.query(company_profile, company_id, zh=zh)
if profile is None:
    st.error(f"There is no company with id {company_id}.")
    st.stop()

st.title(ui.escape_markdown(profile["name"]))
place = ", ".join(part for part in (profile["hq_city"], profile["hq_country"]) if part)
facts = (
    ui.words(profile["kind"]),
    role_label(profile["thesis_role"], profile["role_basis"]),
    ui.words(profile["status"]),
    place and f"HQ {place}",
    ", ".join(profile["categories"]),
)
st.caption(ui.escape_markdown(" · ".join(fact for fact in facts if fact)))
if profile["role_basis"]:
    st.caption(
        "Its thesis role is the project's inference, not a source's words: "
        + ui.escape_markdown(profile["role_basis"])
    )
if notes_only and not profile["in_notes"]:
    st.info(
        "The founding notes do not mention this company; with Notes only on, only the facts "
        "the notes support are listed below."
    )
if profile["description"]:
    st.markdown(ui.escape_markdown(profile["description"]))

rounds = ui.query(company_rounds, company_id, notes_only=notes_only)
funding = ui.query(company_funding, company_id, notes_only=notes_only)
models = ui.query(company_models, company_id, notes_only=notes_only)
tiles = st.columns(5)
tiles[0].metric(
    "Founded",
    format_partial_date(profile["founded_on"], profile["founded_precision"]) or "unknown",
)
tiles[1].metric("Funding rounds", funding["rounds"])
# An undisclosed round may have raised money: "undisclosed" rather than "none".
raised = funding["raised_usd"] or (None if funding["undisclosed"] else 0)
tiles[2].metric("Raised", "none" if raised == 0 else ui.money(raised), help=RAISED_MEANS)
tiles[3].metric(
    "Not counted as raised",
    ui.money(funding["not_raised_usd"]) if funding["not_raised_usd"] else "none",
    help=RAISED_MEANS,
)
tiles[4].metric("Models built or used", models["model_id"].nunique())

related = st.columns(3)
with related[0]:
    homepage = ui.web_url(profile["homepage"])
    if homepage:
        st.link_button("Homepage", homepage, icon=":material/open_in_new:")
with related[1]:
    if profile["parent_id"] is not None:
        st.caption("Part of")
        ui.company_link(profile["parent"], profile["parent_id"])
with related[2]:
    if profile["children"]:
        st.caption("Includes")
        for child_id, child in profile["children"]:
            ui.company_link(child, child_id)

st.subheader("Products")
products = ui.query(company_products, company_id, notes_only=notes_only)
ui.table(
    products.assign(homepage=[ui.web_url(url) for url in products["homepage"]]),
    f"company_{company_id}_products",
    empty="No products on record.",
    column_config=ui.columns(
        "sources",
        name="Product",
        launched="Launched",
        homepage=st.column_config.LinkColumn("Homepage"),
        description="Description",
    ),
)

st.subheader("Funding rounds")
ui.table(
    rounds,
    f"company_{company_id}_rounds",
    empty="No funding rounds on record.",
    column_config=ui.columns(
        *("round", "status", "currency", "investors", "description", "sources"),
        date="Announced",
        counts_as_raised=st.column_config.CheckboxColumn("Counts as raised", help=RAISED_MEANS),
        amount=st.column_config.NumberColumn("Amount", format="localized"),
        amount_usd=st.column_config.NumberColumn("Amount (USD)", format="compact"),
        post_money_usd=st.column_config.NumberColumn("Valuation (USD)", format="compact"),
    ),
)

backed = ui.query(company_investments, company_id, notes_only=notes_only)
if not backed.empty:
    st.subheader("Investments it made")
    st.caption("Choose a row to open the company it backed.")
    picked = ui.table(
        backed,
        f"company_{company_id}_investments",
        empty="",
        column_config=ui.columns(
            *("company_id", "round", "status", "sources"),
            company="Company backed",
            date="Announced",
            lead=st.column_config.CheckboxColumn("Led"),
            amount_usd=st.column_config.NumberColumn("Round size (USD)", format="compact"),
        ),
        key="investments_table",
        on_select="rerun",
        selection_mode="single-row",
    )
    if picked is not None and picked.selection.rows:
        ui.open_company(int(backed.iloc[picked.selection.rows[0]]["company_id"]))

st.subheader("Models it builds or uses")
ui.table(
    models.assign(how=models["how"].map(ui.words)),
    f"company_{company_id}_models",
    empty="No models on record.",
    column_config=ui.columns(
        *("model_id", "model", "how", "released", "modality", "sources"),
        product="Through product",
    ),
)

st.subheader("Metrics")
ui.table(
    ui.query(company_metrics, company_id, notes_only=notes_only),
    f"company_{company_id}_metrics",
    empty="No metrics on record.",
    column_config=ui.columns(
        *("as_of", "product", "sources"),
        metric="Metric",
        label="What",
        value=st.column_config.NumberColumn("Value", format="localized"),
        value_high=st.column_config.NumberColumn("Up to", format="localized"),
        unit="Unit",
        approximate=st.column_config.CheckboxColumn("About"),
    ),
)

st.subheader("Events")
events = ui.query(company_events, company_id, notes_only=notes_only)
dated = events.dropna(subset=["date"])
if not dated.empty:
    name = str(profile["name"])
    st.altair_chart(timeline_chart(dated, f"{name}: events, as the sources date them"))
ui.table(
    events.drop(columns=["date"]),
    f"company_{company_id}_events",
    empty="No events on record.",
    column_config=ui.columns(
        *("when", "kind", "model", "sources"),
        title="Event",
        expected=st.column_config.CheckboxColumn("Expected"),
    ),
)

st.subheader("Claims about it")
ui.table(
    ui.query(company_claims, company_id, notes_only=notes_only),
    f"company_{company_id}_claims",
    empty="No claims about this company on record.",
    column_config=ui.columns(
        "sources",
        statement=st.column_config.TextColumn("Statement (as worded)", width="large"),
        summary_en=st.column_config.TextColumn("In English", width="medium"),
        stance="Stance",
        topic="Topic",
        speaker="Speaker",
    ),
)

st.subheader("People")
ui.table(
    ui.query(company_people, company_id),
    f"company_{company_id}_people",
    empty="No people on record.",
    column_config={
        "name": "Name",
        "name_zh": "Chinese name",
        "title": "Title",
        "handle": "Handle",
        "description": "About",
    },
)


def where_sources_disagree(company_id: int) -> None:
    """The values a source states that differ from the company's records, when there are any
    (``landscape conflicts``): the record keeps one value, each source its own."""
    disagree = ui.query(conflicts, company_id=company_id)
    if disagree.empty:
        return
    st.subheader("Where sources disagree")
    st.caption("The record keeps one value; these sources state another, kept beside it.")
    ui.table(
        disagree[["record", "field", "record_value", "source", "source_value"]],
        f"company_{company_id}_conflicts",
        empty="No source disagrees.",
        column_config={
            "record": "Record",
            "field": "Field",
            "record_value": "Recorded",
            "source": "Source",
            "source_value": "The source states",
        },
    )


where_sources_disagree(company_id)

st.subheader("Citations")
st.caption(
    "Every source quote behind the facts on this page, in the source's own words; a summary of"
    " ours is marked [our summary], and the project's own inference cites itself as the source."
)
ui.citation_table(
    ui.query(company_citations, company_id, notes_only=notes_only),
    f"company_{company_id}_citations",
    empty="No citations on record.",
)
