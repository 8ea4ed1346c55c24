"""Channel versus model: where each company stands, what the sources claim, and where the
money went.

A company's **model ownership** is the strongest way it uses a model, itself or through its
products: calls an API (1), fine-tunes (2), trains its own (3); developing a model counts as
training its own. Its **distribution** is a tier: it owns a channel (its thesis role is
``channel_owner``, 3); else the largest users figure on record for it, its products or its
models reaches a million (2), or is below that (1); else nothing is on record (0).

A fact that rests on a source of kind ``inference`` (the project's own inference, not a
source's words) is flagged wherever the quadrant uses it: the role, each model use, the place.
"""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, Float, Integer, case, cast, func, literal, select, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import (
    AnySelect,
    category_label,
    counts_as_raised,
    joined_text,
    notes_filter,
    partial_dates,
    quote_text,
    read_frame,
    round_not_raised_usd,
    round_raised_usd,
    source_text,
    usd_total,
    year_of,
)
from landscape.queries.funding import sources_per_group
from landscape.queries.inference import (
    INFERENCE,
    INFERENCE_MARK,
    rests_on_inference,
    role_basis,
    role_label,
)

OWNERSHIP = {1: "calls an API", 2: "fine-tunes a model", 3: "trains its own model"}
REACH = {
    0: "no user figure on record",
    1: "users on record, under 1M",
    2: "1M users or more",
    3: "owns a distribution channel",
}
STANCES = {
    "favours_channel": "Favours the channel",
    "favours_applications": "Favours applications",
    "favours_model": "Favours the model",
    "neutral": "Neutral",
}
# What the argument says for a side that no claim on record takes.
NO_CLAIM = "No claim on record takes this side."
# ChatGPT's milestone in the notes: a million users five days after launch.
MILLION_USERS = 1_000_000
UNASSIGNED_ROLE = "unassigned"
# The roles that take part in the argument, in the order the page lists them.
ROLES_FIRST = (
    m.ThesisRole.channel_owner,
    m.ThesisRole.model_builder,
    m.ThesisRole.application_builder,
)
# How many names a corner lists before it says how many more sit there.
CORNER_NAMES = 12
# Where the quadrant splits: owning the model means training it (3); owning distribution means
# a channel or a million users (2 and up).
OWNS_MODEL_FROM = 3
OWNS_CHANNEL_FROM = 2
# The four corners, by (owns the model, owns the channel): their name and what sitting there means.
CORNERS = {
    (False, True): (
        "Owns the channel, rents the model",
        "The notes' bet: a product people already use adds AI on someone else's model, and "
        "keeps the users and the revenue.",
    ),
    (True, True): (
        "Owns model and channel",
        "Trains its own model and already reaches users at scale: both sides of the argument "
        "in one company.",
    ),
    (False, False): (
        "Rents the model, no channel yet",
        "Builds on someone else's model (an API or a fine-tune) without a channel or a million "
        "users on record: the thesis says it still has to win its distribution.",
    ),
    (True, False): (
        "Owns the model, not the channel",
        "Pays the model's up-front costs (data, compute, people) without a channel or a million "
        "users on record to earn them back.",
    ),
}

QUADRANT_COLUMNS = [
    *("company", "thesis_role", "role_label", "role_inferred", "role_basis", "category"),
    *("ownership", "ownership_label", "ownership_inferred", "model_evidence"),
    *("users", "reach", "reach_label", "reach_inferred", "placement_inferred", "corner"),
    *("funding_usd", "not_raised_usd", "rounds", "undisclosed_rounds", "sources", "reason"),
]


