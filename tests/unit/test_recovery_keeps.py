"""Recovery never destroys what it promises to keep: a file set aside never overwrites an
earlier one, and "the latest good backup" is one this version can open."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from gradmatch.domain.profile import StudentProfile
from gradmatch.services import backups, recovery
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database


def test_setting_aside_twice_in_one_second_keeps_both_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    path.write_bytes(b"first bad file")
    first = recovery.set_aside(path)
    path.write_bytes(b"second bad file")
    second = recovery.set_aside(path)
    assert first is not None and second is not None and first != second
    assert first.read_bytes() == b"first bad file"
    assert second.read_bytes() == b"second bad file"


def test_a_backup_written_by_a_newer_version_is_not_the_latest_good_backup(
    db_path: Path,
) -> None:
    db = open_database(db_path)
    student_service.save_student(
        db, StudentProfile.model_validate({"full_name": "Kept Here", "email": "k@example.org"})
    )
    older = backups.backup_now(db)
    newer = backups.backup_now(db)
    db.close()
    with closing(sqlite3.connect(newer)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    found = recovery.latest_good_backup(db_path)
    assert found is not None and found.path == older  # intact and openable here
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    recovery.restore_latest_backup(db_path)
    reopened = open_database(db_path)  # the restored database opens
    assert "Kept Here" in [s.full_name for s in student_service.list_students(reopened)]
    reopened.close()
