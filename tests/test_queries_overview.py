from landscape import db
from landscape.queries.overview import kpis

from .landscape_factory import LandscapeDB
from .seed_expectations import not_raised, raised, seed


def test_kpis_count_everything_or_only_what_the_notes_support(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    every = kpis(engine)
    assert every["companies"] == len(rows.companies)
    assert every["raised_usd"] == sum(r.amount_usd or 0 for r in rows.rounds)
    assert every["not_raised_usd"] == 0
    notes = kpis(engine, notes_only=True)
    notes_id = rows.sources["notes"].id
    noted_rounds = {c.funding_round_id for c in rows.citations if c.source_id == notes_id}
    assert notes["rounds"] == len(noted_rounds - {None})
    assert notes["sources"] == 1
    assert notes["citations"] == sum(1 for c in rows.citations if c.source_id == notes_id)
    assert notes["companies"] < every["companies"]


def test_kpis_count_a_pledge_apart_from_money_raised(seeded_url: str) -> None:
    """Issue #9: the seed's pledges, fund commitment and reported rounds are not raised."""
    rounds = seed("funding_rounds")
    figures = kpis(db.get_engine(seeded_url))
    assert figures["raised_usd"] == sum(raised(r) for r in rounds) == 1_254_500_000
    assert figures["not_raised_usd"] == sum(not_raised(r) for r in rounds) == 11_100_000_000
