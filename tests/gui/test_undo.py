"""Edit ▸ Undo and Redo, as a counselor uses them: a deleted student comes back with
everything recorded about them; archive, duplicate, shortlist, bucket and program edits are
undone and redone with the window showing the result; the menu names what it takes back;
Ctrl+Z in a text field stays the field's; a refused undo is a message and stays undoable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from gradmatch import locations
from gradmatch.domain.matching import Bucket
from gradmatch.domain.meeting_log import LogKind, read_entry
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import catalog as catalog_service
from gradmatch.services import matching as matching_service
from gradmatch.services import meeting_log as log_service
from gradmatch.services import students as student_service
from gradmatch.services.errors import NotFoundError
from gradmatch.ui import dialogs, program_editor
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow
from tests.gui.windows import activate, open_window
from tests.sqlite_trouble import READ_ONLY, restrict

ZOE = "Zoë Ñúñez-Ørsted"
CMU = "carnegie-mellon-campus"
UNT = "north-texas-campus"
DUKE = "duke-campus"


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> Iterator[MainWindow]:
    main = open_window(qtbot, qapp, demo_db)
    yield main
    page = main.caseload_page
    if page is not None and page.editor.is_dirty():
        page.editor.revert()
    main.close()


@pytest.fixture
def confirmed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *_: True)


def _dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return sorted(connection.iterdump())


def _select(window: MainWindow, key: str) -> int:
    assert window.db is not None and window.caseload_page is not None
    student_id = student_service.find_student(window.db, key).id
    assert window.caseload_page.select_student(student_id)
    return student_id


def _names(window: MainWindow) -> list[str]:
    assert window.caseload_page is not None
    return window.caseload_page.visible_names()


def _menu_text(action: Any) -> str:
    """An action's text as the menu shows it (mnemonic marks gone)."""
    return str(action.text()).replace("&&", "\0").replace("&", "").replace("\0", "&")


def _shortlist(window: MainWindow) -> list[str]:
    """The shortlist as the matches page lists it."""
    box = window.matches_page.shortlist
    return [box.item(i).text() for i in range(box.count())]


def _shortlist_ids(window: MainWindow) -> list[str]:
    box = window.matches_page.shortlist
    return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())]


def _undo(window: MainWindow) -> None:
    window.undo_action.trigger()


def _redo(window: MainWindow) -> None:
    window.redo_action.trigger()


def _click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _zoe_with_everything(window: MainWindow) -> int:
    """Zoë with all a counselor records: a shortlist in their order with notes, a bucket
    override with its reason, two meeting-log entries."""
    db = window.db
    assert db is not None
    zoe = student_service.find_student(db, "DEMO-001").id
    matching_service.add_to_shortlist(db, zoe, UNT, "Safe choice, in-state")
    matching_service.add_to_shortlist(db, zoe, CMU, "Reach — ask about funding")
    matching_service.reorder_shortlist(db, zoe, [CMU, UNT])
    matching_service.set_override(db, zoe, CMU, Bucket.STRETCH, "Knows the dean")
    for on, text in ((date(2025, 9, 1), "First meeting"), (date(2025, 10, 2), "Sent letters")):
        log_service.add_log_entry(db, zoe, read_entry(on, LogKind.MEETING, text))
    return zoe


# ---- delete


