"""A restore does not race a writer: a command-line import run while the window restores
either waits or is refused, and never lands between the pre-restore backup and the restore
(where neither the restored file nor that backup would hold it)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gradmatch.app import main
from gradmatch.services import backups
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.services.errors import DatabaseLock


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gradmatch", *argv], capture_output=True, text=True, timeout=120
    )


def test_a_command_line_import_during_a_window_restore_is_never_lost(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = tmp_path / "script.csv"
    roster.write_text("full_name,email\nScript Person,script@example.org\n", encoding="utf-8")
    window_lock = DatabaseLock(demo_db)  # the window holds its database's lock
    window_lock.acquire()
    db = open_database(demo_db)
    old = backups.backup_now(db)
    real_restore = backups.restore_database
    imported: list[subprocess.CompletedProcess[str]] = []

    def restore_while_a_script_imports(backup: Path, database: Path) -> None:
        # The worst moment: the pre-restore backup is taken, the restore not yet written.
        imported.append(_cli("--db", str(demo_db), "student", "import", str(roster)))
        real_restore(backup, database)

    monkeypatch.setattr(backups, "restore_database", restore_while_a_script_imports)
    reopened, undo = backups.restore(db, old)
    names = [s.full_name for s in student_service.list_students(reopened)]
    reopened.close()
    window_lock.release()
    undo_db = open_database(undo)
    kept = [s.full_name for s in student_service.list_students(undo_db)]
    undo_db.close()
    [done] = imported
    if done.returncode == 0:  # reported as imported: then it is somewhere the user can see
        assert "Script Person" in names or "Script Person" in kept
    else:
        assert "open in another GradMatch window" in done.stderr
        assert "Script Person" not in names + kept


def test_a_command_line_restore_waits_for_a_command_line_import(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(demo_db)
    made = backups.backup_now(db)
    db.close()
    importing = DatabaseLock(demo_db, holder="student import")
    importing.acquire()
    releaser = threading.Timer(1.0, importing.release)
    releaser.start()
    started = time.monotonic()
    code = main(["--db", str(demo_db), "backup", "restore", made.name])
    releaser.join()
    assert code == 0, capsys.readouterr().err
    assert time.monotonic() - started >= 0.9  # it waited for the import to finish


def test_a_command_line_restore_is_refused_while_the_window_is_open(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(demo_db)
    made = backups.backup_now(db)
    db.close()
    before = demo_db.read_bytes()
    window = DatabaseLock(demo_db)
    window.acquire()
    try:
        code = main(["--db", str(demo_db), "backup", "restore", made.name])
    finally:
        window.release()
    err = capsys.readouterr().err
    assert code == 1 and "already open in another GradMatch window" in err
    assert "try again" in err
    assert demo_db.read_bytes() == before
