"""Backups the counselor can see: daily, on close after changes, on request; restore."""

from __future__ import annotations

from pathlib import Path

from gradmatch.services.database import Database, open_database
from gradmatch.services.recovery import check_integrity
from gradmatch.store.backup import (
    BackupInfo,
    backup_database,
    has_backup_today,
    list_backups,
    restore_database,
    rotate,
)
from gradmatch.store.errors import DatabaseError

__all__ = ["BackupInfo", "backup_now", "backup_on_close", "backups", "daily_backup", "restore"]


def backups(db_path: Path) -> list[BackupInfo]:
    return list_backups(db_path)


def backup_now(db: Database, reason: str = "manual") -> Path:
    path = backup_database(db.path, reason)
    rotate(db.path)
    return path


def daily_backup(db: Database) -> Path | None:
    """At start-up: one backup a day."""
    if has_backup_today(db.path):
        return None
    return backup_now(db, "daily")


def backup_on_close(db: Database) -> Path | None:
    """After the database is closed: a backup when something was written."""
    if not db.changed:
        return None
    path = backup_database(db.path, "on-close")
    rotate(db.path)
    return path


def restore(db: Database, backup: Path) -> tuple[Database, Path]:
    """Put ``backup`` in place of the open database. The current state is backed up first,
    so the restore itself can be undone. Returns the reopened database and that backup."""
    check_integrity(backup)
    undo = backup_database(db.path, "pre-restore")
    path = db.path
    db.close()
    restore_database(backup, path)
    try:
        check_integrity(path)
        reopened = open_database(path)
    except DatabaseError:
        restore_database(undo, path)
        raise
    rotate(path)
    return reopened, undo
