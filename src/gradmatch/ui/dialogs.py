"""Small factories for message boxes and file pickers.

Widgets call these instead of QMessageBox/QFileDialog directly, so tests can replace
them (they are plain functions) and never block on a modal dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from gradmatch.domain.voice import cap
from gradmatch.ui.widgets import run_modal

if TYPE_CHECKING:
    from gradmatch.domain.matching import Bucket


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def show_information(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def show_file_to_send(parent: QWidget | None, title: str, message: str) -> bool:
    """A file written for someone else, and what to do with it: True when the user asks to
    see it in its folder ("Show in folder"), False for OK."""
    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
    show = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    run_modal(box)
    return box.clickedButton() is show


def open_url(url: QUrl) -> bool:
    """The system's file manager (or viewer) on ``url``; a plain function tests replace."""
    return QDesktopServices.openUrl(url)


def open_or_say(parent: QWidget | None, target: Path, what: str) -> bool:
    """``target`` (a file or a folder) opened by the system's file manager or viewer: a local
    file URL, never the network. When nothing opens it (no launcher on this computer: the
    system says "Unable to detect a launcher"), a message says so and gives ``target``'s
    full path, as text that can be selected and copied. ``what`` names it: "the folder"."""
    if open_url(QUrl.fromLocalFile(str(target))):
        return True
    show_path(
        parent,
        f"{cap(what)} could not be opened",
        f"This computer has no program set to open {what}. It is here:",
        target,
    )
    return False


def show_in_folder(parent: QWidget | None, path: Path) -> bool:
    """The folder of ``path`` in the system's file manager, or its full path said when the
    system cannot open it (see :func:`open_or_say`)."""
    return open_or_say(parent, path.resolve().parent, "the folder")


def path_message(parent: QWidget | None, title: str, message: str, path: Path) -> QMessageBox:
    """A message ending in a full path, its whole text selectable (mouse and keyboard) so
    that the path can be copied into a file manager or an email."""
    box = QMessageBox(QMessageBox.Icon.Information, title, f"{message}\n\n{path}", parent=parent)
    box.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    box.addButton(QMessageBox.StandardButton.Ok)
    return box


def show_path(parent: QWidget | None, title: str, message: str, path: Path) -> None:
    run_modal(path_message(parent, title, message, path))


def confirm(parent: QWidget | None, title: str, message: str, action: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=parent)
    accept = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    run_modal(box)
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
    run_modal(box)
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


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line of text from the user, or None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def override_band_sentence(bucket: Bucket | None) -> str:
    """What an override does to the score, in one sentence (the bands are the matcher's:
    ``Bucket.score_range``)."""
    if bucket is None:
        return "The score goes back to the band of the computed bucket."
    return (
        f"The score moves into the {bucket.label} band, {bucket.score_range}, as every "
        "program's score lies in its bucket's band."
    )


def ask_override(
    parent: QWidget | None, program: str, buckets: list[tuple[str, str]], current: str
) -> tuple[str | None, str] | None:
    """The counselor's bucket (None: back to the computed one) and reason; None if cancelled."""
    from PySide6.QtWidgets import (
        QComboBox,
        QDialog,
        QDialogButtonBox,
        QFormLayout,
        QLabel,
        QLineEdit,
    )

    from gradmatch.domain.matching import Bucket

    dialog = QDialog(parent)
    dialog.setWindowTitle("Override the bucket")
    form = QFormLayout(dialog)
    form.addRow(QLabel(f"<b>{program}</b>"))
    combo = QComboBox()
    combo.setAccessibleName("Bucket")
    combo.setAccessibleDescription("The bucket the counselor sets, or the computed one")
    combo.addItem("Computed bucket (no override)", None)
    for value, label in buckets:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    reason = QLineEdit()
    reason.setPlaceholderText("Why? (shown with the bucket everywhere)")
    band = QLabel()
    band.setObjectName("overrideBand")
    band.setWordWrap(True)
    form.addRow("Bucket:", combo)
    form.addRow(band)
    form.addRow("Reason:", reason)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)

    def refresh() -> None:
        chosen = combo.currentData()
        ok.setEnabled(chosen is None or bool(reason.text().strip()))
        band.setText(override_band_sentence(None if chosen is None else Bucket(chosen)))

    combo.currentIndexChanged.connect(refresh)
    reason.textChanged.connect(refresh)
    refresh()
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    form.addRow(box)
    if run_modal(dialog) != QDialog.DialogCode.Accepted:
        return None
    return combo.currentData(), reason.text().strip()


def choose_folder(parent: QWidget | None, caption: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, caption, str(Path.home()))
    return Path(chosen) if chosen else None


def progress_dialog(parent: QWidget | None, title: str, total: int) -> QProgressDialog:
    """A window-modal progress dialog with Cancel, shown while long work runs elsewhere."""
    dialog = QProgressDialog(title, "Cancel", 0, max(total, 1), parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def show_crash(parent: QWidget | None, title: str, message: str, details: str) -> None:
    """An error dialog with the technical details folded away and a Copy details button."""
    from PySide6.QtWidgets import QApplication

    box = QMessageBox(QMessageBox.Icon.Critical, title, message, parent=parent)
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    run_modal(box)


def ask_database_problem(parent: QWidget | None, message: str, backup: str | None) -> str:
    """What to do with a database that cannot be used: "restore", "open", "new" or "quit"."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open the database", message, parent=parent)
    box.setInformativeText(
        "The file is kept as it is (set aside, never deleted) whatever you choose."
    )
    restore = None
    if backup is not None:
        restore = box.addButton(
            f"Restore the backup of {backup}", QMessageBox.ButtonRole.AcceptRole
        )
    other = box.addButton("Open another file…", QMessageBox.ButtonRole.ActionRole)
    new = box.addButton("Start a new database", QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    # Enter or Escape changes nothing: restoring or starting anew is always a click away.
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    run_modal(box)
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    if clicked is other:
        return "open"
    if clicked is new:
        return "new"
    return "quit"
