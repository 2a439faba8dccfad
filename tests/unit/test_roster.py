"""Roster CSV import and export: tolerant of spreadsheets, strict about values."""

from __future__ import annotations

import csv
import io

import pytest

from gradmatch.domain.profile import Status, StudentProfile, Subject
from gradmatch.domain.roster import COLUMN_NAMES, RosterError, read_roster, write_roster
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
    rows = [{"full_name": "A", "email": "a@example.org", "gre_quant": "160", "gre_verbal": "155"}]
    roster = read_roster(_csv(rows), "r.csv")
    assert {e.column for e in roster.errors} == {"gre_writing", "gre_date"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "is empty"),
        (b"name,mail\r\nA,a@b.co\r\n", "has no full_name or email column"),
        ("full_name,email\r\nZoë,z@example.org\r\n".encode("latin-1"), "is not UTF-8"),
        (b"PK\x03\x04\x00\x00binary xlsx", "not a text file"),
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
