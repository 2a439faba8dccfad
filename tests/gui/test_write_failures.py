"""Every window action that writes, on a database SQLite really refuses (full, read-only,
busy in another program) and on files the disk refuses: a message box a counselor can act
on, never the crash dialog, and nothing changed. A bug in the same place still reaches the
crash handler."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.domain.matching import Bucket
from gradmatch.services import matching as matching_service
from gradmatch.services import students as student_service
from gradmatch.ui import dialogs, program_editor, settings_dialog
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow
from tests.sqlite_trouble import (
    READ_ONLY,
    SHORT_WAIT,
    content,
    full_pragma,
    restrict,
    write_lock_held,
)

PROGRAM = "north-texas-campus"
OTHER = "carnegie-mellon-campus"
LONG = "x" * 9_000  # needs new pages: a full database has none to give
WORDS = {
    "full": "The disk is full: nothing was saved. Free some space and try again.",
    "read-only": "is read-only, so nothing was saved. Check the file's permissions",
    "busy": "is busy: another program is writing to it, so nothing was saved. Try again",
}


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> Iterator[MainWindow]:
    configure_application(qapp)
    main = MainWindow(demo_db)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    assert main.db is not None
    yield main
    page = main.caseload_page
    if page is not None and page.editor.is_dirty():
        page.editor.revert()
    main.close()


@contextmanager
def _trouble(window: MainWindow, kind: str) -> Iterator[None]:
    """The open database made to refuse writes the way ``kind`` says."""
    db = window.db
    assert db is not None
    try:
        if kind == "full":
            restrict(db, full_pragma(db.path))
            yield
        elif kind == "read-only":
            restrict(db, READ_ONLY)
            yield
        else:
            restrict(db, SHORT_WAIT)
            with write_lock_held(db.path):
                yield
    finally:
        restrict(db, "PRAGMA query_only = OFF", "PRAGMA max_page_count = 1073741823")


def _student(window: MainWindow, key: str = "DEMO-001") -> int:
    assert window.db is not None and window.caseload_page is not None
    student_id = student_service.find_student(window.db, key).id
    assert window.caseload_page.select_student(student_id)
    return student_id


def _matches(window: MainWindow, shortlist: tuple[str, ...] = ()) -> int:
    student_id = _student(window)
    assert window.db is not None
    for program_id in shortlist:
        matching_service.add_to_shortlist(window.db, student_id, program_id)
    window.tabs.setCurrentWidget(window.matches_page)
    window.matches_page.refresh()
    return student_id


def _click(qtbot: QtBot, button: Any) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _shortlist(window: MainWindow) -> list[str]:
    window.matches_page.refresh()
    box = window.matches_page.shortlist
    return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())]


def _still_there(window: MainWindow) -> None:
    """Zoë as she was: listed, selected, not archived, her profile on screen."""
    page = window.caseload_page
    assert page is not None and window.db is not None
    summary = page.selected_summary()
    assert summary is not None and summary.full_name == "Zoë Ñúñez-Ørsted"
    assert not summary.archived
    assert page.editor.record is not None and page.editor.record.id == summary.id
    assert len(student_service.list_students(window.db)) == 6


Act = Callable[[], None]


# ---- the actions: each readies the window and returns what the user does (done while
# ---- the database refuses) and what must still hold afterwards


def add_to_shortlist(
    window: MainWindow, qtbot: QtBot, patch: pytest.MonkeyPatch, _: Path
) -> tuple[Act, Act]:
    _matches(window)
    assert window.matches_page.select_program(PROGRAM)
    patch.setattr(dialogs, "ask_text", lambda *_a, **_k: LONG)
    return (
        lambda: _click(qtbot, window.matches_page.shortlist_button),
        lambda: _check(_shortlist(window) == []),
    )


def remove_from_shortlist(
    window: MainWindow, qtbot: QtBot, _p: pytest.MonkeyPatch, _: Path
) -> tuple[Act, Act]:
    _matches(window, (PROGRAM, OTHER))
    window.matches_page.shortlist.setCurrentRow(0)
    return (
        lambda: _click(qtbot, window.matches_page.remove_button),
        lambda: _check(_shortlist(window) == [PROGRAM, OTHER]),
    )


def reorder_shortlist(
    window: MainWindow, qtbot: QtBot, _p: pytest.MonkeyPatch, _: Path
) -> tuple[Act, Act]:
    _matches(window, (PROGRAM, OTHER))
    window.matches_page.shortlist.setCurrentRow(1)
    return (
        lambda: _click(qtbot, window.matches_page.up_button),
        lambda: _check(_shortlist(window) == [PROGRAM, OTHER]),
    )


def override_bucket(
    window: MainWindow, qtbot: QtBot, patch: pytest.MonkeyPatch, _: Path
) -> tuple[Act, Act]:
    _matches(window)
    assert window.matches_page.select_program(PROGRAM)
    patch.setattr(dialogs, "ask_override", lambda *_: (Bucket.STRETCH.value, "Knows the dean"))

    def check() -> None:
        window.matches_page.refresh(select=PROGRAM)
        assert window.matches_page.selected_matches()[0].override is None

    return lambda: _click(qtbot, window.matches_page.override_button), check


def archive(window: MainWindow, _q: QtBot, _p: pytest.MonkeyPatch, _: Path) -> tuple[Act, Act]:
    _student(window)
    return window.archive_action.trigger, lambda: _still_there(window)


def delete(window: MainWindow, _q: QtBot, patch: pytest.MonkeyPatch, _: Path) -> tuple[Act, Act]:
    _student(window)
    patch.setattr(dialogs, "confirm", lambda *_: True)
    return window.delete_action.trigger, lambda: _still_there(window)


def duplicate(window: MainWindow, _q: QtBot, _p: pytest.MonkeyPatch, _: Path) -> tuple[Act, Act]:
    _student(window)
    return window.duplicate_action.trigger, lambda: _still_there(window)


def save_profile(
    window: MainWindow, qtbot: QtBot, _p: pytest.MonkeyPatch, _: Path
) -> tuple[Act, Act]:
    _student(window)
    editor = window.caseload_page.editor  # type: ignore[union-attr]
    editor.form.notes.setPlainText(LONG)

    def check() -> None:
        assert editor.is_dirty()  # the typing is still on screen, not lost
        assert editor.form.notes.toPlainText() == LONG

    return lambda: _click(qtbot, editor.save_button), check


def match_weights(
    window: MainWindow, _q: QtBot, patch: pytest.MonkeyPatch, _: Path
) -> tuple[Act, Act]:
    assert window.db is not None
    weights = matching_service.load_weights(window.db)
    patch.setattr(settings_dialog, "edit_weights", lambda *_: weights)
    return window.settings_action.trigger, lambda: None


def cost_defaults(
    window: MainWindow, _q: QtBot, patch: pytest.MonkeyPatch, _: Path
) -> tuple[Act, Act]:
    assert window.db is not None
    defaults = matching_service.load_cost_settings(window.db).defaults
    patch.setattr(settings_dialog, "edit_cost_defaults", lambda *_: defaults)
    return window.cost_defaults_action.trigger, lambda: None


def counselor_name(
    window: MainWindow, _q: QtBot, patch: pytest.MonkeyPatch, _: Path
) -> tuple[Act, Act]:
    patch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Dr. " + LONG)
    return window.counselor_action.trigger, lambda: None


def edit_program(
    window: MainWindow, _q: QtBot, patch: pytest.MonkeyPatch, _: Path
) -> tuple[Act, Act]:
    changes = {"notes": "Checked with the school"}
    patch.setattr(program_editor, "edit_program_dialog", lambda *_: dict(changes))
    return lambda: window.catalog_page.edit_requested.emit(PROGRAM), lambda: None


def import_profile(
    window: MainWindow, _q: QtBot, patch: pytest.MonkeyPatch, folder: Path
) -> tuple[Act, Act]:
    assert window.db is not None
    profile = folder / "zoe.gradmatch.json"
    student_service.export_profile_file(window.db, _student(window), profile)
    document = json.loads(profile.read_text(encoding="utf-8"))
    document["student"]["major"] = "Mathematics, as Zoë sent back"  # a real change
    profile.write_text(json.dumps(document), encoding="utf-8")
    patch.setattr(dialogs, "choose_open_file", lambda *_: profile)
    return window.import_students_action.trigger, lambda: _still_there(window)


def _check(condition: bool) -> None:
    assert condition


CASES: list[tuple[Callable[..., tuple[Act, Act]], str, str]] = [
    (add_to_shortlist, "full", "The program was not added to the shortlist"),
    (add_to_shortlist, "busy", "The program was not added to the shortlist"),
    (remove_from_shortlist, "read-only", "The program was not removed"),
    (remove_from_shortlist, "busy", "The program was not removed"),
    (reorder_shortlist, "busy", "The shortlist was not reordered"),
    (override_bucket, "read-only", "The bucket was not changed"),
    (archive, "busy", "The student was not archived"),
    (archive, "read-only", "The student was not archived"),
    (delete, "read-only", "The student was not deleted"),
    (delete, "busy", "The student was not deleted"),
    (duplicate, "busy", "The student was not duplicated"),
    (save_profile, "full", "The profile was not saved"),
    (save_profile, "busy", "The profile was not saved"),
    (match_weights, "read-only", "Settings not saved"),
    (cost_defaults, "busy", "The cost defaults were not saved"),
    (counselor_name, "full", "The counselor name was not saved"),
    (edit_program, "read-only", "The program was not changed"),
    (import_profile, "busy", "Nothing was imported"),
]


@pytest.mark.parametrize(
    ("action", "kind", "title"), CASES, ids=[f"{a.__name__}-{k}" for a, k, _ in CASES]
)
def test_a_refused_write_is_a_message_and_changes_nothing(
    window: MainWindow,
    qtbot: QtBot,
    messages: list[tuple[str, str, str]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    action: Callable[..., tuple[Act, Act]],
    kind: str,
    title: str,
) -> None:
    assert window.db is not None
    act, check = action(window, qtbot, monkeypatch, tmp_path)
    before = content(window.db.path)
    shown = len(messages)
    with _trouble(window, kind):
        act()  # an exception escaping a slot fails the test (pytest-qt): no crash either
    assert content(window.db.path) == before
    new = messages[shown:]
    assert [(k, t) for k, t, _ in new] == [("error", title)], new
    assert WORDS[kind] in new[0][2] and "Traceback" not in new[0][2]
    check()


# ---- files the disk refuses


def test_a_pdf_on_a_full_disk_is_a_message_and_leaves_no_file(
    window: MainWindow,
    messages: list[tuple[str, str, str]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _student(window)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "zoe.pdf"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_: target)

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    window.export_pdf_action.trigger()
    (kind, title, text) = messages[-1]
    assert (kind, title) == ("error", "The PDF was not written")
    assert "zoe.pdf cannot be written: the disk is full" in text and "Free some space" in text
    assert list(folder.iterdir()) == []  # no half-written PDF, no temporary file


def test_a_roster_into_a_missing_folder_is_a_message(
    window: MainWindow,
    messages: list[tuple[str, str, str]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_: tmp_path / "gone" / "roster.csv")
    window.export_roster_action.trigger()
    assert messages[-1][:2] == ("error", "The roster was not exported")
    assert "does not exist" in messages[-1][2]


def test_a_backup_on_a_full_disk_is_a_message_and_leaves_no_partial_copy(
    window: MainWindow, messages: list[tuple[str, str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gradmatch.store import backup as store_backup

    assert window.db is not None
    folder = store_backup.backups_dir(window.db.path)
    kept = set(folder.glob("*.sqlite3*"))  # the daily backup taken at start-up
    real_connect = sqlite3.connect

    def connect(target: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection: sqlite3.Connection = real_connect(target, *args, **kwargs)
        if str(target).startswith(str(folder)):
            connection.execute("PRAGMA max_page_count = 2")  # the copy meets a full disk
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)  # the same module store.backup uses
    window.backup_action.trigger()
    assert messages[-1][:2] == ("error", "No backup was made")
    assert "The disk is full" in messages[-1][2]
    assert set(folder.glob("*.sqlite3*")) == kept


# ---- a bug stays a bug


def test_a_bug_in_a_write_action_reaches_the_crash_handler(
    window: MainWindow,
    qtbot: QtBot,
    messages: list[tuple[str, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _matches(window)
    assert window.matches_page.select_program(PROGRAM)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "")

    def broken(*_args: Any) -> None:
        raise KeyError("a programming error")

    monkeypatch.setattr(matching_service, "add_to_shortlist", broken)
    shown = len(messages)
    with qtbot.capture_exceptions() as caught:
        _click(qtbot, window.matches_page.shortlist_button)
    assert [kind for kind, _error, _tb in caught] == [KeyError]
    assert messages[shown:] == []  # no friendly message hides it
