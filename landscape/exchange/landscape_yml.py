"""The landscape.yml format of the CNCF landscape2 and landscapeapp tools, both ways.

Reading: the top-level ``landscape:`` (or ``categories:``) list → category → subcategory →
item. Categories and subcategories become categories (a subcategory is a child of its
category; one named like its category is the category itself; one whose name is already taken
elsewhere is stored as ``Sub (Category)`` and said so). Items become products of their
organization, or companies when the item is the organization itself (its name is its
organization's name, or it has ``joined``). Organizations are found by Crunchbase URL, then by
normalized name, and created when missing (named by ``organization.name``, else by the
Crunchbase URL's last part). ``second_path`` links the item to more categories. Every key we have
no column for is kept, as written, in the row's ``extra`` JSON. Invalid items are reported as
``Category / Subcategory / Name: problem`` and skipped, or stop the import when ``strict``.
Importing a file twice changes nothing: rows are found, never overwritten; only missing
category links are added. Rows are written through the one importer of bulk writes
(``exchange.importer``: the same parsers, checks and name resolver as a CSV import or the seed);
an item the importer refuses is reported like any invalid item. The file is the source of what
it adds: each new category, company and product cites it, quoting the entry (or item) that
made the row, as written (``landscape.exchange.provenance``).

Writing: every company and product linked to a category, under its first category, with the
others (and its kept ``second_path``) as ``second_path``; ``extra`` keys are written back.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from landscape import models as m
from landscape import rules
from landscape.exchange.columns import url_problem
from landscape.exchange.importer import Importer
from landscape.exchange.provenance import Origin, cite_file, file_digest
from landscape.names import normalize_name

# Item keys with a column of their own (or a meaning to the importer).
_ITEM_COLUMNS = {"name", "homepage_url", "logo", "crunchbase", "repo_url", "description"}
_ITEM_HANDLED = _ITEM_COLUMNS | {"organization", "second_path", "item"}
_MARKERS = {"category", "subcategory", "item"}  # landscapeapp's `item: null` style markers


class LandscapeFormatError(ValueError):
    """A file that is not a landscape.yml at all."""


@dataclass
class LandscapeReport:
    """What an import added, what it noticed, and the items it could not take."""

    dry_run: bool = False
    strict: bool = False
    written: bool = False
    added: Counter[str] = field(default_factory=Counter)
    items: int = 0
    problems: list[str] = field(default_factory=list)  # invalid items, skipped
    notes: list[str] = field(default_factory=list)  # what was interpreted, nothing lost
    cited_to_file: int = 0  # new rows citing the file, quoting their entry

    @property
    def ok(self) -> bool:
        """False when strict and an item was invalid (nothing was written then)."""
        return not (self.strict and self.problems)

    def summary(self) -> str:
        added = ", ".join(f"{n} {t}" for t, n in sorted(self.added.items())) or "nothing new"
        skipped = f"; {len(self.problems)} invalid items skipped" if self.problems else ""
        if not self.ok:
            return f"{len(self.problems)} invalid items; nothing written (--strict)"
        verb = "dry run: would add" if self.dry_run else "added"
        cited = f"; {self.cited_to_file} new rows cite the file" if self.cited_to_file else ""
        return f"{self.items} items read; {verb} {added}{cited}{skipped}"


class _Stop(Exception):
    """Strict mode met an invalid item."""


class _Refused(Exception):
    """The importer refused a row of the item being read."""


def read_landscape(data: bytes | str) -> list[dict[str, Any]]:
    """The category list of a landscape.yml, or LandscapeFormatError."""
    try:
        document = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise LandscapeFormatError(f"not valid YAML: {exc}") from None
    if not isinstance(document, dict):
        raise LandscapeFormatError("expected a mapping with a `landscape:` or `categories:` list")
    categories = document.get("landscape", document.get("categories"))
    if not isinstance(categories, list):
        raise LandscapeFormatError("expected a top-level `landscape:` or `categories:` list")
    return categories


def crunchbase_key(url: str) -> str:
    """A Crunchbase URL compared loosely: no scheme, no www, no trailing slash, lower case."""
    key = url.strip().lower().split("://", 1)[-1]
    return key.removeprefix("www.").rstrip("/")


def crunchbase_slug(url: str) -> str:
    """The organization part of a Crunchbase URL (``.../organization/openai`` → ``openai``)."""
    return crunchbase_key(url).rsplit("/", 1)[-1]


# ---------------------------------------------------------------- import


class LandscapeImporter:
    """Adds one landscape.yml to the database inside a session; the caller commits."""

    def __init__(
        self, session: Session, report: LandscapeReport, file_name: str = "landscape.yml"
    ) -> None:
        self.session = session
        self.report = report
        self.file_name = file_name
        self.importer = Importer(session)
        self.resolver = self.importer.resolver
        self._records = 0
        self._refusal = ""  # why the importer refused the last row
        self.origins: list[Origin] = []  # the rows this import added, with their entries
        self._entry: tuple[str, str] = ("", "")  # (quote, where) of the entry being read
        self._seen: set[tuple[str, Any]] = set()  # products added by this import
        self.crunchbase: dict[str, int] = {
            crunchbase_key(url): company_id
            for company_id, url in session.execute(
                select(col(m.Company.id), col(m.Company.crunchbase_url)).where(
                    col(m.Company.crunchbase_url).is_not(None)
                )
            )
        }

    def run(self, categories: list[Any]) -> None:
        self._categories_first(categories)
        for position, category in enumerate(categories, start=1):
            parent = self._category_entry(category, None, position, f"category {position}")
            if parent is None:
                continue
            within = f"{category['name']} / "
            for sub_position, sub in enumerate(category.get("subcategories") or [], start=1):
                child = self._category_entry(
                    sub, parent, sub_position, within + str(sub_position), within
                )
                if child is None:
                    continue
                path = within + sub["name"]
                for item in sub.get("items") or []:
                    self.report.items += 1
                    self.item(item, child, path)

    # -- categories

    def _category_entry(
        self, entry: Any, parent: m.Category | None, position: int, unnamed: str, within: str = ""
    ) -> m.Category | None:
        """The category a (sub)category entry names, created when missing; None, with the entry
        reported (as ``unnamed`` when it has no name), when it cannot be."""
        if not isinstance(entry, dict) or not _text(entry.get("name")):
            self._invalid(unnamed, f"name: {rules.REQUIRED}")
            return None
        try:
            return self.category(entry["name"], parent, position)
        except _Refused as refused:
            self._invalid(within + entry["name"], str(refused))
            return None

    def _categories_first(self, categories: list[Any]) -> None:
        """Create the file's categories in its order, before second_path can name them."""
        for position, category in enumerate(categories, start=1):
            if isinstance(category, dict) and _text(category.get("name")):
                self._reading(category, category["name"])
                try:
                    parent = self.category(category["name"], None, position)
                except _Refused:
                    continue  # reported by run()
                for sub_position, sub in enumerate(category.get("subcategories") or [], start=1):
                    if isinstance(sub, dict) and _text(sub.get("name")):
                        self._reading(sub, f"{category['name']} / {sub['name']}")
                        try:
                            self.category(sub["name"], parent, sub_position)
                        except _Refused:
                            continue  # reported by run()

    def category(self, name: str, parent: m.Category | None, position: int) -> m.Category:
        """The category ``name`` under ``parent``, created when missing."""
        if parent is not None and normalize_name(name) == parent.name_key:
            return parent
        stored = name
        found = self._category_named(name)
        if found is not None and (parent is None or found.parent_id == parent.id):
            return found
        if found is not None and parent is not None:
            stored = f"{name} ({parent.name})"
            found = self._category_named(stored)
            if found is not None:
                return found
            self.report.notes.append(
                f"subcategory {parent.name} / {name}: the name is taken, stored as {stored!r}"
            )
        cells = {"name": stored, "parent": parent.name if parent else "", "position": str(position)}
        row = self._write("categories", cells)
        if row is None:
            raise _Refused(self._refusal)
        return row

    def _category_named(self, name: str) -> m.Category | None:
        found = self.resolver.by_name(m.Category, name)
        return self.session.get(m.Category, found) if found is not None else None

    def category_path(self, path: Any) -> m.Category | None:
        """The subcategory a ``second_path`` entry names (``Category / Subcategory``)."""
        if not isinstance(path, str) or path.count("/") != 1:
            return None
        category, sub = (part.strip() for part in path.split("/"))
        if not category or not sub:
            return None
        return self.category(sub, self.category(category, None, 0), 0)

    # -- items

    def item(self, item: Any, category: m.Category, path: str) -> None:
        name = item.get("name") if isinstance(item, dict) else None
        where = f"{path} / {name if _text(name) else '?'}"
        problem = _item_problem(item)
        if problem:
            self._invalid(where, problem)
            return
        try:
            self._item(item, category, where)
        except _Refused as refused:
            self._invalid(where, str(refused))

    def _item(self, item: dict[str, Any], category: m.Category, where: str) -> None:
        name = item["name"]
        self._reading(item, where)
        second = [self.category_path(entry) for entry in _as_list(item.get("second_path"))]
        if any(target is None for target in second):
            self._invalid(where, "second_path entries are written 'Category / Subcategory'")
            return
        if not item.get("homepage_url"):
            self.report.notes.append(f"{where}: no homepage_url")
        organization = self.organization(item, where)
        if normalize_name(organization.name) == normalize_name(name) or "joined" in item:
            row: Any = organization
            self._fill(organization, _item_values(item, company=True))
            stem = "companies"
        else:
            row = self.product(item, organization, where)
            stem = "products"
        targets = [int(target.id) for target in [category, *second] if target and target.id]
        self.importer.link(stem, row, "categories", targets)

    def organization(self, item: dict[str, Any], where: str) -> m.Company:
        """The company behind an item: by Crunchbase URL, then by name; created when missing."""
        crunchbase = item.get("crunchbase")
        named = (item.get("organization") or {}).get("name")
        if crunchbase and crunchbase_key(crunchbase) in self.crunchbase:
            found = self.session.get(m.Company, self.crunchbase[crunchbase_key(crunchbase)])
            assert found is not None
            return found
        if named is None and "joined" in item:
            named = item["name"]  # a member: the item is the organization
        elif named is None:
            named = crunchbase_slug(str(crunchbase))
            self.report.notes.append(f"{where}: organization named {named!r} after its URL")
        found_id = self.resolver.by_name(m.Company, named)
        found = self.session.get(m.Company, found_id) if found_id is not None else None
        if found is None:
            is_self = normalize_name(named) == normalize_name(item["name"])
            values = {"kind": m.CompanyKind.other.value, "crunchbase_url": crunchbase or None}
            values |= _item_values(item, company=True) if is_self else {}
            found = self._write("companies", {"name": named, **_cells(values)})
            if found is None:
                raise _Refused(self._refusal)
        elif crunchbase and not found.crunchbase_url:
            self._fill(found, {"crunchbase_url": crunchbase})  # fills an empty field only
            self.report.notes.append(f"{where}: Crunchbase URL added to {found.name!r}")
        if crunchbase:
            self.crunchbase[crunchbase_key(crunchbase)] = found.id  # type: ignore[assignment]
        return found

    def product(self, item: dict[str, Any], company: m.Company, where: str) -> m.Product:
        ids = self.resolver.products(item["name"], company.id)
        found = self.session.get(m.Product, ids[0]) if ids else None
        if found is not None:
            if (m.Product.__tablename__, found.id) in self._seen:
                self.report.notes.append(f"{where}: listed again; linked here too")
            return found
        cells = {"name": item["name"], "company": company.name}
        product = self._write("products", cells | _cells(_item_values(item, company=False)))
        if product is None:
            raise _Refused(self._refusal)
        self._seen.add((m.Product.__tablename__, product.id))
        return product

    # -- helpers

    def _reading(self, entry: dict[str, Any], where: str) -> None:
        """The entry that rows added from now on come from."""
        self._entry = (entry_quote(entry), f"{self.file_name}: {where}")

    def _write(self, stem: str, cells: dict[str, str], *, fill: bool = False) -> Any:
        """Write one row through the importer; its row (None when refused: ``_refusal`` says
        why). A new row cites the entry being read."""
        self._records += 1
        report = self.importer.report
        before = len(report.problems)
        row, action = self.importer.import_one(
            stem, cells, self.file_name, self._records, fill=fill
        )
        problems = report.problems[before:]
        del report.problems[before:]
        if problems:
            self._refusal = "; ".join(
                f"{p.column}: {p.message}" if p.column else p.message for p in problems
            )
            return None
        if action == "added":
            quote, where = self._entry
            self.origins.append(Origin(row.__tablename__, row.id, quote, where))
        return row

    def _fill(self, row: Any, values: dict[str, Any]) -> None:
        """Fill the fields a company leaves empty (an organization first met as someone's
        owner); overwrites nothing."""
        if self._write("companies", {"name": row.name, **_cells(values)}, fill=True) is None:
            raise _Refused(self._refusal)

    def added(self) -> Counter[str]:
        """Rows and links this import added, by table."""
        return self.importer.added_by_table()

    def _invalid(self, where: str, problem: str) -> None:
        self.report.problems.append(f"{where}: {problem}")
        if self.report.strict:
            raise _Stop


