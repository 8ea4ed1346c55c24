"""A person uploads a CSV on the Import & export page, reads the preview and imports it."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from landscape import db
from landscape import models as m
from landscape.config import DATABASE_URL_ENV

from .conftest import REPO

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(seeded_url: str, backend: str) -> Iterator[str]:
    if backend != "sqlite" or not shutil.which("chromium"):
        pytest.skip("the browser walk runs once, on SQLite, where Chromium is installed")
    port = _free_port()
    env = dict(os.environ, **{DATABASE_URL_ENV: seeded_url})
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard.py"),
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.browser
def test_upload_preview_then_import(server: str, seeded_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    upload = tmp_path / "companies.csv"
    upload.write_bytes("name;description\nZhipu AI;'=1+1\nopenai;dup\n".encode("utf-8-sig"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            page.goto(f"{server}/exchange")
            expect(page.get_by_role("heading", name="Import & export")).to_be_visible(timeout=60000)
            page.locator("input[type=file]").set_input_files(str(upload))
            expect(page.get_by_text("dry run: would write 1 added, 1 duplicate")).to_be_visible(
                timeout=60000
            )
            page.get_by_role("button", name="Import", exact=True).click()
            expect(page.get_by_text("imported: 1 added, 1 duplicate")).to_be_visible(timeout=60000)
        finally:
            browser.close()
    with db.session_scope(seeded_url) as session:
        zhipu = session.scalars(select(m.Company).where(m.Company.name == "Zhipu AI")).one()
        assert zhipu.description == "=1+1"


@pytest.mark.browser
def test_the_zip_is_written_when_its_button_is_clicked(server: str, tmp_path: Path) -> None:
    import io
    import zipfile

    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(f"{server}/exchange")
            button = page.get_by_role("button", name="Download all tables (zip)")
            expect(button).to_be_visible(timeout=60000)
            # Click once the script has finished its run, so the button is the final one.
            idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
            page.wait_for_selector(idle, timeout=60000)
            with page.expect_download(timeout=120000) as download:
                button.click()
            saved = tmp_path / "export.zip"
            download.value.save_as(saved)
        finally:
            browser.close()
    archive = zipfile.ZipFile(io.BytesIO(saved.read_bytes()))
    assert "companies.csv" in archive.namelist()
    assert b"OpenAI" in archive.read("companies.csv")
