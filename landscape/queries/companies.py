"""The companies table: filters, facet counts and the filtered, sorted list."""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Engine,
    Select,
    case,
    cast,
    distinct,
    func,
    literal,
    or_,
    select,
    union,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement, SQLColumnExpression
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    category_label,
    counts_as_raised,
    joined_text,
    notes_filter,
    partial_dates,
    read_frame,
    sources_by_subject,
)
from landscape.queries.inference import role_basis
from landscape.queries.landscape_map import company_category_links

FUNDED = "funded"
UNFUNDED = "unfunded"
SORTS = ("name", "newest", "oldest", "raised")
COMPANY_COLUMNS = [
    "id",
    "name",
    "kind",
    "thesis_role",
    "role_inferred",
    "categories",
    "country",
    "city",
    "founded",
    "rounds",
    "raised_usd",
    "not_raised_usd",
    "investors",
    "sources",
]
FACET_COLUMNS = ["value", "label", "count"]


@dataclass(frozen=True)
class CompanyFilters:
    """What the companies table is narrowed to; an empty field does not narrow.

    ``categories`` and ``investors`` are names; a top-level category takes in its
    subcategories. ``founded_from``/``founded_to`` are years and leave out companies whose
    founding is unknown. ``funded`` holds ``"funded"`` and/or ``"unfunded"``.
    """

    search: str = ""
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    investors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    founded_from: int | None = None
    founded_to: int | None = None
    funded: tuple[str, ...] = ()
    notes_only: bool = False

    def without(self, facet: str) -> "CompanyFilters":
        """The same filters with one facet (a tuple field) cleared."""
        cleared: dict[str, Any] = {facet: ()}
        return dataclasses.replace(self, **cleared)

    def conditions(self) -> list[ColumnElement[bool]]:
        """WHERE conditions on ``Company`` for every filter that is set."""
        c = m.Company
        found: list[ColumnElement[bool]] = [notes_filter("company_id", col(c.id), self.notes_only)]
        text = self.search.strip()
        if text:
            found.append(
                or_(
                    col(c.name).icontains(text, autoescape=True),
                    col(c.description).icontains(text, autoescape=True),
                    col(c.hq_city).icontains(text, autoescape=True),
                )
            )
        if self.categories:
            found.append(col(c.id).in_(_companies_in_categories(self.categories)))
        if self.kinds:
            found.append(col(c.kind).in_(self.kinds))
        if self.roles:
            found.append(col(c.thesis_role).in_(self.roles))
        if self.investors:
            found.append(col(c.id).in_(_companies_backed_by(self.investors, self.notes_only)))
        if self.countries:
            found.append(col(c.hq_country).in_(self.countries))
        if self.founded_from is not None:
            found.append(col(c.founded_on) >= dt.date(self.founded_from, 1, 1))
        if self.founded_to is not None:
            found.append(col(c.founded_on) <= dt.date(self.founded_to, 12, 31))
        if self.funded and set(self.funded) != {FUNDED, UNFUNDED}:
            funded_ids = _funded_companies(self.notes_only)
            found.append(
                col(c.id).in_(funded_ids) if FUNDED in self.funded else col(c.id).not_in(funded_ids)
            )
        return found

    def company_ids(self) -> Select:
        """Ids of the companies that pass every filter."""
        return select(col(m.Company.id)).where(*self.conditions()).correlate(None)


# ---------------------------------------------------------------- building blocks


def _rounds(notes_only: bool) -> Select:
    """Funding rounds, or only the notes-backed ones."""
    r = m.FundingRound
    return select(
        col(r.id), col(r.company_id), col(r.amount_usd), col(r.status), col(r.round_type)
    ).where(notes_filter("funding_round_id", col(r.id), notes_only))


def _funded_companies(notes_only: bool) -> Select:
    rounds = _rounds(notes_only).subquery()
    return select(rounds.c.company_id)


def _category_memberships() -> Any:
    """Subquery of (company_id, category_id) counting a subcategory's companies in its parent."""
    links = company_category_links()
    direct = select(links.c.company_id, links.c.category_id)
    via_parent = select(links.c.company_id, col(m.Category.parent_id)).join(
        m.Category, col(m.Category.id) == links.c.category_id
    )
    return union(direct, via_parent.where(col(m.Category.parent_id).is_not(None))).subquery()


def _companies_in_categories(names: tuple[str, ...]) -> Select:
    member = _category_memberships()
    return (
        select(member.c.company_id)
        .join(m.Category, col(m.Category.id) == member.c.category_id)
        .where(col(m.Category.name).in_(names))
    )


