"""Writing the user's files whole or not at all."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from gradmatch.errors import InputError, UserError, os_error_reason
from gradmatch.store.backup import backups_dir
from gradmatch.store.lock import DatabaseLock


class WriteError(UserError, OSError):
    """A file that could not be written, said in words; nothing partial was left behind.
    Also an ``OSError``, so code that caught those before still does."""


def write_error(path: Path, error: OSError) -> WriteError:
    """The :class:`WriteError` for an ``OSError`` met while writing ``path``: what the
    system refused (a full disk, a read-only disk, no permission...) and what to do."""
    if error.errno == errno.ENOENT:
        return WriteError(f"The folder {path.parent} does not exist: {path.name} was not written.")
    return WriteError(f"{path.name} cannot be written: {os_error_reason(error)}.")


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of a file to import (a roster, a profile file, a catalog), refused by what it
    is before any is read: an endless input (a device such as /dev/zero, a pipe) is no file
    to import, nor is one above ``limit`` bytes. What the system refuses (no such file, a
    folder that may not be read, a name too long, a symbolic-link loop) is an
    :class:`InputError` saying so and what to do."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path} is a folder, not a file: choose a file in it")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{path} is a device or a pipe, not a file: save what you want to import "
                "to a file, and import that file"
            )
        if info.st_size > limit:
            raise InputError(
                f"{path.name} is too large to import ({info.st_size:,} bytes; "
                f"at most {limit:,}): is it the right file?"
            )
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path} does not exist: check the name and the folder") from None
    except OSError as error:
        reason = os_error_reason(error, reading=True)
        raise InputError(f"{path} cannot be read: {reason}") from None
    if len(data) > limit:  # it grew while being read
        raise InputError(f"{path.name} is too large to import (over {limit:,} bytes)")
    return data


def check_output_folder(folder: Path) -> Path:
    """Raise :class:`WriteError` unless files can be written in ``folder``: tried by writing
    (and removing) an empty temporary file there, so that what the system refuses (no such
    folder, permissions, a read-only disk, a name too long, a link loop) is said once,
    before anything is written, in the words of :func:`os_error_reason`."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=".gradmatch-", suffix=".part", dir=folder)
    except FileNotFoundError:
        raise WriteError(
            f"The folder {folder} does not exist: choose an existing folder."
        ) from None
    except NotADirectoryError:
        raise WriteError(f"{folder} is not a folder: choose a folder.") from None
    except OSError as error:
        raise WriteError(
            f"Nothing can be written in the folder {folder}: {os_error_reason(error)}."
        ) from None
    os.close(handle)
    Path(temporary).unlink(missing_ok=True)
    return folder


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` bytes of UTF-8 at a character boundary (file names are
    limited in bytes: a 250-byte name leaves no room for the temporary file's)."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place: readers
    see the old file or the new one, never half of one. Raises :class:`WriteError`, also
    when ``path`` is an open database or one of its files (:func:`refuse_protected`)."""
    refuse_protected(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{_cut(path.name, 100)}.", suffix=".part", dir=path.parent
        )
    except OSError as error:
        raise write_error(path, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise write_error(path, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


# --- No output may be a database, its side files or its backups --------------------------

SQLITE_MAGIC = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # db, WAL
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

# The databases open in this process (resolved path -> how many times): what no writer may
# replace. ``Database`` adds itself when opened and leaves when closed.
_open_databases: dict[Path, int] = {}


def protect(database: Path) -> None:
    """Writers refuse ``database``, its side files, its lock file and its backups."""
    key = database.resolve()
    _open_databases[key] = _open_databases.get(key, 0) + 1


def unprotect(database: Path) -> None:
    key = database.resolve()
    count = _open_databases.pop(key, 0) - 1
    if count > 0:
        _open_databases[key] = count


def _same(a: Path, b: Path) -> bool:
    """One file, whatever the names: same resolved path, or (both existing) same inode."""
    if _resolved(a) == _resolved(b):
        return True
    try:
        return a.samefile(b)
    except OSError:
        return False


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare as written
        return path.absolute()


def _protected_files(database: Path) -> list[tuple[Path, str]]:
    files = [(database, "the open database")]
    files += [(database.with_name(database.name + s), "a working file of the open database")
              for s in SIDE_SUFFIXES]  # fmt: skip
    files.append((DatabaseLock(database).path, "the open database's lock file"))
    folder = backups_dir(database)
    try:
        backups = [entry for entry in folder.iterdir() if entry.is_file()]
    except OSError:
        backups = []
    files += [(backup, "a backup of the open database") for backup in backups]
    return files


def refuse_protected(path: Path) -> None:
    """Raise :class:`WriteError` when ``path`` is an open database, one of its side files,
    its lock file or a file of its backups folder (by resolved path and by file identity,
    never by name), or any existing SQLite database or journal."""
    advice = "Nothing was written: choose another file name for the export."
    for database in list(_open_databases):
        if _resolved(path).parent == _resolved(backups_dir(database)) or _same(
            path.parent, backups_dir(database)
        ):
            raise WriteError(
                f"{path} is in the backups folder of the open database {database.name}. " + advice
            )
        for protected, what in _protected_files(database):
            if _same(path, protected):
                raise WriteError(f"{path} is {what} ({database.name}). {advice}")
    head = b""
    try:
        if path.is_file():  # never open a FIFO or a device: it could block
            with path.open("rb") as stream:
                head = stream.read(len(SQLITE_MAGIC[0]))
    except OSError:
        pass  # unreadable: the write itself will say why
    if head and any(head.startswith(magic) for magic in SQLITE_MAGIC):
        raise WriteError(f"{path} is a database file: an export never replaces one. {advice}")
