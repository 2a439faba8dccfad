"""Student use cases: the caseload, saving profiles, rosters and profile files."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gradmatch.domain import exchange, roster
from gradmatch.domain.caseload import (
    CaseloadCounts,
    CaseloadQuery,
    StudentRecord,
    StudentSummary,
)
from gradmatch.domain.exchange import ExchangeError
from gradmatch.domain.profile import STORED, StudentProfile
from gradmatch.domain.roster import Roster, RosterError
from gradmatch.errors import InputError, UserError
from gradmatch.services import backups
from gradmatch.services.database import Database
from gradmatch.services.drafts import Drafts
from gradmatch.services.errors import NotFoundError
from gradmatch.services.files import read_input, write_atomically
from gradmatch.store import student_repo


class DuplicateStudentError(InputError):
    """Another student already has this student ID."""


class AmbiguousStudentError(UserError, LookupError):
    """More than one student answers to what the user typed."""


class RosterImportError(InputError):
    """A roster with invalid rows, imported with "all or nothing": nothing was imported."""

    def __init__(self, roster_: Roster) -> None:
        self.roster = roster_
        errors = roster_.errors
        super().__init__(
            f"{len(roster_.invalid)} of {len(roster_.rows)} rows have errors, so nothing was "
            f"imported; first: {errors[0]}"
        )


@dataclass(frozen=True)
class ImportResult:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    # Counselor-only keys a profile file had (student.notes): not imported, stored ones kept.
    counselor_only: list[str] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return self.created + self.updated


# ---------------------------------------------------------------- the caseload


def list_students(db: Database, *, include_archived: bool = True) -> list[StudentSummary]:
    with db.unit_of_work() as session:
        return student_repo.summaries(session, include_archived=include_archived)


def caseload_ids(db: Database, query: CaseloadQuery) -> list[int]:
    """The students the list shows, in order, as ids only (cheap for 10,000 students)."""
    with db.unit_of_work() as session:
        return student_repo.ordered_ids(session, query)


def caseload_rows(db: Database, ids: list[int]) -> list[StudentSummary]:
    """The summaries of ``ids``, in that order: the rows scrolling into view."""
    with db.unit_of_work() as session:
        return student_repo.summaries_by_id(session, ids)


def caseload_counts(db: Database) -> CaseloadCounts:
    with db.unit_of_work() as session:
        return student_repo.counts(session)


def get_student(db: Database, student_id: int) -> StudentRecord:
    with db.unit_of_work() as session:
        record = student_repo.load(session, student_id)
    if record is None:
        raise NotFoundError(f"no student with number {student_id}")
    return record


def _check_code_free(session: Session, profile: StudentProfile, own_id: int | None) -> None:
    if profile.student_id is None:
        return
    holder = student_repo.id_by_code(session, profile.student_id)
    if holder is not None and holder != own_id:
        other = student_repo.load(session, holder)
        name = other.profile.full_name if other else "another student"
        raise DuplicateStudentError(f"Student ID {profile.student_id} already belongs to {name}")


def save_student(
    db: Database, profile: StudentProfile, student_id: int | None = None
) -> StudentRecord:
    """Create (``student_id`` None) or replace a student's profile: all of it or nothing."""
    try:
        with db.unit_of_work() as session:
            _check_code_free(session, profile, student_id)
            if student_id is None:
                return student_repo.add(session, profile)
            if student_repo.load(session, student_id) is None:
                raise NotFoundError(f"no student with number {student_id}")
            return student_repo.update(session, student_id, profile)
    except IntegrityError as error:
        raise DuplicateStudentError(f"The student could not be saved: {error.orig}") from None


def duplicate_student(db: Database, student_id: int) -> StudentRecord:
    """A copy to start a similar profile from: same facts, no student ID, "(copy)" in the name."""
    original = get_student(db, student_id).profile
    name = original.full_name
    suffix = " (copy)"
    copy = original.model_copy(
        update={"full_name": name[: 200 - len(suffix)] + suffix, "student_id": None}
    )
    return save_student(db, StudentProfile.model_validate(copy.model_dump(), context=STORED))


