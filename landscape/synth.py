"""A reproducible synthetic landscape of a real one's shape, to measure how the project scales.

``synthesize(engine, companies=N, random_seed=S)`` adds N companies spread unevenly over the
categories (the database's own, else a fixed set), a few per cent of them investors and labs;
half of the startups with 1–3 rounds of skewed amounts (2010–2026) and 1–3 investors each;
products, AI models and their uses, metrics, events; and a citation of a synthetic source for
every fact. The same N, seed and starting database give the same rows.

Rows are drawn in column arrays (numpy) and written through the bulk path: one executemany
(SQLite) or COPY (PostgreSQL) per table and chunk of companies, all in one transaction, with
ids given by the writer (after the table's largest), so nothing is read back.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, column, func, select, table, text

from landscape.models import CompanyKind, Modality, RoundType, SourceKind, ThesisRole

MAX_COMPANIES = 10_000_000
CHUNK = 50_000  # companies per chunk: bounds memory, paces the progress bar
BULK_CACHE_KIB = -262_144  # SQLite's page cache while bulk writing: 256 MiB (negative: KiB)
SYNTH_EPOCH = "2026-01-01 00:00:00"  # created_at / updated_at of every synthetic row

CATEGORIES = (
    "Text generation", "Image generation", "Code generation", "Audio and speech", "Video",
    "Search", "Marketing copy", "Customer support", "Design", "Gaming", "Healthcare", "Legal",
    "Finance", "Education", "Infrastructure", "Foundation models",
)  # fmt: skip
WORDS = (
    "Aurora", "Beacon", "Cobalt", "Delta", "Ember", "Flux", "Granite", "Helix", "Ion", "Jade",
    "Kinetic", "Lumen", "Meridian", "Nova", "Onyx", "Prism", "Quanta", "Ripple", "Sable",
    "Tensor", "Umbra", "Vertex", "Willow", "Xenon", "Yonder", "Zephyr",
)  # fmt: skip
SUFFIXES = ("AI", "Labs", "Systems", "Works", "Intelligence", "Studio", "Tech", "Robotics")
PRODUCT_WORDS = ("Writer", "Canvas", "Assist", "Copilot", "Voice", "Lens", "Studio", "Agent")
COUNTRIES = ("US", "CN", "GB", "DE", "FR", "IN", "IL", "CA", "JP", "SG", "KR", "SE")
COUNTRY_WEIGHTS = (40, 15, 8, 6, 5, 5, 4, 4, 3, 3, 4, 3)
# round stage → (type, median USD); a company's rounds climb the stages
STAGES = (
    (RoundType.seed, 2_000_000),
    (RoundType.series_a, 10_000_000),
    (RoundType.series_b, 35_000_000),
    (RoundType.series_c, 90_000_000),
)
MODALITIES = (Modality.text, Modality.image, Modality.audio, Modality.video, Modality.code)

# the tables synth writes
SYNTH_TABLES = (
    "companies", "company_categories", "categories", "sources", "funding_rounds", "investments",
    "products", "ai_models", "model_uses", "metrics", "events", "citations",
)  # fmt: skip
Rows = list[tuple[Any, ...]]
Progress = Callable[[int, int], None]  # (companies written, companies asked for)


@dataclass
class SynthReport:
    """Rows written per table."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def summary(self) -> str:
        tables = ", ".join(f"{name} {count}" for name, count in self.rows.items())
        return f"added {self.total} rows: {tables}"


# ---------------------------------------------------------------- the bulk writer


class BulkWriter:
    """Inserts rows of plain values (dates as ISO text) by executemany or COPY."""

    def __init__(self, connection: Connection, report: SynthReport) -> None:
        self.connection = connection
        self.report = report
        self.postgres = connection.dialect.name == "postgresql"
        self.stamp = SYNTH_EPOCH + ("+00" if self.postgres else ".000000")

    def next_id(self, name: str) -> int:
        """The id after the table's largest."""
        t = table(name, column("id"))
        return int(self.connection.execute(select(func.max(t.c.id))).scalar() or 0) + 1

    def insert(self, name: str, columns: Sequence[str], rows: Rows, stamped: bool = True) -> None:
        """Write ``rows`` (tuples in ``columns`` order); ``stamped`` adds created/updated_at."""
        if not rows:
            return
        if stamped:
            columns = [*columns, "created_at", "updated_at"]
            rows = [(*row, self.stamp, self.stamp) for row in rows]
        names = ", ".join(columns)
        if self.postgres:
            cursor = self.connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
            with cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(columns))
            self.connection.exec_driver_sql(f"INSERT INTO {name} ({names}) VALUES ({marks})", rows)
        self.report.rows[name] = self.report.rows.get(name, 0) + len(rows)

    def catch_up_sequences(self) -> None:
        """Rows were written with their own ids: PostgreSQL's id sequences must catch up."""
        if not self.postgres:
            return
        for name in self.report.rows:
            if name in ("company_categories",):
                continue
            self.connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {name}"
            ))  # fmt: skip


