"""A student's profile: the facts a counselor records and the matcher reads.

The field names are those of the profile exchange file (``.gradmatch.json``), a public
contract: extend, never rename. Range rules carry messages a person can act on; the
form shows them beside the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from gradmatch.domain.us_states import US_STATES

GRE_VALID_YEARS = 5


class Subject(StrEnum):
    """The prerequisite subjects the source article names."""

    PROGRAMMING = "programming"
    DATA_STRUCTURES = "data_structures"
    ALGORITHMS = "algorithms"
    LINEAR_ALGEBRA = "linear_algebra"
    CALCULUS = "calculus"
    PROBABILITY = "probability"
    STATISTICS = "statistics"
    DISCRETE_MATH = "discrete_math"
    COMPUTER_SYSTEMS = "computer_systems"
    DATABASES = "databases"

    @property
    def label(self) -> str:
        return _SUBJECT_LABELS[self]


_SUBJECT_LABELS = {
    Subject.PROGRAMMING: "Programming (Python plus another language)",
    Subject.DATA_STRUCTURES: "Data structures",
    Subject.ALGORITHMS: "Algorithms",
    Subject.LINEAR_ALGEBRA: "Linear algebra",
    Subject.CALCULUS: "Calculus",
    Subject.PROBABILITY: "Probability",
    Subject.STATISTICS: "Statistics",
    Subject.DISCRETE_MATH: "Discrete math",
    Subject.COMPUTER_SYSTEMS: "Computer systems / software engineering",
    Subject.DATABASES: "Databases",
}


class Status(StrEnum):
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class DeliveryPreference(StrEnum):
    CAMPUS = "campus"
    ONLINE = "online"
    EITHER = "either"


class ThesisPreference(StrEnum):
    THESIS = "thesis"
    COURSEWORK = "coursework"
    EITHER = "either"


class Specialization(StrEnum):
    NLP = "nlp"
    COMPUTER_VISION = "computer_vision"
    GENERATIVE_AI = "generative_ai"
    MLOPS = "mlops"
    ROBOTICS = "robotics"
    RECOMMENDER_SYSTEMS = "recommender_systems"
    REINFORCEMENT_LEARNING = "reinforcement_learning"
    RESPONSIBLE_AI = "responsible_ai"

    @property
    def label(self) -> str:
        return _SPECIALIZATION_LABELS[self]

    def named_in(self, offered: str) -> bool:
        """Whether a specialization as a catalog names it ("Natural Language Processing",
        "NLP track") is this one."""
        folded = " ".join(offered.casefold().replace("-", " ").replace("_", " ").split())
        return any(name in folded for name in _SPECIALIZATION_NAMES[self])


_SPECIALIZATION_LABELS = {
    Specialization.NLP: "NLP",
    Specialization.COMPUTER_VISION: "Computer vision",
    Specialization.GENERATIVE_AI: "Generative AI",
    Specialization.MLOPS: "MLOps",
    Specialization.ROBOTICS: "Robotics",
    Specialization.RECOMMENDER_SYSTEMS: "Recommender systems",
    Specialization.REINFORCEMENT_LEARNING: "Reinforcement learning",
    Specialization.RESPONSIBLE_AI: "Responsible AI",
}


# Each specialization's names as schools write them, folded (lower case, single spaces).
_SPECIALIZATION_NAMES = {
    Specialization.NLP: ("nlp", "natural language"),
    Specialization.COMPUTER_VISION: ("computer vision", "vision"),
    Specialization.GENERATIVE_AI: ("generative",),
    Specialization.MLOPS: ("mlops", "ml ops", "machine learning operations", "ml engineering"),
    Specialization.ROBOTICS: ("robotic",),
    Specialization.RECOMMENDER_SYSTEMS: ("recommend",),
    Specialization.REINFORCEMENT_LEARNING: ("reinforcement",),
    Specialization.RESPONSIBLE_AI: ("responsible", "ethic", "fairness", "trustworthy"),
}


class CareerPath(StrEnum):
    """The career paths of the source article's salary table."""

    ML_ENGINEER = "machine_learning_engineer"
    DATA_SCIENTIST = "data_scientist"
    RESEARCH_SCIENTIST = "research_scientist"
    SOFTWARE_DEVELOPER = "software_developer"
    SECURITY_ANALYST = "information_security_analyst"
    OPERATIONS_RESEARCH = "operations_research_analyst"
    STATISTICIAN = "statistician"

    @property
    def label(self) -> str:
        return _CAREER_LABELS[self]


