"""Hard crashes leave a trace: an abort or a segfault of the window writes the native trace
(Python's ``faulthandler``) to the private log folder, and the next start says that the last
session ended abnormally and where the report is.

Each running window has a session marker and an open trace file in the log folder; a clean
exit removes both. A marker whose process is gone is a session that ended abnormally: with
a trace in its file, a crash report to keep; without one, a kill or a power cut. The trace
holds file names, line numbers and function names, never a value, so no personal data.

Imported at the very start of the window (no Qt, nothing heavy).
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import os
import platform
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from gradmatch.private import private_file, private_folder
from gradmatch.processes import alive

MARKER_PREFIX = "session-"
TRACE_PREFIX = "crash-"
_HEADER_END = "--- native trace (empty unless GradMatch crashed) ---\n"


@dataclass(frozen=True)
class EndedAbnormally:
    started: datetime  # when that session started (local time)
    report: Path | None  # the trace, when the process crashed (None: killed, power cut)

    def message(self, *, typing_kept: bool = False) -> str:
        when = f"{self.started:%Y-%m-%d %H:%M}"
        safe = "Your saved data is safe" + (
            "; what was typed and not saved is offered back above the profile."
            if typing_kept
            else "."
        )
        if self.report is not None:
            return (
                f"GradMatch stopped unexpectedly in the session started {when}. A technical "
                f"report was saved as {self.report} (it holds no personal data); please send "
                f"it to whoever supports GradMatch. {safe}"
            )
        return (
            f"The session started {when} did not end normally (GradMatch was killed, or the "
            f"computer lost power). {safe}"
        )


def _private(path: Path) -> TextIO:
    return private_file(path).open("w", encoding="utf-8")


def _versions() -> str:
    from gradmatch import __version__

    parts = [f"GradMatch {__version__}", f"Python {platform.python_version()}"]
    for name in ("PySide6", "sqlalchemy", "reportlab"):
        module = sys.modules.get(name)
        version = getattr(module, "__version__", None)
        if version:
            parts.append(f"{name} {version}")
    return ", ".join(parts) + f", {platform.platform()}"


class SessionTrace:
    """One window's marker and trace file in ``folder`` (the private log folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pid = os.getpid()
        self.host = socket.gethostname()
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")  # local time, as inside the file
        self.marker = folder / f"{MARKER_PREFIX}{self.pid}.json"
        self.trace = folder / f"{TRACE_PREFIX}{stamp}-{self.pid}.txt"
        self._stream: TextIO | None = None
        self._was_enabled = False

    def start(self) -> list[EndedAbnormally]:
        """Look at the sessions before this one, then arm the trace for this one."""
        private_folder(self.folder, files=True)
        ended = self._previous()
        stream = _private(self.trace)
        stream.write(f"{_versions()}\nstarted {datetime.now().astimezone():%Y-%m-%d %H:%M:%S}\n")
        stream.write(_HEADER_END)
        stream.flush()
        self._was_enabled = faulthandler.is_enabled()
        faulthandler.enable(file=stream, all_threads=True)
        self._stream = stream
        with _private(self.marker) as marker:
            json.dump(
                {
                    "pid": self.pid,
                    "host": self.host,
                    "started": datetime.now(UTC).isoformat(),
                    "trace": self.trace.name,
                },
                marker,
            )
        return ended

    def end(self) -> None:
        """A clean exit: nothing to report next time."""
        if self._stream is None:
            return
        faulthandler.disable()
        if self._was_enabled and sys.__stderr__ is not None:  # as it was (e.g. pytest's)
            faulthandler.enable(file=sys.__stderr__, all_threads=True)
        self._stream.close()
        self._stream = None
        for path in (self.trace, self.marker):
            path.unlink(missing_ok=True)

    def _previous(self) -> list[EndedAbnormally]:
        ended: list[EndedAbnormally] = []
        for marker in sorted(self.folder.glob(f"{MARKER_PREFIX}*.json")):
            try:
                data = json.loads(marker.read_text(encoding="utf-8"))
                pid, host = int(data["pid"]), str(data["host"])
                started = datetime.fromisoformat(data["started"]).astimezone()
                trace = self.folder / Path(str(data["trace"])).name
            except (OSError, ValueError, KeyError, TypeError):
                marker.unlink(missing_ok=True)
                continue
            if host != self.host or (pid != self.pid and alive(pid)):
                continue  # another window, still running (or on another computer)
            report: Path | None = None
            with contextlib.suppress(OSError):
                text = trace.read_text(encoding="utf-8", errors="replace")
                if text.partition(_HEADER_END)[2].strip():
                    report = trace
                else:
                    trace.unlink()
            marker.unlink(missing_ok=True)
            ended.append(EndedAbnormally(started=started, report=report))
        return ended
