"""Opening a dashboard page in AppTest the way a browser does: through the router, so page
links and page switches resolve, with query parameters in the URL."""

from streamlit.testing.v1 import AppTest

from landscape.pages import PAGES_DIR

from .conftest import REPO

TIMEOUT_SECONDS = 60


def open_page(name: str, **query: str | list[str]) -> AppTest:
    """``dashboard.py`` switched to ``landscape/pages/<name>.py`` with ``query`` in the URL,
    not yet run."""
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT_SECONDS)
    at.switch_page(str(PAGES_DIR / f"{name}.py"))
    for key, value in query.items():
        at.query_params[key] = value
    return at


def page_links(at: AppTest) -> list[tuple[str, str, str]]:
    """Every page link on the page as (label, page, query string)."""
    return [
        (link.proto.label, link.proto.page, link.proto.query_string) for link in at.get("page_link")
    ]
