"""Typing is never lost: a crash, a kill or a power cut leaves a draft that the next start
offers back on its profile, with every character; Save, Revert, Discard and deleting the
student remove it."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.services import students as student_service
from gradmatch.services.drafts import Drafts, drafts_root
from gradmatch.ui import dialogs
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow

NAME = "Ἀλέξανδρος 김민준 O'Brien-Løvik"
NOTES = "Met on 2026-11-20.\n\tWants Georgia Tech (online); ask about GRE — «not yet».\n✓ call back"

# A child process: the real window, a new student typed key by key (real key events), then
# it waits until the draft holds all of it, says "typed" and goes on running until killed.
CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from gradmatch.services.drafts import Drafts
    from gradmatch.ui.application import configure_application
    from gradmatch.ui.main_window import MainWindow
    from gradmatch.ui.soak import _Input

    db, name, notes = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    configure_application(app)
    window = MainWindow(db)
    window.show()
    window.open_database()
    page = window.caseload_page
    page.new_student()
    keys = _Input(app)
    form = page.editor.form
    keys.text(form.full_name, name)
    # Tab leaves the notes (to the next field), as in any form: a tab gets into them
    # pasted, as here; every other character is typed.
    for number, part in enumerate(notes.split("\t")):
        if number:
            form.notes.insertPlainText("\t")
        keys.text(form.notes, part)
    draft = Drafts(db).path(None)
    if form.notes.toPlainText() != notes or form.full_name.text() != name:
        print("the keys did not type", repr(form.full_name.text()), repr(form.notes.toPlainText()))
        sys.exit(1)

    def wait():
        found = Drafts(db).load(None)
        if found is not None and found.fields.get("notes") == notes:
            print("typed", flush=True)
        else:
            QTimer.singleShot(20, wait)

    QTimer.singleShot(60_000, lambda: sys.exit("no draft was written within a minute"))

    wait()
    app.exec()
    """
)


@pytest.fixture
def open_window(qtbot: QtBot, qapp: QApplication, messages: list[Any]) -> Iterator[Any]:
    opened: list[MainWindow] = []

    def open_(path: Path, *, student_mode: bool = False) -> MainWindow:
        configure_application(qapp)
        main = MainWindow(path, student_mode=student_mode)
        qtbot.addWidget(main)
        main.show()
        main.open_database()
        opened.append(main)
        return main

    yield open_
    for main in opened:
        editor = main.current_editor()
        if editor is not None and editor.is_dirty():
            editor.revert()
        main.close()


def _kill_while_typing(db_path: Path, name: str, notes: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), name, notes],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "typed", child.stderr.read() if child.stderr else ""
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_a_killed_window_keeps_a_half_typed_new_student(
    qtbot: QtBot, open_window: Any, demo_db: Path
) -> None:
    _kill_while_typing(demo_db, NAME, NOTES)
    draft = Drafts(demo_db).path(None)
    assert draft.exists()
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert stat.S_IMODE(draft.parent.stat().st_mode) == 0o700

    window = open_window(demo_db)
    editor = window.caseload_page.editor
    # The next start shows the blank new-student form with the offer above it.
    assert editor.record is None
    assert editor.draft_bar.isVisible()
    assert "Unsaved changes from" in editor.draft_label.text()
    assert "Restore" in editor.restore_draft_button.text()
    assert not editor.is_dirty()

    qtbot.mouseClick(editor.restore_draft_button, Qt.MouseButton.LeftButton)
    assert editor.form.full_name.text() == NAME
    assert editor.form.notes.toPlainText() == NOTES  # every character, tabs and newlines too
    assert not editor.draft_bar.isVisible()
    # Restored, not saved: nothing reached the database until the user saves.
    assert editor.is_dirty()
    assert NAME not in [s.full_name for s in student_service.list_students(window.db)]
    qtbot.keyClicks(editor.form.email, "alexandros@example.org")
    assert editor.save()
    assert NAME in [s.full_name for s in student_service.list_students(window.db)]
    assert not draft.exists()  # saved: the draft is gone


def test_discard_removes_the_draft(qtbot: QtBot, open_window: Any, demo_db: Path) -> None:
    _kill_while_typing(demo_db, NAME, "half a note")
    draft = Drafts(demo_db).path(None)
    assert draft.exists()
    window = open_window(demo_db)
    editor = window.caseload_page.editor
    assert editor.draft_bar.isVisible()
    qtbot.mouseClick(editor.discard_draft_button, Qt.MouseButton.LeftButton)
    assert not draft.exists()
    assert not editor.draft_bar.isVisible()
    assert editor.form.full_name.text() == ""


