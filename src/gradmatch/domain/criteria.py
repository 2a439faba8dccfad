"""The matching criteria, each written once.

A criterion looks at one *trait* of a program (its GRE policy, its format, where its campus
is...) and at the student, and gives a :class:`Finding`: its verdict, its share of the
criterion's weight, whether it keeps the program from ``ready`` (``blocks``) or rules it
out (``hard``), and its sentence, built only when someone reads it. Because a finding
depends on the trait alone, the ranker asks each criterion once per distinct trait, not
once per program (see :mod:`gradmatch.domain.matching`).

Unknown is not no: where the student has not answered a question the finding says what
to ask (``ask``) and never rules the program out; where the catalog lacks a figure it says
"Unknown" (``unknown``). Pure code: no Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from gradmatch.domain.catalog import Delivery, GrePolicyKind, Mode, Program
from gradmatch.domain.costs import CostEstimate
from gradmatch.domain.gap import Gap
from gradmatch.domain.money import format_dollars, to_cents
from gradmatch.domain.profile import GRE_VALID_YEARS, DeliveryPreference, StudentProfile
from gradmatch.domain.program_facts import EnglishMinimum
from gradmatch.domain.text import in_sentence
from gradmatch.domain.us_states import state_name
from gradmatch.domain.voice import COUNSELOR, Voice, cap


class Verdict(StrEnum):
    FITS = "fits"
    CAUTION = "caution"
    DOES_NOT_FIT = "does_not_fit"


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

    @property
    def weight(self) -> str:
        """The field of :class:`MatchWeights` this criterion's share counts against."""
        return _WEIGHT_OF[self]


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

Say = Callable[[Program], str]


@dataclass(frozen=True, slots=True)
class Finding:
    """One criterion's verdict for one student and one trait of a program."""

    criterion: Criterion
    verdict: Verdict
    say: Say  # the sentence for a given program, built when read
    share: float = 1.0  # this criterion's share of its weight, 0..1
    blocks: bool = False  # keeps the program from ``ready`` and ``after_bridge``
    hard: bool = False  # a mismatch the student cannot change: ``not_a_fit``
    unknown: bool = False  # the catalog lacks the figure this finding needs
    ask: bool = False  # the student has not answered a question this finding needs


@dataclass(frozen=True)
class Reason:
    """A finding in words, for one program."""

    criterion: Criterion
    verdict: Verdict
    text: str
    hard: bool = False
    blocks: bool = False
    unknown: bool = False
    ask: bool = False
    fraction: float = 1.0

    @classmethod
    def of(cls, finding: Finding, program: Program) -> Reason:
        f = finding
        return cls(f.criterion, f.verdict, f.say(program), f.hard, f.blocks, f.unknown, f.ask,
                   f.share)  # fmt: skip


def _fixed(text: str) -> Say:
    return lambda _program: text


@dataclass(frozen=True)
class Applicant:
    """What the criteria read of the student, worked out once per ranking."""

    profile: StudentProfile
    today: date
    voice: Voice = COUNSELOR  # whom the sentences speak to

    @property
    def has_valid_gre(self) -> bool:
        """Scores on file not known to have expired (scores without a test date count:
        the reason asks when the GRE was taken)."""
        return self.profile.gre is not None and self.profile.gre_expired(self.today) is not True

    @property
    def gre_expired(self) -> bool:
        return self.profile.gre is not None and self.profile.gre_expired(self.today) is True


def _ask_gre_date(v: Voice) -> str:
    return (
        f"{cap(v.ask('when'))} the GRE was taken: scores count for {GRE_VALID_YEARS} years "
        "after the test."
    )


# ---------------------------------------------------------------- the criteria


