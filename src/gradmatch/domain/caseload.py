"""A counselor's caseload: students as the list shows them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

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
