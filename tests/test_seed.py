"""The seed loads, loads again without change, and every quote is the notes' own words."""

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

from landscape import db
from landscape import models as m
from landscape.cli import main
from landscape.config import project_path
from landscape.seed import NOTES_SOURCE_KEY, SeedError, iter_seed_quotes, load_seed

from .conftest import NOTES


def _row_counts(url: str) -> dict[str, int]:
    with db.get_engine(url).connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in SQLModel.metadata.tables.items()
        }


def test_seed_then_validate_passes_and_seeding_twice_changes_nothing(empty_url: str) -> None:
    assert main(["--db", empty_url, "seed"]) == 0
    assert main(["--db", empty_url, "validate"]) == 0
    first = _row_counts(empty_url)
    assert first["companies"] > 0 and first["citations"] > 0
    assert main(["--db", empty_url, "seed"]) == 0
    assert _row_counts(empty_url) == first


def test_seed_never_overwrites_an_edited_row(seeded_url: str) -> None:
    with db.session_scope(seeded_url) as session:
        openai = session.execute(
            select(m.Company).where(m.Company.name_key == "openai")
        ).scalar_one()
        openai.description = "edited by a user"
    with db.session_scope(seeded_url) as session:
        assert load_seed(session).total == 0
    with db.session_scope(seeded_url) as session:
        openai = session.execute(
            select(m.Company).where(m.Company.name_key == "openai")
        ).scalar_one()
        assert openai.description == "edited by a user"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not NOTES.exists(), reason="the shared notes are not beside the project")
def test_every_notes_quote_stands_in_the_notes() -> None:
    notes = _squash(NOTES.read_text(encoding="utf-8"))
    quotes = [(f, q) for f, source, q in iter_seed_quotes() if source == NOTES_SOURCE_KEY]
    assert len(quotes) > 20
    missing = [(f, q) for f, q in quotes if _squash(q) not in notes]
    assert missing == []


def test_every_seeded_fact_has_a_citation(seeded_url: str) -> None:
    with db.get_engine(seeded_url).connect() as connection:
        for table, column in m.CITABLE.items():
            model_table = SQLModel.metadata.tables[table]
            cited = select(getattr(m.Citation, column)).where(
                getattr(m.Citation, column).is_not(None)
            )
            uncited = connection.execute(
                select(func.count()).select_from(model_table).where(model_table.c.id.not_in(cited))
            ).scalar_one()
            assert uncited == 0, f"{uncited} rows of {table} have no citation"


def test_openai_history_keeps_its_precision(seeded_url: str) -> None:
    with db.session_scope(seeded_url) as session:
        openai = session.execute(
            select(m.Company).where(m.Company.name_key == "openai")
        ).scalar_one()
        assert (openai.founded_on.isoformat(), openai.founded_precision) == (
            "2015-10-01",
            "quarter",
        )
        gpt3 = session.execute(select(m.AIModel).where(m.AIModel.name_key == "gpt-3")).scalar_one()
        assert (gpt3.released_on.isoformat(), gpt3.released_precision) == ("2020-06-01", "month")
        assert gpt3.developer_id == openai.id


def _seed_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(project_path("seed"), folder)
    return folder


@pytest.mark.parametrize(
    ("file_name", "addition", "message"),
    [
        ("companies.yml", "- name: Nova\n  kind: spaceship\n  notes: 'x'\n", "kind"),
        ("companies.yml", "- name: Nova\n  founded: 2020-13\n  notes: 'x'\n", "not a real date"),
        ("companies.yml", "- name: Nova\n  colour: red\n  notes: 'x'\n", "unknown keys"),
        ("events.yml", "- date: 2020\n  kind: release\n  title: T\n  model: GPT-99\n", "GPT-99"),
        ("companies.yml", "- name: Nova\n  cite: [{source: nowhere, quote: q}]\n", "citation"),
        ("companies.yml", "- name: Nova\n  notes: [unclosed\n", "not valid YAML"),
        (
            "events.yml",
            "- kind: funding\n  title: T\n  funding_round: {company: OpenAI, announced: 1999}\n",
            "0 funding rounds match",
        ),
    ],
)
def test_bad_seed_entries_are_named_and_nothing_is_written(
    migrated_url: str, tmp_path: Path, file_name: str, addition: str, message: str
) -> None:
    folder = _seed_copy(tmp_path)
    with (folder / file_name).open("a", encoding="utf-8") as handle:
        handle.write(addition)
    with (
        pytest.raises(SeedError, match=message) as caught,
        db.session_scope(migrated_url) as session,
    ):
        load_seed(session, folder)
    assert file_name in str(caught.value)
    assert _row_counts(migrated_url)["companies"] == 0
