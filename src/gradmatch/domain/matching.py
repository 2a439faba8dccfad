"""The matcher: for every program, reasons a counselor can read aloud, a score and a bucket.

Buckets, best first:
- ``ready``: no blocking reason and no prerequisite gap;
- ``after_bridge``: only a prerequisite gap, closable with the bridge plan;
- ``stretch``: a caution the student could still resolve (budget gap, GRE to take, a figure
  the catalog lacks);
- ``not_a_fit``: a hard mismatch the student cannot change (e.g. online only, campus program).

A missing catalog figure is never read as zero: the reason says "unknown: ..." and the
bucket is at best ``stretch``. Pure code: no Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from gradmatch.domain.catalog import Delivery, GrePolicyKind, Mode, Program
from gradmatch.domain.costs import CostDefaults, CostEstimate, CostOverrides, estimate_cost
from gradmatch.domain.gap import Gap, analyse
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.money import format_money
from gradmatch.domain.prerequisites import BridgeCatalog, PrerequisiteModel
from gradmatch.domain.profile import DeliveryPreference, StudentProfile
from gradmatch.domain.tuition import TuitionEstimate
from gradmatch.domain.us_states import state_name


class Verdict(StrEnum):
    FITS = "fits"
    CAUTION = "caution"
    DOES_NOT_FIT = "does_not_fit"


class Bucket(StrEnum):
    READY = "ready"
    AFTER_BRIDGE = "after_bridge"
    STRETCH = "stretch"
    NOT_A_FIT = "not_a_fit"

    @property
    def rank(self) -> int:
        return _BUCKET_RANK[self]

    @property
    def label(self) -> str:
        return {
            "ready": "Ready",
            "after_bridge": "After bridging",
            "stretch": "Stretch",
            "not_a_fit": "Not a fit",
        }[self.value]


_BUCKET_RANK = {bucket: position for position, bucket in enumerate(Bucket)}


class Criterion(StrEnum):
    GRE = "gre"
    DELIVERY = "delivery"
    PART_TIME = "part_time"
    LOCATION = "location"
    BUDGET = "budget"
    PREREQUISITES = "prerequisites"
    ACCREDITATION = "accreditation"
    SPECIALIZATION = "specialization"
    THESIS = "thesis"
    ENGLISH = "english"

    @property
    def label(self) -> str:
        return _CRITERION_LABELS[self]


_CRITERION_LABELS = {
    Criterion.GRE: "GRE",
    Criterion.DELIVERY: "Delivery",
    Criterion.PART_TIME: "Part-time study",
    Criterion.LOCATION: "Location",
    Criterion.BUDGET: "Budget",
    Criterion.PREREQUISITES: "Prerequisites",
    Criterion.ACCREDITATION: "Accreditation",
    Criterion.SPECIALIZATION: "Specialization",
    Criterion.THESIS: "Thesis",
    Criterion.ENGLISH: "English test",
}


# Which weight of MatchWeights each criterion feeds.
_WEIGHT_OF = {
    Criterion.GRE: "gre",
    Criterion.DELIVERY: "delivery",
    Criterion.PART_TIME: "delivery",
    Criterion.LOCATION: "delivery",
    Criterion.BUDGET: "budget",
    Criterion.PREREQUISITES: "prerequisites",
    Criterion.ACCREDITATION: "accreditation",
    Criterion.SPECIALIZATION: "preferences",
    Criterion.THESIS: "preferences",
    Criterion.ENGLISH: "english",
}


@dataclass(frozen=True)
class Reason:
    criterion: Criterion
    verdict: Verdict
    text: str
    # "hard": a mismatch the student cannot change; "blocks": keeps the program from
    # ``ready``; "unknown": the catalog lacks the figure this reason needs.
    hard: bool = False
    blocks: bool = False
    unknown: bool = False
    fraction: float = 1.0  # this criterion's share of its weight, 0..1


@dataclass(frozen=True)
class Match:
    program: Program
    bucket: Bucket
    score: int
    reasons: tuple[Reason, ...]
    gap: Gap
    tuition: TuitionEstimate | None
    estimated_total: Decimal | None  # the cost model's cost to the student
    within_budget: bool | None
    override: BucketOverride | None = None

    @property
    def shown_bucket(self) -> Bucket:
        """The bucket as shown: the counselor's override where there is one."""
        return self.override.bucket if self.override else self.bucket

    def sort_key(self) -> tuple[int, int, Decimal, str]:
        total = self.estimated_total if self.estimated_total is not None else Decimal(10**12)
        return (self.shown_bucket.rank, -self.score, total, self.program.id)


