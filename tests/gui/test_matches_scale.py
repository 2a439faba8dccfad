"""A 10,000-program catalog: the matches page ranks every program and explains only
the rows that are looked at; what it shows agrees with the explained matcher."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.domain.matching import Bucket
from gradmatch.domain.money import format_dollars
from gradmatch.domain.profile import Status
from gradmatch.services import matching as matching_service
from gradmatch.services import students as student_service
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.matches_model import MATCH_ROLE, MatchColumn, ready_in


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, programs_10k: Path, messages: list[Any]
) -> Iterator[MainWindow]:
    configure_application(qapp)
    main = MainWindow(programs_10k)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    assert main.caseload_page is not None and main.db is not None
    student = student_service.find_student(main.db, "DEMO-001")
    assert main.caseload_page.select_student(student.id)
    main.tabs.setCurrentWidget(main.matches_page)
    yield main
    if main.caseload_page.editor.is_dirty():
        main.caseload_page.editor.revert()
    main.close()


def test_the_page_ranks_every_program_and_explains_only_what_is_looked_at(
    window: MainWindow,
) -> None:
    page = window.matches_page
    assert page.model.rowCount() == 10_000
    assert page.result is not None
    explained = len(page.result.ranking._explained)
    assert explained <= 60, explained  # the rows looked at (and the shortlist), not 10,000
    counts = page.result.ranking.bucket_counts()
    assert sum(counts.values()) == 10_000
    assert f"{counts[Bucket.READY]} ready" in page.summary.text()


def test_each_row_shows_what_its_explanation_says(window: MainWindow) -> None:
    model = window.matches_page.model
    for row in [*range(25), *range(25, 10_000, 401)]:
        match = model.data(model.index(row, 0), MATCH_ROLE)
        cells = [model.data(model.index(row, c)) for c in MatchColumn]
        total = "unknown" if match.total is None else format_dollars(match.total)
        to_student = "unknown" if match.to_student is None else format_dollars(match.to_student)
        assert cells[MatchColumn.BUCKET].startswith(match.shown_bucket.label)
        assert cells[MatchColumn.SCORE] == str(match.score)
        assert cells[MatchColumn.SCHOOL] == match.program.school
        assert cells[MatchColumn.TOTAL] == total
        assert cells[MatchColumn.TO_STUDENT] == to_student
        assert cells[MatchColumn.READY_IN] == ready_in(match)


def test_filter_and_sort_over_ten_thousand_rows(window: MainWindow) -> None:
    page = window.matches_page
    model = page.model
    page.bucket_filter.setCurrentIndex(page.bucket_filter.findText("Stretch"))
    assert page.result is not None
    assert model.rowCount() == page.result.ranking.bucket_counts()[Bucket.STRETCH]
    shown = {model.data(model.index(r, MatchColumn.BUCKET)) for r in range(0, model.rowCount(), 50)}
    assert shown <= {"Stretch", "Stretch ✎"}
    page.table.sortByColumn(MatchColumn.SCORE, Qt.SortOrder.DescendingOrder)
    scores = [int(model.data(model.index(r, MatchColumn.SCORE))) for r in range(model.rowCount())]
    assert scores == sorted(scores, reverse=True)
    assert page.result is not None and len(page.result.ranking._explained) <= 80


def test_a_saved_profile_change_reranks_without_reading_the_catalog_again(
    window: MainWindow,
) -> None:
    assert window.db is not None and window.caseload_page is not None
    context = matching_service.match_context(window.db)
    before = window.matches_page.result
    form = window.caseload_page.editor.form
    for combo in form.statuses.values():
        combo.setCurrentIndex(combo.findData(Status.COMPLETED))
    assert window.caseload_page.editor.save()
    window.tabs.setCurrentWidget(window.matches_page)
    after = window.matches_page.result
    assert after is not None and after is not before
    assert after.context is context  # the student's write left the catalog's facts cached
    assert after.profile.completed_count == 10
