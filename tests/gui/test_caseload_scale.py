"""A 10,000-student caseload: the list asks the database for ids, searches and sorts in
SQL, and fetches only the rows that come into view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.domain.caseload import StudentSummary
from gradmatch.domain.profile import Status
from gradmatch.domain.text import fold
from gradmatch.domain.us_states import state_name
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.ui.application import configure_application
from gradmatch.ui.caseload_model import STUDENT_ROLE, CaseloadModel, StudentColumn
from gradmatch.ui.caseload_page import CaseloadPage
from gradmatch.ui.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, caseload_10k: Path, messages: list[Any]
) -> Iterator[MainWindow]:
    configure_application(qapp)
    main = MainWindow(caseload_10k)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    yield main
    main.close()


def _page(window: MainWindow) -> CaseloadPage:
    assert window.caseload_page is not None
    return window.caseload_page


def _everyone(window: MainWindow) -> list[StudentSummary]:
    assert window.db is not None
    return student_service.list_students(window.db)


def test_opening_fetches_only_the_rows_on_screen(window: MainWindow) -> None:
    page = _page(window)
    assert page.model.rowCount() == 10_000
    assert page.count_label.text() == "10000 students"
    assert 0 < page.model.rows_fetched <= 2 * CaseloadModel.PAGE
    first = sorted(_everyone(window), key=lambda s: (fold(s.full_name), s.id))[:5]
    shown = [page.model.data(page.model.index(row, StudentColumn.NAME)) for row in range(5)]
    assert shown == [s.full_name for s in first]


def test_typing_a_search_finds_the_same_students_as_reading_them_all(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(window)
    qtbot.keyClicks(page.search, "zoe muller")
    expected = {
        s.id
        for s in _everyone(window)
        if all(
            w in fold(f"{s.full_name} {s.email} {s.student_id or ''}") for w in ("zoe", "muller")
        )
    }
    assert expected, "the synthetic caseload has Zoë Müllers"
    assert page.model.rowCount() == len(expected)
    assert page.model.rows_fetched <= 2 * CaseloadModel.PAGE
    found = {page.model.student(row).id for row in range(page.model.rowCount())}  # type: ignore[union-attr]
    assert found == expected
    assert page.count_label.text() == f"{len(expected)} of 10000 students"


def test_every_column_sorts_like_the_values_it_shows(window: MainWindow) -> None:
    page = _page(window)
    everyone = {s.id: s for s in _everyone(window)}
    keys = {
        StudentColumn.READINESS: lambda s: s.completed,
        StudentColumn.BUDGET: lambda s: -1 if s.max_total_cost is None else s.max_total_cost,
        StudentColumn.RESIDENCE: lambda s: (
            (state_name(s.state) if s.state else "United States")
            if s.country == "US"
            else s.country
        ),
        StudentColumn.EMAIL: lambda s: s.email.casefold(),
        StudentColumn.UPDATED: lambda s: s.updated_at,
    }
    for column, key in keys.items():
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            page.table.sortByColumn(column, order)
            shown = [everyone[page.model.student(row).id] for row in range(0, 10_000, 97)]  # type: ignore[union-attr]
            values = [key(s) for s in shown]
            assert values == sorted(values, reverse=order == Qt.SortOrder.DescendingOrder), column


def test_the_selected_student_stays_selected_through_a_sort_and_a_search(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(window)
    page.table.selectRow(5000)
    chosen = page.selected_summary()
    assert chosen is not None and page.current_id == chosen.id
    page.table.sortByColumn(StudentColumn.BUDGET, Qt.SortOrder.DescendingOrder)
    assert page.selected_summary() == chosen
    qtbot.keyClicks(page.search, chosen.email)
    assert page.selected_summary() == chosen
    assert page.editor.record is not None and page.editor.record.id == chosen.id


def test_a_saved_change_shows_in_the_readiness_column_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(window)
    page.table.selectRow(0)
    before = page.selected_summary()
    assert before is not None
    for combo in page.editor.form.statuses.values():
        combo.setCurrentIndex(combo.findData(Status.COMPLETED))
    assert page.editor.save()
    row = page.model.row_of(before.id)
    assert page.model.data(page.model.index(row, StudentColumn.READINESS)) == "10/10"
    assert page.model.data(page.model.index(row, 0), STUDENT_ROLE).completed == 10


def test_the_model_passes_qts_model_checks_on_the_big_caseload(
    qtmodeltester: Any, caseload_10k: Path
) -> None:
    db = open_database(caseload_10k)
    model = CaseloadModel()
    model.set_database(db)
    model.set_text("a")
    qtmodeltester.check(model)
    db.close()