def set_archived(db: Database, student_id: int, archived: bool) -> None:
    with db.unit_of_work() as session:
        try:
            student_repo.set_archived(session, student_id, archived)
        except KeyError:
            raise NotFoundError(f"no student with number {student_id}") from None


@dataclass(frozen=True)
class StudentSnapshot:
    """Everything stored about one student, as :func:`delete_student` took it away: the
    profile, the archived flag, the shortlist (order and notes), the bucket overrides with
    their reasons, the meeting log. :func:`restore_student` puts all of it back."""

    rows: student_repo.StudentRows

    @property
    def id(self) -> int:
        return self.rows.record.id

    @property
    def name(self) -> str:
        return self.rows.record.profile.full_name


def delete_student(db: Database, student_id: int) -> StudentSnapshot:
    """The student and everything about them, their unsaved draft included. Returns what
    was deleted, for :func:`restore_student` (Edit ▸ Undo)."""
    with db.unit_of_work() as session:
        taken = student_repo.take(session, student_id)
        if taken is None or not student_repo.remove(session, student_id):
            raise NotFoundError(f"no student with number {student_id}")
    with contextlib.suppress(OSError):  # deleted either way; a stale draft is never offered
        Drafts(db.path).discard(student_id)
    return StudentSnapshot(taken)


def restore_student(db: Database, snapshot: StudentSnapshot) -> StudentRecord:
    """A deleted student back exactly as :func:`delete_student` took them, in one unit of
    work, with their own number (unless another student has taken it since: then a new
    one). Refused, with nothing written, when their student ID now belongs to another."""
    try:
        with db.unit_of_work() as session:
            _check_code_free(session, snapshot.rows.record.profile, None)
            record = student_repo.load(session, student_repo.put_back(session, snapshot.rows))
    except IntegrityError as error:
        raise DuplicateStudentError(
            f"{snapshot.name} could not be brought back: {error.orig}"
        ) from None
    assert record is not None
    return record


def find_student(db: Database, key: str) -> StudentRecord:
    """A student by student ID, else email, else exact full name (as on the command line)."""
    with db.unit_of_work() as session:
        found = student_repo.id_by_code(session, key)
        candidates = [found] if found is not None else student_repo.ids_by_email(session, key)
        if not candidates:
            candidates = student_repo.ids_by_name(session, key)
        if len(candidates) > 1:
            raise AmbiguousStudentError(
                f"{len(candidates)} students answer to “{key}”; use their student ID instead"
            )
        record = student_repo.load(session, candidates[0]) if candidates else None
    if record is None:
        raise NotFoundError(
            f"no student with the ID, email or full name “{key}”; check the spelling, "
            "or see who is there with `gradmatch student list`"
        )
    return record


# ---------------------------------------------------------------- files