def _model_evidence(notes_only: bool) -> Any:
    """Subquery: (company_id, score, what, inferred) for every model use and every model
    developed; ``inferred`` when the fact rests on the project's inference."""
    use, product, model = m.ModelUse, m.Product, m.AIModel
    score = case(
        (col(use.how) == m.UseKind.trains_own, 3),
        (col(use.how) == m.UseKind.fine_tunes, 2),
        else_=1,
    )
    how_text = case(
        (col(use.how) == m.UseKind.trains_own, "trains "),
        (col(use.how) == m.UseKind.fine_tunes, "fine-tunes "),
        else_="calls the API of ",
    )
    product_prefix = func.coalesce(col(product.name) + literal(": "), literal(""))
    use_inferred = rests_on_inference("model_use_id", col(use.id))
    uses = (
        select(
            func.coalesce(col(use.company_id), col(product.company_id)).label("company_id"),
            score.label("score"),
            (product_prefix + how_text + col(model.name) + _mark(use_inferred)).label("what"),
            case((use_inferred, 1), else_=0).label("inferred"),
        )
        .join(model, col(model.id) == col(use.model_id))
        .outerjoin(product, col(product.id) == col(use.product_id))
        .where(notes_filter("model_use_id", col(use.id), notes_only))
    )
    # Making a model is the same fact as a trains-its-own use of it: inferred if either is.
    own_use = aliased(m.ModelUse)
    inferred_own_use = (
        select(col(own_use.id))
        .where(
            col(own_use.model_id) == col(model.id),
            col(own_use.company_id) == col(model.developer_id),
            col(own_use.how) == m.UseKind.trains_own,
            rests_on_inference("model_use_id", col(own_use.id)),
        )
        .exists()
    )
    model_inferred = rests_on_inference("model_id", col(model.id)) | inferred_own_use
    developed: AnySelect = select(
        col(model.developer_id).label("company_id"),
        literal(3).label("score"),
        (literal("develops ") + col(model.name) + _mark(model_inferred)).label("what"),
        case((model_inferred, 1), else_=0).label("inferred"),
    ).where(
        col(model.developer_id).is_not(None), notes_filter("model_id", col(model.id), notes_only)
    )
    return union_all(uses, developed).subquery("evidence")


def _mark(inferred: ColumnElement[bool]) -> Any:
    """The inference mark after a fact's text when ``inferred``, else nothing."""
    return case((inferred, literal(INFERENCE_MARK)), else_=literal(""))


def _company_key(company_id: Any) -> Any:
    """A subquery's ``company_id`` drawn from COALESCE, typed as an integer again: SQLite gives
    an untyped column no index to join the companies by, so the quadrant read every subquery
    row for each company (5.4 s at 10,000 companies)."""
    return cast(company_id, Integer).label("company_id")


def _ownership(engine: Engine, notes_only: bool) -> Any:
    """Subquery: each company's strongest model use, the strongest one no inference carries
    (``sourced``), and the uses as text."""
    evidence = _model_evidence(notes_only)
    distinct = select(evidence).distinct().subquery()
    return (
        select(
            _company_key(distinct.c.company_id),
            func.max(distinct.c.score).label("ownership"),
            func.max(case((distinct.c.inferred == 0, distinct.c.score))).label("sourced"),
            joined_text(engine, distinct.c.what).label("model_evidence"),
        )
        .group_by(distinct.c.company_id)
        .subquery("ownership")
    )


def _users(notes_only: bool) -> Any:
    metric, product, model = m.Metric, aliased(m.Product), aliased(m.AIModel)
    company_id = func.coalesce(
        col(metric.company_id), col(product.company_id), col(model.developer_id)
    )
    conditions: list[ColumnElement[bool]] = [col(metric.name) == m.MetricName.users]
    conditions.append(notes_filter("metric_id", col(metric.id), notes_only))
    return (
        select(_company_key(company_id), func.max(col(metric.value)).label("users"))
        .outerjoin(product, col(product.id) == col(metric.product_id))
        .outerjoin(model, col(model.id) == col(metric.model_id))
        .where(*conditions)
        .group_by(company_id)
        .subquery("users")
    )


def _funding(notes_only: bool) -> Any:
    """Subquery: each company's money raised (``counts_as_raised``), the amounts on record that
    are not raised (pledges, reported or in-talks sums...), its rounds and undisclosed rounds."""
    rounds = m.FundingRound
    conditions: list[ColumnElement[bool]] = [
        notes_filter("funding_round_id", col(rounds.id), notes_only)
    ]
    return (
        select(
            col(rounds.company_id),
            round_raised_usd(rounds).label("funding_usd"),
            round_not_raised_usd(rounds).label("not_raised_usd"),
            func.count(col(rounds.id)).label("rounds"),
            func.sum(case((col(rounds.amount_usd).is_(None), 1), else_=0)).label(
                "undisclosed_rounds"
            ),
        )
        .where(*conditions)
        .group_by(col(rounds.company_id))
        .subquery("funding")
    )