@dataclass(frozen=True)
class CostSettings:
    """The cost model's defaults and the counselor's per-program figures."""

    defaults: CostDefaults = field(default_factory=CostDefaults)
    overrides: dict[str, CostOverrides] = field(default_factory=dict)


@dataclass(frozen=True)
class BucketOverride:
    bucket: Bucket
    reason: str
    set_on: date = field(default_factory=date.today)


# ---------------------------------------------------------------- the criteria


def _gre(program: Program, profile: StudentProfile, today: date) -> Reason:
    if program.gre is None:
        return Reason(
            Criterion.GRE,
            Verdict.CAUTION,
            "Unknown: the catalog has no GRE policy for this program; check before applying.",
            blocks=True,
            unknown=True,
            fraction=0.5,
        )
    policy = program.gre.policy
    has_valid = profile.gre is not None and not profile.gre_expired(today)
    expired = profile.gre is not None and profile.gre_expired(today)
    if policy is GrePolicyKind.REQUIRED:
        if has_valid:
            assert profile.gre is not None
            return Reason(
                Criterion.GRE,
                Verdict.FITS,
                f"The GRE is required, and the student's scores (quant {profile.gre.quant}, "
                f"verbal {profile.gre.verbal}) are valid until {profile.gre.expires_on():%B %Y}.",
            )
        if expired:
            text = (
                "The GRE is required and the student's scores will have expired "
                "by the application date"
            )
            text += (
                "; a retake is needed."
                if profile.will_take_gre
                else ", and the student does not plan to retake it."
            )
            verdict = Verdict.CAUTION if profile.will_take_gre else Verdict.DOES_NOT_FIT
            return Reason(
                Criterion.GRE,
                verdict,
                text,
                blocks=True,
                fraction=0.3 if profile.will_take_gre else 0.0,
            )
        if profile.will_take_gre:
            return Reason(
                Criterion.GRE,
                Verdict.CAUTION,
                "The GRE is required; the student has no scores yet but is willing to take it.",
                blocks=True,
                fraction=0.4,
            )
        return Reason(
            Criterion.GRE,
            Verdict.DOES_NOT_FIT,
            "The GRE is required, and the student has no scores and does not want to take it.",
            blocks=True,
            fraction=0.0,
        )
    if policy is GrePolicyKind.CONDITIONAL:
        gpa = profile.gpa.on_four_point_scale if profile.gpa else None
        concerned = profile.international or (gpa is not None and gpa < Decimal("3.0"))
        if concerned and not has_valid:
            who = (
                "international applicants"
                if profile.international
                else "applicants with a GPA below 3.0"
            )
            return Reason(
                Criterion.GRE,
                Verdict.CAUTION,
                f"The program recommends the GRE for {who} (“{program.gre.text}”); "
                "the student has no valid scores.",
                blocks=profile.will_take_gre is False,
                fraction=0.5,
            )
        return Reason(
            Criterion.GRE,
            Verdict.FITS,
            f"GRE policy: “{program.gre.text}”; this does not apply to the student"
            + (" (valid scores on file)." if has_valid else "."),
        )
    label = "optional" if policy is GrePolicyKind.OPTIONAL else "not required"
    extra = (
        " The student's valid scores can still help."
        if has_valid and policy is GrePolicyKind.OPTIONAL
        else ""
    )
    return Reason(Criterion.GRE, Verdict.FITS, f"The GRE is {label} for this program.{extra}")


