"""Write functions: add and edit companies, products, funding rounds, metrics, events and
sources, each new fact with its citation.

Every function takes keyword-only arguments and the Session first; it adds and flushes but
never commits, so the caller's transaction decides (``db.session_scope`` commits on success and
rolls back on error). Input arrives validated by the models of ``landscape.schemas``; the rules
that need the database are checked here, before anything is written, and raise ``InputError``
(or ``DuplicateError``, which names the existing row): unique names under normalization, rows
that must exist, and a source for every new fact. Every citation written quotes its source
(``schemas.CitationCreate`` refuses one without a quote), so what is saved here passes
``landscape validate``.

An edit changes only the fields its Update model was given; the row that results must pass the
same rules as a new one.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import object_session
from sqlmodel import Session, SQLModel, col

from landscape import models as m
from landscape import registry
from landscape.names import normalize_name
from landscape.schemas import (
    CitationCreate,
    CompanyCreate,
    CompanyUpdate,
    DuplicateError,
    EventCreate,
    EventUpdate,
    FundingRoundCreate,
    FundingRoundUpdate,
    InputError,
    MetricCreate,
    MetricUpdate,
    ProductCreate,
    ProductUpdate,
    SourceCreate,
    SourceUpdate,
    SubjectCitationCreate,
    require_quote,
    validate,
    validate_optional,
)

Row = TypeVar("Row", bound=SQLModel)

# ---------------------------------------------------------------- one entry point


def save(
    session: Session,
    *,
    table: str,
    values: Mapping[str, Any],
    citation: Mapping[str, Any] | None = None,
    row_id: int | None = None,
) -> SQLModel:
    """Validate raw input for ``table`` and write it: a new row, or an edit of ``row_id``.

    ``values`` go to the table's Create (or Update) model. ``citation`` is the source block: a
    CitationCreate for a fact (required for a new one, optional for an edit, where an
    all-blank block means none), a SubjectCitationCreate for a source (optional); a block that
    is given needs its quote. Every
    invalid field is reported at once, citation fields under ``citation.``; nothing is written
    unless all pass.
    """
    create, update, _ = registry.record(table).form_schemas()
    citation_model = SubjectCitationCreate if table == "sources" else CitationCreate
    errors: dict[str, str] = {}
    data = cited = None
    try:
        data = validate(update if row_id is not None else create, values)
    except InputError as exc:
        errors |= exc.errors
    try:
        new_fact = table != "sources" and row_id is None
        cited = (validate if new_fact else validate_optional)(citation_model, citation or {})
    except InputError as exc:
        errors |= {f"citation.{field}": message for field, message in exc.errors.items()}
    duplicate = _clash(session, table, data, row_id) if data is not None else None
    if duplicate is not None and errors:
        raise InputError(errors | duplicate.errors, duplicate)
    if errors:
        raise InputError(errors)
    writer, editor = _WRITERS[table]
    id_name = registry.record(table).noun.replace(" ", "_") + "_id"  # funding_round_id
    citation_name = "cite_for" if table == "sources" else "citation"
    if row_id is None:
        return writer(session, data=data, **{citation_name: cited})
    return editor(session, data=data, **{id_name: row_id, citation_name: cited})


def _clash(
    session: Session, table: str, data: SQLModel, row_id: int | None
) -> DuplicateError | None:
    """A name clash, found early so that it is reported with the other errors."""
    try:
        if table == "companies" and data.name is not None:  # type: ignore[attr-defined]
            companies = registry.record("companies")
            _check_name(session, companies, data.name, {}, row_id)  # type: ignore[attr-defined]
        elif table == "sources" and row_id is None:
            _check_source_key(session, data)  # type: ignore[arg-type]
    except DuplicateError as exc:
        return exc
    return None


# ---------------------------------------------------------------- companies and products

# Said when a unique name is taken between the check and the write (another session won).
_NAME_TAKEN = {
    "companies": "A company with this name was just added.",
    "products": "This company already has a product with this name.",
}


def create_company(session: Session, *, data: CompanyCreate, citation: CitationCreate) -> m.Company:
    """Add a company with its categories, cited by ``citation``."""
    return _create_named(session, m.Company, data, citation)


def update_company(
    session: Session,
    *,
    company_id: int,
    data: CompanyUpdate,
    citation: CitationCreate | None = None,
) -> m.Company:
    """Change the fields ``data`` gives; ``categories``, when given, replaces the set."""
    return _update_named(session, m.Company, company_id, data, citation)


def create_product(session: Session, *, data: ProductCreate, citation: CitationCreate) -> m.Product:
    """Add a product of ``data.company_id`` with its categories, cited by ``citation``."""
    return _create_named(session, m.Product, data, citation)


def update_product(
    session: Session,
    *,
    product_id: int,
    data: ProductUpdate,
    citation: CitationCreate | None = None,
) -> m.Product:
    """Change the fields ``data`` gives; ``categories``, when given, replaces the set."""
    return _update_named(session, m.Product, product_id, data, citation)


def _create_named(session: Session, table: type[Row], data: Any, citation: CitationCreate) -> Row:
    """Add a row with a unique name and categories (a company, a product), cited."""
    record = registry.record_of(table)
    _, _, base = record.form_schemas()
    scope = _name_scope(session, record, data)
    category_ids = _category_ids(session, data.categories)
    _check_name(session, record, data.name, scope)
    row = table(**_columns(data, base) | scope)
    _add(session, row, "name", _NAME_TAKEN[record.table])
    _set_categories(session, row, category_ids)
    cite(session, citation=citation, subject=record.table, subject_id=_id(row))
    return row


def _update_named(
    session: Session, table: type[Row], row_id: int, data: Any, citation: CitationCreate | None
) -> Row:
    """Change the fields ``data`` gives of a company or a product; ``categories``, when
    given, replaces the set."""
    record = registry.record_of(table)
    create, _, _ = record.form_schemas()
    row = _get(session, table, row_id, "id")
    stored = _stored(row, create) | {column: getattr(row, column) for column in record.name_scope}
    merged: Any = _merged(create, stored | {"categories": _category_names(session, row)}, data)
    scope = _name_scope(session, record, merged)
    category_ids = _category_ids(session, merged.categories)
    _check_name(session, record, merged.name, scope, row_id)
    _assign(row, merged, data)
    for column, value in scope.items():
        setattr(row, column, value)
    if data.categories is not None:
        _set_categories(session, row, category_ids)
    _add(session, row, "name", _NAME_TAKEN[record.table])
    if citation is not None:
        cite(session, citation=citation, subject=record.table, subject_id=row_id)
    return row


def _name_scope(session: Session, record: registry.TableRecord, data: Any) -> dict[str, Any]:
    """The columns a name is unique within (a product's company), each checked to exist."""
    scope = {column: getattr(data, column) for column in record.name_scope}
    for column, value in scope.items():
        (key,) = record.sql_table.c[column].foreign_keys
        _get(session, registry.record(key.column.table.name).model, value, column)
    return scope


def _check_name(
    session: Session,
    record: registry.TableRecord,
    name: str,
    scope: Mapping[str, Any],
    own_id: int | None = None,
) -> None:
    """A DuplicateError when another row (within ``scope``) holds ``name``, normalized."""
    table = record.sql_table
    found = session.execute(
        select(table.c.id, table.c.name).where(
            table.c.name_key == normalize_name(name),
            *(table.c[column] == value for column, value in scope.items()),
        )
    ).first()
    if found is not None and found.id != own_id:
        raise DuplicateError("name", record.table, found.id, found.name)


# ---------------------------------------------------------------- funding rounds


def create_funding_round(
    session: Session, *, data: FundingRoundCreate, citation: CitationCreate
) -> m.FundingRound:
    """Add a round with its investors (the lead marked); the round and each investment cite
    ``citation``."""
    _get(session, m.Company, data.company_id, "company_id")
    _check_investors(session, data.investor_ids)
    citation = resolve_source(session, citation)
    funding_round = m.FundingRound(**_columns(data, m.FundingRoundBase))
    funding_round.company_id = data.company_id  # type: ignore[assignment]
    _add(session, funding_round)
    round_id = _id(funding_round)
    cite(session, citation=citation, subject="funding_rounds", subject_id=round_id)
    _set_investors(session, round_id, data.investor_ids, data.lead_investor_id, citation)
    return funding_round


def update_funding_round(
    session: Session,
    *,
    funding_round_id: int,
    data: FundingRoundUpdate,
    citation: CitationCreate | None = None,
) -> m.FundingRound:
    """Change the fields ``data`` gives. ``investor_ids``, when given, replaces the investors;
    a new investor needs ``citation``."""
    funding_round = _get(session, m.FundingRound, funding_round_id, "id")
    investments = _investments(session, funding_round_id)
    lead = next((i.investor_id for i in investments if i.is_lead), None)
    stored = _stored(funding_round, FundingRoundCreate) | {
        "company_id": funding_round.company_id,
        "investor_ids": [i.investor_id for i in investments],
        "lead_investor_id": lead,
    }
    if data.investor_ids is not None and "lead_investor_id" not in data.model_fields_set:
        stored["lead_investor_id"] = lead if lead in data.investor_ids else None
    merged = _merged(FundingRoundCreate, stored, data)
    _get(session, m.Company, merged.company_id, "company_id")
    _check_investors(session, merged.investor_ids)
    _assign(funding_round, merged, data, derived={"amount_usd"})
    funding_round.company_id = merged.company_id  # type: ignore[assignment]
    added = set(merged.investor_ids) - {i.investor_id for i in investments}
    if added and citation is None:
        raise InputError({"citation.source_id": "New investors need a source: pick or add one."})
    if citation is not None:
        citation = resolve_source(session, citation)
    _set_investors(
        session, funding_round_id, merged.investor_ids, merged.lead_investor_id, citation
    )
    _add(session, funding_round)
    if citation is not None:
        cite(session, citation=citation, subject="funding_rounds", subject_id=funding_round_id)
    return funding_round


def _check_investors(session: Session, investor_ids: Iterable[int]) -> None:
    wanted = set(investor_ids)
    found = set(
        session.execute(select(col(m.Company.id)).where(col(m.Company.id).in_(wanted))).scalars()
    )
    if missing := sorted(wanted - found):
        raise InputError({"investor_ids": f"No company with id {missing[0]}."})


def _investments(session: Session, funding_round_id: int) -> list[m.Investment]:
    statement = select(m.Investment).where(col(m.Investment.funding_round_id) == funding_round_id)
    return list(session.execute(statement).scalars())


def _set_investors(
    session: Session,
    funding_round_id: int,
    investor_ids: list[int],
    lead_id: int | None,
    citation: CitationCreate | None,
) -> None:
    """Make the round's investments exactly ``investor_ids``; new ones cite ``citation``."""
    existing = {i.investor_id: i for i in _investments(session, funding_round_id)}
    for investor_id, investment in existing.items():
        if investor_id not in investor_ids:
            session.delete(investment)
        else:
            investment.is_lead = investor_id == lead_id
    for investor_id in investor_ids:
        if investor_id in existing:
            continue
        investment = m.Investment(
            funding_round_id=funding_round_id,
            investor_id=investor_id,
            is_lead=investor_id == lead_id,
        )
        _add(session, investment, "investor_ids", "An investor is listed twice.")
        if citation is not None:
            cite(session, citation=citation, subject="investments", subject_id=_id(investment))


# ---------------------------------------------------------------- metrics and events


def create_metric(session: Session, *, data: MetricCreate, citation: CitationCreate) -> m.Metric:
    """Add a dated figure, cited by ``citation``."""
    return _create_fact(session, m.Metric, data, citation)


def update_metric(
    session: Session,
    *,
    metric_id: int,
    data: MetricUpdate,
    citation: CitationCreate | None = None,
) -> m.Metric:
    """Change the fields ``data`` gives."""
    return _update_fact(session, m.Metric, metric_id, data, citation)


def create_event(session: Session, *, data: EventCreate, citation: CitationCreate) -> m.Event:
    """Add a dated event, cited by ``citation``."""
    return _create_fact(session, m.Event, data, citation)


def update_event(
    session: Session,
    *,
    event_id: int,
    data: EventUpdate,
    citation: CitationCreate | None = None,
) -> m.Event:
    """Change the fields ``data`` gives; the date rule sees the merged ``expected``."""
    return _update_fact(session, m.Event, event_id, data, citation)


def _create_fact(
    session: Session, table: type[Row], data: SQLModel, citation: CitationCreate
) -> Row:
    """Add a metric or an event about its checked subject, cited by ``citation``."""
    record = registry.record_of(table)
    _, _, base = record.form_schemas()
    subject = _subject(session, data)
    row = table(**_columns(data, base) | subject)
    _add(session, row)
    cite(session, citation=citation, subject=record.table, subject_id=_id(row))
    return row


def _update_fact(
    session: Session,
    table: type[Row],
    row_id: int,
    data: SQLModel,
    citation: CitationCreate | None,
) -> Row:
    """Change the fields ``data`` gives of a metric or an event, its subject checked again."""
    record = registry.record_of(table)
    create, _, _ = record.form_schemas()
    row = _get(session, table, row_id, "id")
    stored = _stored(row, create) | _subject_values(row)
    merged = _merged(create, stored, data)
    subject = _subject(session, merged)
    _assign(row, merged, data)
    for column, value in subject.items():
        setattr(row, column, value)
    _add(session, row)
    if citation is not None:
        cite(session, citation=citation, subject=record.table, subject_id=row_id)
    return row


_SUBJECTS = (("company_id", m.Company), ("product_id", m.Product), ("model_id", m.AIModel))


def _subject_values(row: SQLModel) -> dict[str, Any]:
    return {column: getattr(row, column) for column, _ in _SUBJECTS}


def _subject(session: Session, data: SQLModel) -> dict[str, int | None]:
    """The company / product / model a metric or event is about, each checked to exist."""
    values = _subject_values(data)
    for column, table in _SUBJECTS:
        if values[column] is not None:
            _get(session, table, values[column], column)
    product_id = values["product_id"]
    if product_id is not None and values["company_id"] is not None:
        product = session.get(m.Product, product_id)
        if product is not None and product.company_id != values["company_id"]:
            raise InputError({"product_id": "This product belongs to another company."})
    return values


# ---------------------------------------------------------------- sources and citations


def create_source(
    session: Session, *, data: SourceCreate, cite_for: SubjectCitationCreate | None = None
) -> m.Source:
    """Add a source; ``cite_for`` also cites it for an existing fact."""
    _check_source_key(session, data)
    source = m.Source(**_columns(data, m.SourceBase))
    _add(session, source, "url", "A source with this address was just added.")
    if cite_for is not None:
        _cite_row(session, _id(source), cite_for)
    return source


def update_source(
    session: Session,
    *,
    source_id: int,
    data: SourceUpdate,
    cite_for: SubjectCitationCreate | None = None,
) -> m.Source:
    """Change the fields ``data`` gives; ``cite_for`` also cites it for an existing fact."""
    source = _get(session, m.Source, source_id, "id")
    merged = _merged(SourceCreate, _stored(source, SourceCreate), data)
    _check_source_key(session, merged, source_id)
    _assign(source, merged, data)
    _add(session, source, "url", "A source with this address already exists.")
    if cite_for is not None:
        _cite_row(session, source_id, cite_for)
    return source


def source_key(data: m.SourceBase) -> str:
    """What makes a source unique: its address, or else its title under normalization."""
    return (data.url or "").strip() or normalize_name(data.title)


def _check_source_key(session: Session, data: m.SourceBase, own_id: int | None = None) -> None:
    found = session.execute(
        select(col(m.Source.id), col(m.Source.title)).where(
            col(m.Source.url_key) == source_key(data)
        )
    ).first()
    if found is not None and found.id != own_id:
        raise DuplicateError("url" if data.url else "title", "sources", found.id, found.title)


def cite(
    session: Session, *, citation: CitationCreate, subject: str, subject_id: int
) -> m.Citation:
    """Cite a source (existing, or added now) for the row ``subject_id`` of table ``subject``.

    Errors name their field under ``citation.`` (``citation.source.title``).
    """
    citation = resolve_source(session, citation)
    row = SubjectCitationCreate(
        subject=subject, subject_id=subject_id, quote=citation.quote, note=citation.note
    )
    return _cite_row(session, citation.source_id, row)  # type: ignore[arg-type]


def resolve_source(session: Session, citation: CitationCreate) -> CitationCreate:
    """The citation with its source as an id: a new source is added (once), an id checked."""
    if citation.source is None:
        _get(session, m.Source, citation.source_id, "citation.source_id")
        return citation
    try:
        source = create_source(session, data=citation.source)
    except InputError as exc:
        raise _prefixed(exc, "citation.source.") from None
    return citation.model_copy(update={"source_id": _id(source), "source": None})


def _cite_row(session: Session, source_id: int, data: SubjectCitationCreate) -> m.Citation:
    subject = registry.citable()[data.subject]  # SubjectCitationCreate checked the table
    _get(session, subject.model, data.subject_id, "subject_id")
    source = session.get(m.Source, source_id)
    citation = m.Citation(
        source_id=source_id,
        quote=require_quote(data.quote),  # already checked: SubjectCitationCreate requires it
        quote_language=source.language if source else None,
        note=data.note,
    )
    setattr(citation, m.CITABLE[data.subject], data.subject_id)
    _add(session, citation)
    return citation


def _prefixed(exc: InputError, prefix: str) -> InputError:
    if isinstance(exc, DuplicateError):
        return DuplicateError(prefix + exc.field, exc.table, exc.existing_id, exc.existing_name)
    return InputError({prefix + field: message for field, message in exc.errors.items()})


# ---------------------------------------------------------------- looking rows up by name


def by_name(session: Session, values: Mapping[str, Any]) -> dict[str, Any]:
    """Input that names rows, as the command line gives it, with ids in their place.

    ``company``, ``product``, ``investors`` and ``lead`` (company and product names) become
    ``company_id``, ``product_id``, ``investor_ids`` and ``lead_investor_id``; ``source_ref``
    (an id, a web address or a title) becomes ``source_id``; ``cite_company`` becomes the
    subject of a source's citation. An unknown name is an InputError on its own key.
    """
    out = dict(values)
    if (company := out.pop("company", None)) is not None:
        out["company_id"] = find_company_id(session, company)
    if (product := out.pop("product", None)) is not None:
        out["product_id"] = find_product_id(session, product, out.get("company_id"))
    if (investors := out.pop("investors", None)) is not None:
        out["investor_ids"] = [find_company_id(session, name, "investors") for name in investors]
    if (lead := out.pop("lead", None)) is not None:
        out["lead_investor_id"] = find_company_id(session, lead, "lead")
    if (source := out.pop("source_ref", None)) is not None:
        out["source_id"] = int(source) if str(source).isdigit() else find_source_id(session, source)
    if (cited := out.pop("cite_company", None)) is not None:
        out["subject"] = "companies"
        out["subject_id"] = find_company_id(session, cited, "cite_company")
    return out


def find_row_id(session: Session, table: str, key: str) -> int:
    """A row's id from its id, or for companies and sources from a name, address or title."""
    if key.isdigit():
        return int(key)
    if table == "companies":
        return find_company_id(session, key, "id")
    if table == "sources":
        return find_source_id(session, key)
    raise InputError({"id": f"{key!r} is not an id: give the number."})


def find_company_id(session: Session, name: str, field: str = "company") -> int:
    """The id of the company named ``name`` (under normalization), or an InputError."""
    found = session.execute(
        select(col(m.Company.id)).where(col(m.Company.name_key) == normalize_name(name))
    ).scalar_one_or_none()
    if found is None:
        raise InputError({field: f"No company named {name!r}."})
    return int(found)


def find_product_id(session: Session, name: str, company_id: int | None = None) -> int:
    """The id of the product named ``name``, narrowed to a company when given."""
    statement = select(col(m.Product.id)).where(col(m.Product.name_key) == normalize_name(name))
    if company_id is not None:
        statement = statement.where(col(m.Product.company_id) == company_id)
    ids = list(session.execute(statement).scalars())
    if len(ids) != 1:
        which = "No product" if not ids else f"{len(ids)} products"
        raise InputError({"product": f"{which} named {name!r}; name its company too."})
    return int(ids[0])


def find_source_id(session: Session, key: str) -> int:
    """The id of the source with this address or title (under normalization)."""
    found = session.execute(
        select(col(m.Source.id)).where(
            col(m.Source.url_key).in_([key.strip(), normalize_name(key)])
        )
    ).scalar()
    if found is None:
        raise InputError({"source": f"No source with the id, address or title {key!r}."})
    return int(found)


# ---------------------------------------------------------------- helpers


def _id(row: SQLModel) -> int:
    return int(row.id)  # type: ignore[attr-defined]


def _get(session: Session, table: type[Row], row_id: int | None, field: str) -> Row:
    row = session.get(table, row_id) if row_id is not None else None
    if row is None:
        noun = registry.record_of(table).noun
        raise InputError({field: f"No {noun} with id {row_id}."})
    return row


def _add(session: Session, row: SQLModel, field: str = "form", message: str = "") -> None:
    """Add and flush; a unique-key race becomes an InputError on ``field``."""
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise InputError({field: message or f"The database refused the row: {reason}"}) from None


def _columns(data: SQLModel, base: type[SQLModel]) -> dict[str, Any]:
    """The values of ``data`` that are columns of ``base``."""
    return {name: getattr(data, name) for name in base.model_fields}


def _stored(row: SQLModel, create: type[SQLModel]) -> dict[str, Any]:
    """A stored row as input to its Create model: columns, and each date as (day, precision)."""
    _, _, base = registry.record_of(type(row)).form_schemas()
    values = _columns(row, base)
    for text_field, (date_field, precision_field) in create.DATES.items():  # type: ignore[attr-defined]
        day = values[date_field]
        values[text_field] = (day, values[precision_field]) if day is not None else None
    return values


def _merged(create: type[Row], stored: Mapping[str, Any], changes: SQLModel) -> Row:
    """The row an edit would leave, validated by the Create model's rules."""
    given = changes.model_dump(exclude_unset=True)
    return validate(create, {**stored, **given})


def _assign(
    row: SQLModel, merged: SQLModel, changes: SQLModel, derived: Iterable[str] = ()
) -> None:
    """Set on ``row`` only the columns the edit gave (and those derived from them)."""
    _, _, base = registry.record_of(type(row)).form_schemas()
    given = set(changes.model_fields_set)
    for text_field, columns in type(merged).DATES.items():  # type: ignore[attr-defined]
        if text_field in given:
            given.update(columns)
    for name in base.model_fields:
        if name in given or (name in derived and getattr(row, name) != getattr(merged, name)):
            setattr(row, name, getattr(merged, name))


def _category_ids(session: Session, names: Iterable[str] | None) -> list[int]:
    """Category ids for names (under normalization); an unknown name is an InputError."""
    ids: list[int] = []
    for name in names or []:
        found = session.execute(
            select(col(m.Category.id)).where(col(m.Category.name_key) == normalize_name(name))
        ).scalar_one_or_none()
        if found is None:
            raise InputError({"categories": f"No category named {name!r}."})
        if found not in ids:
            ids.append(int(found))
    return ids


def _category_link(row: SQLModel) -> registry.Link:
    """The link table that holds the categories of ``row`` (a company, a product)."""
    table = registry.record_of(type(row)).table
    return next(k for k in registry.links() if k.owner == table and k.column == "categories")


def _category_names(session: Session, row: SQLModel) -> list[str]:
    """The names of the categories ``row`` is in, by name."""
    link = _category_link(row)
    table = registry.record_of(link.model).sql_table
    statement = (
        select(col(m.Category.name))
        .join(table, table.c[link.linked_column] == col(m.Category.id))
        .where(table.c[link.owner_column] == _id(row))
        .order_by(col(m.Category.name))
    )
    return list(session.execute(statement).scalars())


def _set_categories(session: Session, row: SQLModel, ids: list[int]) -> None:
    """Make the categories of ``row`` exactly ``ids``."""
    link = _category_link(row)
    owner = getattr(link.model, link.owner_column)
    session.execute(delete(link.model).where(owner == _id(row)))
    for category_id in ids:
        session.add(link.model(**{link.owner_column: _id(row), link.linked_column: category_id}))
    session.flush()


# The write functions of each table people add and edit (``registry.forms()``).
_WRITERS: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "companies": (create_company, update_company),
    "products": (create_product, update_product),
    "funding_rounds": (create_funding_round, update_funding_round),
    "metrics": (create_metric, update_metric),
    "events": (create_event, update_event),
    "sources": (create_source, update_source),
}


def describe(row: SQLModel) -> str:
    """The one human name of a saved row (``registry.row_name``), for messages."""
    record = registry.record_of(type(row))
    row_id = getattr(row, "id", None)
    session = object_session(row)
    if session is None or row_id is None or record.name_query is None:
        return f"{record.noun} {row_id or ''}".strip()
    session.flush()
    return registry.row_name(session.connection(), record.table, row_id)
