"""Unexpected errors: a dialog with the details (and Copy details), a line in the log, and
the app keeps running. The log holds no personal data: the exception's type and where it
happened, never its message (which could quote a name).

A user error (a full disk, a busy database...) is not a bug: every window action that
writes shows its own (``widgets.showing_user_errors``). One that gets here all the same
is shown as a plain message, never as the crash dialog, and logged as a missed catch.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from gradmatch import locations
from gradmatch.errors import UserError
from gradmatch.private import private_file, private_folder

log = logging.getLogger("gradmatch.crash")


def log_dir() -> Path:
    return locations.log_dir()


def setup_logging() -> Path | None:
    """Log to ``gradmatch.log`` in the platform's log folder, readable by the user alone
    (the folder 0700, the log and any crash trace 0600). A log folder that cannot be written
    costs the log, never the window: None, and nothing is logged to a file."""
    root = logging.getLogger("gradmatch")
    try:
        folder = private_folder(log_dir(), files=True)
        path = private_file(folder / "gradmatch.log")
        if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
            handler = logging.FileHandler(path, encoding="utf-8")
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
            root.addHandler(handler)
    except OSError:
        return None
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
