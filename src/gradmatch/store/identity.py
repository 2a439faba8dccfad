"""Which database a file is, and which database a backup was taken of.

Every database holds a random id of its own (the ``database_id`` setting, written when it
is first opened). Every backup records the database it was taken of (the ``backup_of``
setting: that id and the database's file name), so a database's backups are found by
reading them, never by a file-name pattern: databases whose names share a prefix or a
stem, or hold glob characters, each keep their own list.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from gradmatch.store.engine import connect_read_only
from gradmatch.store.match_repo import get_setting, put_setting

DATABASE_ID = "database_id"
BACKUP_OF = "backup_of"


def ensure_database_id(session: Session) -> str:
    """The database's id, written first if it has none yet."""
    found = get_setting(session, DATABASE_ID)
    if isinstance(found, str) and found:
        return found
    new = uuid.uuid4().hex
    put_setting(session, DATABASE_ID, new)
    return new


def _setting(connection: sqlite3.Connection, key: str) -> Any:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "setting" not in tables:
        return None
    row = connection.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0]) if isinstance(row[0], str) else None
    except ValueError:
        return None


def read_setting(path: Path, key: str) -> Any:
    """One setting of the database at ``path``, read-only; None when it has none or the file
    cannot be read as a database (damaged, foreign, missing)."""
    try:
        with closing(connect_read_only(path)) as connection:
            return _setting(connection, key)
    except sqlite3.Error:
        return None


def stamp_backup(copy: sqlite3.Connection, database: Path) -> None:
    """Record in a fresh backup which database it was taken of (its id, which the copy
    holds, and its file name, for when the database itself can no longer be read)."""
    tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
    if "setting" not in tables:  # a database older than settings: found by its old name
        return
    owner = {"database_id": _setting(copy, DATABASE_ID), "file": database.name}
    with copy:
        copy.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
            (BACKUP_OF, json.dumps(owner)),
        )


def belongs_to(backup_of: Any, database_id: Any, database: Path) -> bool | None:
    """Whether a backup that recorded ``backup_of`` was taken of ``database``; None when it
    recorded nothing (a backup from before this rule)."""
    if not isinstance(backup_of, dict):
        return None
    recorded, file = backup_of.get("database_id"), backup_of.get("file")
    if recorded and isinstance(database_id, str) and database_id:
        if recorded != database_id:
            return False
        if file == database.name or not isinstance(file, str):
            return True
        # The same id under another name: a renamed database keeps its backups, but a copy
        # made beside its original (which still holds that id) does not take the original's.
        try:
            other = database.with_name(file)
        except ValueError:
            return True
        return not (other.is_file() and read_setting(other, DATABASE_ID) == recorded)
    # The database cannot tell its id (damaged), or had none yet: its exact file name.
    return bool(file == database.name)
