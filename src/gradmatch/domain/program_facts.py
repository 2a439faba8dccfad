"""The facts a counselor needs about a program beyond the article's cards, and where each
figure comes from.

Every fact is optional: a figure nobody has given is ``None`` and shown as "unknown",
never false or zero. Each field of a program carries its :class:`Provenance`: where the
value comes from (the article, a school's own page, the counselor), as of when, and who
verified it against the school's page, when.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

# "2026-01" (a month, as the article dates its figures) or "2026-03-14" (a day).
AsOf = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")]
Name = Annotated[str, Field(min_length=1, max_length=100)]
WebAddress = Annotated[str, Field(pattern=r"^https?://\S+$", max_length=2000)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FactSource(StrEnum):
    """Where a figure comes from."""

    ARTICLE = "article"
    SCHOOL_PAGE = "school_page"
    COUNSELOR = "counselor"

    @property
    def label(self) -> str:
        return {"article": "the article", "school_page": "the school's page"}.get(
            self.value, "the counselor"
        )


class Provenance(_Frozen):
    """Where one field's value comes from, as of when, and who verified it when."""

    source: FactSource
    as_of: AsOf
    url: WebAddress | None = None  # the page it was read from, when one was
    verified_by: Name | None = None
    verified_on: date | None = None

    @model_validator(mode="after")
    def _verified_pair(self) -> Self:
        if (self.verified_by is None) != (self.verified_on is None):
            raise ValueError("give both 'verified_by' and 'verified_on', or neither")
        return self

    @property
    def verified(self) -> bool:
        return self.verified_on is not None

    def verified_since(self, day: date) -> bool:
        return self.verified_on is not None and self.verified_on >= day

    def describe(self) -> str:
        """ "the article, as of 2026-01; verified by A. Lee on 2026-12-01"."""
        text = f"{self.source.label}, as of {self.as_of}"
        if self.verified_on is not None:
            text += f"; verified by {self.verified_by} on {self.verified_on.isoformat()}"
        return text


Term = Annotated[str, Field(pattern=r"^(Spring|Summer|Fall|Winter) \d{4}$")]


class Deadline(_Frozen):
    """One application round: "Fall 2027, priority, 2027-01-15"."""

    term: Term
    round: Annotated[str, Field(min_length=1, max_length=40)]
    on: date

    def display(self) -> str:
        return f"{self.term}, {self.round}, {self.on.isoformat()}"


EnglishTestName = Literal["TOEFL", "IELTS", "Duolingo"]
# The scale of each test: a minimum outside it is a typing error.
ENGLISH_SCALES: dict[str, tuple[Decimal, Decimal]] = {
    "TOEFL": (Decimal(0), Decimal(120)),
    "IELTS": (Decimal(0), Decimal(9)),
    "Duolingo": (Decimal(10), Decimal(160)),
}


class EnglishMinimum(_Frozen):
    """An English test the program accepts, with its minimum score: "TOEFL 80"."""

    test: EnglishTestName
    minimum: Annotated[Decimal, Field(ge=0, le=160, decimal_places=1)]

    @model_validator(mode="after")
    def _on_the_scale(self) -> Self:
        low, high = ENGLISH_SCALES[self.test]
        if not low <= self.minimum <= high:
            raise ValueError(f"a {self.test} score is between {low} and {high}")
        return self

    def display(self) -> str:
        return f"{self.test} {self.minimum.normalize():f}"


class ProgramLength(_Frozen):
    """How long the program takes full time, as the school says it: "4 terms", "2 years"."""

    count: Annotated[Decimal, Field(gt=0, le=12, decimal_places=1)]
    unit: Literal["terms", "years"]

    def display(self) -> str:
        count = f"{self.count.normalize():f}"
        unit = self.unit if self.count != 1 else self.unit[:-1]
        return f"{count} {unit}"


Specialization = Annotated[str, Field(min_length=1, max_length=100)]


# The facts issue 16 adds to a program (fields of :class:`~gradmatch.domain.catalog.Program`),
# all unknown until someone gives them.
FACT_NAMES: tuple[str, ...] = (
    "deadlines", "statement_of_purpose", "cv", "letters", "english_tests", "portfolio",
    "transcripts", "application_fee", "interview", "specializations", "thesis_option",
    "length", "part_time", "official_urls",
)  # fmt: skip
Fee = Annotated[Decimal, Field(ge=0, le=10_000, decimal_places=2)]