def _sources(engine: Engine, notes_only: bool) -> Any:
    """Subquery: (company_id, sources): the titles of the sources behind the facts a company's
    place in the quadrant rests on (its own row, model uses, models, users figures, rounds)."""
    use, product, model, metric = m.ModelUse, aliased(m.Product), aliased(m.AIModel), m.Metric
    rounds = m.FundingRound

    def cited(column: str, company_id: Any, fact_id: Any, *conditions: Any) -> Any:
        citation = getattr(m.Citation, column)
        notes = notes_filter(column, fact_id, notes_only)
        return (
            select(company_id.label("company_id"), col(m.Source.title).label("title"))
            .join(m.Citation, citation == fact_id)
            .join(m.Source, col(m.Source.id) == col(m.Citation.source_id))
            .where(company_id.is_not(None), *conditions, notes)
        )

    parts = [
        cited(
            "model_use_id", func.coalesce(col(use.company_id), col(product.company_id)), col(use.id)
        ).outerjoin(product, col(product.id) == col(use.product_id)),
        cited("model_id", col(model.developer_id), col(model.id)),
        cited(
            "metric_id",
            func.coalesce(col(metric.company_id), col(product.company_id), col(model.developer_id)),
            col(metric.id),
            col(metric.name) == m.MetricName.users,
        )
        .outerjoin(product, col(product.id) == col(metric.product_id))
        .outerjoin(model, col(model.id) == col(metric.model_id)),
        cited("funding_round_id", col(rounds.company_id), col(rounds.id)),
        cited("company_id", col(m.Company.id), col(m.Company.id)),
    ]
    distinct = union_all(*parts).subquery()
    distinct = select(distinct).distinct().subquery()
    return (
        select(
            _company_key(distinct.c.company_id),
            joined_text(engine, distinct.c.title).label("sources"),
        )
        .group_by(distinct.c.company_id)
        .subquery("sources")
    )


def _first_category(zh: bool) -> Any:
    return (
        select(category_label(m.Category, zh))
        .join(m.CompanyCategory, col(m.CompanyCategory.category_id) == col(m.Category.id))
        .where(col(m.CompanyCategory.company_id) == col(m.Company.id))
        .order_by(col(m.Category.position), col(m.Category.id))
        .limit(1)
        .correlate(m.Company)
        .scalar_subquery()
    )


