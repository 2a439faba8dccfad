"""Two windows on one database: the second says the database is open elsewhere."""

from __future__ import annotations

import json
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow


def _open(qtbot: QtBot, qapp: QApplication, path: Path) -> MainWindow:
    configure_application(qapp)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


def test_a_second_window_is_refused_until_the_first_closes(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, messages: list[Any]
) -> None:
    first = _open(qtbot, qapp, demo_db)
    assert first.db is not None
    lock = demo_db.with_name(demo_db.name + ".lock")
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    second = _open(qtbot, qapp, demo_db)
    assert second.db is None
    assert messages[-1][1] == "Cannot open the database"
    assert "already open in another GradMatch window" in messages[-1][2]
    second.close()
    assert lock.exists()  # the refused window does not take the first one's lock away
    first.close()  # the lock is free again (its file stays: removing it could split racers)
    third = _open(qtbot, qapp, demo_db)
    assert third.db is not None
    third.close()


def test_a_lock_left_by_a_crash_is_taken_over(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, messages: list[Any]
) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(finished.stdout)
    lock = demo_db.with_name(demo_db.name + ".lock")
    lock.write_text(
        json.dumps(
            {"pid": dead_pid, "host": socket.gethostname(), "since": "2026-11-24T09:00:00+00:00"}
        )
    )
    window = _open(qtbot, qapp, demo_db)
    assert window.db is not None and not messages
    window.close()
