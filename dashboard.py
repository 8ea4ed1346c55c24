"""The dashboard's entry point: page config and navigation only (``streamlit run dashboard.py``)."""

import streamlit as st

from landscape.pages import PAGES_DIR

st.set_page_config(page_title="AI Landscape", page_icon=":material/hub:", layout="wide")

pages = {
    "Landscape": [
        st.Page(
            PAGES_DIR / "overview.py", title="Overview", icon=":material/dashboard:", default=True
        ),
    ],
}

st.navigation(pages).run()
