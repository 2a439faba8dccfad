"""Personal data stays readable by the user alone: every file GradMatch keeps is 0600 and
every folder of its own 0700, whatever the umask (here 000, the worst), and whatever mode
an earlier file or folder had (here 0666 and 0777: written by an older version, copied in,
restored from another computer). The window's own files (settings, the session's trace)
are in tests/gui/test_private_files.py."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from gradmatch import locations
from gradmatch.app import main
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import backups
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.services.drafts import Drafts, drafts_root
from gradmatch.store.lock import DatabaseLock
from gradmatch.ui import crash
from tests.conftest import ROOT

ROSTER = ROOT / "resources" / "demo" / "students.csv"
OPEN_FILE, OPEN_FOLDER = 0o666, 0o777


@pytest.fixture(autouse=True)
def _no_umask() -> Iterator[None]:
    """umask 000: whatever is not made private on purpose comes out 0666 or 0777."""
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def _not_private(*roots: Path) -> dict[str, str]:
    """Every file under ``roots`` that is not 0600 and every folder not 0700, with its mode."""
    found: dict[str, str] = {}
    for root in roots:
        for path in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            wanted = 0o700 if path.is_dir() else 0o600
            if mode != wanted:
                found[str(path)] = oct(mode)
    return found


def _opened_up(*paths: Path) -> None:
    for path in paths:
        path.chmod(OPEN_FOLDER if path.is_dir() else OPEN_FILE)


def _crashed_copy(template: Path, target: Path) -> None:
    """``target`` as a database left by a crash: its ``-wal`` (holding a student that is in
    no other file) and ``-shm`` beside it."""
    working = target.with_name("working.sqlite3")
    shutil.copy(template, working)
    with closing(sqlite3.connect(working, isolation_level=None)) as writer:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("INSERT INTO setting (key, value) VALUES ('left_by_a_crash', '1')")
        for suffix in ("", "-wal", "-shm"):
            shutil.copy(
                working.with_name(working.name + suffix), target.with_name(target.name + suffix)
            )
    for suffix in ("", "-wal", "-shm"):
        working.with_name(working.name + suffix).unlink(missing_ok=True)


def test_opening_the_database_makes_its_folder_and_files_private(template_db: Path) -> None:
    path = locations.default_database()
    path.parent.mkdir(parents=True)
    _crashed_copy(template_db, path)
    sides = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    assert all(side.stat().st_size > 0 for side in sides)
    _opened_up(path.parent, path, *sides)
    db = open_database(path)
    with closing(sqlite3.connect(path)) as reader:  # what the crash left in the -wal: kept
        assert reader.execute("SELECT value FROM setting WHERE key = 'left_by_a_crash'").fetchone()
    assert _not_private(path.parent) == {}
    db.close()
    assert _not_private(path.parent) == {}


def test_a_new_database_a_backup_and_the_lock_are_private_from_the_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing exists yet: the command line creates the data folder and everything in it."""
    home = tmp_path / "home"
    assert main(["student", "import", str(ROSTER)]) == 0
    assert main(["backup", "now"]) == 0
    capsys.readouterr()
    data = locations.user_data_dir()
    assert {p.name for p in data.iterdir()} >= {"gradmatch.sqlite3", "gradmatch.sqlite3.lock"}
    assert _not_private(home) == {}  # the folders above the data folder it created, too


def test_a_backup_makes_the_backups_folder_and_earlier_backups_private(db_path: Path) -> None:
    db = open_database(db_path)
    earlier = backups.backup_now(db)
    _opened_up(earlier.parent, earlier)
    made = backups.backup_now(db, "manual")
    db.close()
    assert made != earlier
    assert _not_private(earlier.parent) == {}


def test_a_lock_file_left_open_by_an_earlier_version_is_made_private(db_path: Path) -> None:
    lock = DatabaseLock(db_path)
    lock.path.write_text("{}", encoding="utf-8")
    _opened_up(lock.path)
    with lock:
        assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600


def test_drafts_their_folders_and_earlier_drafts_are_private(db_path: Path) -> None:
    drafts = Drafts(db_path)
    drafts.save(None, {"full_name": "Zoë Ñúñez", "notes": "private"})
    earlier = drafts.path(None)
    _opened_up(locations.user_data_dir(), drafts_root(), drafts.folder, earlier)
    drafts.save(7, {"full_name": "Ana Typed"})
    assert _not_private(locations.user_data_dir()) == {}


def test_the_log_its_folder_and_earlier_crash_traces_are_private() -> None:
    folder = crash.log_dir()
    folder.mkdir(parents=True)
    log = folder / "gradmatch.log"
    trace = folder / "crash-20260101T101010-4242.txt"
    log.write_text("an earlier line\n", encoding="utf-8")
    trace.write_text("an earlier trace\n", encoding="utf-8")
    _opened_up(folder.parent, folder, log, trace)
    crash.setup_logging()
    crash.log.error("a line")
    assert _not_private(folder.parent) == {}
    assert log.read_text(encoding="utf-8").startswith("an earlier line\n")


def test_a_folder_the_user_chose_keeps_its_mode_and_what_gradmatch_adds_is_private(
    tmp_path: Path,
) -> None:
    """``--db ~/Documents/caseload.sqlite3``: Documents is the user's, not GradMatch's to
    close; the database, its side files and its backups in it are private all the same."""
    documents = tmp_path / "Documents"
    documents.mkdir()
    documents.chmod(0o755)
    path = documents / "caseload.sqlite3"
    db = open_database(path)
    student_service.save_student(
        db, StudentProfile.model_validate({"full_name": "Ana", "email": "a@example.org"})
    )
    backups.backup_now(db)
    assert stat.S_IMODE(documents.stat().st_mode) == 0o755
    for file in documents.glob("caseload.sqlite3*"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    assert _not_private(documents / "backups") == {}
    db.close()
    nested = tmp_path / "new" / "deeper" / "caseload.sqlite3"
    open_database(nested).close()
    assert _not_private(tmp_path / "new") == {}  # the folders GradMatch created for it


def test_making_private_takes_away_only_what_others_could_do(tmp_path: Path) -> None:
    """Group and others lose every permission; the user's own stay as they were: a folder
    or a backup the user made read-only is not opened up again."""
    from gradmatch.private import make_private, private_folder

    folder = tmp_path / "backups"
    folder.mkdir()
    kept = folder / "kept.sqlite3"
    kept.write_bytes(b"")
    kept.chmod(0o444)
    folder.chmod(0o555)
    private_folder(folder, own=True, files=True)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o500
    assert stat.S_IMODE(kept.stat().st_mode) == 0o400
    opened = tmp_path / "opened.json"
    opened.write_bytes(b"{}")
    opened.chmod(0o777)
    make_private(opened)
    assert stat.S_IMODE(opened.stat().st_mode) == 0o600
    folder.chmod(0o700)
