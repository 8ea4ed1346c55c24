"""Fixtures of the Timeline, Growth, Funding and Thesis tests, loaded as a pytest plugin
(``pytest_plugins = ["tests.lone_company_fixtures"]``). The seeded database comes from conftest
(``seeded_url``, ``app_url``); this adds what the seed cannot show."""

import pytest

from landscape import db
from landscape import models as m
from landscape.config import DATABASE_URL_ENV


@pytest.fixture
def bare_app_url(migrated_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated, otherwise empty database holding one company (so the pages don't seed it):
    no event, model, metric, round or claim."""
    with db.session_scope(migrated_url) as session:
        session.add(m.Company(name="Lonely Startup", name_key="lonely startup"))
    monkeypatch.setenv(DATABASE_URL_ENV, migrated_url)
    return migrated_url