_CAREER_LABELS = {
    CareerPath.ML_ENGINEER: "Machine learning engineer",
    CareerPath.DATA_SCIENTIST: "Data scientist",
    CareerPath.RESEARCH_SCIENTIST: "Computer and information research scientist",
    CareerPath.SOFTWARE_DEVELOPER: "Software developer / AI software engineer",
    CareerPath.SECURITY_ANALYST: "Information security analyst with AI focus",
    CareerPath.OPERATIONS_RESEARCH: "Operations research analyst",
    CareerPath.STATISTICIAN: "Statistician / quantitative analyst",
}


# ---------------------------------------------------------------- checked scalars


N = TypeVar("N", int, Decimal)


@dataclass(frozen=True)
class Bounds:
    """The range a number must lie in, and the words that say so when it does not.

    Declared once, here: the model checks it (so a profile file gets the same words), and
    each profile field's parser (``domain/fields.py``) checks it as soon as the text is read,
    in the form, the roster and on the command line.
    """

    low: int | Decimal | None
    high: int | Decimal | None
    message: str
    low_open: bool = False  # the low end itself is refused (a scale must be above 0)
    step: Decimal | None = None  # e.g. half points
    step_message: str = ""

    def check(self, value: N) -> N:
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            raise ValueError(self.message)
        if self.high is not None and value > self.high:
            raise ValueError(self.message)
        if self.step is not None and value % self.step != 0:
            raise ValueError(self.step_message)
        return value


GRE_SECTION = Bounds(130, 170, "GRE verbal and quant scores run from 130 to 170")
GRE_WRITING = Bounds(
    Decimal(0),
    Decimal(6),
    "Analytical writing runs from 0.0 to 6.0",
    step=Decimal("0.5"),
    step_message="Analytical writing is scored in half points (e.g. 4.0 or 4.5)",
)
AMOUNT = Bounds(Decimal(0), Decimal(100_000_000), "Enter an amount from $0 to $100,000,000")
LOAN_AMOUNT = Bounds(Decimal(1), Decimal(1_000_000), "Enter a loan from $1 to $1,000,000")
LOAN_RATE = Bounds(Decimal(0), Decimal(30), "Enter a yearly rate from 0 to 30 %")
LOAN_TERM = Bounds(1, 30, "Enter a term from 1 to 30 years")
YEAR = Bounds(1950, 2100, "Enter a year from 1950 to 2100")
GPA_VALUE = Bounds(Decimal(0), None, "A GPA cannot be negative")
GPA_SCALE = Bounds(
    Decimal(0), Decimal(100), "A GPA scale is above 0 and at most 100, e.g. 4.0", low_open=True
)

GreSection = Annotated[int, AfterValidator(GRE_SECTION.check)]
GreWriting = Annotated[Decimal, AfterValidator(GRE_WRITING.check)]
Amount = Annotated[Decimal, AfterValidator(AMOUNT.check)]
# Plain pydantic bounds keep their minimum and maximum in the published JSON schema; their
# generic messages become the words above (``fields.model_error``).
Year = Annotated[int, Field(ge=YEAR.low, le=YEAR.high)]
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
# The questions the matcher reads have a third answer: None (null or absent in the profile
# file, a blank roster cell, "Not answered" in the form). Never read as "no".
UNANSWERED = "null (or absent): not answered; the matcher asks instead of reading it as no."
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")


# Control characters (ESC, BEL, DEL, the C1 range...) make no sense in a name, an email, a
# major, a course or a language, and in notes (and meeting log entries) only as tabs and
# line breaks: refused there with a message. A profile read back from the database
# (validated with the ``STORED`` context) is not refused for what an older GradMatch let in.
STORED = {"stored": True}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_NOTES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refuse_controls(value: str, info: ValidationInfo, message: str, notes: bool = False) -> str:
    stored = isinstance(info.context, dict) and info.context.get("stored")
    if not stored and (_CONTROL_IN_NOTES if notes else _CONTROL).search(value):
        raise ValueError(message)
    return value


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def scale_text(scale: Decimal) -> str:
    """``4`` -> ``"4.0"``, ``4.33`` -> ``"4.33"``: how GPA scales are written."""
    return f"{scale:.1f}" if scale == scale.to_integral_value() else str(scale.normalize())


