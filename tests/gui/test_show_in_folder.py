"""Attack: "Show in folder" on a computer with no file launcher (``QDesktopServices.openUrl``
returns False, the log says "Unable to detect a launcher"). It did nothing at all; now a
message says the folder could not be opened and gives its full path, selectable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from gradmatch.ui import dialogs
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow


def _send_my_profile(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    *, opens: bool,
) -> tuple[Path, list[QUrl], list[tuple[str, str, Path]]]:  # fmt: skip
    configure_application(qapp)
    window = MainWindow(tmp_path / "mine.sqlite3", student_mode=True)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    editor = window.my_profile
    assert editor is not None
    editor.form.full_name.setText("Ana López")
    editor.form.email.setText("ana@example.org")
    assert editor.save()
    out = tmp_path / "outbox"
    out.mkdir()
    opened: list[QUrl] = []
    said: list[tuple[str, str, Path]] = []

    def show_path(_parent: Any, title: str, message: str, path: Path) -> None:
        said.append((title, message, path))

    monkeypatch.setattr(dialogs, "choose_save_file", lambda _p, _c, name, _f: out / name)
    monkeypatch.setattr(dialogs, "show_file_to_send", lambda _p, _t, _m: True)  # Show in folder
    monkeypatch.setattr(dialogs, "open_url", lambda url: opened.append(url) or opens)
    monkeypatch.setattr(dialogs, "show_path", show_path)
    window.export_profile_action.trigger()
    window.close()
    return out, opened, said


def test_a_folder_that_cannot_be_shown_is_said_with_its_full_path(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, opened, said = _send_my_profile(qtbot, qapp, tmp_path, monkeypatch, opens=False)
    assert len(opened) == 1 and Path(opened[0].toLocalFile()) == out.resolve()
    assert len(said) == 1, "nothing was said when the folder did not open"
    title, message, path = said[0]
    assert title == "The folder could not be opened"
    assert "no program set to open the folder" in message
    assert path == out.resolve()


def test_a_folder_that_opens_says_nothing_more(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _out, opened, said = _send_my_profile(qtbot, qapp, tmp_path, monkeypatch, opens=True)
    assert len(opened) == 1 and said == []


def test_the_path_in_the_message_can_be_selected_and_copied(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "a folder with spaces"
    box = dialogs.path_message(None, "The folder could not be opened", "It is here:", folder)
    qtbot.addWidget(box)
    label = next(label for label in box.findChildren(QLabel) if str(folder) in label.text())
    flags = label.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert label.text().endswith(str(folder))  # the whole path, on its own line