def gre(policy: GrePolicyKind | None, a: Applicant) -> Finding:
    """The program's GRE policy against the student's scores and intent."""
    p, v = a.profile, a.voice
    c = Criterion.GRE
    if policy is None:
        return Finding(c, Verdict.CAUTION, _fixed(
            "Unknown: the catalog has no GRE policy for this program; check before applying."
        ), share=0.5, blocks=True, unknown=True)  # fmt: skip
    will = p.will_take_gre
    if policy is GrePolicyKind.REQUIRED:
        if a.has_valid_gre:
            assert p.gre is not None
            scores = p.gre
            if scores.taken_on is None:  # if they have expired, a willing student retakes
                return Finding(c, Verdict.CAUTION, _fixed(
                    f"The GRE is required; {v.whose} scores (quant {scores.quant}, "
                    f"verbal {scores.verbal}) have no test date. {_ask_gre_date(v)}"
                ), share=0.75, blocks=will is not True, ask=True)  # fmt: skip
            return Finding(c, Verdict.FITS, _fixed(
                f"The GRE is required, and {v.whose} scores (quant {scores.quant}, "
                f"verbal {scores.verbal}) are valid until {scores.expires_on():%B %Y}."
            ))  # fmt: skip
        situation = (
            f"The GRE is required and {v.whose} scores will have expired by the application date"
            if a.gre_expired
            else f"The GRE is required and {v.who_does('have')} no scores yet"
        )
        yes_share = 0.3 if a.gre_expired else 0.4
        if will is None:
            return Finding(c, Verdict.CAUTION, _fixed(
                f"{situation}. {cap(v.ask('whether'))} {v.who} will take the GRE"
                + (" again." if a.gre_expired else ".")
            ), share=yes_share / 2, blocks=True, ask=True)  # fmt: skip
        if will:
            return Finding(c, Verdict.CAUTION, _fixed(
                f"{situation}; {v.who_does('be')} willing to "
                + ("retake it." if a.gre_expired else "take it.")
            ), share=yes_share, blocks=True)  # fmt: skip
        # ✘ is for what rules a program out; the student could still change their mind.
        return Finding(c, Verdict.CAUTION, _fixed(
            f"{situation}, and {v.who_does('do')} not want to take it."
        ), share=0.0, blocks=True)  # fmt: skip
    if policy is GrePolicyKind.CONDITIONAL:
        gpa = p.gpa.on_four_point_scale if p.gpa else None
        low_gpa = gpa is not None and gpa < Decimal("3.0")
        international = p.applies_as_international
        if a.has_valid_gre or not (international or low_gpa or international is None):
            return Finding(c, Verdict.FITS, lambda program: (
                f"GRE policy: “{_gre_text(program)}”; this does not apply to {v.who}"
                + (_scores_on_file(p, v) if a.has_valid_gre else ".")
            ))  # fmt: skip
        if not (international or low_gpa):  # the one open question is international
            return Finding(c, Verdict.CAUTION, lambda program: (
                f"GRE policy: “{_gre_text(program)}”. {cap(v.ask('whether'))} "
                f"{v.who_does('apply')} as an international applicant: {v.who_does('have')} "
                "no valid GRE scores."
            ), share=0.75, ask=True, blocks=will is not True)  # fmt: skip
        who = "international applicants" if international else "applicants with a GPA below 3.0"
        ask = f" {cap(v.ask('whether'))} {v.who} will take the GRE." if will is None else ""
        return Finding(c, Verdict.CAUTION, lambda program: (
            f"The program recommends the GRE for {who} (“{_gre_text(program)}”); "
            f"{v.who_does('have')} no valid scores.{ask}"
        ), share=0.5, blocks=will is not True, ask=will is None)  # fmt: skip
    label = "optional" if policy is GrePolicyKind.OPTIONAL else "not required"
    extra = (
        f" {cap(v.whose)} valid scores can still help."
        if a.has_valid_gre and policy is GrePolicyKind.OPTIONAL
        else ""
    )
    return Finding(c, Verdict.FITS, _fixed(f"The GRE is {label} for this program.{extra}"))


def _scores_on_file(p: StudentProfile, v: Voice) -> str:
    if p.gre is not None and p.gre.taken_on is None:
        return f" (scores on file, without a test date). {_ask_gre_date(v)}"
    return " (valid scores on file)."


def _gre_text(program: Program) -> str:
    return program.gre.text if program.gre else ""


def _a(mode: Mode) -> str:
    return "an" if mode is Mode.ONLINE else "a"


