"""Check a landscape database for the problems its constraints cannot rule out.

Each rule is a function that takes a connection and yields ``Problem``s naming the table, the
row and what is wrong; ``validate`` runs them all. The rules: every fact row has a citation and
every citation a quote or a paraphrase (the project's inference only a paraphrase), what it
states a JSON object of its subject's columns; no reference points at a missing row; dates lie
in a sane range and agree with their precision; no two names are equal under normalization; no
amount is negative; metric names and units are known. A database loaded with foreign keys or
CHECK constraints off (an import, a hand edit) is where these catch something.
"""

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Table, and_, or_, select
from sqlmodel import SQLModel

from landscape import models as m
from landscape import registry
from landscape.dates import DatePrecision
from landscape.names import normalize_name

EARLIEST_DATE = dt.date(1900, 1, 1)
YEARS_AHEAD = 10  # an expected event may lie in the future, but not further than this

# (date column, precision column) pairs, wherever a table has them
DATE_COLUMNS = list(
    dict.fromkeys(pair for record in registry.TABLES.values() for pair in record.date_columns)
)

MONEY_COLUMNS = {table: r.money for table, r in registry.TABLES.items() if r.money}
MONEY_UNITS = (m.MetricUnit.usd.value, m.MetricUnit.usd_per_day.value)

