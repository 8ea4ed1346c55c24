"""Where imported rows come from: a row that an import gives no citation is cited to its file.

Every fact row needs a citation: a source and the exact words that support it (issue #2), and
``landscape validate`` checks that it has one. A file that adds a company without saying where
the company comes from is itself the only source we have, so after an import every fact row it
added or updated that no citation supports is cited to a source describing the file (its name
and SHA-256, kind ``article``, the import date in ``locator``), quoting the record as the file
gives it, with a note saying where in the file. A quote is the file's own words and claims
nothing more: a better source can be cited beside it at any time.

Rows that a citation supports (from the database, or from a ``citations`` file of the same
import) are left alone, so a whole export re-imported gains nothing. The same file imported
again finds its source instead of adding another.
"""

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlmodel import Session, col

from landscape import models as m
from landscape.names import normalize_name

DIGEST_SHOWN = 12  # hex digits of the SHA-256 in a file source's title


@dataclass(frozen=True)
class Origin:
    """A row an import wrote, and what its file says about it."""

    table: str  # a table of ``models.CITABLE``
    row_id: int
    quote: str  # the record as the file gives it
    note: str  # where in the file: ``companies.csv record 3 (line 4)``


def file_digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def file_source_title(file_name: str, digest: str) -> str:
    """The title of the source that stands for an imported file (unique per content)."""
    return f"{file_name} (imported file, sha256 {digest[:DIGEST_SHOWN]})"


def record_quote(values: Mapping[str, str]) -> str:
    """A record as the file gives it: one ``column: value`` line per filled cell, in order."""
    return "\n".join(f"{column}: {value}" for column, value in values.items() if value != "")


def file_source(session: Session, file_name: str, digest: str) -> m.Source:
    """The source standing for this file: found by its title, else added now."""
    title = file_source_title(file_name, digest)
    found = session.execute(
        select(m.Source).where(col(m.Source.url_key) == normalize_name(title))
    ).scalar_one_or_none()
    if found is not None:
        return found
    today = dt.datetime.now(dt.UTC).date().isoformat()
    source = m.Source(  # type: ignore[call-arg]  # url_key: set by the model from the title
        title=title,
        kind=m.SourceKind.dataset,
        locator=f"the file {file_name}, sha256 {digest}, imported on {today}",
    )
    session.add(source)
    session.flush()
    return source


def uncited(session: Session, origins: Iterable[Origin]) -> list[Origin]:
    """The rows of ``origins`` that no citation supports, each once (with its first record)."""
    first: dict[tuple[str, int], Origin] = {}
    for origin in origins:
        if origin.table in m.CITABLE:
            first.setdefault((origin.table, origin.row_id), origin)
    cited = _cited(session, list(first))
    return [origin for key, origin in first.items() if key not in cited]


def cite_file(session: Session, origins: Iterable[Origin], *, file_name: str, digest: str) -> int:
    """Cite the file (found or added as a source) for each row of ``origins``; how many."""
    origins = list(origins)
    if not origins:
        return 0
    source = file_source(session, file_name, digest)
    now = m.utcnow()
    empty = dict.fromkeys(m.CITABLE.values())
    rows = [
        empty | {
            "source_id": source.id, "quote": origin.quote, "note": origin.note,
            "created_at": now, "updated_at": now, m.CITABLE[origin.table]: origin.row_id,
        }
        for origin in origins
    ]  # fmt: skip
    session.execute(insert(m.Citation), rows)  # one executemany, not an ORM object each
    return len(origins)


CHUNK = 500  # ids per query


def _cited(session: Session, rows: list[tuple[str, int]]) -> set[tuple[str, int]]:
    """The (table, id) pairs among ``rows`` that some citation supports."""
    ids: dict[str, list[int]] = {}
    for table, row_id in rows:
        ids.setdefault(table, []).append(row_id)
    found: set[tuple[str, int]] = set()
    for table, table_ids in ids.items():
        column = getattr(m.Citation, m.CITABLE[table])
        for start in range(0, len(table_ids), CHUNK):
            chunk = table_ids[start : start + CHUNK]
            statement = select(column).where(column.in_(chunk)).distinct()
            found |= {(table, int(row_id)) for row_id in session.execute(statement).scalars()}
    return found
