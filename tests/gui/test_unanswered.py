"""Unknown is not no: a roster row with a name, an email and a country leaves every question
of the matcher unanswered; no program becomes "Not a fit" because of it, in the window or on
the command line, and the reasons say what to ask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.app import main as cli_main
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.ui.matches_model import MatchColumn
from tests.gui.windows import matches_window

ROSTER = "full_name,email,country\nRosa Blank,rosa.blank@example.org,US\n"


@pytest.fixture
def blank_student(db_path: Path, tmp_path: Path) -> Path:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    db = open_database(db_path)
    student_service.import_roster(db, roster, skip_invalid=False)
    db.close()
    return db_path


def test_the_command_line_asks_instead_of_ruling_out(
    blank_student: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["--db", str(blank_student), "match", "Rosa Blank", "--format", "json"]) == 0
    matches = json.loads(capsys.readouterr().out)
    assert len(matches) == 17
    assert [m["program_id"] for m in matches if m["bucket"] == "not_a_fit"] == []
    campus = next(m for m in matches if m["program_id"] == "carnegie-mellon-campus")
    asked = [r["text"] for r in campus["reasons"] if r["not_answered"]]
    assert any("Ask whether the student can relocate" in text for text in asked), asked
    assert any("Ask whether the student will take the GRE" in text for text in asked), asked
    # An online program cannot be ruled out by relocation: nothing about moving is asked.
    online = next(m for m in matches if m["program_id"] == "mercer-online")
    assert not any("relocate" in r["text"] for r in online["reasons"] if r["not_answered"])


def test_the_window_asks_instead_of_ruling_out(
    qtbot: QtBot, qapp: QApplication, blank_student: Path
) -> None:
    window = matches_window(qtbot, qapp, blank_student, "Rosa Blank")
    page = window.matches_page
    try:
        buckets = [
            str(page.model.data(page.model.index(r, MatchColumn.BUCKET)))
            for r in range(page.model.rowCount())
        ]
        assert len(buckets) == 17 and "Not a fit" not in buckets
        assert "0 not a fit" in page.summary.text()
        assert page.select_program("carnegie-mellon-campus")
        text = page.detail.toPlainText()
        assert "Ask whether the student can relocate" in text
        assert "Ask whether the student can study on campus, online, or either" in text
    finally:
        window.close()
