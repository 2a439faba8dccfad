"""The engine: one SQLite file, private to the user, with safe pragmas on every connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from gradmatch.private import make_private, private_file

SQLITE_HEADER = b"SQLite format 3\x00"
# How long another program's lock on a database is waited for, in seconds, by every
# connection (and by a backup's copy, see store.backup.copy_database).
BUSY_TIMEOUT = 5.0
# The files SQLite keeps beside a database, created with the database's own mode.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def make_database_private(path: Path) -> None:
    """An existing database and the ``-wal``, ``-shm`` and ``-journal`` beside it 0600
    (SQLite creates those with the database's mode, and keeps an earlier one's)."""
    for suffix in ("", *SIDE_SUFFIXES):
        make_private(path.with_name(path.name + suffix))


def ensure_private_file(path: Path) -> None:
    """The database (or a backup) as a 0600 file in a folder created 0700, before SQLite
    creates it with the umask's mode; its side files 0600 too (:func:`make_database_private`)."""
    private_file(path)
    make_database_private(path)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A plain read-only connection (no pragma runs: the file may turn out not to be ours)."""
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _on_begin): the sqlite3 driver's legacy mode
    # sends none before DDL or SELECT, so a rollback could leave half a change behind.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        # Deleted rows are overwritten with zeros: a deleted student leaves no readable trace.
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    ensure_private_file(path)
    # Connections come from the pool one user at a time, so a background export thread may
    # use one that the GUI thread opened.
    engine = create_engine(f"sqlite+pysqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
