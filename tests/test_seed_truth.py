"""Issue #9, "truth first": the seed says no more than its sources, and keeps where they differ.

Schema 0004 first: a citation may paraphrase (our summary, never in ``quote``), keep what its
source states where that differs from the record (``stated``), and cite the project's own
``inference``; the seed, validate and an export round trip carry all three.
"""

import json
import shutil
from pathlib import Path

import pytest
import yaml
from sqlmodel import select

from landscape import db
from landscape import models as m
from landscape.cli import main
from landscape.seed import SeedError, load_seed
from landscape.validate import validate

from . import exchange_fixtures

other_url = exchange_fixtures.other_url

INFERENCE = {
    "key": "inference-test",
    "title": "The project's own inference (test)",
    "kind": "inference",
    "locator": "tests/test_seed_truth.py",
}
ROUND = {
    "company": "Harvey",
    "round_type": "seed",
    "status": "closed",
    "announced": "2022-11",
    "amount": 1,
    "currency": "USD",
    "amount_usd": 1,
    "cite": [
        {"source": "inference-test", "paraphrase": "Our summary, not a source's words."},
        {"source": "notes", "quote": "Harvey", "stated": {"announced": "2022-12-01"}},
    ],
}


def _seed_dir(tmp_path: Path, sources: list[dict], rounds: list[dict]) -> Path:
    """The project's seed with ``sources`` and ``rounds`` appended."""
    folder = tmp_path / "seed"
    shutil.copytree(Path(__file__).parents[1] / "seed", folder)
    for name, extra in (("sources.yml", sources), ("funding_rounds.yml", rounds)):
        entries = yaml.safe_load((folder / name).read_text(encoding="utf-8")) + extra
        (folder / name).write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return folder


def _load(url: str, folder: Path) -> None:
    db.upgrade_db(url)
    with db.session_scope(url) as session:
        load_seed(session, folder)


# ---------------------------------------------------------------- 1. schema 0004


@pytest.fixture
def truth_url(migrated_url: str, tmp_path: Path) -> str:
    _load(migrated_url, _seed_dir(tmp_path, [INFERENCE], [ROUND]))
    return migrated_url


def test_a_paraphrase_is_stored_apart_from_the_quote(truth_url: str) -> None:
    with db.session_scope(truth_url) as session:
        source = session.exec(select(m.Source).where(m.Source.kind == "inference")).one()
        citation = session.exec(select(m.Citation).where(m.Citation.source_id == source.id)).one()
        assert (citation.quote, citation.paraphrase) == (None, ROUND["cite"][0]["paraphrase"])
        assert citation.quote_language is None


def test_a_citation_keeps_what_its_source_states(truth_url: str) -> None:
    with db.session_scope(truth_url) as session:
        stated = session.exec(select(m.Citation.stated).where(m.Citation.stated.is_not(None)))
        assert [json.loads(value) for value in stated] == [{"announced": "2022-12-01"}]
    assert validate(db.get_engine(truth_url)) == []


def test_export_import_export_keeps_paraphrase_stated_and_inference(
    truth_url: str, other_url: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["--db", truth_url, "export", str(first)]) == 0
    assert main(["--db", other_url, "import", str(first)]) == 0
    assert main(["--db", other_url, "export", str(second)]) == 0
    assert (first / "citations.csv").read_bytes() == (second / "citations.csv").read_bytes()
    assert (first / "sources.csv").read_bytes() == (second / "sources.csv").read_bytes()
    text = (second / "citations.csv").read_text(encoding="utf-8")
    assert "Our summary, not a source's words." in text and "2022-12-01" in text


def test_a_seed_citation_needs_a_quote_or_a_paraphrase(tmp_path: Path, migrated_url: str) -> None:
    bare = {**ROUND, "cite": [{"source": "notes", "note": "no words at all"}]}
    with pytest.raises(SeedError, match="a quote or a paraphrase"):
        _load(migrated_url, _seed_dir(tmp_path, [], [bare]))


def test_validate_names_a_stated_column_the_record_lacks(truth_url: str) -> None:
    with db.session_scope(truth_url) as session:
        citation = session.exec(select(m.Citation).where(m.Citation.stated.is_not(None))).one()
        citation.stated = json.dumps({"colour": "blue"})
    problems = [str(p) for p in validate(db.get_engine(truth_url))]
    assert len(problems) == 1 and "stated: colour not a column of funding_rounds" in problems[0]
