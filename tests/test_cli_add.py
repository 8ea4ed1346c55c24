"""``landscape add`` and ``landscape edit``: the forms' rules from the command line."""

import re
import shlex

import pytest
from sqlalchemy import select
from sqlmodel import Session

from landscape import db
from landscape import models as m
from landscape.cli import main
from landscape.schemas import QUOTE_REQUIRED

from .conftest import REPO


def _company(url: str, name: str) -> m.Company | None:
    with Session(db.get_engine(url)) as session:
        return session.execute(select(m.Company).where(m.Company.name == name)).scalar()


def test_add_then_edit_a_company(seeded_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    name = "Acme :red[AI] <b>"
    status = main(["--db", seeded_url, "add", "company", "--name", name, "--kind", "startup",
                   "--founded", "2021-Q2", "--hq-country", "cn", "--category", "Legal work",
                   "--source", "1", "--quote", "原文"])  # fmt: skip
    assert status == 0
    company = _company(seeded_url, name)
    assert f"added company {name!r} (id {company.id})" in capsys.readouterr().out
    assert (company.founded_precision, company.hq_country) == ("quarter", "CN")
    assert main(["--db", seeded_url, "edit", "company", name, "--homepage", "https://acme.ai"]) == 0
    edited = _company(seeded_url, name)
    assert (edited.homepage, edited.founded_on) == ("https://acme.ai", company.founded_on)


def test_bad_input_is_one_line_naming_each_field(
    seeded_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--db", seeded_url, "add", "company", "--name", " openai ",
                   "--homepage", "openai.com", "--founded", "2999"])  # fmt: skip
    assert status == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("landscape: error:")
    for field in ("homepage:", "founded:", "citation.source_id:"):
        assert field in lines[0]
    assert _company(seeded_url, " openai ") is None


def test_a_citation_without_a_quote_is_one_line_and_writes_nothing(
    seeded_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for quote in ([], ["--quote", "  "]):
        status = main(["--db", seeded_url, "add", "company", "--name", "Unquoted AI",
                       "--source", "1", *quote])  # fmt: skip
        assert status == 1
        lines = capsys.readouterr().err.strip().splitlines()
        assert lines == [f"landscape: error: citation.quote: {QUOTE_REQUIRED}"]
        assert _company(seeded_url, "Unquoted AI") is None
    status = main(["--db", seeded_url, "edit", "company", "OpenAI", "--hq-city", "Paris",
                   "--source", "1"])  # fmt: skip
    assert status == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [f"landscape: error: citation.quote: {QUOTE_REQUIRED}"]
    assert _company(seeded_url, "OpenAI").hq_city != "Paris"


def test_citing_a_source_for_a_company_needs_a_quote(
    seeded_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", seeded_url, "add", "source", "--title", "A talk",
                 "--cite-company", "Harvey"]) == 1  # fmt: skip
    assert capsys.readouterr().err.strip().splitlines() == [
        f"landscape: error: citation.quote: {QUOTE_REQUIRED}"
    ]


def test_facts_added_from_the_command_line_pass_validate(
    seeded_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = [
        ["add", "company", "--name", "Quoted AI", "--source", "1", "--quote", "原文"],
        ["add", "round", "--company", "Quoted AI", "--investor", "Microsoft",
         "--new-source-title", "Quoted raises", "--quote", "Microsoft invests"],
        ["add", "source", "--title", "A talk", "--cite-company", "Quoted AI", "--quote", "We"],
        ["edit", "company", "Quoted AI", "--hq-city", "Paris",
         "--source", "A talk", "--quote", "Paris"],
    ]  # fmt: skip
    for command in commands:
        assert main(["--db", seeded_url, *command]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["--db", seeded_url, "validate"]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.strip() == "no problems found"


def test_add_a_round_with_a_new_source(seeded_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--db", seeded_url, "add", "round", "--company", "harvey",
                   "--amount", "21000000", "--currency", "usd", "--announced", "2023-04",
                   "--investor", "Microsoft", "--lead", "Microsoft",
                   "--new-source-title", "Harvey raises", "--quote", "$21M",
                   "--new-source-url", "https://news.example.com/harvey"])  # fmt: skip
    assert status == 0, capsys.readouterr().err
    with Session(db.get_engine(seeded_url)) as session:
        source = session.execute(select(m.Source).where(m.Source.title == "Harvey raises")).scalar()
        cited = session.execute(select(m.Citation).where(m.Citation.source_id == source.id)).all()
    assert len(cited) == 2  # the round and its one investment


def test_an_unknown_name_is_named(seeded_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", seeded_url, "add", "product", "--company", "Nobody", "--name", "X",
                 "--source", "1"]) == 1  # fmt: skip
    assert "No company named 'Nobody'" in capsys.readouterr().err


def test_the_docs_examples_run(seeded_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    section = data.split("## From the command line: `landscape add` and `landscape edit`")[1]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL).group(1)
    commands = block.replace("\\\n", " ").strip().splitlines()
    assert len(commands) >= 4
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "landscape"
        assert main(["--db", seeded_url, *args[1:]]) == 0, capsys.readouterr().err