# ---------------------------------------------------------------- drawing values


def _dates(
    rng: np.random.Generator, count: int, first: int, last: int, skew: float, *, year: bool = False
) -> list[str]:
    """``count`` first-of-month dates (first of the year with ``year``) between years ``first``
    and ``last``, more of them late (``skew`` > 1 leans to recent years)."""
    span = (last - first + 1) * 12
    months = (span * rng.random(count) ** (1 / skew)).astype(np.int64)
    if year:
        return [f"{first + m // 12:04d}-01-01" for m in months.tolist()]
    return [f"{first + m // 12:04d}-{m % 12 + 1:02d}-01" for m in months.tolist()]


def _zipf_choice(rng: np.random.Generator, pool: int, count: int) -> np.ndarray:
    """Indexes into a pool of ``pool`` items, the first ones far more often (a few big
    investors, a long tail)."""
    weights = 1.0 / np.arange(1, pool + 1)
    return rng.choice(pool, size=count, p=weights / weights.sum())


def _names(ids: Sequence[int], pick: np.ndarray, kind: str = "") -> list[str]:
    """Unique company names: two words and the row id."""
    out = []
    for row_id, (a, b, s) in zip(ids, pick.tolist(), strict=True):
        out.append(f"{WORDS[a]}{WORDS[b].lower()} {kind or SUFFIXES[s]} {row_id}")
    return out


# ---------------------------------------------------------------- the landscape


