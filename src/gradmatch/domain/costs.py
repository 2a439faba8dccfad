"""The cost model, after the source article's formulas:

    Estimated tuition    = required credits × tuition per credit
    Estimated total cost = tuition + fees + books/software + travel/residency + opportunity cost

then the bridge courses as their own line, less employer reimbursement and scholarships.
Every line says where its number comes from: the catalog card and its as-of date, a
default from Settings (counselor estimates, documented below), or a counselor override.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from gradmatch.domain.catalog import Mode, Program
from gradmatch.domain.gap import Gap, student_pace
from gradmatch.domain.money import (
    format_dollars,
    format_estimate,
    format_money,
    round_cents,
    to_cents,
)
from gradmatch.domain.profile import CareerPath, Loan, StudentProfile
from gradmatch.domain.tuition import TuitionEstimate, estimate_tuition, resident_state
from gradmatch.domain.voice import COUNSELOR, Voice

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
    "location and employer demand. The payment share is information, not a promise."
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


# The two totals, each under its own label wherever it is shown (window, PDF, CLI).
TOTAL_LABEL = "Est. total cost"
TOTAL_MEANING = (
    "the ranking article's formula: tuition + fees + books/software + travel/residency + "
    "income forgone"
)
TO_STUDENT_LABEL = "Cost to student"
TO_STUDENT_MEANING = (
    "the estimated total cost plus bridge courses, less employer reimbursement and "
    "scholarships: what the budget is compared with"
)


@dataclass(frozen=True)
class CostLine:
    key: str
    label: str
    amount: Decimal | None  # None: unknown, left out of the totals (the source says what to ask)
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
class CostBasis:
    """Every cost line of one student at one kind of program but the tuition: the same for
    every program of one length and format, at home or away, with one bridge plan. The
    ranker works one out per such kind and adds each program's tuition; the totals are
    computed here and nowhere else."""

    years: Decimal
    lines: tuple[CostLine, ...]  # without tuition and reimbursement
    reimbursement_per_year: Decimal
    reimbursement_years: int
    add_cents: int
    extra_cents: int
    scholarships_cents: int
    full_reimbursement_cents: int = 0

    def reimbursement_cents(self, tuition_cents: int | None) -> int:
        """Employer reimbursement over the program, at most the tuition."""
        full = self.full_reimbursement_cents
        return full if tuition_cents is None or full <= tuition_cents else tuition_cents

    # The one place the two totals are computed (in cents, for a program of this kind).

    def total_cents(self, tuition_cents: int) -> int:
        """The article's estimated total cost."""
        return tuition_cents + self.add_cents

    def to_student_cents(self, tuition_cents: int) -> int:
        """The estimated total cost with bridging, less employer reimbursement (at most the
        tuition) and scholarships; never below 0."""
        cost = to_student_cents_each((tuition_cents,), (0,), (self,))[0]
        assert cost is not None
        return cost


def to_student_cents_each(
    tuitions: Iterable[int | None], basis_of: Iterable[int], bases: Sequence[CostBasis | None]
) -> list[int | None]:
    """The cost to the student of many programs at once (the one place it is computed):
    for each tuition in cents (None: unknown, so the cost is unknown) and the number of its
    basis in ``bases``, the total with bridging, less employer reimbursement (at most the
    tuition) and scholarships, never below 0."""
    plus = [0 if b is None else b.add_cents + b.extra_cents - b.scholarships_cents for b in bases]
    full = [0 if b is None else b.full_reimbursement_cents for b in bases]
    if not any(full):
        return [
            None if t is None else (c if (c := t + plus[b]) > 0 else 0)
            for t, b in zip(tuitions, basis_of, strict=True)
        ]
    return [
        None if t is None
        else (c if (c := t + plus[b] - (f if (f := full[b]) <= t else t)) > 0 else 0)
        for t, b in zip(tuitions, basis_of, strict=True)
    ]  # fmt: skip


