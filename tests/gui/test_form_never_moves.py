"""The profile form never moves under the pointer, and speaks when a field is left.

A QA session clicked below a field just typed in: the field's message appeared as the
field was left and pushed everything down, so the click landed on the message instead of
the field aimed at. And ticking "Has GRE scores" called the four empty scores wrong at
once, before anyone could type them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from gradmatch.domain.fields import GROUPS
from gradmatch.domain.profile import Subject
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.profile_form import ProfileForm
from tests.gui.windows import activate, open_window

GRE = ("gre.verbal", "gre.quant", "gre.writing", "gre.taken_on")

# A field, what is typed into it, and a field further down that is not where Tab goes next.
CASES: list[tuple[str, Callable[[ProfileForm], QLineEdit], str, Callable[[ProfileForm], QWidget]]] = [
    ("gpa", lambda f: f.gpa_value, "abc", lambda f: f.degree_year),
    ("gre quant", lambda f: f.gre_quant, "171", lambda f: f.gre_date),
    ("maximum cost", lambda f: f.max_total_cost, "12,34,5", lambda f: f.scholarships),
    ("a year", lambda f: f.evidence[Subject.CALCULUS]["year"], "19",
     lambda f: f.evidence[Subject.PROBABILITY]["course"]),
]  # fmt: skip


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, db_path: Path) -> MainWindow:
    window = open_window(qtbot, qapp, db_path)
    activate(qtbot, qapp, window)
    return window


def _click_at(qtbot: QtBot, window: QWidget, where: QPoint) -> None:
    """A click at ``where`` in ``window``, delivered as the screen would: to whatever is
    there now."""
    target = window.childAt(where)
    assert target is not None
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, where))


def _form(window: MainWindow) -> ProfileForm:
    assert window.caseload_page is not None
    return window.caseload_page.editor.form


@pytest.mark.parametrize(("case", "field", "text", "below"), CASES, ids=[c[0] for c in CASES])
def test_a_message_moves_nothing_and_a_click_lands_where_aimed(
    qtbot: QtBot,
    qapp: QApplication,
    window: MainWindow,
    case: str,
    field: Callable[[ProfileForm], QLineEdit],
    text: str,
    below: Callable[[ProfileForm], QWidget],
) -> None:
    form = _form(window)
    form.has_gre.setChecked(True)
    typed, aimed = field(form), below(form)
    form.scroll_area.ensureWidgetVisible(aimed)
    form.scroll_area.ensureWidgetVisible(typed)
    qapp.processEvents()
    where = aimed.mapTo(window, aimed.rect().center())
    height = form.scroll_area.widget().height()
    assert window.childAt(where) is aimed

    qtbot.mouseClick(typed, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(typed, text)
    qtbot.keyClick(typed, Qt.Key.Key_Tab)  # the field is left: its message comes
    assert form.errors[typed.objectName()].text()
    qapp.processEvents()

    assert aimed.mapTo(window, aimed.rect().center()) == where
    assert form.scroll_area.widget().height() == height
    _click_at(qtbot, window, where)
    assert qapp.focusWidget() is aimed


def test_a_long_message_is_one_line_with_the_whole_of_it_in_the_tooltip(
    qtbot: QtBot, qapp: QApplication, window: MainWindow
) -> None:
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    form = _form(window)
    form.has_gre.setChecked(True)
    height = form.scroll_area.widget().height()
    qtbot.mouseClick(form.gre_quant, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.gre_quant, "160")
    qtbot.keyClick(form.gre_quant, Qt.Key.Key_Backtab)
    qtbot.keyClick(form.gre_verbal, Qt.Key.Key_Tab)  # verbal left empty
    line = form.errors["gre.verbal"]
    message = next(group.message for group in GROUPS if group.path == "gre")
    assert line.text() == message
    qapp.processEvents()
    assert line.height() == line.fontMetrics().height()  # one line, however long
    assert line.width() < line.fontMetrics().horizontalAdvance(message)  # so it is cut…
    assert line.toolTip() == message  # …and whole in its tooltip
    assert form.scroll_area.widget().height() == height
    # nothing is cut off at the side: the form fits the window's width
    assert form.scroll_area.horizontalScrollBar().maximum() == 0


def test_ticking_has_gre_says_nothing_until_a_score_is_left_empty_or_save_is_pressed(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.caseload_page is not None
    editor = window.caseload_page.editor
    form = editor.form
    qtbot.mouseClick(form.full_name, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.full_name, "Ana Ruiz")
    qtbot.keyClick(form.full_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.email, "ana@example.org")

    def said() -> dict[str, str]:
        return {path: form.errors[path].text() for path in GRE}

    form.scroll_area.ensureWidgetVisible(form.gre_date)
    qtbot.mouseClick(form.has_gre, Qt.MouseButton.LeftButton)
    assert form.has_gre.isChecked()
    assert said() == dict.fromkeys(GRE, "")
    qtbot.mouseClick(form.gre_verbal, Qt.MouseButton.LeftButton)  # leaving the box
    assert said() == dict.fromkeys(GRE, "")

    qtbot.keyClick(form.gre_verbal, Qt.Key.Key_Tab)  # verbal left empty
    assert said() == {**dict.fromkeys(GRE, ""), "gre.verbal": "Required"}
    qtbot.keyClicks(form.gre_quant, "17")  # typing: nothing yet
    assert said()["gre.quant"] == ""

    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save
    # verbal and quant must come together; writing and the test date are optional
    assert said()["gre.verbal"] and said()["gre.quant"], said()
    assert said()["gre.writing"] == said()["gre.taken_on"] == ""
    assert "Not saved: 2 fields need fixing" in editor.status.text()
    assert editor.focusWidget() is form.gre_verbal  # the first of them

    qtbot.keyClicks(form.gre_verbal, "158")  # valid again: its message goes at once
    assert said()["gre.verbal"] == ""
    assert said()["gre.quant"] == "GRE verbal and quant scores run from 130 to 170"


def test_a_click_below_a_field_being_fixed_lands_where_aimed_in_the_program_editor(
    qtbot: QtBot, qapp: QApplication, window: MainWindow
) -> None:
    from gradmatch.ui.program_editor import ProgramEditor

    window.tabs.setCurrentWidget(window.catalog_page)
    program = next(iter(window.catalog_page.model.programs()))
    editor = ProgramEditor(program, window)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    aimed = editor.total.flat
    where = aimed.mapTo(editor, aimed.rect().center())
    qtbot.mouseClick(editor.credits, Qt.MouseButton.LeftButton)
    editor.credits.clear()
    qtbot.keyClicks(editor.credits, "0")
    assert editor.errors["credits"].text() == ""  # nothing while typing
    qtbot.keyClick(editor.credits, Qt.Key.Key_Tab)
    assert "1 to 200" in editor.errors["credits"].text()
    qapp.processEvents()
    assert aimed.mapTo(editor, aimed.rect().center()) == where
    _click_at(qtbot, editor, where)
    assert qapp.focusWidget() is aimed
