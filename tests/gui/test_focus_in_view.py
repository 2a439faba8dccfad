"""A field that takes the cursor is always in view: an underlined letter (Alt+letter), a
program's focus or Tab never leaves the cursor in a field scrolled out of sight, where
typing would change what nobody can see."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from gradmatch.ui import dialogs
from tests.gui.windows import activate, open_window


def _in_view(area: QScrollArea, field: QWidget) -> bool:
    top_left = field.mapTo(area.viewport(), QPoint(0, 0))
    return top_left.y() >= 0 and top_left.y() + field.height() <= area.viewport().height()


def test_an_underlined_letter_scrolls_its_field_into_view_before_anything_is_typed(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    window.resize(1100, 600)
    activate(qtbot, qapp, window)
    caseload = window.caseload_page
    assert caseload is not None
    caseload.table.selectRow(0)
    form = caseload.editor.form
    area = form.scroll_area
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0  # the form is taller than its pane
    bar.setValue(bar.maximum())  # scrolled to the bottom, as the tester was
    assert not _in_view(area, form.full_name)
    form.working.setFocus()
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert form.full_name.hasFocus()
    assert _in_view(area, form.full_name)
    bar.setValue(0)  # and the other way: from the top to a field at the bottom
    assert not _in_view(area, form.working)
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert form.working.hasFocus()
    assert _in_view(area, form.working)


def test_save_keeps_the_form_where_it_was_and_the_cursor_in_its_field(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    window.resize(1100, 600)
    activate(qtbot, qapp, window)
    caseload = window.caseload_page
    assert caseload is not None
    caseload.table.selectRow(0)
    editor = caseload.editor
    form = editor.form
    bar = form.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    place = bar.value()
    form.salary.setFocus()
    form.salary.setText("81,000")
    qtbot.keyClick(form.salary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.status.text().startswith("Saved")
    assert bar.value() == place  # not back at the top
    assert form.salary.hasFocus() and form.salary.text() == "81,000"
    # Another student opens at the top of their profile.
    caseload.table.selectRow(1)
    assert bar.value() == 0


def test_deleting_or_archiving_selects_the_student_who_takes_the_row(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *_args, **_kwargs: True)
    window = open_window(qtbot, qapp, demo_db)
    caseload = window.caseload_page
    assert caseload is not None
    names = caseload.visible_names()
    caseload.table.selectRow(2)
    window.delete_action.trigger()
    assert caseload.visible_names() == names[:2] + names[3:]
    shown = caseload.selected_summary()
    assert shown is not None and shown.full_name == names[3]
    assert caseload.editor.form.full_name.text() == names[3]
    window.archive_action.trigger()  # archived students are hidden
    shown = caseload.selected_summary()
    assert shown is not None and shown.full_name == names[4]
    caseload.table.selectRow(caseload.model.rowCount() - 1)  # the last row: the one above
    window.delete_action.trigger()
    shown = caseload.selected_summary()
    assert shown is not None and shown.full_name == caseload.visible_names()[-1]
