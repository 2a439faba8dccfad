"""The window by keyboard alone: underlined letters that work and never collide, Tab that
walks a form as it is read and leaves a table in one press, and a focus that always shows.

Qt's Alt+letter of a label, button, group box or tab is a shortcut of the whole window
(``Qt::WindowShortcut``), whichever group box or scroll area it sits in: two visible
labels with one letter, or a label with a menu's letter, share the key and each press goes
to the next of them. So a letter is unique per page of the window, menus included."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cmp_to_key
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gradmatch.domain.costs import CostDefaults
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.meeting_log import read_entry
from gradmatch.domain.prerequisites import Expectation
from gradmatch.domain.profile import Subject
from gradmatch.services import meeting_log as log_service
from gradmatch.services import students as student_service
from gradmatch.ui import dialogs, settings_dialog
from gradmatch.ui.log_dialog import LogEntryDialog
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.program_editor import ProgramEditor
from tests.gui.windows import activate, matches_window, open_window

ALT = Qt.KeyboardModifier.AltModifier


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter ``window`` answers as it is shown now, with what answers it: the
    menu bar's titles, and the visible labels with a buddy, buttons, group boxes and tabs."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str, what: str) -> None:
        key = QKeySequence.mnemonic(text)
        if not key.isEmpty():
            found[key.toString()].append(f"{what} {text!r}")

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible():
                add(action.text(), "menu")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), "label")
        elif isinstance(widget, QAbstractButton):
            add(widget.text(), "button")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), "group")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index), "tab")
    return dict(found)


def _shared(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key: whats for key, whats in found.items() if len(whats) > 1}


def _selected(window: MainWindow, student: str) -> None:
    assert window.caseload_page is not None and window.db is not None
    found = student_service.find_student(window.db, student)
    assert window.caseload_page.select_student(found.id)


def test_no_two_things_on_a_page_share_an_underlined_letter(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    _selected(window, "DEMO-001")
    page = window.caseload_page
    assert page is not None
    shared: dict[str, dict[str, list[str]]] = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        name = window.tabs.tabText(index)
        if window.tabs.currentWidget() is page:
            for tab in range(page.details.count()):
                page.details.setCurrentIndex(tab)
                shared[f"{name}: {page.details.tabText(tab)}"] = _shared(mnemonics(window))
            page.details.setCurrentWidget(page.editor)
            page.editor.draft_bar.show()  # a draft offered back: its buttons too
            shared[f"{name}: a draft offered"] = _shared(mnemonics(window))
            page.editor.draft_bar.hide()
        else:
            shared[name] = _shared(mnemonics(window))
    assert shared == {key: {} for key in shared}
    # Alt+E is Edit's (the menu every editing app has), never a field's
    window.tabs.setCurrentWidget(page)
    assert all(what.startswith("menu") for what in mnemonics(window).get("Alt+E", []))


def test_the_student_edition_has_no_shared_letter_either(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = MainWindow(demo_db, student_mode=True)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    shared = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        shared[window.tabs.tabText(index)] = _shared(mnemonics(window))
    assert shared == {key: {} for key in shared}


def _dialogs(window: MainWindow) -> list[QDialog]:
    window.tabs.setCurrentWidget(window.catalog_page)
    program = next(iter(window.catalog_page.model.programs()))
    expects = dict.fromkeys(Subject, Expectation.REQUIRED)
    return [
        ProgramEditor(program, window, expects, (CostDefaults(), None)),
        LogEntryDialog("Ana Ruiz", None, window),
        settings_dialog.SettingsDialog(MatchWeights(), window),
        settings_dialog.cost_defaults_dialog(CostDefaults(), window),
    ]


def test_no_dialog_shares_an_underlined_letter(
    qtbot: QtBot, qapp: QApplication, db_path: Path
) -> None:
    window = open_window(qtbot, qapp, db_path)
    for dialog in _dialogs(window):
        qtbot.addWidget(dialog)
        dialog.show()
        assert _shared(mnemonics(dialog)) == {}, dialog.windowTitle()
        dialog.close()


# Opening a menu asks the offscreen platform for what it cannot do (raise, grab the keyboard).
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)", extend=True)
def test_alt_and_a_fields_letter_puts_the_cursor_in_it(
    qtbot: QtBot, qapp: QApplication, db_path: Path
) -> None:
    window = open_window(qtbot, qapp, db_path)
    activate(qtbot, qapp, window)
    assert window.caseload_page is not None
    form = window.caseload_page.editor.form
    form.has_gre.setChecked(True)  # the GRE scores take the cursor only when enabled
    for key, field in (
        (Qt.Key.Key_N, form.full_name),
        (Qt.Key.Key_M, form.email),
        (Qt.Key.Key_O, form.country),
        (Qt.Key.Key_U, form.state),
        (Qt.Key.Key_P, form.international),
        (Qt.Key.Key_J, form.major),
        (Qt.Key.Key_G, form.gpa_value),
        (Qt.Key.Key_B, form.gre_verbal),
        (Qt.Key.Key_Q, form.gre_quant),
        (Qt.Key.Key_W, form.gre_writing),
        (Qt.Key.Key_K, form.will_take_gre),
        (Qt.Key.Key_L, form.english_kind),
        (Qt.Key.Key_X, form.max_total_cost),
        (Qt.Key.Key_D, form.delivery),
        (Qt.Key.Key_R, form.part_time),
        (Qt.Key.Key_A, form.relocate),
        (Qt.Key.Key_Y, form.working),
        (Qt.Key.Key_I, form.keep_working),
    ):
        qtbot.keyClick(qapp.focusWidget() or window, key, ALT)
        assert qapp.focusWidget() is field, QKeySequence(key).toString()
    # and the menus keep their own letters: Alt+T opens Settings
    settings = next(a.menu() for a in window.menuBar().actions() if a.text() == "Se&ttings")
    assert isinstance(settings, QMenu)
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_T, ALT)
    qtbot.waitUntil(settings.isVisible)
    settings.close()


def test_alt_letters_in_the_program_editor_reach_their_inputs(
    qtbot: QtBot, qapp: QApplication, db_path: Path
) -> None:
    window = open_window(qtbot, qapp, db_path)
    editor = _dialogs(window)[0]
    assert isinstance(editor, ProgramEditor)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.rate.split.setChecked(False)
    for key, field in (
        (Qt.Key.Key_R, editor.credits),
        (Qt.Key.Key_P, editor.rate.flat),
        (Qt.Key.Key_T, editor.total.first_input()),
        (Qt.Key.Key_G, editor.gre_policy),
        (Qt.Key.Key_A, editor.artiba),
        (Qt.Key.Key_N, editor.notes),
    ):
        qtbot.keyClick(qapp.focusWidget(), key, ALT)
        assert qapp.focusWidget() is field, QKeySequence(key).toString()
    editor.rate.split.setChecked(True)  # separate in-state and out-of-state figures
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_P, ALT)
    assert qapp.focusWidget() is editor.rate.in_state


def _reading_order(widgets: list[QWidget], root: QWidget) -> list[QWidget]:
    """``widgets`` top to bottom, and left to right within a row (widgets side by side)."""

    def box(widget: QWidget) -> QRect:
        return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())

    def compare(a: QWidget, b: QWidget) -> int:
        first, second = box(a), box(b)
        if first.top() <= second.bottom() and second.top() <= first.bottom():  # one row
            return first.left() - second.left()
        return first.top() - second.top()

    return sorted(widgets, key=cmp_to_key(compare))


def _inputs(root: QWidget) -> list[QWidget]:
    """The inputs under ``root`` that Tab can reach now (enabled and shown)."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not widget.objectName().startswith("qt_")  # Qt's own part of a spin box
        and widget.isEnabled()
        and widget.isVisibleTo(root.window())
    ]


