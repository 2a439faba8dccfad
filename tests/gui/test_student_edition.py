"""The student edition, as a student finds it: their own profile without the counselor's
fields, no counselor's tool anywhere (menus, buttons, tabs, keys), matches that say "you",
a walk-through on the first start, and a profile file to send with what to do with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from gradmatch.domain.fields import BY_PATH
from gradmatch.domain.fields import COUNSELOR_ONLY as COUNSELOR_FIELDS
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.ui import dialogs, program_editor, restore_dialog, roster_dialog, settings_dialog
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import COUNSELOR_ONLY, MainWindow
from tests.conftest import _copy_database
from tests.gui.windows import activate


def _open(qtbot: QtBot, qapp: QApplication, path: Path, *, student: bool) -> MainWindow:
    configure_application(qapp)
    window = MainWindow(path, student_mode=student)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


@pytest.fixture
def student(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> Iterator[MainWindow]:
    window = _open(qtbot, qapp, demo_db, student=True)
    yield window
    if window.my_profile is not None and window.my_profile.is_dirty():
        window.my_profile.revert()
    window.close()


@pytest.fixture
def counselor(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> Iterator[MainWindow]:
    """The counselor's window on a copy of the same students (a database is open in one
    window at a time)."""
    folder = demo_db.parent.parent / "counselor"
    folder.mkdir(mode=0o700)
    copy = _copy_database(demo_db, folder / "gradmatch.sqlite3")
    copy.chmod(0o600)
    window = _open(qtbot, qapp, copy, student=False)
    yield window
    window.close()


def _menu_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        yield action
        if action.menu() is not None:
            yield from _menu_actions(action.menu())  # type: ignore[arg-type]


def _controls(window: MainWindow) -> dict[str, str]:
    """Every control a user can reach, by object name (or its words): each menu's actions,
    every action of the window, every widget and every tab, on every page."""
    for index in range(window.tabs.count()):  # every page built and shown once
        window.tabs.setCurrentIndex(index)
    found: dict[str, str] = {}
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        assert isinstance(menu, QMenu)
        assert menu.actions(), f"an empty menu: {bar_action.text()}"
        for action in _menu_actions(menu):
            found[action.objectName() or action.text()] = f"menu {action.text()}"
    for action in window.findChildren(QAction):
        found[action.objectName() or action.text()] = f"action {action.text()}"
    for widget in window.findChildren(QWidget):
        if widget.objectName():
            found[widget.objectName()] = f"{type(widget).__name__}"
        if isinstance(widget, QLabel):
            found[widget.text()] = "label"
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            found[tabs.tabText(index)] = "tab"
    return found


COUNSELOR_WORDS = {"Caseload", "Meeting log", *(f"{BY_PATH[p].label}:" for p in COUNSELOR_FIELDS)}


def test_the_student_edition_builds_no_counselor_tool(
    student: MainWindow, counselor: MainWindow
) -> None:
    forbidden = COUNSELOR_ONLY | set(COUNSELOR_FIELDS) | COUNSELOR_WORDS
    theirs = _controls(counselor)
    # The list is true of the counselor's edition: each tool it names is there...
    assert forbidden - theirs.keys() == set()
    # ... and none in the student's: no menu item, action, button, field, label or tab.
    mine = _controls(student)
    assert {name: mine[name] for name in forbidden & mine.keys()} == {}
    assert [a.text() for a in student.menuBar().actions()] == [
        "&File", "&Edit", "&Catalog", "&View", "&Help",
    ]  # fmt: skip
    assert student.findChild(QWidget, "notes") is None  # not built, not merely hidden


def test_the_counselors_keys_do_nothing_in_the_student_edition(
    qtbot: QtBot,
    qapp: QApplication,
    student: MainWindow,
    counselor: MainWindow,
    messages: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    for module, name in (
        (dialogs, "choose_open_file"), (dialogs, "choose_save_file"), (dialogs, "choose_folder"),
        (dialogs, "ask_text"), (dialogs, "ask_override"), (program_editor, "edit_program_dialog"),
        (settings_dialog, "edit_weights"), (settings_dialog, "edit_cost_defaults"),
        (restore_dialog, "choose_backup"), (roster_dialog, "ask_roster_import"),
    ):  # fmt: skip
        monkeypatch.setattr(module, name, lambda *_a, _n=name, **_k: asked.append(_n))
    keys = [
        action.shortcut()
        for action in counselor.findChildren(QAction)
        if action.objectName() in COUNSELOR_ONLY and not action.shortcut().isEmpty()
    ]
    assert len(keys) >= 8  # Ctrl+I, Ctrl+E, Ctrl+N, Delete...

    def press(window: MainWindow, key: QKeySequence) -> None:
        combination = key[0]
        target = window.catalog_page.table  # a list: no key types into it
        target.setFocus()
        qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())

    counselor.tabs.setCurrentWidget(counselor.catalog_page)
    activate(qtbot, qapp, counselor)
    press(counselor, QKeySequence("Ctrl+I"))
    assert asked == ["choose_open_file"]  # the keys reach the window: the test can fail
    asked.clear()
    student.tabs.setCurrentWidget(student.catalog_page)
    student.catalog_page.table.selectRow(0)
    activate(qtbot, qapp, student)
    before = [s.full_name for s in student_service.list_students(student.db)]  # type: ignore[arg-type]
    for key in keys:
        press(student, key)
    assert asked == [] and messages == []
    assert [s.full_name for s in student_service.list_students(student.db)] == before  # type: ignore[arg-type]


def test_the_students_form_has_no_counselor_notes_and_keeps_them(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    db = open_database(demo_db)
    first = student_service.list_students(db)[0]
    record = student_service.get_student(db, first.id)
    noted = record.profile.model_copy(update={"notes": "Counselor only: strong in proofs"})
    student_service.save_student(db, noted, first.id)
    db.close()
    window = _open(qtbot, qapp, demo_db, student=True)
    editor = window.my_profile
    assert editor is not None and editor.record is not None and editor.record.id == first.id
    labels = [label.text() for label in editor.findChildren(QLabel)]
    assert not any("Counselor notes" in text or "notes" in text.lower() for text in labels)
    editor.form.major.setText("Applied mathematics")
    assert editor.save()
    assert window.db is not None
    saved = student_service.get_student(window.db, first.id).profile
    assert saved.major == "Applied mathematics"
    assert saved.notes == "Counselor only: strong in proofs"  # kept, never shown
    window.close()


def test_a_new_students_heading_is_their_profile(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    window = _open(qtbot, qapp, tmp_path / "mine.sqlite3", student=True)
    assert window.my_profile is not None
    assert window.my_profile.heading.text() == "Your profile"
    window.close()


def test_the_students_matches_say_you(student: MainWindow, counselor: MainWindow) -> None:
    assert student.my_profile is not None and student.my_profile.record is not None
    name = student.my_profile.record.profile.full_name
    assert counselor.caseload_page is not None
    assert counselor.caseload_page.select_student(student.my_profile.record.id)
    texts = {}
    for window in (student, counselor):
        window.tabs.setCurrentWidget(window.matches_page)
        window.matches_page.table.selectRow(0)
        texts[window] = window.matches_page.detail.toPlainText()
    assert student.matches_page.heading.text() == "Your matches"
    assert counselor.matches_page.heading.text() == f"Matches for {name}"
    assert "Cost to you about" in texts[student] and "the student" not in texts[student]
    assert "Cost to the student about" in texts[counselor]


def test_the_students_pdf_from_the_window_says_you(
    student: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    monkeypatch.setattr(dialogs, "choose_save_file", lambda _p, _c, name, _f: tmp_path / name)
    student.export_pdf_action.trigger()
    written = list(tmp_path.glob("*.pdf"))
    assert len(written) == 1
    text = " ".join(page.extract_text() for page in PdfReader(written[0]).pages)
    assert "Your graduate program shortlist" in text and "the student" not in text


# ---- the walk-through


def _card(window: MainWindow) -> QWidget | None:
    shown = [c for c in window.findChildren(QWidget, "walkthrough") if c.isVisible()]
    assert len(shown) <= 1
    return shown[0] if shown else None


def _click(qtbot: QtBot, window: MainWindow, name: str) -> None:
    from PySide6.QtCore import Qt

    button = window.findChild(QWidget, name)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_walk_through_appears_on_the_first_start_only(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = _open(qtbot, qapp, demo_db, student=True)
    card = _card(window)
    assert card is not None and window.walkthrough is not None
    assert window.tabs.currentWidget() is window.my_profile
    assert window.findChild(QLabel, "walkthroughTitle").text() == "Your profile"  # type: ignore[union-attr]
    assert window.my_profile is not None
    assert window.focusWidget() is window.my_profile.form.full_name
    _click(qtbot, window, "walkthroughNext")
    assert window.tabs.currentWidget() is window.matches_page
    assert window.findChild(QLabel, "walkthroughTitle").text() == "Your matches"  # type: ignore[union-attr]
    _click(qtbot, window, "walkthroughBack")
    assert window.tabs.currentWidget() is window.my_profile
    _click(qtbot, window, "walkthroughSkip")
    qtbot.waitUntil(lambda: _card(window) is None)
    window.close()
    again = _open(qtbot, qapp, demo_db, student=True)
    assert _card(again) is None  # remembered: not on the next start
    again.close()


def test_the_walk_through_goes_through_four_steps_to_sending(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = _open(qtbot, qapp, demo_db, student=True)
    titles = []
    for _ in range(4):
        titles.append(window.findChild(QLabel, "walkthroughTitle").text())  # type: ignore[union-attr]
        _click(qtbot, window, "walkthroughNext")  # the last one is "Done"
    assert titles == ["Your profile", "Your matches", "Your shortlist", "Send your profile"]
    qtbot.waitUntil(lambda: _card(window) is None)
    window.close()


def test_escape_ends_the_walk_through_and_help_brings_it_back(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    from PySide6.QtCore import Qt

    window = _open(qtbot, qapp, demo_db, student=True)
    activate(qtbot, qapp, window)
    assert window.my_profile is not None
    # It never stands in the way: the form takes typing while the card is up.
    qtbot.keyClicks(window.my_profile.form.full_name, " Jr.")
    assert window.my_profile.form.full_name.text().endswith(" Jr.")
    window.my_profile.revert()
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _card(window) is None)
    help_menu = window.menuBar().actions()[-1].menu()
    assert isinstance(help_menu, QMenu)
    show = next(a for a in help_menu.actions() if a.text() == "Show the &walk-through")
    window.tabs.setCurrentWidget(window.catalog_page)
    show.trigger()
    assert _card(window) is not None
    assert window.tabs.currentWidget() is window.my_profile  # from the first step
    window.close()


def test_the_counselor_edition_has_no_walk_through(counselor: MainWindow) -> None:
    assert _card(counselor) is None
    assert not any("walk-through" in a.text() for a in counselor.findChildren(QAction))


# ---- Send to my counselor


def test_send_to_my_counselor_writes_the_profile_and_says_what_to_do_with_it(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _open(qtbot, qapp, tmp_path / "mine.sqlite3", student=True)
    editor = window.my_profile
    assert editor is not None
    editor.form.full_name.setText("Nguyễn Thị Minh")
    editor.form.email.setText("minh@example.org")
    editor.form.major.setText("Physics")
    editor.form.gpa_value.setText("3.6")
    assert editor.save()
    out = tmp_path / "outbox"
    out.mkdir()
    suggested: list[str] = []
    told: list[str] = []
    opened: list[QUrl] = []

    def choose(_parent: Any, _caption: str, name: str, _filter: str) -> Path:
        suggested.append(name)
        return out / name

    def tell(_parent: Any, _title: str, message: str) -> bool:
        told.append(message)
        return True  # "Show in folder"

    monkeypatch.setattr(dialogs, "choose_save_file", choose)
    monkeypatch.setattr(dialogs, "show_file_to_send", tell)
    monkeypatch.setattr(dialogs, "open_url", lambda url: opened.append(url) or True)
    window.export_profile_action.trigger()
    assert suggested == ["Nguyễn Thị Minh profile.gradmatch.json"]  # no internal number
    written = out / suggested[0]
    assert written.exists()
    assert len(told) == 1
    assert f"Email this file to your counselor as an attachment: {written.name}" in told[0]
    assert "your profile only, not your matches" in told[0]
    # The folder, as a local file: nothing goes to the network.
    assert len(opened) == 1 and opened[0].isLocalFile()
    assert Path(opened[0].toLocalFile()) == out.resolve()
    # What the counselor imports is the profile as the student saved it.
    assert window.db is not None and editor.record is not None
    mine = student_service.get_student(window.db, editor.record.id).profile
    window.close()
    counselors = open_database(tmp_path / "counselor.sqlite3")
    result = student_service.import_profile_file(counselors, written)
    theirs: StudentProfile = student_service.get_student(counselors, result.ids[0]).profile
    counselors.close()
    assert theirs == mine


def test_the_walk_through_says_nothing_about_fields_the_student_has_not_touched(
    qtbot: QtBot, qapp: QApplication, db_path: Path
) -> None:
    """A new student's first start: the walk-through puts the cursor in Full name and moves
    on; nothing was typed, so no field says what is missing (Save still would)."""
    window = _open(qtbot, qapp, db_path, student=True)
    activate(qtbot, qapp, window)
    profile = window.my_profile
    assert profile is not None
    form = profile.form
    assert form.full_name.hasFocus()  # the first step's control
    for _ in range(4):
        _click(qtbot, window, "walkthroughNext")
    qtbot.waitUntil(lambda: _card(window) is None)
    assert [line.text() for line in form.errors.values() if line.text()] == []
    # What the student types and leaves wrong is said, in words for them as for anyone.
    window.tabs.setCurrentWidget(profile)
    qtbot.mouseClick(form.email, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.email, "not an address")
    qtbot.mouseClick(form.full_name, Qt.MouseButton.LeftButton)
    assert form.errors["email"].text()
    assert form.errors["full_name"].text() == ""
    profile.save()  # Save says everything
    assert "full name" in form.errors["full_name"].text()
    assert "student's" not in form.errors["full_name"].text()
