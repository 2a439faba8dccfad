"""Imports attacked (issue 14, classes 1-3): an import changes only what its file states,
a student's file never carries nor overwrites the counselor's notes, and one file never
merges two students silently."""

from __future__ import annotations

import json
from pathlib import Path

from gradmatch.domain.exchange import dump_profile
from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.roster import read_roster
from gradmatch.services import students as service
from gradmatch.services.database import Database

NOTES = "Met 3 times; wants NLP.\nParents worried about cost."


def _known_student(database: Database) -> int:
    profile = StudentProfile.model_validate(
        {
            "full_name": "Ana Ruiz",
            "email": "ana@example.org",
            "student_id": "S-1",
            "notes": NOTES,
            "major": "Physics",
            "application_date": "2026-12-01",
            "prerequisites": {"calculus": "completed"},
            "prerequisite_evidence": {
                "calculus": {"course": "MATH 101", "institution": "UT", "grade": "A", "year": 2023}
            },
            "gre": {"verbal": 158, "quant": 166, "writing": 4.5, "taken_on": "2025-06-14"},
        }
    )
    return service.save_student(database, profile).id


# ---------------------------------------------------------------- class 1


def test_a_roster_of_names_and_ids_erases_nothing_it_has_no_column_for(
    database: Database, tmp_path: Path
) -> None:
    student = _known_student(database)
    before = service.get_student(database, student).profile
    roster = tmp_path / "names.csv"
    roster.write_text(
        "full_name,email,student_id\r\nAna Ruiz-Diaz,ana@example.org,S-1\r\n", encoding="utf-8"
    )
    assert service.import_roster(database, roster, skip_invalid=False).updated == [student]
    after = service.get_student(database, student).profile
    assert after.full_name == "Ana Ruiz-Diaz"
    assert after.model_copy(update={"full_name": before.full_name}) == before


def test_a_short_row_erases_nothing_beyond_its_last_cell(
    database: Database, tmp_path: Path
) -> None:
    student = _known_student(database)
    roster = tmp_path / "short.csv"
    roster.write_text(
        "student_id,full_name,email,major,notes\r\nS-1,Ana Ruiz,ana@example.org\r\n",
        encoding="utf-8",
    )
    service.import_roster(database, roster, skip_invalid=False)
    after = service.get_student(database, student).profile
    assert (after.major, after.notes) == ("Physics", NOTES)


def test_a_blank_student_id_cell_does_not_take_the_stored_id_away(
    database: Database, tmp_path: Path
) -> None:
    student = _known_student(database)
    roster = tmp_path / "ids.csv"
    roster.write_text("full_name,email,student_id\r\nAna Ruiz,ana@example.org,\r\n", "utf-8")
    assert service.import_roster(database, roster, skip_invalid=False).updated == [student]
    assert service.get_student(database, student).profile.student_id == "S-1"


def test_a_profile_file_changes_only_the_keys_it_has(database: Database, tmp_path: Path) -> None:
    student = _known_student(database)
    before = service.get_student(database, student).profile
    # A file from an older or other writer: no application date, no evidence, one subject.
    document = {
        "format": "gradmatch-profile",
        "version": 1,
        "student": {
            "full_name": "Ana Ruiz",
            "email": "ana@example.org",
            "student_id": "S-1",
            "prerequisites": {"statistics": "completed"},
        },
    }
    path = tmp_path / "ana.gradmatch.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    service.import_profile_file(database, path)
    after = service.get_student(database, student).profile
    assert after.application_date == before.application_date
    assert after.prerequisite_evidence == before.prerequisite_evidence
    assert after.gre == before.gre and after.major == "Physics"
    assert after.prerequisites["calculus"].value == "completed"
    assert after.prerequisites["statistics"].value == "completed"


# ---------------------------------------------------------------- class 2


def test_a_student_facing_profile_file_never_carries_counselor_notes(
    database: Database, tmp_path: Path
) -> None:
    student = _known_student(database)
    path = service.export_profile_file(database, student, tmp_path / "ana.gradmatch.json")
    text = path.read_text(encoding="utf-8")
    assert "notes" not in json.loads(text)["student"]
    assert "Parents worried" not in text


def test_a_profile_file_coming_back_never_overwrites_counselor_notes(
    database: Database, tmp_path: Path
) -> None:
    student = _known_student(database)
    returned = service.get_student(database, student).profile.model_copy(
        update={"notes": "", "major": "Mathematics"}
    )
    path = tmp_path / "ana.gradmatch.json"
    document = json.loads(dump_profile(returned))
    document["student"]["notes"] = ""  # as an older GradMatch wrote it
    path.write_text(json.dumps(document), encoding="utf-8")
    result = service.import_profile_file(database, path)
    after = service.get_student(database, student).profile
    assert (after.notes, after.major) == (NOTES, "Mathematics")
    assert result.counselor_only == ["student.notes"]


def test_a_new_student_from_a_profile_file_gets_no_notes_from_it(
    database: Database, tmp_path: Path
) -> None:
    document = {
        "format": "gradmatch-profile",
        "version": 1,
        "student": {"full_name": "Bo Li", "email": "bo@example.org", "notes": "planted"},
    }
    path = tmp_path / "bo.gradmatch.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    created = service.import_profile_file(database, path).created
    assert service.get_student(database, created[0]).profile.notes == ""


def test_the_counselors_roster_keeps_notes(database: Database, tmp_path: Path) -> None:
    _known_student(database)
    service.export_roster(database, tmp_path / "out.csv")
    exported = read_roster((tmp_path / "out.csv").read_bytes(), "out.csv")
    assert exported.valid[0].cells["notes"] == NOTES
