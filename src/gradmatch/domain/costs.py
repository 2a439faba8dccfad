"""The cost model, after the source article's formulas:

    Estimated tuition    = required credits × tuition per credit
    Estimated total cost = tuition + fees + books/software + travel/residency + opportunity cost

then the bridge courses as their own line, less employer reimbursement and scholarships.
Every line says where its number comes from: the catalog card and its as-of date, a
default from Settings (counselor estimates, documented below), or a counselor override.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from gradmatch.domain.catalog import Mode, Program, format_year_month
from gradmatch.domain.gap import Gap, student_pace
from gradmatch.domain.money import format_money, round_cents
from gradmatch.domain.profile import CareerPath, Loan, StudentProfile
from gradmatch.domain.tuition import TuitionEstimate, estimate_tuition, is_in_state

Dollars = Decimal

# Median pay, 2024, from the source article's career table (BLS). None: the article gives
# no figure ("salary varies because ML engineer is not always a standalone BLS occupation").
MEDIAN_PAY: dict[CareerPath, Decimal | None] = {
    CareerPath.ML_ENGINEER: None,
    CareerPath.DATA_SCIENTIST: Decimal("112590"),
    CareerPath.RESEARCH_SCIENTIST: Decimal("140910"),
    CareerPath.SOFTWARE_DEVELOPER: Decimal("133080"),
    CareerPath.SECURITY_ANALYST: Decimal("124910"),
    CareerPath.OPERATIONS_RESEARCH: Decimal("91290"),
    CareerPath.STATISTICIAN: Decimal("103300"),
}
BREAK_EVEN_CAUTION = (
    "The source article warns against broad claims that the degree will “break even” "
    "quickly: outcomes depend on program cost, job market timing, background, portfolio, "
    "location and employer demand. The payment share below is information, not a promise."
)


class CostDefaults(BaseModel):
    """Counselor estimates used where the catalog has no figure. Editable in Settings;
    each can be overridden per program."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    fees_per_year: Decimal = Field(
        default=Decimal("1500"),
        ge=0,
        title="Graduate fees per year",
        description="Registration, activity and graduate fees.",
    )
    books_software_per_year: Decimal = Field(
        default=Decimal("1200"),
        ge=0,
        title="Books, software, hardware per year",
        description="Books, software, laptop share and cloud computing credits.",
    )
    online_fee_per_year: Decimal = Field(
        default=Decimal("600"),
        ge=0,
        title="Technology / online fee per year (online)",
        description="Technology and online learning fees of online programs.",
    )
    travel_residency: Decimal = Field(
        default=Decimal("0"),
        ge=0,
        title="Travel and residencies (online, whole program)",
        description="Travel to required on-campus residencies of online programs.",
    )
    relocation: Decimal = Field(
        default=Decimal("3500"),
        ge=0,
        title="Relocation (campus in another state, once)",
        description="Moving for a campus program outside the student's state.",
    )
    housing_per_year: Decimal = Field(
        default=Decimal("14400"),
        ge=0,
        title="Housing per year (campus in another state)",
        description="Rent while studying away from home ($1,200 a month).",
    )
    credits_per_year_full_time: int = Field(
        default=18,
        ge=1,
        le=60,
        title="Credits per year, full time",
        description="Sets the program length: 30 credits at 18 a year is 1.7 years.",
    )
    credits_per_year_part_time: int = Field(
        default=9,
        ge=1,
        le=60,
        title="Credits per year, part time",
        description="Program length for students who study part time or keep working.",
    )


COST_FIELDS = (
    "fees_per_year",
    "books_software_per_year",
    "online_fee_per_year",
    "travel_residency",
    "relocation",
    "housing_per_year",
)