def entry_quote(entry: dict[str, Any]) -> str:
    """A category, subcategory or item as the file writes it, without what it holds."""
    own = {
        key: value
        for key, value in entry.items()
        if key not in ("subcategories", "items") and not (key in _MARKERS and value is None)
    }
    return yaml.safe_dump(own, allow_unicode=True, sort_keys=False, width=1_000_000).strip()


def _cells(values: dict[str, Any]) -> dict[str, str]:
    """Column values as the importer's cells (the export's column names; None left out)."""
    return {column: str(value) for column, value in values.items() if value is not None}


def _item_problem(item: Any) -> str | None:
    """Why an item cannot be imported, or None."""
    if not isinstance(item, dict):
        return "an item must be a mapping"
    if not _text(item.get("name")):
        return f"name: {rules.REQUIRED}"
    for key in ("homepage_url", "crunchbase", "repo_url"):
        value = item.get(key)
        if value is not None and (not isinstance(value, str) or url_problem(value)):
            return f"{key}: {url_problem(str(value)) or 'must be a URL'}"
    organization = item.get("organization")
    if organization is not None and not (
        isinstance(organization, dict) and _text(organization.get("name"))
    ):
        return "organization must be a mapping with a name"
    if not item.get("crunchbase") and organization is None and "joined" not in item:
        return "names no organization: give crunchbase or organization.name"
    return None


