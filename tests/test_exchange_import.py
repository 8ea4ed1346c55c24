"""`landscape import`: one table file, all or nothing, every bad row reported at once."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from landscape import db
from landscape import models as m
from landscape.cli import main
from landscape.exchange.csv_import import import_table
from landscape.exchange.formats import Profile


def _count(url: str, model: type) -> int:
    with db.get_engine(url).connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def _write(tmp_path: Path, text: str, name: str = "list.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_companies_need_only_a_name_and_text_stays_text(migrated_url: str, tmp_path: Path) -> None:
    path = _write(tmp_path, "name;hq_city;description\nAcme;NA;0042\nＢｅｔａ;null;NaN\n")
    assert main(["--db", migrated_url, "import", str(path), "--table", "companies"]) == 0
    with db.session_scope(migrated_url) as session:
        rows = {c.name: (c.hq_city, c.description) for c in session.scalars(select(m.Company))}
    assert rows == {"Acme": ("NA", "0042"), "Ｂｅｔａ": ("null", "NaN")}


def test_any_bad_row_writes_nothing_and_every_problem_is_reported(
    migrated_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "name,homepage,founded,hq_country\n"
        "Good,https://good.example.com,2020,US\n"
        'Bad URL,"not a url",,\n'
        "Future,,2999-01-01,\n"
        '"Multi\nline",,,usa\n'
        ",,,\n"
        ",https://x.example.com,,\n"
    )
    path = _write(tmp_path, text, "companies.csv")
    assert main(["--db", migrated_url, "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "companies.csv record 2 (line 3), column homepage" in err
    assert "record 3 (line 4), column founded: 2999-01-01 is in the future" in err
    assert "record 4 (line 5), column hq_country" in err
    assert "record 5 (line 8), column name: Required." in err
    assert "nothing written" in err
    assert _count(migrated_url, m.Company) == 0


def test_dry_run_reports_without_writing(migrated_url: str, tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, "name\nAcme\n", "companies.csv")
    assert main(["--db", migrated_url, "import", str(path), "--dry-run"]) == 0
    assert "would write 1 added" in capsys.readouterr().out
    assert _count(migrated_url, m.Company) == 0


def test_duplicates_under_normalization_are_skipped_or_updated(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _count(seeded_url, m.Company)
    path = _write(tmp_path, "name,hq_city\n  openai ,Paris\nＭｉｃｒｏｓｏｆｔ,\nNewCo,Berlin\n")
    assert main(["--db", seeded_url, "import", str(path), "--table", "companies"]) == 0
    out = capsys.readouterr()
    assert "1 added, 2 duplicate" in out.out and "'  openai '" in out.err
    assert main(["--db", seeded_url, "import", str(path), "--table", "companies"]) == 0
    assert "3 duplicate" in capsys.readouterr().out
    assert _count(seeded_url, m.Company) == before + 1
    assert main(["--db", seeded_url, "import", str(path), "--table", "companies", "--upsert"]) == 0
    with db.session_scope(seeded_url) as session:
        openai = session.scalars(select(m.Company).where(m.Company.name_key == "openai")).one()
        assert (openai.name, openai.hq_city) == ("  openai ", "Paris")
    assert _count(seeded_url, m.Company) == before + 1


def test_references_resolve_by_name_and_unknown_names_are_reported(
    seeded_url: str, tmp_path: Path
) -> None:
    engine = db.get_engine(seeded_url)
    data = (
        b"company,announced,round_type,amount,currency,amount_usd\n"
        b"Harvey,2022-11,series_a,5000000,USD,5000000\n"
        b"Nobody Inc,2022,seed,1,USD,1\n"
        b"Harvey,2022-12,seed,-5,dollars,\n"
    )
    report = import_table(engine, "funding_rounds", data)
    assert not report.written
    assert [(p.record, p.column) for p in report.problems] == [
        (2, "company"), (3, "amount"), (3, "currency"),
    ]  # fmt: skip
    good = data.decode().splitlines()[:2]
    report = import_table(engine, "funding_rounds", "\n".join(good).encode())
    assert report.written and report.count("added") == 1
    investments = (
        b"company,announced,round_type,investor,is_lead\nHarvey,2022-11,series_a,Microsoft,yes\n"
    )
    assert import_table(engine, "investments", investments).count("added") == 1


def test_products_events_and_expected_future_dates(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    products = "name,company,launched,categories\nChatGPT Plus,OpenAI,2023-02,Foundation models\n"
    assert import_table(engine, "products", products.encode()).written
    events = (
        "date,kind,title,expected,product,funding_round\n"
        "2999-01,release,GPT-9 ships,true,ChatGPT Plus,\n"
        "2019,funding,Microsoft invests,false,,OpenAI · corporate round · 2019\n"
    )
    report = import_table(engine, "events", events.encode())
    assert report.written, [str(p) for p in report.problems]
    refused = "date,kind,title\n2999-01,release,Not expected\n"
    report = import_table(engine, "events", refused.encode())
    assert "mark it expected" in report.problems[0].message


def test_cp1252_and_bom_files_and_unknown_columns(migrated_url: str, tmp_path: Path) -> None:
    engine = db.get_engine(migrated_url)
    report = import_table(engine, "companies", "name\tdescription\nCafé\tnaïve\n".encode("cp1252"))
    assert report.written
    report = import_table(engine, "companies", "\ufeffname,description\n北京智谱,大模型\n".encode())
    assert report.written
    with db.session_scope(migrated_url) as session:
        names = set(session.scalars(select(m.Company.name)))
    assert names == {"Café", "北京智谱"}
    report = import_table(engine, "companies", b"name,colour\nX,red\n")
    assert not report.written and report.problems[0].column == "colour"


def test_spreadsheet_profile_is_undone_and_raw_is_not(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    import_table(engine, "companies", b"name,description\nA,'=1+1\nB,''=x\nC,'plain\n")
    import_table(engine, "companies", b"name,description\nD,'=1+1\n", profile=Profile.raw)
    with db.session_scope(migrated_url) as session:
        rows = dict(session.execute(select(m.Company.name, m.Company.description)).all())
    assert rows == {"A": "=1+1", "B": "'=x", "C": "'plain", "D": "'=1+1"}


def test_a_single_file_needs_its_table(migrated_url: str, tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, "name\nA\n", "list.csv")
    assert main(["--db", migrated_url, "import", str(path)]) == 1
    assert "--table" in capsys.readouterr().err


def test_a_long_import_shows_one_bar_line_per_file_off_a_terminal(
    migrated_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = "".join(f"Company {n}\n" for n in range(600))
    path = _write(tmp_path, "name\n" + names, "companies.csv")
    assert main(["--db", migrated_url, "import", str(path)]) == 0
    bars = [line for line in capsys.readouterr().err.splitlines() if "[" in line]
    assert bars == [f"  companies.csv [{'#' * 30}] 600/600"]