class CostOverrides(BaseModel):
    """A counselor's figures for one program, in place of the defaults."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fees_per_year: Decimal | None = Field(default=None, ge=0)
    books_software_per_year: Decimal | None = Field(default=None, ge=0)
    online_fee_per_year: Decimal | None = Field(default=None, ge=0)
    travel_residency: Decimal | None = Field(default=None, ge=0)
    relocation: Decimal | None = Field(default=None, ge=0)
    housing_per_year: Decimal | None = Field(default=None, ge=0)


class LineKind(StrEnum):
    ADD = "add"  # part of the article's estimated total cost
    EXTRA = "extra"  # added after it: bridge courses
    SUBTRACT = "subtract"  # reimbursement and scholarships


@dataclass(frozen=True)
class CostLine:
    key: str
    label: str
    amount: Decimal
    kind: LineKind
    source: str


@dataclass(frozen=True)
class LoanSummary:
    loan: Loan
    monthly_payment: Decimal
    total_interest: Decimal
    median_pay: Decimal | None
    share_of_monthly_pay: Decimal | None  # fraction, e.g. 0.12
    caution: str = BREAK_EVEN_CAUTION


@dataclass(frozen=True)
class CostEstimate:
    program: Program
    lines: tuple[CostLine, ...]
    years: Decimal  # program length in years at the student's pace
    tuition: TuitionEstimate | None  # credits × rate for this student; None when unknown
    stated_total_note: str | None  # where the article's stated total disagrees
    loan: LoanSummary | None

    @property
    def tuition_known(self) -> bool:
        return self.tuition is not None

    def line(self, key: str) -> CostLine | None:
        return next((line for line in self.lines if line.key == key), None)

    @property
    def total(self) -> Decimal:
        """The article's "estimated total cost" (before bridging, reimbursement, scholarships)."""
        return sum((line.amount for line in self.lines if line.kind is LineKind.ADD), Decimal(0))

    @property
    def net(self) -> Decimal:
        """What the student pays: total + bridging − reimbursement − scholarships (never < 0)."""
        extra = sum((line.amount for line in self.lines if line.kind is LineKind.EXTRA), Decimal(0))
        minus = sum(
            (line.amount for line in self.lines if line.kind is LineKind.SUBTRACT), Decimal(0)
        )
        return max(self.total + extra - minus, Decimal(0))


def stated_totals(program: Program, *, in_state: bool) -> dict[str, Decimal]:
    """Every stated total tuition the article prints for the program, by where it prints it."""
    from gradmatch.domain.quality import parse_printed_tuition

    found: dict[str, Decimal] = {}
    for listing in program.listings:
        text = listing.printed.get("total_tuition")
        figure = parse_printed_tuition(text)[0] if text else None
        if figure is not None:
            found[listing.label] = figure.for_residency(in_state=in_state)
    if not found and program.stated_total is not None:
        found["catalog"] = program.stated_total.for_residency(in_state=in_state)
    return found


def _figure(
    name: str, defaults: CostDefaults, overrides: CostOverrides | None
) -> tuple[Decimal, str]:
    override = getattr(overrides, name) if overrides is not None else None
    if override is not None:
        return override, "counselor override for this program"
    return getattr(defaults, name), "default (counselor estimate, Settings)"


def program_years(program: Program, profile: StudentProfile, defaults: CostDefaults) -> Decimal:
    credits = program.credits or 30
    per_year = (
        defaults.credits_per_year_full_time
        if student_pace(profile) == "full_time"
        else defaults.credits_per_year_part_time
    )
    return (Decimal(credits) / per_year).quantize(Decimal("0.01"))