def quadrant(engine: Engine, zh: bool = False, notes_only: bool = False) -> pd.DataFrame:
    """Every company with its model ownership (1–3, or empty when nothing is on record), its
    distribution tier (0–3), its largest users figure, the money it raised and its category;
    its corner of the quadrant, or the ``reason`` it has none; and which of these rest on the
    project's inference (``role_inferred`` with its ``role_basis``, ``ownership_inferred``,
    ``reach_inferred``, ``placement_inferred``); ``role_label`` is the role for reading, marked
    when inferred.

    ``zh`` names categories by their Chinese labels.
    """
    company = m.Company
    ownership, users = _ownership(engine, notes_only), _users(notes_only)
    funding, sources = _funding(notes_only), _sources(engine, notes_only)
    basis = role_basis(engine)
    is_channel_owner = col(company.thesis_role) == m.ThesisRole.channel_owner
    reach = case(
        (is_channel_owner, 3),
        (users.c.users >= MILLION_USERS, 2),
        (users.c.users > 0, 1),
        else_=0,
    )
    statement = (
        select(
            col(company.name).label("company"),
            func.coalesce(col(company.thesis_role), UNASSIGNED_ROLE).label("thesis_role"),
            basis.c.basis.is_not(None).label("role_inferred"),
            basis.c.basis.label("role_basis"),
            func.coalesce(_first_category(zh), "uncategorised").label("category"),
            ownership.c.ownership,
            (ownership.c.ownership > func.coalesce(ownership.c.sourced, 0)).label(
                "ownership_inferred"
            ),
            ownership.c.model_evidence,
            users.c.users,
            reach.label("reach"),
            (is_channel_owner & basis.c.basis.is_not(None)).label("reach_inferred"),
            func.coalesce(funding.c.funding_usd, 0).label("funding_usd"),
            func.coalesce(funding.c.not_raised_usd, 0).label("not_raised_usd"),
            func.coalesce(funding.c.rounds, 0).label("rounds"),
            func.coalesce(funding.c.undisclosed_rounds, 0).label("undisclosed_rounds"),
            sources.c.sources,
        )
        .outerjoin(ownership, ownership.c.company_id == col(company.id))
        .outerjoin(users, users.c.company_id == col(company.id))
        .outerjoin(funding, funding.c.company_id == col(company.id))
        .outerjoin(sources, sources.c.company_id == col(company.id))
        .outerjoin(basis, basis.c.company_id == col(company.id))
        .where(notes_filter("company_id", col(company.id), notes_only))
        .order_by(col(company.name))
    )
    frame = read_frame(engine, statement)
    frame["ownership"] = frame["ownership"].astype("Int64")
    frame["ownership_label"] = frame["ownership"].map(OWNERSHIP)
    frame["reach_label"] = frame["reach"].map(REACH)
    flags = ["role_inferred", "ownership_inferred", "reach_inferred"]
    frame[flags] = frame[flags].fillna(False).astype(bool)
    frame["role_label"] = [
        role_label(role, inferred)
        for role, inferred in zip(frame["thesis_role"], frame["role_inferred"], strict=True)
    ]
    placed = frame["ownership"].notna()
    frame["ownership_inferred"] &= placed
    frame["placement_inferred"] = placed & (frame["ownership_inferred"] | frame["reach_inferred"])
    frame["corner"] = [
        corner_of(ownership, reach) if has_place else None
        for ownership, reach, has_place in zip(
            frame["ownership"], frame["reach"], placed, strict=True
        )
    ]
    frame["reason"] = placed.map({True: None, False: _no_model_reason(notes_only)})
    return frame[QUADRANT_COLUMNS]


def _no_model_reason(notes_only: bool) -> str:
    """Why a company has no place: the x axis needs a model use."""
    if notes_only:
        return "no model use or model of its own that the notes cite"
    return "no model use or model of its own on record"


def corner_of(ownership: int, reach: int) -> str:
    """The name of the corner a model ownership and a distribution tier fall in."""
    return CORNERS[(ownership >= OWNS_MODEL_FROM, reach >= OWNS_CHANNEL_FROM)][0]


def _first_names(names: list[str]) -> str:
    """The first ``CORNER_NAMES`` names, then how many more there are."""
    shown = "; ".join(names[:CORNER_NAMES])
    more = len(names) - CORNER_NAMES
    return f"{shown}; and {more:,} more" if more > 0 else shown


