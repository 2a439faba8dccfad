"""On a small screen nothing essential is lost: no text that changes (a count, the matches'
summary, a long database path) widens the window beyond the screen; what does not fit is
elided, with the whole text in its tooltip."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolTip
from pytestqt.qtbot import QtBot

from gradmatch.domain.costs import CostDefaults
from gradmatch.services import catalog as catalog_service
from gradmatch.services import matching as matching_service
from gradmatch.ui.matches_model import MatchColumn
from gradmatch.ui.program_editor import ProgramEditor
from tests.gui.windows import matches_window

SMALL = (1024, 700)


def test_a_long_database_path_and_summary_do_not_widen_the_window(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, tmp_path: Path
) -> None:
    deep = tmp_path.joinpath(*["a counselor's folder with a long name"] * 6)
    deep.mkdir(parents=True)
    path = deep / "caseload.sqlite3"
    shutil.copy(demo_db, path)
    window = matches_window(qtbot, qapp, path, "DEMO-001")
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.width() == SMALL[0])
    page = window.matches_page
    assert "ready" in page.summary.text()

    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qapp.processEvents()
        assert window.minimumSizeHint().width() <= SMALL[0], window.tabs.tabText(index)
    # the path is cut on screen and whole in the tooltip
    assert str(path) in window.db_label.text()
    assert str(path) in window.db_label.toolTip()


@pytest.mark.parametrize("size", [SMALL, (1366, 768)])
def test_the_matches_show_costs_and_budget_without_scrolling_sideways(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, size: tuple[int, int]
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    page = window.matches_page
    page.table.selectRow(0)
    qapp.processEvents()
    table = page.table
    visible = table.viewport().width()
    for column in (MatchColumn.BUCKET, MatchColumn.SCHOOL, MatchColumn.DELIVERY,
                   MatchColumn.TOTAL, MatchColumn.TO_STUDENT, MatchColumn.BUDGET):  # fmt: skip
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert table.columnViewportPosition(column) >= 0 and right <= visible, column.name
    # and the explanation of the selected program is on screen, not squeezed away
    assert page.detail.isVisible() and page.detail.height() >= 150
    assert page.shortlist.isVisible()


def test_cut_names_show_whole_in_their_tooltip_and_offerings_stay_apart(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.width() == SMALL[0])
    page = window.matches_page
    assert window.db is not None and page.student_id is not None
    for program_id in ("arizona-campus", "arizona-online"):
        matching_service.add_to_shortlist(window.db, page.student_id, program_id)
    page.refresh()
    qapp.processEvents()

    # a school's name cut short in the table: whole in the tooltip
    table = page.table
    row = page.model.row_of("wisconsin-madison-campus")
    index = table.model().index(row, MatchColumn.SCHOOL)
    table.setColumnWidth(MatchColumn.SCHOOL, 80)
    table.scrollTo(index)
    assert _tooltip(table, index).startswith("University of Wisconsin–Madison")

    # the shortlist never scrolls sideways; each entry starts with the school and delivery,
    # so the two Arizona offerings differ where the line is cut, and the tooltip is whole
    shortlist = page.shortlist
    texts = [shortlist.item(i).text() for i in range(shortlist.count())]
    assert any(t.startswith("University of Arizona (campus) — ") for t in texts)
    assert any(t.startswith("University of Arizona (online) — ") for t in texts)
    assert shortlist.horizontalScrollBar().maximum() == 0 or not (
        shortlist.horizontalScrollBar().isVisible()
    )
    item = next(i for i in range(shortlist.count()) if "(online)" in shortlist.item(i).text())
    index = shortlist.model().index(item, 0)
    assert _tooltip(shortlist, index) == shortlist.item(item).text()


def _tooltip(view: QAbstractItemView, index: QModelIndex) -> str:
    """What the tooltip says when the pointer rests on the cell at ``index``."""
    QToolTip.hideText()
    centre = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


def test_the_program_editor_fits_the_screen_with_save_in_view(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    """With its cost figures the editor was 928 pixels tall: Save and Cancel below a
    768-pixel screen. Its fields scroll; the buttons stay in view."""
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    assert window.db is not None
    program = next(
        p for p in catalog_service.load_view(window.db).programs if p.id == "drexel-campus"
    )
    editor = ProgramEditor(program, window, costs=(CostDefaults(), None))
    qtbot.addWidget(editor)
    editor.show()
    qapp.processEvents()
    area = editor.screen().availableGeometry()
    assert editor.frameGeometry().height() <= area.height()
    save = editor.save_button
    bottom = save.mapTo(editor, save.rect().bottomLeft()).y()
    assert save.isVisible() and bottom <= editor.height()