@dataclass(frozen=True)
class CostEstimate:
    program: Program
    lines: tuple[CostLine, ...]
    years: Decimal  # program length in years at the student's pace
    tuition: TuitionEstimate | None  # for this student; None when the catalog has no figure
    stated_total_note: str | None  # where the article's stated totals disagree
    loan: LoanSummary | None
    basis: CostBasis

    @property
    def tuition_known(self) -> bool:
        return self.tuition is not None

    def line(self, key: str) -> CostLine | None:
        return next((line for line in self.lines if line.key == key), None)

    @property
    def total(self) -> Decimal | None:
        """The article's "estimated total cost" (None: the tuition is unknown)."""
        if self.tuition is None:
            return None
        return Decimal(self.basis.total_cents(to_cents(self.tuition.amount))) / 100

    @property
    def to_student(self) -> Decimal | None:
        """What the student pays: total + bridging − reimbursement − scholarships (≥ 0)."""
        if self.tuition is None:
            return None
        return Decimal(self.basis.to_student_cents(to_cents(self.tuition.amount))) / 100

    @property
    def left_out(self) -> list[CostLine]:
        """Lines whose amount is unknown, so not counted in the totals."""
        return [line for line in self.lines if line.amount is None]

    def summary(self) -> str:
        """The estimate in one phrase, for the budget's reason."""
        tuition = self.tuition
        assert tuition is not None
        text = (
            f"tuition {format_dollars(tuition.amount)}; {TOTAL_LABEL.lower()} "
            f"{format_dollars(self.total)} over {self.years} years"
        )
        for line in self.lines:
            if line.amount is None:
                continue
            if line.kind is LineKind.EXTRA:
                text += f" + {line.label.lower()} up to {format_dollars(line.amount)}"
            elif line.kind is LineKind.SUBTRACT:
                text += f" − {line.label.lower()} {format_dollars(line.amount)}"
        for line in self.left_out:
            text += f"; {line.label.lower()} unknown, not counted"
        return text


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    amount: str  # as shown: whole dollars, "unknown", or "− $1,200" for a deduction
    source: str
    emphasis: bool = False  # one of the two totals


def breakdown(cost: CostEstimate) -> list[BreakdownRow]:
    """The cost lines and the two totals in the order every view shows them."""
    rows: list[BreakdownRow] = []
    for line in cost.lines:
        if line.amount is None:
            amount = "unknown"
        else:
            sign = "− " if line.kind is LineKind.SUBTRACT else ""
            amount = sign + format_dollars(line.amount)
        if line.kind is not LineKind.ADD and not any(r.emphasis for r in rows):
            rows.append(_total_row(cost))
        rows.append(BreakdownRow(line.label, amount, line.source))
    if not any(r.emphasis for r in rows):
        rows.append(_total_row(cost))
    rows.append(
        BreakdownRow(
            TO_STUDENT_LABEL,
            format_estimate(cost.to_student),
            TO_STUDENT_MEANING,
            emphasis=True,
        )
    )
    return rows


def _total_row(cost: CostEstimate) -> BreakdownRow:
    total = format_estimate(cost.total)
    return BreakdownRow(TOTAL_LABEL, total, TOTAL_MEANING, emphasis=True)


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
    name: str, defaults: CostDefaults, overrides: CostOverrides | None, voice: Voice
) -> tuple[Decimal, str]:
    override = getattr(overrides, name) if overrides is not None else None
    if override is not None:
        return override, "counselor override for this program"
    where = voice.in_settings(", set in Settings ▸ Cost defaults")
    return getattr(defaults, name), f"default (counselor estimate{where})"


def program_years(credits: int | None, profile: StudentProfile, defaults: CostDefaults) -> Decimal:
    per_year = (
        defaults.credits_per_year_full_time
        if student_pace(profile) == "full_time"
        else defaults.credits_per_year_part_time
    )
    return (Decimal(credits or 30) / per_year).quantize(Decimal("0.01"))


def is_away(mode: Mode, state: str, profile: StudentProfile) -> bool:
    """A campus outside the student's home state (or the home state is not recorded)."""
    return mode is Mode.CAMPUS and resident_state(profile) != state


