"""A student's profile: the facts a counselor records and the matcher reads.

The field names are those of the profile exchange file (``.gradmatch.json``), a public
contract: extend, never rename. Range rules carry messages a person can act on; the
form shows them beside the field.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

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


def _in_range(low: Decimal | int, high: Decimal | int, message: str):  # type: ignore[no-untyped-def]
    def check(value: Decimal | int) -> Decimal | int:
        if not low <= value <= high:
            raise ValueError(message)
        return value

    return check


def _half_steps(message: str):  # type: ignore[no-untyped-def]
    def check(value: Decimal) -> Decimal:
        if (value * 2) % 1 != 0:
            raise ValueError(message)
        return value

    return check


GreSection = Annotated[
    int, AfterValidator(_in_range(130, 170, "GRE verbal and quant scores run from 130 to 170"))
]
GreWriting = Annotated[
    Decimal,
    AfterValidator(_in_range(Decimal(0), Decimal(6), "Analytical writing runs from 0.0 to 6.0")),
    AfterValidator(_half_steps("Analytical writing is scored in half points (e.g. 4.0 or 4.5)")),
]
Amount = Annotated[
    Decimal,
    AfterValidator(
        _in_range(Decimal(0), Decimal(100_000_000), "Enter an amount from $0 to $100,000,000")
    ),
]
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def scale_text(scale: Decimal) -> str:
    """``4`` -> ``"4.0"``, ``4.33`` -> ``"4.33"``: how GPA scales are written."""
    return f"{scale:.1f}" if scale == scale.to_integral_value() else str(scale.normalize())


class Residency(_Model):
    country: str = Field(default="US", pattern=r"^[A-Z]{2}$", description="ISO 3166 country code")
    state: StateCode | None = Field(default=None, description="US state code, for US residents")

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
    value: Decimal = Field(ge=0)
    scale: Decimal = Field(default=Decimal("4.0"), gt=0, le=100)

    @model_validator(mode="after")
    def _within_scale(self) -> Self:
        if self.value > self.scale:
            raise ValueError(f"A GPA of {self.value} is above its {scale_text(self.scale)} scale")
        return self

    @property
    def on_four_point_scale(self) -> Decimal:
        return (self.value / self.scale * 4).quantize(Decimal("0.01"))


class GreScores(_Model):
    verbal: GreSection
    quant: GreSection
    writing: GreWriting
    taken_on: date

    @field_validator("taken_on")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        if value > date.today():
            raise ValueError("The test date cannot be in the future")
        if value.year < 1990:
            raise ValueError("The test date is too long ago to be a GRE score")
        return value

    def expires_on(self) -> date:
        try:
            return self.taken_on.replace(year=self.taken_on.year + GRE_VALID_YEARS)
        except ValueError:  # 29 February
            return self.taken_on.replace(year=self.taken_on.year + GRE_VALID_YEARS, day=28)

    def expired(self, on: date) -> bool:
        """GRE scores are reportable for five years after the test date."""
        return on > self.expires_on()


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
    year: int | None = Field(default=None, ge=1950, le=2100)


class Loan(_Model):
    """A loan the student would take: the cost model shows its payments and interest."""

    amount: Annotated[
        Decimal,
        AfterValidator(
            _in_range(Decimal(1), Decimal(1_000_000), "Enter a loan from $1 to $1,000,000")
        ),
    ]
    annual_rate_percent: Annotated[
        Decimal,
        AfterValidator(_in_range(Decimal(0), Decimal(30), "Enter a yearly rate from 0 to 30 %")),
    ]
    term_years: Annotated[int, AfterValidator(_in_range(1, 30, "Enter a term from 1 to 30 years"))]


class Budget(_Model):
    max_total_cost: Amount | None = None
    employer_reimbursement_per_year: Amount = Decimal(0)
    scholarships: Amount = Decimal(0)
    savings: Amount = Decimal(0)
    will_borrow: bool = False
    loan: Loan | None = None


class Preferences(_Model):
    delivery: DeliveryPreference = DeliveryPreference.EITHER
    part_time: bool = False
    relocate: bool = False
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
    currently_working: bool = False
    current_salary: Amount | None = None
    keep_working: bool = False


def _all_missing() -> dict[Subject, Status]:
    return dict.fromkeys(Subject, Status.MISSING)


class StudentProfile(_Model):
    """One student. ``prerequisites`` always holds every subject."""

    full_name: str = Field(min_length=1, max_length=200)
    email: str = Field(max_length=254)
    student_id: str | None = None
    notes: str = Field(default="", max_length=10_000)
    residency: Residency = Residency()
    international: bool = False
    major: str = Field(default="", max_length=200)
    gpa: Gpa | None = None
    degree_year: int | None = Field(default=None, ge=1950, le=2100)
    gre: GreScores | None = None
    will_take_gre: bool = False
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
    def _printable_name(cls, value: str) -> str:
        if any(ord(ch) < 32 for ch in value):
            raise ValueError("A name cannot contain control characters")
        if not value.strip():
            raise ValueError("Enter the student's full name")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
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

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
        if any(len(v) > 40 for v in cleaned):
            raise ValueError("A programming language name is at most 40 characters")
        return cleaned

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.residency.is_us and self.international:
            raise ValueError("A US resident is not an international applicant")
        return self

    # ---- derived facts

    @property
    def completed_count(self) -> int:
        return sum(1 for status in self.prerequisites.values() if status is Status.COMPLETED)

    @property
    def readiness(self) -> str:
        """Prerequisites completed out of the article's list, e.g. ``"7/10"``."""
        return f"{self.completed_count}/{len(Subject)}"

    def gre_expired(self, today: date | None = None) -> bool:
        """Whether the GRE score will be older than five years on the application date."""
        if self.gre is None:
            return False
        return self.gre.expired(self.application_date or today or date.today())
