"""An unexpected error: a dialog with details, a log line without personal data, and the
app goes on."""

from __future__ import annotations

import logging
import stat
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from gradmatch.services.errors import DatabaseBusyError
from gradmatch.ui import crash


def test_an_unexpected_error_is_shown_logged_and_survived(
    qtbot: QtBot, messages: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = crash.setup_logging()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    secret = "Zoë Ñúñez-Ørsted"
    try:
        raise ValueError(f"could not save {secret}")
    except ValueError as error:
        crash.handle_exception(type(error), error, error.__traceback__)
    kind, title, text = messages[-1]
    assert (kind, title) == ("crash", "Something went wrong")
    assert "ValueError" in text and secret in text  # the details on screen are complete
    for handler in crash.logging.getLogger("gradmatch").handlers:
        handler.flush()
    logged = path.read_text(encoding="utf-8")
    assert "unexpected ValueError at test_crash.py" in logged
    assert secret not in logged  # no personal data in the log


def test_a_user_error_that_escapes_its_action_is_a_message_not_a_crash(
    qtbot: QtBot, messages: list[Any], tmp_path: Path
) -> None:
    """Every action that writes shows its own user errors; one that slips through all the
    same (a read on a busy database, say) reaches the excepthook as a plain message."""
    path = crash.setup_logging()
    try:
        raise DatabaseBusyError(tmp_path / "gradmatch.sqlite3", "gradmatch.sqlite3 is busy: …")
    except DatabaseBusyError as error:
        crash.handle_exception(type(error), error, error.__traceback__)
    assert messages[-1] == ("error", "GradMatch could not do that", "gradmatch.sqlite3 is busy: …")
    assert not any(kind == "crash" for kind, _title, _text in messages)
    for handler in logging.getLogger("gradmatch").handlers:
        handler.flush()
    assert "DatabaseBusyError not caught by its action at test_crash.py" in path.read_text(
        encoding="utf-8"
    )
