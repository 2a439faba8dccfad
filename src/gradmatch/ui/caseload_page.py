"""The caseload page: the students on the left; on the right, the selected student's
profile and, in a second tab, their meeting log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.caseload import StudentRecord, StudentSummary
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.services.errors import NotFoundError
from gradmatch.ui import dialogs, undo
from gradmatch.ui.caseload_model import STUDENT_ROLE, CaseloadModel, StudentColumn
from gradmatch.ui.empty_state import EmptyState, clear_on_escape
from gradmatch.ui.meeting_log import MeetingLogPanel
from gradmatch.ui.one_line import OneLineLabel
from gradmatch.ui.palette import muted_style
from gradmatch.ui.profile_editor import ProfileEditor
from gradmatch.ui.widgets import list_table, showing_user_errors


class GuardedSelectionModel(QItemSelectionModel):
    """A selection model that asks before the selection moves: ``may_select`` can veto.

    Vetoing here, before anything changes, is what keeps a profile with unsaved changes on
    screen; undoing a selection after the fact would re-enter Qt's selection handling.
    """

    def __init__(self, model: QAbstractItemModel, may_select: Callable[[QModelIndex | None], bool]):
        super().__init__(model)
        self._may_select = may_select

    def select(self, selection: Any, command: Any) -> None:
        if isinstance(selection, QItemSelection):
            indexes = selection.indexes()
            target: QModelIndex | None = indexes[0] if indexes else None
        else:
            target = selection if selection.isValid() else None
        if not self._may_select(target):
            return
        super().select(selection, command)


class CaseloadPage(QWidget):
    """``students_changed`` fires after any write, with the list as it now is."""

    students_changed = Signal()
    # A change (``ui.undo.Change``) for the window to make and keep for Edit ▸ Undo.
    change_requested = Signal(object)
    current_changed = Signal()  # another student is shown (or none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self._current_id: int | None = None
        self._guard = False
        self._refused_target: int | None = -1
        self._selecting = False

        self.search = QLineEdit()
        self.search.setObjectName("caseloadSearch")
        self.search.setPlaceholderText("Search name, email or student ID…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        clear_on_escape(self.search)
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setObjectName("showArchived")
        self.count_label = OneLineLabel()
        self.count_label.setObjectName("caseloadCount")
        self.count_label.setStyleSheet(muted_style())

        self.model = CaseloadModel(self)
        self.table = list_table("caseloadTable", self.model, sort_column=StudentColumn.NAME)
        # Before any selection happens: the model that asks about unsaved changes.
        self.table.setSelectionModel(GuardedSelectionModel(self.model, self._may_select))
        # Fitting the columns looks at a screenful of rows, not 200 (fetching is per page).
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self._fitted = False
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty_state = EmptyState(self.table, self._why_empty)
        self.table.setAccessibleName("Students")
        self.table.setAccessibleDescription("The caseload: one row per student; Enter opens")

        self.editor = ProfileEditor(self._save)
        self.editor.saved.connect(self._after_save)
        # The log follows whichever student the profile shows (a new one has none yet).
        self.log_panel = MeetingLogPanel()
        self.editor.shown.connect(self.log_panel.show_student)
        self.log_panel.changed.connect(self._update_log_tab)
        self.log_panel.model.modelReset.connect(self._update_log_tab)
        self.details = QTabWidget()
        self.details.setObjectName("studentDetails")
        self.details.setDocumentMode(True)
        self.details.addTab(self.editor, "Profile")
        self.details.addTab(self.log_panel, "Meeting log")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("caseloadSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([620, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.search.textChanged.connect(self.model.set_text)
        self.show_archived.toggled.connect(self.model.set_show_archived)
        # Any new search, filter, sort or reload: the current student stays selected when
        # the list still shows them (the profile on the right stays either way).
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.current_changed.connect(self._update_count)  # it names a profile off the list
        self._update_count()

    # ---- data

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self._fitted = False
        self.log_panel.set_database(db)
        self.reload()

    def _update_log_tab(self) -> None:
        count = self.log_panel.count()
        text = f"Meeting log ({count})" if count else "Meeting log"
        self.details.setTabText(self.details.indexOf(self.log_panel), text)

    def show_log(self) -> None:
        """The selected student's meeting log, with the keyboard in it."""
        self.details.setCurrentWidget(self.log_panel)
        self.log_panel.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self, select: int | None = None) -> None:
        """Ask the database again; then show ``select`` (e.g. a student just imported)."""
        self.model.set_database(self.db)
        if not self._fitted and self.model.rowCount():
            self._fit_columns()
        if self._current_id is not None and self.model.row_of(self._current_id) < 0:
            try:
                if self.db is not None:
                    student_service.get_student(self.db, self._current_id)
            except NotFoundError:  # deleted elsewhere: nothing left to show
                self._current_id = None
                self.editor.show_record(None)
        if select is not None:
            self.select_student(select)

    def _fit_columns(self) -> None:
        """Fit the columns to the rows on screen once; the user's widths stay after that."""
        self._fitted = True
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(
            StudentColumn.NAME, min(self.table.columnWidth(StudentColumn.NAME), 240)
        )
        self.table.setColumnWidth(
            StudentColumn.EMAIL, min(self.table.columnWidth(StudentColumn.EMAIL), 230)
        )

    def _after_reset(self) -> None:
        row = self.model.row_of(self._current_id) if self._current_id is not None else -1
        if row >= 0:
            self._guard = True  # the same student again: nothing to ask, nothing to load
            try:
                self.table.selectRow(row)
            finally:
                self._guard = False
        self._update_count()

    def select_student(self, student_id: int) -> bool:
        """Select and show ``student_id`` as a click would (asking about unsaved changes);
        False when the list does not show them."""
        row = self.model.row_of(student_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_summary(self) -> StudentSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        student = self.model.data(rows[0], STUDENT_ROLE)
        return student if isinstance(student, StudentSummary) else None

    def visible_names(self) -> list[str]:
        return [
            student.full_name
            for row in range(self.model.rowCount())
            if (student := self.model.student(row)) is not None
        ]

    # ---- leaving a profile

    def confirm_leave(self) -> bool:
        """Ask about unsaved changes; True when it is fine to show something else."""
        if not self.editor.is_dirty():
            return True
        name = self.editor.form.full_name.text().strip() or "the new student"
        answer = dialogs.ask_unsaved_changes(self, name)
        if answer == "save":
            return self.editor.save()
        if answer == "discard":
            self.editor.revert()
            return True
        return False

    def _may_select(self, target: QModelIndex | None) -> bool:
        """Whether the selection may move to ``target``: asks about unsaved changes once."""
        if self._guard:
            return True
        student = self.model.data(target, STUDENT_ROLE) if target is not None else None
        target_id = student.id if isinstance(student, StudentSummary) else None
        if target_id == self._current_id or not self.editor.is_dirty():
            return True
        if self._refused_target == target_id:
            return False  # the same click asks through several calls: answer once
        self._selecting = True
        try:
            leave = self.confirm_leave()
        finally:
            self._selecting = False
        if leave:
            return True
        self._refused_target = target_id
        QTimer.singleShot(0, self._forget_refusal)
        return False

    def _forget_refusal(self) -> None:
        self._refused_target = -1

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        if self._guard:
            return
        summary = self.selected_summary()
        new_id = summary.id if summary else None
        if new_id != self._current_id:
            self._show(new_id)

    def _clear_selection(self) -> None:
        self._guard = True
        try:
            self.table.selectionModel().clearSelection()
        finally:
            self._guard = False

    @property
    def current_id(self) -> int | None:
        return self._current_id

    def _show(self, student_id: int | None) -> None:
        self._current_id = student_id
        if student_id is None or self.db is None:
            self.editor.show_record(None)
        else:
            try:
                self.editor.show_record(student_service.get_student(self.db, student_id))
            except NotFoundError:
                self.reload()
        self.current_changed.emit()

    # ---- actions (the window's menus call these)

    def new_student(self) -> None:
        if not self.confirm_leave():
            return
        self._clear_selection()
        self._current_id = None
        self.editor.new_student()

    def duplicate_selected(self) -> None:
        summary = self.selected_summary()
        if summary is None or self.db is None or not self.confirm_leave():
            return
        self.change_requested.emit(undo.DuplicateStudent(summary.id, summary.full_name))

    def toggle_archive_selected(self) -> None:
        summary = self.selected_summary()
        if summary is None or self.db is None or not self.confirm_leave():
            return
        self.change_requested.emit(
            undo.ArchiveStudent(summary.id, summary.full_name, archive=not summary.archived)
        )

    def delete_selected(self) -> None:
        summary = self.selected_summary()
        if summary is None or self.db is None:
            return
        if not dialogs.confirm(
            self,
            "Delete student",
            f"Delete {summary.full_name} and everything recorded about them?\n\n"
            "Edit ▸ Undo (Ctrl+Z) brings them back, as they were.",
            "Delete",
        ):
            return
        self.change_requested.emit(undo.DeleteStudent(summary.id, summary.full_name))

    def show_student(self, student_id: int) -> None:
        """The list read again, ``student_id`` selected and shown: the search cleared and
        archived students listed if that is what it takes."""
        self.reload()
        if self.select_student(student_id):
            return
        self.search.clear()
        if self.model.row_of(student_id) < 0:
            self.show_archived.setChecked(True)
        self.select_student(student_id)

    def forget_student(self, student_id: int) -> None:
        """The list read again after ``student_id`` left it (deleted, or archived while
        archived students are hidden): their profile is no longer shown, and the student
        who took their row is selected instead (the one above, after the last), so that
        the keyboard keeps its place in the list."""
        row = self.model.row_of(student_id)
        if self._current_id == student_id:
            self._current_id = None
            self.editor.show_record(None)
        self.reload()
        if row >= 0 and self._current_id is None and self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ---- saving

    def _save(self, profile: StudentProfile, student_id: int | None) -> StudentRecord | None:
        if self.db is None:
            return None
        with showing_user_errors(self, "The profile was not saved"):
            return student_service.save_student(self.db, profile, student_id)
        return None

    def _after_save(self, record: StudentRecord) -> None:
        # The list first, then the news: whoever counts the students reads the list.
        if self._selecting:
            # Saved on the way to another student: the selection is moving right now, so
            # refresh the list once it has moved (a reset now would pull the rug from under it).
            QTimer.singleShot(0, self._reload_and_tell)
            return
        self._current_id = record.id
        self.reload(select=record.id)
        self.students_changed.emit()

    def _reload_and_tell(self) -> None:
        self.reload()
        self.students_changed.emit()

    def _why_empty(self) -> str:
        """What the empty list means, and what to do."""
        search = self.search.text().strip()
        counts = self.model.counts
        if search:
            return f"No student matches “{search}”.\nPress Esc in the search field to clear it."
        if counts.total and not self.show_archived.isChecked():
            return "Every student is archived.\nTick “Show archived” to see them."
        return (
            "No students yet.\nAdd one with Student ▸ New student (Ctrl+N), or import a "
            "roster with File ▸ Import roster or profile… (Ctrl+O)."
        )

    def _update_count(self) -> None:
        shown, counts = self.model.rowCount(), self.model.counts
        total, archived = counts.total, counts.archived
        text = f"{shown} of {total} students" if shown != total else f"{total} students"
        if archived and not self.show_archived.isChecked():
            text += f" · {archived} archived (hidden)"
        record = self.editor.record
        if record is not None and self.model.row_of(record.id) < 0:
            # The profile stays (nothing typed is lost), and says why the list lacks it.
            text += f" · {record.profile.full_name}, on the right, is not in this list"
        self.count_label.setText(text)
