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
from sqlalchemy import text
from sqlmodel import Session, select

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
        source = session.exec(select(m.Source).where(m.Source.title == INFERENCE["title"])).one()
        citation = session.exec(select(m.Citation).where(m.Citation.source_id == source.id)).one()
        assert (citation.quote, citation.paraphrase) == (None, ROUND["cite"][0]["paraphrase"])
        assert citation.quote_language is None


def _test_round_citations(session: Session) -> list[m.Citation]:
    test_round = session.exec(select(m.FundingRound).where(m.FundingRound.amount_usd == 1)).one()
    query = select(m.Citation).where(m.Citation.funding_round_id == test_round.id)
    return list(session.exec(query))


def test_a_citation_keeps_what_its_source_states(truth_url: str) -> None:
    with db.session_scope(truth_url) as session:
        stated = [c.stated for c in _test_round_citations(session) if c.stated]
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


def test_validate_refuses_a_quote_of_the_projects_own_inference(truth_url: str) -> None:
    with db.session_scope(truth_url) as session:
        source = session.exec(select(m.Source).where(m.Source.title == INFERENCE["title"])).one()
        citation = session.exec(select(m.Citation).where(m.Citation.source_id == source.id)).one()
        citation.quote = "words nobody said"
    problems = [str(p) for p in validate(db.get_engine(truth_url))]
    assert len(problems) == 1 and "quotes the project's own inference" in problems[0]


def test_validate_names_a_stated_column_the_record_lacks(truth_url: str) -> None:
    with db.session_scope(truth_url) as session:
        citation = next(c for c in _test_round_citations(session) if c.stated)
        citation.stated = json.dumps({"colour": "blue"})
    problems = [str(p) for p in validate(db.get_engine(truth_url))]
    assert len(problems) == 1 and "stated: colour not a column of funding_rounds" in problems[0]


# ---------------------------------------------------------------- 2. corrections (on the seed)


def _rows(url: str, sql: str, **params: object) -> list[tuple]:
    with db.get_engine(url).connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def _citations_of(url: str, column: str, row_id: int) -> list[dict]:
    sql = (
        "SELECT s.title, s.kind, c.quote, c.paraphrase, c.stated FROM citations c"
        f" JOIN sources s ON s.id = c.source_id WHERE c.{column} = :id ORDER BY c.id"
    )
    keys = ("source", "kind", "quote", "paraphrase", "stated")
    return [dict(zip(keys, row, strict=True)) for row in _rows(url, sql, id=row_id)]


def _one(url: str, sql: str, **params: object) -> int:
    rows = _rows(url, sql, **params)
    assert len(rows) == 1, rows
    return int(rows[0][0])


def test_the_rlhf_price_is_not_instructgpts(seeded_url: str) -> None:
    priced = _rows(
        seeded_url,
        "SELECT a.name FROM model_prices p JOIN ai_models a ON a.id = p.model_id"
        " WHERE p.price = 0.12",
    )
    assert priced == [("Unnamed RLHF-tuned language model",)]
    model_id = _one(seeded_url, "SELECT id FROM ai_models WHERE name LIKE 'Unnamed RLHF%'")
    kinds = {c["kind"] for c in _citations_of(seeded_url, "model_id", model_id)}
    assert kinds == {"notes", "inference"}


def test_jasper_builds_on_gpt3_in_the_articles_words(seeded_url: str) -> None:
    use_id = _one(
        seeded_url,
        "SELECT u.id FROM model_uses u JOIN ai_models a ON a.id = u.model_id"
        " JOIN companies c ON c.id = u.company_id WHERE c.name = 'Jasper' AND a.name = 'GPT-3'",
    )
    quotes = [c["quote"] for c in _citations_of(seeded_url, "model_use_id", use_id)]
    assert "Jasper 的技术底层也是 OpenAI 的 GPT-3" in quotes


def test_no_page_says_no_source_names_jaspers_model() -> None:
    repo = Path(__file__).parents[1]
    texts = [p.read_text(encoding="utf-8") for p in [repo / "README.md", *repo.glob("docs/*.md")]]
    assert not [t for t in texts if "neither the notes nor the checked facts name" in t]


def test_notion_ai_runs_on_an_unnamed_third_party_model(seeded_url: str) -> None:
    use_id = _one(
        seeded_url,
        "SELECT u.id FROM model_uses u JOIN ai_models a ON a.id = u.model_id"
        " JOIN products p ON p.id = u.product_id"
        " WHERE p.name = 'Notion AI' AND a.name = 'Unnamed third-party model'",
    )
    citations = _citations_of(seeded_url, "model_use_id", use_id)
    assert any(c["kind"] == "notes" and "Notion.AI" in c["quote"] for c in citations)


def test_no_claim_favours_the_model_and_the_missing_arguments_are_quoted(
    seeded_url: str,
) -> None:
    assert _rows(seeded_url, "SELECT statement FROM claims WHERE stance = 'favours_model'") == []
    quoted = " ".join(
        quote
        for (quote,) in _rows(
            seeded_url,
            "SELECT c.quote FROM citations c JOIN sources s ON s.id = c.source_id"
            " WHERE c.claim_id IS NOT NULL AND s.kind = 'notes'",
        )
    )
    for words in (
        "每天烧几十万刀",
        "数据成本",
        "370kb",
        "570GB",
        "开源大模型的应用落地：OpenAI的布局",
    ):
        assert words in quoted, words


