"""The dialog that adds or edits one meeting log entry: date, kind, text.

Keyboard first: Tab goes date → kind → text → buttons (Tab in the text moves on, it types
no tab), Ctrl+Enter saves from anywhere, Escape cancels; every field has a mnemonic and an
accessible name. The entry is checked by the domain's rules (``domain.meeting_log``) before
the dialog closes, and a refusal is said under the text, with the words the command line
uses.

The page calls :func:`ask_log_entry` (a plain function: tests replace it, or drive the
dialog it opens with keys).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from gradmatch.domain.meeting_log import EARLIEST, MAX_TEXT, LogEntry, LogEntryError, LogKind
from gradmatch.domain.meeting_log import read_entry as read_log_entry
from gradmatch.ui.widgets import FieldError, run_modal, show_focus, small_muted_style


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class LogEntryDialog(QDialog):
    """``entry`` holds what was saved once the dialog is accepted."""

    def __init__(
        self, student_name: str, entry: LogEntry | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.entry: LogEntry | None = None
        self.setObjectName("logEntryDialog")
        self.setWindowTitle("Edit log entry" if entry is not None else "Add to the meeting log")
        self.setMinimumWidth(520)
        heading = QLabel()
        heading.setObjectName("logEntryStudent")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setText(f"Meeting log of {student_name}")
        heading.setStyleSheet("font-weight: bold;")

        today = date.today()
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("logEntryDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        # The log records contacts that happened: no day after today (the domain's rule; an
        # entry written before the clock was set back keeps its day until it is changed).
        latest = max(today, entry.on) if entry is not None else today
        self.date_edit.setDateRange(_qdate(EARLIEST), _qdate(latest))
        self.date_edit.setDate(_qdate(entry.on if entry is not None else today))
        self.date_edit.setAccessibleName("Date of the contact")
        self.date_edit.setToolTip("The day it happened (no later than today)")

        self.kind = QComboBox()
        self.kind.setObjectName("logEntryKind")
        self.kind.setAccessibleName("Kind")
        self.kind.setAccessibleDescription("Meeting, email or call")
        for each in LogKind:
            self.kind.addItem(each.label, each.value)
        kind = entry.kind if entry is not None else LogKind.MEETING
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.kind.setAccessibleName("Kind of contact")

        self.text = QPlainTextEdit()
        self.text.setObjectName("logEntryText")
        self.text.setTabChangesFocus(True)
        show_focus(self.text)
        self.text.setPlaceholderText("What was said or agreed, what comes next…")
        self.text.setAccessibleName("What was said or agreed")
        self.text.setAccessibleDescription(f"Required; at most {MAX_TEXT:,} characters")
        if entry is not None:
            self.text.setPlainText(entry.text)
        self.error = FieldError("logEntryText")

        hint = QLabel(
            "Ctrl+Enter saves. Counselor-only: never in the student's profile file or roster."
        )
        hint.setObjectName("logEntryHint")
        hint.setStyleSheet(small_muted_style())
        hint.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveLogEntry")
        self.save_button.setToolTip("Save the entry (Ctrl+Enter)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        form = QFormLayout(self)
        form.addRow(heading)
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Kind:", self.kind)
        form.addRow("&What happened:", self.text)
        form.addRow("", self.error)
        form.addRow(hint)
        form.addRow(self.buttons)
        self.text.textChanged.connect(self._refresh)
        self._refresh()
        self.text.setFocus()

    def _refresh(self) -> None:
        self.save_button.setEnabled(bool(self.text.toPlainText().strip()))
        self.error.set_message(None)

    def accept(self) -> None:
        """Close with the entry when the domain takes it; otherwise say why and stay."""
        try:
            self.entry = read_log_entry(
                self.date_edit.date().toPython(),  # type: ignore[arg-type]
                LogKind(self.kind.currentData()),
                self.text.toPlainText(),
            )
        except LogEntryError as error:
            self.error.set_message(str(error))
            self.text.setFocus()
            return
        super().accept()


def ask_log_entry(
    parent: QWidget | None, student_name: str, entry: LogEntry | None = None
) -> LogEntry | None:
    """A new entry (or ``entry`` changed), or None when cancelled."""
    dialog = LogEntryDialog(student_name, entry, parent)
    if run_modal(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.entry
