"""Recovery never destroys by default: Enter or Escape on "Cannot open the database" quits
and changes nothing, and a database merely held by another program is busy, never damaged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from gradmatch.ui import dialogs
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow

# The real dialog: the GUI fixtures replace the factory with a recorder for every test.
ASK_DATABASE_PROBLEM = dialogs.ask_database_problem


def test_neither_enter_nor_escape_restores_or_starts_anew(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str]] = []

    def shown(box: QDialog) -> int:
        assert isinstance(box, QMessageBox)
        box.show()  # the message box settles its default and escape buttons when shown
        qtbot.waitExposed(box)
        default, escape = box.defaultButton(), box.escapeButton()
        seen.append((default.text() if default else "", escape.text() if escape else ""))
        box.close()
        return 0

    monkeypatch.setattr(dialogs, "run_modal", shown)
    answer = ASK_DATABASE_PROBLEM(None, "g.sqlite3 is damaged.", "2026-11-24 10:00")
    assert answer == "quit"
    [(default, escape)] = seen
    assert default == "Quit" and escape == "Quit"


def test_a_database_held_by_another_process_is_in_use_never_damaged(
    qtbot: QtBot,
    qapp: QApplication,
    demo_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[Any],
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(demo_db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        offered: list[str] = []
        monkeypatch.setattr(
            dialogs, "ask_database_problem", lambda _p, m, _b: offered.append(m) or "restore"
        )
        before = demo_db.read_bytes()
        configure_application(qapp)
        window = MainWindow(demo_db)
        qtbot.addWidget(window)
        window.show()
        window.open_database()
        assert window.db is None and not offered  # no recovery offered for a busy file
        assert "is in use by another program" in messages[-1][2] and "try again" in messages[-1][2]
        assert demo_db.read_bytes() == before
        assert not list(demo_db.parent.glob("*.bad-*"))
        window.close()
    finally:
        holder.kill()
        holder.wait()


# Another program holds the database with an exclusive lock until it is killed.
_HOLD = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA locking_mode=EXCLUSIVE")
connection.execute("BEGIN EXCLUSIVE")
print("holding", flush=True)
time.sleep(600)
"""