def cost_basis(
    credits: int | None,
    mode: Mode,
    away: bool,
    profile: StudentProfile,
    gap: Gap,
    defaults: CostDefaults,
    overrides: CostOverrides | None = None,
    voice: Voice = COUNSELOR,
    application_fee: Decimal | None = None,
) -> CostBasis:
    """Every line but the tuition for one kind of program (see :class:`CostBasis`); the
    application fee where the catalog has one (its source is the program's, filled in by
    :func:`estimate_cost`)."""
    years = program_years(credits, profile, defaults)
    pace = "full time" if student_pace(profile) == "full_time" else "part time"
    length = f"{years} years at {pace}"
    if profile.preferences.part_time is None and pace == "full time":
        length += " (part-time study not answered: full time assumed)"
    if credits is None:
        length += " (the catalog has no credits figure: 30 assumed)"
    lines: list[CostLine] = []

    def per_year(key: str, name: str, label: str) -> None:
        value, source = _figure(name, defaults, overrides, voice)
        lines.append(CostLine(key, label, round_cents(value * years), LineKind.ADD,
                              f"{format_dollars(value)} a year × {length}; {source}"))  # fmt: skip

    if application_fee is not None:
        lines.append(CostLine(APPLICATION_FEE, "Application fee", application_fee, LineKind.ADD,
                              "the program's application fee, from the catalog"))  # fmt: skip
    per_year("fees", "fees_per_year", "Fees")
    per_year("books_software", "books_software_per_year", "Books, software and hardware")
    if mode is Mode.ONLINE:
        per_year("online_fees", "online_fee_per_year", "Technology and online fees")
        value, source = _figure("travel_residency", defaults, overrides, voice)
        lines.append(
            CostLine("travel_residency", "Travel and residencies", value, LineKind.ADD, source)
        )
    elif away:
        if not profile.residency.is_us:
            where = "a move from abroad"
        elif resident_state(profile) is not None:
            where = f"campus outside {voice.whose} state"
        else:
            where = (
                f"{voice.whose} state is not recorded: counted as a move ({voice.ask_for('it')})"
            )
        value, source = _figure("relocation", defaults, overrides, voice)
        lines.append(CostLine("relocation", "Relocation", value, LineKind.ADD,
                              f"{where}; {source}"))  # fmt: skip
        per_year("housing", "housing_per_year", "Housing")
    lines.append(_income_forgone(profile, years, voice))

    plan = gap.plan
    if plan.steps:
        lines.append(
            CostLine(
                "bridge",
                "Bridge courses",
                plan.cost_high,
                LineKind.EXTRA,
                f"{format_dollars(plan.cost_low)}–{format_dollars(plan.cost_high)} for "
                f"{len(plan.steps)} subject(s), about {plan.months} months; the higher figure "
                "(counselor estimates)",
            )
        )
    if profile.budget.scholarships:
        lines.append(
            CostLine(
                "scholarships",
                "Scholarships and grants",
                profile.budget.scholarships,
                LineKind.SUBTRACT,
                f"from {voice.whose} profile",
            )
        )

    def cents(kind: LineKind) -> int:
        return sum(to_cents(x.amount) for x in lines if x.kind is kind and x.amount is not None)

    reimbursement = profile.budget.employer_reimbursement_per_year
    return CostBasis(
        years=years,
        lines=tuple(lines),
        reimbursement_per_year=reimbursement,
        reimbursement_years=math.ceil(years),
        add_cents=cents(LineKind.ADD),
        extra_cents=cents(LineKind.EXTRA),
        scholarships_cents=cents(LineKind.SUBTRACT),
        full_reimbursement_cents=to_cents(reimbursement * math.ceil(years)),
    )


APPLICATION_FEE = "application_fee"  # the key of its cost line


def _fee_sourced(line: CostLine, program: Program) -> CostLine:
    provenance = program.provenance_of(APPLICATION_FEE)
    return replace(line, source=f"the program's application fee: {provenance.describe()}")


def _income_forgone(profile: StudentProfile, years: Decimal, voice: Voice) -> CostLine:
    employment = profile.employment
    label = "Income forgone"

    def line(amount: Decimal | None, source: str) -> CostLine:
        return CostLine("opportunity", label, amount, LineKind.ADD, source)

    if employment.currently_working is None:
        return line(None, f"unknown: {voice.ask('whether')} {voice.who_does('be')} working now")
    if not employment.currently_working:
        return line(Decimal(0), "not working now")
    if employment.keep_working is None:
        return line(
            None, f"unknown: {voice.ask('whether')} {voice.who_does('keep')} working while studying"
        )
    if employment.keep_working:
        return line(Decimal(0), "keeps working while studying")
    salary = employment.current_salary
    if salary is None:
        return line(None, f"unknown: {voice.ask_for(f'{voice.whose} current salary')}")
    source = f"{format_dollars(salary)} salary × {years} years (stops working to study)"
    return line(round_cents(salary * years), source)