def _delivery(program: Program, profile: StudentProfile) -> Reason:
    wants = profile.preferences.delivery
    offered = program.mode
    if wants is DeliveryPreference.EITHER or wants.value == offered.value:
        article = "An" if offered is Mode.ONLINE else "A"
        open_to = "campus or online" if wants is DeliveryPreference.EITHER else wants.value
        text = f"{article} {offered.value} offering, and the student is open to {open_to} study."
        return Reason(Criterion.DELIVERY, Verdict.FITS, text)
    also = ""
    if program.delivery is Delivery.BOTH:
        also = (
            f" The school also offers this program {wants.value}: see its {wants.value} offering."
        )
    return Reason(
        Criterion.DELIVERY,
        Verdict.DOES_NOT_FIT,
        f"This is {'an' if offered is Mode.ONLINE else 'a'} {offered.value} offering and the "
        f"student can only study {wants.value}.{also}",
        hard=True,
        blocks=True,
        fraction=0.0,
    )


def _location(program: Program, profile: StudentProfile) -> Reason:
    if program.mode is Mode.ONLINE:
        return Reason(Criterion.LOCATION, Verdict.FITS, "Online: no move needed.")
    home = profile.residency.state if profile.residency.is_us else None
    where = program.state_name
    if home != program.state and not profile.preferences.relocate:
        return Reason(
            Criterion.LOCATION,
            Verdict.DOES_NOT_FIT,
            f"The campus is in {program.location}, and the student cannot relocate"
            + (f" from {state_name(home)}." if home else "."),
            hard=True,
            blocks=True,
            fraction=0.0,
        )
    states = profile.preferences.states
    if states and program.state not in states:
        return Reason(
            Criterion.LOCATION,
            Verdict.CAUTION,
            f"The campus is in {where}, outside the student's preferred states "
            f"({', '.join(states)}).",
            fraction=0.5,
        )
    moving = "" if home == program.state else " The student is willing to relocate."
    return Reason(Criterion.LOCATION, Verdict.FITS, f"The campus is in {program.location}.{moving}")


def _part_time(program: Program, profile: StudentProfile) -> Reason | None:
    if not profile.preferences.part_time:
        return None
    return Reason(
        Criterion.PART_TIME,
        Verdict.CAUTION,
        "Unknown: the catalog has no figure for part-time enrolment; ask the school whether "
        "the student can study part time.",
        unknown=True,
        fraction=0.5 if program.mode is Mode.CAMPUS else 0.75,
    )


def _budget(
    profile: StudentProfile, cost: CostEstimate
) -> tuple[Reason, Decimal | None, bool | None]:
    if not cost.tuition_known:
        return (
            Reason(
                Criterion.BUDGET,
                Verdict.CAUTION,
                "Unknown: the catalog has no figure for credits or tuition per credit, so the "
                "cost cannot be estimated.",
                blocks=True,
                unknown=True,
                fraction=0.5,
            ),
            None,
            None,
        )
    total = cost.net
    tuition = cost.line("tuition")
    assert tuition is not None
    parts = (
        f"tuition {format_money(tuition.amount)} ({tuition.source}); estimated total cost "
        f"{format_money(cost.total)} over {cost.years} years"
    )
    extra = cost.line("bridge")
    if extra is not None:
        parts += f" + bridging up to {format_money(extra.amount)}"
    for key in ("reimbursement", "scholarships"):
        line = cost.line(key)
        if line is not None:
            parts += f" − {line.label.lower()} {format_money(line.amount)}"
    budget = profile.budget.max_total_cost
    if budget is None:
        return (
            Reason(
                Criterion.BUDGET,
                Verdict.CAUTION,
                f"Cost to the student about {format_money(total)} ({parts}). "
                "No budget is recorded for the student.",
                fraction=0.5,
            ),
            total,
            None,
        )
    if total <= budget:
        return (
            Reason(
                Criterion.BUDGET,
                Verdict.FITS,
                f"Cost to the student about {format_money(total)} ({parts}), "
                f"within the budget of {format_money(budget)}.",
            ),
            total,
            True,
        )
    over = total - budget
    # In whole cents, so that the fast ranker computes the very same float.
    budget_cents = int(budget * 100)
    fraction = max(0.0, 1.0 - int(over * 100) / budget_cents) if budget_cents > 0 else 0.0
    return (
        Reason(
            Criterion.BUDGET,
            Verdict.CAUTION,
            f"Cost to the student about {format_money(total)} ({parts}): {format_money(over)} "
            f"over the budget of {format_money(budget)}"
            + (". The student is willing to borrow." if profile.budget.will_borrow else "."),
            blocks=True,
            fraction=fraction,
        ),
        total,
        False,
    )


