"""Trouble in the user's environment is a message, never a traceback: on the command line
one line on stderr and exit 1. Folders that may not be read or written (for --db, for
--out and --out-dir, for imports), names too long for the system, symbolic-link loops and
endless inputs, each met at every door it can come through; a database that another
program holds, or that may not be written, says so when it is opened ("in use by another
program — try again", "read-only: …"), never "cannot be opened as a GradMatch database".
Absurd numbers in imported files: test_absurd_numbers.py. The window's side:
tests/gui/test_environment_trouble.py."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from gradmatch import locations
from gradmatch.app import main
from gradmatch.domain.exchange import dump_profile
from gradmatch.domain.profile import StudentProfile
from gradmatch.store import engine as store_engine
from gradmatch.store import migrations
from tests.conftest import ROOT
from tests.refusals import READ_ONLY, UNREADABLE, refused_folder
from tests.sqlite_trouble import content

ROSTER = ROOT / "resources" / "demo" / "students.csv"
LONG = "n" * 300  # a file name of 300 bytes: the limit is 255
PROFILE = dump_profile(
    StudentProfile.model_validate({"full_name": "Ana Sent", "email": "ana@example.org"})
)


def _one_line_failure(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run the command line; it must fail with exit 1 and one line on stderr, no traceback."""
    code = main(list(argv))
    err = capsys.readouterr().err
    assert code == 1, (argv, err)
    assert err.startswith("gradmatch: error: ") and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.fixture(autouse=True)
def _short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program's lock is met after a tenth of a second instead of five."""
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT", 0.1)


# ---------------------------------------------------------------- folders refused


def _in_folder(folder: Path, name: str, source: Path | None = None, text: str = "") -> Path:
    path = folder / name
    if source is not None:
        shutil.copy(source, path)
    elif text:
        path.write_text(text, encoding="utf-8")
    return path


FOLDER_CASES: list[tuple[str, int, Callable[[Path, Path], list[str]], str]] = [
    (
        "--db in a folder that may not be read",
        UNREADABLE,
        lambda f, db: ["--db", str(_in_folder(f, "g.sqlite3", db)), "catalog", "list"],
        "you may not read it",
    ),
    (
        "--db in a folder that may not be read, a command that writes",
        UNREADABLE,
        lambda f, db: [
            "--db",
            str(_in_folder(f, "g.sqlite3", db)),
            "student",
            "import",
            str(ROSTER),
        ],
        "g.sqlite3 cannot be opened",
    ),
    (
        "a new --db in a read-only folder",
        READ_ONLY,
        lambda f, _db: ["--db", str(f / "new.sqlite3"), "catalog", "list"],
        "cannot be used: you may not write there",
    ),
    (
        "--db in a read-only folder",
        READ_ONLY,
        lambda f, db: ["--db", str(_in_folder(f, "g.sqlite3", db)), "catalog", "list"],
        "g.sqlite3 is read-only: ",
    ),
    (
        "--db in a read-only folder, a command that writes",
        READ_ONLY,
        lambda f, db: [
            "--db",
            str(_in_folder(f, "g.sqlite3", db)),
            "student",
            "add",
            "full_name=Ana Ruiz",
            "email=ana@example.org",
        ],
        "you may not write there",
    ),
    (
        "export --out into a read-only folder",
        READ_ONLY,
        lambda f, db: ["--db", str(db), "export", "DEMO-001", "--out", str(f / "zoe.pdf")],
        "zoe.pdf cannot be written: you may not write there",
    ),
    (
        "export --all --out-dir, a read-only folder",
        READ_ONLY,
        lambda f, db: ["--db", str(db), "export", "--all", "--out-dir", str(f)],
        "Nothing can be written in the folder",
    ),
    (
        "student export --out into a folder that may not be read",
        UNREADABLE,
        lambda f, db: [
            "--db",
            str(db),
            "student",
            "export",
            "DEMO-001",
            "--out",
            str(f / "zoe.csv"),
        ],
        "zoe.csv cannot be written",
    ),
    (
        "a roster in a folder that may not be read",
        UNREADABLE,
        lambda f, db: [
            "--db",
            str(db),
            "student",
            "import",
            str(_in_folder(f, "r.csv", ROSTER)),
        ],
        "cannot be read: you may not read it",
    ),
    (
        "a profile file in a folder that may not be read",
        UNREADABLE,
        lambda f, db: [
            "--db",
            str(db),
            "student",
            "import",
            str(_in_folder(f, "ana.gradmatch.json", text=PROFILE)),
        ],
        "cannot be read: you may not read it",
    ),
    (
        "a catalog in a folder that may not be read",
        UNREADABLE,
        lambda f, db: [
            "--db",
            str(db),
            "catalog",
            "import",
            str(_in_folder(f, "c.json", locations.shipped_catalog())),
        ],
        "cannot be read: you may not read it",
    ),
]


