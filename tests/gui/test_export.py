"""Exporting PDFs from the window: one student, or the caseload in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.ui import dialogs
from gradmatch.ui.application import configure_application
from gradmatch.ui.export_batch import BatchExport
from gradmatch.ui.main_window import MainWindow
from tests.conftest import ROOT


@pytest.fixture
def big_caseload(db_path: Path) -> Path:
    """The demo students and twelve more, so that a batch takes long enough to cancel."""
    db = open_database(db_path)
    student_service.import_roster(
        db, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    for number in range(12):
        record = student_service.find_student(db, "DEMO-001")
        copy = record.profile.model_copy(
            update={
                "full_name": f"Copy {number}",
                "student_id": None,
                "email": f"c{number}@example.org",
            }
        )
        student_service.save_student(db, copy)
    db.close()
    return db_path


def _window(qtbot: QtBot, qapp: QApplication, path: Path) -> MainWindow:
    configure_application(qapp)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


def test_ctrl_p_exports_the_selected_students_shortlist(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, qapp, demo_db)
    assert window.caseload_page is not None and window.db is not None
    window.caseload_page.select_student(student_service.find_student(window.db, "DEMO-002").id)
    target = tmp_path / "li"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_: target)
    assert window.export_pdf_action.shortcut().toString() == "Ctrl+P"
    window.export_pdf_action.trigger()
    written = tmp_path / "li.pdf"
    text = "".join(page.extract_text() for page in PdfReader(written).pages)
    assert "李小龍 (Li Xiaolong)" in text
    window.close()


def test_a_batch_export_can_be_cancelled_mid_way(
    qtbot: QtBot, qapp: QApplication, big_caseload: Path, tmp_path: Path
) -> None:
    window = _window(qtbot, qapp, big_caseload)
    assert window.db is not None
    folder = tmp_path / "pdfs"
    folder.mkdir()
    batch = BatchExport(window.db, folder)
    seen: list[int] = []

    def on_progress(done: int, total: int, _name: str) -> None:
        seen.append(done)
        if done == 3:
            batch.cancel()  # thread-safe: sets an event the worker checks between files

    # Cancel from the worker's own thread at the third file, as if the user clicked Cancel
    # exactly then (a queued click could arrive after the last file on a busy machine).
    batch.worker.progress.connect(on_progress, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(batch.done, timeout=60_000) as blocker:
        batch.start()
    result, cancelled = blocker.args
    written = result.written
    assert cancelled and not result.failures
    # Cancelled as the fourth PDF began: that one is finished, nothing after it is started.
    assert len(written) == 4 and seen == [0, 1, 2, 3, 4]
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == sorted(p.name for p in written)
    assert not [f for f in files if f.suffix != ".pdf"]  # no partial file left behind
    for file in files:
        assert len(PdfReader(file).pages) >= 3  # each one complete
    window.close()


def test_export_all_from_the_menu_reports_what_it_wrote(
    qtbot: QtBot,
    qapp: QApplication,
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[Any],
) -> None:
    window = _window(qtbot, qapp, demo_db)
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_: tmp_path)
    window.export_all_action.trigger()
    assert window.batch is not None
    with qtbot.waitSignal(window.batch.done, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.batch is None)
    assert messages[-1][1] == "Shortlists exported"
    assert "6 PDFs written" in messages[-1][2]
    assert len(list(tmp_path.glob("*.pdf"))) == 6
    window.close()
