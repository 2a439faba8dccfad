"""The command line has the window's safety net: a bulk write (a roster or profile import,
a catalog import, a restore) takes a backup first whichever door it came through, and
`gradmatch backup now|list|restore` call the same services as the window."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from gradmatch.app import main
from gradmatch.services import backups

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "students.csv"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return sorted(row[0] for row in connection.execute("SELECT full_name FROM student"))


def test_a_wrong_roster_import_from_a_script_can_be_undone(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _names(demo_db)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("full_name,email\nWrong Person,wrong@example.org\n", encoding="utf-8")
    code, _out, err = _run(capsys, "--db", str(demo_db), "student", "import", str(wrong))
    assert code == 0, err
    taken = [b for b in backups.backups(demo_db) if b.reason == "pre-import"]
    assert len(taken) == 1 and _names(taken[0].path) == before  # the state before it


def test_a_catalog_import_from_the_command_line_is_backed_up_first(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = next((ROOT / "resources" / "catalog").glob("*.json"))
    code, _out, err = _run(capsys, "--db", str(demo_db), "catalog", "import", str(catalog))
    assert code == 0, err
    assert [b.reason for b in backups.backups(demo_db)] == ["pre-catalog-import"]


def test_backup_now_list_and_restore_on_the_command_line(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_db)
    code, out, err = _run(capsys, "--db", db, "backup", "now")
    assert code == 0, err
    made = Path(out.strip().rsplit(" ", 1)[-1])
    assert made.exists() and _names(made) == _names(demo_db)
    code, out, _err = _run(capsys, "--db", db, "backup", "list")
    assert code == 0 and made.name in out and "Back up now" in out
    extra = tmp_path / "extra.csv"
    extra.write_text("full_name,email\nAdded Later,later@example.org\n", encoding="utf-8")
    assert _run(capsys, "--db", db, "student", "import", str(extra))[0] == 0
    assert "Added Later" in _names(demo_db)
    code, out, err = _run(capsys, "--db", db, "backup", "restore", made.name)  # asks nothing
    assert code == 0, err
    assert made.name in out  # says which file it restored
    assert "Added Later" not in _names(demo_db)
    undo = [b for b in backups.backups(demo_db) if b.reason == "pre-restore"]
    assert len(undo) == 1 and undo[0].path.name in out
    assert "Added Later" in _names(undo[0].path)  # the restore itself can be undone


def test_restoring_a_file_that_is_not_a_backup_of_this_database_is_refused(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stranger = tmp_path / "stranger.sqlite3"
    stranger.write_bytes(b"not a database")
    before = demo_db.read_bytes()
    code, _out, err = _run(capsys, "--db", str(demo_db), "backup", "restore", str(stranger))
    assert code == 1 and "not a backup of" in err and "gradmatch backup list" in err
    assert demo_db.read_bytes() == before
