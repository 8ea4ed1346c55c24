"""The quadrant's axes, the claims and the funding share by thesis role, on the seed."""

import pandas as pd
from sqlalchemy import select, text

from landscape import db
from landscape import models as m
from landscape.queries import thesis as q

from .inference_fixtures import cite_inference, company_id, forget_inferences
from .seed_expectations import from_notes, seed, seed_date

COMPANIES = {company["name"]: company for company in seed("companies")}
ROUNDS = seed("funding_rounds")
CLAIMS = seed("claims")
SCORES = {"calls_api": 1, "fine_tunes": 2, "trains_own": 3}


# Money raised, written out in SQL: a closed or announced round that is not a pledge, a
# secondary sale or a fund commitment.
RAISED = (
    "r.status IN ('closed', 'announced')"
    " AND r.round_type NOT IN ('pledge', 'secondary', 'fund_commitment')"
)


def _quadrant(url: str, **kwargs: bool) -> pd.DataFrame:
    return q.quadrant(db.get_engine(url), **kwargs).set_index("company")


def _sql(url: str, statement: str) -> list[tuple]:
    with db.get_engine(url).connect() as connection:
        return [tuple(row) for row in connection.execute(text(statement))]


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


def test_size_is_money_raised_and_the_rest_is_shown_apart(seeded_url: str) -> None:
    companies = _quadrant(seeded_url)
    rows = _sql(
        seeded_url,
        "SELECT c.name, SUM(CASE WHEN " + RAISED + " THEN r.amount_usd END),"
        " SUM(CASE WHEN NOT (" + RAISED + ") THEN r.amount_usd END), COUNT(*),"
        " SUM(CASE WHEN r.amount_usd IS NULL THEN 1 ELSE 0 END)"
        " FROM funding_rounds r JOIN companies c ON c.id = r.company_id GROUP BY c.name",
    )
    assert rows
    for name, raised, not_raised, rounds, undisclosed in rows:
        found = companies.loc[name]
        assert found["funding_usd"] == (raised or 0) and found["not_raised_usd"] == (
            not_raised or 0
        )
        assert (found["rounds"], found["undisclosed_rounds"]) == (rounds, undisclosed)
    pledged = next(r for r in ROUNDS if r["company"] == "OpenAI" and r["round_type"] == "pledge")
    assert companies.loc["OpenAI", "not_raised_usd"] >= pledged["amount_usd"]  # not "raised"


def test_colour_and_sources(seeded_url: str) -> None:
    companies = _quadrant(seeded_url)
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
    rows = _sql(
        seeded_url,
        "SELECT r.announced_on, c.thesis_role, r.amount_usd FROM funding_rounds r"
        f" JOIN companies c ON c.id = r.company_id WHERE r.announced_on IS NOT NULL AND {RAISED}",
    )
    expected: dict[tuple[int, str], int] = {}
    for announced, role, amount in rows:
        key = (seed_date(announced).year, role)
        expected[key] = expected.get(key, 0) + (amount or 0)
    assert found == expected
    assert (2015, "model_builder") not in found  # the founders' pledge is not money raised
    assert found[(2022, "application_builder")] > found[(2022, "model_builder")]


def test_builder_shares_compare_model_and_application_builders(seeded_url: str) -> None:
    shares = q.builder_shares(db.get_engine(seeded_url)).set_index("year")
    rows = _sql(
        seeded_url,
        "SELECT r.announced_on, c.thesis_role, r.amount_usd,"
        f" CASE WHEN {RAISED} THEN 1 ELSE 0 END FROM funding_rounds r"
        " JOIN companies c ON c.id = r.company_id WHERE r.announced_on IS NOT NULL"
        " AND c.thesis_role IN ('model_builder', 'application_builder')",
    )
    expected: dict[int, dict[str, int]] = {}
    for announced, role, amount, raised in rows:
        year = expected.setdefault(seed_date(announced).year, {"model": 0, "app": 0, "out": 0})
        if not raised:
            year["out"] += 1
        elif amount:
            year["model" if role == "model_builder" else "app"] += amount
    assert set(shares.index) == set(expected)
    for year, sums in expected.items():
        found = shares.loc[year]
        assert (found["model_usd"], found["application_usd"]) == (sums["model"], sums["app"])
        assert found["not_raised"] == sums["out"]
        if sums["model"] + sums["app"]:
            share = sums["app"] / (sums["model"] + sums["app"])
            assert round(found["application_share"], 9) == round(share, 9)
        else:
            assert pd.isna(found["application_share"])