def _edit_notes(qtbot: QtBot, window: MainWindow, student: str, text: str) -> Path:
    page = window.caseload_page
    assert page is not None
    summary = next(s for s in student_service.list_students(window.db) if s.full_name == student)  # type: ignore[arg-type]
    assert page.select_student(summary.id)
    page.editor.form.notes.setFocus()
    qtbot.keyClick(page.editor.form.notes, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.editor.form.notes, text)
    drafts = Drafts(window.db_path)

    def written() -> bool:
        found = drafts.load(summary.id)
        return found is not None and str(found.fields.get("notes", "")).endswith(text)

    qtbot.waitUntil(written)
    return drafts.path(summary.id)


def _crash(window: MainWindow) -> None:
    """What a kill leaves: the lock and the connection gone, the window never asked."""
    assert window.db is not None and window.lock is not None
    window.db.close()
    window.db = None
    window.lock.release()
    window.lock = None
    editor = window.current_editor()
    assert editor is not None
    editor.set_drafts(None)  # the dead process writes nothing more
    editor.form.load(editor.record.profile if editor.record else None)


def test_an_existing_students_draft_is_offered_on_that_student(
    qtbot: QtBot, open_window: Any, demo_db: Path
) -> None:
    first = open_window(demo_db)
    draft = _edit_notes(qtbot, first, "Amara Okonkwo", " - asked about TOEFL")
    _crash(first)

    window = open_window(demo_db)
    page = window.caseload_page
    # The start selects the student whose typing was kept, and offers it.
    assert page.selected_summary().full_name == "Amara Okonkwo"
    assert page.editor.draft_bar.isVisible()
    assert "kept" in window.statusBar().currentMessage()
    page.editor.restore_draft()
    assert page.editor.form.notes.toPlainText().endswith(" - asked about TOEFL")
    qtbot.mouseClick(page.editor.revert_button, Qt.MouseButton.LeftButton)
    assert not draft.exists()  # Revert: the typing and its draft are gone


def test_saving_removes_the_draft_and_an_unchanged_form_keeps_none(
    qtbot: QtBot, open_window: Any, demo_db: Path
) -> None:
    window = open_window(demo_db)
    draft = _edit_notes(qtbot, window, "Amara Okonkwo", "x")
    editor = window.caseload_page.editor
    qtbot.keyClick(editor.form.notes, Qt.Key.Key_Backspace)  # typed back to what was saved
    qtbot.waitUntil(lambda: not draft.exists())
    draft = _edit_notes(qtbot, window, "Amara Okonkwo", "y")
    qtbot.keyClick(editor.form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.is_dirty()
    assert not draft.exists()


def test_choosing_discard_when_closing_removes_the_draft(
    qtbot: QtBot, open_window: Any, demo_db: Path, messages: list[Any]
) -> None:
    window = open_window(demo_db)
    draft = _edit_notes(qtbot, window, "Amara Okonkwo", "not wanted")
    window.close()  # the conftest answers "discard"
    assert ("unsaved", "Unsaved changes", "Amara Okonkwo") in messages
    assert not draft.exists()


def test_closing_with_cancel_keeps_the_draft(
    qtbot: QtBot, open_window: Any, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(demo_db)
    draft = _edit_notes(qtbot, window, "Amara Okonkwo", "keep typing")
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda *_: "cancel")
    window.close()
    assert window.isVisible()
    assert draft.exists()


def test_deleting_the_student_removes_their_draft(
    qtbot: QtBot, open_window: Any, demo_db: Path
) -> None:
    window = open_window(demo_db)
    draft = _edit_notes(qtbot, window, "Amara Okonkwo", "about to go")
    window.caseload_page.editor.revert()
    Drafts(demo_db).save(window.caseload_page.current_id, {"notes": "left over"})
    assert draft.exists()
    student_service.delete_student(window.db, window.caseload_page.current_id)
    assert not draft.exists()


def test_drafts_are_private_whatever_the_umask(demo_db: Path) -> None:
    old = os.umask(0)
    try:
        drafts = Drafts(demo_db)
        drafts.save(7, {"notes": "private"})
    finally:
        os.umask(old)
    path = drafts.path(7)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(drafts_root().stat().st_mode) == 0o700


def test_a_broken_draft_is_set_aside_never_shown_half(
    qtbot: QtBot, open_window: Any, demo_db: Path
) -> None:
    drafts = Drafts(demo_db)
    drafts.save(None, {"full_name": "Half"})
    path = drafts.path(None)
    path.write_bytes(path.read_bytes()[:25])  # cut short, as a full disk could leave it
    window = open_window(demo_db)
    editor = window.caseload_page.editor
    assert not editor.draft_bar.isVisible()
    assert not path.exists()
    assert [p.name for p in path.parent.iterdir() if ".unreadable-" in p.name]


def test_drafts_of_two_databases_never_mix(tmp_path: Path, demo_db: Path) -> None:
    other = tmp_path / "other" / "gradmatch.sqlite3"
    Drafts(demo_db).save(None, {"full_name": "Only here"})
    assert Drafts(other).load(None) is None
    assert Drafts(demo_db).pending() == [None]
