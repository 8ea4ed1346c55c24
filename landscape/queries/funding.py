"""Funding: rounds and amounts per year, cumulative per company, valuations, a leaderboard,
and investors' portfolios.

An amount is summed only where it is disclosed in USD (``amount_usd``); a round without one is
counted as undisclosed, never summed as zero. "Raised" sums only the rounds that count as raised
(``common.counts_as_raised``: closed or announced, not a pledge, secondary or fund commitment);
the other disclosed amounts are summed apart as ``not_raised_usd``.
"""

import dataclasses
from dataclasses import dataclass
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
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    AnySelect,
    add_when,
    company_ids_named,
    counts_as_raised,
    joined_text,
    notes_filter,
    read_frame,
    round_not_raised_usd,
    round_raised_usd,
    source_text,
    year_of,
)

ROUND = m.FundingRound


def _undisclosed() -> Any:
    return func.sum(case((col(ROUND.amount_usd).is_(None), 1), else_=0))


@dataclass(frozen=True)
class RoundFilters:
    """What the Funding page is narrowed to: the rounds of ``companies`` (names), of
    ``round_types``, and with ``notes_only`` the rounds the notes support; empty means all."""

    companies: tuple[str, ...] = ()
    round_types: tuple[str, ...] = ()
    notes_only: bool = False

    def but(self, *facets: str) -> "RoundFilters":
        """The same filters with ``facets`` (``companies``, ``round_types``) cleared."""
        cleared: dict[str, Any] = {facet: () for facet in facets}
        return dataclasses.replace(self, **cleared)

    def conditions(self) -> list[ColumnElement[bool]]:
        """WHERE conditions on ``FundingRound`` for every filter that is set."""
        conditions: list[ColumnElement[bool]] = []
        if self.companies:
            conditions.append(col(ROUND.company_id).in_(company_ids_named(self.companies)))
        if self.round_types:
            conditions.append(col(ROUND.round_type).in_(self.round_types))
        conditions.append(notes_filter("funding_round_id", col(ROUND.id), self.notes_only))
        return conditions


def _round_point() -> list[Any]:
    """A round as a point on a chart: company, date and precision, type, status, USD amount."""
    return [
        col(m.Company.name).label("company"),
        col(ROUND.announced_on).label("date"),
        col(ROUND.announced_precision).label("precision"),
        col(ROUND.round_type),
        col(ROUND.status),
        col(ROUND.amount_usd),
    ]


def funding_companies(engine: Engine, notes_only: bool = False) -> list[str]:
    """Names of the companies that raised a round, for the company filter."""
    statement = (
        select(col(m.Company.name))
        .join(ROUND, col(ROUND.company_id) == col(m.Company.id))
        .where(*RoundFilters(notes_only=notes_only).conditions())
        .group_by(col(m.Company.name))
        .order_by(col(m.Company.name))
    )
    return read_frame(engine, statement)["name"].tolist()


def round_types(engine: Engine, notes_only: bool = False) -> list[str]:
    """The round types on record, most frequent first."""
    statement = (
        select(col(ROUND.round_type))
        .where(*RoundFilters(notes_only=notes_only).conditions())
        .group_by(col(ROUND.round_type))
        .order_by(func.count(col(ROUND.id)).desc(), col(ROUND.round_type))
    )
    return read_frame(engine, statement)["round_type"].tolist()


def summary(engine: Engine, filters: RoundFilters = RoundFilters()) -> dict[str, int]:
    """Rounds, USD raised, USD not counted as raised, undisclosed and undated rounds, under the
    filters."""
    statement = select(
        func.count(col(ROUND.id)).label("rounds"),
        round_raised_usd().label("raised_usd"),
        round_not_raised_usd().label("not_raised_usd"),
        func.coalesce(_undisclosed(), 0).label("undisclosed"),
        func.coalesce(func.sum(case((col(ROUND.announced_on).is_(None), 1), else_=0)), 0).label(
            "undated"
        ),
    ).where(*filters.conditions())
    with engine.connect() as connection:
        row = connection.execute(statement).mappings().one()
    return {key: int(value or 0) for key, value in row.items()}