class Residency(_Model):
    country: str = Field(default="US", pattern=r"^[A-Z]{2}$", description="ISO 3166 country code")
    state: StateCode | None = Field(
        default=None, description="US state code, for US residents; null: not recorded"
    )

    @model_validator(mode="after")
    def _state_for_us(self) -> Self:
        if self.state is not None and self.state not in US_STATES:
            raise ValueError(f"'{self.state}' is not a US state code")
        if self.country != "US" and self.state is not None:
            raise ValueError("A state applies to US residents only")
        return self

    @property
    def is_us(self) -> bool:
        return self.country == "US"


class Gpa(_Model):
    value: Decimal = Field(ge=GPA_VALUE.low)
    scale: Decimal = Field(default=Decimal("4.0"), gt=GPA_SCALE.low, le=GPA_SCALE.high)

    @model_validator(mode="after")
    def _within_scale(self) -> Self:
        if self.value > self.scale:
            raise ValueError(f"A GPA of {self.value} is above its {scale_text(self.scale)} scale")
        return self

    @property
    def on_four_point_scale(self) -> Decimal:
        return (self.value / self.scale * 4).quantize(Decimal("0.01"))


class GreScores(_Model):
    """GRE scores: verbal and quant at least (a spreadsheet often has no more); the
    writing score and the test date when known."""

    verbal: GreSection
    quant: GreSection
    writing: GreWriting | None = None
    taken_on: date | None = None

    @field_validator("taken_on")
    @classmethod
    def _not_in_future(cls, value: date | None) -> date | None:
        if value is None:
            return None
        if value > date.today():
            raise ValueError("The test date cannot be in the future")
        if value.year < 1990:
            raise ValueError("The test date is too long ago to be a GRE score")
        return value

    def expires_on(self) -> date | None:
        """The last day the scores can be reported (None: the test date is not recorded)."""
        taken = self.taken_on
        if taken is None:
            return None
        try:
            return taken.replace(year=taken.year + GRE_VALID_YEARS)
        except ValueError:  # 29 February
            return taken.replace(year=taken.year + GRE_VALID_YEARS, day=28)

    def expired(self, on: date) -> bool | None:
        """GRE scores are reportable for five years after the test date (None: unknown,
        the test date is not recorded)."""
        expires = self.expires_on()
        return None if expires is None else on > expires


class EnglishTest(_Model):
    kind: Literal["toefl", "ielts"]
    score: Decimal

    @model_validator(mode="after")
    def _score_for_kind(self) -> Self:
        if self.kind == "toefl":
            if not (0 <= self.score <= 120) or self.score % 1 != 0:
                raise ValueError("A TOEFL score is a whole number from 0 to 120")
        elif not (0 <= self.score <= 9) or (self.score * 2) % 1 != 0:
            raise ValueError("An IELTS band runs from 0 to 9 in half bands (e.g. 6.5)")
        return self


class Evidence(_Model):
    course: str = Field(default="", max_length=200)
    institution: str = Field(default="", max_length=200)
    grade: str = Field(default="", max_length=20)
    year: Year | None = None

    @field_validator("course", "institution", "grade")
    @classmethod
    def _printable(cls, value: str, info: ValidationInfo) -> str:
        return refuse_controls(value, info, "Control characters (such as ESC) are not allowed")


class Loan(_Model):
    """A loan the student would take: the cost model shows its payments and interest."""

    amount: Annotated[Decimal, AfterValidator(LOAN_AMOUNT.check)]
    annual_rate_percent: Annotated[Decimal, AfterValidator(LOAN_RATE.check)]
    term_years: Annotated[int, AfterValidator(LOAN_TERM.check)]


class Budget(_Model):
    max_total_cost: Amount | None = None
    employer_reimbursement_per_year: Amount = Decimal(0)
    scholarships: Amount = Decimal(0)
    savings: Amount = Decimal(0)
    will_borrow: bool = False
    loan: Loan | None = None


