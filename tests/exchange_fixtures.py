"""A second database beside ``seeded_url`` (on SQLite both fixtures would share one file)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import _forget_engine, _postgres_database, _postgres_server


@pytest.fixture
def other_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of another new, empty database."""
    if backend == "sqlite":
        folder = tmp_path / "other"
        folder.mkdir()
        url = f"sqlite:///{folder / 'landscape.db'}"
        yield url
        _forget_engine(url)
        return
    with _postgres_database(_postgres_server()) as url:
        yield url
