"""References of a record resolved to row ids: by the ids of rows in the same import, else by
name under normalization. Unresolved references are collected as (column, message) problems."""

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from landscape import models as m
from landscape.exchange import columns as c
from landscape.names import normalize_name

if TYPE_CHECKING:
    from landscape.exchange.importer import Importer


class Refs:
    """Resolves one record's references, collecting what cannot be resolved."""

    def __init__(self, importer: "Importer", cells: dict[str, str], errors: list) -> None:
        self.importer = importer
        self.cells = cells
        self.errors = errors

    def _batch(self, table: str, id_column: str) -> int | None:
        file_id = int_or_none(self.cells.get(id_column, ""))
        return self.importer.ids[table].get(file_id) if file_id is not None else None

    def named(
        self, id_column: str, name_column: str, model: Any, required: bool = False
    ) -> int | None:
        found = self._batch(model.__tablename__, id_column)
        if found is not None:
            return found
        name = self.cells.get(name_column, "")
        if name.strip():
            found = self.importer.id_by_name(model, name)
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
        statement = select(m.Product.id).where(m.Product.name_key == normalize_name(name))
        if company_id is not None:
            statement = statement.where(m.Product.company_id == company_id)
        ids = self.importer.session.execute(statement).scalars().all()
        if len(ids) != 1:
            problem = "no product" if not ids else f"{len(ids)} products"
            self.errors.append(("product", f"{problem} named {name!r}; name its company"))
            return None
        return int(ids[0])

    def labelled(self, id_column: str, name_column: str, table: str) -> int | None:
        found = self._batch(table, id_column)
        label = self.cells.get(name_column, "")
        if found is not None or not label.strip():
            if found is None and self.cells.get(id_column, "").strip():
                self.errors.append((name_column, f"{id_column} is not in this import; name it"))
            return found
        ids = self.importer.labels(table).get((table, normalize_name(label)), [])
        if len(ids) != 1:
            self.errors.append((name_column, f"{len(ids)} {table} rows named {label!r}"))
            return None
        return ids[0]

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
        f = m.FundingRound
        statement = select(f.id).where(
            f.company_id == company_id,
            f.announced_on.is_(None) if when is None else f.announced_on == when[0],  # type: ignore[union-attr]
            f.announced_precision.is_(None)
            if when is None
            else f.announced_precision == when[1].value,  # type: ignore[union-attr]
        )
        if round_type:
            statement = statement.where(f.round_type == round_type)
        ids = self.importer.session.execute(statement).scalars().all()
        if len(ids) != 1:
            what = "no funding round" if not ids else f"{len(ids)} funding rounds"
            self.errors.append(("company", f"{what} of {self.cells['company']!r} matches "
                                f"announced {self.cells.get('announced', '')!r} and round_type "
                                f"{self.cells.get('round_type', '')!r}"))  # fmt: skip
            return None
        return int(ids[0])

    def source(self) -> int | None:
        found = self._batch("sources", "source_id")
        if found is not None:
            return found
        url, title = self.cells.get("source_url", ""), self.cells.get("source", "")
        key = url.strip() or normalize_name(title)
        if not key:
            self.errors.append(("source", "is required"))
            return None
        found = self.importer.session.execute(
            select(m.Source.id).where(m.Source.url_key == key)
        ).scalar_one_or_none()
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
            ids = self.importer.labels("subjects").get((table, normalize_name(label)), [])
            if len(ids) != 1:
                self.errors.append(("subject", f"{len(ids)} {table} rows named {label!r}"))
                return None, None
            found = ids[0]
        return m.CITABLE[table], found

    def name_list(self, column: str, model: Any) -> list[int]:
        ids = []
        for name in c.name_list(self.cells.get(column, "")):
            found = self.importer.id_by_name(model, name)
            if found is None:
                self.errors.append((column, f"no {model.__tablename__} row named {name!r}"))
            else:
                ids.append(found)
        return ids


def int_or_none(raw: Any) -> int | None:
    try:
        return int(str(raw).strip())
    except ValueError:
        return None
