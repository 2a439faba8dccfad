"""Student services: saving, finding, rosters (all or nothing), profile files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from gradmatch.domain.exchange import dump_profile
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import students as service
from gradmatch.services.database import Database, open_database
from gradmatch.services.errors import NotFoundError

NAME = "Zoë Ñúñez-Ørsted 李小龍"


def _profile(**changes: object) -> StudentProfile:
    return StudentProfile.model_validate({"full_name": NAME, "email": "zoe@example.org", **changes})


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def _roster_with_bad_rows(path: Path, total: int = 50, bad: tuple[int, ...] = (7, 23, 41)) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "Full_Name",
            "Email",
            "Student_ID",
            "GRE_Quant",
            "GRE_Verbal",
            "GRE_Writing",
            "GRE_Date",
            "GPA",
        ]
    )
    for number in range(1, total + 1):
        row = [
            f"Student {number} Ørsted",
            f"s{number}@example.org",
            f"S-{number:03d}",
            "160",
            "155",
            "4.0",
            "2025-01-10",
            "3.5",
        ]
        if number == bad[0]:
            row[3] = "171"  # GRE quant out of range
        elif number == bad[1]:
            row[7] = "4.5"  # GPA above a 4.0 scale
        elif number == bad[2]:
            row[1] = "not-an-email"
        writer.writerow(row)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_save_and_read_back(database: Database) -> None:
    record = service.save_student(database, _profile(student_id="S-1"))
    assert service.get_student(database, record.id).profile.full_name == NAME
    summary = service.list_students(database)[0]
    assert (summary.full_name, summary.student_id, summary.readiness) == (NAME, "S-1", "0/10")


def test_a_student_id_belongs_to_one_student(database: Database) -> None:
    service.save_student(database, _profile(student_id="S-1"))
    with pytest.raises(service.DuplicateStudentError, match="S-1 already belongs to"):
        service.save_student(database, _profile(full_name="Other", student_id="S-1"))
    assert len(service.list_students(database)) == 1


def test_duplicate_archive_restore_delete(database: Database) -> None:
    original = service.save_student(database, _profile(student_id="S-1"))
    copy = service.duplicate_student(database, original.id)
    assert copy.profile.full_name == f"{NAME} (copy)" and copy.profile.student_id is None
    service.set_archived(database, copy.id, True)
    assert [s.id for s in service.list_students(database, include_archived=False)] == [original.id]
    service.set_archived(database, copy.id, False)
    assert len(service.list_students(database, include_archived=False)) == 2
    service.delete_student(database, copy.id)
    with pytest.raises(NotFoundError):
        service.get_student(database, copy.id)
    assert _rows(database.path, "SELECT count(*) FROM student") == [(1,)]


def test_find_by_id_then_email_then_exact_name(database: Database) -> None:
    record = service.save_student(database, _profile(student_id="S-9"))
    assert service.find_student(database, "S-9").id == record.id
    assert service.find_student(database, "ZOE@example.org").id == record.id
    assert service.find_student(database, NAME).id == record.id
    with pytest.raises(NotFoundError):
        service.find_student(database, "Zoe")
    service.save_student(database, _profile(student_id="S-10"))
    with pytest.raises(service.AmbiguousStudentError):
        service.find_student(database, NAME)


def test_a_roster_with_bad_rows_imports_nothing_by_default(
    database: Database, tmp_path: Path
) -> None:
    path = _roster_with_bad_rows(tmp_path / "roster.csv")
    with pytest.raises(service.RosterImportError) as caught:
        service.import_roster(database, path, skip_invalid=False)
    errors = [(e.row, e.column) for e in caught.value.roster.errors]
    # Spreadsheet rows: the header is row 1, student n is row n + 1.
    assert errors == [(8, "gre_quant"), (24, "gpa"), (42, "email")]
    assert service.list_students(database) == []


def test_a_roster_with_bad_rows_imports_the_good_ones_on_request(
    database: Database, tmp_path: Path
) -> None:
    path = _roster_with_bad_rows(tmp_path / "roster.csv")
    result = service.import_roster(database, path, skip_invalid=True)
    assert (len(result.created), result.skipped_rows) == (47, [8, 24, 42])
    assert len(service.list_students(database)) == 47


def test_reimporting_a_roster_updates_instead_of_duplicating(
    database: Database, tmp_path: Path
) -> None:
    path = _roster_with_bad_rows(tmp_path / "roster.csv", total=10, bad=(0, 0, 0))
    first = service.import_roster(database, path, skip_invalid=False)
    again = service.import_roster(database, path, skip_invalid=False)
    assert (len(first.created), len(again.created), len(again.updated)) == (10, 0, 10)
    # Matched on email when the row has no student ID.
    no_ids = tmp_path / "no-ids.csv"
    no_ids.write_text("full_name,email\r\nStudent 1 Renamed,S1@EXAMPLE.ORG\r\n", encoding="utf-8")
    result = service.import_roster(database, no_ids, skip_invalid=False)
    assert len(result.updated) == 1 and len(service.list_students(database)) == 10


def test_a_profile_round_trips_through_an_empty_database(
    database: Database, tmp_path: Path
) -> None:
    record = service.save_student(
        database,
        _profile(student_id="S-1", gre={"verbal": 158, "quant": 166, "writing": 4.5, "taken_on": "2025-06-14"},
                 prerequisites={"calculus": "completed"}, budget={"max_total_cost": 45000}),
    )  # fmt: skip
    first = service.export_profile_file(database, record.id, tmp_path / "zoe.gradmatch.json")
    empty = open_database(tmp_path / "empty.sqlite3")
    imported = service.import_profile_file(empty, first)
    assert len(imported.created) == 1
    second = service.export_profile_file(
        empty, imported.created[0], tmp_path / "again.gradmatch.json"
    )
    empty.close()
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8"))["student"]["full_name"] == NAME


def test_the_name_survives_csv_json_and_the_database(database: Database, tmp_path: Path) -> None:
    record = service.save_student(database, _profile(student_id="S-1"))
    assert _rows(database.path, "SELECT full_name FROM student") == [(NAME,)]
    service.export_roster(database, tmp_path / "out.csv")
    assert NAME in (tmp_path / "out.csv").read_text(encoding="utf-8")
    other = open_database(tmp_path / "other.sqlite3")
    service.import_roster(other, tmp_path / "out.csv", skip_invalid=False)
    assert service.list_students(other)[0].full_name == NAME
    service.export_profile_file(
        other, service.list_students(other)[0].id, tmp_path / "p.gradmatch.json"
    )
    other.close()
    assert (
        json.loads((tmp_path / "p.gradmatch.json").read_text(encoding="utf-8"))["student"][
            "full_name"
        ]
        == NAME
    )
    assert record.profile.full_name == NAME


def test_import_file_tells_rosters_from_profiles(database: Database, tmp_path: Path) -> None:
    profile_path = tmp_path / "x.json"
    profile_path.write_text(dump_profile(_profile(student_id="S-5")), encoding="utf-8")
    assert len(service.import_file(database, profile_path).created) == 1
    roster_path = tmp_path / "r.csv"
    roster_path.write_text("full_name,email\r\nA B,ab@example.org\r\n", encoding="utf-8")
    assert len(service.import_file(database, roster_path).created) == 1


def test_the_database_refuses_out_of_range_profiles_too(database: Database) -> None:
    record = service.save_student(database, _profile())
    with (
        closing(sqlite3.connect(database.path)) as connection,
        pytest.raises(sqlite3.IntegrityError),
    ):
        connection.execute(
            'UPDATE student SET profile = json_set(profile, \'$.gre\', json(\'{"verbal": 171, "quant": 150, "writing": 4, "taken_on": "2024-01-01"}\')) WHERE id = ?',
            (record.id,),
        )
