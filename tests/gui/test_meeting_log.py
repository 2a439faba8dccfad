"""The meeting log in the window: the caseload's "Meeting log" tab, driven by keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gradmatch.domain.meeting_log import LogEntry, LogKind, read_entry
from gradmatch.services import meeting_log as log_service
from gradmatch.services import students as student_service
from gradmatch.ui import dialogs, log_dialog
from gradmatch.ui.application import configure_application
from gradmatch.ui.caseload_page import CaseloadPage
from gradmatch.ui.log_dialog import LogEntryDialog
from gradmatch.ui.main_window import MainWindow

ZOE = "Zoë Ñúñez-Ørsted"


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> Iterator[MainWindow]:
    configure_application(qapp)
    main = MainWindow(demo_db)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    yield main
    main.close()


def _page(window: MainWindow) -> CaseloadPage:
    assert window.caseload_page is not None
    return window.caseload_page


def _select(window: MainWindow, key: str) -> int:
    assert window.db is not None
    student_id = student_service.find_student(window.db, key).id
    assert _page(window).select_student(student_id)
    return student_id


def _shown(window: MainWindow) -> list[str]:
    """The rows as the list shows them: date · kind · text."""
    model = _page(window).log_panel.model
    return [
        " · ".join(model.data(model.index(row, column)) for column in range(3))
        for row in range(model.rowCount())
    ]


def _driven(qtbot: QtBot, drive: Any) -> Any:
    """A stand-in for ``ask_log_entry`` that opens the real dialog, lets ``drive`` work it
    with keys, and answers what the dialog answers (None unless it was accepted)."""

    def ask(parent: QWidget | None, name: str, entry: LogEntry | None = None) -> LogEntry | None:
        dialog = LogEntryDialog(name, entry, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        drive(dialog)
        accepted = dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
        dialog.close()
        return dialog.entry if accepted else None

    return ask


def test_an_entry_added_with_the_keyboard_is_first_in_the_list(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.db is not None
    zoe = _select(window, "DEMO-001")
    for on, text in ((date(2025, 9, 1), "First meeting"), (date(2026, 1, 5), "Call on funding")):
        log_service.add_log_entry(window.db, zoe, read_entry(on, "meeting", text))
    page = _page(window)
    page.show_log()
    page.log_panel.refresh()
    assert page.details.tabText(1) == "Meeting log (2)"

    def drive(dialog: LogEntryDialog) -> None:
        assert dialog.focusWidget() is dialog.text  # ready to type
        assert dialog.date_edit.date().toPython() == date.today()  # type: ignore[attr-defined]
        qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # &Kind
        assert dialog.focusWidget() is dialog.kind
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # Meeting -> Email
        qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # &What happened
        assert dialog.focusWidget() is dialog.text
        qtbot.keyClicks(dialog.text, "Sent the SOP back with comments.")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)  # a line break, not a save
        assert dialog.isVisible()
        qtbot.keyClicks(dialog.text, "She will ask Prof. Chen for a letter.")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    monkeypatch.setattr(log_dialog, "ask_log_entry", _driven(qtbot, drive))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # Alt+A: "&Add entry…" (a mnemonic clicks its button once Qt has shown it pressed).
    with qtbot.waitSignal(page.log_panel.add_button.clicked):
        qtbot.keyClick(page.log_panel, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)

    today = date.today().isoformat()
    assert _shown(window) == [
        f"{today} · Email · Sent the SOP back with comments. She will ask Prof. Chen for a letter.",
        "2026-01-05 · Meeting · Call on funding",
        "2025-09-01 · Meeting · First meeting",
    ]
    assert page.log_panel.selected() is not None
    assert page.log_panel.selected().entry.text.endswith("\nShe will ask Prof. Chen for a letter.")  # type: ignore[union-attr]
    assert page.details.tabText(1) == "Meeting log (3)"
    model = page.log_panel.model
    tooltip = model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert "Sent the SOP back with comments.<br>She will ask Prof. Chen" in tooltip
    # Stored, as the command line and the next start read it.
    stored = log_service.log_entries(window.db, zoe)
    assert (stored[0].entry.kind, stored[0].entry.on) == (LogKind.EMAIL, date.today())


def test_a_blank_entry_cannot_be_saved_and_cancel_saves_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.db is not None
    zoe = _select(window, "DEMO-001")

    def drive(dialog: LogEntryDialog) -> None:
        assert not dialog.save_button.isEnabled()
        qtbot.keyClicks(dialog.text, "   ")
        assert not dialog.save_button.isEnabled()
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible() and "needs its text" in dialog.error.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    monkeypatch.setattr(log_dialog, "ask_log_entry", _driven(qtbot, drive))
    _page(window).log_panel.add_button.click()
    assert log_service.log_entries(window.db, zoe) == []
    assert _page(window).log_panel.stack.currentWidget() is _page(window).log_panel.empty


def test_a_refused_text_is_said_in_the_dialog_and_it_stays_open(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.db is not None
    zoe = _select(window, "DEMO-001")

    def drive(dialog: LogEntryDialog) -> None:
        dialog.text.setPlainText("x" * 4001)
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible()
        assert dialog.error.text() == "A log entry is at most 4,000 characters (this one has 4,001)"
        qtbot.keyClick(dialog.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dialog.text, Qt.Key.Key_Backspace)
        assert dialog.error.text() == ""  # said until the text changes
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    monkeypatch.setattr(log_dialog, "ask_log_entry", _driven(qtbot, drive))
    _page(window).log_panel.add_button.click()
    assert [len(r.entry.text) for r in log_service.log_entries(window.db, zoe)] == [4000]


def test_edit_with_enter_and_delete_after_asking(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, messages: list[Any]
) -> None:
    assert window.db is not None
    zoe = _select(window, "DEMO-001")
    for text in ("older", "typo here"):
        log_service.add_log_entry(window.db, zoe, read_entry(date(2026, 1, 5), "call", text))
    panel = _page(window).log_panel
    panel.refresh()
    _page(window).show_log()

    def drive(dialog: LogEntryDialog) -> None:
        assert dialog.windowTitle() == "Edit log entry"
        assert dialog.text.toPlainText() == "typo here" and dialog.kind.currentText() == "Call"
        dialog.text.selectAll()
        qtbot.keyClicks(dialog.text, "fixed")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    monkeypatch.setattr(log_dialog, "ask_log_entry", _driven(qtbot, drive))
    assert panel.selected() is not None and panel.selected().entry.text == "typo here"  # type: ignore[union-attr]
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)  # Enter (or a double-click) edits
    assert _shown(window) == ["2026-01-05 · Call · fixed", "2026-01-05 · Call · older"]

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)  # asks; the test's answer is Cancel
    assert messages[-1][:2] == ("confirm", "Delete log entry")
    assert "Delete the call of 2026-01-05 from Zoë" in messages[-1][2]
    assert len(_shown(window)) == 2
    monkeypatch.setattr(dialogs, "confirm", lambda *_: True)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert _shown(window) == ["2026-01-05 · Call · older"]
    assert [r.entry.text for r in log_service.log_entries(window.db, zoe)] == ["older"]
    assert _page(window).details.tabText(1) == "Meeting log (1)"


def test_the_log_follows_the_selected_student_and_says_what_it_is_for(
    window: MainWindow,
) -> None:
    assert window.db is not None
    zoe = _select(window, "DEMO-001")
    log_service.add_log_entry(window.db, zoe, read_entry(date(2026, 1, 5), "call", "Zoë's call"))
    page = _page(window)
    page.log_panel.refresh()
    assert _shown(window) == ["2026-01-05 · Call · Zoë's call"]
    _select(window, "DEMO-002")
    assert _shown(window) == []
    panel = page.log_panel
    assert panel.stack.currentWidget() is panel.empty
    assert "Nothing logged for 李小龍 (Li Xiaolong) yet" in panel.empty.text()
    assert "meeting" in panel.empty.text() and "Add entry" in panel.empty.text()
    assert "never in the student's profile file" in panel.note.text()
    assert panel.add_button.isEnabled() and not panel.delete_button.isEnabled()
    assert page.details.tabText(1) == "Meeting log"
    page.new_student()  # not saved yet: nothing to log against
    assert not panel.add_button.isEnabled() and "once their profile is saved" in panel.empty.text()


def test_the_log_list_is_a_sound_model(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    assert window.db is not None
    zoe = _select(window, "DEMO-001")
    for day in (1, 2, 3):
        log_service.add_log_entry(window.db, zoe, read_entry(date(2026, 1, day), "email", "m"))
    _page(window).log_panel.refresh()
    qtmodeltester.check(_page(window).log_panel.model)


def test_deleting_the_student_empties_the_log_tab(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.db is not None
    zoe = _select(window, "DEMO-001")
    log_service.add_log_entry(window.db, zoe, read_entry(date(2026, 1, 5), "call", "secret"))
    _page(window).log_panel.refresh()
    monkeypatch.setattr(dialogs, "confirm", lambda *_: True)
    _page(window).delete_selected()
    # The student who took her row is shown, with their own log: hers is gone with her.
    shown = _page(window).log_panel.student
    assert shown is not None and shown.id != zoe
    assert not any("secret" in row for row in _shown(window))


def test_the_student_edition_has_no_meeting_log(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    configure_application(qapp)
    window = MainWindow(demo_db, student_mode=True)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    try:
        assert window.my_profile is not None and window.my_profile.record is not None
        assert window.findChild(QWidget, "meetingLog") is None
        assert window.findChild(QWidget, "meetingLogList") is None
        file_menu = window.menuBar().actions()[0].menu()
        names = [action.objectName() for action in file_menu.actions()]  # type: ignore[union-attr]
        assert "exportShortlistWithLog" not in names  # not even built
        assert not hasattr(window, "export_pdf_log_action")
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert tabs == ["My profile", "My matches", "Program catalog"]
    finally:
        window.close()


def test_file_menu_exports_the_counselors_copy_with_the_log(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    assert window.db is not None
    zoe = _select(window, "DEMO-001")
    log_service.add_log_entry(window.db, zoe, read_entry(date(2026, 1, 5), "call", "Quetzal"))
    asked: list[tuple[str, str]] = []

    def choose(_parent: Any, caption: str, suggested: str, _filter: str) -> Path:
        asked.append((caption, suggested))
        return tmp_path / suggested

    monkeypatch.setattr(dialogs, "choose_save_file", choose)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.export_pdf_log_action in file_menu.actions()  # type: ignore[union-attr]
    window.export_pdf_log_action.trigger()
    window.export_pdf_action.trigger()
    assert asked == [
        ("Export shortlist PDF with meeting log", "Zoë Ñúñez-Ørsted shortlist counselor copy.pdf"),
        ("Export shortlist PDF", "Zoë Ñúñez-Ørsted shortlist.pdf"),
    ]
    texts = [
        " ".join(page.extract_text() or "" for page in PdfReader(tmp_path / name).pages)
        for _caption, name in asked
    ]
    assert "Quetzal" in texts[0] and "Quetzal" not in texts[1]


def test_a_student_deleted_elsewhere_leaves_an_empty_log_without_a_message(
    window: MainWindow, messages: list[Any]
) -> None:
    assert window.db is not None
    zoe = _select(window, "DEMO-001")
    log_service.add_log_entry(window.db, zoe, read_entry(date(2026, 1, 5), "call", "x"))
    _page(window).log_panel.refresh()
    student_service.delete_student(window.db, zoe)  # as a restore of an older backup would
    window.reload()  # F5
    assert _shown(window) == [] and _page(window).log_panel.student is None
    assert [m for m in messages if m[0] == "error"] == []
