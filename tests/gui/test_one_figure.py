"""One figure under one label: what the window, `gradmatch match --format json` and the PDF
say about a program's cost must agree, read the way a parent holding the screen and the
paper would read them."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.app import main as cli_main
from gradmatch.domain.costs import TO_STUDENT_LABEL, TOTAL_LABEL
from gradmatch.domain.money import format_dollars
from gradmatch.services import matching as matching_service
from gradmatch.services import reports as reports_service
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.ui.matches_model import MatchColumn
from tests.gui.windows import matches_window

# Zoë (Texas): North Texas in-state, campuses away, an online program; María (Arizona).
SHORTLISTS = {
    "DEMO-001": ["north-texas-campus", "carnegie-mellon-campus", "mercer-online", "duke-campus"],
    "DEMO-003": ["arizona-online", "north-texas-campus", "csu-global-online"],
}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _after(text: str, label: str, amount: str) -> bool:
    """Whether ``amount`` is the first dollar figure after ``label`` in ``text``."""
    at = text.find(label)
    while at >= 0:
        figure = re.search(r"\$[\d,]+(?:\.\d\d)?|unknown", text[at + len(label) :])
        if figure is not None and figure.group(0) == amount:
            return True
        at = text.find(label, at + 1)
    return False


@pytest.fixture
def shortlisted(demo_db: Path) -> Path:
    db = open_database(demo_db)
    for key, programs in SHORTLISTS.items():
        student = student_service.find_student(db, key)
        for program_id in programs:
            matching_service.add_to_shortlist(db, student.id, program_id)
    db.close()
    return demo_db


@pytest.mark.parametrize("student_key", sorted(SHORTLISTS))
def test_the_window_the_command_line_and_the_pdf_show_the_same_totals(
    qtbot: QtBot,
    qapp: QApplication,
    shortlisted: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    student_key: str,
) -> None:
    # The command line, as a script would read it.
    assert cli_main(["--db", str(shortlisted), "match", student_key, "--format", "json"]) == 0
    documents = {d["program_id"]: d for d in json.loads(capsys.readouterr().out)}

    # The PDF, as the student takes it home.
    db = open_database(shortlisted)
    student_id = student_service.find_student(db, student_key).id
    pdf = tmp_path / "shortlist.pdf"
    reports_service.export_shortlist(db, student_id, pdf)
    db.close()
    pages = [_squeeze(page.extract_text()) for page in PdfReader(pdf).pages]
    summary = next(p for p in pages if "The shortlist" in p)
    assert TOTAL_LABEL in summary and TO_STUDENT_LABEL in summary

    # The window, as the counselor sees it.
    window = matches_window(qtbot, qapp, shortlisted, student_key)
    page = window.matches_page
    model = page.model
    headers = {model.headerData(c, Qt.Orientation.Horizontal) for c in MatchColumn}
    assert {TOTAL_LABEL, TO_STUDENT_LABEL} <= headers
    try:
        for program_id in SHORTLISTS[student_key]:
            cost = documents[program_id]["cost"]
            assert cost["total_label"] == TOTAL_LABEL
            assert cost["to_student_label"] == TO_STUDENT_LABEL
            total = format_dollars(Decimal(str(cost["total"])))
            to_student = format_dollars(Decimal(str(cost["to_student"])))

            row = model.row_of(program_id)
            assert model.data(model.index(row, MatchColumn.TOTAL)) == total, program_id
            assert model.data(model.index(row, MatchColumn.TO_STUDENT)) == to_student
            assert page.select_program(program_id)
            detail = _squeeze(page.detail.toPlainText())
            assert _after(detail, TOTAL_LABEL, total), (program_id, detail)
            assert _after(detail, TO_STUDENT_LABEL, to_student), (program_id, detail)

            school = documents[program_id]["school"]
            row_text = summary[summary.index(school) :]
            assert _after(row_text, school, _tuition(cost))
            own = next(p for p in pages if f". {school}" in p)
            assert _after(own, TOTAL_LABEL, total), (program_id, own)
            assert _after(own, TO_STUDENT_LABEL, to_student), (program_id, own)
            # In the summary table the two totals follow the tuition, in the header's order.
            figures = re.findall(r"\$[\d,]+|unknown", row_text)[:3]
            assert figures == [_tuition(cost), total, to_student], (program_id, row_text)
    finally:
        window.close()


def _tuition(cost: dict[str, object]) -> str:
    value = cost["tuition"]
    return "unknown" if value is None else format_dollars(Decimal(str(value)))


def test_no_money_column_mixes_cents_and_whole_dollars(qtbot: QtBot, qapp: QApplication,
                                                       shortlisted: Path) -> None:  # fmt: skip
    window = matches_window(qtbot, qapp, shortlisted, "DEMO-001")
    model = window.matches_page.model
    try:
        for column in (MatchColumn.TOTAL, MatchColumn.TO_STUDENT):
            cells = [str(model.data(model.index(r, column))) for r in range(model.rowCount())]
            assert all(re.fullmatch(r"\$\d{1,3}(,\d{3})*|unknown", cell) for cell in cells), cells
    finally:
        window.close()
