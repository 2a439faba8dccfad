"""Every file name the window suggests keeps the student's name as written, in every
script: combining marks, viramas and joiners are letters of the name, not punctuation."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.ui import dialogs
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow
from tests.gui.windows import activate

HINDI = "अनन्या शर्मा"  # viramas (Mn) and vowel signs (Mc)
NAMES = [
    HINDI,
    "தமிழ்செல்வி",  # Tamil: pulli and vowel signs
    "ศรีสุดา",  # Thai: marks above and below
    "Zoë O'Brien-Łukasz",
    "e\u0301milie",  # decomposed: suggested in NFC
    "مُحَمَّد",  # Arabic harakat
    "کیان\u200cپور",  # Persian, with a zero-width non-joiner
]


def _student_window(qtbot: QtBot, qapp: QApplication, path: Path, name: str) -> MainWindow:
    configure_application(qapp)
    window = MainWindow(path, student_mode=True)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    editor = window.my_profile
    assert editor is not None
    editor.form.full_name.setText(name)
    editor.form.email.setText("me@example.org")
    assert editor.save()
    return window


def _suggestions(window: MainWindow, monkeypatch: pytest.MonkeyPatch, out: Path) -> dict[str, str]:
    """The file name suggested by each of the student's two exports (Send my profile, and
    Ctrl+P, the shortlist PDF), as the file dialog receives them."""
    suggested: dict[str, str] = {}

    def choose(_parent: Any, caption: str, name: str, _filter: str) -> Path | None:
        suggested[caption] = name
        return None  # cancelled: only the suggestion is under test

    monkeypatch.setattr(dialogs, "choose_save_file", choose)
    window.export_profile_action.trigger()
    window.export_pdf_action.trigger()
    return suggested


def test_a_hindi_name_is_suggested_whole_by_both_student_exports(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _student_window(qtbot, qapp, tmp_path / "mine.sqlite3", HINDI)
    activate(qtbot, qapp, window)
    suggested = _suggestions(window, monkeypatch, tmp_path)
    assert suggested == {
        "Send my profile to my counselor": f"{HINDI} profile.gradmatch.json",
        "Export shortlist PDF": f"{HINDI} shortlist.pdf",
    }
    window.close()


@pytest.mark.parametrize("name", NAMES)
def test_every_script_keeps_its_marks_in_the_suggested_names(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    window = _student_window(qtbot, qapp, tmp_path / "mine.sqlite3", name)
    written = unicodedata.normalize("NFC", name)
    for suggestion in _suggestions(window, monkeypatch, tmp_path).values():
        assert suggestion.startswith(f"{written} "), suggestion
        assert "_" not in suggestion
    window.close()


def test_only_what_file_systems_refuse_is_replaced(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _student_window(qtbot, qapp, tmp_path / "mine.sqlite3", 'Ana: "A/B" <x>|y?*\\z')
    suggestions = _suggestions(window, monkeypatch, tmp_path)
    assert set(suggestions.values()) == {
        "Ana_ _A_B_ _x__y___z profile.gradmatch.json",
        "Ana_ _A_B_ _x__y___z shortlist.pdf",
    }
    for suggestion in suggestions.values():  # a name every system accepts, written as is
        (tmp_path / suggestion).write_bytes(b"")
    window.close()
