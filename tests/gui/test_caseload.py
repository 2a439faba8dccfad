"""The caseload page and the profile editor, driven as a counselor would."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.domain.profile import StudentProfile
from gradmatch.services import students as student_service
from gradmatch.ui import dialogs, roster_dialog
from gradmatch.ui.application import configure_application
from gradmatch.ui.caseload_model import CaseloadModel, StudentColumn
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.roster_dialog import RosterPreviewDialog
from tests.gui.windows import activate
from tests.unit.test_students import _roster_with_bad_rows

NAME = "Zoë Ñúñez-Ørsted 李小龍"


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, messages: list[Any]
) -> Iterator[MainWindow]:
    configure_application(qapp)
    main = MainWindow(demo_db)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    yield main
    if main.caseload_page is not None and main.caseload_page.editor.is_dirty():
        main.caseload_page.editor.revert()
    main.close()


def _digest(path: Path) -> str:
    # The database's content as SQLite sees it (the WAL may hold the newest pages).
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


def _select(window: MainWindow, name: str) -> None:
    page = window.caseload_page
    assert page is not None
    summary = next(s for s in student_service.list_students(window.db) if s.full_name == name)  # type: ignore[arg-type]
    assert page.select_student(summary.id)


def test_the_caseload_lists_the_students(window: MainWindow) -> None:
    page = window.caseload_page
    assert page is not None
    assert page.model.rowCount() == 6
    assert page.count_label.text() == "6 students"
    assert "6 students" in window.status_label.text()


def test_search_as_you_type(qtbot: QtBot, window: MainWindow) -> None:
    page = window.caseload_page
    assert page is not None
    qtbot.keyClicks(page.search, "zoe")
    assert page.visible_names() == ["Zoë Ñúñez-Ørsted"]
    page.search.clear()
    qtbot.keyClicks(page.search, "DEMO-002")
    assert page.visible_names() == ["李小龍 (Li Xiaolong)"]
    page.search.clear()
    qtbot.keyClicks(page.search, "example.org")
    assert len(page.visible_names()) == 6


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("gre_quant", "171", "GRE verbal and quant scores run from 130 to 170"),
        ("gre_writing", "4.3", "Analytical writing is scored in half points"),
        ("gpa_value", "4.5", "A GPA of 4.5 is above its 4.0 scale"),
    ],
)
def test_a_bad_value_is_refused_beside_its_field_and_nothing_is_saved(
    qtbot: QtBot,
    qapp: QApplication,
    window: MainWindow,
    demo_db: Path,
    field: str,
    text: str,
    message: str,
) -> None:
    page = window.caseload_page
    assert page is not None
    _select(window, "Zoë Ñúñez-Ørsted")
    before = _digest(demo_db)
    form = page.editor.form
    widget = getattr(form, field)
    activate(qtbot, qapp, window)
    widget.setFocus()
    widget.clear()
    qtbot.keyClicks(widget, text)
    key = {"gre_quant": "gre.quant", "gre_writing": "gre.writing", "gpa_value": "gpa.value"}[field]
    label = form.errors[key]
    assert label.text() == ""  # nothing said while typing
    qtbot.keyClick(widget, Qt.Key.Key_Tab)  # leaving the field
    assert message in label.text()
    # The message sits right under the field it is about.
    assert label.parentWidget() is widget.parentWidget()
    assert not page.editor.save_button.isEnabled()
    qtbot.keyClick(page.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    page.editor.save()
    assert _digest(demo_db) == before


def test_editing_and_saving_a_profile(qtbot: QtBot, window: MainWindow) -> None:
    page = window.caseload_page
    assert page is not None
    _select(window, "Amara Okonkwo")
    form = page.editor.form
    form.max_total_cost.clear()
    qtbot.keyClicks(form.max_total_cost, "$38,500")
    assert page.editor.save_button.isEnabled()
    assert page.editor.status.text() == "Unsaved changes"
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert not page.editor.is_dirty()
    record = student_service.find_student(window.db, "DEMO-003")  # type: ignore[arg-type]
    assert str(record.profile.budget.max_total_cost) == "38500"
    rows = range(page.model.rowCount())
    assert "$38,500" in [page.model.data(page.model.index(r, StudentColumn.BUDGET)) for r in rows]


def test_a_new_student_with_a_name_in_any_script(qtbot: QtBot, window: MainWindow) -> None:
    page = window.caseload_page
    assert page is not None
    window.new_action.trigger()
    form = page.editor.form
    assert page.editor.heading.text() == "New student"
    assert not page.editor.save_button.isEnabled()
    form.full_name.setText(NAME)  # typed through an input method in real life
    qtbot.keyClicks(form.email, "zoe.new@example.org")
    qtbot.keyClicks(form.student_id, "S-777")
    assert page.editor.save_button.isEnabled()
    page.editor.save()
    record = student_service.find_student(window.db, "S-777")  # type: ignore[arg-type]
    assert record.profile.full_name == NAME
    assert page.editor.heading.text() == NAME
    assert page.selected_summary() is not None and page.selected_summary().full_name == NAME  # type: ignore[union-attr]


def test_leaving_unsaved_changes_asks_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.caseload_page
    assert page is not None
    _select(window, "Amara Okonkwo")
    page.editor.form.major.setText("Econometrics")
    answers = ["cancel"]
    asked: list[str] = []

    def ask(_parent: Any, name: str) -> str:
        asked.append(name)
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "ask_unsaved_changes", ask)
    _select(window, "Zoë Ñúñez-Ørsted")
    assert asked == ["Amara Okonkwo"]
    assert page.selected_summary().full_name == "Amara Okonkwo"  # type: ignore[union-attr]
    assert page.editor.form.major.text() == "Econometrics"
    answers.append("save")
    QApplication.processEvents()  # the user's next click comes in a later event
    _select(window, "Zoë Ñúñez-Ørsted")
    assert page.editor.form.full_name.text() == "Zoë Ñúñez-Ørsted"
    assert student_service.find_student(window.db, "DEMO-003").profile.major == "Econometrics"  # type: ignore[arg-type]
    QApplication.processEvents()  # the list refreshes once the selection has moved
    assert page.selected_summary().full_name == "Zoë Ñúñez-Ørsted"  # type: ignore[union-attr]


def test_archive_restore_and_delete(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.caseload_page
    assert page is not None
    _select(window, "Sofía Hernández García")
    window.archive_action.trigger()
    assert "Sofía Hernández García" not in page.visible_names()
    assert "1 archived (hidden)" in page.count_label.text()
    page.show_archived.setChecked(True)
    assert "Sofía Hernández García  (archived)" in [
        page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())
    ]
    _select(window, "Sofía Hernández García")
    window.archive_action.trigger()
    assert not any(s.archived for s in student_service.list_students(window.db))  # type: ignore[arg-type]

    monkeypatch.setattr(dialogs, "confirm", lambda *_: False)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(student_service.list_students(window.db)) == 6  # type: ignore[arg-type]
    monkeypatch.setattr(dialogs, "confirm", lambda *_: True)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert [s.full_name for s in student_service.list_students(window.db)] == [  # type: ignore[arg-type]
        n for n in page.visible_names()
    ]
    assert "Sofía Hernández García" not in page.visible_names()


def test_duplicate(window: MainWindow) -> None:
    page = window.caseload_page
    assert page is not None
    _select(window, "Дмитрий Волков")
    window.duplicate_action.trigger()
    assert page.selected_summary().full_name == "Дмитрий Волков (copy)"  # type: ignore[union-attr]
    assert page.model.rowCount() == 7


def test_roster_preview_lets_the_user_choose(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[Any],
) -> None:
    path = _roster_with_bad_rows(tmp_path / "roster.csv")
    roster = student_service.preview_roster(path)
    dialog = RosterPreviewDialog(roster, path.name, window)
    qtbot.addWidget(dialog)
    assert dialog.import_button.text() == "Import 47 valid rows"
    assert dialog.none_button.text() == "Import nothing"
    problems = [dialog.model.data(dialog.model.index(r, 4)) for r in range(dialog.model.rowCount())]
    assert [(r + 2, p) for r, p in enumerate(problems) if p != "OK"] == [
        (8, "gre_quant: GRE verbal and quant scores run from 130 to 170"),
        (24, "gpa: A GPA of 4.5 is above its 4.0 scale"),
        (42, "email: Enter an email address such as name@example.org"),
    ]
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == "none"

    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_: path)
    monkeypatch.setattr(roster_dialog, "ask_roster_import", lambda *_: False)
    window.import_students_action.trigger()
    assert len(student_service.list_students(window.db)) == 6  # type: ignore[arg-type]
    monkeypatch.setattr(roster_dialog, "ask_roster_import", lambda *_: True)
    window.import_students_action.trigger()
    assert len(student_service.list_students(window.db)) == 53  # type: ignore[arg-type]
    assert messages[-1][1] == "Imported roster.csv"
    assert "rows left out: 8, 24, 42" in messages[-1][2]


def test_student_mode_opens_on_my_profile(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    configure_application(qapp)
    main = MainWindow(tmp_path / "mine.sqlite3", student_mode=True)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    assert main.caseload_page is None and main.my_profile is not None
    assert [main.tabs.tabText(i) for i in range(main.tabs.count())] == [
        "My profile",
        "My matches",
        "Program catalog",
    ]
    assert main.export_profile_action.text() == "&Send my profile to my counselor…"
    main.my_profile.form.full_name.setText(NAME)
    main.my_profile.form.email.setText("me@example.org")
    assert main.my_profile.save()
    main.close()
    again = MainWindow(tmp_path / "mine.sqlite3", student_mode=True)
    qtbot.addWidget(again)
    again.show()
    again.open_database()
    assert again.my_profile is not None and again.my_profile.form.full_name.text() == NAME
    again.close()


def test_the_caseload_model_follows_the_qt_contract(qtmodeltester: Any, window: MainWindow) -> None:
    assert window.caseload_page is not None
    qtmodeltester.check(window.caseload_page.model)
    qtmodeltester.check(CaseloadModel())


def test_exported_profile_from_the_window(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_: target)
    _select(window, "李小龍 (Li Xiaolong)")
    window.export_profile_action.trigger()
    written = tmp_path / "out.gradmatch.json"
    from gradmatch.domain.exchange import load_profile

    profile: StudentProfile = load_profile(written.read_bytes(), written.name).profile
    assert profile.full_name == "李小龍 (Li Xiaolong)"