def _investments(notes_only: bool) -> Any:
    """Subquery of (company_id, investor_id, investor) over the rounds kept."""
    rounds = _rounds(notes_only).subquery()
    investor = aliased(m.Company)
    return (
        select(
            rounds.c.company_id,
            col(m.Investment.investor_id),
            col(investor.name).label("investor"),
        )
        .join(m.Investment, col(m.Investment.funding_round_id) == rounds.c.id)
        .join(investor, col(investor.id) == col(m.Investment.investor_id))
        .subquery()
    )


def _companies_backed_by(names: tuple[str, ...], notes_only: bool) -> Select:
    investments = _investments(notes_only)
    return select(investments.c.company_id).where(investments.c.investor.in_(names))


def _count_in(ids: Select, column: Any) -> ColumnElement[int]:
    """How many distinct ``column`` values are among ``ids``."""
    return func.count(distinct(case((column.in_(ids), column))))


# ---------------------------------------------------------------- facets


def company_facets(
    engine: Engine, filters: CompanyFilters, *, zh: bool = False
) -> dict[str, pd.DataFrame]:
    """Each filter's values with how many companies each would show, given the other filters.

    Keys: ``categories``, ``kinds``, ``roles``, ``investors``, ``countries``, ``funded``; each
    a DataFrame of ``value`` (what the filter takes), ``label`` and ``count``. Values come from
    the companies in view (all, or the notes-backed ones), zero counts included.
    """
    base = CompanyFilters(notes_only=filters.notes_only).company_ids()
    statements = {
        "categories": _category_facet(base, filters.without("categories").company_ids(), zh),
        "kinds": _column_facet(col(m.Company.kind), base, filters.without("kinds").company_ids()),
        "roles": _column_facet(
            col(m.Company.thesis_role), base, filters.without("roles").company_ids()
        ),
        "investors": _investor_facet(
            base, filters.without("investors").company_ids(), filters.notes_only
        ),
        "countries": _column_facet(
            col(m.Company.hq_country), base, filters.without("countries").company_ids()
        ),
        "funded": _funded_facet(base, filters.without("funded").company_ids(), filters.notes_only),
    }
    return {name: read_frame(engine, statement) for name, statement in statements.items()}


def _column_facet(column: Any, base: Select, shown: Select) -> Select:
    c = m.Company
    return (
        select(
            column.label("value"), column.label("label"), _count_in(shown, col(c.id)).label("count")
        )
        .where(col(c.id).in_(base), column.is_not(None))
        .group_by(column)
        .order_by(_count_in(shown, col(c.id)).desc(), column)
    )


def _category_facet(base: Select, shown: Select, zh: bool) -> Select:
    member = _category_memberships()
    category = aliased(m.Category)
    parent = aliased(m.Category)
    label = func.coalesce(
        category_label(parent, zh) + literal(" › "), literal("")
    ) + category_label(category, zh)
    return (
        select(
            col(category.name).label("value"),
            label.label("label"),
            _count_in(shown, member.c.company_id).label("count"),
        )
        .select_from(member)
        .join(category, col(category.id) == member.c.category_id)
        .outerjoin(parent, col(parent.id) == col(category.parent_id))
        .where(member.c.company_id.in_(base))
        .group_by(
            col(category.id),
            col(category.name),
            col(category.position),
            col(category.label_zh),
            col(parent.id),
            col(parent.name),
            col(parent.position),
            col(parent.label_zh),
        )
        .order_by(
            func.coalesce(col(parent.position), col(category.position)),
            func.coalesce(col(parent.name), col(category.name)),
            col(parent.id).is_not(None),
            col(category.position),
            col(category.name),
        )
    )


def _investor_facet(base: Select, shown: Select, notes_only: bool) -> Select:
    investments = _investments(notes_only)
    count = _count_in(shown, investments.c.company_id)
    return (
        select(
            investments.c.investor.label("value"),
            investments.c.investor.label("label"),
            count.label("count"),
        )
        .where(investments.c.company_id.in_(base))
        .group_by(investments.c.investor_id, investments.c.investor)
        .order_by(count.desc(), investments.c.investor)
    )


def _funded_facet(base: Select, shown: Select, notes_only: bool) -> Select:
    c = m.Company
    value = case((col(c.id).in_(_funded_companies(notes_only)), FUNDED), else_=UNFUNDED)
    return (
        select(
            value.label("value"), value.label("label"), _count_in(shown, col(c.id)).label("count")
        )
        .where(col(c.id).in_(base))
        .group_by(value)
        .order_by(value)
    )


