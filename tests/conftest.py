"""Fixtures: a fresh database per test on SQLite, and on PostgreSQL when
LANDSCAPE_TEST_POSTGRES_URL is set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from landscape import db
from landscape.config import DATABASE_URL_ENV

POSTGRES_ENV = "LANDSCAPE_TEST_POSTGRES_URL"
REPO = Path(__file__).resolve().parent.parent
NOTES = REPO.parent / "shared" / "notes" / "000_ae0130696a091c33.txt"


def _forget_engine(url: str) -> None:
    """Dispose and forget the cached engine for ``url``, if any."""
    engine = db.get_engine(url)
    engine.dispose()
    db.get_engine.cache_clear()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database of each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'landscape.db'}"
        yield url
        _forget_engine(url)
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against")
    name = f"landscape_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        _forget_engine(url)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def migrated_url(empty_url: str) -> str:
    db.upgrade_db(empty_url)
    return empty_url


@pytest.fixture
def seeded_url(migrated_url: str) -> str:
    from landscape.seed import load_seed

    with db.session_scope(migrated_url) as session:
        load_seed(session)
    return migrated_url


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