def test_thesis_roles_beyond_the_sources_are_cited_or_inferred(seeded_url: str) -> None:
    roles = dict(_rows(seeded_url, "SELECT name, thesis_role FROM companies"))
    assert roles["Microsoft"] == "investor"
    for name in ("Disney", "Sony", "Midjourney"):
        company_id = _one(seeded_url, "SELECT id FROM companies WHERE name = :n", n=name)
        inferred = [
            c
            for c in _citations_of(seeded_url, "company_id", company_id)
            if c["kind"] == "inference"
        ]
        assert inferred and all(c["paraphrase"] and not c["quote"] for c in inferred), name
    leads = _rows(
        seeded_url,
        "SELECT i.is_lead FROM investments i JOIN funding_rounds r ON r.id = i.funding_round_id"
        " WHERE r.status = 'in_talks'",
    )
    assert leads and not any(lead for (lead,) in leads)


def test_trains_its_own_model_is_cited_or_inferred(seeded_url: str) -> None:
    for company, kinds in (("Stability AI", {"notes", "article"}), ("Midjourney", {"inference"})):
        use_id = _one(
            seeded_url,
            "SELECT u.id FROM model_uses u JOIN companies c ON c.id = u.company_id"
            " WHERE c.name = :n AND u.how = 'trains_own'",
            n=company,
        )
        assert kinds <= {c["kind"] for c in _citations_of(seeded_url, "model_use_id", use_id)}


def test_the_notion_waitlist_is_not_dated_before_its_source(seeded_url: str) -> None:
    assert _rows(seeded_url, "SELECT as_of FROM metrics WHERE name = 'waitlist'") == [(None,)]


def test_a_summary_is_a_paraphrase_and_sources_have_real_titles(seeded_url: str) -> None:
    summaries = _rows(
        seeded_url,
        "SELECT quote FROM citations WHERE note LIKE '%summary%' AND quote IS NOT NULL",
    )
    assert summaries == []
    titles = [title for (title,) in _rows(seeded_url, "SELECT title FROM sources")]
    assert not [t for t in titles if t.startswith(("ZDNet:", "LA Times:", "Notion blog:"))]
    assert "Leaked deck raises questions over Stability AI's Series A pitch to investors" in titles


# ---------------------------------------------------------------- 3. one fact, one row


@pytest.mark.parametrize("company", ["Descript", "Harvey", "Mem"])
def test_a_round_both_tiers_report_is_one_round(seeded_url: str, company: str) -> None:
    round_id = _one(
        seeded_url,
        "SELECT r.id FROM funding_rounds r JOIN companies c ON c.id = r.company_id"
        " WHERE c.name = :n",
        n=company,
    )
    citations = _citations_of(seeded_url, "funding_round_id", round_id)
    kinds = {c["kind"] for c in citations}
    assert kinds == {"notes", "article"}
    stated = [json.loads(c["stated"]) for c in citations if c["stated"]]
    assert stated and all(s == {"announced": "2022-12-01"} for s in stated)


def test_funding_totals_count_a_reconciled_round_once(seeded_url: str) -> None:
    from landscape.queries.funding import leaderboard

    board = leaderboard(db.get_engine(seeded_url)).set_index("company")
    assert board.loc["Mem", "rounds"] == 1 and board.loc["Mem", "raised_usd"] == 23_500_000
    assert board.loc["Harvey", "rounds"] == 1 and board.loc["Harvey", "raised_usd"] == 5_000_000
    assert board.loc["Descript", "rounds"] == 1


@pytest.mark.parametrize(
    "where",
    [
        "e.kind = 'release' AND p.name = 'ChatGPT'",
        "e.kind = 'funding' AND e.funding_round_id = r.id AND r.announced_on = '2019-01-01'",
    ],
    ids=["chatgpt-release", "microsoft-2019"],
)
def test_an_event_both_tiers_report_is_one_event(seeded_url: str, where: str) -> None:
    event_id = _one(
        seeded_url,
        "SELECT DISTINCT e.id FROM events e LEFT JOIN products p ON p.id = e.product_id"
        " LEFT JOIN funding_rounds r ON r.id = e.funding_round_id"
        f" WHERE {where}",
    )
    kinds = {c["kind"] for c in _citations_of(seeded_url, "event_id", event_id)}
    assert kinds == {"notes", "article"}


# ---------------------------------------------------------------- 5. basic facts, cited


@pytest.mark.parametrize(
    ("company", "founded", "country", "words"),
    [
        ("Jasper", "2021-01-01", "US", "在成立仅 18 个月后"),
        ("Stability AI", "2020-01-01", None, "Founded in 2020 by Emad Mostaque"),
    ],
)
def test_a_profile_leads_with_its_founding_cited_in_the_sources_words(
    seeded_url: str, company: str, founded: str, country: str | None, words: str
) -> None:
    rows = _rows(
        seeded_url,
        "SELECT id, founded_on, founded_precision, hq_country, hq_city FROM companies"
        " WHERE name = :n",
        n=company,
    )
    company_id, founded_on, precision, hq_country, hq_city = rows[0]
    assert (str(founded_on), precision, hq_country, hq_city) == (founded, "year", country, None)
    quotes = [c["quote"] or "" for c in _citations_of(seeded_url, "company_id", company_id)]
    assert any(words in quote for quote in quotes)
