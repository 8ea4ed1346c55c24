"""The real dashboard in a real browser: ``streamlit run dashboard.py`` on a seeded SQLite
database, every registered page visited in headless Chromium (Debian's ``chromium``, driven by
the ``playwright`` package; nothing downloads a browser), a screenshot of each page saved in
``tests/screenshots/``.

The pages are read from ``dashboard.py`` itself (``landscape.pages.registered_pages``), so a
page added there is visited here too.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from landscape.config import DATABASE_URL_ENV
from landscape.pages import RegisteredPage, registered_pages

from .apptests import open_page
from .conftest import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "tests" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
START_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1400, "height": 1000}
# A chart has rendered when vega-embed has drawn its canvas or svg.
CHART = '[data-testid="stVegaLiteChart"]'
DRAWN_CHART = f"{CHART} canvas, {CHART} svg.marks"


PAGES = registered_pages(REPO / "dashboard.py")


def test_every_page_of_the_dashboard_is_found() -> None:
    paths = [page.url_path for page in PAGES]
    assert paths[0] == "" and {"timeline", "growth", "funding", "thesis"} <= set(paths)
    assert all(page.script.exists() for page in PAGES)


def test_url_paths_follow_streamlits_rules(tmp_path: Path) -> None:
    router = tmp_path / "dashboard.py"
    router.write_text(
        "pages = {'A': [\n"
        "    st.Page(PAGES_DIR / 'growth.py', title='Growth'),\n"
        "    st.Page(PAGES_DIR / 'thesis.py', title='Thesis', url_path='why'),\n"
        "    st.Page(PAGES_DIR / 'overview.py', title='Overview', default=True),\n"
        "]}\n"
    )
    found = [(page.url_path, page.script.name) for page in registered_pages(router)]
    assert found == [("", "overview.py"), ("growth", "growth.py"), ("why", "thesis.py")]


# ---------------------------------------------------------------- the running dashboard


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_health(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer {base}/_stcore/health in {START_TIMEOUT_S}s")


@pytest.fixture(scope="module")
def database_url(seeded_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the seeded SQLite database, for the server and for AppTest alike."""
    path = tmp_path_factory.mktemp("browser") / "landscape.db"
    shutil.copyfile(seeded_sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def dashboard(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of ``streamlit run dashboard.py``, stopped after the module."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path_factory.mktemp("streamlit") / "server.log").open("w")
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard.py")),
        *("--server.headless", "true", "--server.port", str(port)),
        *("--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"),
        *("--server.fileWatcherType", "none"),
    ]
    environment = {**os.environ, DATABASE_URL_ENV: database_url}
    server = subprocess.Popen(command, cwd=REPO, env=environment, stdout=log, stderr=log)
    try:
        _wait_for_health(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium, or a skip saying what is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("no chromium on PATH (apt-get install chromium; .ci/run does)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _open(browser: Browser, url: str) -> Page:
    """Open ``url`` and wait until the app is idle and every chart is drawn."""
    tab = browser.new_page(viewport=VIEWPORT)
    tab.set_default_timeout(PAGE_TIMEOUT_MS)
    tab.goto(url)
    _wait_until_idle(tab)
    tab.wait_for_function(
        f"""() => [...document.querySelectorAll('{CHART}')]
            .every(chart => chart.querySelector('canvas, svg.marks'))"""
    )
    return tab


def _wait_until_idle(tab: Page, settle_checks: int = 3, interval_ms: int = 250) -> None:
    """Wait until no script runs and the page stops changing for a few checks in a row.

    A bound query parameter can rerun the script right after the first run, so one idle
    moment is not enough.
    """
    idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    count = "document.querySelectorAll('[data-testid=\"stElementContainer\"]').length"
    deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1000
    calm, last = 0, -1
    while calm < settle_checks:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{tab.url} did not settle")
        tab.wait_for_selector(idle)
        running = tab.locator('[data-testid="stStatusWidget"]').count()
        elements = tab.evaluate(count)
        calm = calm + 1 if (elements == last and not running) else 0
        last = elements
        tab.wait_for_timeout(interval_ms)


def _screenshot(tab: Page, name: str) -> Path:
    """A screenshot of the whole page (the main area scrolls, so grow the viewport to it)."""
    height = tab.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    tab.set_viewport_size({"width": VIEWPORT["width"], "height": min(height + 40, 8000)})
    tab.wait_for_timeout(500)
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def _charts_in_apptest(page: RegisteredPage, switches_on: bool) -> int:
    """How many charts the page draws in AppTest (``LANDSCAPE_DATABASE_URL`` set by the test)."""
    switches = {"notes_only": "true", "zh": "true"} if switches_on else {}
    at = open_page(page.script.stem, **switches).run()
    assert not at.exception
    return len(at.get("vega_lite_chart"))


@pytest.mark.parametrize("switches_on", [False, True], ids=["default", "notes_only+zh"])
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_renders_its_charts_without_error(
    page: RegisteredPage,
    switches_on: bool,
    dashboard: str,
    browser: Browser,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No exception, every chart drawn; the sidebar switches work from the URL too.

    The default view of each page is saved as ``tests/screenshots/<page>.png``.
    """
    monkeypatch.setenv(DATABASE_URL_ENV, database_url)
    query = "?notes_only=true&zh=true" if switches_on else ""
    tab = _open(browser, f"{dashboard}/{page.url_path}{query}")
    try:
        assert tab.locator('[data-testid="stException"]').count() == 0
        assert tab.locator("h1").count() >= 1
        assert tab.url.endswith(query)
        assert tab.locator(DRAWN_CHART).count() == _charts_in_apptest(page, switches_on)
        if not switches_on:
            assert _screenshot(tab, page.name).stat().st_size > 10_000
    finally:
        tab.close()
