"""Copies of the database through SQLite's online backup API (never a file copy:
a plain copy of a live WAL database can miss every table still in the ``-wal`` file)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from gradmatch.store.engine import ensure_private_file


def backups_dir(database: Path) -> Path:
    return database.parent / "backups"


def backup_database(database: Path, reason: str) -> Path:
    """Write a consistent copy of ``database`` next to it, under ``backups/``; returns its path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir(database) / f"{database.stem}-{stamp}-{reason}.sqlite3"
    ensure_private_file(target)
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def restore_database(backup: Path, database: Path) -> None:
    """Write ``backup`` back over ``database`` through the backup API (WAL-safe)."""
    with closing(sqlite3.connect(backup)) as source, closing(sqlite3.connect(database)) as live:
        source.backup(live)
