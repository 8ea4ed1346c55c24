"""Fixtures of the Timeline, Growth, Funding and Thesis tests, loaded as a pytest plugin
(``pytest_plugins = ["tests.fixtures_dash2"]``)."""

import pytest

from landscape import db
from landscape import models as m
from landscape.config import DATABASE_URL_ENV

from .factories_dash2 import add_rich_rows


@pytest.fixture
def rich_url(seeded_url: str) -> str:
    """The seed plus the rows above."""
    add_rich_rows(seeded_url)
    return seeded_url


@pytest.fixture
def rich_app_url(rich_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The seed plus the rows above, opened by the dashboard pages."""
    monkeypatch.setenv(DATABASE_URL_ENV, rich_url)
    return rich_url


@pytest.fixture
def bare_app_url(migrated_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with one company and nothing else (not empty, so the pages don't seed it)."""
    with db.session_scope(migrated_url) as session:
        session.add(m.Company(name="Lonely Startup", name_key="lonely startup"))
    monkeypatch.setenv(DATABASE_URL_ENV, migrated_url)
    return migrated_url
