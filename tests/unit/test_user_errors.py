"""Known versus bug: what a person can act on is a UserError with words that say what to
do, told from SQLite's error codes (never its message text); the command line prints it
as one line, and lets anything else through as a traceback."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from contextlib import closing, nullcontext
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from gradmatch.app import main
from gradmatch.domain.catalog_parse import CatalogError
from gradmatch.domain.exchange import ExchangeError
from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.roster import RosterError
from gradmatch.errors import InputError, UserError, os_error_reason
from gradmatch.services import backups as backups_service
from gradmatch.services import catalog as catalog_service
from gradmatch.services import errors
from gradmatch.services import matching as matching_service
from gradmatch.services import reports as reports_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.services.files import WriteError, write_atomically
from gradmatch.store.errors import from_sqlite
from tests.conftest import ROOT
from tests.sqlite_trouble import (
    READ_ONLY,
    SHORT_WAIT,
    content,
    full_pragma,
    restrict,
    restrict_every_engine,
    write_lock_held,
)

ROSTER = ROOT / "resources" / "demo" / "students.csv"


def _profile(notes: str = "") -> StudentProfile:
    return StudentProfile.model_validate(
        {"full_name": "Ana Known", "email": "ana@example.org", "notes": notes}
    )


def _sqlite_error(code: int, name: str, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


# ---------------------------------------------------------------- one base type


@pytest.mark.parametrize(
    "kind",
    [
        errors.DatabaseError,
        errors.StorageError,
        errors.DiskFullError,
        errors.ReadOnlyDatabaseError,
        errors.DatabaseBusyError,
        errors.DiskTroubleError,
        errors.CannotOpenError,
        errors.DamagedDatabaseError,
        errors.NotADatabaseError,
        errors.ForeignDatabaseError,
        errors.NewerDatabaseError,
        errors.MigrationError,
        errors.DatabaseInUseError,
        errors.NotFoundError,
        errors.WriteError,
        reports_service.ExportError,
        student_service.DuplicateStudentError,
        student_service.AmbiguousStudentError,
        student_service.RosterImportError,
        InputError,
    ],
)
def test_every_error_a_person_can_act_on_is_a_user_error(kind: type[Exception]) -> None:
    assert issubclass(kind, UserError)


def test_the_old_bases_still_catch_them() -> None:
    """Code that caught the old types keeps working while it moves to UserError."""
    assert issubclass(errors.NotFoundError, LookupError)
    assert issubclass(student_service.DuplicateStudentError, ValueError)
    assert issubclass(errors.WriteError, OSError)
    assert issubclass(errors.DiskFullError, errors.StorageError)
    assert issubclass(errors.DatabaseInUseError, errors.DatabaseError)


@pytest.mark.parametrize("kind", [CatalogError, ExchangeError, RosterError])
def test_the_domains_parse_errors_are_user_errors(kind: type[Exception]) -> None:
    assert issubclass(kind, UserError)


# ---------------------------------------------------------------- by code, not by text


def test_sqlite_failures_are_classified_by_their_code(tmp_path: Path) -> None:
    path = tmp_path / "gradmatch.sqlite3"
    cases = [
        (13, "SQLITE_FULL", errors.DiskFullError, "Free some space"),
        (8, "SQLITE_READONLY", errors.ReadOnlyDatabaseError, "read-only"),
        (8 | 4 << 8, "SQLITE_READONLY_DBMOVED", errors.ReadOnlyDatabaseError, "read-only"),
        (5, "SQLITE_BUSY", errors.DatabaseBusyError, "Try again in a moment"),
        (6, "SQLITE_LOCKED", errors.DatabaseBusyError, "Try again in a moment"),
        (10 | 3 << 8, "SQLITE_IOERR_WRITE", errors.DiskTroubleError, "still connected"),
        (14, "SQLITE_CANTOPEN", errors.CannotOpenError, "cannot be opened"),
        (11, "SQLITE_CORRUPT", errors.DamagedDatabaseError, "Restore a backup"),
        (26, "SQLITE_NOTADB", errors.DamagedDatabaseError, "Restore a backup"),
    ]
    for code, name, kind, words in cases:
        known = from_sqlite(path, _sqlite_error(code, name, "some words"))
        assert type(known) is kind, name
        assert words in str(known) and known.code == name and known.path == path


def test_the_message_text_decides_nothing(tmp_path: Path) -> None:
    # A wrong statement whose text says "full" and "locked" is a bug, not a full disk...
    lying = _sqlite_error(1, "SQLITE_ERROR", "no such table: database or disk is full, locked")
    assert from_sqlite(tmp_path / "x.sqlite3", lying) is None
    # ...and a full disk described in other words is still a full disk.
    quiet = _sqlite_error(13, "SQLITE_FULL", "something odd happened")
    assert isinstance(from_sqlite(tmp_path / "x.sqlite3", quiet), errors.DiskFullError)
    assert from_sqlite(tmp_path / "x.sqlite3", ValueError("disk full")) is None


def test_a_bug_in_a_unit_of_work_stays_a_bug(database: Database) -> None:
    """A wrong statement that mentions a locked, full database is not reported as one."""
    with (
        pytest.raises(OperationalError, match="no such table") as caught,
        database.unit_of_work() as session,
    ):
        session.execute(text('SELECT * FROM "database is locked or disk is full"'))
    assert not isinstance(caught.value, UserError)


def test_real_sqlite_failures_become_user_errors_and_save_nothing(database: Database) -> None:
    before = content(database.path)
    restrict(database, full_pragma(database.path))
    with pytest.raises(errors.DiskFullError, match="The disk is full: nothing was saved"):
        student_service.save_student(database, _profile("x" * 9_000))
    restrict(database, "PRAGMA max_page_count = 1000000", READ_ONLY)
    with pytest.raises(errors.ReadOnlyDatabaseError, match="is read-only"):
        student_service.save_student(database, _profile())
    restrict(database, "PRAGMA query_only = OFF", SHORT_WAIT)
    with (
        write_lock_held(database.path),
        pytest.raises(errors.DatabaseBusyError, match="busy: another program"),
    ):
        student_service.save_student(database, _profile())
    assert content(database.path) == before
    assert not database.changed  # a refused unit of work asks for no backup on close


def test_a_damaged_page_is_a_damaged_database(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE t (x TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [("y" * 500,)] * 200)
        connection.commit()
    with path.open("r+b") as handle:  # the table's pages overwritten with noise
        handle.seek(4096 * 2)
        handle.write(os.urandom(4096 * 4))
    with closing(sqlite3.connect(path)) as connection, pytest.raises(sqlite3.Error) as caught:
        connection.execute("SELECT count(*), max(x) FROM t").fetchall()
    known = from_sqlite(path, caught.value)
    assert isinstance(known, errors.DamagedDatabaseError)
    assert "damaged.sqlite3 is damaged" in str(known) and "Restore a backup" in str(known)


# ---------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "the disk is full (No space left on device). Free some space"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "you may not write there"),
    ],
)
def test_a_refused_file_write_says_why_and_what_to_do(
    tmp_path: Path, number: int, words: str
) -> None:
    target = tmp_path / "roster.csv"
    target.write_text("the earlier roster", encoding="utf-8")

    def refused(_stream: object) -> None:
        raise OSError(number, os.strerror(number))

    with pytest.raises(WriteError) as caught:
        write_atomically(target, refused)
    assert isinstance(caught.value, UserError)
    assert str(caught.value).startswith("roster.csv cannot be written: ") and words in str(
        caught.value
    )
    assert target.read_text(encoding="utf-8") == "the earlier roster"
    assert [p.name for p in tmp_path.iterdir()] == ["roster.csv"]


def test_an_unknown_os_refusal_keeps_the_systems_words() -> None:
    assert os_error_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == (
        "Invalid cross-device link"
    )


def test_a_backup_the_disk_refuses_is_a_message_and_leaves_no_partial_copy(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gradmatch.store import backup as store_backup

    folder = store_backup.backups_dir(database.path)
    real_connect = sqlite3.connect

    def connect(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        connection: sqlite3.Connection = real_connect(target, *args, **kwargs)  # type: ignore[arg-type]
        if str(target).startswith(str(folder)):
            connection.execute("PRAGMA max_page_count = 2")  # the copy meets a full disk
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)  # the same module store.backup uses
    with pytest.raises(errors.DiskFullError, match="The disk is full"):
        backups_service.backup_now(database)
    assert list(folder.glob("*.sqlite3*")) == []


# ---------------------------------------------------------------- the command line


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line(err: str) -> str:
    assert err.startswith("gradmatch: error: ") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize(
    ("pragmas", "words"),
    [
        ((READ_ONLY,), "is read-only, so nothing was saved"),
        ((SHORT_WAIT,), "is busy: another program is writing to it"),
    ],
)
def test_the_command_line_prints_a_refused_import_as_one_line(
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pragmas: tuple[str, ...],
    words: str,
) -> None:
    before = content(db_path)
    restrict_every_engine(monkeypatch, *pragmas)
    with write_lock_held(db_path) if SHORT_WAIT in pragmas else nullcontext():
        code, out, err = _run(capsys, "--db", str(db_path), "student", "import", str(ROSTER))
    assert (code, out) == (1, "")
    assert words in _one_line(err)
    assert content(db_path) == before


def test_the_command_line_prints_a_full_disk_as_one_line(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roster = tmp_path / "long-notes.csv"
    roster.write_text(f"full_name,email,notes\nAna Full,ana@example.org,{'x' * 9_000}\n")
    restrict_every_engine(monkeypatch, full_pragma(db_path))
    before = content(db_path)
    code, _out, err = _run(capsys, "--db", str(db_path), "student", "import", str(roster))
    assert code == 1
    assert "The disk is full: nothing was saved. Free some space and try again." in _one_line(err)
    assert content(db_path) == before


def test_the_command_line_lets_a_bug_through_with_its_traceback(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_db: Database) -> None:
        raise RuntimeError("a programming error")

    monkeypatch.setattr(catalog_service, "load_view", broken)
    with pytest.raises(RuntimeError, match="a programming error"):
        main(["--db", str(demo_db), "catalog", "list"])
    assert "gradmatch: error" not in capsys.readouterr().err

    # Not even a ValueError (the usual disguise of a bug) is taken for the user's fault.
    def wrong(_db: Database, _student_id: int, **_options: object) -> None:
        raise ValueError("math domain error")

    monkeypatch.setattr(matching_service, "match_student", wrong)
    with pytest.raises(ValueError, match="math domain error"):
        main(["--db", str(demo_db), "match", "DEMO-001"])


def test_a_bug_in_a_real_process_is_a_traceback_and_exit_1(db_path: Path) -> None:
    script = (
        "import sys\n"
        "from gradmatch.services import catalog\n"
        "def broken(db):\n"
        "    raise RuntimeError('a programming error')\n"
        "catalog.load_view = broken\n"
        "from gradmatch.app import main\n"
        f"sys.exit(main(['--db', {str(db_path)!r}, 'catalog', 'list']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert "RuntimeError: a programming error" in done.stderr
    assert "gradmatch: error" not in done.stderr