# Tables whose rows carry a name that must be unique under normalization, and the columns
# that scope the uniqueness (a product's name is unique within its company).
NAMED_TABLES = {table: r.name_scope for table, r in registry.TABLES.items() if r.named}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one row."""

    table: str
    row_id: str
    name: str
    message: str

    def __str__(self) -> str:
        named = f" ({self.name})" if self.name else ""
        return f"{self.table} #{self.row_id}{named}: {self.message}"


class Checker:
    """Runs the rules over one connection, naming rows as it reports them."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.names = {  # the registry's one human name of every row that has one
            (table, row_id): name
            for table, record in registry.TABLES.items()
            if record.name_query is not None
            for row_id, name in registry.row_names(connection, table).items()
        }

    def problem(self, table: Table, row: dict, message: str) -> Problem:
        if "id" in table.c:
            row_id = str(row["id"])
            name = self.names.get((table.name, row["id"]), "")
        else:  # a link table: its key is the pair of ids
            row_id = ", ".join(f"{column.name}={row[column.name]}" for column in table.primary_key)
            name = ""
        return Problem(table.name, row_id, name, message)

    def rows(self, table: Table, *columns: str, where: object = None) -> Iterator[dict]:
        keys = [column.name for column in table.primary_key]
        wanted = [table.c[name] for name in dict.fromkeys([*keys, *columns])]
        statement = select(*wanted)
        if where is not None:
            statement = statement.where(where)  # type: ignore[arg-type]
        for row in self.connection.execute(statement.order_by(*table.primary_key)).mappings():
            yield dict(row)

    # -- the rules

    def uncited_rows(self) -> Iterator[Problem]:
        """Every fact row has at least one citation."""
        citations = m.Citation.__table__  # type: ignore[attr-defined]
        for table_name, column in m.CITABLE.items():
            table = _table(table_name)
            cited = select(citations.c[column]).where(citations.c[column].is_not(None))
            for row in self.rows(table, where=table.c.id.not_in(cited)):
                yield self.problem(table, row, "no citation supports this row")

    def empty_quotes(self) -> Iterator[Problem]:
        """Every citation quotes its source, or paraphrases it (marked as our summary)."""
        table = _table("citations")
        for row in self.rows(table, "quote", "paraphrase"):
            if not (row["quote"] or "").strip() and not (row["paraphrase"] or "").strip():
                yield self.problem(table, row, "the citation has no quote and no paraphrase")

    def quoted_inferences(self) -> Iterator[Problem]:
        """The project's own inference has no words to quote: its reasoning is a paraphrase."""
        table, sources = _table("citations"), _table("sources")
        inferences = select(sources.c.id).where(sources.c.kind == m.SourceKind.inference.value)
        where = and_(table.c.source_id.in_(inferences), table.c.quote.is_not(None))
        for row in self.rows(table, where=where):
            yield self.problem(table, row, "quotes the project's own inference: paraphrase it")

    def bad_stated(self) -> Iterator[Problem]:
        """A citation's ``stated`` is a JSON object of the record's columns."""
        table = _table("citations")
        subjects = list(m.CITABLE.items())
        columns = [column for _table_name, column in subjects]
        for row in self.rows(table, "stated", *columns, where=table.c.stated.is_not(None)):
            subject = next((t for t, column in subjects if row[column] is not None), None)
            problem = _stated_problem(row["stated"], subject)
            if problem:
                yield self.problem(table, row, f"stated: {problem}")

    def dangling_references(self) -> Iterator[Problem]:
        """Every foreign key points at a row that exists."""
        for table in SQLModel.metadata.sorted_tables:
            for key in table.foreign_keys:
                column, target = key.parent, key.column
                existing = select(target)
                missing = and_(column.is_not(None), column.not_in(existing))
                for row in self.rows(table, column.name, where=missing):
                    value, target_table = row[column.name], target.table.name
                    message = f"{column.name} = {value} points at no row of {target_table}"
                    yield self.problem(table, row, message)

    def bad_dates(self) -> Iterator[Problem]:
        """Dates lie between 1900 and ten years ahead, and agree with their precision."""
        latest = dt.date(dt.date.today().year + YEARS_AHEAD, 12, 31)
        for table in SQLModel.metadata.sorted_tables:
            for date_column, precision_column in DATE_COLUMNS:
                if date_column not in table.c:
                    continue
                for row in self.rows(table, date_column, precision_column):
                    message = _date_problem(
                        row[date_column], row[precision_column], EARLIEST_DATE, latest
                    )
                    if message:
                        yield self.problem(table, row, f"{date_column}: {message}")

    def duplicate_names(self) -> Iterator[Problem]:
        """No two rows of a named table share a name under normalization."""
        for table_name, scope in NAMED_TABLES.items():
            table = _table(table_name)
            first_seen: dict[tuple, int] = {}
            for row in self.rows(table, "name", "name_key", *scope):
                key = normalize_name(row["name"])
                if row["name_key"] != key:
                    yield self.problem(
                        table, row, f"name_key {row['name_key']!r} does not match the name"
                    )
                scoped = (*(row[column] for column in scope), key)
                if scoped in first_seen:
                    yield self.problem(
                        table,
                        row,
                        f"name {row['name']!r} equals #{first_seen[scoped]}'s under normalization",
                    )
                else:
                    first_seen[scoped] = row["id"]

    def negative_amounts(self) -> Iterator[Problem]:
        """No money amount or price is negative, and an amount names its currency."""
        for table_name, columns in MONEY_COLUMNS.items():
            table = _table(table_name)
            for column in columns:
                for row in self.rows(table, column, where=table.c[column] < 0):
                    yield self.problem(table, row, f"{column} is negative ({row[column]})")
        rounds = _table("funding_rounds")
        undeclared = and_(
            or_(rounds.c.amount.is_not(None), rounds.c.post_money_usd.is_not(None)),
            rounds.c.currency.is_(None),
        )
        for row in self.rows(rounds, where=undeclared):
            yield self.problem(rounds, row, "an amount without its currency")
        for table_name in ("funding_rounds", "model_prices"):
            table = _table(table_name)
            for row in self.rows(table, "currency", where=table.c.currency.is_not(None)):
                code = row["currency"]
                if not (len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()):
                    yield self.problem(table, row, f"currency {code!r} is not an ISO 4217 code")
        metrics = _table("metrics")
        money = metrics.c.unit.in_(MONEY_UNITS)
        negative = or_(metrics.c.value < 0, metrics.c.value_high < 0)
        for row in self.rows(metrics, "value", "unit", where=and_(money, negative)):
            yield self.problem(metrics, row, f"a negative amount of {row['unit']}")

    def unknown_metrics(self) -> Iterator[Problem]:
        """Metric names and units come from the vocabularies; ranges and percentages are sane."""
        metrics = _table("metrics")
        names, units = set(m.MetricName), set(m.MetricUnit)
        for row in self.rows(metrics, "name", "unit", "value", "value_high"):
            if row["unit"] not in units:
                known = ", ".join(unit.value for unit in m.MetricUnit)
                yield self.problem(metrics, row, f"unit {row['unit']!r} is unknown ({known})")
            if row["name"] not in names:
                yield self.problem(metrics, row, f"metric name {row['name']!r} is unknown")
            high = row["value_high"]
            if high is not None and high < row["value"]:
                yield self.problem(metrics, row, f"value_high {high} is below value {row['value']}")
            percent = row["name"] == m.MetricName.accuracy and row["unit"] == m.MetricUnit.percent
            if percent and not 0 <= row["value"] <= 100:
                yield self.problem(metrics, row, f"an accuracy of {row['value']} percent")


