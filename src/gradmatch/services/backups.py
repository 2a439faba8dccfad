"""Backups the counselor can see: daily, on close after changes, on request; restore.

A backup or a restore the disk refuses (full, read-only, a folder that cannot be used)
raises a user error saying so; the database stays as it was.
"""

from __future__ import annotations

from pathlib import Path

from gradmatch.errors import UserError
from gradmatch.services.database import Database, open_database, user_errors
from gradmatch.services.recovery import check_integrity
from gradmatch.store.backup import (
    BackupInfo,
    backup_database,
    backups_dir,
    has_backup_today,
    list_backups,
    restore_database,
    rotate,
)
from gradmatch.store.errors import DatabaseError

__all__ = ["BackupInfo", "backup_now", "backup_on_close", "backups", "daily_backup", "restore"]


def backups(db_path: Path) -> list[BackupInfo]:
    return list_backups(db_path)


def _back_up(path: Path, reason: str) -> Path:
    folder = backups_dir(path)
    before = set(folder.glob("*.sqlite3*"))
    try:
        with user_errors(folder):
            backup = backup_database(path, reason)
            rotate(path)
    except UserError:
        for partial in set(folder.glob("*.sqlite3*")) - before:  # a copy the disk cut short
            partial.unlink(missing_ok=True)
        raise
    return backup


def backup_now(db: Database, reason: str = "manual") -> Path:
    return _back_up(db.path, reason)


def daily_backup(db: Database) -> Path | None:
    """At start-up: one backup a day."""
    if has_backup_today(db.path):
        return None
    return backup_now(db, "daily")


def backup_on_close(db: Database) -> Path | None:
    """After the database is closed: a backup when something was written."""
    if not db.changed:
        return None
    return _back_up(db.path, "on-close")


def restore(db: Database, backup: Path) -> tuple[Database, Path]:
    """Put ``backup`` in place of the open database. The current state is backed up first,
    so the restore itself can be undone. Returns the reopened database and that backup."""
    check_integrity(backup)
    undo = _back_up(db.path, "pre-restore")
    path = db.path
    db.close()
    with user_errors(path):
        restore_database(backup, path)
    try:
        check_integrity(path)
        reopened = open_database(path)
    except DatabaseError:
        with user_errors(path):
            restore_database(undo, path)
        raise
    with user_errors(backups_dir(path)):
        rotate(path)
    return reopened, undo
