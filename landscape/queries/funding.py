"""Funding: rounds and amounts per year, cumulative per company, valuations, a leaderboard,
and investors' portfolios.

An amount is summed only where it is disclosed in USD (``amount_usd``); a round without one is
counted as undisclosed, never summed as zero.
"""

from typing import Any

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Engine,
    Integer,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    add_when,
    company_ids_named,
    joined_text,
    notes_filter,
    read_frame,
    source_text,
    usd_total,
    year_of,
)

ROUND = m.FundingRound


def _undisclosed() -> Any:
    return func.sum(case((ROUND.amount_usd.is_(None), 1), else_=0))


def _round_conditions(
    companies: tuple[str, ...], round_types: tuple[str, ...], notes_only: bool
) -> list:
    conditions = []
    if companies:
        conditions.append(ROUND.company_id.in_(company_ids_named(companies)))
    if round_types:
        conditions.append(ROUND.round_type.in_(round_types))
    conditions.append(notes_filter("funding_round_id", ROUND.id, notes_only))
    return conditions


def funding_companies(engine: Engine, notes_only: bool = False) -> list[str]:
    """Names of the companies that raised a round, for the company filter."""
    statement = (
        select(m.Company.name)
        .join(ROUND, ROUND.company_id == m.Company.id)
        .where(*_round_conditions((), (), notes_only))
        .group_by(m.Company.name)
        .order_by(m.Company.name)
    )
    return read_frame(engine, statement)["name"].tolist()


def round_types(engine: Engine, notes_only: bool = False) -> list[str]:
    """The round types on record, most frequent first."""
    statement = (
        select(ROUND.round_type)
        .where(*_round_conditions((), (), notes_only))
        .group_by(ROUND.round_type)
        .order_by(func.count(ROUND.id).desc(), ROUND.round_type)
    )
    return read_frame(engine, statement)["round_type"].tolist()


def summary(
    engine: Engine,
    companies: tuple[str, ...] = (),
    round_types: tuple[str, ...] = (),
    notes_only: bool = False,
) -> dict[str, int]:
    """Rounds, disclosed USD total, undisclosed and undated rounds, under the filters."""
    statement = select(
        func.count(ROUND.id).label("rounds"),
        usd_total(ROUND.amount_usd).label("disclosed_usd"),
        func.coalesce(_undisclosed(), 0).label("undisclosed"),
        func.coalesce(func.sum(case((ROUND.announced_on.is_(None), 1), else_=0)), 0).label(
            "undated"
        ),
    ).where(*_round_conditions(companies, round_types, notes_only))
    with engine.connect() as connection:
        row = connection.execute(statement).mappings().one()
    return {key: int(value or 0) for key, value in row.items()}


def by_year(
    engine: Engine,
    companies: tuple[str, ...] = (),
    round_types: tuple[str, ...] = (),
    notes_only: bool = False,
) -> pd.DataFrame:
    """Per year and round type: rounds, disclosed and undisclosed rounds, disclosed USD."""
    year = year_of(ROUND.announced_on)
    conditions = [
        ROUND.announced_on.is_not(None),
        *_round_conditions(companies, round_types, notes_only),
    ]
    sources = sources_per_group(engine, {"year": year, "round_type": ROUND.round_type}, conditions)
    totals = (
        select(
            year.label("year"),
            ROUND.round_type,
            func.count(ROUND.id).label("rounds"),
            cast(_undisclosed(), Integer).label("undisclosed"),
            usd_total(ROUND.amount_usd).label("amount_usd"),
        )
        .where(*conditions)
        .group_by(year, ROUND.round_type)
        .subquery()
    )
    statement = (
        select(totals, sources.c.sources)
        .outerjoin(
            sources,
            (sources.c.year == totals.c.year) & (sources.c.round_type == totals.c.round_type),
        )
        .order_by(totals.c.year, totals.c.round_type)
    )
    frame = read_frame(engine, statement)
    frame["disclosed"] = frame["rounds"] - frame["undisclosed"]
    return frame