def delivery(mode: Mode, a: Applicant) -> Finding:
    """Campus or online: the offering against what the student can attend."""
    wants, v = a.profile.preferences.delivery, a.voice
    c = Criterion.DELIVERY
    if wants is None:
        return Finding(c, Verdict.CAUTION, _fixed(
            f"{_a(mode).capitalize()} {mode.value} offering. {cap(v.ask('whether'))} {v.who} "
            "can study on campus, online, or either."
        ), share=0.5, blocks=True, ask=True)  # fmt: skip
    if wants is DeliveryPreference.EITHER or wants.value == mode.value:
        open_to = "campus or online" if wants is DeliveryPreference.EITHER else wants.value
        return Finding(c, Verdict.FITS, _fixed(
            f"{_a(mode).capitalize()} {mode.value} offering, and {v.who_does('be')} open to "
            f"{open_to} study."
        ))  # fmt: skip

    def say(program: Program) -> str:
        also = (
            f" The school also offers this program {wants.value}: see its {wants.value} offering."
            if program.delivery is Delivery.BOTH
            else ""
        )
        return (
            f"This is {_a(mode)} {mode.value} offering and {v.who} can only study "
            f"{wants.value}.{also}"
        )

    return Finding(c, Verdict.DOES_NOT_FIT, say, share=0.0, blocks=True, hard=True)


def location(where: tuple[Mode, str], a: Applicant) -> Finding:
    """Where the campus is, against where the student lives and can move."""
    mode, state = where
    c = Criterion.LOCATION
    if mode is Mode.ONLINE:
        return Finding(c, Verdict.FITS, _fixed("Online: no move needed."))
    p, v = a.profile, a.voice
    home = p.home_state
    abroad = not p.residency.is_us
    relocate = p.preferences.relocate
    if home != state and relocate is not True:
        if relocate is None:
            also = "" if home or abroad else f" (and where {v.who_does('live')})"
            return Finding(c, Verdict.CAUTION, lambda program: (
                f"The campus is in {program.location}. {cap(v.ask('whether'))} {v.who} can "
                "relocate"
                f"{also}."
            ), share=0.5, blocks=True, ask=True)  # fmt: skip
        if home is None and not abroad:
            return Finding(c, Verdict.CAUTION, lambda program: (
                f"The campus is in {program.location} and {v.who} cannot relocate. "
                f"{cap(v.ask('where'))} {v.who_does('live')}: {v.whose} state is not recorded."
            ), share=0.5, blocks=True, ask=True)  # fmt: skip
        origin = state_name(home) if home else f"abroad ({p.residency.country})"
        return Finding(c, Verdict.DOES_NOT_FIT, lambda program: (
            f"The campus is in {program.location}, and {v.who} cannot relocate from "
            f"{origin}."
        ), share=0.0, blocks=True, hard=True)  # fmt: skip
    states = p.preferences.states
    if states and state not in states:
        return Finding(c, Verdict.CAUTION, lambda program: (
            f"The campus is in {program.state_name}, outside {v.whose} preferred states "
            f"({', '.join(states)})."
        ), share=0.5)  # fmt: skip
    moving = "" if home == state else f" {cap(v.who_does('be'))} willing to relocate."
    return Finding(c, Verdict.FITS, lambda program: f"The campus is in {program.location}.{moving}")


