"""Errors of the user's environment that the app reports as a message, not a crash, and
:func:`from_sqlite`, which tells them apart from bugs by SQLite's error code."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gradmatch.errors import UserError


class DatabaseError(UserError):
    """A database file the app cannot use as it is; the file is left untouched."""

    def __init__(self, path: Path, message: str, *, code: str | None = None) -> None:
        self.path = path
        self.code = code  # SQLite's name for the failure (e.g. "SQLITE_FULL"), when it has one
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


class DiskFullError(StorageError):
    pass


class ReadOnlyDatabaseError(StorageError):
    pass


class DatabaseBusyError(StorageError):
    pass


class DiskTroubleError(StorageError):
    """The disk failed to read or write (unplugged, failing, a network share gone)."""


class CannotOpenError(StorageError):
    pass


# SQLite's primary result codes (the low byte of an extended code such as
# SQLITE_READONLY_DBMOVED or SQLITE_IOERR_WRITE): https://sqlite.org/rescode.html
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_PROTOCOL = 15
SQLITE_NOTADB = 26

_NOTHING = "nothing was saved"
_READ_ONLY = (
    "{name} cannot be written: the file, its folder or the disk is read-only, "
    f"so {_NOTHING}. Check the file's permissions, or copy it to a folder you can write to."
)
_BUSY = (
    "{name} is busy: another program is writing to it, so " + _NOTHING + ". "
    "Try again in a moment; if it stays busy, close the other program."
)
_DAMAGED = (
    "{name} is damaged ({code}), so " + _NOTHING + ". Restore a backup "
    "(File ▸ Restore from backup…), or start GradMatch again to be offered the latest good one."
)
_KINDS: dict[int, tuple[type[DatabaseError], str]] = {
    SQLITE_FULL: (
        DiskFullError,
        "The disk is full: " + _NOTHING + ". Free some space and try again.",
    ),
    SQLITE_READONLY: (ReadOnlyDatabaseError, _READ_ONLY),
    SQLITE_PERM: (ReadOnlyDatabaseError, _READ_ONLY),
    SQLITE_BUSY: (DatabaseBusyError, _BUSY),
    SQLITE_LOCKED: (DatabaseBusyError, _BUSY),
    SQLITE_PROTOCOL: (DatabaseBusyError, _BUSY),
    SQLITE_IOERR: (
        DiskTroubleError,
        "The disk could not read or write {name} ({code}), so " + _NOTHING + ". "
        "Check that the drive is still connected (and not failing), then try again.",
    ),
    SQLITE_CANTOPEN: (
        CannotOpenError,
        "{name} cannot be opened (was its folder moved, removed or made private?), so "
        + _NOTHING
        + ". Check that the folder is there and yours, then try again.",
    ),
    SQLITE_CORRUPT: (DamagedDatabaseError, _DAMAGED),
    SQLITE_NOTADB: (DamagedDatabaseError, _DAMAGED),
}


# The same refusals met while the database is being opened: nothing was being saved, the
# file is left as it was, and what to do differs (another program's lock is let go of).
_UNTOUCHED = "It was left untouched."
_AT_OPENING: dict[int, str] = {
    SQLITE_FULL: "The disk is full: {name} cannot be opened (GradMatch writes to a database "
    "as it opens it). Free some space and try again. " + _UNTOUCHED,
    SQLITE_READONLY: "{name} is read-only: the file, its folder or the disk cannot be written, "
    "and GradMatch writes to a database it opens. Check the permissions of the file and of "
    "its folder, or copy it to a folder you can write to. " + _UNTOUCHED,
    SQLITE_BUSY: "{name} is in use by another program, which holds a lock on it — try again "
    "in a moment; if it stays in use, close that program. " + _UNTOUCHED,
    SQLITE_IOERR: "The disk could not read or write {name} ({code}). Check that the drive is "
    "still connected (and not failing), then try again. " + _UNTOUCHED,
    SQLITE_CANTOPEN: "{name} cannot be opened: its folder was moved or removed, or is not "
    "yours. Check that the folder is there and that you may read and write in it, then try "
    "again.",
}
_AT_OPENING[SQLITE_PERM] = _AT_OPENING[SQLITE_READONLY]
_AT_OPENING[SQLITE_LOCKED] = _AT_OPENING[SQLITE_PROTOCOL] = _AT_OPENING[SQLITE_BUSY]


def sqlite_code(error: BaseException) -> int | None:
    """SQLite's (extended) result code behind ``error``: a ``sqlite3.Error``, or a SQLAlchemy
    error wrapping one (``.orig``); None when SQLite did not say."""
    native = getattr(error, "orig", error)
    if not isinstance(native, sqlite3.Error):
        return None
    code = getattr(native, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def from_sqlite(path: Path, error: BaseException, *, opening: bool = False) -> DatabaseError | None:
    """The user error an SQLite failure on ``path`` stands for, told by its error code
    (never by its message text): a full disk, a read-only or busy database, disk trouble, a
    file that cannot be opened, a damaged file. None for any other failure, which is a
    bug (a wrong statement, a broken constraint) and must stay one. With ``opening``, the
    words say what happened to a database being opened ("in use by another program — try
    again", "read-only: …"), not to a change being saved."""
    code = sqlite_code(error)
    if code is None or (code & 0xFF) not in _KINDS:
        return None
    kind, message = _KINDS[code & 0xFF]
    message = _AT_OPENING.get(code & 0xFF, message) if opening else message
    native = getattr(error, "orig", error)
    name = str(getattr(native, "sqlite_errorname", "")) or f"SQLite error {code}"
    return kind(path, message.format(name=path.name, code=name), code=name)
