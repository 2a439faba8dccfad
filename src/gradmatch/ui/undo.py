"""Edit ▸ Undo and Redo, with Qt's undo framework: each change a counselor may regret is a
:class:`Change` (a ``QUndoCommand``) on the window's one ``QUndoStack``.

A change is written before it is pushed (:func:`record`), inside the window's error
handling: a refusal (a full disk, a busy database, a value refused) is a message and nothing
is pushed. Edit ▸ Undo and Redo (:func:`step`) also write first and move the stack only once
the write went through: a refused undo is a message, and the change stays on the stack, as
done, to be undone again. ``undo()``/``redo()`` themselves then only show the result: the
pages refreshed, the affected student or program selected.

Every write goes through the services; what an undo puts back is what they saved
(:class:`~gradmatch.services.students.StudentSnapshot` and the like), never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from gradmatch.domain.catalog import Program
from gradmatch.domain.matching import Bucket
from gradmatch.services import catalog as catalog_service
from gradmatch.services import matching as matching_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.ui.widgets import showing_user_errors

if TYPE_CHECKING:
    from gradmatch.ui.main_window import MainWindow

NOTICE_MS = 10_000  # how long "Deleted NAME — Undo" stays in the status bar
MENU_TEXT = 90  # characters of "Undo …" at most in the Edit menu


def program_label(program: Program) -> str:
    """A program as the Edit menu names it: its school and delivery."""
    return program.offering


class Change(QUndoCommand):
    """One change that Edit ▸ Undo takes back and Edit ▸ Redo makes again.

    Subclasses write through the services in :meth:`do` (the first time), :meth:`write_undo`
    and :meth:`write_redo`, and show the result in :meth:`show`. ``student_id``: the student
    the change is about, if any (see :meth:`renumber`).
    """

    def __init__(self, text: str, refused: str, student_id: int | None = None) -> None:
        super().__init__()
        # ``text()`` before the line break; after it the Edit menu's (``actionText()``):
        # at most a menu's width, and a "&" doubled so that it is not taken for a mnemonic.
        menu = text if len(text) <= MENU_TEXT else text[: MENU_TEXT - 1].rstrip() + "…"
        self.setText(f"{text}\n{menu.replace('&', '&&')}")
        self.refused = refused  # the message box's title when ``do`` is refused
        self.student_id = student_id
        self.window: MainWindow | None = None
        self._written = False  # the write is done: undo()/redo() only show it

    @property
    def db(self) -> Database:
        assert self.window is not None and self.window.db is not None
        return self.window.db

    # ---- for subclasses

    def do(self) -> None:
        """Make the change the first time."""
        self.write_redo()

    def write_undo(self) -> None:
        raise NotImplementedError

    def write_redo(self) -> None:
        raise NotImplementedError

    def show(self, window: MainWindow, *, undone: bool) -> None:
        """The pages as the change left them (or as its undo did), what it changed selected."""

    def renumber(self, old: int, new: int) -> None:
        """A student this change is about came back under number ``new`` (``old`` had been
        taken by another student in the meantime)."""
        if self.student_id == old:
            self.student_id = new

    # ---- Qt's undo framework

    def undo(self) -> None:
        self._apply(self.write_undo, undone=True)

    def redo(self) -> None:
        self._apply(self.write_redo, undone=False)

    def _apply(self, write: Callable[[], None], *, undone: bool) -> None:
        window = self.window
        if window is None or window.db is None:
            return
        if not self._written:  # moved by something other than step(): write now
            verb = "undone" if undone else "redone"
            with showing_user_errors(window, f"“{self.text()}” was not {verb}") as attempt:
                write()
            if attempt.failed:
                return
        self._written = False
        self.show(window, undone=undone)


def record(window: MainWindow, change: Change) -> bool:
    """Make ``change`` and keep it for Edit ▸ Undo; False (after a message) when refused."""
    if window.db is None:
        return False
    change.window = window
    with showing_user_errors(window, change.refused) as attempt:
        change.do()
    if attempt.failed:
        return False
    change._written = True
    window.undo_stack.push(change)  # redo(): shows it
    return True


def step(window: MainWindow, *, back: bool) -> None:
    """Edit ▸ Undo (``back``) or Redo: the write first, the stack moved only once it is
    done, so that a refused undo leaves the change on the stack as it was."""
    stack = window.undo_stack
    index = stack.index() - 1 if back else stack.index()
    change = stack.command(index) if 0 <= index < stack.count() else None
    if not isinstance(change, Change) or window.db is None:
        return
    change.window = window
    verb = "undone" if back else "redone"
    with showing_user_errors(window, f"“{change.text()}” was not {verb}") as attempt:
        if back:
            change.write_undo()
        else:
            change.write_redo()
    if attempt.failed:
        return
    change._written = True
    if back:
        stack.undo()
    else:
        stack.redo()


def renumber(stack: QUndoStack, old: int, new: int, indexes: range) -> None:
    for index in indexes:
        change = stack.command(index)
        if isinstance(change, Change):
            change.renumber(old, new)


def clear(window: MainWindow) -> None:
    """Nothing to undo any more (another database, a restored backup, a new catalog)."""
    window.undo_stack.clear()
    found = window.findChild(UndoNotice, "undoNotice")
    if found is not None:
        found.hide()


def _index_of(stack: QUndoStack, change: Change) -> int:
    return next((i for i in range(stack.count()) if stack.command(i) is change), -1)


# ---- what the window shows after a change


def _show_student(window: MainWindow, student_id: int) -> None:
    page = window.caseload_page
    if page is None:
        return
    window.tabs.setCurrentWidget(page)
    page.show_student(student_id)
    page.students_changed.emit()


def _forget_student(window: MainWindow, student_id: int) -> None:
    page = window.caseload_page
    if page is None:
        return
    page.forget_student(student_id)
    page.students_changed.emit()


def _show_matches(window: MainWindow, student_id: int, program_id: str | None) -> None:
    """The matches of ``student_id``, ``program_id`` selected (and its shortlist entry)."""
    page = window.matches_page
    if window.caseload_page is not None and window.caseload_page.current_id != student_id:
        window.caseload_page.show_student(student_id)
    if window.tabs.currentWidget() is page:
        page.refresh(select=program_id)
    else:
        window.tabs.setCurrentWidget(page)  # re-ranks (window_actions.sync_matches)
        if program_id is not None:
            page.select_program(program_id)
    if program_id is not None:
        page.select_shortlist_entry(program_id)


# ---- the changes


class DeleteStudent(Change):
    def __init__(self, student_id: int, name: str) -> None:
        super().__init__(f"Delete {name}", "The student was not deleted", student_id)
        self.name = name
        self.snapshot: student_service.StudentSnapshot | None = None

    def write_redo(self) -> None:
        assert self.student_id is not None
        self.snapshot = student_service.delete_student(self.db, self.student_id)

    def write_undo(self) -> None:
        assert self.snapshot is not None and self.window is not None
        record = student_service.restore_student(self.db, self.snapshot)
        old, self.student_id = self.snapshot.id, record.id
        if record.id != old:  # the changes made before the deletion: about the new number
            stack = self.window.undo_stack
            renumber(stack, old, record.id, range(max(_index_of(stack, self), 0)))

    def show(self, window: MainWindow, *, undone: bool) -> None:
        assert self.student_id is not None
        if undone:
            _show_student(window, self.student_id)
        else:
            _forget_student(window, self.student_id)


class ArchiveStudent(Change):
    def __init__(self, student_id: int, name: str, *, archive: bool) -> None:
        text = f"Archive {name}" if archive else f"Unarchive {name}"
        title = "The student was not archived" if archive else "The student was not restored"
        super().__init__(text, title, student_id)
        self.archive = archive

    def _set(self, archived: bool) -> None:
        assert self.student_id is not None
        student_service.set_archived(self.db, self.student_id, archived)

    def write_redo(self) -> None:
        self._set(self.archive)

    def write_undo(self) -> None:
        self._set(not self.archive)

    def show(self, window: MainWindow, *, undone: bool) -> None:
        assert self.student_id is not None
        page = window.caseload_page
        hidden = self.archive != undone  # archived now
        if page is not None and hidden and not page.show_archived.isChecked():
            _forget_student(window, self.student_id)  # out of the list, and off the screen
        else:
            _show_student(window, self.student_id)


class DuplicateStudent(Change):
    def __init__(self, student_id: int, name: str) -> None:
        super().__init__(f"Duplicate {name}", "The student was not duplicated", student_id)
        self.copy_id: int | None = None
        self.snapshot: student_service.StudentSnapshot | None = None

    def do(self) -> None:
        assert self.student_id is not None
        self.copy_id = student_service.duplicate_student(self.db, self.student_id).id

    def write_undo(self) -> None:
        assert self.copy_id is not None
        self.snapshot = student_service.delete_student(self.db, self.copy_id)

    def write_redo(self) -> None:
        assert self.snapshot is not None and self.window is not None
        old, self.copy_id = (
            self.snapshot.id,
            student_service.restore_student(self.db, self.snapshot).id,
        )
        if self.copy_id != old:  # the changes made to the copy after: about its new number
            stack = self.window.undo_stack
            renumber(stack, old, self.copy_id, range(_index_of(stack, self) + 1, stack.count()))

    def renumber(self, old: int, new: int) -> None:
        super().renumber(old, new)
        if self.copy_id == old:
            self.copy_id = new

    def show(self, window: MainWindow, *, undone: bool) -> None:
        shown = self.student_id if undone else self.copy_id
        if undone and self.copy_id is not None:
            _forget_student(window, self.copy_id)
        if shown is not None:
            _show_student(window, shown)


class StudentWorkChange(Change):
    """A change to a student's shortlist or to one of their bucket overrides: undone by
    putting back the rows as they were before, redone by putting back those it left."""

    def __init__(
        self,
        text: str,
        refused: str,
        student_id: int,
        program_id: str,
        write: Callable[[Database], object],
        state: Callable[[Database], matching_service.StudentWork],
    ) -> None:
        super().__init__(text, refused, student_id)
        self.program_id = program_id
        self._write = write
        self._state = state
        self.before: matching_service.StudentWork | None = None
        self.after: matching_service.StudentWork | None = None

    def do(self) -> None:
        self.before = self._state(self.db)
        self._write(self.db)
        self.after = self._state(self.db)

    def write_undo(self) -> None:
        assert self.before is not None and self.after is not None
        matching_service.restore_student_work(self.db, self.before, expect=self.after)

    def write_redo(self) -> None:
        assert self.before is not None and self.after is not None
        matching_service.restore_student_work(self.db, self.after, expect=self.before)

    def renumber(self, old: int, new: int) -> None:
        super().renumber(old, new)
        if self.before is not None and self.after is not None:
            self.before = self.before.renumbered(old, new)
            self.after = self.after.renumbered(old, new)

    def show(self, window: MainWindow, *, undone: bool) -> None:
        assert self.student_id is not None
        _show_matches(window, self.student_id, self.program_id)


def _shortlist_change(
    text: str, refused: str, student_id: int, program_id: str, write: Callable[[Database], object]
) -> StudentWorkChange:
    return StudentWorkChange(
        text, refused, student_id, program_id, write,
        lambda db: matching_service.shortlist_state(db, student_id),
    )  # fmt: skip


def add_to_shortlist(
    student_id: int, name: str, program: Program, note: str, *, note_only: bool = False
) -> Change:
    """Add ``program`` to the shortlist with ``note`` (``note_only``: it is on it already,
    and only its note changes)."""
    label = program_label(program)
    return _shortlist_change(
        f"Change the note on {label} for {name}" if note_only
        else f"Add {label} to the shortlist of {name}",
        "The note was not changed" if note_only
        else "The program was not added to the shortlist",
        student_id, program.id,
        lambda db: matching_service.add_to_shortlist(db, student_id, program.id, note),
    )  # fmt: skip


def remove_from_shortlist(student_id: int, name: str, program_id: str, label: str) -> Change:
    return _shortlist_change(
        f"Remove {label} from the shortlist of {name}",
        "The program was not removed",
        student_id, program_id,
        lambda db: matching_service.remove_from_shortlist(db, student_id, program_id),
    )  # fmt: skip


def reorder_shortlist(
    student_id: int, name: str, program_id: str, label: str, order: list[str], *, up: bool
) -> Change:
    return _shortlist_change(
        f"Move {label} {'up' if up else 'down'} in the shortlist of {name}",
        "The shortlist was not reordered",
        student_id, program_id,
        lambda db: matching_service.reorder_shortlist(db, student_id, order),
    )  # fmt: skip


def override_bucket(
    student_id: int, name: str, program: Program, bucket: Bucket | None, reason: str
) -> Change:
    label = program_label(program)
    return StudentWorkChange(
        f"Override the bucket of {label} for {name}" if bucket is not None
        else f"Remove the bucket override of {label} for {name}",
        "The bucket was not changed",
        student_id, program.id,
        lambda db: matching_service.set_override(db, student_id, program.id, bucket, reason),
        lambda db: matching_service.override_state(db, student_id, program.id),
    )  # fmt: skip


class EditProgram(Change):
    """The program editor's Save: fields, expectations and cost figures, in one change."""

    def __init__(self, program: Program, write: Callable[[Database], object]) -> None:
        super().__init__(f"Edit {program_label(program)}", "The program was not changed")
        self.program_id = program.id
        self._write = write
        self.before: catalog_service.ProgramSnapshot | None = None
        self.after: catalog_service.ProgramSnapshot | None = None

    def do(self) -> None:
        self.before = catalog_service.program_snapshot(self.db, self.program_id)
        self._write(self.db)
        self.after = catalog_service.program_snapshot(self.db, self.program_id)

    def write_undo(self) -> None:
        assert self.before is not None and self.after is not None
        catalog_service.restore_program(self.db, self.before, expect=self.after)

    def write_redo(self) -> None:
        assert self.before is not None and self.after is not None
        catalog_service.restore_program(self.db, self.after, expect=self.before)

    def show(self, window: MainWindow, *, undone: bool) -> None:
        from gradmatch.ui import window_actions  # it imports this module

        window.catalog_select = self.program_id
        window_actions.load_catalog_page(window)
        window_actions.sync_matches(window)
        window.tabs.setCurrentWidget(window.catalog_page)