def part_time(offered: tuple[Mode, bool | None], a: Applicant) -> Finding | None:
    """Part-time study: what the catalog says of the program, against what the student
    needs."""
    wanted, v = a.profile.preferences.part_time, a.voice
    if wanted is False:
        return None
    mode, available = offered
    c = Criterion.PART_TIME
    share = 0.5 if mode is Mode.CAMPUS else 0.75
    if wanted is None:
        if available:
            return None  # part time or not, the program fits
        if available is False:  # the answer could rule it out: at best a stretch until then
            return Finding(c, Verdict.CAUTION, _fixed(
                f"Full time only: {v.ask('whether')} {v.who_does('need')} to study part time."
            ), share=share, blocks=True, ask=True)  # fmt: skip
        return Finding(c, Verdict.CAUTION, _fixed(
            f"{cap(v.ask('whether'))} {v.who_does('need')} to study part time (the cost and "
            "the bridge plan assume full time until then)."
        ), share=(1 + share) / 2, ask=True)  # fmt: skip
    if available:
        return Finding(c, Verdict.FITS, _fixed("The program can be studied part time."))
    if available is False:
        return Finding(c, Verdict.DOES_NOT_FIT, _fixed(
            f"Full time only, and {v.who_does('need')} to study part time."
        ), share=0.0, blocks=True)  # fmt: skip
    return Finding(c, Verdict.CAUTION, _fixed(
        "Unknown: the catalog has no figure for part-time enrolment; ask the school whether "
        f"{v.who} can study part time."
    ), share=share, unknown=True)  # fmt: skip


def accreditation(artiba: bool | None, a: Applicant) -> Finding:
    c = Criterion.ACCREDITATION
    if artiba is None:
        return Finding(c, Verdict.CAUTION, _fixed(
            "Unknown: the catalog does not say whether the program is ARTiBA accredited."
        ), share=0.5, unknown=True)  # fmt: skip
    if artiba:
        return Finding(c, Verdict.FITS, _fixed("ARTiBA accredited."))
    # "!" not "✔": the program lacks what this criterion looks for (it rules nothing out)
    return Finding(c, Verdict.CAUTION, _fixed(
        "Not ARTiBA accredited (the catalog records no other accreditation; check regional "
        "accreditation)."
    ), share=0.6)  # fmt: skip


def specialization(offered: tuple[str, ...] | None, a: Applicant) -> Finding | None:
    """The specializations the student wants, against those the catalog lists."""
    wanted = a.profile.preferences.specializations
    if not wanted:
        return None
    c = Criterion.SPECIALIZATION
    names = ", ".join(s.label for s in wanted)
    if not offered:
        return Finding(c, Verdict.CAUTION, _fixed(
            f"Unknown: the catalog does not list specializations; check the curriculum for "
            f"{names}."
        ), share=0.5, unknown=True)  # fmt: skip
    found = [s for s in wanted if any(s.named_in(o) for o in offered)]
    listed = ", ".join(offered)
    if len(found) == len(wanted):
        return Finding(c, Verdict.FITS, _fixed(f"Offers {names} (listed: {listed})."))
    missing = ", ".join(s.label for s in wanted if s not in found)
    if found:
        return Finding(c, Verdict.CAUTION, _fixed(
            f"Offers {', '.join(s.label for s in found)}; {missing} not listed "
            f"(listed: {listed})."
        ), share=0.5 + 0.5 * len(found) / len(wanted))  # fmt: skip
    return Finding(c, Verdict.CAUTION, _fixed(
        f"None of {names} is listed (listed: {listed}); check the curriculum."
    ), share=0.2)  # fmt: skip


def thesis(option: bool | None, a: Applicant) -> Finding | None:
    """The track the student prefers, against whether the program offers a thesis."""
    track = a.profile.preferences.thesis.value
    if track == "either":
        return None
    c = Criterion.THESIS
    if option is None:
        return Finding(c, Verdict.CAUTION, _fixed(
            f"Unknown: the catalog does not say whether the program has a {track} track."
        ), share=0.5, unknown=True)  # fmt: skip
    if track == "thesis":
        if option:
            return Finding(c, Verdict.FITS, _fixed("Offers a thesis option."))
        return Finding(c, Verdict.CAUTION, _fixed(
            "No thesis option: coursework (and projects) only."
        ), share=0.2)  # fmt: skip
    if option:
        return Finding(c, Verdict.CAUTION, _fixed(
            "Offers a thesis option; check that a coursework-only track exists too."
        ), share=0.75)  # fmt: skip
    return Finding(c, Verdict.FITS, _fixed("Coursework only, no thesis."))


def _minimum_text(minimums: tuple[EnglishMinimum, ...]) -> str:
    return ", ".join(m.display() for m in minimums)


