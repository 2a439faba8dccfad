"""On a small screen nothing essential is lost: no text that changes (a count, the matches'
summary, a long database path) widens the window beyond the screen; what does not fit is
elided, with the whole text in its tooltip."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

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
