"""One writer per database: the window for as long as it is open, or a command that writes.

The lock is the operating system's (``flock`` on Linux and macOS, ``LockFileEx`` on
Windows, through ``filelock``) on ``NAME.lock`` beside the database: taking it is one
atomic step, so of many processes racing for it exactly one wins, and the system frees it
the moment its process ends, so a crash leaves nothing to take over by hand. The file
itself stays; it says who holds the lock (process, computer, since when, window or
command), for the message of whoever is refused.
"""

from __future__ import annotations

import json
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock

from gradmatch.errors import os_error_reason
from gradmatch.private import make_private, private_folder
from gradmatch.processes import alive
from gradmatch.store.errors import CannotOpenError, DatabaseError

WINDOW = "window"


class _OldLockHeldError(Exception):
    """The lock file of an earlier GradMatch (no operating-system lock) names a process that
    still runs on this computer: that GradMatch has the database open."""


def _held_the_old_way(fd: int) -> bool:
    """Whether the file, as found, is an earlier GradMatch's lock (written without the
    ``holder`` key) of a process still running here: GradMatch before the operating-system
    lock only wrote the file, so a window of that version is seen by reading it."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        owner = json.loads(os.read(fd, 4096).decode("utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(owner, dict) or "holder" in owner:
        return False
    pid = owner.get("pid")
    return (
        owner.get("host") == socket.gethostname()
        and isinstance(pid, int)
        and pid != os.getpid()
        and alive(pid)
    )


class DatabaseInUseError(DatabaseError):
    """Another GradMatch window or command is using this database: try again later."""


class DatabaseLock:
    """``holder`` says who takes it: ``"window"``, or the command (``"student import"``)."""

    def __init__(self, database: Path, *, holder: str = WINDOW) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".lock")
        self.holder = holder
        self._lock = FileLock(
            self.path,
            timeout=0,
            mode=0o600,
            thread_local=False,
            is_singleton=False,
            preserve_lock_file=True,
            on_acquired=self._write_owner,
        )

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self, *, wait: float = 0) -> None:
        """Take the lock, or raise :class:`DatabaseInUseError` naming who holds it. With
        ``wait``, a command holding it is waited for up to that many seconds (a window is
        not: it may stay open all day). A folder where no lock can be written raises
        :class:`CannotOpenError`."""
        try:
            private_folder(self.path.parent)
        except OSError as error:
            raise self._refused(error) from None
        deadline = time.monotonic() + wait
        while True:
            try:
                if self._lock.acquire(blocking=False):
                    make_private(self.path)  # filelock sets the mode of a file it creates only
                    return
            except (TimeoutError, _OldLockHeldError):
                pass
            except OSError as error:
                raise self._refused(error) from None
            owner = self._owner()
            if time.monotonic() >= deadline or (owner or {}).get("holder", WINDOW) == WINDOW:
                raise DatabaseInUseError(self.database, self._message(owner))
            time.sleep(0.05)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def _write_owner(self, fd: int) -> None:
        if _held_the_old_way(fd):
            raise _OldLockHeldError
        owner = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            "holder": self.holder,
        }
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(owner).encode("utf-8"))
        except OSError:
            pass  # who holds it is only for the message of whoever is refused

    def _refused(self, error: OSError) -> CannotOpenError:
        return CannotOpenError(
            self.database,
            f"{self.database.name} cannot be opened: GradMatch writes {self.path.name} beside "
            f"it to keep a second window out, and {os_error_reason(error)}.",
        )

    def _owner(self) -> dict[str, object] | None:
        try:
            owner = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return owner if isinstance(owner, dict) else None

    def _message(self, owner: dict[str, object] | None) -> str:
        who = ""
        if owner is not None:
            pid, host, since = owner.get("pid"), owner.get("host"), owner.get("since")
            who = f" (process {pid} on {host}, since {since})"
        holder = (owner or {}).get("holder", WINDOW)
        if holder != WINDOW:
            return (
                f"{self.database.name} is in use by a GradMatch command "
                f"(gradmatch {holder}){who}. Try again when it has finished."
            )
        earlier = (
            f" If no GradMatch is running, delete {self.path.name}."
            if owner is not None and "holder" not in owner  # an earlier GradMatch's lock
            else ""
        )
        return (
            f"{self.database.name} is already open in another GradMatch window{who}. "
            "Close it there first, then try again: two windows writing to one database could "
            f"overwrite each other's work.{earlier}"
        )
