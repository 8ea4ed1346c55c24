"""Companies: search, filter and sort the landscape; choosing a row opens the company."""

import streamlit as st

from landscape import ui
from landscape.queries.common import RAISED_MEANS
from landscape.queries.companies import (
    FUNDED,
    UNFUNDED,
    CompanyFilters,
    companies,
    company_facets,
    founded_years,
)
from landscape.queries.inference import role_label

SORT_LABELS = {
    "name": "Name",
    "newest": "Newest first",
    "oldest": "Oldest first",
    "raised": "Most raised",
}

# This page's URL parameters that are not bound to a widget (the founding years are).
URL_CHOICES = ("q", "sort", "category", "kind", "role", "investor", "country", "funded")

ui.engine()
notes_only, zh = ui.notes_only(), ui.zh()

st.title("Companies")
st.caption(
    "Every organization on record. Filters live in the link, so a view can be shared; the "
    "number beside a filter value is how many companies it would show with the other filters."
)

top = st.columns([3, 1])
with top[0]:
    search = ui.url_text("Search", "q", placeholder="Name, description or city")
with top[1]:
    sort = ui.url_choice("Sort by", SORT_LABELS, "sort", placeholder=SORT_LABELS["name"])
years = ui.query(founded_years)
founded = None
with st.sidebar:
    st.subheader("Filter companies")
    if years and years[0] < years[1]:
        founded = st.slider(
            "Founded between",
            min_value=years[0],
            max_value=years[1],
            value=years,
            key="founded",
            bind="query-params",
            help="Narrowing the years leaves out companies whose founding date is unknown.",
        )
narrowed = founded is not None and tuple(founded) != tuple(years or ())
params = st.query_params
filters = CompanyFilters(
    search=search,
    categories=tuple(params.get_all("category")),
    kinds=tuple(params.get_all("kind")),
    roles=tuple(params.get_all("role")),
    investors=tuple(params.get_all("investor")),
    countries=tuple(params.get_all("country")),
    founded_from=founded[0] if narrowed and founded else None,
    founded_to=founded[1] if narrowed and founded else None,
    funded=tuple(params.get_all("funded")),
    notes_only=notes_only,
)
facets = ui.query(company_facets, filters, zh=zh)
for name in ("kinds", "roles"):
    facets[name] = facets[name].assign(label=facets[name]["label"].map(ui.words))
facets["funded"] = facets["funded"].assign(
    label=facets["funded"]["value"].map({FUNDED: "Funded", UNFUNDED: "No funding on record"})
)
with st.sidebar:
    ui.url_multiselect("Category", facets["categories"], "category")
    ui.url_multiselect("Kind", facets["kinds"], "kind")
    ui.url_multiselect(
        "Thesis role",
        facets["roles"],
        "role",
        help="The company's place in the channel-versus-model question.",
    )
    ui.url_multiselect("Investor", facets["investors"], "investor")
    ui.url_multiselect("Country (HQ)", facets["countries"], "country")
    ui.url_multiselect("Funding", facets["funded"], "funded")

table = ui.query(companies, filters, sort=sort or "name", zh=zh, limit=ui.ROWS_SHOWN + 1)
if len(table) > ui.ROWS_SHOWN:
    table = table.head(ui.ROWS_SHOWN)
    shown = f"The first {ui.ROWS_SHOWN:,} companies shown (search or filter to see others)"
else:
    shown = f"{len(table)} {'company' if len(table) == 1 else 'companies'} shown"
roles = zip(table["thesis_role"], table["role_inferred"], strict=True)
table = table.assign(thesis_role=[role_label(role, inferred) for role, inferred in roles])
st.caption(f"{shown}. Choose a row to open the company.")
picked = ui.table(
    table,
    "companies",
    empty="No companies match these filters. Clear a filter to see more.",
    column_config={
        "id": None,
        "name": "Company",
        "kind": "Kind",
        "thesis_role": "Thesis role",
        "role_inferred": None,
        "categories": "Categories",
        "country": "Country",
        "city": "City",
        "founded": "Founded",
        "rounds": st.column_config.NumberColumn("Rounds", format="%d"),
        "raised_usd": st.column_config.NumberColumn(
            "Raised (USD)", format="compact", help=RAISED_MEANS
        ),
        "not_raised_usd": st.column_config.NumberColumn(
            "Not counted as raised (USD)", format="compact", help=RAISED_MEANS
        ),
        "investors": "Investors",
        "sources": "Sources",
    },
    key="companies_table",
    on_select="rerun",
    selection_mode="single-row",
)
if picked is not None and picked.selection.rows:
    ui.open_company(int(table.iloc[picked.selection.rows[0]]["id"]), carry=URL_CHOICES)
