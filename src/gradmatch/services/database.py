"""Opening the user's database: checks, migrations (after a backup), the first catalog."""

from __future__ import annotations

import errno
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from gradmatch import locations
from gradmatch.errors import UserError, os_error_reason
from gradmatch.services.files import protect, unprotect, write_error
from gradmatch.store import catalog_repo, identity
from gradmatch.store.engine import (
    SQLITE_HEADER,
    connect_read_only,
    make_database_private,
    make_engine,
    make_sessionmaker,
)
from gradmatch.store.errors import (
    CannotOpenError,
    DamagedDatabaseError,
    DatabaseError,
    NotADatabaseError,
    StorageError,
    from_sqlite,
)
from gradmatch.store.migrations import schema_state, upgrade

log = logging.getLogger("gradmatch.services")

_WRITE = re.compile(r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I)
# Writes that change one student's data only: they leave ``Database.cache`` as it is.
_PER_STUDENT_TABLES = frozenset({"student", "shortlist_entry", "match_override", "meeting_log"})


@dataclass
class Database:
    """An open GradMatch database. ``unit_of_work()`` is one transaction: all or nothing."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)
    changed: bool = False  # anything written since it was opened (for the backup on close)
    # What services keep between calls that only the catalog and the settings decide (the
    # matcher's per-program facts): emptied by any commit that wrote to those tables.
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        event.listen(self.engine, "commit", self._committed)
        event.listen(self.engine, "rollback", self._rolled_back)
        self._writes = 0
        self._catalog_written = False
        event.listen(self.engine, "after_cursor_execute", self._executed)
        protect(self.path)  # no export may write over it, its side files or its backups

    def _executed(self, _conn: object, _cursor: object, statement: str, *_args: object) -> None:
        written = _WRITE.match(statement)
        if written:
            self._writes += 1
            if written.group(1).lower() not in _PER_STUDENT_TABLES:
                self._catalog_written = True

    def _committed(self, _conn: object) -> None:
        if self._writes:
            self.changed = True
        if self._catalog_written:
            self.cache.clear()
        self._writes = 0
        self._catalog_written = False

    def _rolled_back(self, _conn: object) -> None:
        # Nothing of a refused unit of work was written: no backup on close, no cache emptied.
        self._writes = 0
        self._catalog_written = False

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: everything in it is saved, or nothing is. A failure SQLite's
        error code names as the user's environment (a full disk, a read-only, busy or
        damaged database) becomes that :class:`DatabaseError`, with a message saying what to
        do; any other database failure is a bug and goes on as it is."""
        try:
            with self.sessions.begin() as session:
                yield session
        except DBAPIError as error:
            known = from_sqlite(self.path, error)
            if known is None:
                raise
            log.warning("%s refused a unit of work: %s", self.path.name, known.code)
            raise known from None

    def close(self) -> None:
        self.engine.dispose()
        unprotect(self.path)


@contextmanager
def user_errors(path: Path) -> Iterator[None]:
    """Around work on the file ``path`` outside a unit of work (a backup, a restore): an
    SQLite failure whose error code names the environment, or an ``OSError`` of the file
    system, becomes the user error that says what happened and what to do. Any other
    failure is a bug and goes on as it is."""
    try:
        yield
    except UserError:
        raise
    except OSError as error:
        raise write_error(path, error) from None
    except (sqlite3.Error, DBAPIError) as error:
        known = from_sqlite(path, error)
        if known is None:
            raise
        raise known from None


def database_path(path: Path) -> Path:
    """The database file ``path`` names: absolute, with its links followed. A link that
    leads back to itself, or a path the system refuses, is a :class:`CannotOpenError`."""
    try:
        return path.expanduser().resolve()
    except RuntimeError:  # Python 3.11's word for a symbolic-link loop
        loop = OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
        raise _system_refused(path, loop) from None
    except OSError as error:
        raise _system_refused(path, error) from None


def _system_refused(path: Path, error: OSError, *, reading: bool = False) -> CannotOpenError:
    """What the operating system refused while the database was being opened, naming the
    file or folder it refused when that is not the database itself."""
    culprit = f" ({error.filename})" if error.filename and Path(error.filename) != path else ""
    return CannotOpenError(
        path,
        f"{path.name} cannot be opened{culprit}: {os_error_reason(error, reading=reading)}.",
    )