def estimate_cost(
    program: Program,
    profile: StudentProfile,
    gap: Gap,
    defaults: CostDefaults,
    overrides: CostOverrides | None = None,
    basis: CostBasis | None = None,
    voice: Voice = COUNSELOR,
) -> CostEstimate:
    """The estimate for one student and program (``basis``: the lines but the tuition,
    when already worked out for a program of the same kind)."""
    if basis is None:
        away = is_away(program.mode, program.state, profile)
        basis = cost_basis(
            program.credits, program.mode, away, profile, gap, defaults, overrides, voice,
            program.application_fee,
        )  # fmt: skip
    tuition = estimate_tuition(program, profile, voice)
    # The application fee's line says where this program's figure comes from.
    lines = [_fee_sourced(line, program) if line.key == APPLICATION_FEE else line
             for line in basis.lines]  # fmt: skip
    stated_note = None
    if tuition is not None:
        lines.insert(0, CostLine("tuition", "Tuition", tuition.amount, LineKind.ADD, tuition.basis))
        stated_note = _stated_total_note(program, tuition)
    reimbursement = profile.budget.employer_reimbursement_per_year
    if reimbursement:
        tuition_cents = to_cents(tuition.amount) if tuition is not None else None
        amount = Decimal(basis.reimbursement_cents(tuition_cents)) / 100
        source = (
            f"{format_dollars(reimbursement)} a year × {basis.reimbursement_years} program year(s)"
        )
        if tuition_cents is not None and to_cents(amount) < to_cents(
            reimbursement * basis.reimbursement_years
        ):
            source += ", at most the tuition"
        at = next((i for i, x in enumerate(lines) if x.key == "scholarships"), len(lines))
        lines.insert(
            at,
            CostLine("reimbursement", "Employer reimbursement", amount, LineKind.SUBTRACT, source),
        )
    loan = profile.budget.loan
    summary = summarize_loan(loan, profile.preferences.career_path) if loan else None
    return CostEstimate(program, tuple(lines), basis.years, tuition, stated_note, summary, basis)


def _stated_total_note(program: Program, tuition: TuitionEstimate) -> str | None:
    if program.credits is None or program.cost_per_credit is None:
        return None  # the stated total is the estimate
    differing: dict[Decimal, list[str]] = {}
    for label, value in stated_totals(program, in_state=tuition.in_state).items():
        if value != tuition.amount:
            differing.setdefault(value, []).append(label)
    if not differing:
        return None
    sides = "; ".join(
        f"{format_money(value)} ({', '.join(labels)})" for value, labels in differing.items()
    )
    return (
        f"The source article states a total tuition of {sides}; credits × rate gives "
        f"{format_money(tuition.amount)}. The estimate uses credits × rate, the ranking "
        "article's own formula."
    )


def monthly_payment(loan: Loan) -> Decimal:
    months = loan.term_years * 12
    rate = loan.annual_rate_percent / 100 / 12
    if rate == 0:
        return round_cents(loan.amount / months)
    factor = (1 + rate) ** months
    return round_cents(loan.amount * rate * factor / (factor - 1))


def loan_sentence(summary: LoanSummary) -> str:
    """The planned loan in words, as the window and the PDF show it."""
    share = (
        f"{summary.share_of_monthly_pay * 100:.1f}% of the median monthly pay of the target career"
        if summary.share_of_monthly_pay is not None
        else "no median pay figure for the target career"
    )
    loan = summary.loan
    return (
        f"Loan of {format_dollars(loan.amount)} at {loan.annual_rate_percent}% over "
        f"{loan.term_years} years: {format_dollars(summary.monthly_payment)} a month, "
        f"{format_dollars(summary.total_interest)} interest in all; {share}. {summary.caution}"
    )


def summarize_loan(loan: Loan, career: CareerPath | None) -> LoanSummary:
    payment = monthly_payment(loan)
    interest = round_cents(payment * loan.term_years * 12 - loan.amount)
    median = MEDIAN_PAY.get(career) if career is not None else None
    share = (payment / (median / 12)).quantize(Decimal("0.001")) if median else None
    return LoanSummary(loan, payment, max(interest, Decimal(0)), median, share)
