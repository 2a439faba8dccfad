"""Attack: an export's output naming the open database, its side files, its lock file or
one of its backups.

On the first main, ``gradmatch export STUDENT --out gradmatch.sqlite3`` replaced the
caseload with a PDF. Every writer goes through ``services.files.write_atomically``, which
now refuses such a target, compared by resolved path and by file identity (a symlink or
a hard link under another name is caught), never by name; any SQLite file is refused too.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from gradmatch.app import main
from gradmatch.services import reports
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.services.files import WriteError
from gradmatch.store.backup import backup_database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _targets(db: Path, tmp_path: Path) -> dict[str, Path]:
    backup = backup_database(db, "manual")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    symlink = elsewhere / "shortlist.pdf"
    symlink.symlink_to(db)
    hard = elsewhere / "hard-link.pdf"
    os.link(db, hard)
    roundabout = db.parent / ".." / db.parent.name / db.name
    return {
        "the database": db,
        "its -wal": db.with_name(db.name + "-wal"),
        "its -shm": db.with_name(db.name + "-shm"),
        "its -journal": db.with_name(db.name + "-journal"),
        "its lock file": db.with_name(db.name + ".lock"),
        "a backup": backup,
        "a new file in the backups folder": backup.parent / "new.pdf",
        "a symlink to it": symlink,
        "a hard link to it": hard,
        "a roundabout path": roundabout,
    }


def test_no_export_of_the_command_line_writes_over_the_database_or_its_files(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for what, target in _targets(demo_db, tmp_path).items():
        before = _digest(demo_db)
        existed = target.exists()
        target_before = _digest(target) if existed and target.is_file() else None
        for argv in (
            ["export", "DEMO-001", "--out", str(target)],
            ["student", "export", "DEMO-001", "--out", str(target)],
        ):
            code = main(["--db", str(demo_db), *argv])
            err = capsys.readouterr().err
            assert code == 1, (what, argv)
            assert "Nothing was written" in err, (what, err)
            assert _digest(demo_db) == before, what
            if target_before is not None:
                assert _digest(target) == target_before, what
            elif not existed:
                assert not target.exists(), what
    db = open_database(demo_db)
    try:
        assert len(student_service.list_students(db)) == 6
    finally:
        db.close()


def test_the_services_refuse_the_open_database_whatever_the_writer(
    demo_db: Path, tmp_path: Path
) -> None:
    db = open_database(demo_db)
    try:
        zoe = student_service.find_student(db, "DEMO-001").id
        alias = tmp_path / "roster.csv"
        alias.symlink_to(demo_db)
        before = _digest(demo_db)
        for write in (
            lambda: reports.export_shortlist(db, zoe, demo_db),
            lambda: student_service.export_roster(db, alias),
            lambda: student_service.export_profile_file(db, zoe, alias),
        ):
            with pytest.raises(WriteError, match="the open database"):
                write()
        assert _digest(demo_db) == before
    finally:
        db.close()


def test_another_database_file_is_never_replaced_by_an_export(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "last-year.sqlite3"
    open_database(other).close()
    before = _digest(other)
    code = main(["--db", str(demo_db), "export", "DEMO-001", "--out", str(other)])
    assert code == 1 and "is a database file" in capsys.readouterr().err
    assert _digest(other) == before
