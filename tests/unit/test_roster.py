"""Roster CSV import and export: tolerant of spreadsheets, strict about values."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from gradmatch import locations
from gradmatch.domain.catalog import GrePolicyKind
from gradmatch.domain.catalog_parse import parse_catalog
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import Bucket, Criterion, match_program
from gradmatch.domain.profile import DeliveryPreference, Status, StudentProfile, Subject
from gradmatch.domain.roster import (
    COLUMN_NAMES,
    COLUMNS,
    RosterError,
    parse_row,
    read_roster,
    write_roster,
)
from gradmatch.services.matching import shipped_bridges, shipped_prerequisites
from tests.conftest import ROOT

NAME = "Zoë Ñúñez-Ørsted 李小龍"


def _csv(
    rows: list[dict[str, str]], *, delimiter: str = ",", header: list[str] | None = None
) -> bytes:
    buffer = io.StringIO()
    columns = header or list(rows[0])
    writer = csv.DictWriter(buffer, columns, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_the_template_imports_cleanly() -> None:
    roster = read_roster(
        (ROOT / "resources" / "templates" / "roster-template.csv").read_bytes(), "t.csv"
    )
    assert roster.errors == [] and len(roster.valid) == 1
    assert roster.unknown_columns == ()


def test_headers_are_case_insensitive_and_bom_and_semicolons_are_fine() -> None:
    data = "\ufeffFull Name;EMAIL;Student_ID;GRE Quant;gre_verbal;GRE_writing;gre_date;Calculus\r\n"
    data += f"{NAME};zoe@example.org;S-1;165;158;4.5;2025-06-14;completed\r\n"
    roster = read_roster(data.encode("utf-8"), "r.csv")
    assert roster.delimiter == ";" and roster.errors == []
    profile = roster.valid[0].profile
    assert profile is not None and profile.full_name == NAME
    assert profile.gre is not None and profile.gre.quant == 165
    assert profile.prerequisites[Subject.CALCULUS] is Status.COMPLETED


def test_each_bad_cell_is_named_by_row_and_column() -> None:
    gre = {"gre_verbal": "150", "gre_writing": "4.0", "gre_date": "2025-01-10"}
    none = dict.fromkeys(gre, "")
    rows = [
        {
            "full_name": "Good One",
            "email": "good@example.org",
            "gre_quant": "",
            "gpa": "3.5",
            **none,
        },
        {"full_name": "Bad Quant", "email": "q@example.org", "gre_quant": "171", "gpa": "", **gre},
        {"full_name": "Bad Gpa", "email": "g@example.org", "gre_quant": "", "gpa": "4.5", **none},
        {"full_name": "", "email": "nobody", "gre_quant": "", "gpa": "three", **none},
    ]
    roster = read_roster(_csv(rows), "r.csv")
    assert [row.row for row in roster.valid] == [2]
    errors = {(e.row, e.column) for e in roster.errors}
    assert {e.column for e in roster.errors if e.row == 3} == {"gre_quant"}
    assert (4, "gpa") in errors
    assert {(5, "gpa"), (5, "full_name"), (5, "email")} <= errors
    messages = [str(e) for e in roster.errors if e.row == 4]
    assert messages == ["row 4, column gpa: A GPA of 4.5 is above its 4.0 scale"]


def test_a_partial_gre_names_the_missing_columns() -> None:
    rows = [{"full_name": "A", "email": "a@example.org", "gre_quant": "160", "gre_writing": "4"}]
    roster = read_roster(_csv(rows), "r.csv")
    assert {e.column for e in roster.errors} == {"gre_verbal"}


def test_a_roster_with_only_quant_and_verbal_reads_the_scores_and_asks_the_date() -> None:
    """Spreadsheets usually carry the GRE's quant and verbal only: the scores are read, the
    test date is unknown (not "expired", not "none"), and a GRE-required program asks when
    the GRE was taken instead of ruling it out."""
    rows = [{"full_name": "A", "email": "a@example.org", "gre_quant": "165", "gre_verbal": "158"}]
    roster = read_roster(_csv(rows), "r.csv")
    assert roster.errors == []
    profile = roster.valid[0].profile
    assert profile is not None and profile.gre is not None
    assert (profile.gre.quant, profile.gre.verbal, profile.gre.taken_on) == (165, 158, None)
    assert profile.gre_expired() is None

    required = next(p for p in parse_catalog(locations.shipped_catalog().read_bytes(), "programs.json").programs
                    if p.gre is not None and p.gre.policy is GrePolicyKind.REQUIRED)  # fmt: skip
    match = match_program(required, profile, shipped_prerequisites(), shipped_bridges(),
                          MatchWeights(), today=date(2026, 11, 25))  # fmt: skip
    gre = next(r for r in match.reasons if r.criterion is Criterion.GRE)
    assert "quant 165" in gre.text and "Ask when the GRE was taken" in gre.text
    assert match.bucket is not Bucket.NOT_A_FIT


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "is empty"),
        (b"name,mail\r\nA,a@b.co\r\n", "has no full_name or email column"),
        ("full_name,email\r\nZoë,z@example.org\r\n".encode("latin-1"), "is not UTF-8"),
        (b"PK\x03\x04\x00\x00binary xlsx", "is a spreadsheet workbook"),
        (b"full_name,email,email\r\nA,a@b.co,c@d.co\r\n", "the column email twice"),
    ],
)
def test_a_file_that_is_no_roster_gets_a_message(data: bytes, expected: str) -> None:
    with pytest.raises(RosterError, match=expected):
        read_roster(data, "roster.csv")


def test_unknown_columns_are_reported_and_ignored() -> None:
    roster = read_roster(
        _csv([{"full_name": "A", "email": "a@example.org", "shoe_size": "42"}]), "r.csv"
    )
    assert roster.unknown_columns == ("shoe_size",) and roster.errors == []


def test_export_defuses_formulas_and_import_restores_them() -> None:
    profile = StudentProfile.model_validate(
        {"full_name": "=HYPERLINK(\"http://x\",\"click\")", "email": "f@example.org",
         "notes": "+1 555 0100", "major": "@risk"}
    )  # fmt: skip
    text = write_roster([profile])
    cells = next(iter(csv.DictReader(io.StringIO(text))))
    assert cells["full_name"].startswith("'=")
    assert cells["notes"] == "'+1 555 0100" and cells["major"] == "'@risk"
    again = read_roster(text.encode(), "r.csv").valid[0].profile
    assert again == profile


def test_export_then_import_gives_the_same_profiles() -> None:
    profile = StudentProfile.model_validate(
        {"full_name": NAME, "email": "zoe@example.org", "student_id": "S-1",
         "residency": {"country": "US", "state": "TX"}, "gpa": {"value": "3.7", "scale": "4.0"},
         "gre": {"verbal": 158, "quant": 166, "writing": "4.5", "taken_on": "2025-06-14"},
         "english_test": {"kind": "toefl", "score": 110},
         "prerequisites": {"programming": "completed", "probability": "planned"}, "languages": ["Python", "C++"],
         "budget": {"max_total_cost": "45000.50", "will_borrow": True},
         "preferences": {"delivery": "online", "states": ["TX", "NM"], "specializations": ["nlp", "mlops"],
                         "career_path": "data_scientist"},
         "employment": {"currently_working": True, "current_salary": "61000", "keep_working": True}}
    )  # fmt: skip
    text = write_roster([profile])
    assert text.splitlines()[0].split(",") == COLUMN_NAMES
    assert read_roster(text.encode(), "r.csv").valid[0].profile == profile


def test_the_documented_column_set_is_the_one_read_and_written() -> None:
    documented = (ROOT / "docs" / "roster-format.md").read_text(encoding="utf-8")
    for name in COLUMN_NAMES:
        assert f"| `{name}` |" in documented, name
    template = (ROOT / "resources" / "templates" / "roster-template.csv").read_text(
        encoding="utf-8"
    )
    assert template.splitlines()[0].split(",") == COLUMN_NAMES


# ---------------------------------------------------------------- unknown is not no

QUESTIONS = ("international", "will_take_gre", "delivery", "part_time", "relocate",
             "currently_working", "keep_working")  # fmt: skip


def _answers(profile: StudentProfile) -> dict[str, object]:
    return {
        "international": profile.international,
        "will_take_gre": profile.will_take_gre,
        "delivery": profile.preferences.delivery,
        "part_time": profile.preferences.part_time,
        "relocate": profile.preferences.relocate,
        "currently_working": profile.employment.currently_working,
        "keep_working": profile.employment.keep_working,
    }


def test_a_row_of_name_email_and_country_answers_no_question() -> None:
    roster = read_roster(
        _csv([{"full_name": NAME, "email": "zoe@example.org", "country": "IN"}]), "r.csv"
    )
    profile = roster.valid[0].profile
    assert profile is not None and profile.residency.country == "IN"
    assert _answers(profile) == dict.fromkeys(QUESTIONS)


def test_blank_cells_in_yes_no_columns_are_not_answered_and_yes_no_still_read() -> None:
    blank = {"full_name": "Blank", "email": "b@example.org", "country": "IN",
             **dict.fromkeys(QUESTIONS, "")}  # fmt: skip
    said = {"full_name": "Said", "email": "s@example.org", "country": "IN",
            "international": "yes", "will_take_gre": "No", "delivery": "online",
            "part_time": "n", "relocate": "TRUE", "currently_working": "1",
            "keep_working": "false"}  # fmt: skip
    roster = read_roster(_csv([blank, said]), "r.csv")
    assert roster.errors == []
    first, second = (row.profile for row in roster.valid)
    assert first is not None and second is not None
    assert _answers(first) == dict.fromkeys(QUESTIONS)
    assert _answers(second) == {
        "international": True, "will_take_gre": False, "delivery": DeliveryPreference.ONLINE,
        "part_time": False, "relocate": True, "currently_working": True, "keep_working": False,
    }  # fmt: skip


def test_a_question_not_answered_is_exported_as_a_blank_cell_and_read_back_as_such() -> None:
    profile = StudentProfile.model_validate(
        {"full_name": NAME, "email": "zoe@example.org", "preferences": {"relocate": False}}
    )
    cells = next(iter(csv.DictReader(io.StringIO(write_roster([profile])))))
    assert cells["relocate"] == "no"
    assert [cells[q] for q in QUESTIONS if q != "relocate"] == [""] * (len(QUESTIONS) - 1)
    again = read_roster(write_roster([profile]).encode(), "r.csv").valid[0].profile
    assert again == profile and again.preferences.part_time is None


def test_a_word_that_is_no_answer_is_refused_with_what_to_write() -> None:
    rows = [{"full_name": "A", "email": "a@example.org", "relocate": "maybe", "delivery": "bus"}]
    assert [str(e) for e in read_roster(_csv(rows), "r.csv").errors] == [
        "row 2, column delivery: Write either, campus or online, or leave it blank (not answered)",
        "row 2, column relocate: Write yes or no, or leave it blank (not answered)",
    ]


def test_updating_a_student_from_a_row_keeps_what_the_row_has_no_column_for() -> None:
    stored = StudentProfile.model_validate(
        {"full_name": NAME, "email": "zoe@example.org", "application_date": "2026-12-01",
         "preferences": {"relocate": True, "part_time": True},
         "prerequisite_evidence": {"calculus": {"course": "MATH 2413", "year": 2024}}}
    )  # fmt: skip
    row = parse_row(2, {"full_name": NAME, "email": "zoe@example.org", "relocate": ""}, base=stored)
    assert row.profile is not None
    assert row.profile.preferences.relocate is None  # a blank cell in the file: not answered
    assert row.profile.preferences.part_time is True  # no such column in the file: kept
    assert row.profile.application_date == stored.application_date
    assert row.profile.prerequisite_evidence == stored.prerequisite_evidence


def test_amounts_are_read_as_the_form_reads_them() -> None:
    rows = [
        {"full_name": "A", "email": "a@example.org", "max_total_cost": "$45,000", "savings": ""},
        {"full_name": "B", "email": "b@example.org", "max_total_cost": "12,34,5", "savings": ""},
    ]
    roster = read_roster(_csv(rows), "r.csv")
    profile = roster.valid[0].profile
    assert profile is not None and profile.budget.max_total_cost == Decimal(45000)
    assert profile.budget.savings == 0
    assert [str(e) for e in roster.errors] == [
        "row 3, column max_total_cost: Enter an amount in dollars, e.g. 45,000"
    ]


def test_each_column_is_documented_with_its_declared_meaning() -> None:
    documented = (ROOT / "docs" / "roster-format.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| `{column.name}` | {column.description} |" in documented, column.name
