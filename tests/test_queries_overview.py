from landscape import db
from landscape.queries.overview import kpis

from .landscape_factory import LandscapeDB


def test_kpis_count_everything_or_only_what_the_notes_support(landscape: LandscapeDB) -> None:
    url, rows = landscape
    engine = db.get_engine(url)
    every = kpis(engine)
    assert every["companies"] == len(rows.companies)
    assert every["disclosed_funding_usd"] == sum(r.amount_usd or 0 for r in rows.rounds)
    notes = kpis(engine, notes_only=True)
    notes_id = rows.sources["notes"].id
    noted_rounds = {c.funding_round_id for c in rows.citations if c.source_id == notes_id}
    assert notes["rounds"] == len(noted_rounds - {None})
    assert notes["sources"] == 1
    assert notes["citations"] == sum(1 for c in rows.citations if c.source_id == notes_id)
    assert notes["companies"] < every["companies"]
