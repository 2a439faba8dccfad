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


# Errors a person can act on that the domain raises as plain ``ValueError``s until its
# parse errors derive from UserError (issue 13: the domain modules are being rewritten).
# ``USER_ERRORS`` is what the window and the command line catch; once every one of these
# derives from UserError, this tuple goes and they catch ``UserError`` alone.
PENDING_USER_ERRORS: tuple[type[Exception], ...] = (CatalogError, ExchangeError, RosterError)
USER_ERRORS: tuple[type[Exception], ...] = (UserError, *PENDING_USER_ERRORS)


__all__ = [
    "USER_ERRORS",
    "CannotOpenError",
    "CatalogError",
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
