"""One window per database: a lock file beside it, taken over when its owner is gone."""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path

from gradmatch.errors import os_error_reason
from gradmatch.processes import alive
from gradmatch.store.errors import CannotOpenError, DatabaseError


class DatabaseInUseError(DatabaseError):
    """Another GradMatch window has this database open."""


class DatabaseLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".lock")
        self.held = False

    def acquire(self) -> None:
        """Take the lock, or raise :class:`DatabaseInUseError` naming who holds it. A lock
        left by a process on this computer that no longer runs (a crash) is taken over. A
        folder where no lock can be written raises :class:`CannotOpenError`."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise self._refused(error) from None
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                owner = self._owner()
                if owner is not None and self._stale(owner):
                    self.path.unlink(missing_ok=True)
                    continue
                raise DatabaseInUseError(self.database, self._message(owner)) from None
            except OSError as error:
                raise self._refused(error) from None
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(
                    {
                        "pid": os.getpid(),
                        "host": socket.gethostname(),
                        "since": datetime.now(UTC).isoformat(timespec="seconds"),
                    },
                    handle,
                )
            self.held = True
            return
        raise DatabaseInUseError(self.database, self._message(self._owner()))

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

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

    @staticmethod
    def _stale(owner: dict[str, object]) -> bool:
        pid = owner.get("pid")
        return (
            owner.get("host") == socket.gethostname()
            and isinstance(pid, int)
            and pid != os.getpid()
            and not alive(pid)
        )

    def _message(self, owner: dict[str, object] | None) -> str:
        who = ""
        if owner is not None:
            who = (
                f" (process {owner.get('pid')} on {owner.get('host')}, since {owner.get('since')})"
            )
        return (
            f"{self.database.name} is already open in another GradMatch window{who}. "
            "Close it there first: two windows writing to one database could overwrite "
            f"each other's work. If no GradMatch is running, delete {self.path.name}."
        )
