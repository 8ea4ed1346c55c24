"""``landscape synth``: a synthetic landscape of a real one's shape, the same for the same seed."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from landscape import db
from landscape.cli import main
from landscape.synth import synthesize
from landscape.validate import validate

TABLES = (
    "companies", "company_categories", "categories", "sources", "funding_rounds", "investments",
    "products", "ai_models", "model_uses", "metrics", "events", "citations",
)  # fmt: skip


def _dump(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            name: sorted(map(tuple, connection.execute(text(f"SELECT * FROM {name}"))), key=repr)
            for name in TABLES
        }


def _rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _scalar(engine: Engine, sql: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def test_shape_of_a_real_landscape(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    sqlite = engine.dialect.name == "sqlite"
    before = _rows(engine, indexes) if sqlite else []
    report = synthesize(engine, 400, random_seed=7)
    assert (_rows(engine, indexes) if sqlite else []) == before  # made again after
    assert _scalar(engine, "SELECT COUNT(*) FROM companies") == 400
    assert report.rows["companies"] == 400
    assert _scalar(engine, "SELECT COUNT(*) FROM companies WHERE kind = 'investor'") == 12
    # every company sits in a category, some in two, and the categories are uneven
    assert _scalar(engine, "SELECT COUNT(DISTINCT company_id) FROM company_categories") == 400
    with engine.connect() as connection:
        per_category = Counter(dict(connection.execute(text(
            "SELECT category_id, COUNT(*) FROM company_categories GROUP BY category_id"
        )).all()))  # fmt: skip
        rounds_per_company = [n for (n,) in connection.execute(text(
            "SELECT COUNT(*) FROM funding_rounds GROUP BY company_id"
        ))]  # fmt: skip
        investors_per_round = [n for (n,) in connection.execute(text(
            "SELECT COUNT(*) FROM investments GROUP BY funding_round_id"
        ))]  # fmt: skip
        years = connection.execute(text(
            "SELECT MIN(announced_on), MAX(announced_on) FROM funding_rounds"
        )).one()  # fmt: skip
        amounts = sorted(a for (a,) in connection.execute(text(
            "SELECT amount_usd FROM funding_rounds WHERE amount_usd IS NOT NULL"
        )))  # fmt: skip
    assert max(per_category.values()) > 3 * min(per_category.values())
    startups = _scalar(engine, "SELECT COUNT(*) FROM companies WHERE kind = 'startup'")
    assert 0.35 * startups < len(rounds_per_company) < 0.65 * startups  # half are funded
    assert set(rounds_per_company) == {1, 2, 3}
    assert set(investors_per_round) <= {1, 2, 3} and 1 in investors_per_round
    assert str(years[0]) >= "2010" and str(years[1]) < "2027"
    assert amounts[-1] > 20 * amounts[len(amounts) // 2]  # skewed: a few rounds are huge
    investor_kinds = _scalar(
        engine,
        "SELECT COUNT(*) FROM investments i JOIN companies c ON c.id = i.investor_id "
        "WHERE c.kind <> 'investor'",
    )
    assert investor_kinds == 0
    for table in ("products", "model_uses", "metrics", "events", "ai_models"):
        assert report.rows[table] > 0, table
    # a citation for every fact, and nothing else the validator objects to
    assert validate(engine) == []
    if engine.dialect.name == "sqlite":  # the bulk mode's pragmas are undone on its connection
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -2000


def test_same_seed_same_landscape_other_seed_another(tmp_path: pytest.TempPathFactory) -> None:
    dumps = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        url = f"sqlite:///{tmp_path}/{name}.db"  # type: ignore[operator]
        db.upgrade_db(url)
        synthesize(db.get_engine(url), 300, random_seed=seed)
        dumps.append(_dump(db.get_engine(url)))
    assert dumps[0] == dumps[1]
    assert dumps[0]["funding_rounds"] != dumps[2]["funding_rounds"]


def test_adds_beside_the_seed_and_new_rows_still_get_ids(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    before = _scalar(engine, "SELECT COUNT(*) FROM companies")
    categories = _scalar(engine, "SELECT COUNT(*) FROM categories")
    synthesize(engine, 100, random_seed=1)
    assert _scalar(engine, "SELECT COUNT(*) FROM companies") == before + 100
    assert _scalar(engine, "SELECT COUNT(*) FROM categories") == categories  # the seed's own
    assert validate(engine) == []
    last = _scalar(engine, "SELECT MAX(id) FROM companies")
    with engine.begin() as connection:  # ids (and PostgreSQL's sequences) moved past synth's
        connection.execute(text(
            "INSERT INTO companies (name, name_key, kind, status, created_at, updated_at) "
            "VALUES ('After synth', 'after synth', 'startup', 'active', "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ))  # fmt: skip
    assert _scalar(engine, "SELECT id FROM companies WHERE name = 'After synth'") == last + 1


def test_cli_reports_rows_and_refuses_a_bad_count(
    migrated_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", migrated_url, "synth", "--companies", "0"]) == 1
    assert "--companies must be between 1" in capsys.readouterr().err
    assert _scalar(db.get_engine(migrated_url), "SELECT COUNT(*) FROM companies") == 0
    assert main(["--db", migrated_url, "synth", "--companies", "60", "--random-seed", "2"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("added ") and "companies 60" in captured.out
    assert "60/60" in captured.err


@pytest.mark.slow
def test_the_scale_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    """bench/scale.py at a toy size, without pages: every measure gets a figure and a ratio."""
    script = Path(__file__).resolve().parent.parent / "bench" / "scale.py"
    result = subprocess.run(
        [sys.executable, str(script), "--sizes", "150", "--no-pages"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path, env=dict(os.environ),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    measures = {line.split()[2] for line in lines[3:]}
    assert {"synth", "import", "export"} <= measures, result.stdout
    # Every measure but synth (which has nothing beside it) ends with its ratio, on each backend.
    compared = [line for line in lines[3:] if line.split()[2] != "synth"]
    assert compared and all(line.split()[-1].replace(".", "").isdigit() for line in compared), (
        result.stdout
    )


def test_a_synth_that_fails_leaves_the_database_as_it_was(migrated_url: str) -> None:
    """Nothing half-written: a failure after the first rows rolls back every row and, on
    SQLite, the indexes dropped while writing (a DROP INDEX must not commit on its own)."""
    engine = db.get_engine(migrated_url)
    sqlite = engine.dialect.name == "sqlite"
    indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    before_indexes = _rows(engine, indexes) if sqlite else []
    before = _dump(engine)

    def fail_after_the_first_rows(done: int, total: int) -> None:
        if 0 < done < total and done > 100:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        synthesize(engine, 3_000, progress=fail_after_the_first_rows)
    assert (_rows(engine, indexes) if sqlite else []) == before_indexes
    assert _dump(engine) == before