@pytest.mark.parametrize(
    ("mode", "argv", "words"),
    [case[1:] for case in FOLDER_CASES],
    ids=[case[0] for case in FOLDER_CASES],
)
def test_a_folder_that_is_refused_is_one_line(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mode: int,
    argv: Callable[[Path, Path], list[str]],
    words: str,
) -> None:
    before = content(demo_db)
    folder = tmp_path / "refused"
    folder.mkdir()
    arguments = argv(folder, demo_db)
    with refused_folder(folder, mode):
        err = _one_line_failure(capsys, *arguments)
    assert words in err
    assert "cannot be opened as a GradMatch database" not in err
    assert content(demo_db) == before


# ---------------------------------------------------------------- names and links


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    """A symbolic link that leads back to itself."""
    link = tmp_path / "loop"
    link.symlink_to(link)
    return link


NAME_CASES: list[tuple[str, Callable[[Path, Path, Path], list[str]], str]] = [
    (
        "--db named too long",
        lambda t, _l, _db: ["--db", str(t / f"{LONG}.sqlite3"), "catalog", "list"],
        "the name is too long",
    ),
    (
        "--db named too long, a command that writes",
        lambda t, _l, _db: ["--db", str(t / f"{LONG}.sqlite3"), "student", "import", str(ROSTER)],
        "the name is too long",
    ),
    (
        "a roster named too long",
        lambda t, _l, db: ["--db", str(db), "student", "import", str(t / f"{LONG}.csv")],
        "the name is too long",
    ),
    (
        "a catalog named too long",
        lambda t, _l, db: ["--db", str(db), "catalog", "import", str(t / f"{LONG}.json")],
        "the name is too long",
    ),
    (
        "a PDF named too long",
        lambda t, _l, db: ["--db", str(db), "export", "DEMO-001", "--out", str(t / f"{LONG}.pdf")],
        "the name is too long",
    ),
    (
        "a roster export named too long",
        lambda t, _l, db: [
            "--db",
            str(db),
            "student",
            "export",
            "DEMO-001",
            "--out",
            str(t / f"{LONG}.csv"),
        ],
        "the name is too long",
    ),
    (
        "--out-dir named too long",
        lambda t, _l, db: ["--db", str(db), "export", "--all", "--out-dir", str(t / LONG)],
        "the name is too long",
    ),
    (
        "a backup named too long",
        lambda t, _l, db: ["--db", str(db), "backup", "restore", str(t / f"{LONG}.sqlite3")],
        "is not a backup",
    ),
    (
        "--db is a link loop",
        lambda _t, lp, _db: ["--db", str(lp), "catalog", "list"],
        "leads back to itself",
    ),
    (
        "--db behind a link loop",
        lambda _t, lp, _db: ["--db", str(lp / "g.sqlite3"), "catalog", "list"],
        "leads back to itself",
    ),
    (
        "--db behind a link loop, a command that writes",
        lambda _t, lp, _db: ["--db", str(lp / "g.sqlite3"), "student", "import", str(ROSTER)],
        "leads back to itself",
    ),
    (
        "a roster that is a link loop",
        lambda _t, lp, db: ["--db", str(db), "student", "import", str(lp)],
        "leads back to itself",
    ),
    (
        "a catalog behind a link loop",
        lambda _t, lp, db: ["--db", str(db), "catalog", "import", str(lp / "c.json")],
        "leads back to itself",
    ),
    (
        "a PDF behind a link loop",
        lambda _t, lp, db: ["--db", str(db), "export", "DEMO-001", "--out", str(lp / "z.pdf")],
        "leads back to itself",
    ),
    (
        "--out-dir is a link loop",
        lambda _t, lp, db: ["--db", str(db), "export", "--all", "--out-dir", str(lp)],
        "leads back to itself",
    ),
    (
        "a backup that is a link loop",
        lambda _t, lp, db: ["--db", str(db), "backup", "restore", str(lp)],
        "is not a backup",
    ),
]


@pytest.mark.parametrize(
    ("argv", "words"), [case[1:] for case in NAME_CASES], ids=[case[0] for case in NAME_CASES]
)
def test_names_too_long_and_link_loops_are_one_line(
    demo_db: Path,
    tmp_path: Path,
    loop: Path,
    capsys: pytest.CaptureFixture[str],
    argv: Callable[[Path, Path, Path], list[str]],
    words: str,
) -> None:
    before = content(demo_db)
    err = _one_line_failure(capsys, *argv(tmp_path, loop, demo_db))
    assert words in err
    assert content(demo_db) == before


# ---------------------------------------------------------------- endless inputs


@pytest.fixture
def pipes(tmp_path: Path) -> Iterator[Path]:
    """Named pipes with the names of the files an import expects: opening one to read would
    wait for ever for a writer."""
    folder = tmp_path / "pipes"
    folder.mkdir()
    for name in ("roster.csv", "ana.gradmatch.json", "catalog.json", "g.sqlite3"):
        os.mkfifo(folder / name)
    yield folder


