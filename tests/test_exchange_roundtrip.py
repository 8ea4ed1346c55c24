"""Anything `landscape export` writes imports back into an empty database to the same content."""

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from landscape import db
from landscape import models as m
from landscape.cli import main
from landscape.exchange.export import MANIFEST_NAME

from . import exchange_fixtures

other_url = exchange_fixtures.other_url

AWKWARD = ["=1+1", "'=quoted", "'plain", "-5", "@x", "\tTab", "＝全角", "NA", "0042", "a\nb", "🚀"]


def _files(folder: Path) -> dict[str, bytes]:
    """Every exported file; the manifest without its export time."""
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    files[MANIFEST_NAME] = b"\n".join(
        line for line in files[MANIFEST_NAME].splitlines() if b'"exported_at"' not in line
    )
    return files


def _add_awkward_rows(url: str) -> None:
    """Rows whose text a spreadsheet would run, or a careless importer would coerce."""
    with db.session_scope(url) as session:
        microsoft = session.exec(select(m.Company).where(m.Company.name == "Microsoft")).one()
        for index, text in enumerate(AWKWARD):
            session.add(m.Company(name=f"Awkward {index}", description=text, hq_city=text))
        session.add(m.Product(name="=Copilot", company_id=microsoft.id, description="'x"))
        session.add(
            m.Metric(
                name=m.MetricName.improvement, value=-2.5, unit=m.MetricUnit.percent,
                company_id=microsoft.id, label="-2.5 % is a number", approximate=True,
                as_of=dt.date(2022, 10, 1), as_of_precision="quarter",
            )
        )  # fmt: skip


@pytest.mark.parametrize(
    "options",
    [[], ["--profile", "raw"], ["--format", "json"], ["--bom"], ["--zip"]],
    ids=["spreadsheet", "raw", "json", "bom", "zip"],
)
def test_export_import_export_is_identical(
    seeded_url: str, other_url: str, tmp_path: Path, options: list[str]
) -> None:
    _add_awkward_rows(seeded_url)
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["--db", seeded_url, "export", str(first), *options]) == 0
    source = first / "landscape-export.zip" if "--zip" in options else first
    assert main(["--db", other_url, "import", str(source)]) == 0
    assert main(["--db", other_url, "export", str(second), *options]) == 0
    if "--zip" in options:
        import zipfile

        for name, folder in (("a", first), ("b", second)):
            zipfile.ZipFile(folder / "landscape-export.zip").extractall(tmp_path / name)
        first, second = tmp_path / "a", tmp_path / "b"
    assert _files(first) == _files(second)
    with db.session_scope(other_url) as session:
        stored = {c.name: c.description for c in session.exec(select(m.Company))}
    assert [stored[f"Awkward {i}"] for i in range(len(AWKWARD))] == AWKWARD


def test_importing_an_export_twice_adds_nothing(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", seeded_url, "export", str(tmp_path)])
    before = (tmp_path / "companies.csv").read_bytes()
    assert main(["--db", seeded_url, "import", str(tmp_path)]) == 0
    assert "0 added" in capsys.readouterr().out or "added" not in capsys.readouterr().out
    main(["--db", seeded_url, "export", str(tmp_path / "again")])
    assert (tmp_path / "again" / "companies.csv").read_bytes() == before
