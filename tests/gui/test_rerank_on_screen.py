"""A change saved for the student on the matches page is on screen at once: the cells that
changed are painted again (not only answered differently when asked), the rows that kept
their program keep their place, and the selected program stays selected and explained."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.domain.profile import Status, Subject
from gradmatch.services import matching as matching_service
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.matches_model import MatchColumn
from tests.gui.windows import matches_window


class _Painted(QObject):
    """The region of a widget painted since it was installed."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(event, QPaintEvent):
            self.region += event.region()
        return False


def _cell(window: MainWindow, program_id: str, column: MatchColumn) -> tuple[str, QRect]:
    """The text a cell shows and where it is (in the table's viewport)."""
    page = window.matches_page
    index = page.model.index(page.model.row_of(program_id), column)
    return str(page.model.data(index)), page.table.visualRect(index)


def test_a_saved_prerequisite_is_on_screen_in_the_cost_and_the_explanation(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    page = window.matches_page
    program = "north-texas-campus"
    assert page.select_program(program)
    qtbot.waitExposed(window)
    before_text, rect = _cell(window, program, MatchColumn.TO_STUDENT)
    order_before = page.visible_ids()
    assert "Algorithms" in page.detail.toPlainText().split("Bridge plan")[-1]
    painted = _Painted()
    page.table.viewport().installEventFilter(painted)

    # Algorithms done: no bridge course for it, so the cost to the student falls.
    caseload = window.caseload_page
    assert caseload is not None
    combo = caseload.editor.form.statuses[Subject.ALGORITHMS]
    assert combo.currentData() is not Status.COMPLETED
    combo.setCurrentIndex(combo.findData(Status.COMPLETED))
    caseload.editor.save()
    qapp.processEvents()

    after_text, rect_after = _cell(window, program, MatchColumn.TO_STUDENT)
    assert (before_text, after_text) == ("$18,946", "$18,546")
    assert rect_after == rect  # the row kept its place
    assert painted.region.contains(rect)  # and the new figure was painted over the old one
    assert page.selected_matches()[0].program.id == program  # selected wherever it went
    assert window.db is not None and page.student_id is not None
    ranked = matching_service.match_student(window.db, page.student_id).ranking
    assert page.visible_ids() == [ranked.program(i).id for i in range(len(ranked))]
    assert page.visible_ids() != order_before  # (this change moves programs: rows moved too)
    assert "Algorithms" not in page.detail.toPlainText().split("Bridge plan")[-1]


def test_a_scholarship_saved_lowers_every_cost_on_screen_in_place(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    page = window.matches_page
    program = "north-texas-campus"
    assert page.select_program(program)
    qtbot.waitExposed(window)
    order = page.visible_ids()
    page.table.scrollTo(page.model.index(0, MatchColumn.TO_STUDENT))  # the column in view
    qapp.processEvents()
    shown = {pid: _cell(window, pid, MatchColumn.TO_STUDENT) for pid in order}
    on_screen = [pid for pid, (_text, rect) in shown.items()
                 if page.table.viewport().rect().contains(rect)]  # fmt: skip
    assert len(on_screen) >= 10
    painted = _Painted()
    page.table.viewport().installEventFilter(painted)

    caseload = window.caseload_page
    assert caseload is not None
    caseload.editor.form.scholarships.setText("100")
    caseload.editor.save()
    qapp.processEvents()

    assert page.visible_ids() == order  # the same order: every row kept its program
    for pid, (text, rect) in shown.items():
        now, rect_now = _cell(window, pid, MatchColumn.TO_STUDENT)
        if text == "unknown":
            assert now == "unknown"
            continue
        assert _dollars(now) == _dollars(text) - 100
        assert rect_now == rect
        if pid in on_screen:
            assert painted.region.contains(rect)  # painted again, not only answered anew
    assert page.selected_matches()[0].program.id == program
    assert "scholarships" in page.detail.toPlainText().lower()


def _dollars(text: str) -> int:
    return int(text.removeprefix("$").replace(",", ""))


def _save_budget(window: MainWindow, **fields: str) -> None:
    caseload = window.caseload_page
    assert caseload is not None
    form = caseload.editor.form
    for name, value in fields.items():
        getattr(form, name).setText(value)
    caseload.editor.save()


def test_a_program_filtered_out_by_a_saved_change_leaves_nothing_selected(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    """The attack from QA: with the bucket filter on, a save that moves the selected
    program out of the bucket while another moves in (as many rows) left the row
    highlighted, now another program, with Override and Add to shortlist acting on it."""
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    page = window.matches_page
    _save_budget(window, max_total_cost="70000", scholarships="20000")
    page.bucket_filter.setCurrentIndex(page.bucket_filter.findText("After bridging"))
    chosen = page.visible_ids()[-1]
    assert page.select_program(chosen)
    rows = page.model.rowCount()

    caseload = window.caseload_page
    assert caseload is not None
    state = caseload.editor.form.state
    state.setCurrentIndex(state.findData("AZ"))
    _save_budget(window, max_total_cost="61000")
    assert chosen not in page.visible_ids() and page.model.rowCount() == rows

    assert page.selected_matches() == []
    assert not page.override_button.isEnabled() and not page.shortlist_button.isEnabled()
    assert "Select a program" in page.detail.toPlainText()


def test_the_shortlist_taking_the_focus_selects_nothing(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    """QA: after Compare, a save disabled the focused button, the focus went to the
    shortlist, Qt made its first entry current and the table jumped to that program."""
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    page = window.matches_page
    assert window.db is not None and page.student_id is not None
    shortlisted, chosen = page.visible_ids()[3], page.visible_ids()[0]
    matching_service.add_to_shortlist(window.db, page.student_id, shortlisted)
    page.refresh()
    assert page.select_program(chosen)
    page.shortlist.setFocus()
    qapp.processEvents()
    assert [m.program.id for m in page.selected_matches()] == [chosen]
    assert not page.remove_button.isEnabled()  # no entry chosen in the shortlist


def test_a_saved_change_keeps_every_selected_program_selected(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    page = window.matches_page
    chosen = page.visible_ids()[:3]
    selection = page.table.selectionModel()
    for pid in chosen:
        row = page.model.row_of(pid)
        selection.select(
            page.model.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )
    assert page.compare_button.isEnabled()
    _save_budget(window, scholarships="500")
    assert sorted(m.program.id for m in page.selected_matches()) == sorted(chosen)
    assert page.compare_button.isEnabled()
