"""Load the seed (``seed/*.yml``) into a database, idempotently.

Each seed file is a YAML list of entries for one table, loaded in ``SEED_FILES`` order. An entry
names what it refers to (``company: OpenAI``), gives partial dates as text (``2020-06``,
``2015-Q4``) and carries its citations: ``notes: "quote"`` (a quote from the founding notes) or
``cite: [{source: KEY, quote: "...", note: "...", language: en}]`` (``language`` only when the
quote is not in the source's own language; ``paraphrase: "..."`` in place of or beside the
quote when the words are ours, not the source's; ``stated: {amount_usd: 5000000}`` for what the
source states where it differs from the entry). An event names its funding round as
``funding_round: {company: OpenAI, announced: "2019", round_type: corporate_round}``. Rows are
found by their natural key and only added when missing: seeding twice changes nothing, and a row
a user edited is never overwritten.

The seed writes through the same importer, checks and resolver as a CSV import
(``landscape.exchange.importer``): each entry becomes a record of its table (its keys are the
export's columns), its citations and inline investors become records of ``citations`` and
``investments`` naming it by its in-batch id. A bad entry stops the seed with a ``SeedError``
naming the file and the entry.
"""

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session

from landscape import models as m
from landscape.config import project_path
from landscape.exchange.columns import partial_date
from landscape.exchange.formats import Record
from landscape.exchange.importer import Abort, Importer
from landscape.exchange.tables import SPECS

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


# ---------------------------------------------------------------- seed entries as importer records

# Seed file → the importer table it fills, in load order (what an entry names comes first).
SEED_FILES: list[tuple[str, str]] = [
    ("sources.yml", "sources"),
    ("categories.yml", "categories"),
    ("companies.yml", "companies"),
    ("people.yml", "people"),
    ("products.yml", "products"),
    ("models.yml", "models"),
    ("funding_rounds.yml", "funding_rounds"),
    ("model_prices.yml", "model_prices"),
    ("model_uses.yml", "model_uses"),
    ("metrics.yml", "metrics"),
    ("events.yml", "events"),
    ("claims.yml", "claims"),
]
_CITATION_KEYS = {"source", "quote", "note", "language", "paraphrase", "stated"}
_EXTRA_KEYS = {"sources": {"key"}, "funding_rounds": {"investors"}}


def _allowed_keys(stem: str) -> set[str]:
    """The keys a seed entry of ``stem`` may have: the export's columns, references by name,
    name lists, and citations."""
    spec = SPECS[stem]
    names = {ref for ref in spec.refs if not ref.endswith("_id")}
    return (
        {col.name for col in spec.columns} | names | set(spec.links) | {"notes", "cite"}
    ) | _EXTRA_KEYS.get(stem, set())


