"""The matcher's weights: documented defaults the counselor can change in Settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class MatchWeights(BaseModel):
    """How much each criterion counts in the 0–100 score (relative weights)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    prerequisites: int = Field(
        default=30,
        ge=0,
        le=100,
        title="Prerequisites",
        description="Share of the program's required subjects already completed.",
    )
    budget: int = Field(
        default=25,
        ge=0,
        le=100,
        title="Budget",
        description="The cost to the student against the student's maximum total cost.",
    )
    gre: int = Field(
        default=15,
        ge=0,
        le=100,
        title="GRE",
        description="The program's GRE policy against the student's scores and willingness.",
    )
    delivery: int = Field(
        default=15,
        ge=0,
        le=100,
        title="Delivery and location",
        description="Campus or online, relocation, preferred states, part-time study.",
    )
    english: int = Field(
        default=5,
        ge=0,
        le=100,
        title="English test",
        description="TOEFL or IELTS on file for international applicants.",
    )
    accreditation: int = Field(
        default=5,
        ge=0,
        le=100,
        title="Accreditation",
        description="ARTiBA accreditation where the catalog records it.",
    )
    preferences: int = Field(
        default=5,
        ge=0,
        le=100,
        title="Specialization and thesis",
        description="Where the catalog can tell; unknown counts as neutral.",
    )

    def total(self) -> int:
        return sum(self.model_dump().values())
