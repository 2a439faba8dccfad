"""Small factories for message boxes and file pickers.

Widgets call these instead of QMessageBox/QFileDialog directly, so tests can replace
them (they are plain functions) and never block on a modal dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def show_information(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, title: str, message: str, action: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=parent)
    accept = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is accept


def choose_open_file(parent: QWidget | None, caption: str, name_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, caption, str(Path.home()), name_filter)
    return Path(chosen) if chosen else None


def ask_unsaved_changes(parent: QWidget | None, name: str) -> str:
    """ "save", "discard" or "cancel" for a profile with unsaved changes."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Unsaved changes",
        f"The profile of {name} has changes that are not saved.",
        parent=parent,
    )
    box.setInformativeText("Save them before leaving?")
    save = box.addButton(QMessageBox.StandardButton.Save)
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return "save"
    if clicked is discard:
        return "discard"
    return "cancel"


def choose_save_file(
    parent: QWidget | None, caption: str, suggested: str, name_filter: str
) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, caption, str(Path.home() / suggested), name_filter
    )
    return Path(chosen) if chosen else None
