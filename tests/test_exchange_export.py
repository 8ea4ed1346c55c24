"""`landscape export` writes every table with names beside ids, exact values and partial dates."""

import csv
from pathlib import Path

from landscape.cli import main

EXPECTED_FILES = {
    "companies.csv", "categories.csv", "products.csv", "funding_rounds.csv", "investments.csv",
    "models.csv", "model_prices.csv", "model_uses.csv", "metrics.csv", "events.csv",
    "sources.csv", "citations.csv", "claims.csv", "people.csv",
}  # fmt: skip


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_writes_every_table(seeded_url: str, tmp_path: Path) -> None:
    assert main(["--db", seeded_url, "export", str(tmp_path / "out")]) == 0
    assert {p.name for p in (tmp_path / "out").iterdir()} == EXPECTED_FILES
    companies = _read(tmp_path / "out" / "companies.csv")
    assert "name" in companies[0]
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


def test_export_to_a_file_path_fails_cleanly(seeded_url: str, tmp_path: Path, capsys) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    assert main(["--db", seeded_url, "export", str(target)]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert target.read_text() == "keep me"
