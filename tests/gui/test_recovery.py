"""A database that cannot be used: a dialog, the bad file kept aside, a way back."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.domain.profile import StudentProfile
from gradmatch.services import backups
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.ui import dialogs
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow


def _window(qtbot: QtBot, qapp: QApplication, path: Path) -> MainWindow:
    configure_application(qapp)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


def test_a_renamed_pdf_gets_the_dialog_and_restore_brings_back_the_students(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(demo_db)
    student_service.save_student(
        db, StudentProfile.model_validate({"full_name": "Last Saved", "email": "last@example.org"})
    )
    backups.backup_now(db)
    db.close()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"\x00binary" * 400)
    for suffix in ("-wal", "-shm"):
        demo_db.with_name(demo_db.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(pdf, demo_db)  # someone saved a PDF over the database
    asked: list[tuple[str, str | None]] = []

    def answer(_parent: Any, message: str, backup: str | None) -> str:
        asked.append((message, backup))
        return "restore"

    monkeypatch.setattr(dialogs, "ask_database_problem", answer)
    window = _window(qtbot, qapp, demo_db)
    assert len(asked) == 1 and "is not a GradMatch database" in asked[0][0]
    assert asked[0][1] is not None  # the latest backup is offered
    assert window.db is not None
    names = [s.full_name for s in student_service.list_students(window.db)]
    assert "Last Saved" in names and len(names) == 7
    kept = list(demo_db.parent.glob(demo_db.name + ".bad-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == pdf.read_bytes()  # set aside, not deleted
    window.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "cannot be opened as a GradMatch database"),
    ],
)
def test_empty_and_damaged_files_get_the_dialog(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    messages: list[Any],
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(content)
    window = _window(qtbot, qapp, path)
    assert window.db is None
    assert messages and message in messages[0][2]
    assert path.read_bytes() == content  # untouched when the user quits
    window.close()


def test_start_a_new_database_keeps_the_bad_one_aside(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.sqlite3"
    path.write_bytes(b"not a database at all")
    monkeypatch.setattr(dialogs, "ask_database_problem", lambda *_: "new")
    window = _window(qtbot, qapp, path)
    assert window.db is not None and student_service.list_students(window.db) == []
    assert [p.read_bytes() for p in tmp_path.glob("g.sqlite3.bad-*")] == [b"not a database at all"]
    window.close()
