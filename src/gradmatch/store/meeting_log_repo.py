"""Meeting log rows <-> entries. Functions take the caller's session (one unit of work)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gradmatch.domain.meeting_log import LogEntry, LogRecord, stored_entry
from gradmatch.store.tables import MeetingLogRow


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _record(row: MeetingLogRow) -> LogRecord:
    return LogRecord(
        id=row.id,
        student_id=row.student_id,
        entry=stored_entry(
            {"on": date.fromisoformat(row.on_date), "kind": row.kind, "text": row.text}
        ),
        created_at=datetime.fromisoformat(row.created_at),
    )


def _fill(row: MeetingLogRow, entry: LogEntry) -> None:
    row.on_date = entry.on.isoformat()
    row.kind = entry.kind.value
    row.text = entry.text


def entries(session: Session, student_id: int) -> list[LogRecord]:
    """The student's log, newest first: by date, then the entry written down last first
    (ids only grow, so they order entries as they were added, whatever the clock said)."""
    rows = session.scalars(
        select(MeetingLogRow)
        .where(MeetingLogRow.student_id == student_id)
        .order_by(MeetingLogRow.on_date.desc(), MeetingLogRow.id.desc())
    )
    return [_record(row) for row in rows]


def load(session: Session, entry_id: int) -> LogRecord | None:
    row = session.get(MeetingLogRow, entry_id)
    return None if row is None else _record(row)


def add(session: Session, student_id: int, entry: LogEntry) -> LogRecord:
    row = MeetingLogRow(student_id=student_id, created_at=_now())
    _fill(row, entry)
    session.add(row)
    session.flush()
    return _record(row)


def update(session: Session, entry_id: int, entry: LogEntry) -> LogRecord:
    """The entry's date, kind and text replaced; it keeps its place among same-day entries."""
    row = session.get(MeetingLogRow, entry_id)
    if row is None:
        raise KeyError(entry_id)
    _fill(row, entry)
    session.flush()
    return _record(row)


def remove(session: Session, entry_id: int) -> bool:
    row = session.get(MeetingLogRow, entry_id)
    if row is None:
        return False
    session.delete(row)
    return True


def student_of(session: Session, entry_id: int) -> int | None:
    return session.scalar(select(MeetingLogRow.student_id).where(MeetingLogRow.id == entry_id))
