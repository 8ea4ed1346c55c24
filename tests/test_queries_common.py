"""The shared SQL pieces: sources beside a row, and what counts as money raised."""

import datetime as dt

from sqlalchemy import select
from sqlmodel import col

from landscape import db
from landscape import models as m
from landscape.names import normalize_name
from landscape.queries.common import (
    RAISED_MEANS,
    read_frame,
    round_not_raised_usd,
    round_raised_usd,
    with_sources,
)

from .landscape_factory import LandscapeDB


def test_with_sources_keeps_one_row_per_row_and_names_every_source(
    landscape: LandscapeDB,
) -> None:
    url, rows = landscape
    chatgpt = rows.products["ChatGPT"]
    titles = {rows.sources[key].title for key in ("notes", "techbrew")}
    with db.session_scope(url) as session:
        for key in ("notes", "techbrew"):
            source_id = rows.sources[key].id
            session.add(m.Citation(source_id=source_id, quote="q", product_id=chatgpt.id))
    engine = db.get_engine(url)
    statement = with_sources(
        engine, select(col(m.Product.id), col(m.Product.name)), col(m.Product.id), "product_id"
    )
    frame = read_frame(engine, statement).set_index("name")
    assert sorted(frame.index) == sorted(rows.products)
    assert titles <= set(frame.loc["ChatGPT", "sources"].split("; "))


def test_only_closed_or_announced_real_rounds_count_as_raised(landscape: LandscapeDB) -> None:
    url, _rows = landscape
    kinds = [
        (m.RoundType.seed, m.RoundStatus.closed, 1),  # counts
        (m.RoundType.seed, m.RoundStatus.announced, 10),  # counts
        (m.RoundType.seed, m.RoundStatus.reported, 100),
        (m.RoundType.seed, m.RoundStatus.in_talks, 1_000),
        (m.RoundType.pledge, m.RoundStatus.announced, 10_000),
        (m.RoundType.secondary, m.RoundStatus.closed, 100_000),
        (m.RoundType.fund_commitment, m.RoundStatus.announced, 1_000_000),
        (m.RoundType.seed, m.RoundStatus.closed, None),  # undisclosed: neither
    ]
    company = m.Company(name="Roundco", name_key=normalize_name("Roundco"))
    with db.session_scope(url) as session:
        session.add(company)
        session.flush()
        for round_type, status, amount in kinds:
            session.add(
                m.FundingRound(
                    company_id=company.id,
                    announced_on=dt.date(2022, 1, 1),
                    round_type=round_type,
                    status=status,
                    amount_usd=amount,
                )
            )
        company_id = company.id
    statement = select(
        round_raised_usd().label("raised"), round_not_raised_usd().label("not_raised")
    ).where(col(m.FundingRound.company_id) == company_id)
    with db.get_engine(url).connect() as connection:
        raised, not_raised = connection.execute(statement).one()
    assert (raised, not_raised) == (11, 1_111_100)
    assert "pledge" in RAISED_MEANS and "closed or announced" in RAISED_MEANS