def sources_per_group(engine: Engine, groups: dict[str, Any], conditions: list) -> Any:
    """Subquery: groups of funding rounds (``groups`` names their key expressions, which may use
    the round's company) with the titles of the sources that support their rounds."""
    distinct = (
        select(*(expression.label(name) for name, expression in groups.items()), m.Source.title)
        .select_from(ROUND)
        .join(m.Company, m.Company.id == ROUND.company_id)
        .join(m.Citation, m.Citation.funding_round_id == ROUND.id)
        .join(m.Source, m.Source.id == m.Citation.source_id)
        .where(*conditions)
        .distinct()
        .subquery()
    )
    keys = [distinct.c[name] for name in groups]
    return (
        select(*keys, joined_text(engine, distinct.c.title).label("sources"))
        .group_by(*keys)
        .subquery()
    )


def cumulative(
    engine: Engine,
    companies: tuple[str, ...] = (),
    round_types: tuple[str, ...] = (),
    notes_only: bool = False,
) -> pd.DataFrame:
    """Each company's dated rounds with its disclosed USD raised so far (a running sum)."""
    so_far = func.sum(func.coalesce(ROUND.amount_usd, 0)).over(
        partition_by=ROUND.company_id, order_by=(ROUND.announced_on, ROUND.id)
    )
    statement = (
        select(
            m.Company.name.label("company"),
            ROUND.announced_on.label("date"),
            ROUND.announced_precision.label("precision"),
            ROUND.round_type,
            ROUND.amount_usd,
            cast(so_far, BigInteger).label("cumulative_usd"),
            source_text(engine, "funding_round_id", ROUND.id).label("sources"),
        )
        .join(m.Company, m.Company.id == ROUND.company_id)
        .where(
            ROUND.announced_on.is_not(None), *_round_conditions(companies, round_types, notes_only)
        )
        .order_by(m.Company.name, ROUND.announced_on, ROUND.id)
    )
    frame = read_frame(engine, statement)
    return add_when(frame, "date", "precision").drop(columns=["precision"])


def valuations(
    engine: Engine, companies: tuple[str, ...] = (), notes_only: bool = False
) -> pd.DataFrame:
    """Dated valuations in USD: rounds' post- and pre-money values and valuation metrics.

    A valuation metric that repeats a round's valuation (same company, date and value) is the
    same fact told twice and is shown once, as the round's.
    """
    round_parts = [
        _round_valuation(engine, ROUND.post_money_usd, "post-money", companies, notes_only),
        _round_valuation(engine, ROUND.pre_money_usd, "pre-money", companies, notes_only),
    ]
    metric = m.Metric
    metric_conditions = [
        metric.name == m.MetricName.valuation,
        metric.unit == m.MetricUnit.usd,
        metric.company_id.is_not(None),
        metric.as_of.is_not(None),
    ]
    if companies:
        metric_conditions.append(metric.company_id.in_(company_ids_named(companies)))
    metric_conditions.append(notes_filter("metric_id", metric.id, notes_only))
    metric_conditions.append(~_a_round_valued(metric, notes_only))
    metric_part = (
        select(
            m.Company.name.label("company"),
            metric.as_of.label("date"),
            metric.as_of_precision.label("precision"),
            cast(metric.value, BigInteger).label("valuation_usd"),
            literal("reported valuation").label("basis"),
            source_text(engine, "metric_id", metric.id).label("sources"),
        )
        .join(m.Company, m.Company.id == metric.company_id)
        .where(*metric_conditions)
    )
    union = union_all(*round_parts, metric_part).subquery()
    frame = read_frame(engine, select(union).order_by(union.c.date, union.c.company))
    return add_when(frame, "date", "precision").drop(columns=["precision"])


def _a_round_valued(metric: type[m.Metric], notes_only: bool) -> Any:
    """EXISTS: a round of the metric's company, on its date, valued at its value."""
    return (
        select(col(ROUND.id))
        .where(
            ROUND.company_id == metric.company_id,
            ROUND.announced_on == metric.as_of,
            or_(
                col(ROUND.post_money_usd) == metric.value,
                col(ROUND.pre_money_usd) == metric.value,
            ),
            notes_filter("funding_round_id", ROUND.id, notes_only),
        )
        .exists()
    )


