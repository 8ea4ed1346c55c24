from landscape import db
from landscape.queries.company import (
    company_choices,
    company_citations,
    company_claims,
    company_events,
    company_funding,
    company_investments,
    company_metrics,
    company_models,
    company_people,
    company_products,
    company_profile,
    company_rounds,
)

from .landscape_factory import LandscapeDB
from .seed_expectations import not_raised, raised, seed, seed_date


def test_choices_name_every_company(landscape: LandscapeDB) -> None:
    url, rows = landscape
    choices = company_choices(db.get_engine(url))
    assert dict(zip(choices["name"], choices["id"], strict=True)) == {
        name: company.id for name, company in rows.companies.items()
    }


def test_profile_has_facts_family_and_categories(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    openai, fund = rows.companies["OpenAI"], rows.companies["OpenAI Startup Fund"]
    profile = company_profile(engine, openai.id, zh=True)
    assert profile is not None
    assert profile["name"] == "OpenAI" and profile["hq_city"] == "San Francisco"
    assert profile["children"] == [(fund.id, "OpenAI Startup Fund")]
    # Its own category, and the category of its product ChatGPT, in Chinese.
    expected = {rows.categories[n].label_zh for n in ("Foundation models", "Personal assistants")}
    assert set(profile["categories"]) == expected
    assert profile["in_notes"]
    fund_profile = company_profile(engine, fund.id)
    assert fund_profile is not None and fund_profile["parent"] == "OpenAI"
    assert company_profile(engine, 10_000) is None


def test_investor_without_notes_citation_is_flagged(landscape: LandscapeDB) -> None:
    url, rows = landscape
    profile = company_profile(db.get_engine(url), rows.companies["Coatue"].id)
    assert profile is not None and not profile["in_notes"]


def test_rounds_mark_lead_investors(landscape: LandscapeDB) -> None:
    url, rows = landscape
    stability = company_rounds(db.get_engine(url), rows.companies["Stability AI"].id)
    assert len(stability) == 1
    row = stability.iloc[0]
    assert row["amount_usd"] == 101_000_000 and row["date"] == "2022-10"
    assert set(row["investors"].split("; ")) == {
        "Coatue (lead)",
        "Lightspeed Venture Partners (lead)",
    }
    assert "Stable Diffusion creator" in row["sources"]


def test_investments_made_honour_notes_only(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    fund = rows.companies["OpenAI Startup Fund"].id
    assert set(company_investments(engine, fund)["company"]) == {"Descript", "Harvey", "Mem"}
    # Only the Descript investment is cited to the notes.
    assert list(company_investments(engine, fund, notes_only=True)["company"]) == ["Descript"]


def test_models_built_and_used(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    built = company_models(engine, rows.companies["OpenAI"].id)
    developed = {
        n for n, model in rows.models.items() if model.developer_id == rows.companies["OpenAI"].id
    }
    assert set(built["model"]) == developed and set(built["how"]) == {"develops"}
    notion = company_models(engine, rows.companies["Notion"].id)
    assert notion[["model", "how", "product"]].values.tolist() == [
        ["GPT-3.5", "calls_api", "Notion AI"]
    ]
    assert company_models(engine, rows.companies["Speak"].id).empty


def test_products_metrics_events_claims_people(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    openai = rows.companies["OpenAI"].id
    assert list(company_products(engine, openai)["name"]) == ["ChatGPT"]
    metrics = company_metrics(engine, openai)  # ChatGPT's users count, through the product
    assert metrics[["product", "metric", "value"]].values.tolist() == [["ChatGPT", "users", 1e6]]
    events = company_events(engine, openai)
    assert list(events["when"]) == sorted(events["when"]) and "2015-Q4" in set(events["when"])
    claims = company_claims(engine, rows.companies["Notion"].id)
    assert list(claims["stance"]) == ["favours_channel"]
    assert list(company_people(engine, openai)["name"]) == ["Sam Altman"]
    assert company_claims(engine, openai).empty


def test_notes_only_hides_facts_from_other_sources(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    notion = rows.companies["Notion"].id  # Notion AI is cited to Notion's blog only
    assert list(company_products(engine, notion)["name"]) == ["Notion AI"]
    assert company_products(engine, notion, notes_only=True).empty
    stability = rows.companies["Stability AI"].id
    assert company_rounds(engine, stability, notes_only=True).empty


def test_citations_cover_the_company_and_its_facts(landscape: LandscapeDB) -> None:
    url, rows = landscape
    openai = rows.companies["OpenAI"]
    products = {p.id for p in rows.products.values() if p.company_id == openai.id}
    models = {a.id for a in rows.models.values() if a.developer_id == openai.id}
    rounds = {r.id for r in rows.rounds if r.company_id == openai.id}
    cited = company_citations(db.get_engine(url), openai.id)
    supports = set(cited["supports"])
    assert {"company", "product", "model", "model price", "funding round", "investment"} <= supports
    assert {"event", "metric"} <= supports
    expected_models = {c.id for c in rows.citations if c.model_id in models}
    expected_products = {c.id for c in rows.citations if c.product_id in products}
    expected_rounds = {c.id for c in rows.citations if c.funding_round_id in rounds}
    assert expected_models | expected_products | expected_rounds <= set(cited["citation_id"])
    # Nothing about other companies' own rows.
    other = {c.id for c in rows.citations if c.company_id not in (None, openai.id)}
    assert not other & set(cited["citation_id"])
    assert cited["quote"].str.len().min() > 0


def test_a_companys_funding_counts_only_real_rounds_as_raised(seeded_url: str) -> None:
    """Issue #9: OpenAI's 2015 pledge and 2023 reported $10B are shown, not counted as raised."""
    engine = db.get_engine(seeded_url)
    choices = company_choices(engine)
    openai_id = int(choices.loc[choices["name"] == "OpenAI", "id"].iloc[0])
    openai = [r for r in seed("funding_rounds") if r["company"] == "OpenAI"]
    assert company_funding(engine, openai_id) == {
        "rounds": len(openai),
        "raised_usd": sum(raised(r) for r in openai),
        "not_raised_usd": sum(not_raised(r) for r in openai),
        "undisclosed": sum("amount_usd" not in r for r in openai),
    }
    assert company_funding(engine, openai_id)["raised_usd"] == 1_000_000_000
    rounds = company_rounds(engine, openai_id)
    in_order = sorted(openai, key=lambda r: seed_date(r["announced"]))
    assert rounds["status"].tolist() == [r["status"] for r in in_order]
    counted = rounds.loc[rounds["counts_as_raised"], "amount_usd"]
    assert counted.sum() == 1_000_000_000
