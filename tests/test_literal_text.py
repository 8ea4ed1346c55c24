"""Any text is stored exactly and shown as literal text everywhere in the dashboard.

Hostile text (HTML, script tags, markdown links and images, Streamlit colour and icon
directives, LaTeX dollars, autolinks, arrows, entities, right-to-left marks, emoji, Chinese,
very long strings) goes in through the forms and crud, comes back byte for byte, and renders
in a real browser as exactly the stored text, with no element injected.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from landscape import crud, db
from landscape import models as m
from landscape import schemas as s
from landscape.config import DATABASE_URL_ENV
from landscape.ui import escape_markdown

from .apptests import open_page
from .conftest import REPO

# Each a company name (one line, at most 200 characters, unique under normalization).
HOSTILE = [
    "**bold** _it_ # Heading `code`",
    ":red[red] :blue-background[bg] :orange-badge[badge] :small[s]",
    ":material/home: :material_home: :streamlit: :smile: :rocket:",
    "$x^2$ and $$y$$ \\(z\\)",
    "<b>bold</b> <script>window.__pwned = 1</script>",
    '<img src="x" onerror="window.__pwned = 2">',
    "![img](https://example.com/x.png)",
    "[a](javascript:alert(1))",
    "see www.example.com, https://evil.example/x and a@b.com <http://z.example>",
    "a -> b <- c <-> d -- e >= f <= g ~= h",
    "&amp; &lt;i&gt; &copy; &#60;",
    "abc\u202edef\u200f ghi",
    "🚀 rocket-first name",
    "中文公司 人工智能 (北京)",
    "back\\slash \\* \\[not a link\\] end\\",
    "> quote | table | ~~strike~~ 1. list",
    ":help[tip] :foo[bar]{#id} {{ jinja }}",
    "Long " + "長い名前 🧪 " * 24 + "end",
]
LONG_TEXT = ("A very long description, 中文, emoji 🚀, <b>html</b>, $math$, **bold**. " * 80)[:5000]


def _names_are_valid() -> None:
    for name in HOSTILE:
        assert len(name) <= m.NAME_LENGTH, name


# ---------------------------------------------------------------- stored exactly (AppTest)


def test_hostile_text_round_trips_through_the_form(app_url: str) -> None:
    _names_are_valid()
    at = open_page("add").run()
    notes = _notes_id(app_url)
    for generation, name in enumerate(HOSTILE):
        key = f"add.companies.new.{generation}"
        at.text_input(key=f"{key}.name").input(name)
        at.text_area(key=f"{key}.description").input(LONG_TEXT)
        at.text_area(key=f"{key}.citation.quote").input(name)
        at.selectbox(key=f"{key}.citation.source_id").set_value(notes)
        next(b for b in at.get("button") if b.proto.label == "Save company").click().run()
        assert not at.exception and not at.error, (name, [e.value for e in at.error])
        with Session(db.get_engine(app_url)) as session:
            company = session.execute(select(m.Company).where(m.Company.name == name)).scalar()
            quote = session.execute(
                select(m.Citation.quote).where(m.Citation.company_id == company.id)
            ).scalar()
        assert (company.name, company.description, quote) == (name, LONG_TEXT, name)
        expected = f"Added company [{escape_markdown(name)}](company?id={company.id})."
        assert at.success[0].value == expected


def test_the_edit_form_shows_stored_text_unchanged(seeded_url: str, monkeypatch) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, seeded_url)
    name = HOSTILE[4]
    company_id = _add_company(seeded_url, name, LONG_TEXT)
    at = open_page("add").run()
    at.selectbox(key="add.companies.pick").set_value(company_id).run()
    key = f"add.companies.{company_id}.0"
    assert at.text_input(key=f"{key}.name").value == name
    assert at.text_area(key=f"{key}.description").value == LONG_TEXT
    picker = at.selectbox(key="add.companies.pick")
    assert picker.format_func(company_id) == name  # a picker shows its labels as plain text


def test_escaped_text_keeps_every_character() -> None:
    for text in [*HOSTILE, LONG_TEXT]:
        unsplit = escape_markdown(text).replace(":small[]", "")
        assert unsplit.replace("\\\n", "\n").replace("\\", "") == text.replace("\\", "")


def _notes_id(url: str) -> int:
    with Session(db.get_engine(url)) as session:
        return int(session.execute(select(m.Source.id).where(m.Source.kind == "notes")).scalar())


def _add_company(url: str, name: str, description: str | None = None) -> int:
    with db.session_scope(url) as session:
        company = crud.create_company(
            session,
            data=s.validate(s.CompanyCreate, {"name": name, "description": description}),
            citation=s.validate(s.CitationCreate, {"source_id": _notes_id(url), "quote": name}),
        )
        return int(company.id)


# ---------------------------------------------------------------- shown literally (browser)

BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def dashboard(
    seeded_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """The real dashboard on a copy of the seed holding every hostile company."""
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (/usr/bin/chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    path = tmp_path_factory.mktemp("browser") / "landscape.db"
    shutil.copyfile(seeded_sqlite_template, path)
    url = f"sqlite:///{path}"
    ids = {name: _add_company(url, name, LONG_TEXT) for name in HOSTILE}
    _add_openai_events(url)
    port = _free_port()
    env = dict(os.environ, **{DATABASE_URL_ENV: url})
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard.py"),
         "--server.headless", "true", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{port}/_stcore/health")
        yield {"base": f"http://127.0.0.1:{port}", "url": url, "ids": ids}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        db.get_engine(url).dispose()


def _add_openai_events(url: str) -> None:
    """Hostile titles on the Overview's timeline."""
    with Session(db.get_engine(url)) as session:
        openai = session.execute(select(m.Company.id).where(m.Company.name == "OpenAI")).scalar()
    with db.session_scope(url) as session:
        for day, title in (("2022-12", HOSTILE[4]), ("2023-01", HOSTILE[5])):
            crud.create_event(
                session,
                data=s.validate(
                    s.EventCreate,
                    {"company_id": openai, "kind": "report", "title": title, "date": day},
                ),
                citation=s.validate(
                    s.CitationCreate, {"source_id": _notes_id(url), "quote": title}
                ),
            )


