"""The program catalog: one record per program offering, as the source article lists it.

Campus and online offerings of the same school are separate records. Each record
keeps the figures the app uses (``credits``, ``cost_per_credit``, ``stated_total``
...) and, in ``listings``, every place the source article printed the program with
the text exactly as printed there, so that contradictions between listings stay
visible (see :mod:`gradmatch.domain.quality`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gradmatch.domain.money import format_money, round_cents
from gradmatch.domain.program_facts import (
    FACT_NAMES,
    Deadline,
    EnglishMinimum,
    FactSource,
    Fee,
    ProgramLength,
    Provenance,
    Specialization,
    WebAddress,
)
from gradmatch.domain.us_states import US_STATES, state_name

Money = Annotated[Decimal, Field(ge=0, le=Decimal("10000000"), decimal_places=2)]
YearMonth = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
ProgramId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
NonEmpty = Annotated[str, Field(min_length=1, max_length=500)]
# A place in a list or a ranking (and a count of programs): whole, from 1, within reason, so
# that no figure of a catalog file is beyond what the database holds (an 8-byte integer).
Position = Annotated[int, Field(ge=1, le=100_000)]

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


def format_year_month(value: str) -> str:
    """``"2026-01"`` -> ``"January 2026"``."""
    year, month = value.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


class Mode(StrEnum):
    """Which offering a record describes."""

    CAMPUS = "campus"
    ONLINE = "online"


class Delivery(StrEnum):
    """The delivery method printed for the program."""

    CAMPUS = "campus"
    ONLINE = "online"
    BOTH = "both"


class GrePolicyKind(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    NOT_REQUIRED = "not_required"
    CONDITIONAL = "conditional"

    @property
    def label(self) -> str:
        return _GRE_LABELS[self]


_GRE_LABELS = {
    GrePolicyKind.REQUIRED: "Required",
    GrePolicyKind.OPTIONAL: "Optional",
    GrePolicyKind.NOT_REQUIRED: "Not required",
    GrePolicyKind.CONDITIONAL: "Conditional",
}


class Control(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Tuition(_Frozen):
    """A dollar figure that is either the same for everyone (``flat``) or split by residency."""

    flat: Money | None = None
    in_state: Money | None = None
    out_of_state: Money | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Self:
        split = self.in_state is not None or self.out_of_state is not None
        if self.flat is not None and split:
            raise ValueError("give either 'flat' or 'in_state' and 'out_of_state', not both")
        if self.flat is None and (self.in_state is None or self.out_of_state is None):
            raise ValueError("give 'flat', or both 'in_state' and 'out_of_state'")
        return self

    @property
    def is_split(self) -> bool:
        return self.flat is None

    @property
    def lowest(self) -> Decimal:
        return min(self.values())

    @property
    def highest(self) -> Decimal:
        return max(self.values())

    def values(self) -> list[Decimal]:
        if self.flat is not None:
            return [self.flat]
        assert self.in_state is not None and self.out_of_state is not None
        return [self.in_state, self.out_of_state]

    def for_residency(self, *, in_state: bool) -> Decimal:
        if self.flat is not None:
            return self.flat
        value = self.in_state if in_state else self.out_of_state
        assert value is not None
        return value

    def times(self, factor: int) -> Tuition:
        """This figure multiplied by a whole number (credits × rate), to the cent."""
        if self.flat is not None:
            return Tuition(flat=round_cents(self.flat * factor))
        assert self.in_state is not None and self.out_of_state is not None
        return Tuition(
            in_state=round_cents(self.in_state * factor),
            out_of_state=round_cents(self.out_of_state * factor),
        )

    def display(self) -> str:
        if self.flat is not None:
            return format_money(self.flat)
        in_state, out_of_state = format_money(self.in_state), format_money(self.out_of_state)
        return f"{in_state} in-state | {out_of_state} out-of-state"


class GrePolicy(_Frozen):
    policy: GrePolicyKind
    text: NonEmpty


class Listing(_Frozen):
    """One appearance of the program in the source article, with its fields as printed."""

    section: NonEmpty
    position: Position
    printed: dict[str, str] = Field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.section} #{self.position}"


class Ranking(_Frozen):
    year: int = Field(ge=1990, le=2100)
    list: Mode
    position: Position
    printed_number: Position | None = None

    @property
    def label(self) -> str:
        return f"#{self.position} {self.list.value} {self.year}"


def full_name(school: str, program: str, delivery: str) -> str:
    """A program named by its school and delivery, then its name (see Program.full_name)."""
    return f"{school} ({delivery}) — {program}"


class Program(_Frozen):
    """One program offering."""

    id: ProgramId
    school: NonEmpty
    city: NonEmpty
    state: str = Field(pattern=r"^[A-Z]{2}$")
    program: NonEmpty
    mode: Mode
    delivery: Delivery
    artiba: bool | None = None
    credits: int | None = Field(default=None, gt=0, le=200)
    cost_per_credit: Tuition | None = None
    stated_total: Tuition | None = None
    gre: GrePolicy | None = None
    control: Control | None = None
    control_basis: str = ""
    url: str | None = None
    as_of: YearMonth
    verified: bool = False
    notes: str = ""
    listings: tuple[Listing, ...] = ()
    rankings: tuple[Ranking, ...] = ()
    # Issue 16's facts (names in ``program_facts.FACT_NAMES``): None is unknown, never no.
    deadlines: tuple[Deadline, ...] | None = None
    statement_of_purpose: bool | None = None
    cv: bool | None = None
    letters: int | None = Field(default=None, ge=0, le=10)
    english_tests: tuple[EnglishMinimum, ...] | None = None
    portfolio: bool | None = None
    transcripts: bool | None = None
    application_fee: Fee | None = None
    interview: bool | None = None
    specializations: tuple[Specialization, ...] | None = None
    thesis_option: bool | None = None
    length: ProgramLength | None = None
    part_time: bool | None = None
    official_urls: tuple[WebAddress, ...] | None = None
    # Where each field's value comes from, by field name. A field without an entry comes
    # from the catalog's source document (the article), as of ``as_of``, unverified:
    # see :meth:`provenance_of`.
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    # "counselor": added by a counselor (``gradmatch program add``), not by a catalog file;
    # a catalog import never retires it.
    origin: Literal["catalog", "counselor"] = "catalog"
    # The day a catalog import left this program out: it is not matched anew, and the
    # students' shortlist entries, notes and overrides on it stay ("retired from the
    # catalog on DATE"). Set by the database, never read from a catalog file.
    retired_on: date | None = None
    # Who retired it: "import" (a catalog left it out) or "counselor" (by hand).
    retired_by: Literal["import", "counselor"] | None = None

    @field_validator("state")
    @classmethod
    def _known_state(cls, value: str) -> str:
        if value not in US_STATES:
            raise ValueError(f"'{value}' is not a US state code")
        return value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://\S+$", value):
            raise ValueError("must be a web address starting with http:// or https://")
        return value

    @field_validator("deadlines", "english_tests", "specializations", "official_urls")
    @classmethod
    def _no_empty_list(cls, value: tuple[object, ...] | None) -> tuple[object, ...] | None:
        return value or None  # an empty list would read as "none at all": unknown is None

    @field_validator("provenance")
    @classmethod
    def _known_fields(cls, value: dict[str, Provenance]) -> dict[str, Provenance]:
        unknown = sorted(set(value) - set(PROVENANCE_FIELDS))
        if unknown:
            raise ValueError(f"no such field of a program: {', '.join(unknown)}")
        return value

    def provenance_of(self, field: str) -> Provenance:
        """Where the value of ``field`` comes from (the default: the catalog's document, as
        of the program's "as of" month, or the counselor for a program they added)."""
        found = self.provenance.get(field)
        if found is not None:
            return found
        source = FactSource.COUNSELOR if self.origin == "counselor" else FactSource.ARTICLE
        return Provenance(source=source, as_of=self.as_of)

    @property
    def retired(self) -> bool:
        return self.retired_on is not None

    @property
    def state_name(self) -> str:
        return state_name(self.state)

    @property
    def location(self) -> str:
        return f"{self.city}, {self.state_name}"

    @property
    def offering(self) -> str:
        """The school with the delivery: two offerings of one school told apart in a word."""
        return f"{self.school} ({self.mode.value})"

    @property
    def full_name(self) -> str:
        """School and delivery, then the program: how a program is named wherever it is
        listed (cut short at the end, two offerings of one school still differ)."""
        return full_name(self.school, self.program, self.mode.value)

    @property
    def computed_tuition(self) -> Tuition | None:
        """Estimated tuition = required credits × tuition per credit (the article's formula)."""
        if self.credits is None or self.cost_per_credit is None:
            return None
        return self.cost_per_credit.times(self.credits)

    def ranking(self, year: int) -> Ranking | None:
        for ranking in self.rankings:
            if ranking.year == year and ranking.list == self.mode:
                return ranking
        return None


# The fields of a program that carry a provenance of their own: the figures and facts a
# counselor checks against the school's page (not its id, names or the article's listings).
PROVENANCE_FIELDS: tuple[str, ...] = (
    "city", "state", "delivery", "artiba", "credits", "cost_per_credit", "stated_total", "gre",
    "control", "url", *FACT_NAMES,
)  # fmt: skip


class RankingEntry(_Frozen):
    position: Position
    printed_number: Position | None = None
    school: NonEmpty


class RankingList(_Frozen):
    year: int = Field(ge=1990, le=2100)
    list: Mode
    entries: tuple[RankingEntry, ...]

    @property
    def label(self) -> str:
        return f"{self.year} {self.list.value} ranking"


Statistic = Literal["average_total", "lowest_per_credit", "highest_per_credit"]


class SummaryClaim(_Frozen):
    """A summary figure the source article prints about its own cards."""

    scope: Mode
    statistic: Statistic
    claim: Money
    printed: str = ""
    count_claimed: int | None = Field(default=None, ge=0, le=100_000)


class SourceInfo(_Frozen):
    title: NonEmpty
    publisher: str = ""
    author: str = ""
    updated: date | None = None
    document: str = ""
    as_of: YearMonth
    as_of_text: str = ""
    caveat: str = ""


CATALOG_VERSION: Literal[2] = 2
CATALOG_VERSIONS = (1, 2)


class Catalog(_Frozen):
    """A catalog file: the programs, the ranking lists and the article's own summary figures."""

    format: Literal["gradmatch-catalog"] = "gradmatch-catalog"
    # 1: the first format; 2 adds the facts of issue 16 and each field's provenance.
    version: Literal[1, 2] = CATALOG_VERSION
    source: SourceInfo
    programs: tuple[Program, ...] = Field(min_length=1)
    rankings: tuple[RankingList, ...] = ()
    summary_claims: tuple[SummaryClaim, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        seen: set[str] = set()
        for index, program in enumerate(self.programs):
            if program.id in seen:
                raise ValueError(f"record {index + 1}: program id '{program.id}' is used twice")
            seen.add(program.id)
        return self

    def with_rankings_attached(self) -> Catalog:
        """Each program gets the rankings of its school in the lists of its own mode."""
        programs = tuple(
            program.model_copy(update={"rankings": rankings_for(program, self.rankings)})
            for program in self.programs
        )
        return self.model_copy(update={"programs": programs})


def school_key(name: str) -> str:
    """A school name folded for matching across lists (case, dashes, spacing)."""
    folded = name.casefold().replace("–", "-").replace("—", "-")
    return re.sub(r"[\s-]+", " ", folded).strip()


def rankings_for(program: Program, lists: tuple[RankingList, ...]) -> tuple[Ranking, ...]:
    key = school_key(program.school)
    found = [
        Ranking(
            year=ranking_list.year,
            list=ranking_list.list,
            position=entry.position,
            printed_number=entry.printed_number,
        )
        for ranking_list in lists
        if ranking_list.list == program.mode
        for entry in ranking_list.entries
        if school_key(entry.school) == key
    ]
    return tuple(sorted(found, key=lambda r: -r.year))


class FieldEdit(_Frozen):
    """A counselor's change to one field of a program, with the catalog value it replaced."""

    program_id: str
    field: str
    original: Any
    edited_at: datetime


def describe_value(field: str, value: Any) -> str:
    """A stored field value (as JSON data) in words, e.g. for "the catalog said ..."."""
    if value is None:
        return "nothing"
    if field in ("cost_per_credit", "stated_total"):
        return Tuition.model_validate(value).display()
    if field == "gre":
        policy = GrePolicy.model_validate(value)
        return f"{policy.policy.label} ({policy.text})"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
