"""Folders the operating system refuses, for the tests of what a person is told: one that
may not be read at all (mode 000) and one that may be read but not written (mode 555).

Both are made so for real. Root is refused nothing by permission bits, and the suite runs
as root in CI: there, the refusal everyone else gets is injected where the system would
give it, so the same test runs and can fail under root too —

- ``EACCES`` from the ``os`` and ``io`` functions every file access of the app goes
  through (``pathlib``, ``tempfile``, ``filelock`` and ``logging`` all call them): for any
  path inside an unreadable folder; for creating, removing or renaming an entry of a
  read-only folder;
- SQLite's own refusal when it is asked to open a database there: ``SQLITE_CANTOPEN`` in
  an unreadable folder, or for a new database in a read-only one; in a read-only folder
  without the database's ``-wal`` and ``-shm``, ``SQLITE_READONLY_DIRECTORY`` (SQLite
  cannot create them; it says so at the first statement, the connection's first pragma).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sqlite3
import sqlite3.dbapi2
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

AS_ROOT = os.geteuid() == 0
UNREADABLE = 0o000
READ_ONLY = stat.S_IRUSR | stat.S_IXUSR  # 0o500: the owner reads, never writes
SQLITE_CANTOPEN = 14
SQLITE_READONLY_DIRECTORY = 8 | 6 << 8
_WRITING = os.O_CREAT | os.O_WRONLY | os.O_RDWR | os.O_TRUNC | os.O_APPEND


def _path(target: object) -> Path | None:
    """The absolute path a call names (None for a descriptor or a non-path)."""
    if isinstance(target, int) or not isinstance(target, str | bytes | os.PathLike):
        return None
    text = os.fsdecode(target)
    if text.startswith("file:"):  # an SQLite URI
        text = unquote(urlparse(text).path)
    return Path(text).absolute()


class _Refusals:
    def __init__(self, folder: Path, mode: int) -> None:
        self.folder = folder.absolute()
        self.unreadable = mode == UNREADABLE

    def inside(self, target: object) -> bool:
        path = _path(target)
        return path is not None and self.folder in path.parents

    def entry(self, target: object) -> bool:
        """Whether ``target`` is an entry of the folder (what a read-only folder protects)."""
        path = _path(target)
        return path is not None and (
            path.parent == self.folder or (self.unreadable and self.folder in path.parents)
        )

    def refuse(self, target: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(target))  # type: ignore[arg-type]


def _wrap(real: Callable[..., Any], refused: Callable[..., bool], refusals: _Refusals) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if refused(*args, **kwargs):
            refusals.refuse(args[0])
        return real(*args, **kwargs)

    return wrapper


def _sqlite_error(code: int, name: str, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    error.sqlite_errorname = name
    return error


def _inject(monkeypatch: pytest.MonkeyPatch, refusals: _Refusals) -> None:
    unreadable = refusals.unreadable
    inside = refusals.inside
    entry = refusals.entry

    def reading(target: object, *_: Any, **__: Any) -> bool:
        return unreadable and inside(target)

    def listing(target: object = ".", *_: Any, **__: Any) -> bool:
        path = _path(target)
        return unreadable and path is not None and (path == refusals.folder or inside(path))

    def creating(target: object, flags: int = os.O_RDONLY, *_: Any, **__: Any) -> bool:
        if reading(target):
            return True
        return bool(flags & os.O_CREAT) and entry(target) and not os.path.lexists(target)  # type: ignore[arg-type]

    def opening(target: object, mode: str = "r", *_: Any, **__: Any) -> bool:
        if reading(target):
            return True
        writes = any(letter in mode for letter in "wax+")
        return writes and entry(target) and not os.path.lexists(target)  # type: ignore[arg-type]

    def changing(target: object, *_: Any, **__: Any) -> bool:
        return entry(target) and not (os.path.lexists(target) and not unreadable)  # type: ignore[arg-type]

    def removing(target: object, *_: Any, **__: Any) -> bool:
        return entry(target)

    def moving(source: object, destination: object, *_: Any, **__: Any) -> bool:
        return entry(source) or entry(destination)

    for name, refused in (
        ("stat", reading),
        ("lstat", reading),
        ("chmod", reading),
        ("open", creating),
        ("mkdir", changing),
        ("unlink", removing),
        ("rmdir", removing),
        ("rename", moving),
        ("replace", moving),
        ("scandir", listing),
        ("listdir", listing),
    ):
        monkeypatch.setattr(os, name, _wrap(getattr(os, name), refused, refusals))
    for module in (io, builtins):
        monkeypatch.setattr(module, "open", _wrap(module.open, opening, refusals))

    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if inside(database):
            path = _path(database)
            assert path is not None
            sides = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
            if unreadable or not os.path.lexists(path):
                raise _sqlite_error(
                    SQLITE_CANTOPEN, "SQLITE_CANTOPEN", "unable to open database file"
                )
            if not all(os.path.lexists(side) for side in sides):
                raise _sqlite_error(
                    SQLITE_READONLY_DIRECTORY,
                    "SQLITE_READONLY_DIRECTORY",
                    "attempt to write a readonly database",
                )
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)  # SQLAlchemy's way in


@contextmanager
def refused_folder(folder: Path, mode: int) -> Iterator[Path]:
    """``folder`` with ``mode`` (:data:`UNREADABLE` or :data:`READ_ONLY`) for as long as the
    block runs, refused as it is to every user but root; to root as well (see the module)."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(mode)
    with pytest.MonkeyPatch.context() as monkeypatch:
        if AS_ROOT:
            _inject(monkeypatch, _Refusals(folder, mode))
        try:
            yield folder
        finally:
            monkeypatch.undo()
            folder.chmod(0o700)