@pytest.mark.parametrize(
    ("command", "source"),
    [
        (["student", "import"], "/dev/zero"),
        (["catalog", "import"], "/dev/zero"),
        (["catalog", "import", "--preview"], "/dev/zero"),
        (["student", "import"], "roster.csv"),
        (["student", "import"], "ana.gradmatch.json"),
        (["catalog", "import"], "catalog.json"),
    ],
)
def test_an_endless_input_is_refused_before_it_is_read(
    demo_db: Path,
    pipes: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    source: str,
) -> None:
    path = source if source.startswith("/") else str(pipes / source)
    err = _one_line_failure(capsys, "--db", str(demo_db), *command, path)
    assert "is a device or a pipe, not a file" in err


@pytest.mark.parametrize("database", ["/dev/zero", "g.sqlite3"])
def test_a_device_or_a_pipe_as_the_database_is_refused(
    pipes: Path, capsys: pytest.CaptureFixture[str], database: str
) -> None:
    path = database if database.startswith("/") else str(pipes / database)
    err = _one_line_failure(capsys, "--db", path, "catalog", "list")
    assert "is empty: it is not a GradMatch database" in err


# ---------------------------------------------------------------- a database held or read-only


@contextmanager
def _held(path: Path, *, exclusive: bool) -> Iterator[None]:
    """Another program (not GradMatch) writing to ``path``: with ``exclusive``, one that keeps
    even readers out (SQLite's exclusive locking mode)."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        if exclusive:
            other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO setting (key, value) VALUES ('other_program', '1')")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


def _old_schema(path: Path) -> Path:
    """A database of an earlier GradMatch, which this one upgrades (after a backup)."""
    engine = store_engine.make_engine(path)
    migrations.run_alembic_upgrade(engine, "0004_student_search")
    engine.dispose()
    return path


IN_USE = "is in use by another program, which holds a lock on it — try again"


@pytest.mark.parametrize("command", [["catalog", "list"], ["student", "import", str(ROSTER)]])
def test_a_database_another_program_holds_is_in_use_not_damaged(
    db_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    before = content(db_path)
    with _held(db_path, exclusive=True):
        err = _one_line_failure(capsys, "--db", str(db_path), *command)
    assert f"{db_path.name} {IN_USE}" in err
    assert "cannot be opened as a GradMatch database" not in err
    assert content(db_path) == before


def test_an_old_database_another_program_writes_to_is_in_use_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The upgrade needs to write: it meets the other program's lock, says so, and leaves
    the database as it was (it used to wait for ever restoring the backup)."""
    path = _old_schema(tmp_path / "old.sqlite3")
    before = content(path)
    with _held(path, exclusive=False):
        err = _one_line_failure(capsys, "--db", str(path), "catalog", "list")
    assert f"old.sqlite3 {IN_USE}" in err
    assert content(path) == before
    assert main(["--db", str(path), "catalog", "list"]) == 0  # once let go of, it opens


def test_an_old_database_whose_backup_cannot_be_written_says_why_it_cannot_be_upgraded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The upgrade backs the database up first; a backups folder that may not be written
    stops it before anything is changed, and says so (it was a traceback)."""
    path = _old_schema(tmp_path / "old.sqlite3")
    before = content(path)
    with refused_folder(tmp_path / "backups", READ_ONLY):
        err = _one_line_failure(capsys, "--db", str(path), "catalog", "list")
    assert "old.sqlite3 must be upgraded by this version of GradMatch, which backs it up" in err
    assert "you may not write there" in err
    assert content(path) == before
    assert main(["--db", str(path), "catalog", "list"]) == 0  # a writable folder: upgraded


def test_a_backup_or_a_restore_never_waits_for_ever_for_another_program(db_path: Path) -> None:
    """SQLite's backup function met another program's lock by waiting, for ever (the
    command line hung): it waits as long as any statement does, then says busy."""
    from gradmatch.services import backups
    from gradmatch.services.database import open_database
    from gradmatch.services.errors import DatabaseBusyError

    db = open_database(db_path)
    earlier = backups.backup_now(db)
    before = content(db_path)
    db.engine.dispose()  # the window's connections idle: the other program gets its lock
    with _held(db_path, exclusive=True):
        with pytest.raises(DatabaseBusyError, match="busy: another program is writing to it"):
            backups.backup_now(db)
        with pytest.raises(DatabaseBusyError, match="busy: another program is writing to it"):
            backups.restore(db, earlier)
    assert sorted(p.name for p in earlier.parent.glob("*.sqlite3")) == [earlier.name]
    db.close()
    assert content(db_path) == before


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (["backup", "list"], "The backups of gradmatch.sqlite3 cannot be read"),
        (["backup", "now"], "cannot be written: you may not write there"),
        (["backup", "restore", "x.sqlite3"], "The backups of gradmatch.sqlite3 cannot be read"),
    ],
)
def test_a_backups_folder_that_may_not_be_read_is_one_line(
    demo_db: Path, capsys: pytest.CaptureFixture[str], command: list[str], words: str
) -> None:
    before = content(demo_db)
    with refused_folder(demo_db.parent / "backups", UNREADABLE):
        err = _one_line_failure(capsys, "--db", str(demo_db), *command)
    assert words in err
    assert content(demo_db) == before
