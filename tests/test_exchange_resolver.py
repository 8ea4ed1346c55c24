"""One importer and one resolver behind every bulk write: a CSV import, the seed and a
landscape.yml give the same verdict on the same value, and resolve names the same way."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from landscape import db
from landscape import models as m
from landscape.config import project_path
from landscape.exchange.csv_import import import_table
from landscape.exchange.landscape_yml import import_landscape
from landscape.exchange.resolver import Resolver
from landscape.seed import SeedError, load_seed


def _csv_problem(url: str, stem: str, text: str) -> str:
    report = import_table(db.get_engine(url), stem, text.encode(), file_name=f"{stem}.csv")
    assert not report.written
    first = report.problems[0]
    return f"{first.column}: {first.message}"


def _seed_problem(url: str, tmp_path: Path, file_name: str, addition: str) -> str:
    folder = tmp_path / "seed"
    shutil.copytree(project_path("seed"), folder)
    with (folder / file_name).open("a", encoding="utf-8") as handle:
        handle.write(addition)
    with pytest.raises(SeedError) as caught, db.session_scope(url) as session:
        load_seed(session, folder)
    assert file_name in str(caught.value)
    return str(caught.value).split("): ", 1)[1].split(" (and ")[0]


@pytest.mark.parametrize(
    ("column", "value"),
    [("homepage", "ftp://x"), ("hq_country", "usa"), ("founded", "2020-13")],
)
def test_the_seed_and_a_csv_give_the_same_verdict(
    migrated_url: str, tmp_path: Path, column: str, value: str
) -> None:
    csv = _csv_problem(migrated_url, "companies", f"name,{column}\nNova,{value}\n")
    seed = _seed_problem(
        migrated_url, tmp_path, "companies.yml", f"- name: Nova\n  {column}: '{value}'\n"
    )
    assert seed == csv
    assert seed.startswith(f"{column}: ")


def test_landscape_yml_refuses_the_same_homepage(migrated_url: str) -> None:
    csv = _csv_problem(migrated_url, "companies", "name,homepage\nNova,ftp://x\n")
    text = (
        "landscape:\n- name: C\n  subcategories:\n  - name: S\n    items:\n"
        "    - name: Nova\n      homepage_url: ftp://x\n      organization: {name: Nova}\n"
    )
    report = import_landscape(db.get_engine(migrated_url), text)
    assert report.problems == [f"C / S / Nova: homepage_url: {csv.removeprefix('homepage: ')}"]


def test_an_ambiguous_product_is_refused_alike_from_csv_and_seed(
    seeded_url: str, tmp_path: Path
) -> None:
    with db.session_scope(seeded_url) as session:
        companies = session.scalars(select(m.Company).order_by(m.Company.id).limit(2)).all()
        for company in companies:
            session.add(m.Product(name="Twin", company_id=company.id))  # type: ignore[call-arg]
    csv = _csv_problem(seeded_url, "metrics", "name,value,unit,product\nusers,1,people,Twin\n")
    seed = _seed_problem(
        seeded_url,
        tmp_path,
        "metrics.yml",
        "- name: users\n  value: 1\n  unit: people\n  product: Twin\n",
    )
    assert seed == csv == "product: 2 products named 'Twin'; name its company"


def test_labels_resolve_by_the_current_and_the_legacy_name(seeded_url: str) -> None:
    with db.session_scope(seeded_url) as session:
        resolver = Resolver(session)
        openai = resolver.by_name(m.Company, "OpenAI")
        assert openai is not None
        rounds = resolver.funding_rounds(openai, None, None)
        assert rounds == []  # OpenAI's rounds are all dated
        legacy = resolver.labelled("funding_rounds", "OpenAI corporate_round 2019")
        assert len(legacy) == 1
        from landscape.exchange.export import funding_round_names

        current = funding_round_names(session.connection())[legacy[0]]
        assert resolver.labelled("funding_rounds", current) == legacy
        investment = resolver.labelled("investments", "Microsoft → OpenAI")
        assert len(investment) >= 1


def test_a_seed_round_key_keeps_every_round(seeded_url: str) -> None:
    """The importer's round key (company, date, precision, type) keeps each of OpenAI's rounds
    (2015-Q4, 2019, 2021, 2022-10, 2023-01-23), though several share a type; the notes' "12.1"
    rounds of Descript, Harvey and Mem are the public record's, one round each, by the seed's
    choice (their citations keep the notes' date)."""
    with db.session_scope(seeded_url) as session:
        for name, count in (("OpenAI", 5), ("Descript", 1), ("Harvey", 1), ("Mem", 1)):
            company = session.scalars(select(m.Company).where(m.Company.name == name)).one()
            rounds = session.scalars(
                select(m.FundingRound).where(m.FundingRound.company_id == company.id)
            ).all()
            assert len(rounds) == count, name
