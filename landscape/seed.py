"""Load the seed (``seed/*.yml``) into a database, idempotently.

Each seed file is a YAML list of entries for one table, loaded in ``SEED_FILES`` order. An entry
names what it refers to (``company: OpenAI``), gives partial dates as text (``2020-06``,
``2015-Q4``) and carries its citations: ``notes: "quote"`` (a quote from the founding notes) or
``cite: [{source: KEY, quote: "...", note: "...", language: en}]`` (``language`` only when the
quote is not in the source's own language). An event names its funding round as
``funding_round: {company: OpenAI, announced: "2019", round_type: corporate_round}``. Rows are
found by their natural key and only added when missing: seeding twice changes nothing, and a row
a user edited is never overwritten.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import ColumnElement, and_, select
from sqlmodel import Session, SQLModel, col

from landscape import models as m
from landscape.config import project_path
from landscape.dates import parse_partial_date
from landscape.names import normalize_name

NOTES_SOURCE_KEY = "notes"


class SeedError(Exception):
    """A seed entry that cannot be loaded; the message names the file and the entry."""


@dataclass
class SeedReport:
    """How many rows each table gained."""

    added: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.added.values())


# ---------------------------------------------------------------- reading


def read_seed_file(path: Path) -> list[dict[str, Any]]:
    """A seed file's entries; an absent file is an empty list."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        try:
            data = yaml.safe_load(handle) or []
        except yaml.YAMLError as exc:
            raise SeedError(f"{path.name}: not valid YAML: {' '.join(str(exc).split())}") from None
    if not isinstance(data, list) or not all(isinstance(entry, dict) for entry in data):
        raise SeedError(f"{path.name}: expected a list of mappings")
    return data


# ---------------------------------------------------------------- the loader


