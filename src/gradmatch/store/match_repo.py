"""Settings, prerequisite overrides, bucket overrides and shortlists."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from gradmatch.domain.catalog import full_name
from gradmatch.domain.matching import Bucket, BucketOverride
from gradmatch.domain.prerequisites import Expectation
from gradmatch.domain.profile import Subject
from gradmatch.domain.shortlist import ShortlistEntry
from gradmatch.store.tables import (
    MatchOverrideRow,
    ProgramExpectationRow,
    ProgramRow,
    SettingRow,
    ShortlistRow,
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def get_setting(session: Session, key: str) -> Any:
    row = session.get(SettingRow, key)
    return None if row is None else row.value


def put_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(SettingRow, key)
    if row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value


def expectation_overrides(session: Session) -> dict[str, dict[Subject, Expectation]]:
    overrides: dict[str, dict[Subject, Expectation]] = {}
    for row in session.scalars(select(ProgramExpectationRow)):
        overrides.setdefault(row.program_id, {})[Subject(row.subject)] = Expectation(
            row.expectation
        )
    return overrides


def set_expectations(session: Session, program_id: str, values: dict[Subject, Expectation]) -> None:
    session.execute(
        delete(ProgramExpectationRow).where(ProgramExpectationRow.program_id == program_id)
    )
    for subject, expectation in values.items():
        session.add(
            ProgramExpectationRow(
                program_id=program_id, subject=subject.value, expectation=expectation.value
            )
        )


def overrides_for(session: Session, student_id: int) -> dict[str, BucketOverride]:
    rows = session.scalars(
        select(MatchOverrideRow).where(MatchOverrideRow.student_id == student_id)
    )
    return {
        row.program_id: BucketOverride(
            Bucket(row.bucket), row.reason, datetime.fromisoformat(row.set_at).date()
        )
        for row in rows
    }


def set_override(
    session: Session, student_id: int, program_id: str, override: BucketOverride | None
) -> None:
    row = session.get(MatchOverrideRow, (student_id, program_id))
    if override is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = MatchOverrideRow(student_id=student_id, program_id=program_id)
        session.add(row)
    row.bucket = override.bucket.value
    row.reason = override.reason
    row.set_at = _now()


def shortlist(session: Session, student_id: int) -> list[ShortlistEntry]:
    rows = session.execute(
        select(ShortlistRow, ProgramRow.retired_on, ProgramRow.school, ProgramRow.program,
               ProgramRow.mode)
        .join(ProgramRow, ProgramRow.id == ShortlistRow.program_id)
        .where(ShortlistRow.student_id == student_id)
        .order_by(ShortlistRow.position)
    )  # fmt: skip
    return [
        ShortlistEntry(
            entry.program_id,
            entry.note,
            datetime.fromisoformat(entry.added_at).date(),
            date.fromisoformat(retired_on) if retired_on else None,
            full_name(school, program, mode),
        )
        for entry, retired_on, school, program, mode in rows
    ]


def add_to_shortlist(session: Session, student_id: int, program_id: str, note: str) -> None:
    row = session.get(ShortlistRow, (student_id, program_id))
    if row is not None:
        row.note = note
        return
    last = session.scalar(
        select(func.max(ShortlistRow.position)).where(ShortlistRow.student_id == student_id)
    )
    session.add(
        ShortlistRow(
            student_id=student_id,
            program_id=program_id,
            position=(last + 1) if last is not None else 0,
            note=note,
            added_at=_now(),
        )
    )


def remove_from_shortlist(session: Session, student_id: int, program_id: str) -> None:
    session.execute(
        delete(ShortlistRow).where(
            ShortlistRow.student_id == student_id, ShortlistRow.program_id == program_id
        )
    )


def reorder_shortlist(session: Session, student_id: int, program_ids: list[str]) -> None:
    rows = {
        row.program_id: row
        for row in session.scalars(
            select(ShortlistRow).where(ShortlistRow.student_id == student_id)
        )
    }
    if set(program_ids) != set(rows):
        raise ValueError("the new order must list exactly the programs on the shortlist")
    for position, program_id in enumerate(program_ids):
        rows[program_id].position = position


def student_work_on(session: Session, program_ids: set[str]) -> dict[str, tuple[int, int, int]]:
    """For each of ``program_ids`` with any: (students shortlisting it, notes on those
    entries, bucket overrides) -- what a catalog change must keep."""
    work: dict[str, list[int]] = {}
    shortlisted = session.execute(
        select(
            ShortlistRow.program_id, func.count(), func.count(func.nullif(ShortlistRow.note, ""))
        )
        .where(ShortlistRow.program_id.in_(program_ids))
        .group_by(ShortlistRow.program_id)
    )
    for program_id, students, notes in shortlisted:
        work.setdefault(program_id, [0, 0, 0])[:2] = [students, notes]
    overridden = session.execute(
        select(MatchOverrideRow.program_id, func.count())
        .where(MatchOverrideRow.program_id.in_(program_ids))
        .group_by(MatchOverrideRow.program_id)
    )
    for program_id, overrides in overridden:
        work.setdefault(program_id, [0, 0, 0])[2] = overrides
    return {program_id: (c[0], c[1], c[2]) for program_id, c in work.items()}
