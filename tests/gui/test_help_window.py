"""The guide as QA found it: the student's guide pointed to a Settings menu the student
edition has not got; its keyboard table named Ctrl+Z after the change it would take back
("Edit ▸ Undo Add … to the shortlist of …"); the guide window had no Close button and
ignored Esc and Ctrl+W."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from gradmatch.domain.matching import score_explained
from gradmatch.domain.voice import STUDENT
from gradmatch.ui import comparison, dialogs
from gradmatch.ui import help as guide
from gradmatch.ui.application import configure_application
from gradmatch.ui.help import COUNSELOR_GUIDE, STUDENT_GUIDE, HelpWindow, Topic
from gradmatch.ui.main_window import MainWindow
from tests.gui.test_undo import UNT
from tests.gui.windows import activate, matches_window

SHOW_COMPARISON = comparison.show_comparison  # the real one (the fixtures replace it)


def _student_window(qtbot: QtBot, qapp: QApplication, path: Path) -> MainWindow:
    configure_application(qapp)
    window = MainWindow(path, student_mode=True)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


def _text(shown: HelpWindow) -> str:
    return shown.browser.document().toPlainText()


def test_the_students_guide_never_points_to_a_settings_menu(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = _student_window(qtbot, qapp, demo_db)
    shown = guide.show_guide(window, Topic.SCORE)
    assert shown.guide is STUDENT_GUIDE
    assert "Settings" not in _text(shown)
    assert score_explained(STUDENT) in _text(shown).replace("\u2029", "\n").replace("\n", " ")
    shown.close()
    window.close()


def test_the_counselors_guide_says_where_the_weights_are_set(qtbot: QtBot) -> None:
    shown = HelpWindow(COUNSELOR_GUIDE)
    qtbot.addWidget(shown)
    assert "weighted as set in Settings" in _text(shown)


@pytest.mark.parametrize("student", [False, True])
def test_the_keyboard_table_names_undo_and_redo_never_the_change(
    qtbot: QtBot,
    qapp: QApplication,
    demo_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    student: bool,
) -> None:
    if student:
        window = _student_window(qtbot, qapp, demo_db)
        window.tabs.setCurrentWidget(window.matches_page)
    else:
        window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    assert window.matches_page.select_program(UNT)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "A note")
    window.matches_page.add_selected_to_shortlist()
    window.undo_action.trigger()  # something to redo as well
    window.matches_page.add_selected_to_shortlist()
    window.undo_action.trigger()
    window.redo_action.trigger()
    assert "shortlist" in window.undo_action.text()  # the menu names the change…
    shown = guide.show_guide(window, Topic.SHORTCUTS)
    text = _text(shown)
    rows = dict(guide.menu_shortcuts(window.menuBar()))
    assert rows["Edit ▸ Undo"] == window.undo_action.shortcut().toString()
    assert "Edit ▸ Redo" in rows
    assert "shortlist of" not in text  # …the guide does not
    assert "Edit ▸ Undo" in text
    assert not any(name.startswith(("Edit ▸ Undo ", "Edit ▸ Redo ")) for name in rows)
    shown.close()
    window.close()


def _open_guide(qtbot: QtBot, qapp: QApplication) -> HelpWindow:
    shown = HelpWindow(COUNSELOR_GUIDE)
    qtbot.addWidget(shown)
    shown.show()
    shown.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: qapp.activeWindow() is shown)
    return shown


def test_esc_closes_the_guide(qtbot: QtBot, qapp: QApplication) -> None:
    shown = _open_guide(qtbot, qapp)
    shown.browser.setFocus()
    qtbot.keyClick(shown.browser, Qt.Key.Key_Escape)
    assert not shown.isVisible()


def test_esc_in_the_find_field_first_empties_it(qtbot: QtBot, qapp: QApplication) -> None:
    shown = _open_guide(qtbot, qapp)
    qtbot.keyClick(shown.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(shown.find_field, "score")
    qtbot.keyClick(shown.find_field, Qt.Key.Key_Escape)
    assert shown.isVisible() and shown.find_field.text() == ""
    qtbot.keyClick(shown.find_field, Qt.Key.Key_Escape)
    assert not shown.isVisible()


def test_ctrl_w_closes_the_guide(qtbot: QtBot, qapp: QApplication) -> None:
    shown = _open_guide(qtbot, qapp)
    qtbot.keyClick(shown.contents, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not shown.isVisible()


def test_the_guide_has_a_close_button(qtbot: QtBot, qapp: QApplication) -> None:
    shown = _open_guide(qtbot, qapp)
    buttons = [b for b in shown.findChildren(QPushButton) if b.text() == "Close"]
    assert len(buttons) == 1 and buttons[0].isVisible()
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert not shown.isVisible()


def test_a_closed_guide_opens_again_from_f1(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    shown = guide.show_guide(window, Topic.MATCHES)
    shown.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: qapp.activeWindow() is shown)
    qtbot.keyClick(shown.browser, Qt.Key.Key_Escape)
    assert not shown.isVisible()
    activate(qtbot, qapp, window)
    qtbot.keyClick(window.matches_page, Qt.Key.Key_F1)
    assert shown.isVisible()
    window.close()


def test_the_students_comparison_never_points_to_a_settings_menu(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _student_window(qtbot, qapp, demo_db)
    page = window.matches_page
    window.tabs.setCurrentWidget(page)
    assert page.result is not None
    shown: list[comparison.ComparisonDialog] = []
    monkeypatch.setattr(comparison, "run_modal", lambda dialog: shown.append(dialog) or 0)
    monkeypatch.setattr(comparison, "show_comparison", SHOW_COMPARISON)
    comparison.show_comparison(list(page.result.matches[:2]), "", page)
    model = shown[0].model
    row = next(r for r in range(model.rowCount()) if model.headerData(
        r, Qt.Orientation.Vertical) == "Score")  # fmt: skip
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == score_explained(STUDENT) and "Settings" not in tip
    window.close()
