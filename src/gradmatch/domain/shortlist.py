"""A student's shortlist: programs the counselor picked, in order, each with a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ShortlistEntry:
    program_id: str
    note: str
    added_on: date
    # Set when the program left the catalog: the entry and its note stay, shown with
    # :func:`retired_note`. ``label`` names the program then (it is no longer matched).
    retired_on: date | None = None
    label: str = ""


def retired_note(retired_on: date) -> str:
    """How a shortlist entry whose program left the catalog is marked, everywhere."""
    return f"retired from the catalog on {retired_on.isoformat()}"
