"""Making SQLite really refuse, for the tests of user errors: a full database (``PRAGMA
max_page_count``), a read-only one (``PRAGMA query_only``, which holds as root too, where
``chmod`` does not) and a busy one (another connection holding the write lock)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from gradmatch.services.database import Database
from gradmatch.store import engine as store_engine

READ_ONLY = "PRAGMA query_only = ON"
# A held write lock is met after this long instead of the app's 5 seconds.
SHORT_WAIT = "PRAGMA busy_timeout = 50"


def content(path: Path) -> str:
    """A digest of everything in the database: equal before and after means nothing changed."""
    with closing(sqlite3.connect(path)) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


def full_pragma(path: Path) -> str:
    """The pragma that leaves the database no page to grow into, after squeezing out its
    free pages (so that any write needing room meets SQLITE_FULL, as on a full disk)."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("VACUUM")
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    return f"PRAGMA max_page_count = {pages}"


def restrict(database: Database, *pragmas: str) -> None:
    """Apply ``pragmas`` to every connection of an open database from now on."""

    def apply(dbapi_connection: Any, _record: Any) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    event.listen(database.engine, "connect", apply)
    database.engine.dispose()


def restrict_every_engine(monkeypatch: pytest.MonkeyPatch, *pragmas: str) -> None:
    """Apply ``pragmas`` to every connection of every database opened from now on (the
    command line opens its own)."""
    original = store_engine._on_connect

    def on_connect(dbapi_connection: Any, record: Any) -> None:
        original(dbapi_connection, record)
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    monkeypatch.setattr(store_engine, "_on_connect", on_connect)


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another program in the middle of writing to ``path``: SQLITE_BUSY for anyone else."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
