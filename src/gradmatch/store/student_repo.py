"""Student rows <-> profiles. Functions take the caller's session (one unit of work)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gradmatch.domain.caseload import StudentRecord, StudentSummary
from gradmatch.domain.exchange import student_document
from gradmatch.domain.profile import StudentProfile
from gradmatch.store.tables import StudentRow


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


def _fill(row: StudentRow, profile: StudentProfile) -> None:
    row.full_name = profile.full_name
    row.email = profile.email
    row.email_key = profile.email.casefold()
    row.student_code = profile.student_id
    row.state = profile.residency.state
    row.country = profile.residency.country
    row.completed = profile.completed_count
    row.max_total_cost_cents = _cents(profile.budget.max_total_cost)
    row.profile = student_document(profile)


def _record(row: StudentRow) -> StudentRecord:
    return StudentRecord(
        id=row.id,
        profile=StudentProfile.model_validate(row.profile),
        archived=row.archived,
        created_at=datetime.fromisoformat(row.created_at),
        updated_at=datetime.fromisoformat(row.updated_at),
    )


def summaries(session: Session, *, include_archived: bool = True) -> list[StudentSummary]:
    query = select(
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
    ).order_by(StudentRow.full_name, StudentRow.id)
    if not include_archived:
        query = query.where(StudentRow.archived.is_(False))
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


def id_by_code(session: Session, code: str) -> int | None:
    return session.scalar(select(StudentRow.id).where(StudentRow.student_code == code))


def ids_by_email(session: Session, email: str) -> list[int]:
    return list(
        session.scalars(select(StudentRow.id).where(StudentRow.email_key == email.casefold()))
    )


def ids_by_name(session: Session, full_name: str) -> list[int]:
    return list(session.scalars(select(StudentRow.id).where(StudentRow.full_name == full_name)))