class Synth:
    """Draws and writes one synthetic landscape."""

    def __init__(self, writer: BulkWriter, rng: np.random.Generator) -> None:
        self.writer = writer
        self.rng = rng
        self.ids = {name: writer.next_id(name) for name in (
            "companies", "categories", "sources", "funding_rounds", "investments", "products",
            "ai_models", "model_uses", "metrics", "events", "citations",
        )}  # fmt: skip
        self.citations: Rows = []
        self.categories = self.sources = self.model_ids = np.zeros(0, dtype=np.int64)
        self.investors: list[int] = []
        self._cite_later: list[int] = []  # new categories, cited once there are sources

    def take(self, name: str, count: int) -> list[int]:
        """``count`` new ids of table ``name``."""
        start = self.ids[name]
        self.ids[name] = start + count
        return list(range(start, start + count))

    def cite(self, subject_column: str, ids: Sequence[int], labels: Sequence[str]) -> None:
        """One citation of a synthetic source per fact row."""
        sources = self.sources[self.rng.integers(0, len(self.sources), len(ids))].tolist()
        for row_id, label, source in zip(ids, labels, sources, strict=True):
            self.citations.append((source, f"Synthetic record: {label}.", "en", row_id))
        self.flush_citations(subject_column)

    def flush_citations(self, subject_column: str) -> None:
        ids = self.take("citations", len(self.citations))
        rows = [(i, *row) for i, row in zip(ids, self.citations, strict=True)]
        columns = ("id", "source_id", "quote", "quote_language", subject_column)
        self.writer.insert("citations", columns, rows)
        self.citations = []

    # -- pools every chunk draws from

    def pools(self, companies: int) -> None:
        existing = self.writer.connection.execute(
            select(table("categories", column("id")).c.id).order_by("id")
        ).scalars()
        self.categories = np.array(list(existing), dtype=np.int64)
        if not len(self.categories):
            ids = self.take("categories", len(CATEGORIES))
            rows: Rows = [
                (i, n, n.casefold(), p)
                for p, (i, n) in enumerate(zip(ids, CATEGORIES, strict=True))
            ]
            self.writer.insert("categories", ("id", "name", "name_key", "position"), rows)
            self.categories = np.array(ids, dtype=np.int64)
            self._cite_later = ids
        count = max(10, companies // 100)
        ids = self.take("sources", count)
        rows = [
            (i, f"Synthetic source {i}", f"https://synthetic.example/{i}",
             f"https://synthetic.example/{i}", SourceKind.dataset.value, "en")
            for i in ids
        ]  # fmt: skip
        columns = ("id", "title", "url", "url_key", "kind", "language")
        self.writer.insert("sources", columns, rows)
        self.sources = np.array(ids, dtype=np.int64)
        if self._cite_later:
            self.cite("category_id", self._cite_later, CATEGORIES)

    def special_companies(self, count: int, kind: CompanyKind, role: ThesisRole) -> list[int]:
        """Investors or labs: companies the others refer to."""
        ids = self.take("companies", count)
        label = {CompanyKind.investor: "Ventures", CompanyKind.research_lab: "Research"}[kind]
        names = _names(ids, self._name_picks(count), label)
        founded = _dates(self.rng, count, 1990, 2024, 1.5, year=True)
        rows = [
            (i, n, n.casefold(), kind.value, "active", role.value, f, "year", "US")
            for i, n, f in zip(ids, names, founded, strict=True)
        ]
        self._write_companies(rows, names)
        return ids

    def _name_picks(self, count: int) -> np.ndarray:
        words = self.rng.integers(0, len(WORDS), (count, 2))
        return np.column_stack([words, self.rng.integers(0, len(SUFFIXES), count)])

    def _write_companies(self, rows: Rows, names: list[str]) -> None:
        columns = ("id", "name", "name_key", "kind", "status", "thesis_role", "founded_on",
                   "founded_precision", "hq_country")  # fmt: skip
        self.writer.insert("companies", columns, rows)
        ids = [row[0] for row in rows]
        picks = self.categories[_zipf_choice(self.rng, len(self.categories), len(ids))].tolist()
        links = list(zip(ids, picks, strict=True))
        second = self.rng.random(len(ids)) < 0.3
        extra = self.categories[self.rng.integers(0, len(self.categories), len(ids))].tolist()
        links += [
            (i, c) for i, c, s, p in zip(ids, extra, second, picks, strict=True) if s and c != p
        ]
        self.writer.insert("company_categories", ("company_id", "category_id"), links, False)
        self.cite("company_id", ids, names)

    def models(self, labs: list[int]) -> None:
        count = max(5, len(labs) * 2)
        ids = self.take("ai_models", count)
        developers = np.array(labs)[self.rng.integers(0, len(labs), count)].tolist()
        modality = self.rng.integers(0, len(MODALITIES), count).tolist()
        released = _dates(self.rng, count, 2018, 2026, 2.0)
        names = [f"Synth-{i}" for i in ids]
        rows = [
            (i, n, n.casefold(), d, "released", MODALITIES[k].value, r, "month")
            for i, n, d, k, r in zip(ids, names, developers, modality, released, strict=True)
        ]
        columns = ("id", "name", "name_key", "developer_id", "status", "modality",
                   "released_on", "released_precision")  # fmt: skip
        self.writer.insert("ai_models", columns, rows)
        self.cite("model_id", ids, names)
        self.model_ids = np.array(ids, dtype=np.int64)

    # -- one chunk of startups and what hangs off them

    def startups(self, count: int) -> None:
        rng = self.rng
        ids = self.take("companies", count)
        names = _names(ids, self._name_picks(count))
        founded = _dates(rng, count, 1995, 2025, 3.0, year=True)
        country = rng.choice(len(COUNTRIES), count, p=np.array(COUNTRY_WEIGHTS) / 100).tolist()
        status = rng.choice(3, count, p=(0.9, 0.07, 0.03)).tolist()
        role = rng.choice(3, count, p=(0.85, 0.1, 0.05)).tolist()
        statuses, roles = ("active", "acquired", "closed"), ("application_builder", None,
                                                              "channel_owner")  # fmt: skip
        rows = [
            (i, n, n.casefold(), "startup", statuses[s], roles[r], f, "year", COUNTRIES[c])
            for i, n, f, c, s, r in zip(ids, names, founded, country, status, role, strict=True)
        ]
        self._write_companies(rows, names)
        self.rounds(ids, names, founded)
        self.products(ids, names)
        self.facts(ids, names)

    def rounds(self, companies: list[int], names: list[str], founded: list[str]) -> None:
        rng = self.rng
        funded = rng.random(len(companies)) < 0.5
        per = rng.integers(1, 4, len(companies))
        owners: list[tuple[int, str, int, int]] = []  # company, name, stage, earliest year
        for i, name, f, yes, n in zip(companies, names, founded, funded, per.tolist(), strict=True):
            if yes:
                start = max(2010, int(f[:4]))
                owners += [(i, name, stage, start) for stage in range(n)]
        count = len(owners)
        ids = self.take("funding_rounds", count)
        years = rng.random(count)
        months = rng.integers(1, 13, count).tolist()
        amounts = rng.lognormal(0.0, 0.8, count).tolist()
        undisclosed = (rng.random(count) < 0.05).tolist()
        rows, labels = [], []
        for row_id, (company, name, stage, start), y, mo, a, hidden in zip(
            ids, owners, years.tolist(), months, amounts, undisclosed, strict=True
        ):
            year = min(2026, start + stage * 2 + int(y * (2027 - start) / (stage + 1.5)))
            round_type, median = STAGES[stage]
            usd = None if hidden else int(median * a)
            rows.append((row_id, company, f"{year:04d}-{mo:02d}-01", "month", round_type.value,
                         "closed", usd, "USD" if usd else None, usd))  # fmt: skip
            labels.append(f"{name} {round_type.value} {year}")
        columns = ("id", "company_id", "announced_on", "announced_precision", "round_type",
                   "status", "amount", "currency", "amount_usd")  # fmt: skip
        self.writer.insert("funding_rounds", columns, rows)
        self.cite("funding_round_id", ids, labels)
        self.investments(ids, labels)

    def investments(self, rounds: list[int], labels: list[str]) -> None:
        per = self.rng.integers(1, 4, len(rounds)).tolist()
        picks = _zipf_choice(self.rng, len(self.investors), sum(per)).tolist()
        pairs: list[tuple[int, int, bool, str]] = []
        at = 0
        for round_id, label, n in zip(rounds, labels, per, strict=True):
            chosen = dict.fromkeys(self.investors[k] for k in picks[at : at + n])
            at += n
            pairs += [(round_id, inv, j == 0, label) for j, inv in enumerate(chosen)]
        ids = self.take("investments", len(pairs))
        rows = [(i, r, inv, lead) for i, (r, inv, lead, _) in zip(ids, pairs, strict=True)]
        columns = ("id", "funding_round_id", "investor_id", "is_lead")
        self.writer.insert("investments", columns, rows, stamped=False)
        self.cite("investment_id", ids, [f"investor in {p[3]}" for p in pairs])

    def products(self, companies: list[int], names: list[str]) -> None:
        per = self.rng.choice(3, len(companies), p=(0.3, 0.4, 0.3)).tolist()
        words = self.rng.integers(0, len(PRODUCT_WORDS), len(companies)).tolist()
        owners = [
            (c, n, (w + k) % len(PRODUCT_WORDS))
            for c, n, p, w in zip(companies, names, per, words, strict=True)
            for k in range(p)
        ]
        ids = self.take("products", len(owners))
        launched = _dates(self.rng, len(owners), 2015, 2026, 2.5)
        rows, labels = [], []
        for i, (company, name, w), on in zip(ids, owners, launched, strict=True):
            product = f"{name.split(' ')[0]} {PRODUCT_WORDS[w]}"
            rows.append((i, company, product, product.casefold(), on, "month"))
            labels.append(product)
        columns = ("id", "company_id", "name", "name_key", "launched_on", "launched_precision")
        self.writer.insert("products", columns, rows)
        self.cite("product_id", ids, labels)

    def _some(self, companies: list[int], names: list[str], share: float) -> list[tuple[int, str]]:
        """About ``share`` of the companies, with their names."""
        drawn = (self.rng.random(len(companies)) < share).tolist()
        return [(c, n) for c, n, d in zip(companies, names, drawn, strict=True) if d]

    def facts(self, companies: list[int], names: list[str]) -> None:
        """Model uses, headcount metrics and release events of some of the companies."""
        rng = self.rng
        users = self._some(companies, names, 0.4)
        ids = self.take("model_uses", len(users))
        models = self.model_ids[_zipf_choice(rng, len(self.model_ids), len(users))].tolist()
        how = rng.choice(2, len(users), p=(0.8, 0.2)).tolist()
        rows: Rows = [(i, m, c, ("calls_api", "fine_tunes")[h])
                for i, (c, _), m, h in zip(ids, users, models, how, strict=True)]  # fmt: skip
        self.writer.insert("model_uses", ("id", "model_id", "company_id", "how"), rows)
        self.cite("model_use_id", ids, [f"{n} uses a model" for _, n in users])

        counted = self._some(companies, names, 0.3)
        ids = self.take("metrics", len(counted))
        heads = np.maximum(1, rng.lognormal(3.5, 1.2, len(counted))).astype(np.int64).tolist()
        as_of = _dates(rng, len(counted), 2020, 2026, 2.0)
        rows = [(i, c, "headcount", float(h), "people", False, a, "month")
                for i, (c, _), h, a in zip(ids, counted, heads, as_of, strict=True)]  # fmt: skip
        columns: tuple[str, ...] = ("id", "company_id", "name", "value", "unit", "approximate",
                                    "as_of", "as_of_precision")  # fmt: skip
        self.writer.insert("metrics", columns, rows)
        self.cite("metric_id", ids, [f"{n}: headcount" for _, n in counted])

        told = self._some(companies, names, 0.25)
        ids = self.take("events", len(told))
        on = _dates(rng, len(told), 2015, 2026, 2.5)
        titles = [f"{n} ships a release" for _, n in told]
        rows = [(i, c, d, "month", "release", t, False)
                for i, (c, _), d, t in zip(ids, told, on, titles, strict=True)]  # fmt: skip
        columns = ("id", "company_id", "occurred_on", "occurred_precision", "kind", "title",
                   "expected")  # fmt: skip
        self.writer.insert("events", columns, rows)
        self.cite("event_id", ids, titles)


def synthesize(
    engine: Engine, companies: int, random_seed: int = 0, progress: Progress | None = None
) -> SynthReport:
    """Add a synthetic landscape of ``companies`` companies in one transaction (see the
    module's docstring); the database must be migrated."""
    if not 1 <= companies <= MAX_COMPANIES:
        raise ValueError(f"--companies must be between 1 and {MAX_COMPANIES}, not {companies}")
    report = SynthReport()
    with (
        engine.connect() as connection,
        bulk_mode(connection),
        connection.begin(),
        indexes_rebuilt(connection),
    ):
        synth = Synth(BulkWriter(connection, report), np.random.default_rng(random_seed))
        synth.pools(companies)
        investors = min(companies, max(1, companies * 3 // 100))
        labs = min(companies - investors, max(1, companies // 100)) if companies > 1 else 0
        synth.investors = synth.special_companies(
            investors, CompanyKind.investor, ThesisRole.investor
        )
        lab_ids = synth.special_companies(labs, CompanyKind.research_lab, ThesisRole.model_builder)
        synth.models(lab_ids or synth.investors)
        done = investors + labs
        if progress:
            progress(done, companies)
        while done < companies:
            step = min(CHUNK, companies - done)
            synth.startups(step)
            done += step
            if progress:
                progress(done, companies)
        synth.writer.catch_up_sequences()
    return report


@contextmanager
def indexes_rebuilt(connection: Connection) -> Iterator[None]:
    """On SQLite, inside the transaction: the schema's own indexes dropped while writing and
    made again after (sorting once beats a B-tree insert per row); the indexes behind UNIQUE
    constraints stay, and still refuse a duplicate."""
    if connection.dialect.name != "sqlite":
        yield
        return
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN (" + ", ".join(f"'{name}'" for name in SYNTH_TABLES) + ")"
    ).all()
    # Python's sqlite3 opens a transaction only before an INSERT/UPDATE/DELETE, so a DROP INDEX
    # first would commit at once and a failed synth would lose the indexes: a savepoint opens
    # the transaction here, and the caller's commit or rollback ends it.
    connection.exec_driver_sql("SAVEPOINT synth_indexes")
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)


@contextmanager
def bulk_mode(connection: Connection) -> Iterator[None]:
    """On SQLite, outside a transaction: a large page cache and no foreign-key checks (the
    writer's rows refer only to rows written before them) while bulk writing; a CPU profile
    at 100k companies: 10.9 s as configured, 8.6 s so. Both are restored after."""
    if connection.dialect.name != "sqlite":
        yield
        return
    cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size={BULK_CACHE_KIB}")
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()  # ends SQLAlchemy's autobegun transaction (SQLite opened none)
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(cache or 0)}")
        connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if keys else 'OFF'}")
        connection.commit()
