"""The caseload's "Meeting log" tab: the selected student's dated contacts, newest first.

Counselor edition only (the caseload page is not built in the student edition). A list
model over the service's records; add, edit and delete go through the services, one unit
of work each, and the list is read again from what they stored.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.caseload import StudentRecord
from gradmatch.domain.meeting_log import LogEntry, LogRecord, one_line, summary_line
from gradmatch.services import meeting_log as log_service
from gradmatch.services.database import Database
from gradmatch.services.errors import NotFoundError
from gradmatch.ui import dialogs, log_dialog
from gradmatch.ui.palette import muted, muted_style
from gradmatch.ui.widgets import (
    HeaderedListModel,
    Index,
    showing_user_errors,
    small_muted_style,
    table_view,
)

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


class LogModel(HeaderedListModel):
    """One row per entry, in the service's order (newest first): date, kind, and the text
    on one line (the view elides it; the tooltip has it whole)."""

    headers = ("Date", "Kind", "What happened")

    def __init__(self, parent: Any = None) -> None:
        super().__init__([], parent)

    def set_records(self, records: list[LogRecord]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> LogRecord | None:
        return self.row(self.index(row, 0))  # type: ignore[no-any-return]

    def row_of(self, entry_id: int) -> int:
        return next((row for row, r in enumerate(self._rows) if r.id == entry_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.row(index)
        if not isinstance(record, LogRecord):
            return None
        entry = record.entry
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return entry.on.isoformat()
            return entry.kind.label if column == 1 else one_line(entry.text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(record)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.kind.label} on {entry.on:%B %-d, %Y}: {entry.text}"
        if role == RECORD_ROLE:
            return record
        return None


def _tooltip(record: LogRecord) -> str:
    """The whole text (rich text, so that it wraps and nothing in it is read as markup)."""
    entry = record.entry
    text = html.escape(entry.text).replace("\n", "<br>")
    written = record.created_at.astimezone()
    return (
        f"<b>{entry.on:%A, %B %-d, %Y} · {entry.kind.label}</b><br>{text}"
        f"<br><span style='color:{muted()}'>Written down {written:%Y-%m-%d %H:%M}</span>"
    )


class MeetingLogPanel(QWidget):
    """``changed`` fires after an entry is added, edited or deleted."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingLog")
        self.db: Database | None = None
        self.student: StudentRecord | None = None
        self.heading = QLabel()
        self.heading.setObjectName("meetingLogHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.note = QLabel(
            "Your dated record of meetings, emails and calls, newest first. Counselor-only: "
            "never in the student's profile file or roster."
        )
        self.note.setObjectName("meetingLogNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(small_muted_style())

        self.model = LogModel(self)
        # Newest first, always: no sorting by column.
        self.list = table_view("meetingLogList")
        self.list.setAccessibleDescription("Dated meetings, emails and calls with this student")
        self.list.setModel(self.model)
        self.list.setAccessibleName("Meeting log, newest first")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAlternatingRowColors(True)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(26)
        header = self.list.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setObjectName("meetingLogEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setStyleSheet(muted_style("padding: 12px;"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.list)

        self.add_button = QPushButton("&Add entry…")
        self.add_button.setObjectName("addLogEntry")
        self.add_button.setToolTip("Log a meeting, an email or a call with this student")
        self.edit_button = QPushButton("Ed&it…")
        self.edit_button.setObjectName("editLogEntry")
        self.edit_button.setToolTip("Change the selected entry (Enter, or double-click it)")
        self.delete_button = QPushButton("De&lete…")
        self.delete_button.setObjectName("deleteLogEntry")
        self.delete_button.setToolTip("Delete the selected entry (Delete), after asking")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.delete_action = QAction("Delete log entry", self.list)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.list.addAction(self.delete_action)
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.list.activated.connect(lambda _index: self.edit_selected())
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.show_student(None)

    # ---- what is shown

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.refresh()

    def show_student(self, record: StudentRecord | None) -> None:
        self.student = record
        self.refresh()

    @property
    def student_id(self) -> int | None:
        return self.student.id if self.student is not None else None

    def refresh(self, select: int | None = None) -> None:
        """Read the log again; then select ``select`` (an entry just written)."""
        records: list[LogRecord] = []
        if self.db is not None and self.student is not None:
            with showing_user_errors(self, "The meeting log could not be read"):
                try:
                    records = log_service.log_entries(self.db, self.student.id)
                except NotFoundError:  # gone meanwhile (a restore, F5 after a delete elsewhere):
                    self.student = None  # the caseload page moves on; nothing to tell
                    records = []
        self.model.set_records(records)
        name = self.student.profile.full_name if self.student is not None else ""
        self.heading.setText(f"Meeting log — {name}" if name else "Meeting log")
        self.empty.setText(self._empty_text(name))
        self.stack.setCurrentWidget(self.list if records else self.empty)
        row = self.model.row_of(select) if select is not None else (0 if records else -1)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    def _empty_text(self, name: str) -> str:
        if self.db is None or self.student is None:
            return (
                "Select a student to see their meeting log. New students get one once their "
                "profile is saved."
            )
        return (
            f"Nothing logged for {name} yet.\n\n"
            "Keep what was said or agreed at each meeting, email and call here: one dated "
            "entry each, to look back on before the next contact.\n\n"
            "Click “Add entry…” (Alt+A) to record one."
        )

    def selected(self) -> LogRecord | None:
        rows = self.list.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def count(self) -> int:
        return self.model.rowCount()

    def _update_buttons(self) -> None:
        has_student = self.db is not None and self.student is not None
        self.add_button.setEnabled(has_student)
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.delete_action.setEnabled(chosen)

    # ---- writing

    def add_entry(self) -> None:
        self._write(None)

    def edit_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self._write(record)

    def _write(self, record: LogRecord | None) -> None:
        """Ask for the entry and store it. When the database refuses (busy, full...), the
        dialog comes back with what was typed: nothing typed is lost to a message box."""
        if self.db is None or self.student is None:
            return
        shown: LogEntry | None = record.entry if record is not None else None
        while True:
            entry = log_dialog.ask_log_entry(self, self.student.profile.full_name, shown)
            if entry is None:
                return
            with showing_user_errors(self, "The log entry was not saved") as attempt:
                try:
                    if record is None:
                        saved = log_service.add_log_entry(self.db, self.student.id, entry)
                    else:
                        saved = log_service.edit_log_entry(
                            self.db, self.student.id, record.id, entry
                        )
                except NotFoundError as error:  # gone meanwhile: nothing to ask again for
                    dialogs.show_error(self, "The log entry was not saved", str(error))
                    self.refresh()
                    return
            if not attempt.failed:
                break
            shown = entry
        self.refresh(select=saved.id)
        self.changed.emit()

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None or self.db is None or self.student is None:
            return
        entry = record.entry
        if not dialogs.confirm(
            self,
            "Delete log entry",
            f"Delete the {entry.kind.label.lower()} of {entry.on.isoformat()} from "
            f"{self.student.profile.full_name}'s meeting log? This cannot be undone.\n\n"
            f"{summary_line(entry)[:300]}",
            "Delete",
        ):
            return
        with showing_user_errors(self, "The log entry was not deleted") as attempt:
            log_service.delete_log_entry(self.db, self.student.id, record.id)
        if attempt.failed:
            return
        self.refresh()
        self.changed.emit()
