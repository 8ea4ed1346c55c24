"""Add data: add or edit a company, product, funding round, metric, event or source.

Each tab is one form of ``landscape.forms``: pick "new" or an existing row above it; every
field is validated by the library on submit, and nothing is written until every field passes.
"""

import streamlit as st

from landscape import forms, ui

ui.engine()
st.title("Add data")
st.caption(
    "Add or edit a company, product, funding round, metric, event or source. Every new fact "
    "needs a source (pick one or describe it in the same form) and a quote: the source's own "
    "words that support the fact, in their original language. Nothing is saved until every "
    "field passes; text is stored exactly as typed."
)
tables = forms.tabs()  # tab label -> table
tabs = st.tabs(list(tables), key="form", bind="query-params")
for tab, table in zip(tabs, tables.values(), strict=True):
    if tab.open:
        with tab:
            forms.data_form(table)
