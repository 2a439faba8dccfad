"""What Edit ▸ Undo puts back, at the service level: a deleted student exactly as they were
(the same number, shortlist, overrides, meeting log, archived flag), a program as the
counselor's edit found it, and never over a change made since, elsewhere."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gradmatch.domain.costs import CostOverrides
from gradmatch.domain.matching import Bucket
from gradmatch.domain.meeting_log import LogKind, read_entry
from gradmatch.domain.prerequisites import Expectation
from gradmatch.domain.profile import StudentProfile, Subject
from gradmatch.services import catalog as catalog_service
from gradmatch.services import matching
from gradmatch.services import meeting_log as log_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.services.errors import ChangedSinceError, NotFoundError
from gradmatch.services.students import DuplicateStudentError

CMU = "carnegie-mellon-campus"
UNT = "north-texas-campus"


def _dump(path: Path) -> list[str]:
    """Every row of the database, as SQL, in a stable order (a row put back may sit
    elsewhere in the file than it did). No program with cost figures of its own is the same
    whether their setting is absent or empty."""
    with closing(sqlite3.connect(path)) as connection:
        lines = connection.iterdump()
        return sorted(line for line in lines if "VALUES('cost_overrides','{}')" not in line)


def _student(db: Database, name: str, code: str | None = None) -> int:
    profile = StudentProfile.model_validate(
        {"full_name": name, "email": f"{name.split()[0].lower()}@example.org", "student_id": code}
    )
    return student_service.save_student(db, profile).id


def _with_everything(db: Database, student_id: int) -> None:
    """A student with all a counselor records: a shortlist in their order with notes, a
    bucket override with its reason, a meeting log, and the archive flag."""
    matching.add_to_shortlist(db, student_id, UNT, "Safe choice, in-state")
    matching.add_to_shortlist(db, student_id, CMU, "Reach — ask about funding")
    matching.reorder_shortlist(db, student_id, [CMU, UNT])
    matching.set_override(db, student_id, CMU, Bucket.STRETCH, "Knows the dean")
    for on, text in ((date(2025, 9, 1), "First meeting"), (date(2025, 10, 2), "Sent letters")):
        log_service.add_log_entry(db, student_id, read_entry(on, LogKind.MEETING, text))
    student_service.set_archived(db, student_id, True)


def test_a_deleted_student_comes_back_exactly(database: Database) -> None:
    first = _student(database, "Ana Ruiz", "A-1")
    zoe = _student(database, "Zoë Ñúñez-Ørsted", "Z-1")
    _student(database, "Li Wei", "L-1")  # Zoë is not the newest: her number stays free
    _with_everything(database, zoe)
    before = _dump(database.path)

    snapshot = student_service.delete_student(database, zoe)
    assert snapshot.id == zoe and snapshot.name == "Zoë Ñúñez-Ørsted"
    assert _dump(database.path) != before
    with pytest.raises(NotFoundError):
        student_service.get_student(database, zoe)

    record = student_service.restore_student(database, snapshot)
    assert record.id == zoe and record.archived
    assert _dump(database.path) == before  # every row, every time stamp, as it was
    assert [e.program_id for e in matching.get_shortlist(database, zoe)] == [CMU, UNT]
    assert first != zoe


def test_a_number_taken_since_gives_the_student_a_new_one_with_all_their_rows(
    database: Database,
) -> None:
    zoe = _student(database, "Zoë Ñúñez-Ørsted", "Z-1")
    _with_everything(database, zoe)
    snapshot = student_service.delete_student(database, zoe)
    newcomer = _student(database, "Ana Ruiz", "A-1")  # SQLite gives her Zoë's number

    record = student_service.restore_student(database, snapshot)
    assert newcomer == zoe and record.id != zoe
    assert record.profile.full_name == "Zoë Ñúñez-Ørsted"
    assert [e.note for e in matching.get_shortlist(database, record.id)] == [
        "Reach — ask about funding",
        "Safe choice, in-state",
    ]
    assert [r.entry.text for r in log_service.log_entries(database, record.id)] == [
        "Sent letters",
        "First meeting",
    ]
    assert matching.match_student(database, record.id).overrides[CMU].reason == "Knows the dean"
    # Ana keeps what is hers: nothing of Zoë's went to her number.
    assert matching.get_shortlist(database, newcomer) == []
    assert log_service.log_entries(database, newcomer) == []


def test_a_student_id_taken_since_refuses_the_undo_and_writes_nothing(database: Database) -> None:
    zoe = _student(database, "Zoë Ñúñez-Ørsted", "Z-1")
    snapshot = student_service.delete_student(database, zoe)
    _student(database, "Ana Ruiz", "Z-1")
    before = _dump(database.path)
    with pytest.raises(DuplicateStudentError, match="Student ID Z-1 already belongs to Ana Ruiz"):
        student_service.restore_student(database, snapshot)
    assert _dump(database.path) == before


def test_a_shortlist_change_is_put_back_exactly_and_never_over_a_later_change(
    database: Database,
) -> None:
    zoe = _student(database, "Zoë Ñúñez-Ørsted")
    matching.add_to_shortlist(database, zoe, UNT, "Safe")
    before = matching.shortlist_state(database, zoe)
    dump = _dump(database.path)
    matching.add_to_shortlist(database, zoe, CMU, "Reach")
    matching.reorder_shortlist(database, zoe, [CMU, UNT])
    after = matching.shortlist_state(database, zoe)

    matching.restore_student_work(database, before, expect=after)  # undo
    assert _dump(database.path) == dump
    matching.restore_student_work(database, after, expect=before)  # redo
    assert [e.program_id for e in matching.get_shortlist(database, zoe)] == [CMU, UNT]

    matching.remove_from_shortlist(database, zoe, UNT)  # elsewhere, not through the undo
    changed = _dump(database.path)
    with pytest.raises(ChangedSinceError, match="shortlist has changed since"):
        matching.restore_student_work(database, before, expect=after)
    assert _dump(database.path) == changed


def test_an_override_comes_back_with_its_reason_and_date(database: Database) -> None:
    zoe = _student(database, "Zoë Ñúñez-Ørsted")
    matching.set_override(database, zoe, CMU, Bucket.STRETCH, "Knows the dean")
    before = matching.override_state(database, zoe, CMU)
    dump = _dump(database.path)
    matching.set_override(database, zoe, CMU, None)
    after = matching.override_state(database, zoe, CMU)
    matching.restore_student_work(database, before, expect=after)
    assert _dump(database.path) == dump


def test_a_program_edit_is_put_back_whole(database: Database) -> None:
    before = catalog_service.program_snapshot(database, CMU)
    dump = _dump(database.path)
    catalog_service.edit_program(
        database,
        CMU,
        {"notes": "Checked with the school", "credits": 30, "verified": True},
        expectations={Subject.DATABASES: Expectation.REQUIRED},
        cost_overrides=CostOverrides(fees_per_year=Decimal("1500")),
    )
    after = catalog_service.program_snapshot(database, CMU)
    assert after != before

    catalog_service.restore_program(database, before, expect=after)  # undo
    assert _dump(database.path) == dump
    assert catalog_service.program_edits(database, CMU) == []
    catalog_service.restore_program(database, after, expect=before)  # redo
    program = next(p for p in catalog_service.list_programs(database) if p.id == CMU)
    assert program.credits == 30 and program.notes == "Checked with the school"
    assert matching.program_expectations(database, CMU)[Subject.DATABASES] is Expectation.REQUIRED
    assert matching.load_cost_settings(database).overrides[CMU].fees_per_year == Decimal("1500")

    catalog_service.edit_program(database, CMU, {"notes": "Changed elsewhere"})
    with pytest.raises(ChangedSinceError, match="program has changed since"):
        catalog_service.restore_program(database, before, expect=after)