def founded_years(engine: Engine) -> tuple[int, int] | None:
    """The first and last founding years on record, or None when no founding is dated."""
    c = m.Company
    statement = select(func.min(col(c.founded_on)), func.max(col(c.founded_on)))
    with engine.connect() as connection:
        first, last = connection.execute(statement).one()
    if first is None or last is None:
        return None
    return first.year, last.year


# ---------------------------------------------------------------- the table


def companies(
    engine: Engine,
    filters: CompanyFilters,
    *,
    sort: str = "name",
    zh: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """The companies that pass ``filters``, one row each, with their categories, funding,
    investors and sources; the first ``limit`` of them when it is given.

    ``sort`` is one of ``SORTS``: ``name``, ``newest`` / ``oldest`` (founding), ``raised``
    (USD raised). ``raised_usd`` sums the disclosed amounts that count as raised
    (``common.counts_as_raised``), ``not_raised_usd`` the other disclosed amounts; each is
    empty when there is nothing to sum. ``role_inferred``: the thesis role rests on the
    project's own inference, not a source's words.
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
    c = m.Company
    categories = _categories_text(engine, zh)
    funding = _funding_totals(filters.notes_only)
    investors = _investors_text(engine, filters.notes_only)
    sources_text = sources_by_subject(engine, "company_id")
    basis = role_basis(engine)
    orders: dict[str, list[SQLColumnExpression[Any]]] = {
        "name": [col(c.name)],
        "newest": [col(c.founded_on).desc().nulls_last(), col(c.name)],
        "oldest": [col(c.founded_on).asc().nulls_last(), col(c.name)],
        "raised": [funding.c.raised_usd.desc().nulls_last(), col(c.name)],
    }
    order = orders[sort]
    statement = (
        select(
            col(c.id),
            col(c.name),
            col(c.kind),
            col(c.thesis_role),
            basis.c.basis.is_not(None).label("role_inferred"),
            categories.c.categories,
            col(c.hq_country).label("country"),
            col(c.hq_city).label("city"),
            col(c.founded_on),
            col(c.founded_precision),
            func.coalesce(funding.c.rounds, 0).label("rounds"),
            funding.c.raised_usd,
            funding.c.not_raised_usd,
            investors.c.investors,
            sources_text.c.sources,
        )
        .outerjoin(categories, categories.c.company_id == col(c.id))
        .outerjoin(funding, funding.c.company_id == col(c.id))
        .outerjoin(investors, investors.c.company_id == col(c.id))
        .outerjoin(sources_text, sources_text.c.subject_id == col(c.id))
        .outerjoin(basis, basis.c.company_id == col(c.id))
        .where(*filters.conditions())
        .order_by(*order)
        .limit(limit)
    )
    frame = read_frame(engine, statement)
    frame["founded"] = partial_dates(frame, "founded_on", "founded_precision")
    for money in ("raised_usd", "not_raised_usd"):
        frame[money] = frame[money].astype("Int64")
    frame["rounds"] = frame["rounds"].astype("int64")
    frame["role_inferred"] = frame["role_inferred"].fillna(False).astype(bool)
    return frame[COMPANY_COLUMNS]


def _categories_text(engine: Engine, zh: bool) -> Any:
    links = company_category_links()
    category = aliased(m.Category)
    pairs = (
        select(links.c.company_id, category_label(category, zh).label("label"))
        .join(category, col(category.id) == links.c.category_id)
        .distinct()
        .subquery()
    )
    return (
        select(pairs.c.company_id, joined_text(engine, pairs.c.label).label("categories"))
        .group_by(pairs.c.company_id)
        .subquery()
    )


def _funding_totals(notes_only: bool) -> Any:
    rounds = _rounds(notes_only).subquery()
    raised = counts_as_raised(rounds.c.status, rounds.c.round_type)
    return (
        select(
            rounds.c.company_id,
            func.count(rounds.c.id).label("rounds"),
            cast(func.sum(case((raised, rounds.c.amount_usd))), BigInteger).label("raised_usd"),
            cast(func.sum(case((raised, None), else_=rounds.c.amount_usd)), BigInteger).label(
                "not_raised_usd"
            ),
        )
        .group_by(rounds.c.company_id)
        .subquery()
    )


def _investors_text(engine: Engine, notes_only: bool) -> Any:
    investments = _investments(notes_only)
    pairs = select(investments.c.company_id, investments.c.investor).distinct().subquery()
    return (
        select(pairs.c.company_id, joined_text(engine, pairs.c.investor).label("investors"))
        .group_by(pairs.c.company_id)
        .subquery()
    )
