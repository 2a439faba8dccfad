"""The errors a caller of the services shows as a message (never as a traceback)."""

from gradmatch.domain.catalog_parse import CatalogError
from gradmatch.store.errors import (
    DatabaseError,
    ForeignDatabaseError,
    MigrationError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
)
from gradmatch.store.lock import DatabaseInUseError, DatabaseLock


class NotFoundError(LookupError):
    """The thing the user named does not exist."""


__all__ = [
    "CatalogError",
    "DatabaseError",
    "DatabaseInUseError",
    "DatabaseLock",
    "ForeignDatabaseError",
    "MigrationError",
    "NewerDatabaseError",
    "NotADatabaseError",
    "NotFoundError",
    "StorageError",
]
