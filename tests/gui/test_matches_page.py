"""The matches page: ranked programs, reasons, shortlist, overrides, comparison."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.domain.matching import Bucket
from gradmatch.services import matching as matching_service
from gradmatch.services import students as student_service
from gradmatch.ui import comparison, dialogs
from gradmatch.ui.application import configure_application
from gradmatch.ui.comparison import ComparisonModel
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.matches_model import MatchColumn
from tests.gui.windows import matches_window


def _open(qtbot: QtBot, qapp: QApplication, path: Path) -> MainWindow:
    configure_application(qapp)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> Iterator[MainWindow]:
    main = _open(qtbot, qapp, demo_db)
    yield main
    main.close()


def _show_matches(window: MainWindow, student_key: str) -> int:
    assert window.caseload_page is not None and window.db is not None
    student_id = student_service.find_student(window.db, student_key).id
    assert window.caseload_page.select_student(student_id)
    window.tabs.setCurrentWidget(window.matches_page)
    return student_id


def _bucket_of(window: MainWindow, program_id: str) -> str:
    page = window.matches_page
    row = page.model.row_of(program_id)
    return str(page.model.data(page.model.index(row, MatchColumn.BUCKET)))


def test_the_matches_of_the_selected_student(window: MainWindow) -> None:
    _show_matches(window, "DEMO-001")
    page = window.matches_page
    assert page.heading.text() == "Matches for Zoë Ñúñez-Ørsted"
    assert page.model.rowCount() == 17
    assert page.visible_ids()[0] == "north-texas-campus"
    assert _bucket_of(window, "north-texas-campus") == "After bridging"
    # With housing and relocation for campuses away from Texas, only North Texas fits her budget.
    assert "1 after bridging" in page.summary.text()
    assert _bucket_of(window, "carnegie-mellon-campus") == "Stretch"


def test_selecting_a_match_explains_it(window: MainWindow) -> None:
    _show_matches(window, "DEMO-001")
    page = window.matches_page
    assert page.select_program("north-texas-campus")
    text = page.detail.toPlainText()
    assert "After bridging" in text and "score 72/100" in text  # in the band 50–74
    assert "33 credits × $412.27 in-state rate" in text
    assert "Bridge plan: about 3.5 months (full-time)" in text
    assert "Algorithms" in text and "counselor estimates" in text


def test_editing_the_budget_changes_the_bucket_at_once(qtbot: QtBot, window: MainWindow) -> None:
    _show_matches(window, "DEMO-001")
    assert _bucket_of(window, "north-texas-campus") == "After bridging"
    window.tabs.setCurrentWidget(window.caseload_page)
    form = window.caseload_page.editor.form  # type: ignore[union-attr]
    form.max_total_cost.clear()
    qtbot.keyClicks(form.max_total_cost, "15,000")
    window.caseload_page.editor.save()  # type: ignore[union-attr]
    window.tabs.setCurrentWidget(window.matches_page)
    assert _bucket_of(window, "north-texas-campus") == "Stretch"
    page = window.matches_page
    page.select_program("north-texas-campus")
    assert "over the budget of $15,000" in page.detail.toPlainText()


def test_completing_a_prerequisite_moves_a_program_to_ready(
    qtbot: QtBot, window: MainWindow
) -> None:
    _show_matches(window, "DEMO-001")
    window.tabs.setCurrentWidget(window.caseload_page)
    form = window.caseload_page.editor.form  # type: ignore[union-attr]
    from gradmatch.domain.profile import Status, Subject

    for subject in (Subject.DATA_STRUCTURES, Subject.ALGORITHMS):
        combo = form.statuses[subject]
        combo.setCurrentIndex(combo.findData(Status.COMPLETED))
    window.caseload_page.editor.save()  # type: ignore[union-attr]
    window.tabs.setCurrentWidget(window.matches_page)
    assert _bucket_of(window, "north-texas-campus") == "Ready"


def test_the_bucket_filter(window: MainWindow) -> None:
    _show_matches(window, "DEMO-001")
    page = window.matches_page
    page.bucket_filter.setCurrentIndex(page.bucket_filter.findText("Not a fit"))
    ids = page.visible_ids()
    assert ids and all(_bucket_of(window, i) == "Not a fit" for i in ids)
    page.bucket_filter.setCurrentIndex(page.bucket_filter.findText("Ready and after bridging"))
    assert set(page.visible_ids()) == {"north-texas-campus"}


def test_the_shortlist_persists_across_a_restart(
    qtbot: QtBot,
    qapp: QApplication,
    window: MainWindow,
    demo_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _show_matches(window, "DEMO-001")
    page = window.matches_page
    notes = iter(["in-state rate", "reach school"])
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args, **_kw: next(notes))
    for program_id in ("north-texas-campus", "carnegie-mellon-campus"):
        page.select_program(program_id)
        qtbot.mouseClick(page.shortlist_button, Qt.MouseButton.LeftButton)
    assert page.shortlist.count() == 2
    page.shortlist.setCurrentRow(1)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    window.close()

    again = _open(qtbot, qapp, demo_db)
    _show_matches(again, "DEMO-001")
    shortlist = again.matches_page.shortlist
    assert [shortlist.item(i).text() for i in range(shortlist.count())] == [
        "Carnegie Mellon University (campus) — Master of Science in Machine Learning · reach school",
        "University of North Texas (campus) — Master of Science in Artificial Intelligence (Machine Learning Concentration) · in-state rate",
    ]
    assert (
        again.matches_page.model.data(
            again.matches_page.model.index(
                again.matches_page.model.row_of("carnegie-mellon-campus"), MatchColumn.SHORTLIST
            )
        )
        == "★ 1"
    )
    again.close()


def test_an_override_is_shown_as_such(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    _show_matches(window, "DEMO-001")
    page = window.matches_page
    page.select_program("duke-campus")
    monkeypatch.setattr(dialogs, "ask_override", lambda *_: ("ready", "Scholarship covers the gap"))
    page.override_button.click()
    assert _bucket_of(window, "duke-campus") == "Ready ✎"
    text = page.detail.toPlainText()
    assert "Bucket set by the counselor" in text and "Scholarship covers the gap" in text
    assert "(computed: Stretch)" in text
    assert page.visible_ids().index("duke-campus") < page.visible_ids().index(
        "carnegie-mellon-campus"
    )


def test_comparing_two_to_four_programs(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show_matches(window, "DEMO-001")
    page = window.matches_page
    shown: list[Any] = []
    monkeypatch.setattr(
        comparison, "show_comparison", lambda matches, name, parent: shown.append(matches)
    )
    page.select_program("north-texas-campus")
    assert not page.compare_button.isEnabled()
    table = page.table
    for program_id in ("carnegie-mellon-campus", "duke-campus"):
        row = page.model.row_of(program_id)
        rect = table.visualRect(page.model.index(row, MatchColumn.SCHOOL))
        qtbot.mouseClick(
            table.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            rect.center(),
        )
    assert page.compare_button.isEnabled()
    page.compare_button.click()
    (matches,) = shown
    model = ComparisonModel(matches)
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    gre_row = labels.index("GRE policy")
    assert [model.data(model.index(gre_row, c)) for c in range(3)] == [
        "Not required",
        "Required",
        "Not required",
    ]
    assert model.differs(gre_row)
    assert not model.differs(labels.index("Delivery"))
    assert not model.differs(labels.index("School"))


def test_student_mode_has_my_matches(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> None:
    configure_application(qapp)
    main = MainWindow(demo_db, student_mode=True)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    assert [main.tabs.tabText(i) for i in range(main.tabs.count())] == [
        "My profile",
        "My matches",
        "Program catalog",
    ]
    main.tabs.setCurrentWidget(main.matches_page)
    assert main.matches_page.model.rowCount() == 17
    main.close()


def test_the_models_follow_the_qt_contract(qtmodeltester: Any, window: MainWindow) -> None:
    _show_matches(window, "DEMO-002")
    qtmodeltester.check(window.matches_page.model)
    matches = window.matches_page.model.matches()[:3]
    qtmodeltester.check(ComparisonModel(matches))
    assert Bucket.READY.label == "Ready"


def test_the_shortlist_selection_follows_the_table_so_remove_never_hits_another_entry(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    page = window.matches_page
    assert window.db is not None and page.student_id is not None
    for program_id in ("maryland-campus", "north-texas-campus"):
        matching_service.add_to_shortlist(window.db, page.student_id, program_id)
    page.refresh()
    shortlist = page.shortlist
    maryland = next(
        i for i in range(shortlist.count())
        if shortlist.item(i).data(Qt.ItemDataRole.UserRole) == "maryland-campus"
    )  # fmt: skip
    rect = shortlist.visualItemRect(shortlist.item(maryland))
    qtbot.mouseClick(shortlist.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.remove_button.isEnabled()

    page.select_program("north-texas-campus")  # another program, on the shortlist too
    chosen = [item.data(Qt.ItemDataRole.UserRole) for item in shortlist.selectedItems()]
    assert chosen == ["north-texas-campus"]
    page.select_program("duke-campus")  # not on the shortlist: no entry to act on
    assert shortlist.selectedItems() == []
    assert not page.remove_button.isEnabled() and not page.note_button.isEnabled()
