"""A database's backups are its own: found by the identity recorded in them, never by a
file-name pattern. Databases whose names share a prefix, or the same name with another
suffix, or names with glob characters, each keep their own list."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gradmatch.domain.profile import StudentProfile
from gradmatch.services import backups, recovery
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.store.backup import rotate


def _database_with(path: Path, name: str) -> None:
    db = open_database(path)
    student_service.save_student(
        db, StudentProfile.model_validate({"full_name": name, "email": "x@example.org"})
    )
    backups.backup_now(db)
    db.close()


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        ("g.sqlite3", "g-2.sqlite3"),  # a shared prefix
        ("g.sqlite3", "g.db"),  # the same stem
        ("caseload.sqlite3", "caseload-2026.sqlite3"),
        ("g[1].sqlite3", "g1.sqlite3"),  # glob characters in the name
        ("a*b?.sqlite3", "axb!.sqlite3"),
    ],
)
def test_each_database_lists_and_rotates_only_its_own_backups(
    tmp_path: Path, mine: str, theirs: str
) -> None:
    _database_with(tmp_path / mine, "Mine Only")
    _database_with(tmp_path / theirs, "Theirs Only")
    own = backups.backups(tmp_path / mine)
    other = backups.backups(tmp_path / theirs)
    assert len(own) == 1 and len(other) == 1  # neither hidden, neither shared
    assert own[0].path != other[0].path
    later = datetime.now() + timedelta(days=3)
    rotate(tmp_path / mine, now=later)  # keeps the newest of the day: of its own backups
    assert other[0].path.exists()  # the other database's only backup is still there


def test_recovery_of_a_damaged_database_never_restores_another_databases_students(
    tmp_path: Path,
) -> None:
    mine, theirs = tmp_path / "g.sqlite3", tmp_path / "g-2.sqlite3"
    _database_with(mine, "Mine Only")
    _database_with(theirs, "Theirs Only")  # newer: a name-pattern search would pick it
    for suffix in ("-wal", "-shm"):
        mine.with_name(mine.name + suffix).unlink(missing_ok=True)
    mine.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # damaged
    _restored, aside = recovery.restore_latest_backup(mine)
    assert aside is not None
    db = open_database(mine)
    assert [s.full_name for s in student_service.list_students(db)] == ["Mine Only"]
    db.close()


def test_a_renamed_backup_still_belongs_to_its_database(tmp_path: Path) -> None:
    """The file name is data: a backup moved under another name stays with its database."""
    path = tmp_path / "g.sqlite3"
    _database_with(path, "Mine Only")
    made = backups.backups(path)[0].path
    shutil.move(made, made.with_name("copied-by-hand-" + made.name.split("-", 1)[1]))
    assert len(backups.backups(path)) == 1


def test_a_copy_beside_its_database_does_not_take_its_backups(tmp_path: Path) -> None:
    original, copy = tmp_path / "g.sqlite3", tmp_path / "g-copy.sqlite3"
    _database_with(original, "Mine Only")
    with closing(sqlite3.connect(original)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)  # the copy holds the original's id
    db = open_database(copy)
    backups.backup_now(db)
    db.close()
    own, copied = backups.backups(original), backups.backups(copy)
    assert len(own) == 1 and len(copied) == 1 and own[0].path != copied[0].path
