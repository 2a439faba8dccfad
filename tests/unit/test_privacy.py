"""Privacy: a deleted student leaves no readable trace; the app opens no network connection."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from gradmatch.app import main
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import students as student_service
from gradmatch.services.database import Database, open_database
from tests.conftest import ROOT

SECRET = "Quetzalcoatl Wiremu-Øyelaran"


def _all_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_a_deleted_student_leaves_no_trace_in_the_file(database: Database) -> None:
    # Neighbours on the same page, so the page stays in use after the delete.
    for number in range(3):
        student_service.save_student(
            database,
            StudentProfile.model_validate(
                {"full_name": f"Neighbour {number}", "email": f"n{number}@example.org"}
            ),
        )
    record = student_service.save_student(
        database,
        StudentProfile.model_validate(
            {"full_name": SECRET, "email": "q@example.org", "notes": SECRET * 20}
        ),
    )
    assert SECRET.encode() in _all_bytes(database.path)
    student_service.delete_student(database, record.id)
    database.close()  # checkpoints the WAL into the database file
    assert SECRET.encode() not in _all_bytes(database.path)


class _NoNetwork(socket.socket):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("GradMatch tried to open a network socket")


def test_no_network_during_start_up_matching_export_and_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", _NoNetwork)
    db_path = tmp_path / "offline.sqlite3"
    assert (
        main(
            [
                "--db",
                str(db_path),
                "student",
                "import",
                str(ROOT / "resources" / "demo" / "students.csv"),
            ]
        )
        == 0
    )
    assert main(["--db", str(db_path), "match", "DEMO-001", "--format", "json"]) == 0
    assert (
        main(["--db", str(db_path), "export", "DEMO-002", "--out", str(tmp_path / "li.pdf")]) == 0
    )
    assert main(["--db", str(db_path), "catalog", "check"]) == 0
    db = open_database(db_path)
    db.close()
    assert (tmp_path / "li.pdf").stat().st_size > 0


def test_the_window_starts_without_the_network(
    qtbot: Any, qapp: Any, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gradmatch.ui.main_window import MainWindow

    monkeypatch.setattr(socket, "socket", _NoNetwork)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    window.tabs.setCurrentWidget(window.matches_page)
    assert window.db is not None
    window.close()


def test_every_connection_asks_for_secure_delete(database: Database) -> None:
    from sqlalchemy import text

    with database.engine.connect() as connection:
        assert connection.scalar(text("PRAGMA secure_delete")) == 1


def test_without_secure_delete_the_trace_would_remain(tmp_path: Path) -> None:
    """The control experiment: the byte check above can see a trace when there is one."""
    import sqlite3
    from contextlib import closing

    path = tmp_path / "control.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA secure_delete = OFF")
        connection.execute("CREATE TABLE t (name TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [("neighbour",), (SECRET,), ("other",)])
        connection.commit()
        connection.execute("DELETE FROM t WHERE name = ?", (SECRET,))
        connection.commit()
    assert SECRET.encode() in path.read_bytes()
