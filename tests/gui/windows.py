"""Opening the real window on a database, as the GUI tests need it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.services import students as student_service
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow


def open_window(qtbot: QtBot, qapp: QApplication, path: Path) -> MainWindow:
    """The window on ``path``, shown, with the database open."""
    configure_application(qapp)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


def matches_window(qtbot: QtBot, qapp: QApplication, path: Path, student: str) -> MainWindow:
    """The window on ``path``, showing the matches of ``student`` (ID, email or name)."""
    window = open_window(qtbot, qapp, path)
    assert window.caseload_page is not None and window.db is not None
    found = student_service.find_student(window.db, student)
    assert window.caseload_page.select_student(found.id)
    window.tabs.setCurrentWidget(window.matches_page)
    return window


def activate(qtbot: QtBot, qapp: QApplication, window: MainWindow) -> None:
    """Make ``window`` the active one, as a click on it would: the tests' offscreen screen
    activates none by itself, and shortcuts and mnemonics reach only an active window."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: qapp.activeWindow() is window)