def by_year(engine: Engine, filters: RoundFilters = RoundFilters()) -> pd.DataFrame:
    """Per year and round type: rounds, disclosed and undisclosed rounds, USD raised and USD
    not counted as raised."""
    year = year_of(col(ROUND.announced_on))
    conditions: list[ColumnElement[bool]] = [
        col(ROUND.announced_on).is_not(None),
        *filters.conditions(),
    ]
    sources = sources_per_group(
        engine, {"year": year, "round_type": col(ROUND.round_type)}, conditions
    )
    totals = (
        select(
            year.label("year"),
            col(ROUND.round_type),
            func.count(col(ROUND.id)).label("rounds"),
            cast(_undisclosed(), Integer).label("undisclosed"),
            round_raised_usd().label("raised_usd"),
            round_not_raised_usd().label("not_raised_usd"),
        )
        .where(*conditions)
        .group_by(year, col(ROUND.round_type))
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


def sources_per_group(
    engine: Engine, groups: dict[str, Any], conditions: list[ColumnElement[bool]]
) -> Any:
    """Subquery: groups of funding rounds (``groups`` names their key expressions, which may use
    the round's company) with the titles of the sources that support their rounds."""
    distinct = (
        select(
            *(expression.label(name) for name, expression in groups.items()), col(m.Source.title)
        )
        .select_from(ROUND)
        .join(m.Company, col(m.Company.id) == col(ROUND.company_id))
        .join(m.Citation, col(m.Citation.funding_round_id) == col(ROUND.id))
        .join(m.Source, col(m.Source.id) == col(m.Citation.source_id))
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
    engine: Engine, filters: RoundFilters = RoundFilters(), top: int | None = None
) -> pd.DataFrame:
    """Each company's dated rounds with its USD raised so far (a running sum of the rounds that
    count as raised); each round keeps its own amount and status. ``top`` keeps the companies
    that raised most (as the leaderboard ranks them), so a chart gets a few lines, not one per
    company of the landscape."""
    counted = counts_as_raised(col(ROUND.status), col(ROUND.round_type))
    raised = case((counted, col(ROUND.amount_usd)))
    so_far = func.sum(func.coalesce(raised, 0)).over(
        partition_by=col(ROUND.company_id), order_by=(col(ROUND.announced_on), col(ROUND.id))
    )
    statement = (
        select(
            *_round_point(),
            cast(so_far, BigInteger).label("cumulative_usd"),
            source_text(engine, "funding_round_id", col(ROUND.id)).label("sources"),
        )
        .join(m.Company, col(m.Company.id) == col(ROUND.company_id))
        .where(
            col(ROUND.announced_on).is_not(None),
            *filters.conditions(),
        )
        .order_by(col(m.Company.name), col(ROUND.announced_on), col(ROUND.id))
    )
    if top is not None:
        statement = statement.where(col(ROUND.company_id).in_(_most_raised(filters, top)))
    frame = read_frame(engine, statement)
    return add_when(frame, "date", "precision").drop(columns=["precision"])


def _most_raised(filters: RoundFilters, top: int) -> Any:
    """Subquery: the ids of the ``top`` companies by USD raised under ``filters``."""
    return (
        select(col(ROUND.company_id))
        .where(*filters.conditions())
        .group_by(col(ROUND.company_id))
        .order_by(round_raised_usd().desc(), round_not_raised_usd().desc(), col(ROUND.company_id))
        .limit(top)
    )


def valuations(engine: Engine, filters: RoundFilters = RoundFilters()) -> pd.DataFrame:
    """Dated valuations in USD: rounds' post- and pre-money values and valuation metrics.

    A valuation metric that repeats a round's valuation (same company, date and value) is the
    same fact told twice and is shown once, as the round's. The round type filter does not
    narrow valuations.
    """
    filters = filters.but("round_types")
    companies, notes_only = filters.companies, filters.notes_only
    round_parts = [
        _round_valuation(engine, col(ROUND.post_money_usd), "post-money", filters),
        _round_valuation(engine, col(ROUND.pre_money_usd), "pre-money", filters),
    ]
    metric = m.Metric
    metric_conditions: list[ColumnElement[bool]] = [
        col(metric.name) == m.MetricName.valuation,
        col(metric.unit) == m.MetricUnit.usd,
        col(metric.company_id).is_not(None),
        col(metric.as_of).is_not(None),
    ]
    if companies:
        metric_conditions.append(col(metric.company_id).in_(company_ids_named(companies)))
    metric_conditions.append(notes_filter("metric_id", col(metric.id), notes_only))
    metric_conditions.append(~_a_round_valued(metric, notes_only))
    metric_part = (
        select(
            col(m.Company.name).label("company"),
            col(metric.as_of).label("date"),
            col(metric.as_of_precision).label("precision"),
            cast(col(metric.value), BigInteger).label("valuation_usd"),
            literal("reported valuation").label("basis"),
            source_text(engine, "metric_id", col(metric.id)).label("sources"),
        )
        .join(m.Company, col(m.Company.id) == col(metric.company_id))
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
            col(ROUND.company_id) == col(metric.company_id),
            col(ROUND.announced_on) == col(metric.as_of),
            or_(
                col(ROUND.post_money_usd) == col(metric.value),
                col(ROUND.pre_money_usd) == col(metric.value),
            ),
            notes_filter("funding_round_id", col(ROUND.id), notes_only),
        )
        .exists()
    )


