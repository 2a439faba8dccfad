"""GUI test fixtures: no test can ever block on a modal dialog.

Every dialog factory the window uses is replaced by a recorder with a safe answer; a
test that needs another answer patches the factory again.
"""

from __future__ import annotations

from typing import Any

import pytest

from gradmatch.ui import (
    comparison,
    dialogs,
    log_dialog,
    program_editor,
    quality_dialog,
    restore_dialog,
    roster_dialog,
    settings_dialog,
)


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Message boxes shown during the test, as (kind, title, text)."""
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, t, m: shown.append(("error", t, m)))
    monkeypatch.setattr(dialogs, "show_information", lambda _p, t, m: shown.append(("info", t, m)))

    def confirm(_parent: Any, title: str, message: str, _action: str) -> bool:
        shown.append(("confirm", title, message))
        return False

    def unsaved(_parent: Any, name: str) -> str:
        shown.append(("unsaved", "Unsaved changes", name))
        return "discard"

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", unsaved)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_: None)
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_: None)
    monkeypatch.setattr(program_editor, "edit_program_dialog", lambda *_: {})
    monkeypatch.setattr(quality_dialog, "show_quality_dialog", lambda *_: None)
    monkeypatch.setattr(roster_dialog, "ask_roster_import", lambda *_: False)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args, **_kw: None)
    monkeypatch.setattr(dialogs, "ask_override", lambda *_: None)
    monkeypatch.setattr(log_dialog, "ask_log_entry", lambda *_args, **_kw: None)
    monkeypatch.setattr(comparison, "show_comparison", lambda *_: None)
    monkeypatch.setattr(settings_dialog, "edit_weights", lambda *_: None)
    monkeypatch.setattr(settings_dialog, "edit_cost_defaults", lambda *_: None)
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_: None)
    monkeypatch.setattr(restore_dialog, "choose_backup", lambda *_: None)

    def database_problem(_parent: Any, message: str, _backup: str | None) -> str:
        shown.append(("error", "Cannot open the database", message))
        return "quit"

    monkeypatch.setattr(dialogs, "ask_database_problem", database_problem)
    monkeypatch.setattr(
        dialogs, "show_crash", lambda _p, t, m, d: shown.append(("crash", t, m + "\n" + d))
    )
    return shown
