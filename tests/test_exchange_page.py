"""The Import & export page runs, offers the downloads, and the router lists it under Data."""

import io
import zipfile

from streamlit.testing.v1 import AppTest

from landscape.pages import PAGES_DIR, registered_pages

from .conftest import REPO


def test_exchange_page_offers_the_exports(app_url: str) -> None:
    at = AppTest.from_file(str(PAGES_DIR / "exchange.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Import & export"
    assert at.selectbox(key="import_table").value == "companies"
    assert at.selectbox(key="export_profile").value == "spreadsheet"
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download all tables (zip)", "Download landscape.yml"]


def test_router_lists_the_page_under_data(app_url: str) -> None:
    assert "exchange" in {page.url_path for page in registered_pages(REPO / "dashboard.py")}
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60).run()
    assert not at.exception


def test_zip_download_holds_every_table(app_url: str) -> None:
    from landscape import db
    from landscape.exchange.export import export_zip

    archive = zipfile.ZipFile(io.BytesIO(export_zip(db.get_engine(app_url))))
    assert "companies.csv" in archive.namelist() and "manifest.json" in archive.namelist()


def test_the_exports_are_written_on_click(app_url: str) -> None:
    at = AppTest.from_file(str(PAGES_DIR / "exchange.py"), default_timeout=60).run()
    for button in at.get("download_button"):
        assert button.proto.deferred_file_id and not button.proto.url
