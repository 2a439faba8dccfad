"""When the database cannot be opened: keep the bad file aside, restore or start anew."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from gradmatch.services.database import user_errors
from gradmatch.services.errors import NotFoundError
from gradmatch.store.backup import BackupInfo, list_backups, restore_database
from gradmatch.store.engine import connect_read_only, ensure_private_file
from gradmatch.store.errors import DamagedDatabaseError, DatabaseError, StorageError, from_sqlite
from gradmatch.store.migrations import schema_state


def set_aside(path: Path) -> Path | None:
    """Rename the bad file (and its -wal/-shm) to ``NAME.bad-STAMP`` (``-2``, ``-3``... when
    that name is taken): kept, never deleted, never over another file set aside."""
    if not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bad-{stamp}")
    number = 1
    while any(target.with_name(target.name + s).exists() for s in ("", "-wal", "-shm")):
        number += 1  # an earlier file set aside in the same second stays as it is
        target = path.with_name(f"{path.name}.bad-{stamp}-{number}")
    with user_errors(path):
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                extra.rename(target.with_name(target.name + suffix))
    return target


def check_integrity(path: Path) -> None:
    """Raise :class:`DamagedDatabaseError` unless ``path`` is a database that passes SQLite's
    integrity and foreign-key checks."""
    try:
        with closing(connect_read_only(path)) as connection:
            integrity = connection.execute("PRAGMA integrity_check").fetchall()
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        known = from_sqlite(path, error)
        if known is None:
            raise
        if isinstance(known, StorageError):  # busy, unreadable...: no verdict on the file
            raise known from None
        integrity, broken = [], []  # not a database, or damaged beyond reading
    if integrity != [("ok",)] or broken:
        raise DamagedDatabaseError(
            path, f"{path.name} is damaged: it cannot be used. Choose another backup."
        )


def latest_good_backup(path: Path) -> BackupInfo | None:
    """The newest backup that reads as a GradMatch database, passes the checks and this
    version can open (not one written by a newer GradMatch: it would fail after the
    restore, and be offered again forever). None too when the backups folder may not be
    read: nothing can be restored from it."""
    try:
        found = list_backups(path)
    except OSError:
        return None
    for backup in found:
        if backup.students is None:
            continue
        try:
            check_integrity(backup.path)
            schema_state(backup.path)
        except (DatabaseError, sqlite3.DatabaseError):
            continue
        return backup
    return None


def restore_latest_backup(path: Path) -> tuple[BackupInfo, Path | None]:
    """Put the newest good backup in place of the bad file (kept aside). Returns the backup
    and where the bad file went."""
    backup = latest_good_backup(path)
    if backup is None:
        raise NotFoundError(f"There is no backup of {path.name} to restore.")
    check_integrity(backup.path)  # before anything moves
    aside = set_aside(path)
    with user_errors(path):
        ensure_private_file(path)
        restore_database(backup.path, path)
    return backup, aside
