"""Errors of the user's environment that the app reports as a message, not a crash."""

from __future__ import annotations

from pathlib import Path


class DatabaseError(Exception):
    """A database file the app cannot use as it is; the file is left untouched."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(message)


class NotADatabaseError(DatabaseError):
    pass


class ForeignDatabaseError(DatabaseError):
    pass


class NewerDatabaseError(DatabaseError):
    pass


class MigrationError(DatabaseError):
    pass


class DamagedDatabaseError(DatabaseError):
    pass


class StorageError(DatabaseError):
    """The disk or the file refused a write (full, read-only, busy): nothing was saved."""
