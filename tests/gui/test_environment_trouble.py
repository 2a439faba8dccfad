"""The window meets the same environment trouble as the command line
(tests/unit/test_environment_trouble.py) with a message box a counselor can act on: never
the crash dialog, and a database that is fine but cannot be used here (a folder that may
not be read or written, another program's lock, a link loop) is never offered for
recovery as if it were damaged."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch import locations
from gradmatch.store import engine as store_engine
from gradmatch.store.lock import DatabaseLock
from gradmatch.ui import dialogs
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow
from tests.refusals import READ_ONLY, UNREADABLE, refused_folder
from tests.sqlite_trouble import content

Messages = list[tuple[str, str, str]]


@pytest.fixture(autouse=True)
def _no_recovery_offer(monkeypatch: pytest.MonkeyPatch, messages: Messages) -> None:
    """The recovery dialog (restore, open another, start anew) is for a damaged file."""

    def offered(_parent: Any, message: str, _backup: str | None) -> str:
        messages.append(("recovery", "Cannot open the database", message))
        return "quit"

    monkeypatch.setattr(dialogs, "ask_database_problem", offered)
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT", 0.1)


def _open(qtbot: QtBot, qapp: QApplication, path: Path) -> MainWindow:
    configure_application(qapp)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


def _refused_with(window: MainWindow, messages: Messages, words: str) -> None:
    assert window.db is None
    assert [(kind, title) for kind, title, _text in messages] == [
        ("error", "Cannot open the database")
    ], messages
    assert words in messages[0][2], messages[0][2]
    assert "Traceback" not in messages[0][2]
    assert window.lock is None or not window.lock.held  # nothing kept from a refused start


def _copy_into(folder: Path, template: Path, *, with_lock: bool = False) -> Path:
    path = folder / "gradmatch.sqlite3"
    shutil.copy(template, path)
    if with_lock:  # an earlier session's lock file, which a window opens again
        DatabaseLock(path).path.write_text("{}", encoding="utf-8")
    return path


CASES: list[tuple[str, int, bool, str]] = [
    # The window takes the database's lock first: it cannot be written there.
    ("a folder that may not be read", UNREADABLE, False, "you may not write there"),
    ("a read-only folder", READ_ONLY, False, "you may not write there"),
    ("a read-only folder with an earlier lock file", READ_ONLY, True, "is read-only: "),
]


@pytest.mark.parametrize(
    ("mode", "with_lock", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_database_in_a_folder_that_is_refused_is_a_message(
    qtbot: QtBot,
    qapp: QApplication,
    template_db: Path,
    tmp_path: Path,
    messages: Messages,
    mode: int,
    with_lock: bool,
    words: str,
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = _copy_into(folder, template_db, with_lock=with_lock)
    before = content(path)
    with refused_folder(folder, mode):
        window = _open(qtbot, qapp, path)
        _refused_with(window, messages, words)
        window.close()
    assert content(path) == before


def test_a_database_another_program_holds_is_in_use_try_again(
    qtbot: QtBot, qapp: QApplication, db_path: Path, messages: Messages
) -> None:
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO setting (key, value) VALUES ('other_program', '1')")
        window = _open(qtbot, qapp, db_path)
        _refused_with(window, messages, "is in use by another program, which holds a lock on it")
        assert "try again" in messages[0][2]
        other.execute("ROLLBACK")
    window.close()


@pytest.mark.parametrize(
    "where", ["the database is a link loop", "behind a link loop", "a name too long"]
)
def test_a_path_the_system_refuses_is_a_message(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, messages: Messages, where: str
) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    path = {
        "the database is a link loop": loop,
        "behind a link loop": loop / "gradmatch.sqlite3",
        "a name too long": tmp_path / ("n" * 300 + ".sqlite3"),
    }[where]
    window = _open(qtbot, qapp, path)
    words = "the name is too long" if "long" in where else "leads back to itself"
    _refused_with(window, messages, words)
    window.close()


# ---------------------------------------------------------------- files the window imports


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> MainWindow:
    main = _open(qtbot, qapp, demo_db)
    assert main.db is not None
    return main


IMPORTS: list[tuple[str, Callable[[MainWindow], None], str]] = [
    ("roster or profile", lambda w: w.import_students_action.trigger(), "Nothing was imported"),
    ("catalog", lambda w: w.import_action.trigger(), "Catalog not imported"),
]


@pytest.mark.parametrize(
    ("trigger", "title"), [c[1:] for c in IMPORTS], ids=[c[0] for c in IMPORTS]
)
@pytest.mark.parametrize("source", ["/dev/zero", "unreadable", "loop"])
def test_an_import_the_system_refuses_is_a_message(
    window: MainWindow,
    tmp_path: Path,
    messages: Messages,
    monkeypatch: pytest.MonkeyPatch,
    trigger: Callable[[MainWindow], None],
    title: str,
    source: str,
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    loop = folder / "loop"
    loop.symlink_to(loop)
    shutil.copy(locations.shipped_catalog(), folder / "file.json")
    chosen = {"/dev/zero": Path("/dev/zero"), "unreadable": folder / "file.json", "loop": loop}
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_: chosen[source])
    assert window.db is not None
    before = content(window.db.path)
    with refused_folder(folder, UNREADABLE if source == "unreadable" else 0o700):
        trigger(window)
    kind, shown_title, text = messages[-1]
    assert (kind, shown_title) == ("error", title), messages
    words = {
        "/dev/zero": "is a device or a pipe, not a file",
        "unreadable": "you may not read it",
        "loop": "leads back to itself",
    }[source]
    assert words in text
    assert not any(kind == "crash" for kind, _t, _m in messages)
    assert content(window.db.path) == before
    window.close()


def test_a_backups_folder_that_may_not_be_read_is_a_message_from_start_to_restore(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, messages: Messages
) -> None:
    """The daily backup at start-up, File ▸ Back up now and File ▸ Restore each say it."""
    with refused_folder(demo_db.parent / "backups", UNREADABLE):
        window = _open(qtbot, qapp, demo_db)
        assert window.db is not None  # the database itself is fine: it opens
        assert "The daily backup failed" in window.statusBar().currentMessage()
        window.backup_action.trigger()
        window.restore_action.trigger()
        window.close()
    shown = [(kind, title) for kind, title, _text in messages]
    assert shown == [("error", "No backup was made"), ("error", "Nothing was restored")]
    assert "cannot be read" in messages[1][2] and "you may not read it" in messages[1][2]


def test_a_damaged_database_whose_backups_may_not_be_read_is_offered_no_backup(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, messages: Messages
) -> None:
    demo_db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    for suffix in ("-wal", "-shm"):
        demo_db.with_name(demo_db.name + suffix).unlink(missing_ok=True)
    with refused_folder(demo_db.parent / "backups", UNREADABLE):
        window = _open(qtbot, qapp, demo_db)
        window.close()
    assert [kind for kind, _title, _text in messages] == ["recovery"]  # damaged: offered
    assert not any(kind == "crash" for kind, _t, _m in messages)


def test_a_log_folder_that_cannot_be_written_costs_the_log_never_the_window(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, messages: Messages
) -> None:
    from gradmatch.ui import crash
    from gradmatch.ui.application import start_session_trace

    state = crash.log_dir().parents[1]  # the platform's folder above GradMatch's own
    with refused_folder(state, READ_ONLY):
        trace, ended = start_session_trace()
        assert (trace, ended) == (None, [])
        assert crash.setup_logging() is None  # as run_gui calls it: no exception
        window = _open(qtbot, qapp, demo_db)
        assert window.db is not None
        window.close()
    assert messages == []
