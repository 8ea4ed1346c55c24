"""The hot queries read through their indexes (issue #10): on a 20,000-company synthetic
landscape, EXPLAIN QUERY PLAN of every statement a query runs shows no full scan of a table it
only needs some rows of. SQLite only: its plans are fixed by the schema, not by costs."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, select
from sqlmodel import SQLModel

from landscape import db
from landscape import models as m
from landscape.queries import company, funding, landscape_map, thesis
from landscape.seed import load_seed
from landscape.synth import synthesize

COMPANIES = 20_000
# Tables that stay small however many companies there are: reading them whole is fine.
SMALL = {"categories", "alembic_version"}
GROWING = set(SQLModel.metadata.tables) - SMALL


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path_factory.mktemp('plans') / 'big.db'}"
    db.upgrade_db(url)
    with db.session_scope(url) as session:
        load_seed(session)
    engine = db.get_engine(url)
    synthesize(engine, COMPANIES, random_seed=10)
    yield engine
    engine.dispose()
    db.get_engine.cache_clear()


@contextmanager
def _statements(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Every (SQL, parameters) that runs on ``engine`` inside the block."""
    seen: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", grab)


def _plan(engine: Engine, read: Callable[[Engine], Any]) -> list[str]:
    """The EXPLAIN QUERY PLAN lines of every statement ``read`` runs."""
    with _statements(engine) as seen:
        read(engine)
    assert seen, "the read ran no SQL"
    lines: list[str] = []
    with engine.connect() as connection:
        for statement, parameters in seen:
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            lines.extend(str(row[3]) for row in rows)
    return lines


def _scanned(lines: list[str]) -> set[str]:
    """The tables (not subqueries) that a plan reads whole."""
    return {line.split()[1] for line in lines if line.startswith("SCAN ")} & GROWING


def _a_funded_company(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(m.FundingRound.company_id).limit(1)).scalar_one())


ONE_COMPANY: dict[str, Callable[[Engine, int], Any]] = {
    "profile": company.company_profile,
    "products": company.company_products,
    "rounds": company.company_rounds,
    "funding": company.company_funding,
    "investments": company.company_investments,
    "models": company.company_models,
    "metrics": company.company_metrics,
    "events": company.company_events,
    "claims": company.company_claims,
    "citations": company.company_citations,
}


@pytest.mark.parametrize("name", ONE_COMPANY)
def test_a_company_page_reads_only_that_company_s_rows(big: Engine, name: str) -> None:
    company_id = _a_funded_company(big)
    lines = _plan(big, lambda engine: ONE_COMPANY[name](engine, company_id))
    assert not _scanned(lines), lines


# Reads over the whole landscape: they aggregate every round or company, but look each shown
# row's sources and investors up, and join their parts through an index.
WHOLE: dict[str, tuple[Callable[[Engine], Any], set[str]]] = {
    "funding.cumulative": (funding.cumulative, {"citations", "sources", "investments"}),
    "funding.leaderboard": (funding.leaderboard, {"citations", "investments"}),
    "funding.by_year": (funding.by_year, {"investments"}),
    "thesis.quadrant": (thesis.quadrant, {"investments"}),
    "landscape_map": (
        lambda engine: landscape_map.landscape_map(engine, per_category=12),
        {"citations", "investments"},
    ),
}


@pytest.mark.parametrize("name", WHOLE)
def test_a_whole_landscape_read_looks_rows_up(big: Engine, name: str) -> None:
    read, looked_up = WHOLE[name]
    lines = _plan(big, read)
    assert not _scanned(lines) & looked_up, lines
    joined_by_scan = [line for line in lines if line.startswith("SCAN") and "LEFT-JOIN" in line]
    assert not joined_by_scan, lines