def english(minimums: tuple[EnglishMinimum, ...] | None, a: Applicant) -> Finding | None:
    """The student's English test, against the program's minimum for it."""
    p, v = a.profile, a.voice
    international = p.applies_as_international
    if international is False:
        return None
    c = Criterion.ENGLISH
    test = p.english_test
    if test is not None:
        on_file = f"{test.kind.upper()} {test.score} on file"
        if not minimums:
            return Finding(c, Verdict.FITS, _fixed(
                f"{on_file}; the catalog has no minimum: check the program's."
            ))  # fmt: skip
        same = [m for m in minimums if m.test.casefold() == test.kind]
        if not same:
            return Finding(c, Verdict.CAUTION, _fixed(
                f"{on_file}; the program lists {_minimum_text(minimums)}: ask whether it "
                f"takes the {test.kind.upper()}."
            ), share=0.75)  # fmt: skip
        minimum = same[0].minimum
        if test.score >= minimum:
            return Finding(c, Verdict.FITS, _fixed(
                f"{on_file}, at or above the program's minimum of {minimum.normalize():f}."
            ))  # fmt: skip
        return Finding(c, Verdict.CAUTION, _fixed(
            f"{on_file}, below the program's minimum of {minimum.normalize():f}: a retake "
            "is needed before applying."
        ), share=0.0, blocks=True)  # fmt: skip
    asked = f" (the program lists {_minimum_text(minimums)})" if minimums else ""
    if international is None:
        return Finding(c, Verdict.CAUTION, _fixed(
            f"{cap(v.ask('whether'))} {v.who_does('apply')} as an international applicant: "
            f"most programs then require a TOEFL or IELTS score, and none is on file{asked}."
        ), share=0.5, blocks=True, ask=True)  # fmt: skip
    return Finding(c, Verdict.CAUTION, _fixed(
        "International applicant without a TOEFL or IELTS score on file; "
        + (f"the program requires one{asked}." if minimums else "many programs require one.")
    ), share=0.0, blocks=True)  # fmt: skip


def prerequisites(gap: Gap, required: int, voice: Voice = COUNSELOR) -> Finding:
    """The student's completed subjects against what the program requires."""
    c = Criterion.PREREQUISITES
    if gap.is_empty:
        text = "Every required prerequisite is completed."
        if gap.recommended_missing:
            text += (
                " Recommended but not completed: "
                + ", ".join(in_sentence(s.label) for s in gap.recommended_missing) + "."
            )  # fmt: skip
        return Finding(c, Verdict.FITS, _fixed(text))
    done = required - len(gap.missing) - 0.5 * len(gap.partial)
    share = max(0.0, done / required) if required else 1.0

    def say(_program: Program) -> str:
        names = [in_sentence(s.label) for s in gap.missing]
        names += [f"{in_sentence(s.label)} (in progress)" for s in gap.partial]
        plan = gap.plan
        cost = (
            f"{format_dollars(plan.cost_low)}–{format_dollars(plan.cost_high)}"
            if plan.cost_high != plan.cost_low
            else format_dollars(plan.cost_high)
        )
        text = (
            f"{voice.missing} {', '.join(names)}: about {plan.months} months of bridging "
            f"({plan.pace.replace('_', '-')}), estimated {cost} (counselor estimates)."
        )
        if plan.unplanned:
            text += (
                " No bridge option on file for "
                + ", ".join(in_sentence(s.label) for s in plan.unplanned) + "."
            )  # fmt: skip
        return text

    return Finding(c, Verdict.CAUTION, say, share=share)


BudgetVerdict = tuple[float, bool | None, bool]
# The verdicts most costs share (compared by identity when many are ranked at once).
UNKNOWN_COST: BudgetVerdict = (0.5, None, True)  # an unknown cost blocks: at best a stretch
NO_BUDGET: BudgetVerdict = (0.5, None, False)  # an unknown budget does not
WITHIN: BudgetVerdict = (1.0, True, False)
NOTHING_LEFT: BudgetVerdict = (0.0, False, True)


