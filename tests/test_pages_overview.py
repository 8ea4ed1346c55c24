"""The Overview's landscape map in AppTest (the headline tiles are in test_pages.py)."""

from sqlalchemy import select
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from landscape import db
from landscape import models as m
from landscape.charts.landscape_map import PER_BOX
from landscape.ui import escape_markdown

from .apptests import open_page, page_links
from .landscape_factory import Landscape


def test_map_links_every_company_to_its_page(app_url: str) -> None:
    at = open_page("overview").run()
    assert not at.exception
    with db.get_engine(app_url).connect() as connection:
        companies = connection.execute(select(m.Company.id, m.Company.name)).all()
    links = {(label, query) for label, page, query in page_links(at) if page == "company"}
    assert links == {(escape_markdown(name), f"id={company_id}") for company_id, name in companies}


def test_map_shows_chinese_category_labels(app_url: str) -> None:
    with db.get_engine(app_url).connect() as connection:
        labels = connection.execute(
            select(m.Category.label_zh).where(
                m.Category.parent_id.is_(None), m.Category.label_zh.is_not(None)
            )
        ).scalars()
        wanted = {escape_markdown(label) for label in labels}
    english = open_page("overview").run()
    chinese = open_page("overview", zh="true").run()
    assert not chinese.exception

    def shown(at: object) -> str:
        return " ".join(block.value for block in at.markdown)  # type: ignore[attr-defined]

    assert wanted and all(label in shown(chinese) for label in wanted)
    assert not any(f"**{label}**" in shown(english) for label in wanted)


def test_company_names_on_the_map_are_escaped(
    landscape: tuple[str, Landscape], landscape_app: Landscape
) -> None:
    url, _rows = landscape
    name = "**Bold** [Labs](http://x) :red[x]"
    with Session(db.get_engine(url)) as session:
        session.add(m.Company(name=name))
        session.commit()
    at = open_page("overview").run()
    assert not at.exception
    assert escape_markdown(name) in {label for label, _page, _query in page_links(at)}


def test_a_full_box_shows_its_top_companies_and_more_on_demand(app_url: str) -> None:
    with Session(db.get_engine(app_url)) as session:
        category = m.Category(name="Crowded", position=99)
        session.add(category)
        session.flush()
        names = [f"Crowded {number:02d}" for number in range(PER_BOX + 3)]
        for name in names:
            company = m.Company(name=name, kind="startup", status="active")
            session.add(company)
            session.flush()
            session.add(m.CompanyCategory(company_id=company.id, category_id=category.id))
        session.commit()
        box = category.id

    def shown(at: AppTest) -> set[str]:
        return {label for label, page, _query in page_links(at) if page == "company"}

    at = open_page("overview").run()
    assert not at.exception
    crowded = {escape_markdown(name) for name in names}
    # Nothing raised: the first by name are shown, the last three wait behind "Show more".
    assert shown(at) & crowded == {escape_markdown(name) for name in names[:PER_BOX]}
    more = at.button(key=f"map_more_button_{box}")
    assert "3 not shown" in more.label
    more.click().run()
    assert not at.exception
    assert crowded <= shown(at)
    assert f"map_more_button_{box}" not in {button.key for button in at.button}


def test_the_map_download_is_written_on_click(app_url: str) -> None:
    at = open_page("overview").run()
    button = next(b for b in at.get("download_button") if b.proto.id.endswith("landscape_map"))
    assert button.proto.deferred_file_id and not button.proto.url