def _round_valuation(
    engine: Engine, column: Any, basis: str, companies: tuple[str, ...], notes_only: bool
) -> Any:
    return (
        select(
            m.Company.name.label("company"),
            ROUND.announced_on.label("date"),
            ROUND.announced_precision.label("precision"),
            column.label("valuation_usd"),
            literal(basis).label("basis"),
            source_text(engine, "funding_round_id", ROUND.id).label("sources"),
        )
        .join(m.Company, m.Company.id == ROUND.company_id)
        .where(
            column.is_not(None),
            ROUND.announced_on.is_not(None),
            *_round_conditions(companies, (), notes_only),
        )
    )


def leaderboard(
    engine: Engine,
    companies: tuple[str, ...] = (),
    round_types: tuple[str, ...] = (),
    notes_only: bool = False,
) -> pd.DataFrame:
    """Companies by disclosed USD raised, with rounds, undisclosed rounds, latest valuation
    and investors."""
    company = m.Company
    latest_valuation = (
        select(ROUND.post_money_usd)
        .where(ROUND.company_id == company.id, ROUND.post_money_usd.is_not(None))
        .order_by(ROUND.announced_on.desc(), ROUND.id.desc())
        .limit(1)
        .correlate(company)
        .scalar_subquery()
    )
    investor = aliased(m.Company)
    backers = (
        select(ROUND.company_id.label("company_id"), investor.name.label("name"))
        .join(m.Investment, m.Investment.funding_round_id == ROUND.id)
        .join(investor, investor.id == m.Investment.investor_id)
        .where(*_round_conditions((), round_types, notes_only))
        .distinct()
        .subquery()
    )
    investors = (
        select(joined_text(engine, backers.c.name))
        .where(backers.c.company_id == company.id)
        .scalar_subquery()
    )
    statement = (
        select(
            company.name.label("company"),
            company.thesis_role,
            func.count(ROUND.id).label("rounds"),
            cast(_undisclosed(), Integer).label("undisclosed"),
            usd_total(ROUND.amount_usd).label("raised_usd"),
            latest_valuation.label("latest_valuation_usd"),
            investors.label("investors"),
        )
        .join(ROUND, ROUND.company_id == company.id)
        .where(*_round_conditions(companies, round_types, notes_only))
        .group_by(company.id, company.name, company.thesis_role)
        .order_by(usd_total(ROUND.amount_usd).desc(), func.count(ROUND.id).desc(), company.name)
    )
    return read_frame(engine, statement)


def investors(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Investors by the number of companies they backed: portfolio size and rounds."""
    investor = aliased(m.Company)
    conditions = [notes_filter("investment_id", m.Investment.id, notes_only)]
    statement = (
        select(
            investor.name.label("investor"),
            func.count(func.distinct(ROUND.company_id)).label("companies"),
            func.count(m.Investment.id).label("rounds"),
        )
        .join(m.Investment, m.Investment.investor_id == investor.id)
        .join(ROUND, ROUND.id == m.Investment.funding_round_id)
        .where(*conditions)
        .group_by(investor.name)
        .order_by(func.count(func.distinct(ROUND.company_id)).desc(), investor.name)
    )
    return read_frame(engine, statement)


def portfolio(engine: Engine, investor: str, notes_only: bool = False) -> pd.DataFrame:
    """The rounds an investor took part in: company, date, round type, amount, lead."""
    backer = aliased(m.Company)
    conditions = [m.Investment.investor_id.in_(company_ids_named((investor,)))]
    conditions.append(notes_filter("investment_id", m.Investment.id, notes_only))
    statement = (
        select(
            backer.name.label("investor"),
            m.Company.name.label("company"),
            ROUND.announced_on.label("date"),
            ROUND.announced_precision.label("precision"),
            ROUND.round_type,
            ROUND.amount_usd,
            m.Investment.is_lead.label("lead"),
            source_text(engine, "investment_id", m.Investment.id).label("sources"),
        )
        .join(ROUND, ROUND.id == m.Investment.funding_round_id)
        .join(m.Company, m.Company.id == ROUND.company_id)
        .join(backer, backer.id == m.Investment.investor_id)
        .where(*conditions)
        .order_by(m.Company.name, ROUND.announced_on, ROUND.id)
    )
    frame = read_frame(engine, statement)
    return add_when(frame, "date", "precision").drop(columns=["precision"])