def test_undo_brings_back_a_deleted_student_with_everything_and_redo_deletes_again(
    qtbot: QtBot, window: MainWindow, confirmed: None, messages: list[Any]
) -> None:
    assert window.db is not None and window.caseload_page is not None
    page = window.caseload_page
    zoe = _zoe_with_everything(window)
    before = _dump(window.db.path)
    _select(window, "DEMO-001")
    assert not window.undo_action.isEnabled()

    window.delete_action.trigger()
    assert ZOE not in _names(window)
    # The student who took her row is shown: the keyboard keeps its place in the list.
    shown = page.selected_summary()
    assert shown is not None and page.editor.record is not None
    assert page.editor.record.id == shown.id and shown.full_name != ZOE
    assert _menu_text(window.undo_action) == f"Undo Delete {ZOE}"
    notice = window.statusBar().findChild(QPushButton, "undoNoticeButton")
    assert notice is not None and notice.isVisible()
    label = window.statusBar().findChild(QLabel, "undoNoticeText")
    assert label is not None and label.isVisible() and label.text() == f"Deleted {ZOE} —"
    assert "5 students" in window.status_label.text()

    _click(qtbot, notice)  # the status bar's Undo
    assert _dump(window.db.path) == before  # every row as it was, her number too
    assert not notice.isVisible()
    assert page.current_id == zoe and page.editor.form.full_name.text() == ZOE
    assert "6 students" in window.status_label.text()
    assert page.details.tabText(page.details.indexOf(page.log_panel)) == "Meeting log (2)"
    window.tabs.setCurrentWidget(window.matches_page)
    assert _shortlist(window) == [
        "Carnegie Mellon University (campus) — Master of Science in Machine Learning · "
        "Reach — ask about funding",
        "University of North Texas (campus) — Master of Science in Artificial Intelligence "
        "(Machine Learning Concentration) · "
        "Safe choice, in-state",
    ]
    assert window.matches_page.select_program(CMU)
    assert "Knows the dean" in window.matches_page.detail.toPlainText()
    assert _menu_text(window.redo_action) == f"Redo Delete {ZOE}"

    _redo(window)
    assert ZOE not in _names(window)
    with pytest.raises(NotFoundError):
        student_service.get_student(window.db, zoe)
    _undo(window)
    assert _dump(window.db.path) == before
    assert [m for m in messages if m[0] == "error"] == []


def test_the_delete_confirmation_says_it_can_be_undone(
    window: MainWindow, messages: list[Any]
) -> None:
    _select(window, "DEMO-001")
    window.delete_action.trigger()  # the test's confirm answers Cancel
    assert ZOE in _names(window)
    kind, title, text = messages[-1]
    assert (kind, title) == ("confirm", "Delete student")
    assert "Undo" in text and "cannot be undone" not in text
    assert not window.undo_action.isEnabled()


