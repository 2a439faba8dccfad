"""Attack: cells that a spreadsheet runs as formulas, in an exported roster.

On the first main, export put an apostrophe only before a cell starting with `=`, `+`,
`-` or `@`: a note such as ``Call back;=HYPERLINK(...)`` reached a spreadsheet that
splits on `;` as a live formula in the next cell, and so did a full-width ``＝`` or a
line feed. Now every part of a cell after `,` or `;` is defused too, and importing gives
back exactly the text that was exported.
"""

from __future__ import annotations

import csv
import io

import pytest

from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.roster import FORMULA_START, read_roster, write_roster

ATTACKS = [
    'Call back;=HYPERLINK("http://evil.example","click")',
    "fine, +cmd|' /C calc'!A0",
    "a; -2+3",
    "x,@SUM(A1:A9)",
    "\uff1dcmd|' /C calc'!A0",
    "ok;  =1+1",
    "'=already quoted by the counselor",
    "''@two apostrophes",
    "line one\n=2+2",
]


def _parts(cell: str) -> list[str]:
    """The cells a spreadsheet may see in ``cell``: split on `,`, on `;`, or not at all."""
    parts = [cell]
    for separator in (",", ";"):
        parts += cell.split(separator)
    parts += [p for line in cell.splitlines() for p in (line, *line.split(","), *line.split(";"))]
    return parts


@pytest.mark.parametrize("text", ATTACKS)
def test_no_part_of_an_exported_cell_starts_a_formula(text: str) -> None:
    major = text.replace("\n", " ")  # a major is one line (control characters are refused)
    profile = StudentProfile.model_validate(
        {"full_name": "Ana Ruiz", "email": "ana@example.org", "notes": text, "major": major}
    )
    exported = write_roster([profile])
    for row in csv.reader(io.StringIO(exported)):
        for cell in row:
            for part in _parts(cell):
                assert not part.lstrip(" ").startswith(FORMULA_START), (text, part)
    again = read_roster(exported.encode(), "roster.csv").valid[0].profile
    assert again is not None and again.notes == text and again.major == major


def test_a_live_formula_cell_is_imported_as_text_and_exported_defused() -> None:
    roster = read_roster(
        b'full_name,email,notes\r\nAna Ruiz,ana@example.org,"=1+1;@A1"\r\n', "roster.csv"
    )
    profile = roster.valid[0].profile
    assert profile is not None and profile.notes == "=1+1;@A1"  # text, never run
    (row,) = list(csv.DictReader(io.StringIO(write_roster([profile]))))
    assert row["notes"] == "'=1+1;'@A1"
