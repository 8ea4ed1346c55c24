"""The table registry: one record per table, and one human name per row everywhere."""

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Date, Engine, create_engine, literal, select
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel, col

from landscape import crud, db, registry
from landscape import models as m
from landscape.dates import DatePrecision, format_partial_date
from landscape.exchange.export import EXPORT_QUERIES, export_rows
from landscape.exchange.tables import SPECS
from landscape.queries import forms as q
from landscape.registry import partial_date_text

# ---------------------------------------------------------------- every table has its record


def test_every_table_of_the_metadata_has_a_record() -> None:
    tables = {name for name in SQLModel.metadata.tables if name != "alembic_version"}
    assert tables == set(registry.TABLES), "add a TableRecord to landscape/registry.py"


def test_every_citable_table_has_a_name_query() -> None:
    assert set(registry.citable()) == set(m.CITABLE)
    for table in m.CITABLE:
        assert registry.record(table).name_query is not None, table


@pytest.mark.parametrize("table", list(registry.TABLES))
def test_natural_key_columns_exist_on_the_model(table: str) -> None:
    record = registry.record(table)
    columns = set(record.sql_table.c.keys())
    assert record.natural_key, f"{table} has no natural key"
    assert set(record.natural_key) <= columns, set(record.natural_key) - columns
    assert set(record.money) <= columns
    if record.link is not None:
        assert set(record.link) <= columns


def test_tables_come_after_what_they_refer_to() -> None:
    """TABLES is the import order: a foreign key points at a table listed earlier (or itself)."""
    order = list(registry.TABLES)
    for table in order:
        for key in registry.record(table).sql_table.foreign_keys:
            target = key.column.table.name
            assert order.index(target) <= order.index(table), f"{table} → {target}"


def test_the_export_and_the_importer_follow_the_registry() -> None:
    assert list(EXPORT_QUERIES) == list(registry.by_stem())
    assert set(SPECS) == set(registry.by_stem())
    for stem, record in registry.by_stem().items():
        assert SPECS[stem].model is record.model, stem


def test_every_form_has_its_schemas_writers_and_command() -> None:
    forms = registry.forms()
    assert set(forms) == {t for t, r in registry.TABLES.items() if r.create is not None}
    for table, record in forms.items():
        create, update, base = record.form_schemas()
        assert issubclass(update, create) and issubclass(create, base), table
        assert table in crud._WRITERS, f"crud has no writer for {table}"
        assert record.command and registry.by_command()[record.command] is record


def test_a_table_without_a_name_says_so() -> None:
    with pytest.raises(KeyError, match="no name"):
        registry.name_query("company_categories")
    with pytest.raises(KeyError, match="known"):
        registry.record("unicorns")


# ---------------------------------------------------------------- partial dates in SQL

DAYS = [dt.date(2015, month, 1) for month in range(1, 13)] + [dt.date(1999, 12, 31)]


@pytest.mark.parametrize("precision", [*DatePrecision, None])
def test_partial_date_text_matches_format_partial_date(
    migrated_url: str, precision: DatePrecision | None
) -> None:
    written = str(precision) if precision is not None else None
    columns = [partial_date_text(literal(day), literal(written)) for day in DAYS]
    columns.append(partial_date_text(literal(None, Date()), literal(written)))
    with db.get_engine(migrated_url).connect() as connection:
        row = connection.execute(select(*columns)).one()
    expected = [format_partial_date(day, written) for day in DAYS] + [""]
    assert [value or "" for value in row] == expected


# ---------------------------------------------------------------- the same names on both backends


def _all_names(engine: Engine) -> dict[tuple[str, int], str]:
    with engine.connect() as connection:
        return {
            (table, row_id): name
            for table, record in registry.TABLES.items()
            if record.name_query is not None
            for row_id, name in registry.row_names(connection, table).items()
        }


@pytest.fixture
def seeded_pair(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """Copies of the seeded SQLite and PostgreSQL databases (skipped without a server)."""
    from tests.conftest import _postgres_database, _postgres_server

    template = request.getfixturevalue("seeded_postgres_template")
    sqlite_path = tmp_path / "seeded.db"
    shutil.copyfile(request.getfixturevalue("seeded_sqlite_template"), sqlite_path)
    with _postgres_database(_postgres_server(), template=template) as postgres_url:
        yield f"sqlite:///{sqlite_path}", postgres_url


def test_names_are_the_same_on_sqlite_and_postgresql(seeded_pair: tuple[str, str]) -> None:
    engines = [create_engine(url, poolclass=NullPool) for url in seeded_pair]
    try:
        on_sqlite, on_postgres = (_all_names(engine) for engine in engines)
    finally:
        for engine in engines:
            engine.dispose()
    assert on_sqlite, "the seed names no rows"
    assert on_sqlite == on_postgres


def test_a_row_name_reads_as_people_say_it(seeded_url: str) -> None:
    names = set(_all_names(db.get_engine(seeded_url)).values())
    assert "OpenAI · corporate round · 2019" in names
    assert "Microsoft → OpenAI · corporate round · 2019" in names
    assert "" not in names and "None" not in names


# ---------------------------------------------------------------- one name everywhere


def test_the_export_names_rows_as_the_pickers_do(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    pickers = {table: dict(choices(engine)) for table, choices in q.ROW_CHOICES.items()}
    citable = {(t, i): label for t, i, label in q.citable_choices(engine)}
    with engine.connect() as connection:
        citations = list(export_rows(connection, "citations"))
        events = list(export_rows(connection, "events"))
    compared = 0
    for row in citations:
        table = row["subject_table"]
        if table in pickers:
            assert row["subject"] == pickers[table][row["subject_id"]]
            title = registry.record(table).title
            assert citable[(table, row["subject_id"])] == f"{title}: {row['subject']}"
            compared += 1
    for row in events:
        if row["funding_round_id"] is not None:
            assert row["funding_round"] == pickers["funding_rounds"][row["funding_round_id"]]
            compared += 1
    assert compared > 10, "the seed cites too few rows to compare"
    assert {row["subject_table"] for row in citations} >= set(q.CITABLE_CHOICES)


def test_crud_describe_gives_the_registry_name(seeded_url: str) -> None:
    with db.session_scope(seeded_url) as session:
        statement = select(m.FundingRound).where(
            col(m.FundingRound.round_type) == "corporate_round"
        )
        funding_round = session.execute(statement).scalars().first()
        assert funding_round is not None and funding_round.id is not None
        name = registry.row_name(session.connection(), "funding_rounds", funding_round.id)
        assert crud.describe(funding_round) == name != ""