def corners(companies: pd.DataFrame) -> pd.DataFrame:
    """The four corners of the quadrant (a ``quadrant`` frame in): each one's name, what sitting
    there means, how many companies sit there and who (an inferred place marked as such), and
    the money they raised together."""
    rows = []
    for name, meaning in CORNERS.values():
        inside = companies[companies["corner"] == name]
        who = [
            company + (INFERENCE_MARK if inferred else "")
            for company, inferred in zip(
                inside["company"], inside["placement_inferred"], strict=True
            )
        ]
        rows.append(
            {
                "corner": name,
                "meaning": meaning,
                "count": len(who),
                "companies": _first_names(who),
                "raised_usd": int(inside["funding_usd"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=["corner", "meaning", "count", "companies", "raised_usd"])


def claim_stances(engine: Engine, notes_only: bool = False) -> list[str]:
    """The stances the claims on record take, most frequent first."""
    conditions: list[ColumnElement[bool]] = [notes_filter("claim_id", col(m.Claim.id), notes_only)]
    statement = (
        select(col(m.Claim.stance))
        .where(*conditions)
        .group_by(col(m.Claim.stance))
        .order_by(func.count(col(m.Claim.id)).desc(), col(m.Claim.stance))
    )
    return read_frame(engine, statement)["stance"].tolist()


def claims(engine: Engine, stances: tuple[str, ...] = (), notes_only: bool = False) -> pd.DataFrame:
    """Claims with their stance, speaker, the companies they concern, sources and quotes."""
    claim = m.Claim
    named = (
        select(col(m.ClaimCompany.claim_id), col(m.Company.name))
        .join(m.Company, col(m.Company.id) == col(m.ClaimCompany.company_id))
        .distinct()
        .subquery()
    )
    companies = (
        select(joined_text(engine, named.c.name))
        .where(named.c.claim_id == col(claim.id))
        .scalar_subquery()
    )
    conditions: list[ColumnElement[bool]] = []
    if stances:
        conditions.append(col(claim.stance).in_(stances))
    conditions.append(notes_filter("claim_id", col(claim.id), notes_only))
    statement = (
        select(
            col(claim.stance),
            col(claim.statement),
            col(claim.summary_en),
            col(claim.speaker),
            col(claim.topic),
            companies.label("companies"),
            source_text(engine, "claim_id", col(claim.id)).label("sources"),
            quote_text(engine, "claim_id", col(claim.id)).label("quotes"),
        )
        .where(*conditions)
        .order_by(col(claim.stance), col(claim.id))
    )
    frame = read_frame(engine, statement)
    text = ["summary_en", "speaker", "companies", "sources", "quotes"]
    frame[text] = frame[text].astype(object).where(frame[text].notna(), "")
    return frame


def sides(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """The notes' words for each side of the argument: per stance that takes a side, its first
    claim (one on channel versus model first), with its English summary and sources; a side no
    claim takes has a row with an empty ``statement``."""
    claim = m.Claim
    rank = (
        func.row_number()
        .over(
            partition_by=col(claim.stance),
            order_by=(case((col(claim.topic) == "channel_vs_model", 0), else_=1), col(claim.id)),
        )
        .label("rank")
    )
    ranked = (
        select(
            col(claim.stance),
            col(claim.statement),
            col(claim.summary_en),
            col(claim.speaker),
            source_text(engine, "claim_id", col(claim.id)).label("sources"),
            rank,
        )
        .where(
            col(claim.stance) != m.ClaimStance.neutral,
            notes_filter("claim_id", col(claim.id), notes_only),
        )
        .subquery()
    )
    statement = (
        select(ranked.c.stance, ranked.c.statement, ranked.c.summary_en, ranked.c.speaker)
        .add_columns(ranked.c.sources)
        .where(ranked.c.rank == 1)
        .order_by(ranked.c.stance)
    )
    frame = read_frame(engine, statement).set_index("stance")
    taking_sides = [stance for stance in STANCES if stance != m.ClaimStance.neutral]
    others = sorted(set(frame.index) - set(taking_sides))
    frame = frame.reindex(taking_sides + others).rename_axis("stance").reset_index()
    frame["label"] = [STANCES.get(stance, stance.replace("_", " ")) for stance in frame["stance"]]
    return frame


def funding_by_role(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Per year and thesis role of the company raising: USD raised (``counts_as_raised``), its
    share of the year's money raised, rounds and undisclosed rounds."""
    rounds = m.FundingRound
    year = year_of(col(rounds.announced_on))
    role = func.coalesce(col(m.Company.thesis_role), UNASSIGNED_ROLE)
    conditions: list[ColumnElement[bool]] = [col(rounds.announced_on).is_not(None)]
    conditions.append(counts_as_raised(col(rounds.status), col(rounds.round_type)))
    conditions.append(notes_filter("funding_round_id", col(rounds.id), notes_only))
    amount = usd_total(col(rounds.amount_usd))
    year_total = func.sum(amount).over(partition_by=year)
    share = cast(amount, Float) / func.nullif(cast(year_total, Float), 0)
    totals = (
        select(
            year.label("year"),
            role.label("role"),
            amount.label("amount_usd"),
            share.label("share"),
            func.count(col(rounds.id)).label("rounds"),
            func.sum(case((col(rounds.amount_usd).is_(None), 1), else_=0)).label("undisclosed"),
        )
        .join(m.Company, col(m.Company.id) == col(rounds.company_id))
        .where(*conditions)
        .group_by(year, role)
        .subquery()
    )
    sources = sources_per_group(engine, {"year": year, "role": role}, conditions)
    statement = (
        select(totals, sources.c.sources)
        .outerjoin(sources, (sources.c.year == totals.c.year) & (sources.c.role == totals.c.role))
        .order_by(totals.c.year, totals.c.role)
    )
    return read_frame(engine, statement)


def builder_shares(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Per year: the USD raised by model builders and by application builders, the
    application builders' share of the two, and the dated rounds counted, undisclosed and left
    out of "raised" (pledges, reported or in-talks amounts...)."""
    rounds, company = m.FundingRound, m.Company
    year = year_of(col(rounds.announced_on))
    raised = counts_as_raised(col(rounds.status), col(rounds.round_type))
    role = col(company.thesis_role)

    def raised_by(wanted: m.ThesisRole) -> Any:
        return usd_total(case((raised & (role == wanted), col(rounds.amount_usd))))

    def count_of(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    model, application = (
        raised_by(m.ThesisRole.model_builder),
        raised_by(m.ThesisRole.application_builder),
    )
    builders = role.in_([m.ThesisRole.model_builder, m.ThesisRole.application_builder])
    share = cast(application, Float) / func.nullif(cast(model + application, Float), 0)
    statement = (
        select(
            year.label("year"),
            model.label("model_usd"),
            application.label("application_usd"),
            share.label("application_share"),
            count_of(raised).label("rounds"),
            count_of(raised & col(rounds.amount_usd).is_(None)).label("undisclosed"),
            count_of(~raised).label("not_raised"),
        )
        .join(company, col(company.id) == col(rounds.company_id))
        .where(
            col(rounds.announced_on).is_not(None),
            builders,
            notes_filter("funding_round_id", col(rounds.id), notes_only),
        )
        .group_by(year)
        .order_by(year)
    )
    return read_frame(engine, statement)


def stance_counts(engine: Engine, notes_only: bool = False) -> pd.DataFrame:
    """Per stance: the claims that take it, how many a source other than the project's own
    inference supports (``sourced``), and how many rest on inference alone."""
    claim, citation = m.Claim, m.Citation
    sourced = (
        select(col(citation.id))
        .join(m.Source, col(m.Source.id) == col(citation.source_id))
        .where(col(citation.claim_id) == col(claim.id), col(m.Source.kind) != INFERENCE)
        .exists()
    )
    statement = (
        select(
            col(claim.stance),
            func.count(col(claim.id)).label("claims"),
            func.sum(case((sourced, 1), else_=0)).label("sourced"),
            func.sum(case((sourced, 0), else_=1)).label("inferred"),
        )
        .where(notes_filter("claim_id", col(claim.id), notes_only))
        .group_by(col(claim.stance))
    )
    frame = read_frame(engine, statement).set_index("stance")
    known = list(STANCES) + sorted(set(frame.index) - set(STANCES))
    frame = frame.reindex(known, fill_value=0).rename_axis("stance").reset_index()
    frame["label"] = [STANCES.get(stance, stance.replace("_", " ")) for stance in frame["stance"]]
    return frame[["stance", "label", "claims", "sourced", "inferred"]]


def notes_written(engine: Engine) -> str | None:
    """When the founding notes were written, at the precision on record (``2023-02``)."""
    source = m.Source
    statement = (
        select(col(source.published_on), col(source.published_precision))
        .where(col(source.kind) == m.SourceKind.notes, col(source.published_on).is_not(None))
        .order_by(col(source.published_on))
        .limit(1)
    )
    frame = read_frame(engine, statement)
    return partial_dates(frame, "published_on", "published_precision")[0] if len(frame) else None
