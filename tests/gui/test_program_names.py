"""Every message that names a program names the offering (school and delivery: "University
of North Texas (campus)"), as the menus and the lists do: a school alone does not say which
of its two offerings was changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.ui import program_editor
from tests.gui.windows import open_window


def test_saving_a_program_says_which_offering_was_saved(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    window.tabs.setCurrentWidget(window.catalog_page)
    program = next(p for p in window.catalog_page.model.programs() if p.id == "mercer-online")
    monkeypatch.setattr(program_editor, "edit_program_dialog", lambda *_: {"credits": 31})
    window.catalog_page.select_program(program.id)
    window.edit_action.trigger()
    assert window.statusBar().currentMessage() == f"Saved changes to {program.offering}"
    assert program.offering.endswith("(online)")
    window.close()
