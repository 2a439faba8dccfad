"""Writing the user's files whole or not at all."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from gradmatch.errors import UserError, os_error_reason


class WriteError(UserError, OSError):
    """A file that could not be written, said in words; nothing partial was left behind.
    Also an ``OSError``, so code that caught those before still does."""


def write_error(path: Path, error: OSError) -> WriteError:
    """The :class:`WriteError` for an ``OSError`` met while writing ``path``: what the
    system refused (a full disk, a read-only disk, no permission...) and what to do."""
    if error.errno == errno.ENOENT:
        return WriteError(f"The folder {path.parent} does not exist: {path.name} was not written.")
    return WriteError(f"{path.name} cannot be written: {os_error_reason(error)}.")


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place: readers
    see the old file or the new one, never half of one. Raises :class:`WriteError`."""
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
    except OSError as error:
        raise write_error(path, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise write_error(path, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