def test_a_student_whose_number_was_taken_comes_back_and_earlier_changes_follow(
    window: MainWindow, confirmed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newest student deleted, a new one saved (SQLite gives it the same number): undo
    brings the student back under a new number, and undoing an earlier shortlist change
    still works on the right student."""
    db = window.db
    assert db is not None
    newest = max(student_service.list_students(db), key=lambda s: s.id)
    _select(window, newest.email)
    window.tabs.setCurrentWidget(window.matches_page)
    assert window.matches_page.select_program(UNT)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "In-state")
    window.matches_page.add_selected_to_shortlist()
    window.tabs.setCurrentWidget(window.caseload_page)
    window.delete_action.trigger()
    profile = StudentProfile.model_validate({"full_name": "Ana Ruiz", "email": "ana@example.org"})
    ana = student_service.save_student(db, profile).id
    assert ana == newest.id

    _undo(window)
    back = student_service.find_student(db, newest.email)
    assert back.id != ana and window.caseload_page.current_id == back.id  # type: ignore[union-attr]
    assert [e.program_id for e in matching_service.get_shortlist(db, back.id)] == [UNT]
    _undo(window)  # the shortlist addition, on her new number
    assert matching_service.get_shortlist(db, back.id) == []
    assert window.matches_page.heading.text() == f"Matches for {newest.full_name}"
    assert student_service.get_student(db, ana).profile.full_name == "Ana Ruiz"


# ---- archive, duplicate


def test_archive_and_unarchive_are_undone_and_redone(window: MainWindow) -> None:
    page = window.caseload_page
    assert page is not None and window.db is not None
    zoe = _select(window, "DEMO-001")
    window.archive_action.trigger()
    assert ZOE not in _names(window) and "1 archived (hidden)" in page.count_label.text()
    assert _menu_text(window.undo_action) == f"Undo Archive {ZOE}"

    _undo(window)
    assert ZOE in _names(window) and page.current_id == zoe
    assert not student_service.get_student(window.db, zoe).archived
    _redo(window)
    assert ZOE not in _names(window) and student_service.get_student(window.db, zoe).archived

    page.show_archived.setChecked(True)
    _select(window, "DEMO-001")
    window.archive_action.trigger()  # take her out of the archive
    assert _menu_text(window.undo_action) == f"Undo Unarchive {ZOE}"
    assert not student_service.get_student(window.db, zoe).archived
    page.show_archived.setChecked(False)
    _undo(window)  # archived again: out of the list, off the screen
    assert ZOE not in _names(window)
    # The student who took her row is shown: the keyboard keeps its place in the list.
    shown = page.selected_summary()
    assert shown is not None and page.editor.record is not None
    assert page.editor.record.id == shown.id and shown.full_name != ZOE
    _redo(window)  # back: the list shows her, selected
    assert page.current_id == zoe and ZOE in _names(window)


def test_an_ampersand_in_a_name_is_shown_not_taken_for_a_shortcut_letter(
    window: MainWindow,
) -> None:
    assert window.db is not None and window.caseload_page is not None
    profile = StudentProfile.model_validate({"full_name": "Ana & Bo Ruiz", "email": "a@b.org"})
    window.caseload_page.reload(select=student_service.save_student(window.db, profile).id)
    window.archive_action.trigger()
    assert window.undo_action.text() == "&Undo Archive Ana && Bo Ruiz"
    assert _menu_text(window.undo_action) == "Undo Archive Ana & Bo Ruiz"


def test_duplicate_is_undone_and_redone(window: MainWindow) -> None:
    page = window.caseload_page
    assert page is not None
    original = _select(window, "DEMO-004")
    window.duplicate_action.trigger()
    copy = page.current_id
    assert "Дмитрий Волков (copy)" in _names(window) and copy != original
    assert _menu_text(window.undo_action) == "Undo Duplicate Дмитрий Волков"

    _undo(window)
    assert "Дмитрий Волков (copy)" not in _names(window)
    assert page.current_id == original and page.model.rowCount() == 6
    _redo(window)
    assert page.current_id == copy and "Дмитрий Волков (copy)" in _names(window)


# ---- the shortlist and the buckets


def _matches_of_zoe(window: MainWindow) -> int:
    zoe = _select(window, "DEMO-001")
    window.tabs.setCurrentWidget(window.matches_page)
    return zoe


def test_shortlist_add_remove_move_and_note_are_undone_and_redone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.matches_page
    _matches_of_zoe(window)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Safe")
    assert page.select_program(UNT)
    _click(qtbot, page.shortlist_button)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Reach")
    assert page.select_program(CMU)
    _click(qtbot, page.shortlist_button)
    assert _shortlist_ids(window) == [UNT, CMU]
    assert _menu_text(window.undo_action) == (
        f"Undo Add Carnegie Mellon University (campus) to the shortlist of {ZOE}"
    )

    _undo(window)  # the addition
    assert _shortlist_ids(window) == [UNT]
    _redo(window)
    assert _shortlist_ids(window) == [UNT, CMU]
    assert page.selected_matches()[0].program.id == CMU

    page.shortlist.setCurrentRow(1)
    _click(qtbot, page.up_button)  # Carnegie Mellon first
    assert _shortlist_ids(window) == [CMU, UNT]
    assert _menu_text(window.undo_action) == (
        f"Undo Move Carnegie Mellon University (campus) up in the shortlist of {ZOE}"
    )
    _undo(window)
    assert _shortlist_ids(window) == [UNT, CMU]
    assert page.shortlist.currentRow() == 1  # the moved entry, where it is again
    _redo(window)
    assert _shortlist_ids(window) == [CMU, UNT]

    page.shortlist.setCurrentRow(0)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Reach — ask about funding")
    _click(qtbot, page.note_button)
    assert _shortlist(window)[0].endswith("· Reach — ask about funding")
    assert _menu_text(window.undo_action).startswith("Undo Change the note on Carnegie")
    _undo(window)
    assert _shortlist(window)[0].endswith("· Reach")
    _redo(window)
    assert _shortlist(window)[0].endswith("· Reach — ask about funding")

    page.shortlist.setCurrentRow(0)
    _click(qtbot, page.remove_button)
    assert _shortlist_ids(window) == [UNT]
    _undo(window)  # back in its place, with its note
    assert _shortlist_ids(window) == [CMU, UNT]
    assert _shortlist(window)[0].endswith("· Reach — ask about funding")
    _redo(window)
    assert _shortlist_ids(window) == [UNT]


def test_an_override_is_undone_and_redone_with_its_reason(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.matches_page
    _matches_of_zoe(window)
    assert page.select_program(CMU)
    computed = page.selected_matches()[0].bucket
    monkeypatch.setattr(dialogs, "ask_override", lambda *_: (Bucket.READY.value, "Knows the dean"))
    _click(qtbot, page.override_button)
    assert page.selected_matches()[0].override is not None
    assert _menu_text(window.undo_action).startswith("Undo Override the bucket of Carnegie")

    monkeypatch.setattr(dialogs, "ask_override", lambda *_: (None, ""))
    _click(qtbot, page.override_button)  # back to the computed bucket
    assert page.selected_matches()[0].override is None
    _undo(window)  # the removal: the override and its reason are back
    match = page.selected_matches()[0]
    assert match.override is not None and match.override.reason == "Knows the dean"
    assert "Knows the dean" in page.detail.toPlainText()
    _undo(window)  # the override itself
    assert page.selected_matches()[0].override is None
    assert page.selected_matches()[0].bucket is computed
    _redo(window)
    assert page.selected_matches()[0].override is not None


def test_undo_shows_the_student_and_page_it_is_about(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.matches_page
    _matches_of_zoe(window)
    assert page.select_program(UNT)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "")
    page.add_selected_to_shortlist()
    _select(window, "DEMO-003")  # another student, on another page
    window.tabs.setCurrentWidget(window.catalog_page)

    _undo(window)
    assert window.tabs.currentWidget() is window.matches_page
    assert page.heading.text() == f"Matches for {ZOE}"
    assert _shortlist_ids(window) == []
    assert page.selected_matches()[0].program.id == UNT


def test_a_student_undoes_their_own_shortlist_change(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure_application(qapp)
    main = MainWindow(demo_db, student_mode=True)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    page = main.matches_page
    main.tabs.setCurrentWidget(page)
    assert page.select_program(UNT)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "My safe choice")
    page.add_selected_to_shortlist()
    assert _shortlist_ids(main) == [UNT]
    main.tabs.setCurrentWidget(main.my_profile)
    _undo(main)
    assert main.tabs.currentWidget() is page and _shortlist_ids(main) == []
    _redo(main)
    assert _shortlist(main)[0].endswith("· My safe choice")
    main.close()


# ---- program edits


def test_a_program_edit_is_undone_and_redone(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = window.db
    assert db is not None
    monkeypatch.setattr(
        program_editor,
        "edit_program_dialog",
        lambda *_: {"verified": True, "notes": "Checked with the admissions office"},
    )
    window.tabs.setCurrentWidget(window.catalog_page)
    page = window.catalog_page
    assert page.select_program(DUKE)
    window.edit_action.trigger()
    assert "Checked with the admissions office" in page.detail.toPlainText()
    assert _menu_text(window.undo_action) == "Undo Edit Duke University (campus)"

    window.tabs.setCurrentWidget(window.caseload_page)
    _undo(window)
    assert window.tabs.currentWidget() is page and page.selected_program_id() == DUKE
    text = page.detail.toPlainText()
    assert "Checked with the admissions office" not in text and "Counselor edits" not in text
    duke = next(p for p in catalog_service.list_programs(db) if p.id == DUKE)
    assert not duke.verified and catalog_service.program_edits(db, DUKE) == []
    _redo(window)
    assert "Checked with the admissions office" in page.detail.toPlainText()
    assert next(p for p in catalog_service.list_programs(db) if p.id == DUKE).verified


# ---- keys


def test_ctrl_z_in_a_text_field_undoes_the_typing_not_the_last_change(
    qtbot: QtBot, qapp: QApplication, window: MainWindow
) -> None:
    page = window.caseload_page
    assert page is not None and window.db is not None
    zoe = _select(window, "DEMO-001")
    window.archive_action.trigger()
    activate(qtbot, qapp, window)

    page.search.setFocus()
    qtbot.keyClicks(page.search, "Amara")
    qtbot.keyClick(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.search.text() == ""  # the field's own undo
    assert student_service.get_student(window.db, zoe).archived  # the archive stands

    _select(window, "DEMO-003")
    notes = page.editor.form.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Call back")
    qtbot.keyClick(notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Call back" not in notes.toPlainText()
    assert student_service.get_student(window.db, zoe).archived
    assert window.undo_stack.index() == 1

    page.table.setFocus()  # outside a text field, Ctrl+Z is Edit ▸ Undo
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not student_service.get_student(window.db, zoe).archived
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert student_service.get_student(window.db, zoe).archived
    qtbot.keyClick(
        window.focusWidget(),
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert student_service.get_student(window.db, zoe).archived  # nothing more to redo
    assert window.undo_stack.index() == 1


# ---- refusals and a stack that no longer applies


def test_a_refused_undo_is_a_message_and_stays_undoable(
    window: MainWindow, confirmed: None, messages: list[Any]
) -> None:
    assert window.db is not None
    zoe = _zoe_with_everything(window)
    _select(window, "DEMO-001")
    window.delete_action.trigger()
    after_delete = _dump(window.db.path)

    restrict(window.db, READ_ONLY)
    try:
        _undo(window)
    finally:
        restrict(window.db, "PRAGMA query_only = OFF")
    kind, title, text = messages[-1]
    assert (kind, title) == ("error", f"“Delete {ZOE}” was not undone")
    assert "read-only" in text and "Traceback" not in text
    assert _dump(window.db.path) == after_delete
    assert window.undo_stack.index() == 1 and not window.redo_action.isEnabled()
    assert _menu_text(window.undo_action) == f"Undo Delete {ZOE}"

    _undo(window)  # the disk is fine again: it works
    assert student_service.get_student(window.db, zoe).profile.full_name == ZOE
    assert window.undo_stack.index() == 0


def test_a_refused_change_is_not_kept_for_undo(
    window: MainWindow, confirmed: None, messages: list[Any]
) -> None:
    assert window.db is not None
    _select(window, "DEMO-001")
    restrict(window.db, READ_ONLY)
    try:
        window.delete_action.trigger()
    finally:
        restrict(window.db, "PRAGMA query_only = OFF")
    assert messages[-1][:2] == ("error", "The student was not deleted")
    assert window.undo_stack.count() == 0 and not window.undo_action.isEnabled()


def test_the_undo_history_ends_when_the_catalog_or_database_is_replaced(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, confirmed: None
) -> None:
    _select(window, "DEMO-001")
    window.archive_action.trigger()
    assert window.undo_action.isEnabled()
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_: locations.shipped_catalog())
    window.import_action.trigger()
    assert window.undo_stack.count() == 0 and not window.undo_action.isEnabled()

    _select(window, "DEMO-003")
    window.archive_action.trigger()
    assert window.undo_action.isEnabled()
    assert window.db is not None
    reopened = window.db
    window.db = None
    from gradmatch.ui import window_actions

    window_actions.use_database(window, reopened)  # as after a restore, or another file
    assert window.undo_stack.count() == 0 and not window.undo_action.isEnabled()


def test_edit_menu_holds_undo_and_redo_with_the_platform_keys(window: MainWindow) -> None:
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert edit.actions()[:2] == [window.undo_action, window.redo_action]
    undo_keys = [k.toString() for k in window.undo_action.shortcuts()]
    redo_keys = [k.toString() for k in window.redo_action.shortcuts()]
    assert "Ctrl+Z" in undo_keys
    assert "Ctrl+Shift+Z" in redo_keys and "Ctrl+Y" in redo_keys
    assert window.undo_stack.undoLimit() == 100
