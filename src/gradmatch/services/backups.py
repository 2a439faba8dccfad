"""Backups the counselor can see: daily, on close after changes, on request, before every
bulk write (an import, a catalog import, a restore) whichever door it came through; restore.

A backup or a restore the disk refuses (full, read-only, a folder that cannot be used)
raises a user error saying so; the database stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gradmatch.errors import UserError, os_error_reason
from gradmatch.services.database import Database, open_database, user_errors
from gradmatch.services.errors import NotFoundError
from gradmatch.services.recovery import check_integrity
from gradmatch.store.backup import (
    BackupInfo,
    backup_database,
    backups_dir,
    has_backup_today,
    holds_data,
    list_backups,
    restore_database,
    rotate,
)
from gradmatch.store.errors import DatabaseError

__all__ = [
    "REASONS",
    "BackupInfo",
    "backup_now",
    "backup_on_close",
    "backups",
    "before_bulk_write",
    "daily_backup",
    "find_backup",
    "restore",
]

# Why a backup was taken, as the window and the command line show it.
REASONS = {
    "daily": "Daily, at start-up",
    "on-close": "On closing, after changes",
    "manual": "Back up now",
    "pre-migration": "Before an upgrade",
    "pre-restore": "Before a restore",
    "pre-import": "Before an import",
    "pre-catalog-import": "Before a catalog import",
}


@contextmanager
def _reading_backups(db_path: Path) -> Iterator[None]:
    """Around a look into the backups folder: one the system refuses is a user error."""
    try:
        yield
    except OSError as error:
        raise UserError(
            f"The backups of {db_path.name} cannot be read ({backups_dir(db_path)}): "
            f"{os_error_reason(error, reading=True)}."
        ) from None


def backups(db_path: Path) -> list[BackupInfo]:
    with _reading_backups(db_path):
        return list_backups(db_path)


def find_backup(db_path: Path, backup: str | Path) -> BackupInfo:
    """One of the database's backups, by its file name or its path."""
    try:
        wanted = Path(backup).resolve() if Path(backup).exists() else None
    except (OSError, RuntimeError):  # a name too long, a link loop: no file of ours
        wanted = None
    for info in backups(db_path):
        if info.path.name == str(backup) or info.path.resolve() == wanted:
            return info
    raise NotFoundError(
        f"{backup} is not a backup of {db_path.name}: `gradmatch backup list` shows its backups."
    )


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


def before_bulk_write(db: Database, reason: str = "pre-import") -> Path | None:
    """Before an import or a catalog import: a backup, so that a wrong one, from the window
    or from a script, can be undone. Called by those services, never by a door. A new
    database that holds nothing yet (its first catalog arriving) needs none."""
    if not holds_data(db.path):
        return None
    return _back_up(db.path, reason)


def daily_backup(db: Database) -> Path | None:
    """At start-up: one backup a day."""
    with _reading_backups(db.path):
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
