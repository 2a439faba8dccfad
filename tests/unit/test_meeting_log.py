"""The meeting log: dated contacts per student, newest first, counselor-only (issue 15)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from gradmatch.domain.meeting_log import (
    MAX_TEXT,
    LogEntry,
    LogEntryError,
    LogKind,
    read_entry,
    stored_entry,
    summary_line,
)
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import matching
from gradmatch.services import meeting_log as log_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.services.errors import NotFoundError

SECRET = "Talked about her brother's illness; deadline extension asked"


def _student(db: Database, name: str = "Ana Ruiz", email: str = "ana@example.org") -> int:
    profile = StudentProfile.model_validate({"full_name": name, "email": email})
    return student_service.save_student(db, profile).id


def _entry(on: date, text: str, kind: LogKind = LogKind.MEETING) -> LogEntry:
    return read_entry(on, kind, text)


# ---------------------------------------------------------------- what an entry may say


def test_an_entry_needs_its_text() -> None:
    with pytest.raises(LogEntryError, match="needs its text"):
        read_entry(date(2026, 1, 5), "meeting", "   \n\t ")


def test_control_characters_are_refused_but_tabs_and_line_breaks_are_fine() -> None:
    with pytest.raises(LogEntryError, match="cannot contain control characters"):
        read_entry(date(2026, 1, 5), "call", "ok\x1b]0;owned\x07")
    entry = read_entry(date(2026, 1, 5), "call", "first line\r\n\tsecond line")
    assert entry.text == "first line\r\n\tsecond line"


def test_a_text_longer_than_the_limit_is_refused_with_its_length() -> None:
    assert read_entry(date(2026, 1, 5), "email", "x" * MAX_TEXT).text == "x" * MAX_TEXT
    with pytest.raises(LogEntryError, match=r"at most 4,000 characters \(this one has 4,001\)"):
        read_entry(date(2026, 1, 5), "email", "x" * (MAX_TEXT + 1))


def test_the_date_is_today_or_before_never_in_the_future() -> None:
    today = date.today()
    assert read_entry(today, "meeting", "Met after class").on == today
    with pytest.raises(LogEntryError, match="cannot be in the future"):
        read_entry(today + timedelta(days=1), "meeting", "Planned visit")
    with pytest.raises(LogEntryError, match="too long ago"):
        read_entry(date(1989, 12, 31), "meeting", "Ancient history")
    # Stored before the computer's clock was set back: still read as stored.
    later = stored_entry({"on": today + timedelta(days=3), "kind": "call", "text": "kept"})
    assert later.on == today + timedelta(days=3)


def test_the_kind_is_meeting_email_or_call() -> None:
    assert [k.value for k in LogKind] == ["meeting", "email", "call"]
    assert read_entry("2026-01-05", "email", "Sent the SOP draft").kind is LogKind.EMAIL
    with pytest.raises(LogEntryError, match="The kind is meeting, email or call"):
        read_entry(date(2026, 1, 5), "text message", "hi")
    with pytest.raises(LogEntryError, match="YYYY-MM-DD"):
        read_entry("5 Jan", "email", "hi")


def test_an_entry_is_listed_on_one_line() -> None:
    entry = _entry(date(2026, 1, 5), "Went over the SOP.\n\nNext: letters.", LogKind.CALL)
    assert summary_line(entry) == "2026-01-05 · Call · Went over the SOP. Next: letters."


# ---------------------------------------------------------------- stored


def test_the_log_lists_newest_first_and_same_day_entries_last_added_first(
    database: Database,
) -> None:
    ana = _student(database)
    log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), "first meeting"))
    log_service.add_log_entry(database, ana, _entry(date(2026, 3, 1), "march call", LogKind.CALL))
    log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), "same day, email later"))
    log_service.add_log_entry(database, ana, _entry(date(2025, 12, 1), "before all"))
    texts = [r.entry.text for r in log_service.log_entries(database, ana)]
    assert texts == ["march call", "same day, email later", "first meeting", "before all"]


def test_each_student_has_their_own_log(database: Database) -> None:
    ana = _student(database)
    ben = _student(database, "Ben Okafor", "ben@example.org")
    log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), "Ana's meeting"))
    assert log_service.log_entries(database, ben) == []
    (record,) = log_service.log_entries(database, ana)
    with pytest.raises(NotFoundError):  # an entry of Ana's log, named as Ben's
        log_service.delete_log_entry(database, ben, record.id)
    with pytest.raises(NotFoundError):
        log_service.edit_log_entry(database, ben, record.id, _entry(date(2026, 1, 5), "x"))
    assert [r.entry.text for r in log_service.log_entries(database, ana)] == ["Ana's meeting"]


def test_edit_and_delete_an_entry(database: Database) -> None:
    ana = _student(database)
    first = log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), "typo"))
    second = log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), "second"))
    edited = log_service.edit_log_entry(
        database, ana, first.id, _entry(date(2026, 1, 5), "fixed", LogKind.EMAIL)
    )
    assert (edited.entry.text, edited.entry.kind, edited.created_at) == (
        "fixed", LogKind.EMAIL, first.created_at,
    )  # fmt: skip
    # An edit keeps the entry's place among the entries of its day.
    assert [r.id for r in log_service.log_entries(database, ana)] == [second.id, first.id]
    log_service.delete_log_entry(database, ana, second.id)
    assert [r.entry.text for r in log_service.log_entries(database, ana)] == ["fixed"]
    with pytest.raises(NotFoundError):
        log_service.delete_log_entry(database, ana, second.id)


def test_no_log_for_a_student_that_does_not_exist(database: Database) -> None:
    with pytest.raises(NotFoundError, match="no student with number 999"):
        log_service.add_log_entry(database, 999, _entry(date(2026, 1, 5), "nobody"))
    with pytest.raises(NotFoundError):
        log_service.log_entries(database, 999)


def test_the_database_refuses_what_the_domain_refuses(database: Database) -> None:
    ana = _student(database)
    database.close()
    with closing(sqlite3.connect(database.path)) as connection:
        for values in [
            ("2026-01-05", "text message", "hi"),
            ("2026-01-05", "call", "   "),
            ("5 Jan 2026", "call", "hi"),
            ("2026-01-05", "call", "x" * (MAX_TEXT + 1)),
        ]:
            with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint"):
                connection.execute(
                    "INSERT INTO meeting_log (student_id, on_date, kind, text, created_at) "
                    "VALUES (?, ?, ?, ?, '2026-01-05T10:00:00+00:00')",
                    (ana, *values),
                )


def test_a_log_write_keeps_the_matchers_catalog_cache(database: Database) -> None:
    """The log is one student's data: writing it does not make the next ranking reload the
    catalog (as a catalog or settings write does)."""
    ana = _student(database)
    context = matching.match_context(database)
    log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), "met"))
    assert matching.match_context(database) is context


# ---------------------------------------------------------------- deleted with the student


def test_deleting_a_student_deletes_their_log(database: Database) -> None:
    ana = _student(database)
    ben = _student(database, "Ben Okafor", "ben@example.org")
    for student in (ana, ben):
        log_service.add_log_entry(database, student, _entry(date(2026, 1, 5), f"met {student}"))
    student_service.delete_student(database, ana)
    with closing(sqlite3.connect(database.path)) as connection:
        left = connection.execute("SELECT student_id, text FROM meeting_log").fetchall()
    assert left == [(ben, f"met {ben}")]


def _all_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_a_deleted_students_log_leaves_no_trace_in_the_file(database: Database) -> None:
    for number in range(3):  # neighbours on the same pages
        neighbour = _student(database, f"Neighbour {number}", f"n{number}@example.org")
        log_service.add_log_entry(database, neighbour, _entry(date(2026, 1, 5), "routine"))
    ana = _student(database)
    log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), SECRET * 10))
    assert SECRET.encode() in _all_bytes(database.path)
    student_service.delete_student(database, ana)
    database.close()
    assert SECRET.encode() not in _all_bytes(database.path)


def test_a_backup_holds_the_log(database: Database, tmp_path: Path) -> None:
    from gradmatch.services import backups

    ana = _student(database)
    log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), SECRET))
    backup = backups.backup_now(database)
    with closing(sqlite3.connect(backup)) as connection:
        assert connection.execute("SELECT text FROM meeting_log").fetchall() == [(SECRET,)]


# ---------------------------------------------------------------- counselor-only


def test_the_log_never_travels_in_a_profile_file_or_a_roster(
    database: Database, tmp_path: Path
) -> None:
    ana = _student(database)
    log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), SECRET, LogKind.CALL))
    profile_file = student_service.export_profile_file(
        database, ana, tmp_path / "ana.gradmatch.json"
    )
    student_service.export_roster(database, tmp_path / "roster.csv")
    for written in (profile_file, tmp_path / "roster.csv"):
        text = written.read_text(encoding="utf-8")
        assert "Ana Ruiz" in text
        assert SECRET not in text and "2026-01-05" not in text
    student = json.loads(profile_file.read_text(encoding="utf-8"))["student"]
    assert not {"log", "meeting_log", "notes"} & set(student)
    # Imported back over Ana, the file leaves her log as it was.
    student_service.import_profile_file(database, profile_file)
    assert [r.entry.text for r in log_service.log_entries(database, ana)] == [SECRET]


# ---------------------------------------------------------------- the PDF: a counselor's copy only


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_the_pdf_has_the_log_only_in_a_counselors_copy(database: Database, tmp_path: Path) -> None:
    from gradmatch.services import reports

    ana = _student(database)
    log_service.add_log_entry(database, ana, _entry(date(2026, 1, 5), "Older call", LogKind.CALL))
    log_service.add_log_entry(
        database, ana, _entry(date(2026, 2, 9), f"{SECRET}\nNext: letters.", LogKind.EMAIL)
    )
    students_copy = _pdf_text(reports.export_shortlist(database, ana, tmp_path / "ana.pdf"))
    assert "Ana Ruiz" in students_copy
    assert SECRET not in students_copy and "Older call" not in students_copy
    assert "meeting log" not in students_copy.casefold()

    counselors_copy = _pdf_text(
        reports.export_shortlist(database, ana, tmp_path / "ana-log.pdf", with_log=True)
    )
    assert "Counselor's copy: this PDF includes the meeting log" in counselors_copy
    assert "Meeting log — counselor's copy" in counselors_copy
    log_part = counselors_copy[counselors_copy.index("Meeting log — counselor's copy") :]
    assert log_part.index(SECRET) < log_part.index("Older call")  # newest first
    assert "2026-02-09 Email" in log_part and "Next: letters." in log_part


def test_the_command_line_writes_the_counselors_copy_when_asked(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gradmatch.app import main

    db = ["--db", str(demo_db)]
    assert main([*db, "student", "log", "DEMO-001", "--add", SECRET, "--on", "2026-01-05"]) == 0
    assert main([*db, "export", "DEMO-001", "--out", str(tmp_path / "zoe.pdf")]) == 0
    assert (
        main([*db, "export", "DEMO-001", "--out", str(tmp_path / "zoe-log.pdf"), "--with-log"]) == 0
    )
    out = capsys.readouterr().out
    assert "shortlist (counselor's copy, with the meeting log) to" in out
    assert SECRET not in _pdf_text(tmp_path / "zoe.pdf")
    assert SECRET in _pdf_text(tmp_path / "zoe-log.pdf")
    (tmp_path / "all").mkdir()
    assert main([*db, "export", "--all", "--out-dir", str(tmp_path / "all"), "--with-log"]) == 0
    (zoes,) = (tmp_path / "all").glob("Zo*.pdf")
    assert SECRET in _pdf_text(zoes)