def estimate_cost(
    program: Program,
    profile: StudentProfile,
    gap: Gap,
    defaults: CostDefaults,
    overrides: CostOverrides | None = None,
) -> CostEstimate:
    """The estimate for one student and program; the student's planned loan, if any, is
    summarized with it."""
    loan = profile.budget.loan
    as_of = format_year_month(program.as_of)
    years = program_years(program, profile, defaults)
    pace = "full time" if student_pace(profile) == "full_time" else "part time"
    length = f"{years} years at {pace}"
    if program.credits is None:
        length += " (the catalog has no credits figure: 30 assumed)"
    lines: list[CostLine] = []

    tuition = estimate_tuition(program, profile)
    stated_note = None
    if tuition is not None:
        lines.append(CostLine("tuition", "Tuition", tuition.amount, LineKind.ADD, tuition.basis))
        stated = stated_totals(program, in_state=tuition.in_state)
        differing: dict[Decimal, list[str]] = {}
        for label, value in stated.items():
            if value != tuition.amount:
                differing.setdefault(value, []).append(label)
        if differing:
            sides = "; ".join(
                f"{format_money(value)} ({', '.join(labels)})"
                for value, labels in differing.items()
            )
            stated_note = (
                f"The source article states a total tuition of {sides}; credits × rate gives "
                f"{format_money(tuition.amount)}. The estimate uses credits × rate, the "
                "article's own formula."
            )
    elif program.stated_total is not None:
        in_state = is_in_state(program, profile) and program.stated_total.is_split
        amount = program.stated_total.for_residency(in_state=in_state)
        lines.append(
            CostLine(
                "tuition",
                "Tuition",
                amount,
                LineKind.ADD,
                f"stated total tuition (catalog, as of {as_of}); credits or rate unknown",
            )
        )

    def per_year(key: str, name: str, label: str) -> None:
        value, source = _figure(name, defaults, overrides)
        amount = round_cents(value * years)
        lines.append(
            CostLine(
                key,
                label,
                amount,
                LineKind.ADD,
                f"{format_money(value)} a year × {length}; {source}",
            )
        )

    per_year("fees", "fees_per_year", "Fees")
    per_year("books_software", "books_software_per_year", "Books, software and hardware")
    away = program.mode is Mode.CAMPUS and not (
        profile.residency.is_us and profile.residency.state == program.state
    )
    if program.mode is Mode.ONLINE:
        per_year("online_fees", "online_fee_per_year", "Technology and online fees")
        value, source = _figure("travel_residency", defaults, overrides)
        lines.append(
            CostLine("travel_residency", "Travel and residencies", value, LineKind.ADD, source)
        )
    elif away:
        value, source = _figure("relocation", defaults, overrides)
        lines.append(
            CostLine(
                "relocation",
                "Relocation",
                value,
                LineKind.ADD,
                f"campus in {program.state_name}; {source}",
            )
        )
        per_year("housing", "housing_per_year", "Housing")

    employment = profile.employment
    if employment.currently_working and not employment.keep_working:
        salary = employment.current_salary
        if salary is None:
            lines.append(
                CostLine(
                    "opportunity",
                    "Income forgone",
                    Decimal(0),
                    LineKind.ADD,
                    "unknown: the profile has no current salary",
                )
            )
        else:
            lines.append(
                CostLine(
                    "opportunity",
                    "Income forgone",
                    round_cents(salary * years),
                    LineKind.ADD,
                    f"{format_money(salary)} salary × {years} years (stops working to study)",
                )
            )
    else:
        reason = "keeps working while studying" if employment.keep_working else "not working now"
        lines.append(CostLine("opportunity", "Income forgone", Decimal(0), LineKind.ADD, reason))

    plan = gap.plan
    if plan.steps:
        lines.append(
            CostLine(
                "bridge",
                "Bridge courses",
                plan.cost_high,
                LineKind.EXTRA,
                f"{format_money(plan.cost_low)}–{format_money(plan.cost_high)} for "
                f"{len(plan.steps)} subject(s), about {plan.months} months; the higher figure "
                "(counselor estimates)",
            )
        )

    reimbursement = profile.budget.employer_reimbursement_per_year
    if reimbursement:
        program_year_count = math.ceil(years)
        amount = reimbursement * program_year_count
        cap = tuition.amount if tuition is not None else None
        source = f"{format_money(reimbursement)} a year × {program_year_count} program year(s)"
        if cap is not None and amount > cap:
            amount = cap
            source += ", at most the tuition"
        lines.append(
            CostLine("reimbursement", "Employer reimbursement", amount, LineKind.SUBTRACT, source)
        )
    if profile.budget.scholarships:
        lines.append(
            CostLine(
                "scholarships",
                "Scholarships and grants",
                profile.budget.scholarships,
                LineKind.SUBTRACT,
                "from the student's profile",
            )
        )
    summary = summarize_loan(loan, profile.preferences.career_path) if loan else None
    return CostEstimate(program, tuple(lines), years, tuition, stated_note, summary)


def monthly_payment(loan: Loan) -> Decimal:
    months = loan.term_years * 12
    rate = loan.annual_rate_percent / 100 / 12
    if rate == 0:
        return round_cents(loan.amount / months)
    factor = (1 + rate) ** months
    return round_cents(loan.amount * rate * factor / (factor - 1))


def summarize_loan(loan: Loan, career: CareerPath | None) -> LoanSummary:
    payment = monthly_payment(loan)
    interest = round_cents(payment * loan.term_years * 12 - loan.amount)
    median = MEDIAN_PAY.get(career) if career is not None else None
    share = (payment / (median / 12)).quantize(Decimal("0.001")) if median else None
    return LoanSummary(loan, payment, max(interest, Decimal(0)), median, share)
