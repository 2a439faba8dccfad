"""Disk trouble: a full disk, a read-only file, a folder that cannot be used: a clear
message, and the database as it was."""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from gradmatch.domain.profile import StudentProfile
from gradmatch.services import students as student_service
from gradmatch.services.database import Database, open_database
from gradmatch.services.errors import DatabaseError, StorageError
from tests.sqlite_trouble import content, restrict


def _profile(notes: str = "") -> StudentProfile:
    return StudentProfile.model_validate(
        {"full_name": "Ana Disk", "email": "a@example.org", "notes": notes}
    )


def test_a_full_disk_saves_nothing_and_says_so(database: Database) -> None:
    with closing(sqlite3.connect(database.path)) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    before = content(database.path)
    restrict(database, f"PRAGMA max_page_count = {pages}")  # no room to grow: a full disk
    with pytest.raises(StorageError, match="The disk is full: nothing was saved"):
        student_service.save_student(database, _profile("x" * 9000))
    database.close()
    assert content(database.path) == before


def test_a_read_only_database_saves_nothing_and_says_so(database: Database) -> None:
    before = content(database.path)
    restrict(database, "PRAGMA query_only = ON")
    with pytest.raises(StorageError, match="nothing was saved"):
        student_service.save_student(database, _profile())
    database.close()
    assert content(database.path) == before


def test_a_data_folder_that_cannot_be_written_gets_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("new.sqlite3"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(
        DatabaseError, match=r"cannot be used: you may not write there.*\(Permission denied\)"
    ):
        open_database(tmp_path / "locked" / "new.sqlite3")


def test_the_window_shows_the_full_disk_where_the_user_saved(
    qtbot: Any, qapp: Any, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gradmatch.ui import dialogs
    from gradmatch.ui.main_window import MainWindow

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text: shown.append((title, text)))
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    assert window.db is not None and window.caseload_page is not None
    page = window.caseload_page
    page.select_student(student_service.list_students(window.db)[0].id)
    restrict(window.db, "PRAGMA query_only = ON")
    page.editor.form.major.setText("Changed")
    assert not page.editor.save()
    assert shown and shown[-1][0] == "The profile was not saved"
    assert page.editor.is_dirty()  # the typing is still there, nothing lost
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda *_: "discard")
    window.close()
