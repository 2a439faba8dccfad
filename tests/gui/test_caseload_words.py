"""The caseload in words a counselor reads without a code book, and a profile whose place
on screen does not depend on the script of the name above it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.services import students as student_service
from gradmatch.ui.caseload_model import StudentColumn
from tests.gui.windows import open_window


def test_a_student_abroad_lives_in_a_named_country_not_a_code(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    caseload = window.caseload_page
    assert caseload is not None and window.db is not None
    li = student_service.find_student(window.db, "DEMO-002")
    row = caseload.model.row_of(li.id)
    residence = caseload.model.data(caseload.model.index(row, StudentColumn.RESIDENCE))
    assert residence == "China"


def test_the_form_stays_in_place_whatever_the_script_of_the_name(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    caseload = window.caseload_page
    assert caseload is not None
    editor = caseload.editor
    places = set()
    for name in ("Amara Okonkwo", "अनन्या शर्मा", "김민준", "ليلى حداد", "李小龍", "Ωμέγα"):
        editor.heading.setText(name)
        qapp.processEvents()
        places.add(editor.form.mapTo(editor, QPoint(0, 0)).y())
    assert len(places) == 1, places


def test_a_search_that_hides_the_student_shown_says_so_under_the_list(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    caseload = window.caseload_page
    assert caseload is not None
    caseload.table.selectRow(0)
    shown = caseload.editor.form.full_name.text()
    qtbot.keyClicks(caseload.search, "nobody-has-this-name")
    assert caseload.model.rowCount() == 0
    assert caseload.editor.record is not None  # the profile stays: nothing typed is lost
    assert f"{shown}, on the right, is not in this list" in caseload.count_label.text()
    caseload.search.clear()
    assert "not in this list" not in caseload.count_label.text()
