"""`landscape export` writes every table with names beside ids, exact values and partial dates."""

import csv
import json
import zipfile
from pathlib import Path

import pytest

from landscape import db
from landscape import models as m
from landscape.cli import main
from landscape.exchange import export
from landscape.exchange.export import (
    EXPORT_QUERIES,
    ExportFormat,
    export_rows,
    export_to_folder,
    table_columns,
)
from landscape.exchange.formats import Profile, cell
from landscape.exchange.tables import SPECS

EXPECTED_FILES = {
    "companies.csv", "categories.csv", "products.csv", "funding_rounds.csv", "investments.csv",
    "models.csv", "model_prices.csv", "model_uses.csv", "metrics.csv", "events.csv",
    "sources.csv", "citations.csv", "claims.csv", "people.csv", "manifest.json",
}  # fmt: skip


def _read(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_writes_every_table(seeded_url: str, tmp_path: Path) -> None:
    assert main(["--db", seeded_url, "export", str(tmp_path / "out")]) == 0
    assert {p.name for p in (tmp_path / "out").iterdir()} == EXPECTED_FILES
    companies = _read(tmp_path / "out" / "companies.csv")
    openai = next(row for row in companies if row["name"] == "OpenAI")
    assert openai["founded"] == "2015-Q4"
    assert openai["hq_city"] == "San Francisco"
    assert "Foundation models" in openai["categories"]


def test_rows_name_what_they_refer_to(seeded_url: str, tmp_path: Path) -> None:
    main(["--db", seeded_url, "export", str(tmp_path)])
    rounds = _read(tmp_path / "funding_rounds.csv")
    microsoft = next(r for r in rounds if r["round_type"] == "corporate_round")
    assert (microsoft["company"], microsoft["amount_usd"], microsoft["announced"]) == (
        "OpenAI",
        "1000000000",
        "2019",
    )
    investments = _read(tmp_path / "investments.csv")
    assert {"investor": "Microsoft", "company": "OpenAI"}.items() <= investments[0].items()
    citations = _read(tmp_path / "citations.csv")
    gpt3 = [c for c in citations if c["subject_table"] == "ai_models" and c["subject"] == "GPT-3"]
    assert gpt3 and "GPT-3" in gpt3[0]["quote"]
    assert gpt3[0]["source"].startswith("ChatGPT、OpenAI")


def test_manifest_lists_tables_counts_revision_time_and_sources(
    seeded_url: str, tmp_path: Path
) -> None:
    main(["--db", seeded_url, "export", str(tmp_path)])
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_revision"] == db.head_revision()
    assert manifest["profile"] == "spreadsheet"
    assert manifest["exported_at"].endswith("+00:00")
    assert manifest["tables"]["companies"]["rows"] == len(_read(tmp_path / "companies.csv"))
    assert any(s["title"].startswith("ChatGPT、OpenAI") for s in manifest["sources"])


def test_zip_json_and_bom_options(seeded_url: str, tmp_path: Path) -> None:
    assert main(["--db", seeded_url, "export", str(tmp_path), "--zip", "--format", "json"]) == 0
    with zipfile.ZipFile(tmp_path / "landscape-export.zip") as archive:
        names = set(archive.namelist())
        companies = json.loads(archive.read("companies.json"))
    assert "manifest.json" in names and "companies.json" in names
    assert next(c for c in companies if c["name"] == "OpenAI")["parent_id"] is None
    assert main(["--db", seeded_url, "export", str(tmp_path / "bom"), "--bom"]) == 0
    raw = (tmp_path / "bom" / "companies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert _read(tmp_path / "bom" / "companies.csv", "utf-8-sig")[0]["name"] == "OpenAI"


@pytest.mark.parametrize("profile", ["spreadsheet", "raw"])
def test_profiles_differ_only_on_formula_like_text(
    seeded_url: str, tmp_path: Path, profile: str
) -> None:
    with db.session_scope(seeded_url) as session:
        session.add(m.Company(name='=HYPERLINK("http://x")', description="-5 means nothing"))
    main(["--db", seeded_url, "export", str(tmp_path), "--profile", profile])
    rows = _read(tmp_path / "companies.csv")
    evil = rows[-1]
    if profile == "spreadsheet":
        assert evil["name"] == '\'=HYPERLINK("http://x")'
        assert evil["description"] == "'-5 means nothing"
    else:
        assert evil["name"] == '=HYPERLINK("http://x")'
    rounds = _read(tmp_path / "funding_rounds.csv")
    assert all(r["amount"] == "" or r["amount"].isdigit() for r in rounds)


def test_export_to_a_file_path_fails_cleanly(seeded_url: str, tmp_path: Path, capsys) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    assert main(["--db", seeded_url, "export", str(target)]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("table", list(EXPORT_QUERIES))
def test_every_exported_column_is_importable(table: str) -> None:
    assert set(table_columns(table)) <= SPECS[table].known_columns()


def _with_formula_like_text(url: str) -> None:
    with db.session_scope(url) as session:
        category = m.Category(name="=Formula category", name_key="=formula category")
        company = m.Company(name="@evil", description="+1 (555)")
        session.add_all([category, company])
        session.flush()
        assert company.id is not None and category.id is not None
        session.add(m.CompanyCategory(company_id=company.id, category_id=category.id))
        product = m.Product(name="-dash", name_key="-dash", company_id=company.id, homepage="'=x")
        session.add(product)


@pytest.mark.parametrize("profile", ["spreadsheet", "raw"])
def test_each_csv_cell_is_what_cell_makes_of_its_value(
    seeded_url: str, tmp_path: Path, profile: str
) -> None:
    """The streamed writer converts only the columns that need it; the result is ``cell``'s."""
    _with_formula_like_text(seeded_url)
    export_to_folder(db.get_engine(seeded_url), tmp_path, profile=Profile(profile))
    with db.get_engine(seeded_url).connect() as connection:
        for table in EXPORT_QUERIES:
            expected = [
                [cell(value, Profile(profile)) for value in row.values()]
                for row in export_rows(connection, table)
            ]
            with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
                written = list(csv.reader(handle))
            assert written == [table_columns(table), *expected], table


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_files_do_not_depend_on_the_chunk_size(
    seeded_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Rows stream a chunk at a time, names looked up (or merged) per chunk: chunks of 2 rows
    give the same files as one chunk."""
    _with_formula_like_text(seeded_url)
    engine = db.get_engine(seeded_url)
    export_to_folder(engine, tmp_path / "one", fmt=ExportFormat(fmt))
    monkeypatch.setattr(export, "CHUNK_ROWS", 2)
    export_to_folder(engine, tmp_path / "many", fmt=ExportFormat(fmt))
    for table in EXPORT_QUERIES:
        name = f"{table}.{fmt}"
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "many" / name).read_bytes()


def test_progress_counts_each_files_rows_up_to_its_total(seeded_url: str, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    manifest = export_to_folder(
        db.get_engine(seeded_url), tmp_path, progress=lambda *call: calls.append(call)
    )
    for table, entry in manifest.tables.items():
        steps = [(done, total) for name, done, total in calls if name == entry["file"]]
        assert steps[0] == (0, entry["rows"]) and steps[-1] == (entry["rows"], entry["rows"]), table
        assert [done for done, _ in steps] == sorted(done for done, _ in steps)


def test_the_cli_reports_each_file_once_when_not_on_a_terminal(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", seeded_url, "export", str(tmp_path)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == len(EXPORT_QUERIES)
    assert any(line.startswith("  companies.csv [") and line.endswith(" 32/32") for line in lines)
