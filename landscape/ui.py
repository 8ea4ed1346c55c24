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
from landscape.exchange.formats import Profile, frame_to_csv
from landscape.pages import PAGES_DIR
from landscape.seed import load_seed

QUERY_TTL_SECONDS = 600
# The rows a long table shows at most (the first ones, with a note); every citation at 100,000
# companies would be a message of 100 MB to the browser.
ROWS_SHOWN = 500


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


def zh() -> bool:
    """The sidebar's "中文 category labels" switch (``?zh=true``): name categories by their
    Chinese labels. Query functions take it as their ``zh`` argument."""
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


def download_button(
    frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str, **kwargs: Any
) -> None:
    """A CSV download of the data behind a chart or table, in the spreadsheet profile.

    The CSV is written when the button is clicked, not on every rerun; ``frame`` may be a
    function that reads the rows then (a map that shows the top of each box offers every row).
    """

    def csv() -> bytes:
        rows = frame() if callable(frame) else frame
        return frame_to_csv(rows, Profile.spreadsheet)

    st.download_button(
        "Download CSV", csv, file_name=f"{name}.csv", mime="text/csv", key=key, **kwargs
    )


# ---------------------------------------------------------------- charts and filters


def chart_or_message(
    frame: pd.DataFrame,
    build: Callable[[pd.DataFrame], Any],
    name: str,
    empty_message: str,
) -> bool:
    """Draw ``build(frame)`` with a CSV download of ``frame``, or say why there is nothing.

    Returns whether a chart was drawn. ``name`` names the CSV file and keys its button.
    """
    if frame.empty:
        st.info(empty_message, icon=":material/filter_alt_off:")
        return False
    st.altair_chart(build(frame), width="stretch")
    download_button(frame, name, key=f"download_{name}")
    return True


def bound_multiselect(label: str, options: list[str], key: str, **kwargs: Any) -> list[str]:
    """A multiselect kept in the URL (``?key=a&key=b``), so the view can be shared.

    Nothing chosen means no filter; a value in the URL that is not an option is dropped.
    """
    return st.multiselect(label, options, key=key, bind="query-params", placeholder="All", **kwargs)


# ---------------------------------------------------------------- links, URL-bound choices, tables

COMPANY_PAGE = PAGES_DIR / "company.py"
_WEB_SCHEMES = ("http://", "https://")


def company_link(name: str, company_id: int, **kwargs: Any) -> None:
    """A link to a company's page (``company?id=N``), labelled with its escaped name."""
    st.page_link(
        COMPANY_PAGE,
        label=escape_markdown(name),
        query_params={"id": str(company_id)},
        icon=kwargs.pop("icon", ""),
        **kwargs,
    )


def open_company(company_id: int, carry: tuple[str, ...] = ()) -> None:
    """Go to a company's page (stops this page's run).

    ``carry`` names this page's own URL parameters (not ones bound to widgets) to take
    along: Streamlit 1.67 records the new parameters on this page's address before it
    switches, and that is where the browser's Back button returns, so the filters must be
    there. The company page ignores them.
    """
    params = {key: st.query_params.get_all(key) for key in carry if key in st.query_params}
    st.switch_page(COMPANY_PAGE, query_params={**params, "id": str(company_id)})


def web_url(url: object) -> str | None:
    """``url`` when it is an http(s) address, else None: only web links become clickable."""
    text = str(url).strip() if isinstance(url, str) else ""
    return text if text.lower().startswith(_WEB_SCHEMES) else None


def _keep_in_url(
    key: str, widget_key: str, value: Callable[[Any], Any] | None = None
) -> Callable[[], None]:
    """An ``on_change`` callback that writes the widget's value (through ``value`` when given)
    to ``?key=``, or takes the key out of the URL when the value is empty."""

    def keep_in_url() -> None:
        picked = st.session_state[widget_key]
        if value is not None:
            picked = value(picked)
        if picked:
            st.query_params[key] = picked
        else:
            st.query_params.pop(key, None)

    return keep_in_url


def _as_text(values: list[Any]) -> list[str]:
    return [str(value) for value in values]


def _url_options(
    widget: Callable[..., Any],
    label: str,
    labels: dict[str, str],
    key: str,
    chosen: Any,
    value: Callable[[Any], Any] | None = None,
    **kwargs: Any,
) -> None:
    """``widget`` (a selectbox or multiselect) over ``labels``' values, showing the ``chosen``
    value(s) and writing the choice back to ``?key=``."""
    widget_key = f"{key}_choice"
    st.session_state[widget_key] = chosen
    widget(
        escape_markdown(label),
        list(labels),
        format_func=labels.__getitem__,
        key=widget_key,
        on_change=_keep_in_url(key, widget_key, value),
        **kwargs,
    )