class SeedLoader:
    """Resolves names to ids and adds rows that are missing, inside one session."""

    def __init__(self, session: Session, seed_dir: Path) -> None:
        self.session = session
        self.seed_dir = seed_dir
        self.report = SeedReport()
        self.sources: dict[str, int] = {}
        self._where = ""

    # -- generic helpers

    def fail(self, message: str) -> SeedError:
        return SeedError(f"{self._where}: {message}")

    def find_or_add(self, model: type[SQLModel], key: dict[str, Any], **values: Any) -> Any:
        """The row of ``model`` matching ``key`` (None matches NULL), added when missing."""
        conditions: list[ColumnElement[bool]] = []
        for column, value in key.items():
            attribute = getattr(model, column)
            conditions.append(attribute.is_(None) if value is None else attribute == value)
        row = self.session.execute(select(model).where(and_(*conditions))).scalars().first()
        if row is not None:
            return row
        row = model(**key, **values)
        self.session.add(row)
        self.session.flush()
        self.report.added[str(model.__tablename__)] += 1
        return row

    def id_by_name(self, model: type[SQLModel], name: str | None) -> int | None:
        """The id of the row named ``name`` (under normalization), or a SeedError."""
        if name is None:
            return None
        statement = select(model.id).where(model.name_key == normalize_name(name))  # type: ignore[attr-defined]
        found = self.session.execute(statement).scalar_one_or_none()
        if found is None:
            raise self.fail(f"no {model.__tablename__} row named {name!r}")  # type: ignore[attr-defined]
        return int(found)

    def product_id(self, name: str | None, company: str | None = None) -> int | None:
        """The id of a product by name, narrowed by its company when given."""
        if name is None:
            return None
        statement = select(col(m.Product.id)).where(col(m.Product.name_key) == normalize_name(name))
        if company:
            company_id = self.id_by_name(m.Company, company)
            statement = statement.where(col(m.Product.company_id) == company_id)
        ids = self.session.execute(statement).scalars().all()
        if len(ids) != 1:
            raise self.fail(f"{len(ids)} products named {name!r}; name its company")
        return int(ids[0])

    def funding_round_id(self, spec: dict[str, Any] | None) -> int | None:
        """The id of the one round matching ``{company, announced, round_type}`` (the last two
        optional; no ``announced`` means an undated round)."""
        if spec is None:
            return None
        spec = dict(spec)
        company_id = self.id_by_name(m.Company, spec.pop("company"))
        when = self.dates(spec, "announced", "announced_on", "announced_precision")
        announced = col(m.FundingRound.announced_on)
        statement = select(col(m.FundingRound.id)).where(
            col(m.FundingRound.company_id) == company_id,
            announced == when["announced_on"] if when else announced.is_(None),
        )
        if "round_type" in spec:
            statement = statement.where(col(m.FundingRound.round_type) == spec.pop("round_type"))
        if spec:
            raise self.fail(f"unknown funding_round keys {sorted(spec)}")
        ids = self.session.execute(statement).scalars().all()
        if len(ids) != 1:
            raise self.fail(f"{len(ids)} funding rounds match; name its round_type")
        return int(ids[0])

    def validated(self, base: type[SQLModel], values: dict[str, Any]) -> dict[str, Any]:
        """``values`` checked against a Base model; returns only the fields given."""
        try:
            base.model_validate(values)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
                for error in exc.errors()
            )
            raise self.fail(problems) from None
        return values

    def dates(self, entry: dict[str, Any], yaml_key: str, column: str, precision: str) -> dict:
        text = entry.pop(yaml_key, None)
        if text is None:
            return {}
        try:
            day, level = parse_partial_date(str(text))
        except ValueError as exc:
            raise self.fail(str(exc)) from None
        return {column: day, precision: level.value}

    def cite(self, entry: dict[str, Any], column: str, row_id: int) -> None:
        """Add the entry's citations (``notes:`` and ``cite:``) to the row ``column=row_id``."""
        citations = [
            {"source": NOTES_SOURCE_KEY, "quote": quote}
            for quote in _as_list(entry.pop("notes", None))
        ]
        citations += _as_list(entry.pop("cite", None))
        for citation in citations:
            unknown = set(citation) - {"source", "quote", "note", "language"}
            if unknown or not citation.get("quote") or citation.get("source") not in self.sources:
                raise self.fail(f"bad citation {citation!r}: needs a known source and a quote")
            source_id = self.sources[citation["source"]]
            self.find_or_add(
                m.Citation,
                {"source_id": source_id, column: row_id, "quote": str(citation["quote"]).strip()},
                note=citation.get("note"),
                quote_language=citation.get("language") or self.source_language(source_id),
            )

    def source_language(self, source_id: int) -> str | None:
        source = self.session.get(m.Source, source_id)
        return source.language if source else None

    def done(self, entry: dict[str, Any]) -> None:
        if entry:
            raise self.fail(f"unknown keys {sorted(entry)}")

    # -- one method per file

    def load_sources(self, entry: dict[str, Any]) -> None:
        key = entry.pop("key")
        values = self.dates(entry, "published", "published_on", "published_precision")
        values |= {
            name: entry.pop(name) for name in list(entry) if name in m.SourceBase.model_fields
        }
        self.done(entry)
        self.validated(m.SourceBase, values)
        url_key = (values.get("url") or "").strip() or normalize_name(values["title"])
        row = self.find_or_add(m.Source, {"url_key": url_key}, **values)
        self.sources[key] = row.id

    def load_categories(self, entry: dict[str, Any]) -> None:
        parent = entry.pop("parent", None)
        values = {k: entry.pop(k) for k in ("label_zh", "description", "position") if k in entry}
        name = entry.pop("name")
        row = self.find_or_add(
            m.Category,
            {"name_key": normalize_name(name)},
            name=name,
            parent_id=self.id_by_name(m.Category, parent),
            **values,
        )
        self.cite(entry, "category_id", row.id)
        self.done(entry)

    def load_companies(self, entry: dict[str, Any]) -> None:
        categories = _as_list(entry.pop("categories", None))
        parent = entry.pop("parent", None)
        values = self.dates(entry, "founded", "founded_on", "founded_precision")
        values |= _take(entry, m.CompanyBase)
        self.validated(m.CompanyBase, values)
        row = self.find_or_add(
            m.Company,
            {"name_key": normalize_name(values["name"])},
            **values,
            parent_id=self.id_by_name(m.Company, parent),
        )
        for category in categories:
            category_id = self.id_by_name(m.Category, category)
            self.find_or_add(m.CompanyCategory, {"company_id": row.id, "category_id": category_id})
        self.cite(entry, "company_id", row.id)
        self.done(entry)

    def load_people(self, entry: dict[str, Any]) -> None:
        company = entry.pop("company", None)
        values = {
            k: entry.pop(k) for k in ("name_zh", "handle", "title", "description") if k in entry
        }
        name = entry.pop("name")
        row = self.find_or_add(
            m.Person,
            {"name_key": normalize_name(name)},
            name=name,
            company_id=self.id_by_name(m.Company, company),
            **values,
        )
        self.cite(entry, "person_id", row.id)
        self.done(entry)

    def load_products(self, entry: dict[str, Any]) -> None:
        company_id = self.id_by_name(m.Company, entry.pop("company"))
        categories = _as_list(entry.pop("categories", None))
        values = self.dates(entry, "launched", "launched_on", "launched_precision")
        values |= _take(entry, m.ProductBase)
        self.validated(m.ProductBase, values)
        row = self.find_or_add(
            m.Product,
            {"company_id": company_id, "name_key": normalize_name(values["name"])},
            **values,
        )
        for category in categories:
            category_id = self.id_by_name(m.Category, category)
            self.find_or_add(m.ProductCategory, {"product_id": row.id, "category_id": category_id})
        self.cite(entry, "product_id", row.id)
        self.done(entry)

    def load_models(self, entry: dict[str, Any]) -> None:
        developer = entry.pop("developer", None)
        parent = entry.pop("parent", None)
        values = self.dates(entry, "released", "released_on", "released_precision")
        values |= _take(entry, m.AIModelBase)
        self.validated(m.AIModelBase, values)
        row = self.find_or_add(
            m.AIModel,
            {"name_key": normalize_name(values["name"])},
            **values,
            developer_id=self.id_by_name(m.Company, developer),
            parent_id=self.id_by_name(m.AIModel, parent),
        )
        self.cite(entry, "model_id", row.id)
        self.done(entry)

    def load_funding_rounds(self, entry: dict[str, Any]) -> None:
        company_id = self.id_by_name(m.Company, entry.pop("company"))
        investors = _as_list(entry.pop("investors", None))
        values = self.dates(entry, "announced", "announced_on", "announced_precision")
        values |= _take(entry, m.FundingRoundBase)
        self.validated(m.FundingRoundBase, values)
        key_names = ("announced_on", "round_type", "amount")
        key = {"company_id": company_id} | {k: values.pop(k, None) for k in key_names}
        row = self.find_or_add(m.FundingRound, key, **values)
        citations: dict[str, Any] = {k: entry[k] for k in ("notes", "cite") if k in entry}
        self.cite(entry, "funding_round_id", row.id)
        self.done(entry)
        for investor in investors:
            investor = dict(investor) if isinstance(investor, dict) else {"name": investor}
            investor_id = self.id_by_name(m.Company, investor.pop("name"))
            investment = self.find_or_add(
                m.Investment,
                {"funding_round_id": row.id, "investor_id": investor_id},
                is_lead=bool(investor.pop("lead", False)),
            )
            own = {k: investor.pop(k) for k in ("notes", "cite") if k in investor}
            self.cite(own or dict(citations), "investment_id", investment.id)
            self.done(investor)

    def load_model_prices(self, entry: dict[str, Any]) -> None:
        model_id = self.id_by_name(m.AIModel, entry.pop("model"))
        values = self.dates(entry, "as_of", "as_of", "as_of_precision")
        label = entry.pop("label")
        row = self.find_or_add(
            m.ModelPrice,
            {"model_id": model_id, "label": label, "as_of": values.pop("as_of", None)},
            price=float(entry.pop("price")),
            currency=entry.pop("currency", "USD"),
            unit=entry.pop("unit"),
            **values,
        )
        self.cite(entry, "model_price_id", row.id)
        self.done(entry)

    def load_model_uses(self, entry: dict[str, Any]) -> None:
        company = entry.pop("company", None)
        key = {
            "model_id": self.id_by_name(m.AIModel, entry.pop("model")),
            "company_id": self.id_by_name(m.Company, company),
            "product_id": self.product_id(entry.pop("product", None), company),
            "how": m.UseKind(entry.pop("how")).value,
        }
        row = self.find_or_add(m.ModelUse, key, description=entry.pop("description", None))
        self.cite(entry, "model_use_id", row.id)
        self.done(entry)

    def load_metrics(self, entry: dict[str, Any]) -> None:
        company = entry.pop("company", None)
        subject = {
            "company_id": self.id_by_name(m.Company, company),
            "product_id": self.product_id(entry.pop("product", None), company),
            "model_id": self.id_by_name(m.AIModel, entry.pop("model", None)),
        }
        values = self.dates(entry, "as_of", "as_of", "as_of_precision")
        values |= _take(entry, m.MetricBase)
        self.validated(m.MetricBase, values)
        key = subject | {k: values.pop(k, None) for k in ("name", "label", "as_of")}
        row = self.find_or_add(m.Metric, key, **values)
        self.cite(entry, "metric_id", row.id)
        self.done(entry)

    def load_events(self, entry: dict[str, Any]) -> None:
        company = entry.pop("company", None)
        subject = {
            "company_id": self.id_by_name(m.Company, company),
            "product_id": self.product_id(entry.pop("product", None), company),
            "model_id": self.id_by_name(m.AIModel, entry.pop("model", None)),
            "funding_round_id": self.funding_round_id(entry.pop("funding_round", None)),
        }
        values = self.dates(entry, "date", "occurred_on", "occurred_precision")
        values |= _take(entry, m.EventBase)
        self.validated(m.EventBase, values)
        key = {"title": values.pop("title"), "occurred_on": values.pop("occurred_on", None)}
        row = self.find_or_add(m.Event, key, **subject, **values)
        self.cite(entry, "event_id", row.id)
        self.done(entry)

    def load_claims(self, entry: dict[str, Any]) -> None:
        companies = _as_list(entry.pop("companies", None))
        person = entry.pop("person", None)
        values = {
            k: entry.pop(k) for k in ("summary_en", "topic", "stance", "speaker") if k in entry
        }
        if "stance" in values:
            values["stance"] = m.ClaimStance(values["stance"]).value
        row = self.find_or_add(
            m.Claim,
            {"statement": str(entry.pop("statement")).strip()},
            person_id=self.id_by_name(m.Person, person),
            **values,
        )
        for company in companies:
            company_id = self.id_by_name(m.Company, company)
            self.find_or_add(m.ClaimCompany, {"claim_id": row.id, "company_id": company_id})
        self.cite(entry, "claim_id", row.id)
        self.done(entry)

    # -- driver

    def load(self, progress: Callable[[str, int], None] | None = None) -> SeedReport:
        for file_name, method in SEED_FILES:
            entries = read_seed_file(self.seed_dir / file_name)
            for number, entry in enumerate(entries, start=1):
                self._where = f"{file_name} entry {number} ({_label(entry)})"
                try:
                    method(self, dict(entry))
                except SeedError:
                    raise
                except (KeyError, ValueError, TypeError) as exc:
                    raise self.fail(f"{type(exc).__name__}: {exc}") from None
            if progress:
                progress(file_name, len(entries))
        return self.report


