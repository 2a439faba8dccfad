"""Student rows <-> profiles. Functions take the caller's session (one unit of work)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, delete, func, select
from sqlalchemy.orm import Session

from gradmatch.domain.caseload import (
    CaseloadCounts,
    CaseloadQuery,
    CaseloadSort,
    StudentRecord,
    StudentSummary,
)
from gradmatch.domain.exchange import student_document
from gradmatch.domain.profile import STORED, StudentProfile
from gradmatch.domain.text import fold
from gradmatch.domain.us_states import US_STATES
from gradmatch.store import rows
from gradmatch.store.tables import StudentRow


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


def _fill(row: StudentRow, profile: StudentProfile) -> None:
    row.full_name = profile.full_name
    row.email = profile.email
    row.email_key = profile.email.casefold()
    row.name_key = fold(profile.full_name)
    row.search_key = fold(f"{profile.full_name} {profile.email} {profile.student_id or ''}")
    row.student_code = profile.student_id
    row.state = profile.residency.state
    row.country = profile.residency.country
    row.completed = profile.completed_count
    row.max_total_cost_cents = _cents(profile.budget.max_total_cost)
    row.profile = student_document(profile)


def _record(row: StudentRow) -> StudentRecord:
    return StudentRecord(
        id=row.id,
        profile=StudentProfile.model_validate(row.profile, context=STORED),
        archived=row.archived,
        created_at=datetime.fromisoformat(row.created_at),
        updated_at=datetime.fromisoformat(row.updated_at),
    )


_SUMMARY_COLUMNS = (
    StudentRow.id,
    StudentRow.full_name,
    StudentRow.email,
    StudentRow.student_code,
    StudentRow.state,
    StudentRow.country,
    StudentRow.completed,
    StudentRow.max_total_cost_cents,
    StudentRow.archived,
    StudentRow.updated_at,
)


def _summaries(session: Session, query: Any) -> list[StudentSummary]:
    return [
        StudentSummary(
            id=row.id,
            full_name=row.full_name,
            email=row.email,
            student_id=row.student_code,
            state=row.state,
            country=row.country,
            completed=row.completed,
            max_total_cost=(
                None
                if row.max_total_cost_cents is None
                else Decimal(row.max_total_cost_cents) / 100
            ),
            archived=bool(row.archived),
            updated_at=datetime.fromisoformat(row.updated_at),
        )
        for row in session.execute(query)
    ]


def summaries(session: Session, *, include_archived: bool = True) -> list[StudentSummary]:
    query = select(*_SUMMARY_COLUMNS).order_by(StudentRow.name_key, StudentRow.id)
    if not include_archived:
        query = query.where(StudentRow.archived.is_(False))
    return _summaries(session, query)


def summaries_by_id(session: Session, ids: list[int]) -> list[StudentSummary]:
    """The listed students' summaries in the order of ``ids`` (missing ones left out)."""
    if not ids:
        return []
    found = {
        s.id: s
        for s in _summaries(session, select(*_SUMMARY_COLUMNS).where(StudentRow.id.in_(ids)))
    }
    return [found[i] for i in ids if i in found]


def _residence_key() -> ColumnElement[str]:
    state = case(US_STATES, value=StudentRow.state, else_="United States")
    return case((StudentRow.country == "US", state), else_=StudentRow.country)


_SORT_KEYS: dict[CaseloadSort, Any] = {
    CaseloadSort.NAME: StudentRow.name_key,
    CaseloadSort.READINESS: StudentRow.completed,
    CaseloadSort.BUDGET: StudentRow.max_total_cost_cents,
    CaseloadSort.STUDENT_ID: func.lower(func.coalesce(StudentRow.student_code, "")),
    CaseloadSort.EMAIL: StudentRow.email_key,
    CaseloadSort.UPDATED: StudentRow.updated_at,
}


