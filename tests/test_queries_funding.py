"""Funding per year, cumulative, valuations, leaderboard and portfolios; undisclosed counted."""

import datetime as dt

from sqlalchemy import select

from landscape import db
from landscape import models as m
from landscape.queries import funding as q

from .factories_dash2 import FUNDING_ROUNDS

pytest_plugins = ["tests.fixtures_dash2"]


def _add_undisclosed_round(url: str, company: str) -> None:
    with db.session_scope(url) as session:
        company_id = session.execute(
            select(m.Company.id).where(m.Company.name == company)
        ).scalar_one()
        session.add(
            m.FundingRound(
                company_id=company_id,
                announced_on=dt.date(2022, 12, 1),
                announced_precision="month",
                round_type="seed",
            )
        )


def test_an_undisclosed_round_is_counted_not_summed(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    before = q.summary(engine, ("Jasper",))
    _add_undisclosed_round(rich_url, "Jasper")
    after = q.summary(engine, ("Jasper",))
    assert after["rounds"] == before["rounds"] + 1
    assert after["undisclosed"] == before["undisclosed"] + 1
    assert after["disclosed_usd"] == before["disclosed_usd"]
    board = q.leaderboard(engine, ("Jasper",)).iloc[0]
    assert (board["rounds"], board["undisclosed"]) == (after["rounds"], after["undisclosed"])


def test_yearly_totals_add_up_to_the_dated_disclosed_total(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    years = q.by_year(engine)
    cumulative = q.cumulative(engine)
    assert years["amount_usd"].sum() == cumulative["amount_usd"].sum()
    assert years["rounds"].sum() == len(cumulative)
    assert (years["disclosed"] + years["undisclosed"] == years["rounds"]).all()
    assert years["sources"].notna().all()


def test_cumulative_is_a_running_sum_per_company(rich_url: str) -> None:
    rounds = q.cumulative(db.get_engine(rich_url), ("OpenAI",))
    running = rounds["amount_usd"].fillna(0).cumsum()
    assert (rounds["cumulative_usd"] == running).all()
    assert rounds["date"].is_monotonic_increasing


def test_filters_narrow_by_round_type_and_company(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    seeds = q.by_year(engine, round_types=("seed",))
    assert set(seeds["round_type"]) == {"seed"}
    expected = sum(r["amount_usd"] for r in FUNDING_ROUNDS if r["round_type"] == "seed")
    assert seeds["amount_usd"].sum() >= expected
    assert q.by_year(engine, ("Jasper",), ("pledge",)).empty
    assert "seed" in q.round_types(engine)


def test_valuations_come_from_rounds(rich_url: str) -> None:
    values = q.valuations(db.get_engine(rich_url), ("Jasper",))
    jasper = next(r for r in FUNDING_ROUNDS if r["company"] == "Jasper")
    assert values["valuation_usd"].tolist() == [jasper["post_money_usd"]]
    assert values["basis"].tolist() == ["post-money"]


def test_leaderboard_ranks_by_disclosed_amount(rich_url: str) -> None:
    board = q.leaderboard(db.get_engine(rich_url))
    assert board["raised_usd"].is_monotonic_decreasing
    jasper = board.set_index("company").loc["Jasper"]
    assert "Insight Partners" in jasper["investors"]


def test_an_investors_portfolio_lists_its_rounds(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    backers = q.investors(engine)
    assert backers["companies"].is_monotonic_decreasing
    fund = q.portfolio(engine, "OpenAI Startup Fund")
    assert {"Descript", "Harvey", "Mem", "Speak"} <= set(fund["company"])
    assert fund.loc[fund["company"] == "Mem", "lead"].any()
    assert q.portfolio(engine, "Nobody Capital").empty


def test_notes_only_keeps_rounds_the_notes_support(rich_url: str) -> None:
    engine = db.get_engine(rich_url)
    everything, from_notes = q.summary(engine), q.summary(engine, notes_only=True)
    assert from_notes["rounds"] < everything["rounds"]
    assert "Jasper" not in q.funding_companies(engine, notes_only=True)
    assert q.portfolio(engine, "Insight Partners", notes_only=True).empty


def test_an_empty_database_gives_zeros_and_empty_frames(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    assert q.summary(engine) == {"rounds": 0, "disclosed_usd": 0, "undisclosed": 0, "undated": 0}
    assert q.by_year(engine).empty and q.cumulative(engine).empty
    assert q.valuations(engine).empty and q.leaderboard(engine).empty
    assert q.investors(engine).empty and q.portfolio(engine, "x").empty
