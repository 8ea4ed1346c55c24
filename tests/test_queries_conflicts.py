"""Where sources disagree: ``landscape.queries.conflicts`` and ``landscape conflicts``."""

import json

import pandas as pd
import pytest
from sqlalchemy import text

from landscape import db
from landscape.cli import main
from landscape.queries.conflicts import COLUMNS, conflict_count, conflicts

NOTES_TITLE = "ChatGPT、OpenAI与AIGC市场：一个爱好者的商业笔记"

# What the seed's sources state beside their records: (record's company or product, field,
# recorded, stated by the notes).
SEEDED = {
    ("Descript", "announced", "2022-10", "2022-12-01"),
    ("Harvey", "announced", "2022-11", "2022-12-01"),
    ("Mem", "announced", "2022-11", "2022-12-01"),
    ("ChatGPT", "date", "2022-11-30", "2022-11"),
    ("Microsoft", "date", "2019-07", "2019"),
}


def _seen(frame: pd.DataFrame) -> set[tuple[str, str, str, str]]:
    return {
        (row.record.split(" · ")[0], row.field, row.record_value, row.source_value)
        for row in frame.itertuples(index=False)
    }


def test_the_seeded_disagreements_are_listed(seeded_url: str) -> None:
    frame = conflicts(db.get_engine(seeded_url))
    assert list(frame.columns) == COLUMNS
    assert set(frame["source"]) == {NOTES_TITLE}
    rounds = frame[frame["table"] == "funding_rounds"]
    assert _seen(rounds) == {s for s in SEEDED if s[0] in ("Descript", "Harvey", "Mem")}
    events = frame[frame["table"] == "events"]
    assert sorted(zip(events["record_value"], events["source_value"], strict=True)) == [
        ("2019-07", "2019"),
        ("2022-11-30", "2022-11"),
    ]
    assert conflict_count(db.get_engine(seeded_url)) == len(frame) == len(SEEDED)


def test_a_value_the_source_states_alike_is_no_conflict(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    before = conflict_count(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE citations SET stated = :same WHERE stated IS NOT NULL"
                " AND funding_round_id = (SELECT r.id FROM funding_rounds r"
                " JOIN companies c ON c.id = r.company_id WHERE c.name = 'Mem')"
            ),
            {"same": json.dumps({"announced": "2022-11"})},
        )
    assert conflict_count(engine) == before - 1


def test_a_company_sees_only_its_own(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    with engine.connect() as connection:
        mem = connection.execute(text("SELECT id FROM companies WHERE name = 'Mem'")).scalar_one()
    frame = conflicts(engine, company_id=mem)
    assert frame["record"].str.startswith("Mem").all() and len(frame) == 1


def test_an_empty_database_has_none(migrated_url: str) -> None:
    assert conflicts(db.get_engine(migrated_url)).empty


def test_the_command_lists_them_and_validate_warns(
    seeded_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", seeded_url, "conflicts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(SEEDED)
    rounds = [line for line in lines if line.startswith("funding_rounds #")]
    assert len(rounds) == 3 and all(line.endswith("states 2022-12-01") for line in rounds)
    assert main(["--db", seeded_url, "conflicts", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == ",".join(COLUMNS)
    assert main(["--db", seeded_url, "validate"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "no problems found"
    assert f"warning: {len(SEEDED)} values where a source disagrees" in captured.err


def test_the_command_on_a_database_that_agrees(
    migrated_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", migrated_url, "conflicts"]) == 0
    assert capsys.readouterr().out.strip() == "no source disagrees with its record"
    assert main(["--db", migrated_url, "validate"]) == 0
    assert "warning" not in capsys.readouterr().err
