"""One table of values, fed to every write path: the same verdict and the same sentence on each.

Paths: (a) ``crud.save``, what the forms call; (b) ``landscape add`` in-process; (c) CSV
``import_table``; (d) ``landscape.yml`` import (web addresses and names, all it takes); (e) the
seed loader, from a seed folder of one entry. Each path may put where the value was before the
sentence (``companies.csv record 1 (line 2), column hq_country: ``); that part is stripped.

Every path gives every case the rule's answer: the forms and ``landscape add`` through
``schemas``, the importer (CSV, landscape.yml, seed) through the column rules and
``rules.row_problems``.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select
from sqlmodel import Session

from landscape import crud, db, rules
from landscape import models as m
from landscape.cli import main
from landscape.exchange.csv_import import import_table
from landscape.exchange.landscape_yml import import_landscape
from landscape.schemas import InputError
from landscape.seed import SEED_FILES, SeedError, load_seed


def _says(rule: Callable[..., object], *args: Any, **kwargs: Any) -> str | None:
    """The sentence ``rule`` raises for these arguments, or None when it accepts them."""
    try:
        rule(*args, **kwargs)
    except ValueError as exc:
        return str(exc)
    return None


@dataclass(frozen=True)
class Case:
    id: str
    table: str  # companies, sources, funding_rounds
    field: str  # the form field, the CLI's error field and the CSV column: one name
    value: str
    expect: str | None  # the rule's sentence, or None: accepted
    others: dict[str, str] = field(default_factory=dict)  # more fields of the same row


C, S, F = "companies", "sources", "funding_rounds"
not_future = rules.not_in_future
withdrawn = _says(rules.currency_in_use, "BGN", None)

# fmt: off
CASES = [
    # ---- the table of issue #8
    Case("country ZZ", C, "hq_country", "ZZ", _says(rules.country, "ZZ")),
    Case("currency BGN undated", F, "currency", "BGN", withdrawn),
    Case("currency XAU", F, "currency", "XAU", _says(rules.currency, "XAU")),
    Case("currency XTS", F, "currency", "XTS", _says(rules.currency, "XTS")),
    Case("currency XXX", F, "currency", "XXX", _says(rules.currency, "XXX")),
    Case("language zh-a", S, "language", "zh-a", _says(rules.language_tag, "zh-a")),
    Case("homepage localhost", C, "homepage", "http://localhost/",
         _says(rules.web_address, "http://localhost/")),
    # ---- codes
    Case("country lower-case", C, "hq_country", "cn", None),
    Case("country spaces", C, "hq_country", " us ", None),
    Case("country full-width", C, "hq_country", "ＵＳ", None),
    Case("country three letters", C, "hq_country", "USA", _says(rules.country, "USA"),),
    Case("currency lower-case xts", F, "currency", "xts", _says(rules.currency, "xts"),),
    Case("currency fund CHE", F, "currency", "CHE", _says(rules.currency, "CHE")),
    Case("currency regional XAF", F, "currency", "XAF", None),
    Case("currency regional XCG", F, "currency", "XCG", None),
    Case("currency lower-case usd", F, "currency", "usd", None),
    Case("currency BGN in 2019", F, "currency", "BGN", None, {"announced": "2019"}),
    Case("currency BGN after its last day", F, "currency", "BGN", withdrawn,
         {"announced": "2026-02"}),
    Case("language zh-Hans", S, "language", "zh-Hans", None),
    Case("language es-419", S, "language", "es-419", None),
    Case("language de-CH-1996", S, "language", "de-CH-1996", None),
    Case("language x-private", S, "language", "x-private", None),
    # ---- web addresses
    Case("homepage https", C, "homepage", "https://example.com/a?b=c", None),
    Case("homepage no scheme", C, "homepage", "openai.com",
         _says(rules.web_address, "openai.com")),
    Case("homepage space", C, "homepage", "https://open ai.com",
         _says(rules.web_address, "https://open ai.com")),
    # ---- names
    Case("name 201 characters", C, "name", "x" * 201, _says(rules.name, "x" * 201),),
    Case("name control character", C, "name", "A\x07B", _says(rules.name, "A\x07B"),),
    Case("name spaces only", C, "name", "   ", rules.REQUIRED),
    # ---- dates
    Case("date quarter", C, "founded", "2015-Q4", None),
    Case("date quarter 5", C, "founded", "2015-Q5", _says(rules.partial_date, "2015-Q5"),),
    Case("date February 30", C, "founded", "2019-02-30", _says(rules.partial_date, "2019-02-30"),),
    Case("date far future", C, "founded", "2999", _says(not_future, rules.partial_date("2999")),),
    # ---- amounts and vocabularies
    Case("amount negative", F, "amount", "-1", _says(rules.amount, "-1"), {"currency": "USD"},),
    Case("amount 1e3", F, "amount", "1e3", _says(rules.amount, "1e3"), {"currency": "USD"},),
    Case("amount without currency", F, "currency", "", _says(rules.amount_needs_currency, 5, None),
         {"amount": "5"}),
    Case("kind not in the vocabulary", C, "kind", "lab",
         _says(rules.vocabulary(m.CompanyKind), "lab")),
]
# fmt: on

PATHS = ["form", "cli", "csv", "landscape_yml", "seed"]
_YML_FIELDS = {"homepage": "homepage_url", "name": "name"}


def _params() -> list[Any]:
    params = []
    for case in CASES:
        for path in PATHS:
            if path == "landscape_yml" and (case.table != C or case.field not in _YML_FIELDS):
                continue  # a landscape.yml item has no such field
            params.append(pytest.param(case, path, id=f"{case.id}-{path}"))
    return params


_counter = iter(range(1_000_000))


def _row(case: Case) -> dict[str, str]:
    """The case's row: a fresh name or title, what the table needs, then the case's fields."""
    unique = f"Rules {case.id} {next(_counter)}"
    base = {
        C: {"name": unique},
        S: {"title": unique},
        F: {"company": "OpenAI", "round_type": "grant"},
    }[case.table]
    return base | case.others | {case.field: case.value}


# ---------------------------------------------------------------- the paths


def _form(url: str, case: Case) -> str | None:
    values: dict[str, Any] = {k: v for k, v in _row(case).items() if k != "company"}
    citation = {"source_id": 1, "quote": "q"} if case.table != S else None
    with Session(db.get_engine(url)) as session:
        if case.table == F:
            values["company_id"] = crud.find_company_id(session, "OpenAI")
        try:
            crud.save(session, table=case.table, values=values, citation=citation)
        except InputError as exc:
            return exc.errors.get(case.field, f"(other fields: {exc.errors})")
        finally:
            session.rollback()
    return None


_KINDS = {C: "company", S: "source", F: "round"}


def _cli(url: str, case: Case, capsys: pytest.CaptureFixture[str]) -> str | None:
    args = ["--db", url, "add", _KINDS[case.table]]
    for name, value in _row(case).items():
        args += [f"--{name.replace('_', '-')}", value]
    if case.table != S:
        args += ["--source", "1", "--quote", "q"]
    capsys.readouterr()
    status = main(args)
    err = capsys.readouterr().err.strip()
    if status == 0:
        return None
    errors = dict(
        part.split(": ", 1)
        for part in re.split(r"; (?=[a-z_.]+: )", err.removeprefix("landscape: error: "))
    )
    return errors.get(case.field, f"(other errors: {err})")


_STEMS = {C: "companies", S: "sources", F: "funding_rounds"}


def _csv(url: str, case: Case) -> str | None:
    row = _row(case)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    data = out.getvalue().encode()
    report = import_table(db.get_engine(url), _STEMS[case.table], data, dry_run=True)
    if not report.problems:
        return None
    mine = [p.message for p in report.problems if p.column == case.field]
    return mine[0] if mine else f"(other problems: {[str(p) for p in report.problems]})"


def _landscape_yml(url: str, case: Case) -> str | None:
    row = _row(case)
    item = {"name": row["name"], "organization": {"name": "Rules Org"}}
    if case.field == "homepage":
        item["homepage_url"] = row["homepage"]
    subcategory = {"name": "Sub", "items": [item]}
    document = {"landscape": [{"name": "Rules", "subcategories": [subcategory]}]}
    report = import_landscape(db.get_engine(url), yaml.safe_dump(document), dry_run=True)
    if not report.problems:
        return None
    key = f"{_YML_FIELDS[case.field]}: "
    problem = report.problems[0]
    return problem.split(key, 1)[1] if key in problem else f"(other problem: {problem})"


_SEED_FILES = {C: "companies.yml", S: "sources.yml", F: "funding_rounds.yml"}


def _seed(url: str, case: Case, folder: Path) -> str | None:
    for file_name, _load in SEED_FILES:
        (folder / file_name).write_text("[]\n", encoding="utf-8")
    entry: dict[str, Any] = {k: v for k, v in _row(case).items() if v != ""}
    if case.table == S:
        entry["key"] = entry["title"]
    (folder / _SEED_FILES[case.table]).write_text(yaml.safe_dump([entry]), encoding="utf-8")
    with Session(db.get_engine(url)) as session:
        try:
            load_seed(session, folder)
        except SeedError as exc:
            message = str(exc)
            key = f"{case.field}: "
            return message.split(key, 1)[1] if key in message else f"(other error: {message})"
        finally:
            session.rollback()
    return None


# ---------------------------------------------------------------- the test


def test_the_table_of_issue_8_is_all_here() -> None:
    ids = {case.id for case in CASES}
    assert {
        "country ZZ",
        "currency BGN undated",
        "currency XAU",
        "currency XTS",
        "currency XXX",
        "language zh-a",
        "homepage localhost",
    } <= ids
    refused = {case.id for case in CASES if case.expect is not None}
    assert {"country ZZ", "currency XAU", "language zh-a", "homepage localhost"} <= refused


@pytest.mark.parametrize(("case", "path"), _params())
def test_every_write_path_gives_the_rules_verdict(
    case: Case,
    path: str,
    seeded_url: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    match path:
        case "form":
            said = _form(seeded_url, case)
        case "cli":
            said = _cli(seeded_url, case, capsys)
        case "csv":
            said = _csv(seeded_url, case)
        case "landscape_yml":
            said = _landscape_yml(seeded_url, case)
        case _:
            said = _seed(seeded_url, case, tmp_path)
    assert said == case.expect
    if case.expect is None and path == "cli" and case.table == C:
        with Session(db.get_engine(seeded_url)) as session:
            stored = session.execute(
                select(m.Company).where(m.Company.name.startswith(f"Rules {case.id} "))  # type: ignore[attr-defined]
            ).scalar_one()
        if case.field == "hq_country":
            assert stored.hq_country == rules.country(case.value)
