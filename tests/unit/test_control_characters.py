"""Control characters (ESC, BEL, DEL, C1...) attacked: refused where they make no sense,
and never printed raw to a terminal (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gradmatch.cli import output
from gradmatch.domain.exchange import dump_profile
from gradmatch.domain.fields import read_texts
from gradmatch.domain.profile import STORED, StudentProfile
from gradmatch.domain.roster import read_roster
from gradmatch.services import students
from gradmatch.services.database import Database

ESC = "\x1b"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("full_name", "Ana\x7f Ruiz", "A name cannot contain control characters"),
        ("email", "ana\x07@example.org", "An email address cannot contain control characters"),
        ("notes", f"ok{ESC}]0;owned\x07", "Notes cannot contain control characters"),
        ("major", "Physics\x9b31m", "A major cannot contain control characters"),
    ],
)
def test_control_characters_in_a_roster_are_row_errors(
    column: str, value: str, message: str
) -> None:
    cells = {"full_name": "Ana Ruiz", "email": "ana@example.org", column: value}
    text = ",".join(cells) + "\r\n" + ",".join(f'"{v}"' for v in cells.values()) + "\r\n"
    errors = read_roster(text.encode("utf-8"), "r.csv").errors
    assert [(e.row, e.column) for e in errors] == [(2, column)]
    assert errors[0].message.startswith(message)


def test_tabs_and_line_breaks_in_notes_are_fine() -> None:
    reading = read_texts({"full_name": "Ana", "email": "a@example.org", "notes": "one\r\n\ttwo"})
    assert reading.profile is not None and reading.profile.notes == "one\r\n\ttwo"


def test_a_profile_stored_by_an_older_version_still_opens() -> None:
    data = {"full_name": "Ana", "email": "a@example.org", "notes": f"{ESC}[31mred"}
    assert StudentProfile.model_validate(data, context=STORED).notes == f"{ESC}[31mred"


def test_the_command_lines_table_never_prints_a_control_character(
    capsys: pytest.CaptureFixture[str],
) -> None:
    output.print_table(["name", "notes"], [[f"Ana{ESC}[2J", "a\x07b\nc\u202e"]])
    printed = capsys.readouterr().out
    assert ESC not in printed and "\x07" not in printed and "\u202e" not in printed
    assert "Ana\\x1b[2J" in printed and "a\\x07b\\nc\\u202e" in printed


def test_json_output_escapes_what_a_terminal_would_obey(
    capsys: pytest.CaptureFixture[str],
) -> None:
    output.print_json({"name": f"Ana{ESC}\x9b\u202e"})
    printed = capsys.readouterr().out
    assert not any(ch in printed for ch in (ESC, "\x9b", "\u202e"))
    import json

    assert json.loads(printed) == {"name": f"Ana{ESC}\x9b\u202e"}


def test_a_profile_file_imports_over_notes_an_older_version_let_in(
    database: Database, tmp_path: Path
) -> None:
    old = {"full_name": "Ana", "email": "a@example.org", "notes": f"{ESC}[31mred"}
    record = students.save_student(database, StudentProfile.model_validate(old, context=STORED))
    path = tmp_path / "ana.gradmatch.json"
    path.write_text(dump_profile(record.profile.model_copy(update={"major": "Math"})), "utf-8")
    students.import_profile_file(database, path)
    after = students.get_student(database, record.id).profile
    assert (after.major, after.notes) == ("Math", f"{ESC}[31mred")
