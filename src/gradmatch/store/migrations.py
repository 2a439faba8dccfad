"""Schema versions: a cheap check at start-up, Alembic only when an upgrade is due.

Alembic is imported only inside :func:`upgrade` so that opening an up-to-date database
stays fast. ``KNOWN_REVISIONS`` must list the revisions in ``db/versions`` in order; a
test compares it with Alembic's own view.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from gradmatch import locations
from gradmatch.errors import os_error_reason
from gradmatch.store.backup import backup_database, backups_dir, restore_database
from gradmatch.store.engine import connect_read_only
from gradmatch.store.errors import (
    CannotOpenError,
    DatabaseBusyError,
    ForeignDatabaseError,
    MigrationError,
    NewerDatabaseError,
    ReadOnlyDatabaseError,
    StorageError,
    from_sqlite,
)

if TYPE_CHECKING:  # Alembic is imported only when a migration runs
    from alembic.config import Config

log = logging.getLogger("gradmatch.store")

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_catalog",
    "0002_students",
    "0003_matching",
    "0004_student_search",
    "0005_retired_programs",
    "0006_meeting_log",
    "0007_living_catalog",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]


class SchemaState(Enum):
    EMPTY = "empty"
    CURRENT = "current"
    OLD = "old"


def schema_state(path: Path) -> SchemaState:
    """Where the database stands; raises for a foreign or newer database.

    Reads through a plain read-only connection: the engine's pragmas (WAL) would rewrite
    the header of a file that may turn out not to be ours.
    """
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState.EMPTY
    with closing(connect_read_only(path)) as connection:
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if not tables:
            return SchemaState.EMPTY
        if "alembic_version" not in tables:
            raise ForeignDatabaseError(
                path,
                f"{path.name} is an SQLite database, but not one GradMatch wrote "
                f"(it holds {', '.join(sorted(tables)[:5])}). It was left untouched.",
            )
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    if revision == HEAD_REVISION:
        return SchemaState.CURRENT
    if revision in KNOWN_REVISIONS:
        return SchemaState.OLD
    raise NewerDatabaseError(
        path,
        f"{path.name} was written by a newer version of GradMatch (schema {revision}). "
        "Install the newer GradMatch to open it; the file was left untouched.",
    )


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(locations.migrations_dir()))
    return config


def run_alembic_upgrade(engine: Engine, target: str = "head") -> None:
    """Run Alembic on one connection, foreign keys off for batch table copies."""
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            integrity = raw.execute("PRAGMA integrity_check").fetchall()
            if integrity != [("ok",)]:
                raise MigrationError(
                    Path(engine.url.database or ""),
                    f"the upgraded database fails its integrity check ({integrity[0][0]})",
                )
            problems = raw.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise MigrationError(
                    Path(engine.url.database or ""),
                    f"the upgraded database has {len(problems)} broken references",
                )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def upgrade(engine: Engine, path: Path, state: SchemaState) -> Path | None:
    """Bring the schema to head. Backs up an existing database first and restores the
    backup if the migration fails. Returns the backup's path, if one was taken. What the
    environment refuses (a backup that cannot be written, a read-only database, another
    program's lock) is a :class:`StorageError` saying so; the file is left as it was."""
    if state is SchemaState.CURRENT:
        return None
    backup = _back_up_first(path) if state is SchemaState.OLD else None
    if backup is not None:
        log.info("backed up before migration: %s", backup.name)
    try:
        run_alembic_upgrade(engine)
    except Exception as error:
        engine.dispose()
        known = from_sqlite(path, error, opening=True)
        untouched = isinstance(known, ReadOnlyDatabaseError | DatabaseBusyError)
        undone = _put_back(backup, path) if backup is not None and not untouched else ""
        if isinstance(known, StorageError):
            raise known from error
        raise MigrationError(
            path, f"Upgrading {path.name} failed ({error}). " + (undone or "Nothing was written.")
        ) from error
    return backup


def _back_up_first(path: Path) -> Path:
    try:
        return backup_database(path, "pre-migration")
    except OSError as error:
        raise CannotOpenError(
            path,
            f"{path.name} must be upgraded by this version of GradMatch, which backs it up "
            f"first, and the backup cannot be written in {backups_dir(path)}: "
            f"{os_error_reason(error)}. It was left untouched.",
        ) from None
    except sqlite3.Error as error:
        known = from_sqlite(path, error, opening=True)
        if known is None:
            raise
        raise known from None


def _put_back(backup: Path, path: Path) -> str:
    """Restore the backup taken before a failed migration; what became of the database."""
    try:
        restore_database(backup, path)
    except (sqlite3.Error, OSError) as error:
        log.error(
            "migration failed; restoring %s failed too: %s", backup.name, type(error).__name__
        )
        return f"Restoring the backup taken just before failed too: it is kept as {backup}."
    log.error("migration failed; restored %s", backup.name)
    return "The database was restored from the backup taken just before."
