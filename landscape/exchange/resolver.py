"""The one resolver of names to ids, for every bulk write (CSV, a whole export, landscape.yml,
the seed).

A reference is resolved, in this order:

- by the id of a row of the same import (``company_id`` of a re-imported export, the in-batch
  id the seed gives each entry): ids from another database are never trusted on their own;
- else by name under normalization (``names.normalize_name``): companies, categories, people,
  AI models, products (narrowed by their company when it is named), sources (by URL, else by
  title);
- funding rounds by (company, announced date and precision, round type);
- rows that only have a human name (a funding round an event names, a citation's subject) by
  that name as the export writes it (``export.funding_round_names`` / ``subject_names``) or as
  older exports wrote it (``legacy_names``), so files written before the names changed still
  import.

``Resolver`` holds what one import knows (in-batch ids, name indexes) and answers lookups;
``Refs`` resolves one record's cells with it, collecting what cannot be resolved as
(column, message) pairs, the same messages on every path.
"""

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, SQLModel, col

from landscape import models as m
from landscape.dates import format_partial_date
from landscape.exchange import columns as c
from landscape.exchange.export import funding_round_names, subject_names
from landscape.names import normalize_name

Problems = list[tuple[str | None, str]]


class Resolver:
    """Names and in-batch ids to row ids, inside one session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, dict[int, int]] = defaultdict(dict)  # table → batch id → row id
        self._labels: dict[str, dict[tuple[str, str], set[int]]] = {}
        self._names: dict[str, dict[str, int]] = {}  # table → name_key → id, one query each
        self._pinned = 0

    # -- in-batch ids

    def batch(self, table: str, raw_id: Any) -> int | None:
        """The row an in-batch id stands for (``raw_id`` as the file writes it), if any."""
        batch_id = int_or_none(raw_id)
        return self.ids[table].get(batch_id) if batch_id is not None else None

    def remember(self, table: str, batch_id: int | None, row_id: int) -> None:
        """Row ``row_id`` of ``table`` is the one the batch calls ``batch_id``."""
        if batch_id is not None:
            self.ids[table][batch_id] = row_id

    def pin(self, table: str, row_id: int) -> int:
        """A new in-batch id (negative, never a file's) standing for a row found by other means."""
        self._pinned -= 1
        self.ids[table][self._pinned] = row_id
        return self._pinned

    def changed(self, names: bool = False) -> None:
        """A row was added (labels indexed so far may be stale), or with ``names`` changed
        (its old name may be indexed too)."""
        self._labels.clear()
        if names:
            self._names.clear()

    # -- by name

    def by_name(self, model: type[SQLModel], name: str) -> int | None:
        """The id of the row of ``model`` named ``name`` under normalization: from an index
        of the table's names read once, else (a row added since) from the table."""
        table, key = str(model.__tablename__), normalize_name(name)
        if table not in self._names:
            statement = select(model.name_key, model.id)  # type: ignore[attr-defined]
            self._names[table] = {k: int(i) for k, i in self.session.execute(statement)}
        found = self._names[table].get(key)
        if found is None:
            statement = select(model.id).where(model.name_key == key)  # type: ignore[attr-defined]
            found = self.session.execute(statement).scalar_one_or_none()
            if found is not None:
                self._names[table][key] = found = int(found)
        return found

    def products(self, name: str, company_id: int | None) -> list[int]:
        """Products named ``name``, of ``company_id`` when given."""
        statement = select(col(m.Product.id)).where(col(m.Product.name_key) == normalize_name(name))
        if company_id is not None:
            statement = statement.where(col(m.Product.company_id) == company_id)
        return [int(i) for i in self.session.execute(statement).scalars()]

    def funding_rounds(
        self,
        company_id: int,
        when: tuple[dt.date, Any] | None,
        round_type: str | None,
    ) -> list[int]:
        """Rounds of a company announced ``when`` (date and precision; None: undated), of
        ``round_type`` when given."""
        f = m.FundingRound
        statement = select(col(f.id)).where(col(f.company_id) == company_id)
        if when is None:
            statement = statement.where(col(f.announced_on).is_(None))
        else:
            statement = statement.where(
                col(f.announced_on) == when[0],
                col(f.announced_precision) == getattr(when[1], "value", when[1]),
            )
        if round_type:
            statement = statement.where(col(f.round_type) == round_type)
        return [int(i) for i in self.session.execute(statement).scalars()]

    def source(self, url: str, title: str) -> int | None:
        """A source by its URL, else by its title (the key ``Source.url_key`` keeps)."""
        key = url.strip() or normalize_name(title)
        found = self.session.execute(
            select(col(m.Source.id)).where(col(m.Source.url_key) == key)
        ).scalar_one_or_none()
        return int(found) if found is not None else None

    def labelled(self, table: str, label: str) -> list[int]:
        """Rows of ``table`` whose human name (current or legacy) is ``label``."""
        kind = "funding_rounds" if table == "funding_rounds" else "subjects"
        if kind not in self._labels:
            connection = self.session.connection()
            index: dict[tuple[str, str], set[int]] = defaultdict(set)
            if kind == "funding_rounds":
                current = {
                    ("funding_rounds", i): n for i, n in funding_round_names(connection).items()
                }
                legacy = {k: n for k, n in legacy_names(connection).items() if k[0] == table}
            else:
                current, legacy = subject_names(connection), legacy_names(connection)
            for names in (current, legacy):
                for (tbl, row_id), name in names.items():
                    index[(tbl, normalize_name(name))].add(row_id)
            self._labels[kind] = index
        return sorted(self._labels[kind].get((table, normalize_name(label)), set()))


class Refs:
    """Resolves one record's reference cells with a ``Resolver``, collecting what cannot be
    resolved."""

    def __init__(self, resolver: Resolver, cells: dict[str, str], errors: Problems) -> None:
        self.resolver = resolver
        self.cells = cells
        self.errors = errors

    def _batch(self, table: str, id_column: str) -> int | None:
        return self.resolver.batch(table, self.cells.get(id_column, ""))

    def _one(self, ids: list[int], column: str, message: str) -> int | None:
        """The one id of ``ids``; else None, with ``message`` as the error on ``column``."""
        if len(ids) == 1:
            return ids[0]
        self.errors.append((column, message))
        return None

    def named(
        self, id_column: str, name_column: str, model: Any, required: bool = False
    ) -> int | None:
        found = self._batch(model.__tablename__, id_column)
        if found is not None:
            return found
        name = self.cells.get(name_column, "")
        if name.strip():
            found = self.resolver.by_name(model, name)
            if found is None:
                self.errors.append((name_column, f"no {model.__tablename__} row named {name!r}"))
            return found
        if self.cells.get(id_column, "").strip():
            self.errors.append(
                (name_column, f"{id_column} {self.cells[id_column]!r} is not in this import; "
                 f"give the name in {name_column}")
            )  # fmt: skip
        elif required:
            self.errors.append((name_column, "is required"))
        return None

    def product(self, company_id: int | None) -> int | None:
        found = self._batch("products", "product_id")
        name = self.cells.get("product", "")
        if found is not None or not name.strip():
            if found is None and self.cells.get("product_id", "").strip():
                self.errors.append(
                    ("product", "product_id is not in this import; name the product")
                )
            return found
        ids = self.resolver.products(name, company_id)
        problem = "no product" if not ids else f"{len(ids)} products"
        return self._one(ids, "product", f"{problem} named {name!r}; name its company")

    def labelled(self, id_column: str, name_column: str, table: str) -> int | None:
        found = self._batch(table, id_column)
        label = self.cells.get(name_column, "")
        if found is not None or not label.strip():
            if found is None and self.cells.get(id_column, "").strip():
                self.errors.append((name_column, f"{id_column} is not in this import; name it"))
            return found
        ids = self.resolver.labelled(table, label)
        return self._one(ids, name_column, f"{len(ids)} {table} rows named {label!r}")

    def funding_round_of_investment(self) -> int | None:
        found = self._batch("funding_rounds", "funding_round_id")
        if found is not None:
            return found
        company_id = self.named("company_id", "company", m.Company, required=True)
        if company_id is None:
            return None
        try:
            when = c.partial_date(self.cells.get("announced", ""))
            round_type = c.one_of(m.RoundType)(self.cells.get("round_type", ""))
        except ValueError as exc:
            self.errors.append(("announced", str(exc)))
            return None
        ids = self.resolver.funding_rounds(company_id, when, round_type)
        what = "no funding round" if not ids else f"{len(ids)} funding rounds"
        return self._one(ids, "company", f"{what} of {self.cells['company']!r} matches "
                         f"announced {self.cells.get('announced', '')!r} and round_type "
                         f"{self.cells.get('round_type', '')!r}")  # fmt: skip

    def source(self) -> int | None:
        found = self._batch("sources", "source_id")
        if found is not None:
            return found
        url, title = self.cells.get("source_url", ""), self.cells.get("source", "")
        if not (url.strip() or normalize_name(title)):
            self.errors.append(("source", "is required"))
            return None
        found = self.resolver.source(url, title)
        if found is None:
            self.errors.append(("source", f"no source {url or title!r}"))
        return found

    def subject(self) -> tuple[str | None, int | None]:
        table = self.cells.get("subject_table", "").strip()
        if table not in m.CITABLE:
            self.errors.append(
                ("subject_table", f"{table!r} is not one of: {', '.join(m.CITABLE)}")
            )
            return None, None
        found = self._batch(table, "subject_id")
        if found is None:
            label = self.cells.get("subject", "")
            ids = self.resolver.labelled(table, label)
            found = self._one(ids, "subject", f"{len(ids)} {table} rows named {label!r}")
            if found is None:
                return None, None
        return m.CITABLE[table], found

    def name_list(self, column: str, model: Any) -> list[int]:
        ids = []
        for name in c.name_list(self.cells.get(column, "")):
            found = self.resolver.by_name(model, name)
            if found is None:
                self.errors.append((column, f"no {model.__tablename__} row named {name!r}"))
            else:
                ids.append(found)
        return ids


# ---------------------------------------------------------------- names older exports wrote


def legacy_names(connection: Connection) -> dict[tuple[str, int], str]:
    """The human names exports wrote before the table registry named rows (kept so that those
    exports still import): ``OpenAI corporate_round 2019`` for a funding round, ``Microsoft →
    OpenAI`` for an investment, ``GPT-3: davinci`` for a model price, ``Jasper uses GPT-3`` for
    a model use, ``Jasper: revenue`` for a metric, an event's title, a claim's statement."""
    names: dict[Any, Any] = {}  # (table, id) → name
    f, company, investor = m.FundingRound, aliased(m.Company), aliased(m.Company)
    rounds: dict[Any, Any] = {}  # round id → its company's name
    statement = select(
        col(f.id),
        col(company.name),
        col(f.round_type),
        col(f.announced_on),
        col(f.announced_precision),
    ).join(company, col(company.id) == f.company_id)
    for row_id, name, round_type, on, precision in connection.execute(statement):
        when = format_partial_date(on, precision) if on is not None else ""
        rounds[row_id] = name
        names[("funding_rounds", row_id)] = f"{name} {round_type} {when}".strip()
    i = m.Investment
    statement_i = select(col(i.id), col(investor.name), col(i.funding_round_id)).join(
        investor, col(investor.id) == i.investor_id
    )
    for row_id, name, round_id in connection.execute(statement_i):
        names[("investments", row_id)] = f"{name} → {rounds.get(round_id, '')}"
    model, product = aliased(m.AIModel), aliased(m.Product)
    p = m.ModelPrice
    for row_id, model_name, label in connection.execute(
        select(col(p.id), col(model.name), col(p.label)).join(model, col(model.id) == p.model_id)
    ):
        names[("model_prices", row_id)] = f"{model_name}: {label}"
    u = m.ModelUse
    for row_id, product_name, company_name, how, model_name in connection.execute(
        select(col(u.id), col(product.name), col(company.name), col(u.how), col(model.name))
        .join(model, col(model.id) == u.model_id)
        .outerjoin(company, col(company.id) == u.company_id)
        .outerjoin(product, col(product.id) == u.product_id)
    ):
        names[("model_uses", row_id)] = f"{product_name or company_name} {how} {model_name}"
    x = m.Metric
    for (
        row_id,
        product_name,
        company_name,
        model_name,
        metric_label,
        metric_name,
    ) in connection.execute(
        select(
            col(x.id),
            col(product.name),
            col(company.name),
            col(model.name),
            col(x.label),
            col(x.name),
        )
        .outerjoin(company, col(company.id) == x.company_id)
        .outerjoin(product, col(product.id) == x.product_id)
        .outerjoin(model, col(model.id) == x.model_id)
    ):
        subject = product_name or company_name or model_name
        names[("metrics", row_id)] = f"{subject}: {metric_label or metric_name}"
    for row_id, title in connection.execute(select(col(m.Event.id), col(m.Event.title))):
        names[("events", row_id)] = title
    for row_id, statement_text in connection.execute(
        select(col(m.Claim.id), col(m.Claim.statement))
    ):
        names[("claims", row_id)] = statement_text
    for table, named in (
        ("companies", m.Company),
        ("people", m.Person),
        ("categories", m.Category),
        ("products", m.Product),
        ("ai_models", m.AIModel),
    ):
        for row_id, name in connection.execute(select(col(named.id), col(named.name))):
            names[(table, row_id)] = name
    return {(table, int(row_id)): str(name) for (table, row_id), name in names.items()}


def int_or_none(raw: Any) -> int | None:
    try:
        return int(str(raw).strip())
    except ValueError:
        return None
