"""Files and folders readable by the user alone: files 0600 and folders 0700, whatever the
umask, and whatever mode a file or folder of GradMatch's had before (written by an earlier
version, copied in, restored from another computer): nobody else keeps any access.

The one place that says so, for every file that holds personal data or says where it is:
the database and its ``-wal``, ``-shm`` and ``-journal``, backups, drafts, the log and
crash traces, the settings file and the lock file.

GradMatch's own folders are tightened whatever mode they had: the folders the platform
gives GradMatch (its data, state, log and settings folders, named ``GradMatch``), every
folder inside them, and the folders it names itself (``backups``). A folder the user chose
(``--db ~/Documents/caseload.sqlite3``) keeps its mode: GradMatch makes its own files in it
private, and the folders it has to create for them, never the user's folder itself.

Imports nothing of the app but :mod:`gradmatch.locations`, so every layer can use it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from gradmatch import locations

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def make_private(path: Path, *, created: bool = False) -> None:
    """An existing file or folder closed to everyone but the user: the group's and others'
    permissions removed (a file 0666 becomes 0600, a folder 0777 becomes 0700), the user's
    own left as they were (a folder the user made read-only stays so). ``created``: one
    GradMatch has just made, given exactly 0600 or 0700 (the umask may have cut either).
    A symbolic link is never followed (what it points at is not GradMatch's to change).
    Best effort: a file system without Unix permissions (FAT, some network shares) or
    another user's file keeps its mode, and is not refused for that."""
    with contextlib.suppress(OSError):
        mode = path.lstat().st_mode
        if stat.S_ISDIR(mode):
            wanted = FOLDER_MODE
        elif stat.S_ISREG(mode):
            wanted = FILE_MODE
        else:
            return
        if not created:
            wanted &= stat.S_IMODE(mode)
        if stat.S_IMODE(mode) != wanted:
            path.chmod(wanted)


def _own_root(folder: Path) -> Path | None:
    """The folder of GradMatch's own (see the module) that holds ``folder``, if one does."""
    absolute = folder.absolute()
    for root in locations.own_folders():
        if absolute == root.absolute() or root.absolute() in absolute.parents:
            return root.absolute()
    return None


def private_folder(folder: Path, *, own: bool = False, files: bool = False) -> Path:
    """Create ``folder``, and each missing folder above it, 0700 whatever the umask. An
    existing folder is made private (:func:`make_private`) when it is GradMatch's own:
    inside the platform's folders of GradMatch (with every folder between), or ``own`` (a
    folder GradMatch names, such as ``backups``). With ``files``, every file directly inside
    is made private too. Raises the ``OSError`` of a folder that cannot be created."""
    missing: list[Path] = []
    current = folder
    while not os.path.lexists(current) and current.parent != current:
        missing.append(current)
        current = current.parent
    for part in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process was quicker
            part.mkdir(FOLDER_MODE)
        make_private(part, created=True)  # mkdir's mode is cut by the umask: exactly 0700
    root = _own_root(folder)
    if root is not None:
        for part in (folder, *folder.parents):
            make_private(part)
            if part == root:
                break
    elif own:
        make_private(folder)
    if files:
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False):
                    make_private(Path(entry.path))
    return folder


def private_file(path: Path) -> Path:
    """``path`` as a file 0600: created empty when missing (before SQLite, Qt or logging
    create it with the umask's mode), else made private (:func:`make_private`). Its folder
    is created private (see :func:`private_folder`). Raises the ``OSError`` of a file that
    cannot be created."""
    private_folder(path.parent)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    except FileExistsError:
        make_private(path)
    else:
        make_private(path, created=True)  # O_CREAT's mode is cut by the umask: exactly 0600
    return path
