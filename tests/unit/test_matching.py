"""The matcher on hand-made students against the shipped catalog."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gradmatch import locations
from gradmatch.domain.catalog import GrePolicyKind, Mode, Program
from gradmatch.domain.catalog_parse import parse_catalog
from gradmatch.domain.gap import analyse
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import Bucket, Criterion, Verdict, match_program, rank
from gradmatch.domain.profile import Status, StudentProfile, Subject
from gradmatch.domain.tuition import estimate_tuition
from gradmatch.services.matching import shipped_bridges, shipped_prerequisites

TODAY = date(2026, 11, 24)
PROGRAMS = list(parse_catalog(locations.shipped_catalog().read_bytes(), "programs.json").programs)
BY_ID = {p.id: p for p in PROGRAMS}
ALL_DONE = dict.fromkeys(Subject, Status.COMPLETED)


def student(**changes: Any) -> StudentProfile:
    """A student who answered every question; ``preferences`` and ``employment`` given here
    change only the answers they name."""
    base: dict[str, Any] = {
        "full_name": "Test Student", "email": "t@example.org",
        "residency": {"country": "US", "state": "TX"},
        "gre": {"verbal": 155, "quant": 160, "writing": 4, "taken_on": "2025-01-01"},
        "will_take_gre": False,
        "prerequisites": ALL_DONE, "budget": {"max_total_cost": 300000},
        "preferences": {"relocate": True, "delivery": "either", "part_time": False},
        "employment": {"currently_working": False, "keep_working": False},
    }  # fmt: skip
    for key in ("preferences", "employment"):
        if key in changes:
            changes[key] = {**base[key], **changes[key]}
    base.update(changes)
    if base["residency"].get("country", "US") != "US":
        base.setdefault("international", True)
    return StudentProfile.model_validate(base)


def ranked(profile: StudentProfile, weights: MatchWeights | None = None) -> dict[str, Any]:
    matches = rank(
        PROGRAMS,
        profile,
        shipped_prerequisites(),
        shipped_bridges(),
        weights or MatchWeights(),
        today=TODAY,
    )
    return {m.program.id: m for m in matches}


def test_a_texas_resident_gets_the_in_state_rate_at_north_texas() -> None:
    estimate = estimate_tuition(BY_ID["north-texas-campus"], student())
    assert estimate is not None and estimate.in_state
    assert estimate.amount == Decimal("33") * Decimal("412.27")
    other = estimate_tuition(
        BY_ID["north-texas-campus"], student(residency={"country": "US", "state": "OK"})
    )
    assert (
        other is not None
        and other.amount == Decimal("33") * Decimal("817.27")
        and not other.in_state
    )
    flat = estimate_tuition(BY_ID["carnegie-mellon-campus"], student())
    assert flat is not None and flat.amount == Decimal("31500")


def test_international_applicants_pay_out_of_state() -> None:
    profile = student(
        residency={"country": "IN"},
        international=True,
        english_test={"kind": "toefl", "score": 100},
    )
    estimate = estimate_tuition(BY_ID["north-texas-campus"], profile)
    assert estimate is not None and not estimate.in_state


def test_no_gre_and_unwilling_is_never_ready_for_a_gre_required_program() -> None:
    matches = ranked(student(gre=None, will_take_gre=False))
    required = [p.id for p in PROGRAMS if p.gre and p.gre.policy is GrePolicyKind.REQUIRED]
    assert required
    for program_id in required:
        match = matches[program_id]
        assert match.bucket is not Bucket.READY
        gre = next(r for r in match.reasons if r.criterion is Criterion.GRE)
        assert gre.verdict is Verdict.CAUTION and gre.blocks and not gre.hard
        assert "does not want to take it" in gre.text
    assert matches["north-texas-campus"].bucket is Bucket.READY  # GRE not required


def test_willing_to_take_the_gre_is_a_stretch() -> None:
    matches = ranked(student(gre=None, will_take_gre=True))
    assert matches["carnegie-mellon-campus"].bucket is Bucket.STRETCH


def test_an_expired_gre_needs_a_retake() -> None:
    old = {"verbal": 160, "quant": 165, "writing": 5, "taken_on": "2020-09-30"}
    matches = ranked(student(gre=old, will_take_gre=False, application_date="2026-12-01"))
    gre = next(r for r in matches["carnegie-mellon-campus"].reasons if r.criterion is Criterion.GRE)
    assert "expired" in gre.text and matches["carnegie-mellon-campus"].bucket is not Bucket.READY


def test_an_online_only_student_finds_campus_programs_not_a_fit() -> None:
    matches = ranked(student(preferences={"delivery": "online"}))
    for program in PROGRAMS:
        if program.mode is Mode.CAMPUS:
            assert matches[program.id].bucket is Bucket.NOT_A_FIT, program.id
    assert matches["mercer-online"].bucket is Bucket.READY
    drexel = next(r for r in matches["drexel-campus"].reasons if r.criterion is Criterion.DELIVERY)
    assert "also offers this program online" in drexel.text


def test_a_student_who_cannot_relocate_keeps_home_campuses_and_online() -> None:
    matches = ranked(student(preferences={"relocate": False}))
    assert matches["north-texas-campus"].bucket is Bucket.READY
    assert matches["carnegie-mellon-campus"].bucket is Bucket.NOT_A_FIT
    assert matches["csu-global-online"].bucket is Bucket.READY


def test_missing_linear_algebra_and_probability_gets_a_plan_in_dependency_order() -> None:
    gaps = dict(
        ALL_DONE, linear_algebra=Status.MISSING, probability=Status.MISSING, calculus=Status.MISSING
    )
    profile = student(prerequisites=gaps)
    gap = analyse(profile, "carnegie-mellon-campus", shipped_prerequisites(), shipped_bridges())
    assert gap.missing == (Subject.CALCULUS, Subject.LINEAR_ALGEBRA, Subject.PROBABILITY)
    steps = {step.subject: step for step in gap.plan.steps}
    assert steps[Subject.CALCULUS].start_week == 0
    # Both wait for calculus, then run side by side (full time).
    assert steps[Subject.LINEAR_ALGEBRA].start_week == steps[Subject.CALCULUS].end_week
    assert steps[Subject.PROBABILITY].start_week == steps[Subject.CALCULUS].end_week
    assert gap.plan.months > 0 and gap.plan.cost_high >= gap.plan.cost_low > 0
    match = ranked(profile)["carnegie-mellon-campus"]
    assert match.bucket is Bucket.AFTER_BRIDGE
    text = next(r.text for r in match.reasons if r.criterion is Criterion.PREREQUISITES)
    assert "calculus, linear algebra, probability" in text and f"{gap.plan.months} months" in text


def test_part_time_students_take_one_course_at_a_time() -> None:
    gaps = dict(ALL_DONE, linear_algebra=Status.MISSING, probability=Status.MISSING)
    profile = student(prerequisites=gaps, preferences={"part_time": True, "relocate": True})
    plan = analyse(profile, "x", shipped_prerequisites(), shipped_bridges()).plan
    first, second = plan.steps
    assert second.start_week == first.end_week and plan.pace == "part_time"


def test_in_progress_is_a_partial_gap() -> None:
    profile = student(prerequisites=dict(ALL_DONE, statistics=Status.IN_PROGRESS))
    gap = analyse(profile, "x", shipped_prerequisites(), shipped_bridges())
    assert gap.partial == (Subject.STATISTICS,) and gap.missing == ()
    assert gap.plan.steps[0].partial and gap.plan.cost_high == 0


def test_over_budget_is_a_stretch_with_the_figures() -> None:
    matches = ranked(student(budget={"max_total_cost": 30000}))
    match = matches["northwestern-campus"]
    assert match.bucket is Bucket.STRETCH and match.within_budget is False
    budget = next(r for r in match.reasons if r.criterion is Criterion.BUDGET)
    assert "$245,190" in budget.text and "over the budget of $30,000" in budget.text


def test_a_missing_catalog_figure_is_unknown_never_zero() -> None:
    cmu = BY_ID["carnegie-mellon-campus"]
    no_rate = Program.model_validate({**cmu.model_dump(), "cost_per_credit": None})
    stated = match_program(
        no_rate, student(), shipped_prerequisites(), shipped_bridges(), MatchWeights(), today=TODAY
    )
    assert stated.cost.tuition is not None and "stated total tuition" in stated.cost.tuition.basis
    no_figure = Program.model_validate(
        {**cmu.model_dump(), "cost_per_credit": None, "stated_total": None}
    )
    match = match_program(
        no_figure, student(), shipped_prerequisites(), shipped_bridges(), MatchWeights(),
        today=TODAY,
    )  # fmt: skip
    budget = next(r for r in match.reasons if r.criterion is Criterion.BUDGET)
    assert budget.text.startswith("Unknown: the catalog has no figure")
    assert match.to_student is None and match.total is None
    assert match.bucket is Bucket.STRETCH


def test_ranking_is_deterministic_for_equal_scores() -> None:
    profile = student()
    first = [m.program.id for m in ranked(profile).values()]
    again = [m.program.id for m in ranked(profile).values()]
    assert first == again
    keys = [
        (m.shown_bucket.rank, -m.score, m.to_student, m.program.id)
        for m in ranked(profile).values()
    ]
    assert keys == sorted(keys)


def test_weights_change_the_score() -> None:
    profile = student(budget={"max_total_cost": 30000})
    default = ranked(profile)["northwestern-campus"].score
    budget_only = ranked(
        profile,
        MatchWeights(
            prerequisites=0,
            budget=100,
            gre=0,
            delivery=0,
            english=0,
            accreditation=0,
            preferences=0,
        ),
    )
    assert budget_only["northwestern-campus"].score < default


# ---------------------------------------------------------------- properties

_statuses = st.sampled_from(list(Status))
_profiles = st.builds(
    lambda statuses, budget, delivery, gre, will, relocate, part_time, state, money: student(
        prerequisites=dict(zip(Subject, statuses, strict=True)),
        budget={"max_total_cost": budget, "employer_reimbursement_per_year": money[0],
                "scholarships": money[1]},
        employment={"currently_working": money[2] > 0, "current_salary": money[2] or None,
                    "keep_working": money[3]},
        preferences={"delivery": delivery, "relocate": relocate, "part_time": part_time},
        gre=({"verbal": 150, "quant": 155, "writing": 3.5, "taken_on": "2024-05-01"} if gre else None),
        will_take_gre=will,
        residency={"country": "US", "state": state},
    ),
    st.lists(_statuses, min_size=len(Subject), max_size=len(Subject)),
    st.integers(min_value=0, max_value=300_000),
    st.sampled_from(["campus", "online", "either"]),
    st.booleans(), st.booleans(), st.booleans(), st.booleans(),
    st.sampled_from(["TX", "PA", "AZ", "NY", "CA"]),
    st.tuples(
        st.sampled_from([0, 0, 5250, 20000]), st.sampled_from([0, 0, 3000]),
        st.sampled_from([0, 0, 65000]), st.booleans(),
    ),
)  # fmt: skip
_program = st.sampled_from(PROGRAMS)
_settings = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _match(profile: StudentProfile, program: Program) -> Any:
    return match_program(
        program, profile, shipped_prerequisites(), shipped_bridges(), MatchWeights(), today=TODAY
    )


@_settings
@given(_profiles, _program, st.sampled_from(list(Subject)))
def test_completing_a_prerequisite_never_lowers_the_score_or_the_bucket(
    profile: StudentProfile, program: Program, subject: Subject
) -> None:
    before = _match(profile, program)
    done = profile.model_copy(
        update={"prerequisites": {**profile.prerequisites, subject: Status.COMPLETED}}
    )
    after = _match(done, program)
    assert after.score >= before.score
    assert after.bucket.rank <= before.bucket.rank


@_settings
@given(_profiles, _program, st.integers(min_value=1, max_value=200_000))
def test_raising_the_budget_never_puts_a_program_over_it(
    profile: StudentProfile, program: Program, raise_by: int
) -> None:
    before = _match(profile, program)
    budget = profile.budget.model_copy(
        update={"max_total_cost": (profile.budget.max_total_cost or Decimal(0)) + raise_by}
    )
    after = _match(profile.model_copy(update={"budget": budget}), program)
    if before.within_budget:
        assert after.within_budget
    assert after.score >= before.score


@_settings
@given(_profiles)
def test_the_ranking_is_a_function_of_its_inputs(profile: StudentProfile) -> None:
    first = [(m.program.id, m.score, m.bucket) for m in ranked(profile).values()]
    reordered = list(reversed(PROGRAMS))
    second = rank(
        reordered, profile, shipped_prerequisites(), shipped_bridges(), MatchWeights(), today=TODAY
    )
    assert first == [(m.program.id, m.score, m.bucket) for m in second]


@pytest.mark.parametrize("program_id", sorted(BY_ID))
def test_every_reason_is_a_sentence(program_id: str) -> None:
    for reason in _match(
        student(gre=None, will_take_gre=True, international=False), BY_ID[program_id]
    ).reasons:
        assert reason.text[0].isupper() and reason.text.endswith("."), reason.text


# ---------------------------------------------------------------- one engine, one order

from gradmatch.domain.matching import SCORE_BANDS, BucketOverride  # noqa: E402

_international = st.builds(
    lambda english, gpa: student(
        residency={"country": "IN"}, international=True,
        english_test={"kind": "ielts", "score": 7} if english else None,
        gpa={"value": gpa, "scale": 4}, gre=None,
        preferences={"specializations": ["nlp"], "thesis": "thesis", "relocate": True},
    ),
    st.booleans(), st.sampled_from(["2.5", "3.5"]),
)  # fmt: skip
_maybe = st.sampled_from([None, True, False])
# Students with any of the matcher's questions left unanswered (None), as a blank roster
# cell, a null in an exchange file or "Not answered" in the form leaves them.
_blank = st.builds(
    lambda delivery, relocate, will, part_time, state, country, international, working: (
        StudentProfile.model_validate({
            "full_name": "Blank Answers", "email": "b@example.org",
            "residency": {"country": country, "state": state if country == "US" else None},
            "international": None if country == "US" else international,
            "will_take_gre": will,
            "preferences": {"delivery": delivery, "relocate": relocate, "part_time": part_time},
            "employment": {"currently_working": working},
        })
    ),
    st.sampled_from([None, "campus", "online", "either"]), _maybe, _maybe, _maybe,
    st.sampled_from([None, "TX", "PA"]), st.sampled_from(["US", "IN"]), _maybe, _maybe,
)  # fmt: skip


@_settings
@given(st.one_of(_profiles, _international, _blank), st.integers(min_value=0, max_value=50))
def test_every_ranking_is_ordered_bucket_then_score_and_never_contradicts_itself(
    profile: StudentProfile, budget_weight: int
) -> None:
    weights = MatchWeights(budget=budget_weight)
    model, bridges = shipped_prerequisites(), shipped_bridges()
    overrides = {"duke-campus": BucketOverride(Bucket.READY, "waiver confirmed")}
    ranking = rank(PROGRAMS, profile, model, bridges, weights, today=TODAY, overrides=overrides)
    shown = [(m.shown_bucket.rank, m.score) for m in ranking]
    assert shown == sorted(shown, key=lambda pair: (pair[0], -pair[1]))
    for better, worse in itertools.pairwise(ranking):
        if better.shown_bucket is not worse.shown_bucket:
            assert better.score > worse.score, (better.program.id, worse.program.id)
    for match in ranking:
        low, width = SCORE_BANDS[match.shown_bucket]
        assert low <= match.score <= low + width


@_settings
@given(_blank)
def test_an_unanswered_question_never_makes_a_program_not_a_fit(profile: StudentProfile) -> None:
    for match in rank(
        PROGRAMS, profile, shipped_prerequisites(), shipped_bridges(), MatchWeights(), today=TODAY
    ):
        for reason in match.reasons:
            if reason.ask:
                assert not reason.hard and "ask" in reason.text.lower(), reason.text
        for reason in match.reasons:  # ✘ only for what rules the program out
            assert (reason.verdict is Verdict.DOES_NOT_FIT) == reason.hard, reason.text
        if match.bucket is Bucket.NOT_A_FIT:
            hard = [r for r in match.reasons if r.hard]
            assert hard and all(not r.ask for r in hard)
            # only an answered "no" (online only, cannot relocate from a known state)
            answers = profile.preferences
            assert answers.delivery in ("campus", "online") or answers.relocate is False


@_settings
@given(st.one_of(_profiles, _blank))
def test_a_program_ranked_with_the_catalog_is_explained_as_when_ranked_alone(
    profile: StudentProfile,
) -> None:
    """The ranker works out each kind of program once; alone, a program is its own kind."""
    model, bridges = shipped_prerequisites(), shipped_bridges()
    together = rank(PROGRAMS, profile, model, bridges, MatchWeights(), today=TODAY).by_program()
    for program in PROGRAMS:
        alone = _match(profile, program)
        match = together[program.id]
        assert (alone.bucket, alone.score, alone.total, alone.to_student, alone.within_budget) == (
            match.bucket, match.score, match.total, match.to_student, match.within_budget
        )  # fmt: skip
        assert [r.text for r in alone.reasons] == [r.text for r in match.reasons]


def test_a_blank_roster_student_is_asked_not_refused() -> None:
    """The issue's example: name, email and a country only. The questions it leaves open
    make programs a stretch with "Ask ..." reasons, never "not a fit"."""
    profile = StudentProfile.model_validate(
        {"full_name": "Rosa Blank", "email": "rosa@example.org", "residency": {"country": "US"}}
    )
    matches = ranked(profile)
    assert not [m for m in matches.values() if m.bucket is Bucket.NOT_A_FIT]
    campus = matches["carnegie-mellon-campus"]
    texts = " ".join(r.text for r in campus.reasons)
    assert "Ask whether the student can relocate" in texts
    assert "Ask whether the student can study on campus, online, or either" in texts
    assert "Ask whether the student will take the GRE" in texts
