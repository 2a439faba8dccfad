"""A hard crash (segfault, abort) of the window leaves the native trace in the private log
folder, with no personal data; the next start says the last session ended abnormally and
where the report is. A kill or a power cut is told too, without a report."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.ui import application, crash
from gradmatch.ui.hard_crash import SessionTrace

# The real start-up (run_gui), with the window made to crash right after the database
# opened and the caseload (names and all) was shown: a segfault, or an abort.
CHILD = textwrap.dedent(
    """
    import ctypes, os, sys
    from pathlib import Path
    from gradmatch.ui import application
    from gradmatch.ui.main_window import MainWindow

    how = sys.argv[2]
    opened = MainWindow.open_database

    def open_then_die(self):
        opened(self)
        print("open", flush=True)
        if how == "segfault":
            ctypes.string_at(0)
        elif how == "abort":
            os.abort()

    MainWindow.open_database = open_then_die
    sys.exit(application.run_gui(Path(sys.argv[1])))
    """
)


def _run_child(db_path: Path, how: str, script: str = CHILD) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path), how],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "open", child.stderr.read() if child.stderr else ""
    return child


def _names(db_path: Path) -> list[str]:
    db = open_database(db_path)
    try:
        return [s.full_name for s in student_service.list_students(db)]
    finally:
        db.close()


def test_a_segfault_leaves_a_private_trace_without_personal_data(
    qapp: QApplication, demo_db: Path, messages: list[Any]
) -> None:
    names = _names(demo_db)
    child = _run_child(demo_db, "segfault")
    assert child.wait(timeout=60) == -signal.SIGSEGV

    trace, ended = application.start_session_trace()
    assert trace is not None
    try:
        assert len(ended) == 1
        report = ended[0].report
        assert report is not None and report.parent == crash.log_dir()
        text = report.read_text(encoding="utf-8")
        assert "Fatal Python error: Segmentation fault" in text
        assert "open_then_die" in text  # the stack, down to where it happened
        assert "PySide6" in text.splitlines()[0]  # the versions it ran on
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
        assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
        for name in names:
            assert name not in text
        # The next start says so, with where the report is.
        application.tell_about_abnormal_end(QWidget(), ended)
        _kind, title, message = messages[-1]
        assert title == "GradMatch stopped unexpectedly"
        assert str(report) in message and "no personal data" in message
    finally:
        trace.end()
    # Told once: the start after that has nothing to say, and the report stays for sending.
    again = SessionTrace(crash.log_dir())
    assert again.start() == []
    again.end()
    assert report.exists()


def test_an_abort_is_reported_too(demo_db: Path) -> None:
    child = _run_child(demo_db, "abort")
    assert child.wait(timeout=60) == -signal.SIGABRT
    trace = SessionTrace(crash.log_dir())
    ended = trace.start()
    trace.end()
    assert len(ended) == 1 and ended[0].report is not None
    assert "Fatal Python error: Aborted" in ended[0].report.read_text(encoding="utf-8")


def test_a_kill_is_told_without_a_report(demo_db: Path, messages: list[Any]) -> None:
    child = _run_child(demo_db, "none")
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=60) == -signal.SIGKILL
    trace = SessionTrace(crash.log_dir())
    ended = trace.start()
    trace.end()
    assert len(ended) == 1 and ended[0].report is None
    assert "did not end normally" in ended[0].message()
    assert not list(crash.log_dir().glob("crash-*"))  # an empty trace is not kept


def test_a_clean_exit_leaves_nothing_to_report(demo_db: Path) -> None:
    first = SessionTrace(crash.log_dir())
    assert first.start() == []
    first.end()
    second = SessionTrace(crash.log_dir())
    assert second.start() == []
    second.end()
    assert list(crash.log_dir().iterdir()) == []


def test_another_window_still_running_is_not_a_crash(demo_db: Path) -> None:
    running = _run_child(demo_db, "none")
    try:
        trace = SessionTrace(crash.log_dir())
        assert trace.start() == []
        trace.end()
    finally:
        running.terminate()
        running.wait(timeout=60)


def test_a_polite_stop_is_a_normal_end_and_keeps_the_typing(demo_db: Path) -> None:
    """SIGTERM (log-out, shutdown) closes like the window's close button, without asking:
    the typing stays in its draft, the lock is freed, and nothing is reported next time."""
    typing = "self.caseload_page.editor.form.notes.setPlainText('typed, not saved'); "
    child = _run_child(demo_db, "none", CHILD.replace('print("open"', typing + 'print("open"'))
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=60) == 0
    trace = SessionTrace(crash.log_dir())
    assert trace.start() == []
    trace.end()
    from gradmatch.services.drafts import Drafts

    draft = Drafts(demo_db).load(None)
    assert draft is not None and draft.fields["notes"] == "typed, not saved"
    from gradmatch.services.errors import DatabaseLock

    with DatabaseLock(demo_db):  # the lock is free: the next window opens at once
        pass
