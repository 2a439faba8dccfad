"""One bad value, one message: typed in the form, written in a roster cell, given on the
command line or found in a profile file, the same value gets the same words."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from gradmatch.app import main
from gradmatch.domain.exchange import ExchangeError, load_profile
from gradmatch.domain.fields import BY_COLUMN
from gradmatch.domain.roster import read_roster
from gradmatch.ui.profile_form import ProfileForm

GRE = {"gre_verbal": "150", "gre_quant": "160", "gre_writing": "4.0", "gre_date": "2024-06-01"}
LOAN = {"loan_amount": "20,000", "loan_rate": "6.5", "loan_years": "10"}

# (column, bad text, the other columns it needs to be read at all, the words expected)
CASES = [
    ("gre_quant", "171", GRE, "GRE verbal and quant scores run from 130 to 170"),
    ("gpa", "abc", {}, "Enter a number, e.g. 3.4"),
    ("gpa", "5", {}, "A GPA of 5 is above its 4.0 scale"),
    ("max_total_cost", "12,34,5", {}, "Enter an amount in dollars, e.g. 45,000"),
    ("gre_date", "2025-13-01", GRE,
     "There is no such day as 2025-13-01: enter a date as YYYY-MM-DD, e.g. 2025-06-14"),
    ("loan_rate", "31", LOAN, "Enter a yearly rate from 0 to 30 %"),
    ("relocate", "maybe", {}, "Write yes or no, or leave it blank (not answered)"),
]  # fmt: skip
IDS = [f"{column}={text}" for column, text, _, _ in CASES]


def _cells(column: str, text: str, context: dict[str, str]) -> dict[str, str]:
    return {"full_name": "Ana Ruiz", "email": "ana@example.org", **context, column: text}


def _in_the_form(qtbot: QtBot, column: str, text: str, context: dict[str, str]) -> str:
    form = ProfileForm()
    qtbot.addWidget(form)
    if "gre_quant" in context:
        form.has_gre.setChecked(True)
    for name, value in _cells(column, text, context).items():
        path = BY_COLUMN[name].path
        if name == "relocate":  # a choice in the form: a bad word cannot be typed there
            continue
        edit = form.findChild(QLineEdit, path)
        edit.clear()
        qtbot.keyClicks(edit, value)
    form.reveal()  # as Save shows them
    return form.errors[BY_COLUMN[column].path].text()


def _in_the_roster(column: str, text: str, context: dict[str, str]) -> str:
    buffer = io.StringIO()
    cells = _cells(column, text, context)
    writer = csv.DictWriter(buffer, list(cells), lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(cells)
    errors = read_roster(buffer.getvalue().encode(), "r.csv").errors
    prefix = f"row 2, column {column}: "
    found = [str(e) for e in errors if str(e).startswith(prefix)]
    assert len(found) == 1, [str(e) for e in errors]
    return found[0].removeprefix(prefix)


def _on_the_command_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, column: str, text: str, context: Any
) -> str:
    pairs = [f"{name}={value}" for name, value in _cells(column, text, context).items()]
    code = main(["--db", str(db_path), "student", "add", *pairs])
    err = capsys.readouterr().err
    assert code == 1 and "nothing was saved" in err
    prefix = f"gradmatch: error: {column}: "
    found = [line for line in err.splitlines() if line.startswith(prefix)]
    assert len(found) == 1, err
    return found[0].removeprefix(prefix)


def _in_a_roster_imported_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path, column: str, text: str,
    context: dict[str, str],
) -> str:  # fmt: skip
    cells = _cells(column, text, context)
    roster = tmp_path / "roster.csv"
    with roster.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, list(cells))
        writer.writeheader()
        writer.writerow(cells)
    assert main(["--db", str(db_path), "student", "import", str(roster)]) == 1
    prefix = f"roster.csv: row 2, column {column}: "
    err = capsys.readouterr().err
    found = [line for line in err.splitlines() if line.startswith(prefix)]
    assert len(found) == 1, err
    return found[0].removeprefix(prefix)


def _in_a_profile_file(column: str, text: str, context: dict[str, str]) -> str:
    student: dict[str, Any] = {}
    for name, value in _cells(column, text, context).items():
        *parents, last = BY_COLUMN[name].parts
        target = student
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    document = {"format": "gradmatch-profile", "version": 1, "student": student}
    with pytest.raises(ExchangeError) as caught:
        load_profile(json.dumps(document).encode(), "ana.gradmatch.json")
    prefix = f"ana.gradmatch.json: student.{BY_COLUMN[column].path}: "
    found = [p for p in caught.value.problems if p.startswith(prefix)]
    assert len(found) == 1, caught.value.problems
    return found[0].removeprefix(prefix)


@pytest.mark.parametrize(("column", "text", "context", "words"), CASES, ids=IDS)
def test_the_same_bad_value_gets_the_same_words_everywhere(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    db_path: Path,
    column: str,
    text: str,
    context: dict[str, str],
    words: str,
) -> None:
    said = {
        "roster import report": _in_the_roster(column, text, context),
        "roster imported on the command line": _in_a_roster_imported_on_the_command_line(
            capsys, tmp_path, db_path, column, text, context
        ),
        "gradmatch student add": _on_the_command_line(capsys, db_path, column, text, context),
        "profile file": _in_a_profile_file(column, text, context),
    }
    if column != "relocate":
        said["form"] = _in_the_form(qtbot, column, text, context)
    assert said == dict.fromkeys(said, words)


def test_nothing_bad_is_saved_from_the_command_line(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    assert main(["--db", str(db_path), "student", "add", "full_name=A", "email=a@example.org",
                 "gre_quant=171", "gre_verbal=150", "gre_writing=4", "gre_date=2024-01-01"]) == 1  # fmt: skip
    capsys.readouterr()
    assert main(["--db", str(db_path), "student", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