def _prerequisites(gap: Gap, total_required: int) -> Reason:
    if gap.is_empty:
        text = "Every required prerequisite is completed."
        if gap.recommended_missing:
            text += (
                " Recommended but not completed: "
                + ", ".join(s.label.lower() for s in gap.recommended_missing)
                + "."
            )
        return Reason(Criterion.PREREQUISITES, Verdict.FITS, text)
    names = [s.label.lower() for s in gap.missing]
    names += [f"{s.label.lower()} (in progress)" for s in gap.partial]
    plan = gap.plan
    cost = (
        f"{format_money(plan.cost_low)}–{format_money(plan.cost_high)}"
        if plan.cost_high != plan.cost_low
        else format_money(plan.cost_high)
    )
    text = (
        f"Missing {', '.join(names)}: about {plan.months} months of bridging "
        f"({plan.pace.replace('_', '-')}), estimated {cost} (counselor estimates)."
    )
    if plan.unplanned:
        text += (
            " No bridge option on file for "
            + ", ".join(s.label.lower() for s in plan.unplanned)
            + "."
        )
    done = total_required - len(gap.missing) - 0.5 * len(gap.partial)
    fraction = done / total_required if total_required else 1.0
    return Reason(Criterion.PREREQUISITES, Verdict.CAUTION, text, fraction=max(0.0, fraction))


def _accreditation(program: Program) -> Reason:
    if program.artiba is None:
        return Reason(
            Criterion.ACCREDITATION,
            Verdict.CAUTION,
            "Unknown: the catalog does not say whether the program is ARTiBA accredited.",
            unknown=True,
            fraction=0.5,
        )
    if program.artiba:
        return Reason(Criterion.ACCREDITATION, Verdict.FITS, "ARTiBA accredited.")
    return Reason(
        Criterion.ACCREDITATION,
        Verdict.FITS,
        "Not ARTiBA accredited (the catalog records no other accreditation; "
        "check regional accreditation).",
        fraction=0.6,
    )


def _specialization(profile: StudentProfile) -> Reason | None:
    wanted = profile.preferences.specializations
    if not wanted:
        return None
    return Reason(
        Criterion.SPECIALIZATION,
        Verdict.CAUTION,
        "Unknown: the catalog does not list specializations; check the curriculum for "
        + ", ".join(s.label for s in wanted)
        + ".",
        unknown=True,
        fraction=0.5,
    )


def _thesis(profile: StudentProfile) -> Reason | None:
    if profile.preferences.thesis.value == "either":
        return None
    return Reason(
        Criterion.THESIS,
        Verdict.CAUTION,
        "Unknown: the catalog does not say whether the program has a "
        f"{profile.preferences.thesis.value} track.",
        unknown=True,
        fraction=0.5,
    )


def _english(profile: StudentProfile) -> Reason | None:
    if not profile.international:
        return None
    if profile.english_test is None:
        return Reason(
            Criterion.ENGLISH,
            Verdict.CAUTION,
            "International applicant without a TOEFL or IELTS score on file; "
            "many programs require one.",
            blocks=True,
            fraction=0.0,
        )
    test = profile.english_test
    return Reason(
        Criterion.ENGLISH,
        Verdict.FITS,
        f"{test.kind.upper()} {test.score} on file; check the program's minimum.",
    )


# ---------------------------------------------------------------- putting it together


