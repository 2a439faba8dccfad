"""A student's shortlist: programs the counselor picked, in order, each with a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ShortlistEntry:
    program_id: str
    note: str
    added_on: date
