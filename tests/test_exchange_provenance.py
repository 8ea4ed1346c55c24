"""Imported rows that the import gives no citation cite their file, quoting their record, so a
typical import passes `landscape validate`; rows that come with citations, and restores, do not."""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from landscape import db
from landscape import models as m
from landscape.cli import main
from landscape.exchange.provenance import file_digest, file_source_title
from landscape.rules import QUOTE_REQUIRED

from .test_exchange_landscape_yml import LANDSCAPE

NOTES = "ChatGPT、OpenAI与AIGC市场：一个爱好者的商业笔记"  # the seed's notes, by title
COMPANIES = 'name;hq_city;description\nAcme AI;Paris;"two\nlines"\nopenai;;dup\n'


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _validate(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["--db", url, "validate"])
    return status, capsys.readouterr().out.strip()


def _citations(url: str, **subject: int) -> list[tuple[str, str, str | None]]:
    """(source title, quote, note) of each citation of one row."""
    [(column, row_id)] = subject.items()
    with Session(db.get_engine(url)) as session:
        rows = session.execute(
            select(m.Source.title, m.Citation.quote, m.Citation.note)
            .join(m.Source, m.Source.id == m.Citation.source_id)
            .where(getattr(m.Citation, column) == row_id)
            .order_by(m.Citation.id)
        ).all()
    return [tuple(row) for row in rows]


def _company_id(url: str, name: str) -> int:
    with Session(db.get_engine(url)) as session:
        return int(session.execute(select(m.Company.id).where(m.Company.name == name)).scalar())


def _count(url: str, model: type) -> int:
    with db.get_engine(url).connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_an_imported_company_cites_its_file_and_validate_passes(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "companies.csv", COMPANIES)
    assert main(["--db", seeded_url, "import", str(path)]) == 0
    assert "1 row without a citation cite" in capsys.readouterr().out
    title = file_source_title("companies.csv", file_digest(path.read_bytes()))
    acme = _company_id(seeded_url, "Acme AI")
    assert _citations(seeded_url, company_id=acme) == [
        (title, "name: Acme AI\nhq_city: Paris\ndescription: two\nlines",
         "companies.csv record 1 (line 2)"),
    ]  # fmt: skip
    assert _validate(seeded_url, capsys) == (0, "no problems found")


def test_the_same_file_again_adds_nothing_and_another_file_is_another_source(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "companies.csv", COMPANIES)
    main(["--db", seeded_url, "import", str(path)])
    sources, citations = _count(seeded_url, m.Source), _count(seeded_url, m.Citation)
    assert main(["--db", seeded_url, "import", str(path)]) == 0
    assert (_count(seeded_url, m.Source), _count(seeded_url, m.Citation)) == (sources, citations)
    other = _write(tmp_path / "b", "companies.csv", "name\nBeta AI\n")
    assert main(["--db", seeded_url, "import", str(other)]) == 0
    assert _count(seeded_url, m.Source) == sources + 1
    [(title, quote, _note)] = _citations(seeded_url, company_id=_company_id(seeded_url, "Beta AI"))
    assert title != file_source_title("companies.csv", file_digest(path.read_bytes()))
    assert quote == "name: Beta AI"


def test_a_dry_run_says_so_and_writes_no_source(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = _count(seeded_url, m.Source)
    path = _write(tmp_path, "companies.csv", COMPANIES)
    assert main(["--db", seeded_url, "import", str(path), "--dry-run"]) == 0
    assert "cite the imported file; nothing written" in capsys.readouterr().out
    assert _count(seeded_url, m.Source) == sources


def test_rows_that_come_with_citations_cite_only_those(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    _write(folder, "companies.csv", "name\nCited AI\nUncited AI\n")
    _write(folder, "citations.csv",
           f"source,subject_table,subject,quote\n{NOTES},companies,Cited AI,原文\n")  # fmt: skip
    assert main(["--db", seeded_url, "import", str(folder)]) == 0, capsys.readouterr().err
    cited = _citations(seeded_url, company_id=_company_id(seeded_url, "Cited AI"))
    assert cited == [(NOTES, "原文", None)]
    [(title, _q, _n)] = _citations(seeded_url, company_id=_company_id(seeded_url, "Uncited AI"))
    assert title.startswith("companies.csv (imported file, sha256 ")
    assert _validate(seeded_url, capsys) == (0, "no problems found")


def test_an_upsert_of_a_cited_row_adds_no_citation(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    citations = _count(seeded_url, m.Citation)
    path = _write(tmp_path, "companies.csv", "name,hq_city\nOpenAI,Paris\n")
    assert main(["--db", seeded_url, "import", str(path), "--upsert"]) == 0
    assert "1 updated" in capsys.readouterr().out
    assert _count(seeded_url, m.Citation) == citations


def test_a_restore_stays_an_exact_copy_and_counts_what_is_uncited(
    migrated_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    _write(folder, "companies.csv", "id,name\n7,Restored AI\n")
    assert main(["--db", migrated_url, "import", str(folder)]) == 0
    assert "1 row has no citation, as in the export" in capsys.readouterr().out
    assert _count(migrated_url, m.Source) == 0
    assert _validate(migrated_url, capsys)[0] == 1


# The rule's sentence, the same as the forms': an empty quote and one of only spaces are no quote.
@pytest.mark.parametrize(("quote", "problem"), [("", QUOTE_REQUIRED), ("   ", QUOTE_REQUIRED)])
def test_a_citation_without_a_quote_is_refused(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], quote: str, problem: str
) -> None:
    header = "source,subject_table,subject,quote\n"
    path = _write(tmp_path, "citations.csv", f'{header}{NOTES},companies,OpenAI,"原文"\n')
    assert main(["--db", seeded_url, "import", str(path), "--dry-run"]) == 0  # quoted: fine
    citations = _count(seeded_url, m.Citation)
    path = _write(tmp_path, "citations.csv", f'{header}{NOTES},companies,OpenAI,"{quote}"\n')
    assert main(["--db", seeded_url, "import", str(path)]) == 1
    assert f"record 1 (line 2), column quote: {problem}" in capsys.readouterr().err
    assert _count(seeded_url, m.Citation) == citations


def test_a_landscape_yml_cites_itself_for_every_row_it_adds(
    migrated_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "ai.yml", LANDSCAPE)
    assert main(["--db", migrated_url, "import-landscape", str(path)]) == 0
    out = capsys.readouterr().out
    added = _count(migrated_url, m.Company) + _count(migrated_url, m.Product)
    added += _count(migrated_url, m.Category)
    assert f"{added} new rows cite the file" in out
    title = file_source_title("ai.yml", file_digest(path.read_bytes()))
    with Session(db.get_engine(migrated_url)) as session:
        gpt4 = session.execute(select(m.Product.id).where(m.Product.name == "GPT-4")).scalar()
    [(source, quote, note)] = _citations(migrated_url, product_id=gpt4)
    assert (source, note) == (title, "ai.yml: Models / Foundation / GPT-4")
    assert quote.startswith("name: GPT-4\nhomepage_url: https://openai.com/gpt-4\n")
    assert "fancy_new_key: keep me" in quote
    assert _validate(migrated_url, capsys) == (0, "no problems found")
    citations = _count(migrated_url, m.Citation)
    assert main(["--db", migrated_url, "import-landscape", str(path)]) == 0
    assert _count(migrated_url, m.Citation) == citations
