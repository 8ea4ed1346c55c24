"""Engines, sessions and schema upgrades.

One engine per URL, cached. SQLite connections get foreign keys, WAL and a busy timeout;
nothing SQLite-only reaches PostgreSQL. Alembic and SQLModel are imported by the functions that
use them, so ``landscape db current`` starts without them.
"""

import ast
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from landscape.config import database_url, project_path

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlmodel import Session

SQLITE_BUSY_TIMEOUT_MS = 5000


class DatabaseError(Exception):
    """A database that cannot be opened or reached; the message is one readable line."""


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


@cache
def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: the configured URL), created once per URL."""
    url = database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"not a database URL: {url!r}") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            _check_sqlite_folder(parsed.database)
            engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _set_sqlite_pragmas)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        hint = " (pip install 'ai-landscape[postgres]')" if "postgres" in url else ""
        raise DatabaseError(f"no driver for {parsed.drivername!r}{hint}: {exc}") from None
    return engine


@contextmanager
def scratch_postgres_database(
    server: str, prefix: str, template: str | None = None
) -> Iterator[str]:
    """The URL of a new database on the PostgreSQL ``server`` (a copy of ``template`` when
    given), named ``prefix`` and a random suffix, dropped afterwards (for tests and benchmarks)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        get_engine(url).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _check_sqlite_folder(database: str | None) -> None:
    if database and database != ":memory:" and not database.startswith("file:"):
        folder = Path(database).expanduser().resolve().parent
        if not folder.is_dir():
            raise DatabaseError(f"cannot open SQLite database {database!r}: no folder {folder}")


@contextmanager
def session_scope(url: str | None = None) -> "Iterator[Session]":
    """A session that commits on success and rolls back on error."""
    from sqlmodel import Session

    with Session(get_engine(url)) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


def check_connection(url: str | None = None) -> None:
    """Connect once, or raise DatabaseError naming the server and the reason."""
    engine = get_engine(url)
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(
            f"cannot connect to {engine.url.render_as_string(hide_password=True)}: {reason}"
        ) from None


# ---------------------------------------------------------------- migrations


def alembic_config(url: str | None = None) -> "Config":
    """Alembic configuration for ``url``, pointing at the shipped migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(project_path("migrations")))
    config.attributes["database_url"] = database_url(url)
    return config


def upgrade_db(url: str | None = None, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest)."""
    from alembic import command

    check_connection(url)
    command.upgrade(alembic_config(url), revision)


def downgrade_db(url: str | None = None, revision: str = "-1") -> None:
    """Migrate the database down to ``revision``."""
    from alembic import command

    check_connection(url)
    command.downgrade(alembic_config(url), revision)


def current_revision(url: str | None = None) -> str | None:
    """The revision the database is at, or None before the first migration."""
    check_connection(url)
    with get_engine(url).connect() as connection:
        return revision_of(connection)


def revision_of(connection: Any) -> str | None:
    """The revision in Alembic's version table on ``connection``, or None when it has none.

    Read with one query rather than through Alembic, which costs a fast command a quarter second
    to import; the project never has more than one head (``head_revision``).
    """
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


VERSION_TABLE = "alembic_version"
# A revision file's ``revision = "0004"`` and ``down_revision = "0003"`` header lines.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=(.+)$", re.MULTILINE)


def head_revision() -> str | None:
    """The newest revision the code ships.

    Read from the revision files' header lines without importing them (Alembic would import
    every revision, and SQLModel with them); a test checks it against Alembic's own answer.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (project_path("migrations") / "versions").glob("*.py"):
        header = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        revisions.add(ast.literal_eval(header["revision"].strip()))
        down = ast.literal_eval(header["down_revision"].strip())
        parents.update([down] if isinstance(down, str) else down or ())
    heads = revisions - parents
    if len(heads) > 1:
        raise DatabaseError(f"the migrations have more than one head: {', '.join(sorted(heads))}")
    return heads.pop() if heads else None


def check_db(url: str | None = None) -> None:
    """Raise alembic's AutogenerateDiffsDetected when models and migrations differ."""
    from alembic import command

    check_connection(url)
    command.check(alembic_config(url))


def is_empty(url: str | None = None) -> bool:
    """True when the database has no tables yet or no companies."""
    engine = get_engine(url)
    if not inspect(engine).has_table("companies"):
        return True
    with engine.connect() as connection:
        return connection.execute(text("SELECT COUNT(*) FROM companies")).scalar_one() == 0
