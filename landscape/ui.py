"""What every dashboard page shares: the engine, first-start set-up, cached queries."""

from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from landscape import db, queries
from landscape.config import database_url
from landscape.seed import load_seed

QUERY_TTL_SECONDS = 600


@st.cache_resource(show_spinner="Preparing the database…")
def get_engine(url: str) -> Engine:
    """The engine for ``url``; on first start a missing or empty database is migrated and seeded."""
    db.upgrade_db(url)
    if db.is_empty(url):
        with db.session_scope(url) as session:
            load_seed(session)
    return db.get_engine(url)


def engine() -> Engine:
    """The engine of the configured database (``LANDSCAPE_DATABASE_URL``)."""
    return get_engine(database_url())


@st.cache_data(ttl=QUERY_TTL_SECONDS, show_spinner=False)
def kpis(url: str) -> dict[str, int]:
    return queries.kpis(get_engine(url))


@st.cache_data(ttl=QUERY_TTL_SECONDS, show_spinner=False)
def company_timeline(url: str, company: str) -> pd.DataFrame:
    return queries.company_timeline(get_engine(url), company)


def clear_caches() -> None:
    """After a write: every cached query result is stale."""
    st.cache_data.clear()


def money(amount_usd: int | float | None) -> str:
    """$1.2B / $100M / $40K, for tiles and labels."""
    if amount_usd is None:
        return "undisclosed"
    value = float(amount_usd)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= limit:
            return f"${value / limit:,.1f}{suffix}".replace(".0" + suffix, suffix)
    return f"${value:,.0f}"


def download_button(frame: pd.DataFrame, name: str, key: str, **kwargs: Any) -> None:
    """A CSV download of the data behind a chart or table."""
    st.download_button(
        "Download CSV",
        frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
        **kwargs,
    )