class SeedLoader:
    """Turns seed entries into importer records and writes them through the one ``Importer``.

    Every entry gets an in-batch id (its number in its file), so its citations and, for a
    funding round, its investments point at it by ``subject_table`` + ``subject_id``; a row
    already in the database stands for its entry, and is never changed.
    """

    def __init__(self, session: Session, seed_dir: Path) -> None:
        self.session = session
        self.seed_dir = seed_dir
        self.importer = Importer(session, link_duplicates=True)
        self.sources: dict[str, tuple[int, str | None]] = {}  # key → (batch id, language)
        self.where: dict[tuple[str, int], str] = {}  # (file, entry number) → how to name it
        self._serial = 0

    def fail(self, file_name: str, number: int, message: str) -> SeedError:
        return SeedError(f"{self.where.get((file_name, number), file_name)}: {message}")

    def _next_id(self) -> int:
        self._serial += 1
        return self._serial

    # -- entries to records

    def records(
        self, file_name: str, stem: str, entries: list[dict[str, Any]]
    ) -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]:
        """An entry's cells for ``stem``, and the investments and citations it carries."""
        rows, investments, citations = [], [], []
        allowed = _allowed_keys(stem)
        table = SPECS[stem].table
        for number, original in enumerate(entries, start=1):
            entry = dict(original)
            self.where[(file_name, number)] = f"{file_name} entry {number} ({_label(entry)})"
            unknown = sorted(set(entry) - allowed)
            if unknown:
                raise self.fail(file_name, number, f"unknown keys {unknown}")
            cites = self.citations(file_name, number, entry)
            cells = {key: _cell(value) for key, value in entry.items()}
            cells["id"] = str(self._next_id())
            if stem == "sources":
                key = cells.pop("key")
                self.sources[key] = (int(cells["id"]), entry.get("language"))
            if stem == "claims":
                cells["statement"] = cells.get("statement", "").strip()
            if stem == "events" and "funding_round" in entry:
                cells["funding_round_id"] = self.funding_round(file_name, number, entry)
                cells.pop("funding_round", None)
            citations += [_subject(table, cells["id"], number, citation) for citation in cites]
            if stem == "funding_rounds":
                cells.pop("investors", None)
                for investor in _as_list(entry.get("investors")):
                    investment, own = self.investment(file_name, number, cells["id"], investor)
                    investments.append(investment)
                    investment["_entry"] = str(number)
                    citations += [
                        _subject("investments", investment["id"], number, citation)
                        for citation in (own if own is not None else _unstated(cites))
                    ]
            cells["_entry"] = str(number)
            rows.append(cells)
        return rows, investments, citations

    def citations(self, file_name: str, number: int, entry: dict[str, Any]) -> list[dict[str, str]]:
        """The entry's ``notes:`` and ``cite:`` as citation cells (without their subject)."""
        given = [
            {"source": NOTES_SOURCE_KEY, "quote": q} for q in _as_list(entry.pop("notes", None))
        ]
        given += _as_list(entry.pop("cite", None))
        cells = []
        for citation in given:
            if (
                not isinstance(citation, dict)
                or set(citation) - _CITATION_KEYS
                or not (citation.get("quote") or citation.get("paraphrase"))
                or citation.get("source") not in self.sources
            ):
                raise self.fail(
                    file_name,
                    number,
                    f"bad citation {citation!r}: needs a known source and a quote or a paraphrase",
                )
            source_id, language = self.sources[citation["source"]]
            quote = _cell(citation.get("quote")).strip()
            cells.append(
                {
                    "source_id": str(source_id),
                    "quote": quote,
                    "note": _cell(citation.get("note")),
                    "quote_language": _cell(citation.get("language") or language) if quote else "",
                    "paraphrase": _cell(citation.get("paraphrase")).strip(),
                    "stated": _json(citation.get("stated")),
                }
            )
        return cells

    def investment(
        self, file_name: str, number: int, round_id: str, investor: Any
    ) -> tuple[dict[str, str], list[dict[str, str]] | None]:
        """An inline investor as investment cells, and its own citations (None: the round's)."""
        investor = dict(investor) if isinstance(investor, dict) else {"name": investor}
        own = None
        if "notes" in investor or "cite" in investor:
            own = self.citations(file_name, number, investor)
        cells = {
            "id": str(self._next_id()),
            "funding_round_id": round_id,
            "investor": _cell(investor.pop("name", None)),
            "is_lead": _cell(bool(investor.pop("lead", False))),
        }
        if investor:
            raise self.fail(file_name, number, f"unknown keys {sorted(investor)}")
        return cells, own

    def funding_round(self, file_name: str, number: int, entry: dict[str, Any]) -> str:
        """The in-batch id of the one round an event names as ``{company, announced,
        round_type}`` (the last two optional; no ``announced`` is an undated round)."""
        spec = dict(entry["funding_round"] or {})
        resolver = self.importer.resolver
        company = spec.pop("company", None)
        company_id = resolver.by_name(m.Company, str(company or ""))
        if company_id is None:
            raise self.fail(file_name, number, f"no companies row named {company!r}")
        try:
            when = partial_date(_cell(spec.pop("announced", None)))
        except ValueError as exc:
            raise self.fail(file_name, number, str(exc)) from None
        round_type = spec.pop("round_type", None)
        if spec:
            raise self.fail(file_name, number, f"unknown funding_round keys {sorted(spec)}")
        ids = resolver.funding_rounds(company_id, when, round_type)
        if len(ids) != 1:
            raise self.fail(
                file_name, number, f"{len(ids)} funding rounds match; name its round_type"
            )
        return str(resolver.pin("funding_rounds", ids[0]))

    # -- writing

    def write(self, file_name: str, stem: str, rows: list[dict[str, str]]) -> None:
        """Write one table's records through the importer; a problem is a SeedError."""
        if not rows:
            return
        numbers = [int(row.pop("_entry")) for row in rows]
        columns = list(dict.fromkeys(column for row in rows for column in row))
        records = [
            Record(number, None, {column: row.get(column, "") for column in columns})  # type: ignore[arg-type]
            for number, row in zip(numbers, rows, strict=True)
        ]
        before = len(self.importer.report.problems)
        try:
            self.importer.import_records(stem, columns, records, file_name)
        except Abort as exc:
            raise SeedError(f"{file_name}: {exc}") from None
        problems = self.importer.report.problems[before:]
        if problems:
            first = problems[0]
            where = (
                self.where.get((file_name, first.record), file_name)
                if first.record is not None
                else file_name
            )
            column = f"{first.column}: " if first.column else ""
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            raise SeedError(f"{where}: {column}{first.message}{more}")

    def load(self, progress: Callable[[str, int], None] | None = None) -> SeedReport:
        for file_name, stem in SEED_FILES:
            entries = read_seed_file(self.seed_dir / file_name)
            try:
                rows, investments, citations = self.records(file_name, stem, entries)
            except (KeyError, ValueError, TypeError, AttributeError) as exc:
                raise SeedError(f"{file_name}: {type(exc).__name__}: {exc}") from None
            self.write(file_name, stem, rows)
            self.write(file_name, "investments", investments)
            self.write(file_name, "citations", citations)
            if progress:
                progress(file_name, len(entries))
        return SeedReport(self.importer.added_by_table())


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


def _cell(value: Any) -> str:
    """A YAML value as the text of a cell: dates in ISO form, booleans as true/false, name lists
    joined by semicolons (as the export writes them), nothing as the empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def _unstated(citations: list[dict[str, str]]) -> list[dict[str, str]]:
    """A round's citations as its investments carry them: what a source states about the round
    (its date, its amount) is the round's, not the investment's."""
    return [{**citation, "stated": ""} for citation in citations]


def _json(value: Any) -> str:
    """A ``stated:`` mapping as the JSON text stored (dates in ISO form), or the empty cell."""
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_cell)


def _subject(table: str, batch_id: str, number: int, citation: dict[str, str]) -> dict[str, str]:
    """A citation's cells, pointing at the row of ``table`` the batch calls ``batch_id``."""
    return {"subject_table": table, "subject_id": batch_id, **citation, "_entry": str(number)}


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
        if citation.get("quote"):
            yield file_name, str(citation.get("source")), str(citation.get("quote"))
    for investor in _as_list(entry.get("investors")):
        if isinstance(investor, dict):
            yield from _quotes_of(file_name, investor)
