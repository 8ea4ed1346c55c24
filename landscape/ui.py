"""What every dashboard page shares: the engine, first-start set-up, cached queries, and safe
display of text that comes from the database."""

import importlib
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from landscape import db
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
    """The engine of the configured database (``LANDSCAPE_DATABASE_URL``), ready to use."""
    return get_engine(database_url())


def query(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a ``landscape.queries`` function on the configured database, cached.

    ``function`` takes the Engine first; ``args`` and ``kwargs`` must be plain values (they
    are the cache key). ``clear_caches()`` after a write makes every result fresh.
    """
    return _cached_query(
        function.__module__, function.__qualname__, database_url(), args, tuple(kwargs.items())
    )


@st.cache_data(ttl=QUERY_TTL_SECONDS, show_spinner=False)
def _cached_query(
    module: str, name: str, url: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]
) -> Any:
    function = getattr(importlib.import_module(module), name)
    return function(get_engine(url), *args, **dict(kwargs))


def notes_only() -> bool:
    """The sidebar's "Notes only" switch: show only facts the founding notes support."""
    return bool(st.session_state.get("notes_only", False))


def chinese_labels() -> bool:
    """The sidebar's switch to show categories by their Chinese labels."""
    return bool(st.session_state.get("zh", False))


def clear_caches() -> None:
    """After a write: every cached query result is stale."""
    st.cache_data.clear()


# Characters that Streamlit's markdown gives a meaning to: backslash-escaped.
_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|~<>$:=^&")
# Streamlit rewrites some text *after* parsing, where escapes no longer count: icons
# (``:material/x:``, ``:material_x:``, ``:streamlit:``), GFM autolinks (``http://``, ``www.``,
# ``a@b.c``) and typographic arrows (``->``, ``<=``, ``--``, ``~=``). An empty ``:small[]``
# directive after a colon, an at sign or an operator character, and before a dot, splits the
# text so that no such pattern is left whole; the empty span it becomes renders nothing.
_SPLIT_AFTER = frozenset(":@-<>~=")
_SPLIT_BEFORE = frozenset(".")
_SPLIT = ":small[]"


def escape_markdown(text: object) -> str:
    """Text from the database made safe for any Streamlit element that parses markdown.

    The result renders as exactly ``text``: every markdown, HTML, entity (``&amp;``), LaTeX
    (``$``), colour and icon directive (``:red[...]``, ``:material/x:``) character is
    backslash-escaped, the patterns Streamlit rewrites after parsing (icons, autolinks,
    arrows, an alert's leading emoji) are split by an empty span, and line breaks stay line
    breaks (not in headings, which are one line). As anywhere in HTML, a run of spaces shows
    as one.
    """
    if text is None:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    # An alert (st.info, st.success ...) takes a leading emoji as its icon: start with a split.
    out: list[str] = [_SPLIT] if text and not text[0].isascii() else []
    for char in text:
        if char == "\n":
            out.append("\\\n")  # a hard line break
            continue
        if char in _SPLIT_BEFORE:
            out.append(_SPLIT)
        out.append("\\" + char if char in _MARKDOWN_SPECIALS else char)
        if char in _SPLIT_AFTER:
            out.append(_SPLIT)
    return "".join(out)


def money(amount_usd: int | float | None) -> str:
    """$1.2B / $100M / $40K, for tiles and labels; None is 'undisclosed'."""
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
