"""The first window fits the screen it opens on, whatever its size and scaling; a size saved
on a larger screen is not restored on a smaller one. Each screen is its own process: Qt's
offscreen screen is set once, when the application starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow
from tests.gui.windows import activate, open_window

_OPEN = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QByteArray
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow, private_settings
configure_application(app)
saved = sys.argv[2]
if saved:
    private_settings().setValue("main_window/geometry", QByteArray.fromHex(saved.encode()))
window = MainWindow(Path(sys.argv[1]))
window.show()
window.open_database()
app.processEvents()
frame, area = window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps({
    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
    "area": [area.x(), area.y(), area.width(), area.height()],
    "geometry": bytes(window.saveGeometry().toHex()).decode(),
}))
window.close()
"""


def _open_on(tmp_path: Path, demo_db: Path, width: int, height: int, dpr: float,
             saved: str = "") -> dict[str, list[int] | str]:  # fmt: skip
    screen = tmp_path / f"screen-{width}x{height}.json"
    screen.write_text(json.dumps({
        "synchronousWindowSystemEvents": False, "windowFrameMargins": False,
        "screens": [{"name": "S", "x": 0, "y": 0, "width": width, "height": height,
                     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": dpr}],
    }))  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    done = subprocess.run(
        [sys.executable, "-c", _OPEN, str(demo_db), saved],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, list[int] | str] = json.loads(done.stdout.splitlines()[-1])
    return result


def _inside(frame: list[int], area: list[int]) -> bool:
    x, y, w, h = frame
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.parametrize(
    ("width", "height", "dpr"),
    [
        (911, 512, 1.5),  # a 1366×768 laptop at 150 %: what Qt's logical pixels leave
        (1280, 720, 1.0),
        (1024, 700, 1.0),
        (960, 540, 2.0),  # a 1920×1080 screen at 200 %
        (1920, 1080, 1.0),
    ],
)
def test_the_first_window_fits_the_screen(
    tmp_path: Path, demo_db: Path, width: int, height: int, dpr: float
) -> None:
    shown = _open_on(tmp_path, demo_db, width, height, dpr)
    assert isinstance(shown["frame"], list) and isinstance(shown["area"], list)
    assert _inside(shown["frame"], shown["area"]), shown
    if width >= 1400:
        assert shown["frame"][2:] == [1400, 860]  # a large screen gets the full size


def test_a_size_saved_on_a_large_screen_is_not_restored_on_a_small_one(
    tmp_path: Path, demo_db: Path
) -> None:
    large = _open_on(tmp_path, demo_db, 1920, 1080, 1.0)
    assert isinstance(large["geometry"], str)
    small = _open_on(tmp_path, demo_db, 911, 512, 1.5, saved=large["geometry"])
    assert isinstance(small["frame"], list) and isinstance(small["area"], list)
    assert _inside(small["frame"], small["area"]), small


def test_about_says_where_the_data_is_and_that_it_never_leaves(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, messages: list[tuple[str, str, str]]
) -> None:
    """It said the data "stays in demo" (the folder's name, relative to nothing)."""
    configure_application(qapp)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show_about()
    _kind, title, text = messages[-1]
    assert title == "About GradMatch"
    assert str(demo_db.resolve()) in text and "never connects to the network" in text


def test_the_status_bar_counts_a_new_student_as_soon_as_it_is_saved(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    assert window.status_label.text().startswith("6 students")
    caseload = window.caseload_page
    assert caseload is not None
    caseload.new_student()
    caseload.editor.form.full_name.setText("Leilani Kahale")
    caseload.editor.form.email.setText("leilani@example.org")
    assert caseload.editor.save()
    assert window.status_label.text().startswith("7 students")
    assert caseload.count_label.text().startswith("7 students")


def test_a_search_that_finds_nobody_says_so_and_esc_clears_it(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    caseload = window.caseload_page
    assert caseload is not None
    assert not caseload.empty_state.isVisible()
    caseload.search.setFocus()
    qtbot.keyClicks(caseload.search, "nobody here")
    assert caseload.model.rowCount() == 0
    assert caseload.empty_state.isVisible()
    assert "No student matches “nobody here”" in caseload.empty_state.text()
    qtbot.keyClick(caseload.search, Qt.Key.Key_Escape)
    assert caseload.search.text() == "" and caseload.model.rowCount() == 6
    assert not caseload.empty_state.isVisible()


def test_keys_go_to_each_page_and_tab_leaves_the_notes(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    activate(qtbot, qapp, window)
    for number, page in ((2, window.matches_page), (3, window.catalog_page),
                         (1, window.caseload_page)):  # fmt: skip
        key = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)[number - 1]
        qtbot.keyClick(qapp.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentWidget() is page
    caseload = window.caseload_page
    assert caseload is not None
    caseload.table.selectRow(0)
    notes = caseload.editor.form.notes
    notes.setFocus()
    before = notes.toPlainText()
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert notes.toPlainText() == before and not notes.hasFocus()


def test_save_with_problems_says_how_many_and_puts_the_cursor_in_the_first(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    """Ctrl+S with errors did nothing and did not say where the problems were."""
    window = open_window(qtbot, qapp, demo_db)
    activate(qtbot, qapp, window)
    caseload = window.caseload_page
    assert caseload is not None
    caseload.table.selectRow(0)
    form = caseload.editor.form
    form.email.setText("not an email")
    form.degree_year.setText("20x5")
    form.notes.setFocus()
    qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.email.hasFocus()  # the first problem down the form
    status = caseload.editor.status.text()
    assert "Not saved: 2 fields need fixing" in status and "Email" in status


def test_the_underlined_letters_of_the_profile_put_the_cursor_in_their_field(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    activate(qtbot, qapp, window)
    caseload = window.caseload_page
    assert caseload is not None
    caseload.table.selectRow(0)
    form = caseload.editor.form
    caseload.table.setFocus()
    for key, field in ((Qt.Key.Key_X, form.max_total_cost), (Qt.Key.Key_Y, form.working)):
        qtbot.keyClick(qapp.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        assert field.hasFocus()
