"""The window survives a long session of ordinary use.

Real dialogs open here (and are cancelled with Escape), so this folder has no conftest that
replaces the dialog factories. With PySide6 6.12.0 on Python 3.11 this test fails: ``None``
loses a reference on many void calls and the soak stops long before the process would
abort (see the closing figures in the README, "Dependencies").
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.soak import NONE_MARGIN, WARMUP_STEPS, Soak

STEPS = 3_000
# Resident memory may grow this much after the warm-up over the whole run (caches, fonts,
# the allocator's pools); a leak per interaction would be several times this.
MEMORY_MARGIN_KIB = 24 * 1024
# Widgets Qt may create once, late (a tooltip, a combo box's popup); a dialog kept after use
# adds dozens each time it is opened.
WIDGET_MARGIN = 10
DIALOGS = {
    "ModelSettingsDialog",  # match weights
    "SettingsDialog",  # cost defaults
    "QInputDialog",  # counselor name, add to shortlist
    "QualityDialog",
    "RestoreDialog",
    "ProgramEditor",
    "QFileDialog",  # import, export profile, export PDF
    "QMessageBox",  # about, unsaved changes
    "QDialog",  # override bucket
    "ComparisonDialog",
    "LogEntryDialog",  # the meeting log's "Add entry…"
}


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, demo_db: Path) -> Iterator[MainWindow]:
    configure_application(qapp)
    main = MainWindow(demo_db)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    yield main
    editor = main.current_editor()
    if editor is not None and editor.is_dirty():
        editor.revert()
    main.close()


@pytest.mark.timeout(600)
def test_a_long_session_of_ordinary_use_keeps_the_process_healthy(window: MainWindow) -> None:
    report = Soak(window).run(STEPS)
    print(report.summary())
    assert report.problem is None, report.summary()
    assert report.steps == STEPS
    assert report.none_refs_lost <= NONE_MARGIN
    # Every dialog the menus and the matches page open was opened and cancelled with Escape.
    assert set(report.dialogs) >= DIALOGS, report.summary()
    assert not [name for name in report.dialogs if "no dialog" in name], report.summary()
    assert report.rss_growth_kib < MEMORY_MARGIN_KIB, report.summary()
    # Nothing left behind: every dialog opened and cancelled was deleted afterwards.
    assert report.widgets_end <= report.widgets_warm + WIDGET_MARGIN, report.summary()
    assert report.steps > WARMUP_STEPS
    if sys.version_info < (3, 12):  # None is immortal from 3.12 on
        assert sys.getrefcount(None) >= report.none_refs_start - NONE_MARGIN
