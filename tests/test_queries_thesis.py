"""The quadrant's axes, the claims and the funding share by thesis role, on the seed."""

import pandas as pd
from sqlalchemy import select

from landscape import db
from landscape import models as m
from landscape.queries import thesis as q

from .seed_expectations import from_notes, raised, seed, seed_date

COMPANIES = {company["name"]: company for company in seed("companies")}
ROUNDS = seed("funding_rounds")
CLAIMS = seed("claims")
SCORES = {"calls_api": 1, "fine_tunes": 2, "trains_own": 3}


def _quadrant(url: str, **kwargs: bool) -> pd.DataFrame:
    return q.quadrant(db.get_engine(url), **kwargs).set_index("company")


def _ownership_in_the_seed() -> dict[str, int]:
    """Each company's strongest model use in model_uses.yml; developing a model counts 3."""
    found: dict[str, int] = {}
    uses = [(use["company"], SCORES[use["how"]]) for use in seed("model_uses")]
    uses += [(model["developer"], 3) for model in seed("models") if "developer" in model]
    for company, score in uses:
        found[company] = max(found.get(company, 0), score)
    return found


def test_ownership_is_the_strongest_model_use(seeded_url: str) -> None:
    companies = _quadrant(seeded_url)
    placed = companies["ownership"].dropna().astype(int).to_dict()
    assert placed == _ownership_in_the_seed()
    assert placed["Keeper Tax"] == placed["Viable"] == 2  # fine-tune GPT-3
    assert placed["Sana Labs"] == 2  # through its learning platform
    assert (
        "Sana learning platform: fine-tunes GPT-3" in companies.loc["Sana Labs", "model_evidence"]
    )
    assert "trains GPT-3" in companies.loc["OpenAI", "model_evidence"]
    assert placed["Jasper"] == placed["Notion"] == 1  # GPT-3; an unnamed third-party model
    assert len(companies) == len(COMPANIES)


def test_distribution_is_a_channel_or_a_million_users(seeded_url: str) -> None:
    companies = _quadrant(seeded_url)
    channels = {name for name, c in COMPANIES.items() if c.get("thesis_role") == "channel_owner"}
    assert set(companies.index[companies["reach"] == 3]) == channels
    users = max(
        r["value"] for r in seed("metrics") if r["name"] == "users" and r["company"] == "OpenAI"
    )
    assert companies.loc["OpenAI", "users"] == users >= q.MILLION_USERS  # ChatGPT's million
    assert companies.loc["OpenAI", "reach"] == 2
    assert set(companies.index[companies["reach"] == 2]) == {"OpenAI"}
    assert companies.loc["Jasper", "reach"] == 0
    with db.session_scope(seeded_url) as session:
        jasper = session.execute(select(m.Company).where(m.Company.name == "Jasper")).scalar_one()
        session.add(
            m.Metric(company_id=jasper.id, name="users", value=5000, unit="count", as_of=None)
        )
    again = _quadrant(seeded_url)
    assert again.loc["Jasper", "reach"] == 1 and again.loc["Jasper", "users"] == 5000


def test_size_colour_and_sources(seeded_url: str) -> None:
    companies = _quadrant(seeded_url)
    for name in {r["company"] for r in ROUNDS}:
        own = [r for r in ROUNDS if r["company"] == name]
        assert companies.loc[name, "funding_usd"] == sum(raised(r) for r in own)
        assert companies.loc[name, "rounds"] == len(own)
        assert companies.loc[name, "undisclosed_rounds"] == sum("amount_usd" not in r for r in own)
    assert companies.loc["OpenAI", "funding_usd"] == 1_000_000_000  # issue #9: no pledge
    category = COMPANIES["Keeper Tax"]["categories"][0]
    label_zh = next(c["label_zh"] for c in seed("categories") if c["name"] == category)
    assert companies.loc["Keeper Tax", "category"] == category
    assert _quadrant(seeded_url, zh=True).loc["Keeper Tax", "category"] == label_zh
    source = next(s for s in seed("sources") if s["key"] == "tencent-information-jasper")
    assert source["title"] in companies.loc["Jasper", "sources"].split("; ")


def test_notes_only_places_companies_on_notes_facts(seeded_url: str) -> None:
    everything, from_the_notes = _quadrant(seeded_url), _quadrant(seeded_url, notes_only=True)
    told = {name for name, company in COMPANIES.items() if from_notes(company)}
    assert set(from_the_notes.index) == told < set(everything.index)  # Coatue is tier 2
    assert from_the_notes.loc["Keeper Tax", "ownership"] == 2
    assert everything.loc["Jasper", "funding_usd"] > 0
    assert from_the_notes.loc["Jasper", "funding_usd"] == 0  # its round is the public record's


def test_claims_filter_by_stance(seeded_url: str) -> None:
    engine = db.get_engine(seeded_url)
    assert set(q.claim_stances(engine)) == {claim["stance"] for claim in CLAIMS}
    channel = q.claims(engine, ("favours_channel",))
    expected = [claim for claim in CLAIMS if claim["stance"] == "favours_channel"]
    assert channel["statement"].tolist() == [claim["statement"] for claim in expected]
    for found, claim in zip(channel["companies"], expected, strict=True):
        assert sorted(found.split("; ")) == sorted(claim["companies"])  # Notion and OpenAI
    assert (channel["sources"] != "").all()
    assert len(q.claims(engine)) == len(CLAIMS)


def test_funding_share_by_role_adds_up_each_year(seeded_url: str) -> None:
    shares = q.funding_by_role(db.get_engine(seeded_url))
    disclosed = shares[shares["amount_usd"] > 0]
    assert (disclosed.groupby("year")["share"].sum().round(9) == 1).all()
    assert shares.loc[shares["amount_usd"] == 0, "share"].isna().all()
    found = shares.set_index(["year", "role"])["amount_usd"].to_dict()
    expected: dict[tuple[int, str], int] = {}
    for r in ROUNDS:
        if "announced" in r:
            key = (seed_date(r["announced"]).year, COMPANIES[r["company"]]["thesis_role"])
            expected[key] = expected.get(key, 0) + r.get("amount_usd", 0)
    assert found == expected
    assert found[(2022, "application_builder")] > found[(2022, "model_builder")]


def test_an_empty_database_gives_empty_frames(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    assert q.quadrant(engine).empty and q.claims(engine).empty
    assert q.claim_stances(engine) == [] and q.funding_by_role(engine).empty
