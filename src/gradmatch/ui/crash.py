"""Unexpected errors: a dialog with the details (and Copy details), a line in the log, and
the app keeps running. The log holds no personal data: the exception's type and where it
happened, never its message (which could quote a name).

A user error (a full disk, a busy database...) is not a bug: every window action that
writes shows its own (``widgets.showing_user_errors``). One that gets here all the same
is shown as a plain message, never as the crash dialog, and logged as a missed catch.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from gradmatch.errors import UserError

log = logging.getLogger("gradmatch.crash")


def log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path("GradMatch", appauthor=False)


def setup_logging() -> Path:
    """Log to ``gradmatch.log`` in the platform's log folder, readable by the user alone."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / "gradmatch.log"
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    root = logging.getLogger("gradmatch")
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def where(tb: TracebackType | None) -> str:
    """The stack as file:line in function, without any values or messages."""
    return " <- ".join(
        f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
        for frame in reversed(traceback.extract_tb(tb))
    )


def handle_exception(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    from gradmatch.ui import dialogs  # not on the start-up path

    if issubclass(kind, UserError):
        log.warning("%s not caught by its action at %s", kind.__name__, where(tb))
        dialogs.show_error(None, "GradMatch could not do that", str(error))
        return
    log.error("unexpected %s at %s", kind.__name__, where(tb))
    details = "".join(traceback.format_exception(kind, error, tb))

    dialogs.show_crash(
        None,
        "Something went wrong",
        f"GradMatch hit an unexpected problem ({kind.__name__}) and stopped what it was "
        "doing; your saved data is safe. The details below help the developers; the log "
        f"is in {log_dir()}.",
        details,
    )


def install() -> None:
    sys.excepthook = handle_exception
