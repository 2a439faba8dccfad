"""The errors a caller of the services shows as a message (never as a traceback).

Every one is a :class:`UserError`: the window and the command line catch that type and no
other; anything else is a bug.
"""

from gradmatch.domain.catalog_parse import CatalogError
from gradmatch.domain.exchange import ExchangeError
from gradmatch.domain.roster import RosterError
from gradmatch.errors import InputError, UserError
from gradmatch.services.files import WriteError
from gradmatch.store.errors import (
    CannotOpenError,
    DamagedDatabaseError,
    DatabaseBusyError,
    DatabaseError,
    DiskFullError,
    DiskTroubleError,
    ForeignDatabaseError,
    MigrationError,
    NewerDatabaseError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    StorageError,
)
from gradmatch.store.lock import DatabaseInUseError, DatabaseLock


class NotFoundError(UserError, LookupError):
    """The thing the user named does not exist."""


class ChangedSinceError(UserError):
    """Undo or redo met data that has changed since (another window, the command line):
    nothing was written over it."""


__all__ = [
    "CannotOpenError",
    "CatalogError",
    "ChangedSinceError",
    "DamagedDatabaseError",
    "DatabaseBusyError",
    "DatabaseError",
    "DatabaseInUseError",
    "DatabaseLock",
    "DiskFullError",
    "DiskTroubleError",
    "ExchangeError",
    "ForeignDatabaseError",
    "InputError",
    "MigrationError",
    "NewerDatabaseError",
    "NotADatabaseError",
    "NotFoundError",
    "ReadOnlyDatabaseError",
    "RosterError",
    "StorageError",
    "UserError",
    "WriteError",
]