def _walk(qtbot: QtBot, qapp: QApplication, start: QWidget, presses: int) -> list[QWidget]:
    """The widget with the focus at ``start`` and after each of ``presses`` Tabs."""
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(start.hasFocus)
    walked = [start]
    for _ in range(presses):
        qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Tab)
        walked.append(qapp.focusWidget())
    return walked


def _names(widgets: list[QWidget]) -> list[str]:
    return [
        widget.objectName()
        or (widget.text() if isinstance(widget, QAbstractButton) else type(widget).__name__)
        for widget in widgets
    ]


def test_tab_walks_the_profile_as_it_is_read_from_the_search_to_save(
    qtbot: QtBot, qapp: QApplication, db_path: Path
) -> None:
    window = open_window(qtbot, qapp, db_path)
    activate(qtbot, qapp, window)
    page = window.caseload_page
    assert page is not None
    form = page.editor.form
    # every input in use (GRE scores given, an English test chosen), and Save can be pressed
    form.has_gre.setChecked(True)
    form.english_kind.setCurrentIndex(1)
    for field, text in (
        (form.full_name, "Ana Ruiz"), (form.email, "ana@example.org"), (form.gre_verbal, "158"),
        (form.gre_quant, "165"), (form.gre_writing, "4.5"), (form.gre_date, "2025-06-14"),
        (form.english_score, "104"),
    ):  # fmt: skip
        qtbot.keyClicks(field, text)
    assert page.editor.save_button.isEnabled()
    content = form.scroll_area.widget()
    expected = [
        page.search,
        page.show_archived,
        page.table,
        page.details.tabBar(),
        *_reading_order(_inputs(content), content),
        page.editor.revert_button,
        page.editor.save_button,
    ]
    walked = _walk(qtbot, qapp, page.search, len(expected) - 1)
    assert _names(walked) == _names(expected)


