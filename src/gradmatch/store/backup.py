"""Copies of the database through SQLite's online backup API (never a file copy:
a plain copy of a live WAL database can miss every table still in the ``-wal`` file).

Kept: every backup of the last 24 hours, then the newest backup of each of the last 7 days
with one, of the last 4 weeks and of the last 12 months; the others are deleted by
:func:`rotate`.
"""

from __future__ import annotations

import re
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from gradmatch.private import private_folder
from gradmatch.store import engine
from gradmatch.store.engine import SIDE_SUFFIXES, connect_read_only, ensure_private_file
from gradmatch.store.errors import SQLITE_BUSY, SQLITE_LOCKED
from gradmatch.store.identity import BACKUP_OF, DATABASE_ID, belongs_to, read_setting, stamp_backup

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_NAME = re.compile(r"-(\d{8}-\d{6}-\d{6})-([a-z-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int
    students: int | None  # None: not a readable GradMatch database


def backups_dir(database: Path) -> Path:
    return database.parent / "backups"


def backup_database(database: Path, reason: str) -> Path:
    """Write a consistent copy of ``database`` next to it, under ``backups/``; returns its path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = private_folder(backups_dir(database), own=True, files=True)
    target = folder / f"{database.stem}-{stamp}-{reason}.sqlite3"
    ensure_private_file(target)
    try:
        with closing(_connect(database)) as source, closing(_connect(target)) as copy:
            copy_database(source, copy)
            stamp_backup(copy, database)
    except BaseException:
        for suffix in ("", *SIDE_SUFFIXES):  # a copy cut short is no backup
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        raise
    return target


def restore_database(backup: Path, database: Path) -> None:
    """Write ``backup`` back over ``database`` through the backup API (WAL-safe)."""
    with closing(_connect(backup)) as source, closing(_connect(database)) as live:
        copy_database(source, live)


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=engine.BUSY_TIMEOUT)


def copy_database(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup of ``source`` into ``target``. A lock of another program that
    the copy needs is waited for up to ``engine.BUSY_TIMEOUT`` seconds; then the copy stops
    with SQLITE_BUSY, as any statement would (``sqlite3``'s own loop waits for ever)."""
    deadline = time.monotonic() + engine.BUSY_TIMEOUT

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (SQLITE_BUSY, SQLITE_LOCKED) and time.monotonic() >= deadline:
            busy = sqlite3.OperationalError("database is locked")
            busy.sqlite_errorcode = SQLITE_BUSY
            busy.sqlite_errorname = "SQLITE_BUSY"
            raise busy

    source.backup(target, progress=progress, sleep=0.05)


def _students(path: Path) -> int | None:
    try:
        with closing(connect_read_only(path)) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "student" not in tables:
                return 0 if "program" in tables else None
            row = connection.execute("SELECT count(*) FROM student").fetchone()
            return int(row[0])
    except sqlite3.DatabaseError:
        return None


def _is_of(path: Path, database: Path, database_id: object) -> bool:
    """Whether the backup at ``path`` was taken of ``database``: by the database it records
    (see :mod:`gradmatch.store.identity`); a backup from before that rule, by the exact name
    it was given then (the name compared as text, never as a pattern)."""
    verdict = belongs_to(read_setting(path, BACKUP_OF), database_id, database)
    if verdict is not None:
        return verdict
    return path.name.startswith(f"{database.stem}-") and bool(
        _NAME.fullmatch(path.name, len(database.stem))
    )


def holds_data(path: Path) -> bool:
    """Whether the database holds any student or program (a new one, about to receive its
    first catalog, holds nothing a backup would keep)."""
    try:
        with closing(connect_read_only(path)) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            return any(
                connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
                for table in ("student", "program")
                if table in tables
            )
    except sqlite3.DatabaseError:
        return True  # cannot tell: back it up


def list_backups(database: Path) -> list[BackupInfo]:
    """The database's backups, newest first: the files of ``backups/`` that record being
    taken of it, whatever their names."""
    found = []
    folder = backups_dir(database)
    if not folder.is_dir():
        return []
    database_id = read_setting(database, DATABASE_ID) if database.is_file() else None
    for path in folder.iterdir():
        match = _NAME.search(path.name)
        if match is None or not path.is_file() or not _is_of(path, database, database_id):
            continue
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")
        found.append(BackupInfo(path, taken, match.group(2), path.stat().st_size, _students(path)))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def has_backup_today(database: Path) -> bool:
    today = datetime.now().date()
    return any(b.taken_at.date() == today for b in list_backups(database))


def rotate(database: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete backups beyond the keep rule; returns the deleted ones."""
    backups = list_backups(database)
    recent = (now or datetime.now()) - timedelta(days=1)
    keep: set[Path] = {b.path for b in backups if b.taken_at >= recent}
    for key, count in (
        (lambda b: b.taken_at.date(), KEEP_DAILY),
        (lambda b: b.taken_at.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.taken_at.year, b.taken_at.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for backup in backups:  # newest first: the first of each period is its newest
            period = key(backup)
            if period in seen:
                continue
            seen.append(period)
            if len(seen) <= count:
                keep.add(backup.path)
    deleted = [b.path for b in backups if b.path not in keep]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted
