"""A student's meeting log: the counselor's dated record of each contact (a meeting, an
email, a call), listed newest first.

Counselor-only. The log is not part of the profile: it is never written to a profile file
(``.gradmatch.json``) nor to a roster, and never shown in the student edition. It lives in
the counselor's database (and so in its backups), and goes with the student when they are
deleted.

Rules, the same from the window and the command line: the text is required, at most
:data:`MAX_TEXT` characters, and takes no control characters but tabs and line breaks (as
the profile's notes); the date is not in the future (the log records contacts that
happened; what is planned belongs to the deadlines) and not before :data:`EARLIEST`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from gradmatch.domain.profile import STORED, refuse_controls
from gradmatch.errors import InputError

MAX_TEXT = 4_000
EARLIEST = date(1990, 1, 1)


class LogKind(StrEnum):
    MEETING = "meeting"
    EMAIL = "email"
    CALL = "call"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class LogEntryError(InputError):
    """A log entry that cannot be saved as given; the message says why."""


class LogEntry(BaseModel):
    """What the counselor writes: when, how, and what was said or agreed."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    on: date
    kind: LogKind = LogKind.MEETING
    text: str

    @field_validator("text")
    @classmethod
    def _text(cls, value: str, info: ValidationInfo) -> str:
        refuse_controls(
            value,
            info,
            "A log entry cannot contain control characters (tabs and line breaks are fine)",
            notes=True,
        )
        if not value:
            raise ValueError("Write what was said or agreed: a log entry needs its text")
        if len(value) > MAX_TEXT:
            raise ValueError(
                f"A log entry is at most {MAX_TEXT:,} characters (this one has {len(value):,})"
            )
        return value

    @field_validator("on")
    @classmethod
    def _on(cls, value: date, info: ValidationInfo) -> date:
        # Read back from the database, an entry keeps its date even if the computer's clock
        # was set back since (STORED): only what is typed now is checked against today.
        stored = isinstance(info.context, dict) and info.context.get("stored")
        if not stored and value > date.today():
            raise ValueError(
                "The date cannot be in the future: the log records contacts that happened"
            )
        if value < EARLIEST:
            raise ValueError(f"The date is too long ago (the log starts in {EARLIEST.year})")
        return value


_WORDS = {
    "on": "Write the date as YYYY-MM-DD, e.g. 2026-11-20",
    "kind": "The kind is meeting, email or call",
    "text": "Write what was said or agreed: a log entry needs its text",
}


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date:
    """``2026-11-20`` (as typed on the command line), or :class:`LogEntryError`."""
    try:
        if _ISO_DATE.fullmatch(text.strip()):
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise LogEntryError(f"{_WORDS['on']} (not {text!r})")


def read_entry(on: date | str, kind: LogKind | str, text: str) -> LogEntry:
    """The entry the counselor typed, or :class:`LogEntryError` saying what is wrong."""
    try:
        day = on if isinstance(on, date) else parse_date(on)
        return LogEntry.model_validate({"on": day, "kind": kind, "text": text})
    except ValidationError as error:
        detail = error.errors()[0]
        field = str(detail["loc"][0]) if detail.get("loc") else ""
        message = str(detail.get("msg", "")).removeprefix("Value error, ")
        if detail.get("type") != "value_error" and field in _WORDS:
            message = _WORDS[field]
        raise LogEntryError(message) from None


def stored_entry(data: dict[str, Any]) -> LogEntry:
    """An entry as read back from the database (checked with the ``STORED`` context)."""
    return LogEntry.model_validate(data, context=STORED)


@dataclass(frozen=True)
class LogRecord:
    """A stored entry: its number, whose log it is in, and when it was written down."""

    id: int
    student_id: int
    entry: LogEntry
    created_at: datetime


def one_line(text: str) -> str:
    """The text on one line (line breaks and tabs as spaces), for lists and tables."""
    return " ".join(text.split())


def summary_line(entry: LogEntry) -> str:
    """``2026-11-20 · Meeting · Talked about the SOP…``: how one entry is listed, everywhere."""
    return f"{entry.on.isoformat()} · {entry.kind.label} · {one_line(entry.text)}"
