"""Fixtures: a fresh database per test on SQLite, and on PostgreSQL when
LANDSCAPE_TEST_POSTGRES_URL is set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy.engine import make_url

from landscape import db
from landscape.config import DATABASE_URL_ENV

# Fixtures of the dashboard tests (test landscape, one-company database).
pytest_plugins = ["tests.landscape_factory"]

POSTGRES_ENV = "LANDSCAPE_TEST_POSTGRES_URL"
REPO = Path(__file__).resolve().parent.parent
NOTES = REPO.parent / "shared" / "notes" / "000_ae0130696a091c33.txt"


def _forget_engine(url: str) -> None:
    """Dispose and forget the cached engine for ``url``, if any."""
    engine = db.get_engine(url)
    engine.dispose()
    db.get_engine.cache_clear()


def _postgres_server() -> str:
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against")
    return server


@contextmanager
def _postgres_database(server: str, template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database (optionally copied from ``template``), dropped afterwards."""
    with db.scratch_postgres_database(server, "landscape_test", template) as url:
        try:
            yield url
        finally:
            _forget_engine(url)


def _seed(url: str) -> None:
    from landscape.seed import load_seed

    db.upgrade_db(url)
    with db.session_scope(url) as session:
        load_seed(session)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Each test that needs a database runs once per backend."""
    return str(request.param)


@pytest.fixture
def empty_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'landscape.db'}"
        yield url
        _forget_engine(url)
        return
    with _postgres_database(_postgres_server()) as url:
        yield url


@pytest.fixture
def migrated_url(empty_url: str) -> str:
    db.upgrade_db(empty_url)
    return empty_url


@pytest.fixture(scope="session")
def seeded_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded SQLite file, built once per session and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    url = f"sqlite:///{path}"
    _seed(url)
    _forget_engine(url)  # closing the last connection folds the WAL into the file
    return path


@pytest.fixture(scope="session")
def seeded_postgres_template() -> Iterator[str]:
    """A seeded PostgreSQL database, built once per session and used as a template."""
    server = _postgres_server()
    with _postgres_database(server) as url:
        _seed(url)
        _forget_engine(url)
        yield str(make_url(url).database)


@pytest.fixture
def seeded_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh copy of a migrated database holding the whole seed."""
    if backend == "sqlite":
        template = request.getfixturevalue("seeded_sqlite_template")
        path = tmp_path / "landscape.db"
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
        yield url
        _forget_engine(url)
        return
    template_name = request.getfixturevalue("seeded_postgres_template")
    with _postgres_database(_postgres_server(), template=template_name) as url:
        yield url


@pytest.fixture
def app_url(seeded_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A seeded database that the dashboard pages will open."""
    monkeypatch.setenv(DATABASE_URL_ENV, seeded_url)
    return seeded_url


@pytest.fixture(autouse=True)
def _clear_streamlit_caches() -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