def url_multiselect(
    label: str, facet: pd.DataFrame, key: str, *, help: str | None = None
) -> tuple[str, ...]:
    """A multiselect whose choice lives in the URL (``?key=a&key=b``), options shown with counts.

    ``facet`` has ``value`` (what goes in the URL), ``label`` and ``count`` columns. A value in
    the URL that the facet lacks stays chosen, shown with a count of 0, so a shared link never
    silently widens what it shows. Returns the chosen values.
    """
    labels = {
        str(value): f"{text} ({count})"
        for value, text, count in zip(facet["value"], facet["label"], facet["count"], strict=True)
    }
    chosen = list(dict.fromkeys(st.query_params.get_all(key)))
    for value in chosen:
        labels.setdefault(value, f"{value} (0)")
    _url_options(st.multiselect, label, labels, key, chosen, _as_text, help=help)
    return tuple(chosen)


def url_choice(label: str, options: dict[str, str], key: str, **kwargs: Any) -> str | None:
    """A selectbox whose choice lives in the URL (``?key=value``); ``options`` maps each value
    to its label. An unknown value in the URL is reported and nothing is chosen."""
    wanted = st.query_params.get(key)
    if wanted is not None and wanted not in options:
        st.warning(f"Nothing matches {escape_markdown(key)}={escape_markdown(wanted)} in the link.")
        wanted = None
    if wanted is not None:
        # Streamlit 1.67 leaves the address bar behind when a page link opens the page it is
        # on with new parameters; writing the value back keeps the permalink true.
        st.query_params[key] = wanted
    _url_options(st.selectbox, label, options, key, wanted, index=None, **kwargs)
    return wanted


def url_text(label: str, key: str, **kwargs: Any) -> str:
    """A text input whose text lives in the URL (``?key=text``), like ``url_choice``."""
    widget_key = f"{key}_text"
    st.session_state[widget_key] = st.query_params.get(key, "")
    keep_in_url = _keep_in_url(key, widget_key, str.strip)
    st.text_input(escape_markdown(label), key=widget_key, on_change=keep_in_url, **kwargs)
    return str(st.session_state[widget_key])


# Table columns that mean the same on every page, headed the same way (None hides an id). A
# page puts its own columns, or another heading for one of these, beside them (``columns``).
COLUMNS: dict[str, Any] = {
    "id": None,
    "company_id": None,
    "model_id": None,
    "as_of": "As of",
    "company": "Company",
    "currency": "Currency",
    "description": "Note",
    "how": "How",
    "investors": "Investors",
    "kind": "Kind",
    "modality": "Modality",
    "model": "Model",
    "product": "Product",
    "released": "Released",
    "round": "Round",
    "status": "Status",
    "when": "When",
    "sources": st.column_config.TextColumn("Sources", width="medium"),
    # A citation: what it supports, the quote in its own words, and where it comes from.
    "supports": "Supports",
    "subject": "Fact about",
    "quote": st.column_config.TextColumn("Quote", width="large"),
    "source": "Source",
    "publisher": "Publisher",
    "link": st.column_config.LinkColumn("Link"),
    "locator": "Where (no link)",
}
CITATION_TABLE_COLUMNS = ("supports", "subject", "quote", "source", "publisher", "link", "locator")


def columns(*names: str, **own: Any) -> dict[str, Any]:
    """A ``column_config``: the shared ``COLUMNS`` called ``names``, then the page's ``own``."""
    return {name: COLUMNS[name] for name in names} | own


def table(
    frame: pd.DataFrame,
    name: str,
    *,
    empty: str,
    column_config: dict[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    """A table with a CSV download of the same rows, or the ``empty`` message when there are
    none. Extra arguments go to ``st.dataframe`` (e.g. ``on_select``); returns its result."""
    if frame.empty:
        st.info(empty)
        return None
    shown = st.dataframe(
        frame, hide_index=True, column_config=column_config, width="stretch", **kwargs
    )
    download_button(frame, name, key=f"download_{name}")
    return shown


def citation_table(cited: pd.DataFrame, name: str, *, empty: str) -> Any:
    """Citations (``queries.evidence.citations`` rows) as a table of ``CITATION_TABLE_COLUMNS``,
    those the frame has; a ``url`` becomes the ``link``."""
    if "url" in cited:
        links = [web_url(url) for url in cited["url"]]
        cited = cited.assign(link=pd.Series(links, index=cited.index, dtype="object"))
    shown = [column for column in CITATION_TABLE_COLUMNS if column in cited]
    return table(cited[shown], name, empty=empty, column_config=columns(*shown))


def words(value: object) -> str:
    """A vocabulary value for reading: ``application_builder`` → ``application builder``."""
    return "" if value is None else str(value).replace("_", " ")