RULES: list[Callable[[Checker], Iterable[Problem]]] = [
    Checker.uncited_rows,
    Checker.empty_quotes,
    Checker.quoted_inferences,
    Checker.bad_stated,
    Checker.dangling_references,
    Checker.bad_dates,
    Checker.duplicate_names,
    Checker.negative_amounts,
    Checker.unknown_metrics,
]


def validate(engine: Engine) -> list[Problem]:
    """Every problem in the database, rule by rule; an empty list means it is sound."""
    with engine.connect() as connection:
        checker = Checker(connection)
        return [problem for rule in RULES for problem in rule(checker)]


def problems_by_table(problems: Iterable[Problem]) -> dict[str, int]:
    """How many problems each table has."""
    counts: dict[str, int] = defaultdict(int)
    for problem in problems:
        counts[problem.table] += 1
    return dict(counts)


# ---------------------------------------------------------------- helpers


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def stated_fields(table: str) -> list[str]:
    """The columns a citation's ``stated`` may name for a row of ``table``: its export's stored
    columns (``announced``, ``amount_usd``, ``date``...)."""
    from landscape.exchange.tables import SPECS

    stem = registry.record(table).stem
    spec = SPECS.get(stem or "")
    return [col.name for col in spec.columns] if spec else []


def _stated_problem(stated: str, subject: str | None) -> str | None:
    """Why a citation's ``stated`` is wrong (not a JSON object of its subject's columns)."""
    try:
        values = json.loads(stated)
    except ValueError:
        return "not valid JSON"
    if not isinstance(values, dict) or not values:
        return "not a JSON object of the values the source states"
    known = stated_fields(subject) if subject else []
    unknown = sorted(set(values) - set(known))
    if unknown:
        return f"{', '.join(unknown)} not a column of {subject} (one of {', '.join(known)})"
    return None


def _date_problem(
    value: dt.date | None, precision: str | None, earliest: dt.date, latest: dt.date
) -> str | None:
    """Why a (date, precision) pair is wrong, or None."""
    if value is None:
        return f"a precision ({precision}) without a date" if precision else None
    if not earliest <= value <= latest:
        return f"{value.isoformat()} is outside {earliest.isoformat()}..{latest.isoformat()}"
    if precision is None:
        return f"{value.isoformat()} has no precision"
    if precision not in set(DatePrecision):
        return f"precision {precision!r} is unknown"
    first_day = {
        DatePrecision.day: value,
        DatePrecision.month: value.replace(day=1),
        DatePrecision.quarter: dt.date(value.year, (value.month - 1) // 3 * 3 + 1, 1),
        DatePrecision.year: dt.date(value.year, 1, 1),
    }[DatePrecision(precision)]
    if value != first_day:
        return f"{value.isoformat()} is not the first day of its {precision}"
    return None
