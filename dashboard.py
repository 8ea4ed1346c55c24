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
    ],
    "Data": [
        st.Page(PAGES_DIR / "add_data.py", title="Add data", icon=":material/add:", url_path="add"),
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