def write_text_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text whole or not at all."""
    write_atomically(path, lambda stream: stream.write(text.encode("utf-8")))


def preview_roster(path: Path) -> Roster:
    """Read a roster without touching the database: valid rows and row-level errors."""
    return roster.read_roster(read_input(path, roster.MAX_ROSTER_BYTES), path.name)


def _match(session: Session, profile: StudentProfile) -> int | None:
    """The existing student a roster row or profile file stands for: by student ID, else email."""
    if profile.student_id is not None:
        found = student_repo.id_by_code(session, profile.student_id)
        if found is not None:
            return found
    by_email = student_repo.ids_by_email(session, profile.email)
    if len(by_email) == 1:
        existing = student_repo.load(session, by_email[0])
        # Same email but another student ID: a different student (siblings share addresses).
        if existing is not None and None in (profile.student_id, existing.profile.student_id):
            return by_email[0]
    return None


def _upsert(
    session: Session,
    profile: StudentProfile,
    result: ImportResult,
    update: Callable[[StudentProfile], StudentProfile],
) -> None:
    """Add the student, or update the one it matches with ``update(stored profile)``:
    an import changes only what its file states (:func:`_roster_update`,
    :func:`gradmatch.domain.exchange.merge`)."""
    existing = _match(session, profile)
    if existing is None:
        _check_code_free(session, profile, None)
        result.created.append(student_repo.add(session, profile).id)
        return
    stored = student_repo.load(session, existing)
    assert stored is not None
    profile = update(stored.profile)
    _check_code_free(session, profile, existing)
    student_repo.update(session, existing, profile)
    result.updated.append(existing)


def _roster_update(row: roster.RosterRow) -> Callable[[StudentProfile], StudentProfile]:
    """Only the columns the file has, and the cells its row has, replace stored values: a
    roster of names and emails wipes neither GRE scores nor the fields a roster has no
    column for (application date, prerequisite evidence). A blank ``student_id`` cell never
    takes a stored student ID away: the ID is how the next import finds the student."""
    cells = dict(row.cells)
    if not cells.get("student_id", "").strip():
        cells.pop("student_id", None)

    def update(stored: StudentProfile) -> StudentProfile:
        merged = roster.parse_row(row.row, cells, base=stored)
        if merged.profile is None:
            problems = "; ".join(f"{e.column}: {e.message}" for e in merged.errors)
            raise DuplicateStudentError(
                f"merging with the stored profile of {stored.full_name} fails ({problems})"
            )
        return merged.profile

    return update


def import_roster(db: Database, source: Path | Roster, *, skip_invalid: bool) -> ImportResult:
    """Import a roster's students in one unit of work.

    With invalid rows, ``skip_invalid`` imports the valid ones; otherwise nothing is imported
    (:class:`RosterImportError`). Re-importing updates students matched on student ID, else
    email, instead of adding them twice.
    """
    parsed = preview_roster(source) if isinstance(source, Path) else source
    if parsed.invalid and not skip_invalid:
        raise RosterImportError(parsed)
    result = ImportResult(skipped_rows=[row.row for row in parsed.invalid])
    backups.before_bulk_write(db)
    try:
        with db.unit_of_work() as session:
            for row in parsed.valid:
                assert row.profile is not None
                try:
                    _upsert(session, row.profile, result, _roster_update(row))
                except DuplicateStudentError as error:
                    raise DuplicateStudentError(f"row {row.row}: {error}") from None
    except IntegrityError as error:
        raise DuplicateStudentError(f"The roster could not be imported: {error.orig}") from None
    return result


def export_roster(db: Database, path: Path, ids: list[int] | None = None) -> int:
    with db.unit_of_work() as session:
        records = student_repo.load_all(session, ids)
    write_text_atomically(path, roster.write_roster(record.profile for record in records))
    return len(records)


def import_profile_file(db: Database, path: Path) -> ImportResult:
    """Import a ``.gradmatch.json`` profile: add a new student, or update the matching one
    with the keys the file has (counselor notes are never read from it)."""
    document = exchange.load_profile(read_input(path, exchange.MAX_BYTES), path.name)
    result = ImportResult(ignored=document.ignored_keys, counselor_only=document.counselor_only)
    backups.before_bulk_write(db)
    with db.unit_of_work() as session:
        _upsert(
            session,
            document.profile,
            result,
            lambda stored: exchange.merge(stored, document, path.name),
        )
    return result


def export_profile_file(db: Database, student_id: int, path: Path) -> Path:
    record = get_student(db, student_id)
    write_text_atomically(path, exchange.dump_profile(record.profile))
    return path


def import_file(db: Database, path: Path, *, skip_invalid: bool = False) -> ImportResult:
    """A roster (``.csv``) or a profile file (``.json``), told apart by content."""
    data = read_input(path, roster.MAX_ROSTER_BYTES)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return import_profile_file(db, path)
    return import_roster(db, roster.read_roster(data, path.name), skip_invalid=skip_invalid)


__all__ = [
    "AmbiguousStudentError",
    "DuplicateStudentError",
    "ExchangeError",
    "ImportResult",
    "RosterError",
    "RosterImportError",
]
