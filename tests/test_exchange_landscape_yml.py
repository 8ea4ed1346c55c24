"""landscape.yml in and out, on small files with the awkward cases public landscapes have."""

import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from landscape import db
from landscape import models as m
from landscape.cli import main
from landscape.exchange.landscape_yml import export_landscape, import_landscape

from . import exchange_fixtures

other_url = exchange_fixtures.other_url

LANDSCAPE = """
landscape:
  - category:
    name: Models
    subcategories:
      - subcategory:
        name: Foundation
        items:
          - item:
            name: GPT-4
            homepage_url: https://openai.com/gpt-4
            logo: gpt4.svg
            crunchbase: https://www.crunchbase.com/organization/openai
            organization: {name: OpenAI}
            second_path: ["Apps / Chat"]
            extra: {accepted: "2023-03-14", fancy_new_key: keep me}
          - item:
            name: Claude
            crunchbase: https://www.crunchbase.com/organization/anthropic
            repo_url: https://github.com/anthropics/x
            twitter: https://twitter.com/anthropic
      - subcategory:
        name: Tools
        items:
          - item:
            name: Toolkit
            homepage_url: https://a.example.com
            organization: {name: No CB Inc}
          - item:
            name: Bad
            homepage_url: not a url
            organization: {name: X}
  - category:
    name: Apps
    subcategories:
      - subcategory:
        name: Chat
        items:
          - item:
            name: OpenAI
            homepage_url: https://openai.com
            crunchbase: https://crunchbase.com/organization/openai/
            joined: "2020-01-01"
          - item:
            name: Toolkit
            homepage_url: https://a.example.com
            organization: {name: no cb inc}
      - subcategory:
        name: Tools
        items: []
"""


def _companies(url: str) -> dict[str, m.Company]:
    with db.session_scope(url) as session:
        rows = list(session.scalars(select(m.Company)))
        session.expunge_all()
    return {row.name: row for row in rows}


def test_items_become_products_and_organizations_companies(migrated_url: str) -> None:
    report = import_landscape(db.get_engine(migrated_url), LANDSCAPE)
    assert report.written
    assert report.problems == [
        "Models / Tools / Bad: homepage_url: A web address has no spaces or line breaks."
    ]
    companies = _companies(migrated_url)
    # deduplicated by Crunchbase URL (written two ways), named by organization.name
    assert set(companies) == {"OpenAI", "anthropic", "No CB Inc"}
    openai = companies["OpenAI"]
    assert openai.homepage == "https://openai.com"  # the member item filled it
    assert json.loads(openai.extra or "{}") == {"joined": "2020-01-01"}
    with db.session_scope(migrated_url) as session:
        gpt4 = session.scalars(select(m.Product).where(m.Product.name == "GPT-4")).one()
        assert json.loads(gpt4.extra or "{}")["extra"]["fancy_new_key"] == "keep me"
        links = session.scalars(
            select(m.Category.name)
            .join(m.ProductCategory, m.ProductCategory.category_id == m.Category.id)
            .where(m.ProductCategory.product_id == gpt4.id)
        ).all()
        assert sorted(links) == ["Chat", "Foundation"]
        toolkits = session.scalars(select(m.Product).where(m.Product.name == "Toolkit")).all()
        assert len(toolkits) == 1  # the same name in two subcategories, one organization
        names = set(session.scalars(select(m.Category.name)))
    assert "Tools (Apps)" in names and "Tools" in names
    assert any("no homepage_url" in note for note in report.notes)


def test_importing_twice_changes_nothing(migrated_url: str, capsys) -> None:
    engine = db.get_engine(migrated_url)
    import_landscape(engine, LANDSCAPE)
    before = export_landscape(engine)
    again = import_landscape(engine, LANDSCAPE)
    assert sum(again.added.values()) == 0
    assert export_landscape(engine) == before


def test_strict_stops_and_writes_nothing(migrated_url: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "landscape.yml"
    path.write_text(LANDSCAPE, encoding="utf-8")
    assert main(["--db", migrated_url, "import-landscape", str(path), "--strict"]) == 1
    assert "Models / Tools / Bad" in capsys.readouterr().err
    assert _companies(migrated_url) == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [("just text", "mapping"), ("landscape: 3", "list"), ("a: [", "not valid YAML")],
)
def test_not_a_landscape_file(migrated_url: str, tmp_path: Path, capsys, text, message) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text)
    assert main(["--db", migrated_url, "import-landscape", str(path)]) == 1
    assert message in capsys.readouterr().err


def test_export_then_import_gives_the_same_landscape(
    migrated_url: str, other_url: str, tmp_path: Path
) -> None:
    import_landscape(db.get_engine(migrated_url), LANDSCAPE)
    out = tmp_path / "out.yml"
    assert main(["--db", migrated_url, "export-landscape", str(out)]) == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    item = written["landscape"][0]["subcategories"][0]["items"][0]
    assert item["name"] == "GPT-4" and item["second_path"] == ["Apps / Chat"]
    assert item["extra"] == {"accepted": "2023-03-14", "fancy_new_key": "keep me"}
    db.upgrade_db(other_url)
    import_landscape(db.get_engine(other_url), out.read_text(encoding="utf-8"))
    assert export_landscape(db.get_engine(other_url))[0] == out.read_text(encoding="utf-8")


def test_the_seed_exports_as_a_landscape(seeded_url: str) -> None:
    text, items = export_landscape(db.get_engine(seeded_url))
    document = yaml.safe_load(text)
    names = [c["name"] for c in document["landscape"]]
    assert "Foundation models" in names and items >= 9


def test_a_category_without_a_name_is_reported_where_it_stands(migrated_url: str) -> None:
    text = """
landscape:
  - category:
    name: Models
    subcategories:
      - subcategory:
        name: Foundation
        items: []
      - subcategory:
        items: []
  - category:
    subcategories: []
"""
    report = import_landscape(db.get_engine(migrated_url), text)
    assert [p.split(": ")[0] for p in report.problems] == ["Models / 2", "category 2"]
    assert all(p.endswith(": name: Required.") for p in report.problems), report.problems
