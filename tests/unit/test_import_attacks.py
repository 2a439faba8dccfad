"""Imports attacked (issue 14, classes 1-3): an import changes only what its file states,
a student's file never carries nor overwrites the counselor's notes, and one file never
merges two students silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gradmatch.domain import roster
from gradmatch.domain.exchange import dump_profile
from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.roster import RosterError, read_roster
from gradmatch.errors import InputError
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


# ---------------------------------------------------------------- class 3


def _errors(text: str) -> list[str]:
    return [str(error) for error in read_roster(text.encode("utf-8"), "r.csv").errors]


def test_two_rows_with_one_student_id_are_errors_naming_both_rows() -> None:
    errors = _errors(
        "full_name,email,student_id\r\n"
        "Ana Ruiz,ana@example.org,S-1\r\n"
        "Bo Li,bo@example.org,S-2\r\n"
        "Ana Ruiz (new),ana.ruiz@example.org,S-1\r\n"
    )
    assert len(errors) == 2
    assert errors[0].startswith("row 2, column student_id:") and "row 4" in errors[0]
    assert errors[1].startswith("row 4, column student_id:") and "row 2" in errors[1]


def test_two_rows_with_one_email_are_errors_naming_both_rows(
    database: Database, tmp_path: Path
) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(
        "full_name,email\r\nAna Ruiz,ana@example.org\r\nAna R.,ANA@example.org\r\n", "utf-8"
    )
    with pytest.raises(service.RosterImportError) as caught:
        service.import_roster(database, roster, skip_invalid=False)
    errors = [str(e) for e in caught.value.roster.errors]
    assert errors[0].startswith("row 2, column email:") and "row 3" in errors[0]
    assert errors[1].startswith("row 3, column email:") and "row 2" in errors[1]
    assert service.list_students(database) == []


def test_an_unclosed_quote_that_swallows_rows_is_refused_with_its_line() -> None:
    text = (
        "full_name,email,notes\r\n"
        "Ana Ruiz,ana@example.org,ok\r\n"
        'Bo Li,bo@example.org,"said he would\r\n'
        "Cy Ode,cy@example.org,fine\r\n"
        "Di Ng,di@example.org,fine\r\n"
        'Ed Oh,ed@example.org,"quoted"\r\n'
    )
    with pytest.raises(RosterError, match=r"line 3") as caught:
        read_roster(text.encode("utf-8"), "r.csv")
    assert "Cy Ode" in str(caught.value) or "line 4" in str(caught.value)


def test_an_unclosed_quote_to_the_end_of_the_file_is_refused() -> None:
    text = (
        'full_name,email,notes\r\nAna Ruiz,ana@example.org,"open\r\nCy Ode,cy@example.org,fine\r\n'
    )
    with pytest.raises(RosterError, match=r"line 2"):
        read_roster(text.encode("utf-8"), "r.csv")


def test_notes_over_several_lines_are_still_one_cell() -> None:
    text = (
        'full_name,email,notes\r\nAna Ruiz,ana@example.org,"line one\r\nline two, with a comma"\r\n'
    )
    assert read_roster(text.encode("utf-8"), "r.csv").valid[0].cells["notes"] == (
        "line one\r\nline two, with a comma"
    )


# ---------------------------------------------------------------- how a file is read


def test_excel_unicode_text_utf16_with_tabs_is_read() -> None:
    text = "full_name\temail\tstudent_id\r\nZoë Ørsted 李\tzoe@example.org\tS-1\r\n"
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), text.encode("utf-16-be")):
        roster = read_roster(data, "unicode.txt")
        assert roster.errors == [] and roster.delimiter == "\t"
        assert [row.cells["full_name"] for row in roster.valid] == ["Zoë Ørsted 李"]


def test_a_sep_line_names_the_separator_and_is_not_a_row() -> None:
    text = "sep=;\r\nfull_name;email;gre_quant\r\nAna, Ruiz;ana@example.org;171\r\n"
    roster = read_roster(text.encode("utf-8"), "r.csv")
    assert roster.delimiter == ";"
    assert roster.valid == [] and {e.row for e in roster.errors} == {2}
    assert "row 2, column gre_quant: GRE verbal and quant scores run from 130 to 170" in [
        str(e) for e in roster.errors
    ]


def test_rows_are_numbered_as_the_spreadsheet_shows_them_blank_rows_counted() -> None:
    text = (
        "full_name,email,gre_quant\r\n"
        "Ana Ruiz,ana@example.org,\r\n"
        "\r\n"
        ",,\r\n"
        'Bo Li,bo@example.org,"171"\r\n'
    )
    assert {e.row for e in read_roster(text.encode("utf-8"), "r.csv").errors} == {5}


def test_a_workbook_is_named_as_one() -> None:
    with pytest.raises(RosterError, match="workbook"):
        read_roster(b"PK\x03\x04" + b"\x00" * 200, "roster.xlsx")


def test_an_endless_input_is_refused_before_it_is_read(database: Database) -> None:
    with pytest.raises(InputError, match="device or a pipe"):
        service.import_file(database, Path("/dev/zero"))


def test_a_huge_file_is_refused_by_its_size(database: Database, tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as stream:
        stream.truncate(roster.MAX_ROSTER_BYTES + 1)  # sparse: nothing to read in memory
    with pytest.raises(InputError, match="too large"):
        service.import_file(database, huge)
