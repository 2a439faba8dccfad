"""The window's catalog import says what happens to each shortlist before writing, and a
program left out is retired (kept on the shortlist, marked so), never deleted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch import locations
from gradmatch.services import catalog as catalog_service
from gradmatch.services import matching
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from gradmatch.ui import dialogs
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow


def test_the_import_preview_names_the_shortlists_and_cancel_changes_nothing(
    qtbot: QtBot,
    qapp: QApplication,
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[Any],
) -> None:
    db = open_database(demo_db)
    zoe = student_service.find_student(db, "DEMO-001").id
    matching.add_to_shortlist(db, zoe, "duke-campus", "her first choice")
    db.close()
    document = json.loads(locations.shipped_catalog().read_text(encoding="utf-8"))
    document["programs"] = [p for p in document["programs"] if p["id"] != "duke-campus"]
    catalog = tmp_path / "next-year.json"
    catalog.write_text(json.dumps(document), encoding="utf-8")

    configure_application(qapp)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    assert window.db is not None
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_: catalog)
    window.import_action.trigger()  # the messages fixture answers Cancel
    kind, _title, text = messages[-1]
    assert kind == "confirm"
    assert "1 student has Duke University" in text and "kept, marked retired" in text
    assert "duke-campus" in {p.id for p in catalog_service.list_programs(window.db)}

    monkeypatch.setattr(dialogs, "confirm", lambda *_: True)
    window.import_action.trigger()
    assert messages[-1][1] == "Catalog imported"
    assert "1 student has Duke University" in messages[-1][2]
    (entry,) = matching.get_shortlist(window.db, zoe)
    assert entry.note == "her first choice" and entry.retired_on is not None
    window.close()