class Preferences(_Model):
    # None: the question was not answered (a blank roster cell, a null or absent key, the
    # form's "Not answered"). Never read as "no": the matcher asks instead.
    delivery: DeliveryPreference | None = Field(default=None, description=UNANSWERED)
    part_time: bool | None = Field(default=None, description=UNANSWERED)
    relocate: bool | None = Field(default=None, description=UNANSWERED)
    states: tuple[StateCode, ...] = ()
    specializations: tuple[Specialization, ...] = ()
    thesis: ThesisPreference = ThesisPreference.EITHER
    career_path: CareerPath | None = None

    @field_validator("states")
    @classmethod
    def _known_states(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [code for code in value if code not in US_STATES]
        if unknown:
            raise ValueError(f"Unknown US state codes: {', '.join(unknown)}")
        return tuple(dict.fromkeys(value))


class Employment(_Model):
    currently_working: bool | None = Field(default=None, description=UNANSWERED)
    current_salary: Amount | None = None
    keep_working: bool | None = Field(default=None, description=UNANSWERED)


def _all_missing() -> dict[Subject, Status]:
    return dict.fromkeys(Subject, Status.MISSING)


class StudentProfile(_Model):
    """One student. ``prerequisites`` always holds every subject."""

    full_name: str = Field(min_length=1, max_length=200)
    email: str = Field(max_length=254)
    student_id: str | None = None
    notes: str = Field(
        default="",
        max_length=10_000,
        description="Counselor notes. Counselor-only: never written to a profile file; "
        "a file that has the key is imported without it (the stored notes stay).",
    )
    residency: Residency = Residency()
    international: bool | None = Field(
        default=None, description=UNANSWERED + " A US resident is never international."
    )
    major: str = Field(default="", max_length=200)
    gpa: Gpa | None = None
    degree_year: Year | None = None
    gre: GreScores | None = None
    will_take_gre: bool | None = Field(default=None, description=UNANSWERED)
    english_test: EnglishTest | None = None
    prerequisites: dict[Subject, Status] = Field(default_factory=_all_missing)
    prerequisite_evidence: dict[Subject, Evidence] = Field(default_factory=dict)
    languages: tuple[str, ...] = ()
    budget: Budget = Budget()
    preferences: Preferences = Preferences()
    employment: Employment = Employment()
    application_date: date | None = None

    @field_validator("full_name")
    @classmethod
    def _printable_name(cls, value: str, info: ValidationInfo) -> str:
        refuse_controls(value, info, "A name cannot contain control characters")
        if not value.strip():
            raise ValueError("Enter the full name")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str, info: ValidationInfo) -> str:
        refuse_controls(value, info, "An email address cannot contain control characters")
        if not EMAIL.match(value):
            raise ValueError("Enter an email address such as name@example.org")
        return value

    @field_validator("student_id")
    @classmethod
    def _student_id(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not STUDENT_ID.match(value):
            raise ValueError("A student ID uses letters, digits and . _ / - (up to 64 characters)")
        return value

    @field_validator("prerequisites")
    @classmethod
    def _every_subject(cls, value: dict[Subject, Status]) -> dict[Subject, Status]:
        return {subject: value.get(subject, Status.MISSING) for subject in Subject}

    @field_validator("notes")
    @classmethod
    def _printable_notes(cls, value: str, info: ValidationInfo) -> str:
        message = "Notes cannot contain control characters (tabs and line breaks are fine)"
        return refuse_controls(value, info, message, notes=True)

    @field_validator("major")
    @classmethod
    def _printable_major(cls, value: str, info: ValidationInfo) -> str:
        return refuse_controls(value, info, "A major cannot contain control characters")

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        for language in value:
            refuse_controls(language, info, "A language name cannot contain control characters")
        cleaned = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
        if any(len(v) > 40 for v in cleaned):
            raise ValueError("A programming language name is at most 40 characters")
        return cleaned

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.residency.is_us and self.international:
            raise ValueError("A US resident is not an international applicant")
        return self

    @property
    def applies_as_international(self) -> bool | None:
        """Whether the student applies as an international applicant: never for a US
        resident; otherwise the answer given (None: not answered)."""
        return False if self.residency.is_us else self.international

    @property
    def home_state(self) -> str | None:
        """The US state the student lives in (None: not a US resident, or not recorded)."""
        return self.residency.state if self.residency.is_us else None

    # ---- derived facts

    @property
    def completed_count(self) -> int:
        return sum(1 for status in self.prerequisites.values() if status is Status.COMPLETED)

    @property
    def readiness(self) -> str:
        """Prerequisites completed out of the article's list, e.g. ``"7/10"``."""
        return f"{self.completed_count}/{len(Subject)}"

    def gre_expired(self, today: date | None = None) -> bool | None:
        """Whether the GRE score will be older than five years on the application date
        (False without scores; None with scores but no test date: unknown)."""
        if self.gre is None:
            return False
        return self.gre.expired(self.application_date or today or date.today())
