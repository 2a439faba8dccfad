"""Two kinds of errors, after qutebrowser's ``KnownError`` and ``BugError``.

A :class:`UserError` is something a person can act on: a value or a file that cannot be
used as it is, a file in use, a full disk, a database that is busy, read-only or damaged.
Its message says what happened and what to do; whoever raises it has changed nothing. The
command line prints it as one line and exits 1; the window shows it in a message box.

Every other exception is a bug: a traceback on the command line, the crash dialog (and a
log line) in the window.

This module imports nothing of the app, so that every layer, the domain included, can
derive its errors from it.
"""

from __future__ import annotations

import errno


class UserError(Exception):
    """Something a person can act on; ``str(error)`` says what happened and what to do."""


class InputError(UserError, ValueError):
    """A value, an argument or a file's content that cannot be used as it is. Also a
    ``ValueError``, so code that caught one before still does."""


_CLOSED = (
    "you may not write there, or the file is open in another program",
    "Check the permissions, close the file elsewhere, or choose another folder",
)
# What the refusal means, and what to do about it.
_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "Free some space and try again"),
    errno.EDQUOT: ("your disk quota is used up", "Free some space and try again"),
    errno.EROFS: (
        "the disk is read-only, perhaps a locked memory stick or a read-only share",
        "Choose a folder on another disk",
    ),
    errno.EACCES: _CLOSED,
    errno.EPERM: _CLOSED,
    errno.EBUSY: ("it is in use by another program", "Close it there and try again"),
    errno.ENOENT: ("the folder does not exist", "Choose an existing folder"),
    errno.ENOTDIR: ("part of its path is a file, not a folder", "Choose another folder"),
    errno.EISDIR: ("that name is a folder", "Choose a file name"),
    errno.ENAMETOOLONG: ("the name is too long", "Choose a shorter name or folder"),
    errno.ELOOP: (
        "a symbolic link on its way leads back to itself",
        "Correct the link, or choose another folder",
    ),
    errno.EIO: (
        "the disk failed to read or write",
        "Check that it is still connected, then try again or choose another disk",
    ),
}


# A file or folder that may not be read: the same codes say something else when reading.
_UNREADABLE = (
    "you may not read it: the file or a folder on its way is private to another user",
    "Check the permissions, or choose another file",
)


def os_error_reason(error: OSError, *, reading: bool = False) -> str:
    """Why the operating system refused a file, and what to do, as the end of a sentence:
    "the disk is full (No space left on device). Free some space and try again".
    ``reading``: the file was being read, not written."""
    system = error.strerror or str(error)
    if reading and error.errno in (errno.EACCES, errno.EPERM):
        what, advice = _UNREADABLE
    elif error.errno in _REASONS:
        what, advice = _REASONS[error.errno]
    else:
        return system
    return f"{what} ({system}). {advice}"