def ordered_ids(session: Session, query: CaseloadQuery) -> list[int]:
    """The ids of the students ``query`` shows, in its order: the caseload list asks for
    these first and for the rows themselves only as they scroll into view."""
    key = _residence_key() if query.sort is CaseloadSort.RESIDENCE else _SORT_KEYS[query.sort]
    statement = select(StudentRow.id)
    if not query.include_archived:
        statement = statement.where(StudentRow.archived.is_(False))
    for word in query.words:
        statement = statement.where(StudentRow.search_key.contains(word, autoescape=True))
    if query.descending:
        statement = statement.order_by(key.desc(), StudentRow.name_key.desc(), StudentRow.id.desc())
    else:
        statement = statement.order_by(key, StudentRow.name_key, StudentRow.id)
    # Core execution: 10,000 plain integers need none of the ORM's row processing.
    return list(session.connection().execute(statement).scalars())


def counts(session: Session) -> CaseloadCounts:
    total, archived = session.execute(
        select(func.count(), func.coalesce(func.sum(StudentRow.archived), 0))
    ).one()
    return CaseloadCounts(total=int(total), archived=int(archived))


def load(session: Session, student_id: int) -> StudentRecord | None:
    row = session.get(StudentRow, student_id)
    return None if row is None else _record(row)


def load_all(session: Session, ids: list[int] | None = None) -> list[StudentRecord]:
    query = select(StudentRow).order_by(StudentRow.full_name, StudentRow.id)
    if ids is not None:
        query = query.where(StudentRow.id.in_(ids))
    return [_record(row) for row in session.scalars(query)]


def add(session: Session, profile: StudentProfile) -> StudentRecord:
    stamp = _now()
    row = StudentRow(archived=False, created_at=stamp, updated_at=stamp)
    _fill(row, profile)
    session.add(row)
    session.flush()
    return _record(row)


def update(session: Session, student_id: int, profile: StudentProfile) -> StudentRecord:
    row = session.get(StudentRow, student_id)
    if row is None:
        raise KeyError(student_id)
    _fill(row, profile)
    row.updated_at = _now()
    session.flush()
    return _record(row)


def set_archived(session: Session, student_id: int, archived: bool) -> None:
    row = session.get(StudentRow, student_id)
    if row is None:
        raise KeyError(student_id)
    row.archived = archived
    row.updated_at = _now()


def remove(session: Session, student_id: int) -> bool:
    result = session.execute(delete(StudentRow).where(StudentRow.id == student_id))
    return bool(getattr(result, "rowcount", 0))


@dataclass(frozen=True)
class StudentRows:
    """One student's row and every row that refers to it (shortlist, bucket overrides,
    meeting log...), exactly as stored: what a deletion takes away."""

    record: StudentRecord
    student: rows.Row
    dependents: tuple[tuple[str, rows.SavedRows], ...]  # (column referring to the student, rows)


def take(session: Session, student_id: int) -> StudentRows | None:
    """The student's rows as they are, or None when there is no such student."""
    student = rows.save(session, StudentRow.__tablename__, id=student_id)
    if not student.rows:
        return None
    row = session.get(StudentRow, student_id)
    assert row is not None
    dependents = tuple(
        (column, rows.save(session, name, **{column: student_id}))
        for name, column in rows.referring(StudentRow.__tablename__)
    )
    return StudentRows(_record(row), student.rows[0], dependents)


def put_back(session: Session, taken: StudentRows) -> int:
    """Insert a deleted student's rows again, all of them; the student keeps their number
    when it is free (else another student took it since: a new one). Returns the number."""
    student_id = rows.insert_row(session, StudentRow.__tablename__, taken.student)
    for column, saved in taken.dependents:
        for row in saved.rows:
            rows.insert_row(session, saved.table, {**row, column: student_id})
    session.flush()
    return int(student_id)


def id_by_code(session: Session, code: str) -> int | None:
    return session.scalar(select(StudentRow.id).where(StudentRow.student_code == code))


def ids_by_email(session: Session, email: str) -> list[int]:
    return list(
        session.scalars(select(StudentRow.id).where(StudentRow.email_key == email.casefold()))
    )


def ids_by_name(session: Session, full_name: str) -> list[int]:
    return list(session.scalars(select(StudentRow.id).where(StudentRow.full_name == full_name)))
