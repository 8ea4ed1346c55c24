"""Alembic environment: SQLModel metadata, batch mode for SQLite, URL from the caller."""

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import landscape.models  # noqa: F401  (registers every table on the metadata)
from landscape.config import database_url
from landscape.db import get_engine

config = context.config
target_metadata = SQLModel.metadata


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        literal_binds=connection is None,
    )


def run_migrations_offline() -> None:
    _configure(url=config.attributes.get("database_url") or database_url())
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch migrations copy and drop tables: with foreign keys on, a drop would cascade.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # the pragma is a no-op inside a transaction
    try:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if sqlite:
            connection.commit()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def sqlite_foreign_keys_off(connection: Connection) -> bool:
    if connection.dialect.name != "sqlite":
        return False
    return connection.exec_driver_sql("PRAGMA foreign_keys").scalar() != 1


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.attributes.get("database_url") or database_url()
    engine = get_engine(url)
    with engine.connect() as connection:
        _run(connection)
        connection.commit()
        if sqlite_foreign_keys_off(connection):
            raise RuntimeError("SQLite foreign keys stayed off after the migration")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
