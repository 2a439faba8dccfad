"""Every input of every page and every dialog has an accessible name and a description, as
a screen reader reads them (Qt's accessibility interface, not only the widget property)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QInputDialog,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gradmatch.ui import dialogs
from gradmatch.ui.accessible import is_input
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.soak import Soak


def _unnamed(root: QWidget) -> list[str]:
    """The inputs under ``root`` a screen reader could not name or describe."""
    found = []
    for widget in root.findChildren(QWidget):
        if not is_input(widget) or isinstance(widget, QTabBar) or not widget.isEnabledTo(root):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        described = isinstance(widget, QAbstractButton) or bool(
            interface.text(QAccessible.Text.Description) if interface is not None else ""
        )
        if not name.strip() or not described:
            found.append(f"{type(widget).__name__} {widget.objectName()!r} name={name!r}")
    return found


@pytest.mark.parametrize("student_mode", [False, True])
def test_every_input_of_every_page_and_dialog_is_named(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, monkeypatch: pytest.MonkeyPatch,
    student_mode: bool,
) -> None:  # fmt: skip
    configure_application(qapp)
    window = MainWindow(demo_db, student_mode=student_mode)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    if window.caseload_page is not None:
        window.caseload_page.table.selectRow(0)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qapp.processEvents()
    missing = _unnamed(window)
    assert missing == [], "\n".join(missing)

    seen: dict[str, list[str]] = {}

    def look(dialog: QDialog) -> int:
        seen[type(dialog).__name__] = _unnamed(dialog)
        return int(QDialog.DialogCode.Rejected)

    # The real dialogs this time (the GUI tests' conftest replaces them with recorders),
    # each looked at instead of run; Qt's static choosers (files, a line of text), which
    # run inside Qt, stay replaced.
    monkeypatch.undo()
    for chooser in ("choose_open_file", "choose_save_file", "choose_folder", "ask_text",
                    "show_information", "show_error"):  # fmt: skip
        monkeypatch.setattr(dialogs, chooser, lambda *_args, **_kw: None)
    for kind in (QDialog, QMessageBox, QInputDialog):
        monkeypatch.setattr(kind, "exec", look)
    for _name, open_it in Soak(window)._dialogs():
        open_it()
        qapp.processEvents()
    # The student edition has no counselor's dialog (weights, cost defaults, program, restore).
    assert len(seen) >= (2 if student_mode else 6), seen.keys()
    assert {name: missing for name, missing in seen.items() if missing} == {}