def test_tab_walks_the_program_editor_and_the_weights_as_they_are_read(
    qtbot: QtBot, qapp: QApplication, db_path: Path
) -> None:
    window = open_window(qtbot, qapp, db_path)
    editor, _log, weights, _costs = _dialogs(window)
    for dialog in (editor, weights):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        expected = _reading_order(_inputs(dialog), dialog)
        assert _names(_walk(qtbot, qapp, expected[0], len(expected) - 1)) == _names(expected)
        dialog.close()


def test_tab_leaves_a_table_in_one_press_and_leaves_it_as_it_was(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    activate(qtbot, qapp, window)
    assert window.db is not None and window.caseload_page is not None
    student = student_service.find_student(window.db, "DEMO-001").id
    log_service.add_log_entry(window.db, student, read_entry(date(2026, 1, 5), "call", "A call"))
    window.caseload_page.log_panel.refresh()
    matches = window.matches_page
    qtbot.waitUntil(lambda: matches.table.model().rowCount() > 1)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args, **_kw: "")  # no note
    matches.table.selectRow(0)
    qtbot.mouseClick(matches.shortlist_button, Qt.MouseButton.LeftButton)
    caseload = window.caseload_page
    views: list[tuple[QWidget, QAbstractItemView]] = [
        (caseload, caseload.table),
        (matches, matches.table),
        (matches, matches.shortlist),
        (window.catalog_page, window.catalog_page.table),
        (caseload, caseload.log_panel.list),
    ]
    for page, view in views:
        window.tabs.setCurrentWidget(page)
        if view is caseload.log_panel.list:
            caseload.details.setCurrentWidget(caseload.log_panel)
        assert view.model().rowCount() > 0, view.objectName()
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        row = max(0, view.currentIndex().row())  # the caseload's stays on the same student
        column = 1 if isinstance(view, QTableView) else 0  # a cell Tab would walk on from
        view.setCurrentIndex(view.model().index(row, column))
        current, scrolled = view.currentIndex(), view.horizontalScrollBar().value()
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert not view.isAncestorOf(qapp.focusWidget()) and qapp.focusWidget() is not view, (
            view.objectName()
        )
        assert view.currentIndex() == current and view.horizontalScrollBar().value() == scrolled


def _stops_showing_no_focus(qtbot: QtBot, qapp: QApplication, start: QWidget) -> list[str]:
    """Tab round ``start``'s window from it: each stop that looks the same focused and not."""
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(start.hasFocus)
    qtbot.keyClick(start, Qt.Key.Key_Tab)  # from the keyboard: focus is drawn from now on
    first, unseen = qapp.focusWidget(), []
    for _ in range(300):
        widget = qapp.focusWidget()
        focused = widget.grab().toImage()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if widget.grab().toImage() == focused:
            unseen.append(widget.objectName() or type(widget).__name__)
        if qapp.focusWidget() is first:
            return unseen
    raise AssertionError("Tab never came round")


def test_the_focus_always_shows(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    activate(qtbot, qapp, window)
    assert window.caseload_page is not None
    matches = window.matches_page
    qtbot.waitUntil(lambda: matches.table.model().rowCount() > 1)
    matches.table.selectRow(0)
    unseen = {"Matches": _stops_showing_no_focus(qtbot, qapp, matches.bucket_filter)}
    window.tabs.setCurrentWidget(window.catalog_page)
    window.catalog_page.table.selectRow(0)
    unseen["Program catalog"] = _stops_showing_no_focus(qtbot, qapp, window.catalog_page.search)
    window.tabs.setCurrentWidget(window.caseload_page)
    unseen["Caseload"] = _stops_showing_no_focus(qtbot, qapp, window.caseload_page.search)
    assert unseen == {key: [] for key in unseen}
