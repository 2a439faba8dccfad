"""The meeting log use cases: list, add, edit and delete a student's dated contacts.

Each call is one unit of work; writes return the entry as stored. Counselor-only: nothing
here is read by the profile file, the roster or the student edition.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from gradmatch.domain.meeting_log import LogEntry, LogRecord
from gradmatch.services.database import Database
from gradmatch.services.errors import NotFoundError
from gradmatch.store import meeting_log_repo, student_repo


def _check_student(session: Session, student_id: int) -> None:
    if student_repo.load(session, student_id) is None:
        raise NotFoundError(f"no student with number {student_id}")


def _check_entry(session: Session, student_id: int, entry_id: int) -> None:
    if meeting_log_repo.student_of(session, entry_id) != student_id:
        raise NotFoundError(
            f"no log entry number {entry_id} for this student (deleted in the meantime?)"
        )


def log_entries(db: Database, student_id: int) -> list[LogRecord]:
    """The student's log, newest first (same date: the entry added last first)."""
    with db.unit_of_work() as session:
        _check_student(session, student_id)
        return meeting_log_repo.entries(session, student_id)


def add_log_entry(db: Database, student_id: int, entry: LogEntry) -> LogRecord:
    with db.unit_of_work() as session:
        _check_student(session, student_id)
        return meeting_log_repo.add(session, student_id, entry)


def edit_log_entry(db: Database, student_id: int, entry_id: int, entry: LogEntry) -> LogRecord:
    """Replace the entry's date, kind and text (it must be in ``student_id``'s log)."""
    with db.unit_of_work() as session:
        _check_entry(session, student_id, entry_id)
        return meeting_log_repo.update(session, entry_id, entry)


def delete_log_entry(db: Database, student_id: int, entry_id: int) -> None:
    with db.unit_of_work() as session:
        _check_entry(session, student_id, entry_id)
        meeting_log_repo.remove(session, entry_id)