def _check_file(path: Path) -> None:
    try:
        if path.is_dir():
            raise NotADatabaseError(path, f"{path} is a folder, not a database file.")
        if not path.exists():
            return
        if path.stat().st_size == 0:
            raise NotADatabaseError(
                path,
                f"{path.name} is empty: it is not a GradMatch database (perhaps a copy that "
                "did not finish). It was left untouched.",
            )
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise _system_refused(path, error, reading=True) from None
    if header != SQLITE_HEADER:
        raise NotADatabaseError(
            path,
            f"{path.name} is not a GradMatch database (it is not an SQLite file at all). "
            "It was left untouched.",
        )


def _quick_check(path: Path) -> None:
    if not path.exists():
        return
    with closing(connect_read_only(path)) as connection:
        result = connection.execute("PRAGMA quick_check").fetchall()
    if result != [("ok",)]:
        raise DamagedDatabaseError(
            path,
            f"{path.name} is damaged ({result[0][0][:120] if result else 'no answer'}). "
            "It was left untouched; restore a backup or start a new database.",
        )


def open_database(path: Path, *, seed_catalog: bool = True) -> Database:
    """Open (creating if needed) the database at ``path``, upgraded to the current schema.

    A new database gets the shipped catalog. Raises :class:`DatabaseError` subclasses with
    a message for the user; the file is never modified when it is refused. What the
    environment refuses (a folder that may not be read or written, a name too long, a link
    loop, a disk that is full, read-only or failing, another program's lock) is a
    :class:`StorageError`: the file itself is fine, and nothing is offered to replace it.
    """
    path = database_path(path)
    _check_file(path)
    try:
        return _open_checked(path, seed_catalog=seed_catalog)
    except OSError as error:
        raise _system_refused(path, error) from None


def _open_checked(path: Path, *, seed_catalog: bool) -> Database:
    try:
        state = schema_state(path)
        _quick_check(path)
    except sqlite3.DatabaseError as error:
        raise _refused(path, error) from None
    make_database_private(path)  # a GradMatch database: private, whatever mode it had
    try:
        engine = make_engine(path)
    except OSError as error:
        raise CannotOpenError(
            path, f"The database folder {path.parent} cannot be used: {os_error_reason(error)}."
        ) from None
    try:
        upgrade(engine, path, state)
        database = Database(path, engine, make_sessionmaker(engine))
        if seed_catalog:
            _seed_catalog(database)
        _ensure_identity(database)
        database.changed = False
    except DatabaseError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error) as error:
        engine.dispose()
        raise _refused(path, error) from None
    except BaseException:
        engine.dispose()
        raise
    return database


def _ensure_identity(database: Database) -> None:
    """Give the database its id (see :mod:`gradmatch.store.identity`) if it has none yet. A
    database that cannot be written (read-only, a full disk) opens without one: its backups
    are then found by its file name."""
    try:
        with database.unit_of_work() as session:
            identity.ensure_database_id(session)
    except StorageError as error:
        log.warning("%s has no id yet and cannot be given one: %s", database.path.name, error.code)


def _refused(path: Path, error: BaseException) -> DatabaseError:
    """Why a database cannot be opened: its environment (in use by another program,
    read-only, a full disk...) when SQLite's code says so, in the words of an opening, else a
    file that is not a usable GradMatch database."""
    known = from_sqlite(path, error, opening=True)
    if isinstance(known, StorageError):
        return known
    detail = getattr(error, "orig", None) or error
    return NotADatabaseError(
        path, f"{path.name} cannot be opened as a GradMatch database ({detail})."
    )


def _seed_catalog(database: Database) -> None:
    with database.unit_of_work() as session:
        if catalog_repo.catalog_file_name(session) is not None:
            return
    from gradmatch.services.catalog import import_catalog

    import_catalog(database, locations.shipped_catalog())
    log.info("loaded the shipped catalog into %s", database.path.name)
