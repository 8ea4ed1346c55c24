"""Metrics over time: users, revenue, accuracy before and after fine-tuning, reach since launch.

A metric's subject is its product, else its model, else its company; its company is the
metric's own company, else the product's company, else the model's developer.
"""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, Integer, case, cast, extract, func, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    add_when,
    company_ids_named,
    notes_filter,
    quote_text,
    read_frame,
    source_text,
    year_of,
)

# Metrics whose names say how much a fine-tuned model gained, shown beside accuracy.
GAIN_METRICS = (m.MetricName.improvement, m.MetricName.accuracy_gain)
# Figures of reach that can be set against a launch date.
REACH_METRICS = (m.MetricName.users, m.MetricName.waitlist)
# How precise a date is (lower is more precise), and how many months its period spans.
PRECISION_RANK = {"day": 0, "month": 1, "quarter": 2, "year": 3}
PERIOD_MONTHS = {"day": 0, "month": 1, "quarter": 3, "year": 12}

SERIES_COLUMNS = [
    *("date", "when", "company", "subject", "label", "value", "value_high", "unit"),
    *("approximate", "sources", "quotes"),
]


class _Subject:
    """The joins and expressions that name a metric's subject and its company."""

    def __init__(self) -> None:
        self.product = aliased(m.Product)
        self.model = aliased(m.AIModel)
        self.company = aliased(m.Company)
        metric = m.Metric
        self.company_id = func.coalesce(
            col(metric.company_id), col(self.product.company_id), col(self.model.developer_id)
        )
        self.subject = func.coalesce(
            col(self.product.name), col(self.model.name), col(self.company.name)
        )

    def join(self, statement: Any) -> Any:
        metric = m.Metric
        return (
            statement.outerjoin(self.product, col(self.product.id) == col(metric.product_id))
            .outerjoin(self.model, col(self.model.id) == col(metric.model_id))
            .outerjoin(self.company, col(self.company.id) == self.company_id)
        )

    def figures(self, engine: Engine, *columns: Any) -> Any:
        """SELECT of metrics joined to their subject: company, subject, ``columns``, then the
        date, its precision and the sources."""
        metric = m.Metric
        statement = select(
            col(self.company.name).label("company"),
            self.subject.label("subject"),
            *columns,
            col(metric.as_of).label("date"),
            col(metric.as_of_precision).label("precision"),
            source_text(engine, "metric_id", col(metric.id)).label("sources"),
        )
        return self.join(statement.select_from(metric))


def _conditions(
    names: tuple[str, ...], companies: tuple[str, ...], notes_only: bool, subject: _Subject
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(m.Metric.name).in_(names)]
    if companies:
        conditions.append(subject.company_id.in_(company_ids_named(companies)))
    conditions.append(notes_filter("metric_id", col(m.Metric.id), notes_only))
    return conditions