def _item_values(item: dict[str, Any], company: bool) -> dict[str, Any]:
    """Column values of an item; everything else goes, as written, into ``extra``."""
    values: dict[str, Any] = {
        "homepage": item.get("homepage_url"),
        "description": item.get("description"),
        "logo": item.get("logo"),
    }
    kept = {k: v for k, v in item.items() if k not in _ITEM_HANDLED or k == "second_path"}
    if company:
        if item.get("repo_url"):
            kept["repo_url"] = item["repo_url"]
    else:
        values["repo_url"] = item.get("repo_url")
    kept = {k: v for k, v in kept.items() if k not in _MARKERS}
    if kept:
        values["extra"] = json.dumps(kept, ensure_ascii=False, default=str)
    return values


def import_landscape(
    engine: Engine,
    data: bytes | str,
    *,
    strict: bool = False,
    dry_run: bool = False,
    file_name: str = "landscape.yml",
) -> LandscapeReport:
    """Import a landscape.yml; with ``strict`` an invalid item writes nothing at all.

    Each row added cites the file (``file_name``, told apart by its SHA-256).
    """
    report = LandscapeReport(dry_run=dry_run, strict=strict)
    categories = read_landscape(data)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with Session(engine, autoflush=False) as session:
        importer = LandscapeImporter(session, report, file_name)
        try:
            importer.run(categories)
        except _Stop:
            session.rollback()
            return report
        report.added = importer.added()
        report.cited_to_file = cite_file(
            session, importer.origins, file_name=file_name, digest=file_digest(raw)
        )
        if dry_run:
            session.rollback()
            return report
        session.commit()
        report.written = True
    return report