def test_stance_counts_count_every_claim_once(seeded_url: str) -> None:
    counts = q.stance_counts(db.get_engine(seeded_url)).set_index("stance")
    rows = _sql(seeded_url, "SELECT stance, COUNT(*) FROM claims GROUP BY stance")
    assert {s: n for s, n in rows} == counts.loc[counts["claims"] > 0, "claims"].to_dict()
    assert list(counts.index) == list(q.STANCES)
    assert (counts["sourced"] + counts["inferred"] == counts["claims"]).all()
    inferred = _sql(
        seeded_url,
        "SELECT COUNT(*) FROM claims WHERE NOT EXISTS (SELECT 1 FROM citations t"
        " JOIN sources s ON s.id = t.source_id WHERE t.claim_id = claims.id"
        " AND s.kind != 'inference')",
    )
    assert counts["inferred"].sum() == inferred[0][0]


def test_every_company_is_placed_or_says_why_not(seeded_url: str) -> None:
    companies = _quadrant(seeded_url)
    placed = companies["ownership"].notna()
    assert (companies["corner"].notna() == placed).all()
    assert (companies["reason"].isna() == placed).all()
    assert companies.loc[~placed, "reason"].str.contains("no model use").all()
    for name, row in companies[placed].iterrows():
        owns_model, owns_channel = row["ownership"] >= 3, row["reach"] >= 2
        assert row["corner"] == q.CORNERS[(owns_model, owns_channel)][0], name
    corners = q.corners(companies.reset_index()).set_index("corner")
    assert list(corners.index) == [name for name, _ in q.CORNERS.values()]
    assert corners["count"].sum() == placed.sum()
    for corner, row in corners.iterrows():
        inside = companies[companies["corner"] == corner]
        marks = inside["placement_inferred"].map({True: q.INFERENCE_MARK, False: ""})
        assert row["companies"] == "; ".join(inside.index + marks)
        assert row["raised_usd"] == inside["funding_usd"].sum()
    developers = {
        name
        for (name,) in _sql(
            seeded_url,
            "SELECT c.name FROM ai_models a JOIN companies c ON c.id = a.developer_id",
        )
    }
    assert all(companies.loc[name, "corner"].startswith("Owns") for name in developers)


def test_notes_written_is_the_notes_date(seeded_url: str) -> None:
    notes = next(source for source in seed("sources") if source["kind"] == "notes")
    assert q.notes_written(db.get_engine(seeded_url)) == str(notes["published"])


