"""Writing the user's files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class WriteError(OSError):
    """A file that could not be written, said in words; nothing partial was left behind."""


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place: readers
    see the old file or the new one, never half of one."""
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
    except FileNotFoundError:
        raise WriteError(f"The folder {path.parent} does not exist.") from None
    except PermissionError:
        raise WriteError(f"The folder {path.parent} cannot be written to.") from None
    except OSError as error:
        raise WriteError(f"{path.parent} cannot be written: {error.strerror}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except PermissionError:
        Path(temporary).unlink(missing_ok=True)
        raise WriteError(
            f"{path.name} cannot be written: it is read-only or open in another program."
        ) from None
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise WriteError(f"{path.name} cannot be written: {error.strerror or error}.") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