def metric_choices(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """The dated metrics on record, most figures first: name, unit, how many figures and
    subjects, and ``longest``, the most figures any one subject has (2 or more draws a line)."""
    metric = m.Metric
    subject = _Subject()
    conditions: list[ColumnElement[bool]] = [col(metric.as_of).is_not(None)]
    conditions.append(notes_filter("metric_id", col(metric.id), notes_only))
    per_subject = subject.join(
        select(
            col(metric.name),
            col(metric.unit),
            subject.subject.label("subject"),
            func.count(col(metric.id)).label("figures"),
        ).select_from(metric)
    )
    per_subject = (
        per_subject.where(*conditions)
        .group_by(col(metric.name), col(metric.unit), subject.subject)
        .subquery()
    )
    figures = cast(func.sum(per_subject.c.figures), Integer)
    statement = (
        select(
            per_subject.c.name,
            per_subject.c.unit,
            figures.label("figures"),
            func.count(per_subject.c.subject).label("subjects"),
            func.max(per_subject.c.figures).label("longest"),
        )
        .group_by(per_subject.c.name, per_subject.c.unit)
        .order_by(figures.desc(), per_subject.c.name, per_subject.c.unit)
    )
    return read_frame(engine, statement)


def default_choice(choices: pd.DataFrame) -> int:
    """Which of ``metric_choices`` a page opens on, by position: users when they draw a line,
    else the first metric that does (Jasper's headcount on the seed), else users, else the
    first."""
    users = (choices["name"] == m.MetricName.users).to_numpy()
    draws_line = (choices["longest"] >= 2).to_numpy()
    for wanted in (users & draws_line, draws_line, users):
        if wanted.any():
            return int(wanted.argmax())
    return 0


def metric_companies(engine: Engine, name: str, notes_only: bool = False) -> list[str]:
    """The companies with a dated figure of the metric ``name``, for the comparison filter."""
    subject = _Subject()
    conditions: list[ColumnElement[bool]] = [
        *_conditions((name,), (), notes_only, subject),
        col(m.Metric.as_of).is_not(None),
    ]
    statement = subject.join(select(col(subject.company.name)).select_from(m.Metric))
    statement = statement.where(*conditions).group_by(col(subject.company.name))
    return sorted(company for company in read_frame(engine, statement)["name"] if company)


def metric_series(
    engine: Engine,
    name: str,
    unit: str,
    companies: tuple[str, ...] = (),
    notes_only: bool = False,
) -> pd.DataFrame:
    """Dated figures of one metric in one unit, optionally of some companies, oldest first."""
    metric = m.Metric
    subject = _Subject()
    conditions: list[ColumnElement[bool]] = [
        *_conditions((name,), companies, notes_only, subject),
        col(metric.unit) == unit,
        col(metric.as_of).is_not(None),
    ]
    statement = subject.figures(
        engine,
        *(col(metric.label), col(metric.value), col(metric.value_high), col(metric.unit)),
        col(metric.approximate),
        quote_text(engine, "metric_id", col(metric.id)).label("quotes"),
    ).where(*conditions)
    frame = read_frame(engine, statement.order_by(col(metric.as_of), col(metric.id)))
    return add_when(frame, "date", "precision")[SERIES_COLUMNS]


def accuracy_change(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Each subject's first and latest accuracy figure (%): before and after fine-tuning.

    Figures are ordered by date, then by entry, undated ones first: the seed's undated
    before/after pairs (Keeper Tax's 85% → 93%) keep their order, and a figure added later with
    a date reads as the latest. A subject with one figure has the same value at both
    ends. ``fine_tunes`` says whether it fine-tunes a model on record.
    """
    metric = m.Metric
    subject = _Subject()
    conditions = _conditions((m.MetricName.accuracy,), (), notes_only, subject)
    conditions.append(col(metric.unit) == m.MetricUnit.percent)
    partition = (col(metric.company_id), col(metric.product_id), col(metric.model_id))
    dated = col(metric.as_of).is_not(None)
    ranked = subject.join(
        select(
            col(subject.company.name).label("company"),
            subject.subject.label("subject"),
            subject.company_id.label("company_id"),
            col(metric.value),
            col(metric.as_of),
            col(metric.as_of_precision),
            source_text(engine, "metric_id", col(metric.id)).label("sources"),
            func.row_number()
            .over(partition_by=partition, order_by=(dated, col(metric.as_of), col(metric.id)))
            .label("first"),
            func.row_number()
            .over(
                partition_by=partition,
                order_by=(dated.desc(), col(metric.as_of).desc(), col(metric.id).desc()),
            )
            .label("latest"),
            func.count(col(metric.id)).over(partition_by=partition).label("figures"),
        ).select_from(metric)
    ).where(*conditions)
    ranked = ranked.subquery()
    fine_tunes = (
        select(col(m.ModelUse.id))
        .outerjoin(m.Product, col(m.Product.id) == col(m.ModelUse.product_id))
        .where(
            col(m.ModelUse.how) == m.UseKind.fine_tunes,
            func.coalesce(col(m.ModelUse.company_id), col(m.Product.company_id))
            == ranked.c.company_id,
        )
        .exists()
    )
    statement = select(ranked, fine_tunes.label("fine_tunes")).where(
        (ranked.c.first == 1) | (ranked.c.latest == 1)
    )
    frame = read_frame(engine, statement)
    return _before_after(frame)


def _before_after(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per subject from its first and latest ranked figures."""
    columns = [
        *("company", "subject", "before", "before_when", "after", "after_when", "change_pp"),
        *("figures", "fine_tunes", "sources"),
    ]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = add_when(frame, "as_of", "as_of_precision")
    first = frame[frame["first"] == 1].set_index("subject")
    latest = frame[frame["latest"] == 1].set_index("subject")
    result = pd.DataFrame(
        {
            "company": first["company"],
            "before": first["value"],
            "before_when": first["when"],
            "after": latest["value"],
            "after_when": latest["when"],
            "figures": first["figures"],
            "fine_tunes": first["fine_tunes"].astype(bool),
            "sources": latest["sources"],
        }
    )
    result["change_pp"] = result["after"] - result["before"]
    return result.reset_index().sort_values("change_pp", ascending=False)[columns]


def gains(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Reported gains from fine-tuning (improvement, accuracy gain), with their units."""
    metric = m.Metric
    subject = _Subject()
    conditions = _conditions(tuple(GAIN_METRICS), (), notes_only, subject)
    statement = subject.figures(
        engine,
        col(metric.name).label("metric"),
        *(col(metric.label), col(metric.value), col(metric.unit)),
    ).where(*conditions)
    frame = read_frame(engine, statement.order_by(col(metric.as_of), col(metric.id)))
    return add_when(frame, "date", "precision").drop(columns=["date", "precision"])


def _precision_rank(column: Any) -> Any:
    """0 for a day, 1 a month, 2 a quarter, 3 a year: lower is more precise."""
    return case(PRECISION_RANK, value=column, else_=len(PRECISION_RANK))


def _month_number(column: Any) -> Any:
    """Months since year 0 of a date column, to compare periods on SQLite and PostgreSQL."""
    return year_of(column) * 12 + cast(extract("month", column), Integer)


def _product_release(product: Any, notes_only: bool, refine: bool) -> tuple[Any, Any]:
    """(date, precision) scalar subqueries: a release event of ``product``.

    With ``refine``, the most precise release event inside the product's launch period that
    dates it more precisely (the notes' "2022.11" launch of ChatGPT is 2022-11-30 in the
    public record); else its first release event.
    """
    event = aliased(m.Event)
    conditions: list[ColumnElement[bool]] = [
        col(event.product_id) == product.id,
        col(event.kind) == m.EventKind.release,
        col(event.occurred_on).is_not(None),
        notes_filter("event_id", col(event.id), notes_only),
    ]
    order: tuple[Any, ...] = (
        col(event.occurred_on),
        _precision_rank(col(event.occurred_precision)),
    )
    if refine:
        start = _month_number(product.launched_on)
        span = case(PERIOD_MONTHS, value=product.launched_precision, else_=1)
        conditions += [
            _month_number(col(event.occurred_on)) >= start,
            _month_number(col(event.occurred_on)) < start + span,
            _precision_rank(col(event.occurred_precision))
            < _precision_rank(product.launched_precision),
        ]
        order = order[::-1]
    found = select(col(event.occurred_on), col(event.occurred_precision)).where(*conditions)
    found = found.order_by(*order, col(event.id)).limit(1).correlate(product)
    return (
        found.with_only_columns(col(event.occurred_on)).scalar_subquery(),
        found.with_only_columns(col(event.occurred_precision)).scalar_subquery(),
    )


def reach_since_launch(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Users (and waitlist sign-ups) set against the launch of what they use.

    The launch is the product's launch date (made more precise by a release event of the
    product inside that period), else its first release event, else the model's release, else
    the company's founding; ``days`` counts from the first day of the launch period to the
    figure's date, so it is an upper bound unless ``launch_day_known``.
    """
    metric = m.Metric
    subject = _Subject()
    refined, refined_precision = _product_release(subject.product, notes_only, refine=True)
    first, first_precision = _product_release(subject.product, notes_only, refine=False)
    # (date, precision) of each candidate launch, the first known one winning.
    candidates = [
        (refined, refined_precision),
        (col(subject.product.launched_on), col(subject.product.launched_precision)),
        (first, first_precision),
        (col(subject.model.released_on), col(subject.model.released_precision)),
        (col(subject.company.founded_on), col(subject.company.founded_precision)),
    ]
    launch = func.coalesce(*(day for day, _ in candidates))
    launch_precision = func.coalesce(*(precision for _, precision in candidates))
    conditions = _conditions(tuple(REACH_METRICS), (), notes_only, subject)
    conditions += [col(metric.as_of).is_not(None), launch.is_not(None), col(metric.as_of) >= launch]
    statement = subject.figures(
        engine,
        col(metric.name).label("metric"),
        func.coalesce(col(metric.label), col(metric.name)).label("label"),
        *(col(metric.value), col(metric.approximate)),
        launch.label("launched"),
        launch_precision.label("launched_precision"),
    ).where(*conditions)
    frame = read_frame(engine, statement.order_by(col(metric.as_of), col(metric.id)))
    frame = add_when(frame, "date", "precision")
    frame = add_when(frame, "launched", "launched_precision", when="launched_when")
    frame["days"] = (frame["date"] - frame["launched"]).dt.days
    frame["launch_day_known"] = frame["launched_precision"] == "day"
    return frame.drop(columns=["precision", "launched_precision"]).sort_values("days")