# ---- "Deleted NAME — Undo" in the status bar


class UndoNotice(QWidget):
    """What was just done, with an Undo button, in the status bar: for
    :data:`NOTICE_MS`, or until anything else is done, undone or redone."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("undoNotice")
        self.label = QLabel()
        self.label.setObjectName("undoNoticeText")
        self.button = QPushButton("Undo")
        self.button.setObjectName("undoNoticeButton")
        self.button.setFlat(True)
        self.button.setStyleSheet(
            "QPushButton { color: palette(link); text-decoration: underline; padding: 0 4px; }"
        )
        self.button.setAccessibleName("Undo")
        self.button.setAccessibleDescription("Take back what was just done (Ctrl+Z)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 16, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        self.button.clicked.connect(lambda: step(window, back=True))
        window.undo_stack.indexChanged.connect(self._stack_moved)
        self._index = -1
        self.hide()

    def show_done(self, text: str, index: int) -> None:
        self._index = index
        self.label.setText(f"{text} —")
        self.show()
        self.timer.start(NOTICE_MS)

    def _stack_moved(self, index: int) -> None:
        if index != self._index:
            self.timer.stop()
            self.hide()


def notice(window: MainWindow, text: str) -> None:
    """Say ``text`` in the status bar with an Undo button (the last change recorded)."""
    found = window.findChild(UndoNotice, "undoNotice")
    if found is None:
        found = UndoNotice(window)
        window.statusBar().insertWidget(0, found)
    window.statusBar().clearMessage()
    found.show_done(text, window.undo_stack.index())
