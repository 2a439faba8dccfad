"""The profile editor: the form, a heading, Save (Ctrl+S) and Revert.

Saving goes through ``save_handler`` (the window's service call); nothing is written
while any field is invalid, and a failed save leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gradmatch.domain.caseload import StudentRecord
from gradmatch.domain.profile import StudentProfile
from gradmatch.ui.profile_form import ProfileForm

# Stores the profile (new when the id is None); returns None when it could not (and said why).
SaveHandler = Callable[[StudentProfile, int | None], StudentRecord | None]


class ProfileEditor(QWidget):
    saved = Signal(object)  # the StudentRecord as stored
    dirty_changed = Signal(bool)

    def __init__(self, save_handler: SaveHandler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save_handler = save_handler
        self.record: StudentRecord | None = None
        self._was_dirty = False
        self.heading = QLabel()
        self.heading.setObjectName("profileHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.status = QLabel()
        self.status.setObjectName("profileStatus")
        self.status.setStyleSheet("color: #5c6b7a;")
        self.form = ProfileForm()
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveProfile")
        self.save_button.setToolTip("Save this profile (Ctrl+S)")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setObjectName("revertProfile")
        self.revert_button.setToolTip("Undo the changes not saved yet")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.form, 1)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.form.changed.connect(self._refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        self.show_record(None)

    def show_record(self, record: StudentRecord | None) -> None:
        self.record = record
        self.form.load(record.profile if record else None)
        self.form.scroll_area.verticalScrollBar().setValue(0)
        self._refresh()

    def new_student(self) -> None:
        self.show_record(None)
        self.form.full_name.setFocus()

    def is_dirty(self) -> bool:
        return self.form.is_dirty()

    def _refresh(self) -> None:
        dirty = self.form.is_dirty()
        valid = self.form.validate(show=dirty or self.record is not None)
        self.save_button.setEnabled(dirty and valid)
        self.revert_button.setEnabled(dirty)
        if self.record is None:
            self.heading.setText(self.form.full_name.text().strip() or "New student")
        else:
            self.heading.setText(self.record.profile.full_name)
        if dirty and not valid:
            self.status.setText("Fix the fields marked in red to save.")
        elif dirty:
            self.status.setText("Unsaved changes")
        elif self.record is not None:
            self.status.setText(f"Saved {self.record.updated_at.astimezone():%Y-%m-%d %H:%M}")
        else:
            self.status.setText("Fill in at least the name and email, then save.")
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)

    def save(self) -> bool:
        """Save if valid; returns whether the profile is now stored as shown."""
        if not self.form.is_dirty():
            return True
        profile, _errors = self.form.read()
        if profile is None:
            self.form.validate()
            self._refresh()
            return False
        record = self._save_handler(profile, self.record.id if self.record else None)
        if record is None:
            return False
        self.show_record(record)
        self.saved.emit(record)
        return True

    def revert(self) -> None:
        self.show_record(self.record)
