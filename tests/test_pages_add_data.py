"""The Add data page in AppTest, on the seeded database: each form saves, errors sit beside
their fields with the input kept and nothing written, a double submission writes once, and an
edit keeps every field it did not change."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, inspect, select
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from landscape import db
from landscape import models as m
from landscape.cli import main
from landscape.schemas import QUOTE_REQUIRED
from landscape.ui import escape_markdown

from .apptests import open_page

TABS = {
    "companies": "Company",
    "products": "Product",
    "funding_rounds": "Funding round",
    "metrics": "Metric",
    "events": "Event",
    "sources": "Source",
}


NOTES_QUOTE = "Harvey：法律工作者的research/drafting/analysis工具"  # the notes, verbatim


def _page(table: str = "companies") -> AppTest:
    at = open_page("add")
    at.query_params["form"] = TABS[table]
    return at.run()


def _key(table: str, field: str, pick: int | str = "new", generation: int = 0) -> str:
    return f"add.{table}.{pick}.{generation}.{field}"


def _submit(at: AppTest) -> AppTest:
    button = next(b for b in at.get("button") if b.proto.label.startswith("Save"))
    return button.click().run()


def _count(url: str, table: type) -> int:
    with db.get_engine(url).connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def _id(url: str, table: type, **where: Any) -> int:
    with Session(db.get_engine(url)) as session:
        statement = select(table.id)
        for column, value in where.items():
            statement = statement.where(getattr(table, column) == value)
        return int(session.execute(statement).scalars().first())


def _walk(node: Any) -> Iterator[Any]:
    """Every element under ``node``, in the order the page shows them."""
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def _error_after(at: AppTest, key: str) -> str | None:
    """The message of the error shown right under the widget ``key``, if any."""
    nodes = list(_walk(at.main))
    position = next(i for i, node in enumerate(nodes) if getattr(node, "key", None) == key)
    following = nodes[position + 1] if position + 1 < len(nodes) else None
    return following.value if type(following).__name__ == "Error" else None


def _pick_source(at: AppTest, table: str, url: str, pick: int | str = "new") -> None:
    """Cite the notes, quoting their words."""
    at.selectbox(key=_key(table, "citation.source_id", pick)).set_value(
        _id(url, m.Source, kind="notes")
    )
    at.text_area(key=_key(table, "citation.quote", pick)).input(NOTES_QUOTE)


@pytest.mark.parametrize("table", list(TABS))
def test_every_form_opens(app_url: str, table: str) -> None:
    at = _page(table)
    assert not at.exception
    labels = [b.proto.label for b in at.get("button")]
    assert labels == [f"Save {TABS[table].lower()}"]


def test_a_saved_company_is_named_and_shown_on_every_page(app_url: str) -> None:
    overview = open_page("overview").run()
    before = int(next(t.value for t in overview.metric if t.label == "Companies"))
    at = _page()
    at.text_input(key=_key("companies", "name")).input("Acme **AI**")
    at.text_input(key=_key("companies", "founded")).input("2021-Q2")
    at.selectbox(key=_key("companies", "hq_country")).set_value("CN")
    at.multiselect(key=_key("companies", "categories")).set_value(["Legal work"])
    _pick_source(at, "companies", app_url)
    _submit(at)
    assert not at.exception and not at.error
    company_id = _id(app_url, m.Company, name="Acme **AI**")
    name = escape_markdown("Acme **AI**")
    assert at.success[0].value == f"Added company [{name}](company?id={company_id})."
    assert at.text_input(key=_key("companies", "name", generation=1)).value == ""
    overview.run()
    assert int(next(t.value for t in overview.metric if t.label == "Companies")) == before + 1


def test_errors_sit_beside_their_fields_and_nothing_is_written(app_url: str) -> None:
    companies, sources = _count(app_url, m.Company), _count(app_url, m.Source)
    at = _page()
    typed = {"name": "  ", "homepage": "acme.ai", "founded": "2999-01"}
    for field, value in typed.items():
        at.text_input(key=_key("companies", field)).input(value)
    at.text_input(key=_key("companies", "citation.source.url")).input("not a url")
    _submit(at)
    assert not at.exception and not at.success
    assert _error_after(at, _key("companies", "name")) == escape_markdown("Required.")
    assert "web address" in _error_after(at, _key("companies", "homepage"))
    assert "future" in _error_after(at, _key("companies", "founded"))
    assert _error_after(at, _key("companies", "citation.source.title"))  # new source: no title
    for field, value in typed.items():
        assert at.text_input(key=_key("companies", field)).value == value
    assert (_count(app_url, m.Company), _count(app_url, m.Source)) == (companies, sources)


def test_a_new_fact_without_a_source_is_refused(app_url: str) -> None:
    at = _page("events")
    openai = _id(app_url, m.Company, name="OpenAI")
    at.selectbox(key=_key("events", "company_id")).set_value(openai)
    at.text_input(key=_key("events", "title")).input("Something")
    _submit(at)
    assert "needs a source" in _error_after(at, _key("events", "citation.source_id"))


def _counts(url: str) -> tuple[int, ...]:
    return tuple(_count(url, table) for table in (m.Company, m.Source, m.Citation, m.Event))


def test_a_fact_without_a_quote_is_refused_beside_the_quote(app_url: str) -> None:
    before = _counts(app_url)
    at = _page()
    quote = at.text_area(key=_key("companies", "citation.quote"))
    assert quote.label == "Quote (required)" and "original language" in quote.help
    at.text_input(key=_key("companies", "name")).input("Unquoted AI")
    _pick_source(at, "companies", app_url)
    at.text_area(key=_key("companies", "citation.quote")).input("   ")
    _submit(at)
    assert not at.exception and not at.success
    assert _error_after(at, _key("companies", "citation.quote")) == escape_markdown(QUOTE_REQUIRED)
    assert [e.value for e in at.error] == [escape_markdown(QUOTE_REQUIRED)]  # nothing else wrong
    assert at.text_input(key=_key("companies", "name")).value == "Unquoted AI"
    notes = _id(app_url, m.Source, kind="notes")
    assert at.selectbox(key=_key("companies", "citation.source_id")).value == notes
    assert _counts(app_url) == before


def test_citing_a_new_source_for_a_fact_needs_a_quote(app_url: str) -> None:
    before = _counts(app_url)
    at = _page("sources")
    at.text_input(key=_key("sources", "title")).input("An unquoted interview")
    harvey = _id(app_url, m.Company, name="Harvey")
    at.selectbox(key=_key("sources", "citation.subject_key")).set_value(f"companies:{harvey}")
    _submit(at)
    assert _error_after(at, _key("sources", "citation.quote")) == escape_markdown(QUOTE_REQUIRED)
    assert at.text_input(key=_key("sources", "title")).value == "An unquoted interview"
    assert _counts(app_url) == before


def test_a_company_added_through_the_form_passes_validate(
    app_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    at = _page()
    at.text_input(key=_key("companies", "name")).input("Validated AI")
    _pick_source(at, "companies", app_url)
    _submit(at)
    assert at.success and not at.error
    with Session(db.get_engine(app_url)) as session:
        company = session.execute(
            select(m.Company).where(m.Company.name == "Validated AI")
        ).scalar()
        quotes = session.execute(
            select(m.Citation.quote).where(m.Citation.company_id == company.id)
        ).all()
    assert quotes == [(NOTES_QUOTE,)]
    capsys.readouterr()
    assert main(["--db", app_url, "validate"]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.strip() == "no problems found"


def test_a_duplicate_name_links_to_the_existing_company(app_url: str) -> None:
    at = _page()
    at.text_input(key=_key("companies", "name")).input(" ＯＰＥＮＡＩ ")
    _pick_source(at, "companies", app_url)
    _submit(at)
    openai = _id(app_url, m.Company, name="OpenAI")
    message = _error_after(at, _key("companies", "name"))
    assert message.startswith(f"A company named [OpenAI](company?id={openai}) already exists")


def test_submitting_twice_writes_once(app_url: str) -> None:
    """Two reruns carrying the same submission, as a double click or a second Enter sends."""
    before = _count(app_url, m.Event)
    at = _page("events")
    at.selectbox(key=_key("events", "company_id")).set_value(_id(app_url, m.Company, name="Harvey"))
    at.text_input(key=_key("events", "title")).input("Harvey launches")
    at.text_input(key=_key("events", "date")).input("2023-03")
    _pick_source(at, "events", app_url)
    next(b for b in at.get("button") if b.proto.label == "Save event").click()
    submission = at._tree.get_widget_states()  # what the browser sends with each click
    at._run(submission)
    at._run(submission)
    assert not at.exception
    assert _count(app_url, m.Event) == before + 1
    assert at.success[0].value.startswith("Added event Harvey launches")


def test_an_edit_keeps_every_field_it_did_not_change(app_url: str) -> None:
    openai = _id(app_url, m.Company, name="OpenAI")
    with Session(db.get_engine(app_url)) as session:
        before = _columns(session.get(m.Company, openai))
    at = _page()
    at.selectbox(key="add.companies.pick").set_value(openai).run()
    assert at.text_input(key=_key("companies", "name", openai)).value == "OpenAI"
    assert at.text_input(key=_key("companies", "founded", openai)).value == "2015-Q4"
    at.text_area(key=_key("companies", "description", openai)).input("The lab behind ChatGPT.")
    _submit(at)
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("Updated company [OpenAI]")
    with Session(db.get_engine(app_url)) as session:
        after = _columns(session.get(m.Company, openai))
    assert {k for k in after if after[k] != before[k]} == {"description", "updated_at"}
    assert at.text_area(key=_key("companies", "description", openai, 1)).value == (
        "The lab behind ChatGPT."
    )


def _columns(row: Any) -> dict[str, Any]:
    return {column.key: getattr(row, column.key) for column in inspect(row).mapper.column_attrs}


def _round(at: AppTest, url: str) -> None:
    microsoft, fund = (_id(url, m.Company, name=n) for n in ("Microsoft", "OpenAI Startup Fund"))
    at.selectbox(key=_key("funding_rounds", "company_id")).set_value(
        _id(url, m.Company, name="Harvey")
    )
    at.selectbox(key=_key("funding_rounds", "round_type")).set_value("series_a")
    at.text_input(key=_key("funding_rounds", "announced")).input("2023-04")
    at.number_input(key=_key("funding_rounds", "amount")).set_value(21_000_000)
    at.selectbox(key=_key("funding_rounds", "currency")).set_value("USD")
    at.multiselect(key=_key("funding_rounds", "investor_ids")).set_value([microsoft, fund])
    at.selectbox(key=_key("funding_rounds", "lead_investor_id")).set_value(fund)
    _pick_source(at, "funding_rounds", url)


def _product(at: AppTest, url: str) -> None:
    at.selectbox(key=_key("products", "company_id")).set_value(_id(url, m.Company, name="OpenAI"))
    at.text_input(key=_key("products", "name")).input("Playground")
    at.text_input(key=_key("products", "launched")).input("2021")
    _pick_source(at, "products", url)


def _metric(at: AppTest, url: str) -> None:
    at.selectbox(key=_key("metrics", "company_id")).set_value(_id(url, m.Company, name="OpenAI"))
    at.selectbox(key=_key("metrics", "name")).set_value("users")
    at.number_input(key=_key("metrics", "value")).set_value(1_000_000.0)
    at.selectbox(key=_key("metrics", "unit")).set_value("count")
    at.text_input(key=_key("metrics", "as_of_text")).input("2022-12")
    at.text_input(key=_key("metrics", "citation.source.title")).input("A new article")
    at.text_input(key=_key("metrics", "citation.source.url")).input("https://news.example.com/1")
    at.text_area(key=_key("metrics", "citation.quote")).input("one million users")


def _source(at: AppTest, url: str) -> None:
    at.text_input(key=_key("sources", "title")).input("An interview")
    at.selectbox(key=_key("sources", "kind")).set_value("interview")
    at.selectbox(key=_key("sources", "citation.subject_key")).set_value(
        f"companies:{_id(url, m.Company, name='Harvey')}"
    )
    at.text_area(key=_key("sources", "citation.quote")).input("Harvey said so.")


# table -> (fill the form, a table that grows, by how much, what the message names)
FILLERS: dict[str, tuple[Callable[[AppTest, str], None], type, int, str]] = {
    "funding_rounds": (_round, m.Investment, 2, "funding round Harvey · series a · 2023-04"),
    "products": (_product, m.Product, 1, "product Playground"),
    "metrics": (_metric, m.Source, 1, "metric OpenAI · users · 2022-12"),
    "sources": (_source, m.Citation, 1, "source An interview"),
}


@pytest.mark.parametrize("table", list(FILLERS))
def test_each_form_saves_with_its_source(app_url: str, table: str) -> None:
    fill, counted, grows, saved = FILLERS[table]
    before = _count(app_url, counted)
    at = _page(table)
    fill(at, app_url)
    _submit(at)
    assert not at.exception and not at.error, [e.value for e in at.error]
    noun = "funding round" if table == "funding_rounds" else saved.split(" ", 1)[0]
    label = saved.removeprefix(noun + " ")
    assert at.success[0].value == f"Added {noun} {escape_markdown(label)}."
    assert _count(app_url, counted) == before + grows


def test_a_future_event_needs_to_be_marked_expected(app_url: str) -> None:
    at = _page("events")
    at.selectbox(key=_key("events", "company_id")).set_value(_id(app_url, m.Company, name="OpenAI"))
    at.text_input(key=_key("events", "title")).input("GPT-9")
    at.text_input(key=_key("events", "date")).input("2999")
    _pick_source(at, "events", app_url)
    _submit(at)
    assert "expected" in _error_after(at, _key("events", "date"))
    at.checkbox(key=_key("events", "expected")).check()
    _submit(at)
    assert not at.error and at.success[0].value.startswith("Added event GPT")


def test_pickers_name_what_they_offer(app_url: str) -> None:
    """Codes show their names, rows their registry names, and each pick may be left empty."""
    at = _page()
    country = at.selectbox(key=_key("companies", "hq_country"))
    assert country.options[0] == "—" and "CN — China" in country.options
    at = _page("funding_rounds")
    assert "USD — US Dollar" in at.selectbox(key=_key("funding_rounds", "currency")).options
    company = at.selectbox(key=_key("funding_rounds", "company_id"))
    assert company.options[0] == "—" and "OpenAI" in company.options
    at = _page("metrics")
    product = at.selectbox(key=_key("metrics", "product_id"))
    assert product.options[0] == "—" and "ChatGPT" in product.options