# ---------------------------------------------------------------- export


def export_landscape(engine: Engine) -> tuple[str, int]:
    """Our companies and products as landscape.yml text, and the number of items written."""
    with Session(engine) as session:
        categories = {row.id: row for row in session.execute(select(m.Category)).scalars()}
        tree: dict[int, dict[int, list[dict[str, Any]]]] = {}
        count = 0
        for kind, link, owner in (
            (m.Company, m.CompanyCategory, "company_id"),
            (m.Product, m.ProductCategory, "product_id"),
        ):
            placed: dict[int, list[int]] = {}
            for owner_id, category_id in session.execute(
                select(getattr(link, owner), col(link.category_id)).order_by(col(link.category_id))
            ):
                placed.setdefault(owner_id, []).append(category_id)
            for row in session.execute(select(kind).order_by(col(kind.id))).scalars():
                if row.id not in placed:
                    continue
                item, primary = _item_of(session, row, placed[row.id], categories)
                root, sub = _root_and_sub(primary, categories)
                tree.setdefault(root, {}).setdefault(sub, []).append(item)
                count += 1
    document = {
        "landscape": [
            _category_entry(root, subs, categories) for root, subs in _sorted(tree, categories)
        ]
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100), count


def _item_of(
    session: Session, row: Any, category_ids: list[int], categories: dict[int, m.Category]
) -> tuple[dict[str, Any], int]:
    kept = json.loads(row.extra) if row.extra else {}
    second = [entry for entry in _as_list(kept.pop("second_path", None))]
    second_ids = {_path_id(entry, categories) for entry in second}
    primary = next((i for i in category_ids if i not in second_ids), category_ids[0])
    for other in category_ids:
        path = _path_of(other, categories)
        if other != primary and other not in second_ids and path not in second:
            second.append(path)
    item: dict[str, Any] = {"item": None, "name": row.name}
    if row.homepage:
        item["homepage_url"] = row.homepage
    if row.logo:
        item["logo"] = row.logo
    company = row if isinstance(row, m.Company) else session.get(m.Company, row.company_id)
    if company is not None and company.crunchbase_url:
        item["crunchbase"] = company.crunchbase_url
    repo = getattr(row, "repo_url", None) or kept.pop("repo_url", None)
    if repo:
        item["repo_url"] = repo
    if row.description:
        item["description"] = row.description
    if company is not None and _needs_organization(row, company):
        item["organization"] = {"name": company.name}
    if second:
        item["second_path"] = second
    item.update(kept)
    return item, primary


