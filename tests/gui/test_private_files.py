"""The window keeps everything it writes readable by the user alone, whatever the umask
(here 000) and whatever mode an earlier file or folder had (0666, 0777): the data folder,
the database and its side files, the lock, drafts, backups, the log, the session's crash
trace and the settings file."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch import locations
from gradmatch.ui import crash
from gradmatch.ui.application import configure_application, start_session_trace
from gradmatch.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _no_umask() -> Iterator[None]:
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def _not_private(root: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode != (0o700 if path.is_dir() else 0o600):
            found[str(path)] = oct(mode)
    return found


def _earlier(folder: Path, *files: str) -> None:
    """``folder`` and ``files`` in it as an older version or a copy left them: open to all."""
    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.mkdir(exist_ok=True)
    folder.chmod(0o777)
    for name in files:
        (folder / name).write_text("{}\n", encoding="utf-8")
        (folder / name).chmod(0o666)


def test_everything_the_window_writes_is_private(
    qtbot: QtBot, qapp: QApplication, template_db: Path
) -> None:
    configure_application(qapp)
    data = locations.user_data_dir()
    _earlier(data)
    database = locations.default_database()
    shutil.copy(template_db, database)
    database.chmod(0o666)
    _earlier(data / "backups", "gradmatch-20250101-101010-000000-daily.sqlite3")
    logs = crash.log_dir()
    _earlier(logs.parent)
    _earlier(logs, "gradmatch.log", "crash-20250101T101010-4242.txt")
    settings = Path(QSettings().fileName())
    _earlier(settings.parent, settings.name)

    trace, _ended = start_session_trace()  # as run_gui does, in its order
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    crash.setup_logging()
    window.open_database()
    assert window.db is not None and window.caseload_page is not None
    window.caseload_page.new_student()
    window.caseload_page.editor.form.full_name.setText("Zoë Typed")
    window.caseload_page.editor.write_draft()
    assert trace is not None
    shown = {
        "data": _not_private(data),
        "logs": _not_private(logs.parent),
        "settings": _not_private(settings.parent),
    }
    window.close()  # the settings written, a backup on close, the draft kept
    trace.end()
    assert shown == {"data": {}, "logs": {}, "settings": {}}
    assert (data / "drafts").is_dir() and settings.stat().st_size > 0
    assert _not_private(data) == {} and _not_private(settings.parent) == {}
