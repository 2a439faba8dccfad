"""Alembic environment. GradMatch runs migrations itself (``gradmatch.store.migrations``)
and hands over its open connection; the ``alembic`` command line works too, with
``-x db=PATH``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from gradmatch.store.tables import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite barely supports ALTER: copy-and-move tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from pathlib import Path

    from gradmatch.store.engine import make_engine

    db = context.get_x_argument(as_dictionary=True).get("db")
    if not db:
        raise SystemExit("pass the database with: alembic -x db=PATH upgrade head")
    engine = make_engine(Path(db))
    with engine.connect() as connection:
        # As GradMatch itself does (``run_alembic_upgrade``): foreign keys off while batch
        # mode copies tables, so that dropping the old copy of a table others point at
        # (``program``) neither deletes nor refuses anything. Checked again at the end.
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            _run(connection)
            if raw.execute("PRAGMA foreign_key_check").fetchall():
                raise SystemExit("the migrated database has broken references")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("GradMatch migrations run online only")
run_migrations_online()