def _round_valuation(engine: Engine, column: Any, basis: str, filters: RoundFilters) -> Any:
    return (
        select(
            col(m.Company.name).label("company"),
            col(ROUND.announced_on).label("date"),
            col(ROUND.announced_precision).label("precision"),
            column.label("valuation_usd"),
            literal(basis).label("basis"),
            source_text(engine, "funding_round_id", col(ROUND.id)).label("sources"),
        )
        .join(m.Company, col(m.Company.id) == col(ROUND.company_id))
        .where(
            column.is_not(None),
            col(ROUND.announced_on).is_not(None),
            *filters.conditions(),
        )
    )


def leaderboard(engine: Engine, filters: RoundFilters = RoundFilters()) -> pd.DataFrame:
    """Companies by USD raised, with USD not counted as raised, rounds, undisclosed rounds,
    latest valuation and investors."""
    company = m.Company
    latest_valuation = (
        select(col(ROUND.post_money_usd))
        .where(col(ROUND.company_id) == col(company.id), col(ROUND.post_money_usd).is_not(None))
        .order_by(col(ROUND.announced_on).desc(), col(ROUND.id).desc())
        .limit(1)
        .correlate(company)
        .scalar_subquery()
    )
    investor = aliased(m.Company)
    # The distinct names are chosen for the company alone (through the rounds' company index),
    # not over every round for each company.
    backers = (
        select(col(investor.name).label("name"))
        .select_from(ROUND)
        .join(m.Investment, col(m.Investment.funding_round_id) == col(ROUND.id))
        .join(investor, col(investor.id) == col(m.Investment.investor_id))
        .where(col(ROUND.company_id) == col(company.id), *filters.but("companies").conditions())
        .distinct()
        .correlate(company)
        .subquery()
    )
    investors = select(joined_text(engine, backers.c.name)).scalar_subquery()
    statement = (
        select(
            col(company.name).label("company"),
            col(company.thesis_role),
            func.count(col(ROUND.id)).label("rounds"),
            cast(_undisclosed(), Integer).label("undisclosed"),
            round_raised_usd().label("raised_usd"),
            round_not_raised_usd().label("not_raised_usd"),
            latest_valuation.label("latest_valuation_usd"),
            investors.label("investors"),
        )
        .join(ROUND, col(ROUND.company_id) == col(company.id))
        .where(*filters.conditions())
        .group_by(col(company.id), col(company.name), col(company.thesis_role))
        .order_by(
            round_raised_usd().desc(),
            round_not_raised_usd().desc(),
            func.count(col(ROUND.id)).desc(),
            col(company.name),
        )
    )
    return read_frame(engine, statement)


def investors(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Investors by the number of companies they backed: portfolio size and rounds."""
    investor = aliased(m.Company)
    conditions: list[ColumnElement[bool]] = [
        notes_filter("investment_id", col(m.Investment.id), notes_only)
    ]
    statement: AnySelect = (
        select(
            col(investor.name).label("investor"),
            func.count(func.distinct(col(ROUND.company_id))).label("companies"),
            func.count(col(m.Investment.id)).label("rounds"),
        )
        .join(m.Investment, col(m.Investment.investor_id) == col(investor.id))
        .join(ROUND, col(ROUND.id) == col(m.Investment.funding_round_id))
        .where(*conditions)
        .group_by(col(investor.name))
        .order_by(func.count(func.distinct(col(ROUND.company_id))).desc(), col(investor.name))
    )
    return read_frame(engine, statement)


def portfolio(engine: Engine, investor: str, notes_only: bool = False) -> pd.DataFrame:
    """The rounds an investor took part in: company, date, round type, status, amount, lead."""
    backer = aliased(m.Company)
    conditions: list[ColumnElement[bool]] = [
        col(m.Investment.investor_id).in_(company_ids_named((investor,)))
    ]
    conditions.append(notes_filter("investment_id", col(m.Investment.id), notes_only))
    statement = (
        select(
            col(backer.name).label("investor"),
            *_round_point(),
            col(m.Investment.is_lead).label("lead"),
            source_text(engine, "investment_id", col(m.Investment.id)).label("sources"),
        )
        .join(ROUND, col(ROUND.id) == col(m.Investment.funding_round_id))
        .join(m.Company, col(m.Company.id) == col(ROUND.company_id))
        .join(backer, col(backer.id) == col(m.Investment.investor_id))
        .where(*conditions)
        .order_by(col(m.Company.name), col(ROUND.announced_on), col(ROUND.id))
    )
    frame = read_frame(engine, statement)
    return add_when(frame, "date", "precision").drop(columns=["precision"])
