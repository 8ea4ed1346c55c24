"""The dashboard's entry point: page config, navigation and the view options every page shares.

Run it with ``landscape dashboard`` or ``streamlit run dashboard.py``.
"""

import streamlit as st

from landscape.pages import PAGES_DIR

st.set_page_config(page_title="AI Landscape", page_icon=":material/hub:", layout="wide")

pages = {
    "Landscape": [
        st.Page(
            PAGES_DIR / "overview.py", title="Overview", icon=":material/dashboard:", default=True
        ),
        st.Page(PAGES_DIR / "companies.py", title="Companies", icon=":material/table:"),
        st.Page(PAGES_DIR / "company.py", title="Company", icon=":material/business:"),
    ],
    "Over time": [
        st.Page(PAGES_DIR / "timeline.py", title="Timeline", icon=":material/timeline:"),
        st.Page(PAGES_DIR / "growth.py", title="Growth", icon=":material/trending_up:"),
        st.Page(PAGES_DIR / "funding.py", title="Funding", icon=":material/payments:"),
    ],
    "Analysis": [
        st.Page(PAGES_DIR / "thesis.py", title="Thesis", icon=":material/balance:"),
        st.Page(PAGES_DIR / "models.py", title="Models", icon=":material/account_tree:"),
    ],
    "Data": [
        st.Page(PAGES_DIR / "sources.py", title="Sources", icon=":material/menu_book:"),
        st.Page(PAGES_DIR / "add.py", title="Add data", icon=":material/add:"),
        st.Page(PAGES_DIR / "exchange.py", title="Import & export", icon=":material/swap_horiz:"),
    ],
}

with st.sidebar:
    st.toggle(
        "Notes only",
        key="notes_only",
        bind="query-params",
        help="Show only facts the founding notes support, leaving out the public-record tier.",
    )
    st.toggle("中文 category labels", key="zh", bind="query-params")

st.navigation(pages).run()