def test_an_empty_database_gives_empty_frames(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    assert q.quadrant(engine).empty and q.claims(engine).empty
    assert q.claim_stances(engine) == [] and q.funding_by_role(engine).empty
    assert q.builder_shares(engine).empty and q.notes_written(engine) is None
    assert (q.stance_counts(engine)["claims"] == 0).all()
    assert (q.corners(q.quadrant(engine))["count"] == 0).all()


def test_a_place_resting_on_inference_is_flagged(seeded_url: str) -> None:
    forget_inferences(seeded_url)
    before = _quadrant(seeded_url)
    assert not before[["role_inferred", "placement_inferred"]].any().any()
    notion, midjourney = company_id(seeded_url, "Notion"), company_id(seeded_url, "Midjourney")
    openai = company_id(seeded_url, "OpenAI")
    cite_inference(seeded_url, note="founded: 2016", company_id=notion)
    assert not _quadrant(seeded_url).loc["Notion", "role_inferred"]  # not about the role
    basis = cite_inference(seeded_url, note="thesis_role: channel_owner", company_id=notion)
    after = _quadrant(seeded_url)
    assert after.loc["Notion", "role_inferred"] and after.loc["Notion", "reach_inferred"]
    assert after.loc["Notion", "role_basis"] == basis
    assert after.loc["Notion", "role_label"] == "channel owner" + q.INFERENCE_MARK
    assert before.loc["Notion", "role_label"] == "channel owner"
    # An inferred use that is not OpenAI's strongest leaves its place on sourced facts.
    (api_use,) = _sql(
        seeded_url,
        "SELECT u.id FROM model_uses u JOIN products p ON p.id = u.product_id"
        f" WHERE p.company_id = {openai} AND u.how = 'calls_api'",
    )[0]
    cite_inference(seeded_url, model_use_id=api_use)
    (own_use,) = _sql(
        seeded_url,
        f"SELECT id FROM model_uses WHERE company_id = {midjourney} AND how = 'trains_own'",
    )[0]
    cite_inference(seeded_url, model_use_id=own_use)
    again = _quadrant(seeded_url)
    assert q.INFERENCE_MARK in again.loc["OpenAI", "model_evidence"]
    assert not again.loc["OpenAI", "placement_inferred"]
    # Midjourney's making its model is the same fact as its inferred trains-its-own use.
    assert again.loc["Midjourney", "ownership_inferred"]
    assert again.loc["Midjourney", "placement_inferred"]
    assert "develops Midjourney" + q.INFERENCE_MARK in again.loc["Midjourney", "model_evidence"]
    notion_placed = pd.notna(again.loc["Notion", "corner"])
    assert again["placement_inferred"].sum() == 1 + notion_placed
    corners = q.corners(again.reset_index()).set_index("corner")
    inside = corners.loc[again.loc["Midjourney", "corner"], "companies"].split("; ")
    assert "Midjourney" + q.INFERENCE_MARK in inside


def test_sides_quote_the_first_claim_of_each_side(seeded_url: str) -> None:
    sides = q.sides(db.get_engine(seeded_url)).set_index("stance")
    assert list(sides.index) == [s for s in q.STANCES if s != "neutral"]
    rows = _sql(seeded_url, "SELECT stance, topic, statement FROM claims ORDER BY id")
    for stance, side in sides.iterrows():
        taking = [(topic != "channel_vs_model", said) for s, topic, said in rows if s == stance]
        if taking:
            assert side["statement"] == min(taking, key=lambda pair: pair[0])[1]
        else:
            assert pd.isna(side["statement"])
    assert sides.loc["favours_channel", "label"] == q.STANCES["favours_channel"]


def test_the_seeds_inferred_roles_are_marked(seeded_url: str) -> None:
    inferred = {
        name
        for name, company in COMPANIES.items()
        for cited in company.get("cite", [])
        if cited["source"] == "inference"
        and cited.get("note", "thesis_role").startswith("thesis_role")
    }
    companies = _quadrant(seeded_url)
    assert set(companies.index[companies["role_inferred"]]) == inferred
    for name in inferred:
        assert companies.loc[name, "role_label"].endswith(q.INFERENCE_MARK)


def test_a_crowded_corner_names_the_first_and_counts_the_rest() -> None:
    many = q.CORNER_NAMES + 3
    crowded = pd.DataFrame(
        {
            "company": [f"Startup {n:02}" for n in range(many)],
            "corner": [q.CORNERS[(False, False)][0]] * many,
            "placement_inferred": [False] * many,
            "funding_usd": [1] * many,
        }
    )
    row = q.corners(crowded).set_index("corner").loc[q.CORNERS[(False, False)][0]]
    assert row["count"] == many and row["raised_usd"] == many
    names = row["companies"].split("; ")
    assert names[: q.CORNER_NAMES] == list(crowded["company"][: q.CORNER_NAMES])
    assert names[-1] == "and 3 more"