def budget_verdict(cost_cents: int | None, budget_cents: int | None) -> BudgetVerdict:
    """(share of the budget weight, within the budget, blocks) for a cost to the student in
    cents. An unknown cost blocks (at best a stretch); an unknown budget does not."""
    return budget_verdicts((cost_cents,), budget_cents)[0]


def budget_verdicts(costs: Iterable[int | None], budget_cents: int | None) -> list[BudgetVerdict]:
    """:func:`budget_verdict` for many costs at once (the one place the rule is written):
    within the budget, or over it by a share of the budget that the weight loses."""
    if budget_cents is None:
        return [UNKNOWN_COST if c is None else NO_BUDGET for c in costs]
    if budget_cents <= 0:
        return [UNKNOWN_COST if c is None else WITHIN if c <= budget_cents else NOTHING_LEFT
                for c in costs]  # fmt: skip
    b = budget_cents
    return [
        UNKNOWN_COST if c is None else WITHIN if c <= b
        else (1.0 - (c - b) / b if c < 2 * b else 0.0, False, True)
        for c in costs
    ]  # fmt: skip


def budget_cents(profile: StudentProfile) -> int | None:
    limit = profile.budget.max_total_cost
    return None if limit is None else to_cents(limit)


def budget(cost: CostEstimate, a: Applicant) -> Finding:
    """The cost to the student against the student's maximum total cost."""
    c = Criterion.BUDGET
    to_student = cost.to_student
    cents = None if to_student is None else to_cents(to_student)
    share, within, blocks = budget_verdict(cents, budget_cents(a.profile))
    if to_student is None:
        return Finding(c, Verdict.CAUTION, _fixed(
            "Unknown: the catalog has no figure for credits, tuition per credit or total "
            "tuition, so the cost cannot be estimated."
        ), share=share, blocks=blocks, unknown=True)  # fmt: skip
    limit = a.profile.budget.max_total_cost
    v = a.voice
    said = f"Cost to {v.who} about {format_dollars(to_student)} ({cost.summary()})"
    if within is None:
        return Finding(c, Verdict.CAUTION, _fixed(
            f"{said}. No budget is recorded: {v.ask_for(f'{v.whose} maximum total cost')}."
        ), share=share, blocks=blocks, ask=True)  # fmt: skip
    if within:
        return Finding(c, Verdict.FITS, _fixed(
            f"{said}, within the budget of {format_dollars(limit)}."
        ))  # fmt: skip
    assert limit is not None
    borrow = f" {cap(v.who_does('be'))} willing to borrow." if a.profile.budget.will_borrow else ""
    return Finding(c, Verdict.CAUTION, _fixed(
        f"{said}: {format_dollars(to_student - limit)} over the budget of "
        f"{format_dollars(limit)}.{borrow}"
    ), share=share, blocks=blocks)  # fmt: skip


@dataclass(frozen=True)
class Rule:
    """A criterion and the one trait of a program its verdict depends on; ``relate``, where
    given, says what of the trait matters to one student (e.g. whether a campus is in the
    student's state), so that traits alike for this student share one finding."""

    trait: Callable[[Program], Hashable]
    assess: Callable[[Any, Applicant], Finding | None]
    relate: Callable[[Any, Applicant], Hashable] | None = None


def _where(where: tuple[Mode, str], a: Applicant) -> Hashable:
    """What a campus's state means to the student: home or not, preferred or not."""
    mode, state = where
    return mode, state == a.profile.home_state, state in a.profile.preferences.states


# In the order the reasons are shown. The prerequisites and the budget are not here: they
# need the gap analysis and the cost model (see matching.py).
RULES: tuple[Rule, ...] = (
    Rule(lambda p: p.gre.policy if p.gre else None, gre),
    Rule(lambda p: p.mode, delivery),
    Rule(lambda p: (p.mode, p.state if p.mode is Mode.CAMPUS else ""), location, _where),
    Rule(lambda p: (p.mode, p.part_time), part_time),
    Rule(lambda p: p.artiba, accreditation),
    Rule(lambda p: p.specializations, specialization),
    Rule(lambda p: p.thesis_option, thesis),
    Rule(lambda p: p.english_tests, english),
)
