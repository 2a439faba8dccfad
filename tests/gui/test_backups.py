"""Backups a counselor can rely on: daily, on close after changes, rotated, restorable."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.domain.profile import StudentProfile
from gradmatch.services import backups
from gradmatch.services import students as student_service
from gradmatch.store.backup import KEEP_DAILY, backups_dir, list_backups, rotate
from gradmatch.ui import dialogs, restore_dialog
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow


def _open(qtbot: QtBot, qapp: QApplication, path: Path) -> MainWindow:
    configure_application(qapp)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


def test_a_daily_backup_at_start_up_and_one_on_close_only_after_changes(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = _open(qtbot, qapp, demo_db)
    assert [b.reason for b in list_backups(demo_db)] == ["daily"]
    window.close()
    assert [b.reason for b in list_backups(demo_db)] == ["daily"]  # nothing changed
    again = _open(qtbot, qapp, demo_db)
    assert [b.reason for b in list_backups(demo_db)] == ["daily"]  # one a day
    assert again.db is not None
    student_service.save_student(
        again.db,
        StudentProfile.model_validate({"full_name": "New One", "email": "new@example.org"}),
    )
    again.close()
    reasons = [b.reason for b in list_backups(demo_db)]
    assert reasons == ["on-close", "daily"]
    assert list_backups(demo_db)[0].students == 7


def test_restore_brings_back_the_students_and_can_be_undone(
    qtbot: QtBot,
    qapp: QApplication,
    demo_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[Any],
) -> None:
    window = _open(qtbot, qapp, demo_db)
    assert window.db is not None
    daily = list_backups(demo_db)[0]
    assert daily.students == 6
    for summary in student_service.list_students(window.db)[:4]:
        student_service.delete_student(window.db, summary.id)
    window.reload()
    assert window.caseload_page is not None and window.caseload_page.model.rowCount() == 2
    monkeypatch.setattr(restore_dialog, "choose_backup", lambda *_: daily)
    monkeypatch.setattr(dialogs, "confirm", lambda *_: True)
    window.restore_action.trigger()
    assert window.caseload_page.model.rowCount() == 6
    assert messages[-1][1] == "Restored"
    undo = next(b for b in list_backups(demo_db) if b.reason == "pre-restore")
    assert undo.students == 2  # the state before the restore, kept
    window.close()


def test_rotation_keeps_seven_days_four_weeks_twelve_months(tmp_path: Path) -> None:
    database = tmp_path / "g.sqlite3"
    folder = backups_dir(database)
    folder.mkdir()
    now = datetime(2026, 11, 24, 12, 0)
    for days_ago in range(400):
        taken = now - timedelta(days=days_ago)
        for hour in (9, 17):
            stamp = taken.replace(hour=hour).strftime("%Y%m%d-%H%M%S-%f")
            (folder / f"g-{stamp}-daily.sqlite3").write_bytes(b"")
    deleted = rotate(database, now=now + timedelta(days=2))
    kept = list_backups(database)
    assert deleted
    days = {b.taken_at.date() for b in kept}
    assert len([d for d in days if d > (now - timedelta(days=KEEP_DAILY)).date()]) == KEEP_DAILY
    assert all(b.taken_at.hour == 17 for b in kept)  # the newest of each period
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == 12
    assert len(kept) <= 7 + 4 + 12


def test_the_backup_is_not_a_file_copy_of_a_live_wal_database(tmp_path: Path) -> None:
    """A plain copy of the main file misses what is still in the -wal file; the backup API does not."""
    import shutil
    import sqlite3
    from contextlib import closing

    from gradmatch.services.database import open_database

    db = open_database(tmp_path / "live.sqlite3")
    student_service.save_student(
        db, StudentProfile.model_validate({"full_name": "In The Wal", "email": "w@example.org"})
    )
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(db.path, copy)  # while the database is open: its -wal is not copied
    with closing(sqlite3.connect(copy)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        rows = (
            connection.execute("SELECT full_name FROM student").fetchall()
            if "student" in tables
            else []
        )
    assert ("In The Wal",) not in rows  # the plain copy lost the newest save
    made = backups.backup_now(db)
    with closing(sqlite3.connect(made)) as connection:
        assert connection.execute("SELECT full_name FROM student").fetchall() == [("In The Wal",)]
    db.close()
    assert made.stat().st_mode & 0o777 == 0o600
