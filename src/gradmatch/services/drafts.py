"""Unsaved typing, kept on disk so that a crash, a kill or a power cut loses none of it.

The open profile form writes a draft shortly after the last keystroke: a private file (0600,
in a 0700 folder of the user's data folder) holding every field exactly as typed. Save and
Revert remove it, and so does deleting the student. At the next start the form offers it
back on that student ("Unsaved changes from 14:32 — Restore / Discard").

Drafts belong to one database: their folder is named after the database's full path, so two
databases never see each other's drafts. A draft file that cannot be read (cut short,
edited by hand, from a newer version) is set aside, never shown half.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gradmatch import locations
from gradmatch.private import private_folder
from gradmatch.services.files import write_atomically

DRAFT_VERSION = 1
# A form's worth of fields with 10,000 characters of notes is ~20 KB; anything far larger
# is not a draft this app wrote.
_MAX_BYTES = 2 * 1024 * 1024

# What a form holds: field name -> text, index or tick.
FormState = dict[str, str | int | bool]


@dataclass(frozen=True)
class Draft:
    student_id: int | None  # None: a new student, not saved yet
    saved_at: datetime  # when it was written (aware, UTC)
    fields: FormState


def drafts_root() -> Path:
    return locations.user_data_dir() / "drafts"


class Drafts:
    """The drafts of one database."""

    def __init__(self, database_path: Path) -> None:
        key = hashlib.sha256(str(database_path.resolve()).encode("utf-8")).hexdigest()[:24]
        self.folder = drafts_root() / key

    def path(self, student_id: int | None) -> Path:
        name = "new-student" if student_id is None else f"student-{student_id}"
        return self.folder / f"{name}.json"

    def save(self, student_id: int | None, fields: FormState) -> None:
        """Write (or replace) the draft; raises ``WriteError`` when the folder refuses."""
        payload = {
            "gradmatch_draft": DRAFT_VERSION,
            "student_id": student_id,
            "saved_at": datetime.now(UTC).isoformat(),
            "fields": fields,
        }
        data = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        private_folder(self.folder, files=True)
        write_atomically(self.path(student_id), lambda stream: stream.write(data))

    def load(self, student_id: int | None) -> Draft | None:
        path = self.path(student_id)
        try:
            if path.stat().st_size > _MAX_BYTES:
                raise ValueError("too large")
            payload = json.loads(path.read_bytes().decode("utf-8"))
            if payload.get("gradmatch_draft") != DRAFT_VERSION:
                raise ValueError("another version")
            if payload.get("student_id") != student_id:
                raise ValueError("another student")
            saved_at = datetime.fromisoformat(payload["saved_at"])
            fields = payload["fields"]
            if saved_at.tzinfo is None or not isinstance(fields, dict):
                raise ValueError("malformed")
            clean: FormState = {
                str(name): value
                for name, value in fields.items()
                if isinstance(value, str | int | bool)
            }
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._set_aside(path)
            return None
        return Draft(student_id=student_id, saved_at=saved_at, fields=clean)

    def pending(self) -> list[int | None]:
        """The profiles with a draft, most recently written first (None: a new student)."""
        found: list[tuple[float, int | None]] = []
        try:
            entries = list(self.folder.glob("*.json"))
        except OSError:
            return []
        for path in entries:
            stem = path.stem
            if stem == "new-student":
                student_id: int | None = None
            elif stem.startswith("student-") and stem[8:].isdigit():
                student_id = int(stem[8:])
            else:
                continue
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime, student_id))
        return [student_id for _mtime, student_id in sorted(found, key=lambda f: -f[0])]

    def discard(self, student_id: int | None) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(student_id).unlink()
        with contextlib.suppress(OSError):  # the database's folder, once it holds nothing
            self.folder.rmdir()

    def _set_aside(self, path: Path) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        with contextlib.suppress(OSError):
            path.replace(path.with_name(f"{path.name}.unreadable-{stamp}"))


def as_fields(state: dict[str, Any]) -> FormState:
    """A form's raw state as a draft stores it (text, indexes and ticks only)."""
    return {name: value for name, value in state.items() if isinstance(value, str | int | bool)}
