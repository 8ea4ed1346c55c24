"""`landscape validate`: the seeded database is clean, and each rule catches what it guards.

Each case breaks a copy of the seeded database the way an import or a hand edit could (with
foreign keys and CHECK constraints off where the break needs it) and expects the rule to name
the table and the row.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, text

from landscape import db
from landscape.cli import main
from landscape.validate import Problem, validate


@contextmanager
def _unguarded(url: str, table: str) -> Iterator[Connection]:
    """A connection on which ``table``'s foreign keys and CHECK constraints are not enforced."""
    engine = db.get_engine(url)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql("PRAGMA ignore_check_constraints=ON")
        else:
            names = connection.execute(
                text(
                    "SELECT conname FROM pg_constraint"
                    " WHERE conrelid = CAST(:table AS regclass) AND contype IN ('c', 'f')"
                ),
                {"table": table},
            ).scalars()
            for name in list(names):
                connection.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        yield connection
        connection.commit()
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA ignore_check_constraints=OFF")
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def _id(connection: Connection, sql: str) -> int:
    return int(connection.execute(text(sql)).scalar_one())


NOW = "CURRENT_TIMESTAMP"

# (table to break, statements run in order, expected problem: table, message fragment, row name)
CASES = {
    "uncited company": (
        "companies",
        [
            "INSERT INTO companies (name, name_key, kind, status, created_at, updated_at)"
            f" VALUES ('Nova Labs', 'nova labs', 'startup', 'active', {NOW}, {NOW})"
        ],
        ("companies", "no citation", "Nova Labs"),
    ),
    "blank quote": (
        "citations",
        ["UPDATE citations SET quote = '   ' WHERE id = (SELECT MIN(id) FROM citations)"],
        ("citations", "no quote", ""),
    ),
    "dangling model": (
        "events",
        ["UPDATE events SET model_id = 99999 WHERE title = 'DALL-E launched'"],
        ("events", "model_id = 99999 points at no row of ai_models", "DALL-E launched"),
    ),
    "date out of range": (
        "events",
        ["UPDATE events SET occurred_on = '1850-01-01' WHERE title = 'DALL-E launched'"],
        ("events", "1850-01-01 is outside", "DALL-E launched"),
    ),
    "date off its precision": (
        "companies",
        ["UPDATE companies SET founded_on = '2015-11-15' WHERE name = 'OpenAI'"],
        ("companies", "not the first day of its quarter", "OpenAI"),
    ),
    "precision without date": (
        "ai_models",
        ["UPDATE ai_models SET released_on = NULL WHERE name = 'GPT-3'"],
        ("ai_models", "a precision (month) without a date", "GPT-3"),
    ),
    "name equal under normalization": (
        "companies",
        [
            "INSERT INTO companies (name, name_key, kind, status, created_at, updated_at)"
            f" VALUES ('ＯｐｅｎＡＩ', 'openai (2)', 'startup', 'active', {NOW}, {NOW})"
        ],
        ("companies", "equals #1's under normalization", "ＯｐｅｎＡＩ"),
    ),
    "negative amount": (
        "funding_rounds",
        ["UPDATE funding_rounds SET amount = -5 WHERE round_type = 'pledge'"],
        ("funding_rounds", "amount is negative (-5)", "OpenAI · pledge · 2015-Q4"),
    ),
    "negative price": (
        "model_prices",
        ["UPDATE model_prices SET price = -0.02 WHERE label = 'Davinci usage'"],
        ("model_prices", "price is negative", "Davinci · Davinci usage"),
    ),
    "amount without currency": (
        "funding_rounds",
        ["UPDATE funding_rounds SET currency = NULL WHERE round_type = 'pledge'"],
        ("funding_rounds", "an amount without its currency", "OpenAI · pledge · 2015-Q4"),
    ),
    "unknown unit": (
        "metrics",
        ["UPDATE metrics SET unit = 'furlongs' WHERE label = 'Training data'"],
        ("metrics", "unit 'furlongs' is unknown", "GPT-3 · Training data"),
    ),
    "inverted range": (
        "metrics",
        ["UPDATE metrics SET value_high = 1 WHERE label LIKE 'Running cost per day%'"],
        ("metrics", "value_high 1.0 is below value", "ChatGPT · Running cost per day"),
    ),
}


def test_the_seeded_database_is_clean(seeded_url: str) -> None:
    assert validate(db.get_engine(seeded_url)) == []


@pytest.mark.parametrize("case", list(CASES))
def test_each_rule_names_the_broken_row(seeded_url: str, case: str) -> None:
    table, statements, (expected_table, fragment, name) = CASES[case]
    with _unguarded(seeded_url, table) as connection:
        for statement in statements:
            connection.execute(text(statement))
    problems = validate(db.get_engine(seeded_url))
    matching = [p for p in problems if p.table == expected_table and fragment in p.message]
    assert len(matching) == 1, problems
    assert matching[0].name.startswith(name)
    assert matching[0].row_id.isdigit()
    assert {p.table for p in problems} == {expected_table}


def test_the_command_prints_each_problem_and_exits_1(seeded_url: str, capsys) -> None:
    with _unguarded(seeded_url, "metrics") as connection:
        connection.execute(text("UPDATE metrics SET unit = 'furlongs' WHERE unit = 'GB'"))
        row_id = _id(connection, "SELECT id FROM metrics WHERE unit = 'furlongs'")
    assert main(["--db", seeded_url, "validate"]) == 1
    captured = capsys.readouterr()
    line = f"metrics #{row_id} (GPT-3 · Training data · 2020-06): unit 'furlongs' is unknown"
    assert line in captured.out
    assert "landscape: error: 1 problem (metrics 1)" in captured.err


def test_the_command_passes_a_clean_database(seeded_url: str, capsys) -> None:
    assert main(["--db", seeded_url, "validate"]) == 0
    assert capsys.readouterr().out.strip() == "no problems found"


def test_the_command_refuses_an_unmigrated_database(empty_url: str, capsys) -> None:
    assert main(["--db", empty_url, "validate"]) == 1
    assert "landscape db upgrade" in capsys.readouterr().err


def test_a_problem_reads_as_one_line() -> None:
    problem = Problem("metrics", "7", "GPT-3: Training data", "unit 'furlongs' is unknown")
    assert str(problem) == "metrics #7 (GPT-3: Training data): unit 'furlongs' is unknown"