def _needs_organization(row: Any, company: m.Company) -> bool:
    """Name the organization unless its Crunchbase URL (or the item itself) already does."""
    if company.crunchbase_url:
        return company.name != crunchbase_slug(company.crunchbase_url) and row is not company
    return True


def _root_and_sub(category_id: int, categories: dict[int, m.Category]) -> tuple[int, int]:
    sub = categories[category_id]
    root = sub
    while root.parent_id is not None and root.parent_id in categories:
        root = categories[root.parent_id]
    return root.id, sub.id  # type: ignore[return-value]


def _path_of(category_id: int, categories: dict[int, m.Category]) -> str:
    root, sub = _root_and_sub(category_id, categories)
    return f"{categories[root].name} / {_sub_name(categories[sub], categories[root])}"


def _path_id(path: Any, categories: dict[int, m.Category]) -> int | None:
    for category_id in categories:
        if _path_of(category_id, categories) == path:
            return category_id
    return None


def _sub_name(sub: m.Category, root: m.Category) -> str:
    """A subcategory's name as the file wrote it (without the ``(Category)`` we added)."""
    return sub.name.removesuffix(f" ({root.name})") if sub.id != root.id else root.name


def _category_entry(
    root: int, subs: dict[int, list[dict[str, Any]]], categories: dict[int, m.Category]
) -> dict[str, Any]:
    return {
        "category": None,
        "name": categories[root].name,
        "subcategories": [
            {
                "subcategory": None,
                "name": _sub_name(categories[sub], categories[root]),
                "items": items,
            }
            for sub, items in _sorted(subs, categories)
        ],
    }


def _sorted(tree: dict[int, Any], categories: dict[int, m.Category]) -> list[tuple[int, Any]]:
    return sorted(tree.items(), key=lambda pair: (categories[pair[0]].position, pair[0]))


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