def _wait_for(health: str) -> None:
    for _ in range(200):
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"the dashboard did not start ({health})")


@pytest.fixture(scope="module")
def browser(dashboard: dict[str, Any]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=BROWSER_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def _open(page: Any, base: str, path: str) -> None:
    page.goto(f"{base}/{path}")
    page.wait_for_selector("[data-testid=stMain] h1", timeout=60_000)
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')")


def _key(key: str) -> str:
    return ".st-key-" + key.replace(".", "-")


def _no_injection(page: Any, scope: Any) -> None:
    """Nothing the data could inject exists in ``scope`` (an element showing stored text), and
    nothing ran anywhere."""
    _nothing_ran(page)
    assert scope.locator("img, script, iframe, .katex, [data-testid=stIconMaterial]").count() == 0
    assert scope.locator("strong, em, del, h1, h2, blockquote, ol, ul, code, table").count() == 0


def _nothing_ran(page: Any) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.locator("a[href^='javascript'], img[src='x'], img[src*='example.com']").count() == 0


@pytest.mark.browser
def test_stored_names_render_literally_in_messages(page: Any, dashboard: dict[str, Any]) -> None:
    """The clash message quotes each stored name from the database, as a link to it."""
    _open(page, dashboard["base"], "add")
    name_input = page.locator(_key("add.companies.new.0.name") + " input")
    for name, company_id in dashboard["ids"].items():
        name_input.fill(name)
        name_input.press("Enter")
        alert = page.locator("[data-testid=stAlertContentError]").filter(has_text="already exists")
        error = alert.locator("[data-testid=stMarkdownContainer]")
        link = error.locator(f"a[href='company?id={company_id}']")
        link.wait_for()
        assert link.inner_text() == name
        assert error.locator("a").count() == 1
        text = error.inner_text()
        assert text.startswith(f"A company named {name} already exists"), text
        _no_injection(page, error)
        assert name_input.input_value() == name  # what was typed stays


@pytest.mark.browser
def test_pickers_and_fields_show_stored_text(page: Any, dashboard: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    _open(page, dashboard["base"], "add")
    for name in (HOSTILE[0], HOSTILE[4], HOSTILE[11], HOSTILE[-1]):
        company_id = dashboard["ids"][name]
        _choose(page, "add.companies.pick", name)
        fields = f"add.companies.{company_id}.0"
        expect(page.locator(_key(f"{fields}.name") + " input")).to_have_value(name)
        expect(page.locator(_key(f"{fields}.description") + " textarea")).to_have_value(LONG_TEXT)
        assert page.locator(_key("add.companies.pick") + " input").input_value() == name


def _choose(page: Any, key: str, label: str) -> None:
    """Pick the option whose shown text is exactly ``label`` from a selectbox."""
    box = page.locator(_key(key) + " input")
    box.click()
    box.fill(label[:12])
    option = page.locator("[data-testid=stSelectboxVirtualDropdown] [role=option]").filter(
        has_text=label[:12]
    )
    exact = [i for i in range(option.count()) if option.nth(i).inner_text() == label]
    assert exact, [option.nth(i).inner_text() for i in range(option.count())]
    option.nth(exact[0]).click()


@pytest.mark.browser
def test_a_typed_name_is_saved_once_and_shown_exactly(page: Any, dashboard: dict[str, Any]) -> None:
    """Typed in the browser, double-clicked: one row, the same text, a literal message."""
    name = "Typed <i>in</i> **the** :blue[browser] $1 → www.x.com 🚀"
    _open(page, dashboard["base"], "add")
    page.locator(_key("add.companies.new.0.name") + " input").fill(name)
    _choose(page, "add.companies.new.0.citation.source_id", _notes_title(dashboard["url"]))
    page.locator(_key("add.companies.new.0.citation.quote") + " textarea").fill(name)
    page.get_by_role("button", name="Save company").dblclick()
    success = page.locator("[data-testid=stAlertContentSuccess] [data-testid=stMarkdownContainer]")
    success.wait_for()
    assert success.inner_text() == f"Added company {name}."
    _no_injection(page, success)
    page.wait_for_timeout(1500)  # let a second write, if any, land before counting
    assert _count_named(dashboard["url"], name) == 1
    again = "Entered twice"
    field = page.locator(_key("add.companies.new.1.name") + " input")
    field.fill(again)
    _choose(page, "add.companies.new.1.citation.source_id", _notes_title(dashboard["url"]))
    page.locator(_key("add.companies.new.1.citation.quote") + " textarea").fill(again)
    field.focus()
    page.keyboard.press("Enter")  # twice, quickly, wherever the focus now is
    page.keyboard.press("Enter")
    page.locator("[data-testid=stAlertContentSuccess]").filter(has_text=again).wait_for()
    page.wait_for_timeout(1500)
    assert _count_named(dashboard["url"], again) == 1


@pytest.mark.browser
def test_the_overview_renders_hostile_data_safely(page: Any, dashboard: dict[str, Any]) -> None:
    _open(page, dashboard["base"], "")
    tile = page.locator("[data-testid=stMetric]").filter(has_text="Companies")
    with Session(db.get_engine(dashboard["url"])) as session:
        companies = session.execute(select(func.count()).select_from(m.Company)).scalar_one()
    assert tile.locator("[data-testid=stMetricValue]").inner_text() == str(companies)
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    page.wait_for_timeout(500)  # let the chart draw its marks
    _nothing_ran(page)
    assert page.locator("[data-testid=stMain] b, [data-testid=stMain] i").count() == 0


# Every markdown-parsing element a page may show stored text in, and where its text lands.
ELEMENTS = {
    "markdown": ("st.markdown(e)", "[data-testid=stMarkdownContainer]"),
    "caption": ("st.caption(e)", "[data-testid=stCaptionContainer]"),
    "header": ("st.header(e, anchor=False)", "[data-testid=stHeading] h2"),
    "info": ("st.info(e)", "[data-testid=stAlertContentInfo] [data-testid=stMarkdownContainer]"),
    "metric": ("st.metric(e, 1)", "[data-testid=stMetricLabel]"),
    "expander": (
        "st.expander(e)",
        "[data-testid=stExpander] summary [data-testid=stMarkdownContainer]",
    ),
    "button": (
        "st.button(e, key=f'b{i}')",
        "[data-testid=stButton] [data-testid=stMarkdownContainer]",
    ),
    "tab": ("st.tabs([e, 'other'])", "[data-testid=stTab] [data-testid=stMarkdownContainer]"),
    "label": ("st.text_input(e, key=f't{i}')", "[data-testid=stWidgetLabel]"),
}
MULTI_LINE = "line one\nline two\n\n    indented four\n# not a heading\n- not a list"


@pytest.mark.browser
def test_escape_markdown_renders_literally_in_every_element(browser: Any, tmp_path: Path) -> None:
    """ui.escape_markdown, in each element that parses markdown, shows exactly the text."""
    texts = [*HOSTILE, LONG_TEXT[:1000]]
    script = tmp_path / "elements.py"
    calls = "\n".join(f"        {call}" for call, _ in ELEMENTS.values())
    script.write_text(
        "import streamlit as st\n"
        "from landscape.ui import escape_markdown\n"
        f"TEXTS = {[*texts, MULTI_LINE]!r}\n"
        "for i, text in enumerate(TEXTS):\n"
        "    e = escape_markdown(text)\n"
        "    with st.container(key=f'case{i}'):\n"
        "        if '\\n' in text:\n"
        "            st.markdown(e)\n"
        "            continue\n"
        f"{calls}\n",
        encoding="utf-8",
    )
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{port}/_stcore/health")
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        last = f".st-key-case{len(texts)} [data-testid=stMarkdownContainer]"
        page.wait_for_selector(last, timeout=60_000)
        page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')")
        for i, text in enumerate(texts):
            for name, (_, selector) in ELEMENTS.items():
                shown = page.locator(f".st-key-case{i} {selector}").first
                assert shown.inner_text() == text, (name, text)
                _no_injection(page, shown)
        multi = page.locator(last).first
        assert multi.inner_text() == MULTI_LINE.replace("    ", "")  # HTML drops leading spaces
        _no_injection(page, multi)
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


def _notes_title(url: str) -> str:
    with Session(db.get_engine(url)) as session:
        return str(session.execute(select(m.Source.title).where(m.Source.kind == "notes")).scalar())


def _count_named(url: str, name: str) -> int:
    with db.get_engine(url).connect() as connection:
        statement = select(func.count()).where(m.Company.name == name)
        return connection.execute(statement).scalar_one()