SEED_FILES: list[tuple[str, Callable[[SeedLoader, dict[str, Any]], None]]] = [
    ("sources.yml", SeedLoader.load_sources),
    ("categories.yml", SeedLoader.load_categories),
    ("companies.yml", SeedLoader.load_companies),
    ("people.yml", SeedLoader.load_people),
    ("products.yml", SeedLoader.load_products),
    ("models.yml", SeedLoader.load_models),
    ("funding_rounds.yml", SeedLoader.load_funding_rounds),
    ("model_prices.yml", SeedLoader.load_model_prices),
    ("model_uses.yml", SeedLoader.load_model_uses),
    ("metrics.yml", SeedLoader.load_metrics),
    ("events.yml", SeedLoader.load_events),
    ("claims.yml", SeedLoader.load_claims),
]


def load_seed(
    session: Session,
    seed_dir: Path | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> SeedReport:
    """Add every missing seed row in ``session`` (the caller commits). Raises SeedError."""
    loader = SeedLoader(session, seed_dir or project_path("seed"))
    return loader.load(progress)


# ---------------------------------------------------------------- small helpers


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _take(entry: dict[str, Any], base: type[SQLModel]) -> dict[str, Any]:
    """Pop the entry's keys that are plain fields of ``base``."""
    return {name: entry.pop(name) for name in list(entry) if name in base.model_fields}


def _label(entry: dict[str, Any]) -> str:
    for key in ("key", "name", "title", "statement", "label", "company", "model"):
        if key in entry:
            return str(entry[key])[:60]
    return "?"


def iter_seed_quotes(seed_dir: Path | None = None) -> Iterable[tuple[str, str, str]]:
    """Every (file, source key, quote) in the seed files, for checking quotes against sources."""
    folder = seed_dir or project_path("seed")
    for file_name, _method in SEED_FILES:
        for entry in read_seed_file(folder / file_name):
            yield from _quotes_of(file_name, entry)


def _quotes_of(file_name: str, entry: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    for quote in _as_list(entry.get("notes")):
        yield file_name, NOTES_SOURCE_KEY, str(quote)
    for citation in _as_list(entry.get("cite")):
        yield file_name, str(citation.get("source")), str(citation.get("quote"))
    for investor in _as_list(entry.get("investors")):
        if isinstance(investor, dict):
            yield from _quotes_of(file_name, investor)