def match_program(
    program: Program,
    profile: StudentProfile,
    model: PrerequisiteModel,
    bridges: BridgeCatalog,
    weights: MatchWeights,
    *,
    today: date,
    override: BucketOverride | None = None,
    gap: tuple[Gap, Reason] | None = None,
    costs: CostSettings | None = None,
) -> Match:
    """One program for one student. The gap and its reason may be passed in when already
    known: they depend only on the student and what the program expects."""
    if gap is None:
        found = analyse(profile, program.id, model, bridges)
        gap = (found, _prerequisites(found, _required_count(model, program.id)))
    gap_found, prerequisites_reason = gap
    costs = costs or CostSettings()
    cost = estimate_cost(
        program, profile, gap_found, costs.defaults, costs.overrides.get(program.id)
    )
    budget_reason, total, within = _budget(profile, cost)
    reasons = [
        reason
        for reason in (
            _gre(program, profile, today),
            _delivery(program, profile),
            _location(program, profile),
            _part_time(program, profile),
            budget_reason,
            prerequisites_reason,
            _accreditation(program),
            _specialization(profile),
            _thesis(profile),
            _english(profile),
        )
        if reason is not None
    ]
    return Match(
        program=program,
        bucket=_bucket(reasons, gap_found),
        score=_score(reasons, weights),
        reasons=tuple(reasons),
        gap=gap_found,
        tuition=cost.tuition,
        estimated_total=total,
        within_budget=within,
        override=override,
    )


def _required_count(model: PrerequisiteModel, program_id: str) -> int:
    return sum(1 for e in model.expectations(program_id).values() if e.value == "required")


def _bucket(reasons: list[Reason], gap: Gap) -> Bucket:
    if any(r.hard for r in reasons):
        return Bucket.NOT_A_FIT
    if any(r.blocks for r in reasons) or any(
        r.unknown and r.criterion in (Criterion.BUDGET, Criterion.GRE) for r in reasons
    ):
        return Bucket.STRETCH
    if not gap.is_empty:
        return Bucket.AFTER_BRIDGE
    return Bucket.READY


def _score(reasons: list[Reason], weights: MatchWeights) -> int:
    by_weight: dict[str, list[float]] = {}
    for reason in reasons:
        by_weight.setdefault(_WEIGHT_OF[reason.criterion], []).append(reason.fraction)
    values = weights.model_dump()
    total_weight = 0
    earned = 0.0
    # Every criterion in the weights' order, the budget last: the fast ranker adds the one
    # per-program term to the sum of the others in exactly this order (floats round alike).
    for name, weight in [*((n, w) for n, w in values.items() if n != "budget"),
                         ("budget", values["budget"])]:  # fmt: skip
        fractions = by_weight.get(name)
        share = min(fractions) if fractions else 1.0
        total_weight += weight
        earned += weight * share
    if total_weight == 0:
        return 0
    return round(100 * earned / total_weight)


def rank(
    programs: list[Program],
    profile: StudentProfile,
    model: PrerequisiteModel,
    bridges: BridgeCatalog,
    weights: MatchWeights,
    *,
    today: date,
    overrides: dict[str, BucketOverride] | None = None,
    costs: CostSettings | None = None,
) -> list[Match]:
    """Every program for one student, best first; equal scores in a stable order."""
    overrides = overrides or {}
    # Most programs expect the same subjects: analyse each distinct expectation once.
    gaps: dict[tuple[str, ...], tuple[Gap, Reason]] = {}
    matches = []
    for program in programs:
        expects = model.expectations(program.id)
        key = tuple(expects[subject].value for subject in sorted(expects))
        gap = gaps.get(key)
        if gap is None:
            found = analyse(profile, program.id, model, bridges)
            gap = gaps[key] = (found, _prerequisites(found, _required_count(model, program.id)))
        matches.append(
            match_program(
                program,
                profile,
                model,
                bridges,
                weights,
                today=today,
                override=overrides.get(program.id),
                gap=gap,
                costs=costs,
            )
        )
    return sorted(matches, key=Match.sort_key)
