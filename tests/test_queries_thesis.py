"""The quadrant's axes, the claims and the funding share by thesis role."""

import datetime as dt

import pandas as pd
from sqlalchemy import select

from landscape import db
from landscape import models as m
from landscape.queries import thesis as q

pytest_plugins = ["tests.fixtures_dash2"]


def _quadrant(url: str, **kwargs: bool):
    return q.quadrant(db.get_engine(url), **kwargs).set_index("company")


def test_ownership_is_the_strongest_model_use(rich_url: str) -> None:
    companies = _quadrant(rich_url)
    assert companies.loc["Jasper", "ownership"] == 1
    assert companies.loc["Keeper Tax", "ownership"] == 2
    assert companies.loc["Stability AI", "ownership"] == 3
    assert companies.loc["OpenAI", "ownership"] == 3  # develops its models
    assert "GPT-3" in companies.loc["OpenAI", "model_evidence"]
    assert companies.loc["Notion", "ownership"] == 1  # through its product Notion AI
    assert companies["ownership"].isna().any()  # investors use no model


def test_distribution_is_a_channel_or_a_million_users(rich_url: str) -> None:
    companies = _quadrant(rich_url)
    assert companies.loc["Notion", "reach"] == 3
    assert companies.loc["OpenAI", "reach"] == 2  # ChatGPT's million users
    assert companies.loc["OpenAI", "users"] == 1_000_000
    assert companies.loc["Jasper", "reach"] == 0
    with db.session_scope(rich_url) as session:
        jasper = session.execute(select(m.Company).where(m.Company.name == "Jasper")).scalar_one()
        session.add(
            m.Metric(
                company_id=jasper.id,
                name="users",
                value=5000,
                unit="count",
                as_of=dt.date(2022, 6, 1),
            )
        )
    again = _quadrant(rich_url)
    assert again.loc["Jasper", "reach"] == 1 and again.loc["Jasper", "users"] == 5000


def test_size_colour_and_sources(rich_url: str) -> None:
    companies = _quadrant(rich_url)
    assert companies.loc["Jasper", "funding_usd"] == 125_000_000
    assert companies.loc["Keeper Tax", "category"] == "Tax"
    assert _quadrant(rich_url, zh=True).loc["Keeper Tax", "category"] == "AI纳税助手"
    assert "Jasper raises" in companies.loc["Jasper", "sources"]


def test_notes_only_places_companies_on_notes_facts(rich_url: str) -> None:
    companies = _quadrant(rich_url, notes_only=True)
    assert companies.loc["Keeper Tax", "ownership"] == 2
    assert _quadrant(rich_url).loc["Jasper", "ownership"] == 1
    assert pd.isna(companies.loc["Jasper", "ownership"])  # its model use cites an article


def test_claims_filter_by_stance(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    assert "favours_channel" in q.claim_stances(engine)
    channel = q.claims(engine, ("favours_channel",))
    assert set(channel["stance"]) == {"favours_channel"}
    assert "Notion" in channel["companies"].tolist()
    assert (channel["sources"] != "").all()
    assert len(q.claims(engine)) > len(channel)


def test_funding_share_by_role_adds_up_each_year(rich_url: str) -> None:
    shares = q.funding_by_role(db.get_engine(rich_url))
    disclosed = shares[shares["amount_usd"] > 0]
    assert (disclosed.groupby("year")["share"].sum().round(9) == 1).all()
    assert {"application_builder", "model_builder"} <= set(shares["role"])
    assert shares.loc[shares["amount_usd"] == 0, "share"].isna().all()


def test_an_empty_database_gives_empty_frames(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    assert q.quadrant(engine).empty and q.claims(engine).empty
    assert q.claim_stances(engine) == [] and q.funding_by_role(engine).empty
