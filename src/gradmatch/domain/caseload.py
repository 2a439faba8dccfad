"""A counselor's caseload: students as the list shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from gradmatch.domain.profile import StudentProfile, Subject


class StudentSummary(BaseModel):
    """One row of the caseload list."""

    model_config = ConfigDict(frozen=True)

    id: int
    full_name: str
    email: str
    student_id: str | None
    state: str | None
    country: str
    completed: int
    max_total_cost: Decimal | None
    archived: bool
    updated_at: datetime

    @property
    def readiness(self) -> str:
        return f"{self.completed}/{len(Subject)}"


class StudentRecord(BaseModel):
    """A stored student: the profile and its bookkeeping."""

    model_config = ConfigDict(frozen=True)

    id: int
    profile: StudentProfile
    archived: bool
    created_at: datetime
    updated_at: datetime


class CaseloadSort(StrEnum):
    """The caseload's columns, as the list can be sorted by them."""

    NAME = "name"
    READINESS = "readiness"
    BUDGET = "budget"
    RESIDENCE = "residence"
    STUDENT_ID = "student_id"
    EMAIL = "email"
    UPDATED = "updated"


@dataclass(frozen=True)
class CaseloadQuery:
    """Which students the list shows, in which order. ``words`` are already folded
    (``domain.text.fold``); a student is shown when every word is in their name, email
    or student ID."""

    words: tuple[str, ...] = ()
    include_archived: bool = False
    sort: CaseloadSort = CaseloadSort.NAME
    descending: bool = False


@dataclass(frozen=True)
class CaseloadCounts:
    total: int
    archived: int
