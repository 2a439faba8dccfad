"""The matcher on hand-made students against the shipped catalog."""

from __future__ import annotations

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
    base: dict[str, Any] = {
        "full_name": "Test Student", "email": "t@example.org",
        "residency": {"country": "US", "state": "TX"},
        "gre": {"verbal": 155, "quant": 160, "writing": 4, "taken_on": "2025-01-01"},
        "prerequisites": ALL_DONE, "budget": {"max_total_cost": 300000},
        "preferences": {"relocate": True},
    }  # fmt: skip
    base.update(changes)
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
        assert gre.verdict is Verdict.DOES_NOT_FIT
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
    match = match_program(
        no_rate, student(), shipped_prerequisites(), shipped_bridges(), MatchWeights(), today=TODAY
    )
    budget = next(r for r in match.reasons if r.criterion is Criterion.BUDGET)
    assert budget.text.startswith("Unknown: the catalog has no figure")
    assert match.estimated_total is None and match.bucket is Bucket.STRETCH


def test_ranking_is_deterministic_for_equal_scores() -> None:
    profile = student()
    first = [m.program.id for m in ranked(profile).values()]
    again = [m.program.id for m in ranked(profile).values()]
    assert first == again
    keys = [m.sort_key() for m in ranked(profile).values()]
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


# ---------------------------------------------------------------- the fast ranker agrees

from gradmatch.domain.fast_rank import program_facts, rank_fast  # noqa: E402
from gradmatch.domain.matching import BucketOverride  # noqa: E402

_international = st.builds(
    lambda english, gpa: student(
        residency={"country": "IN"}, international=True,
        english_test={"kind": "ielts", "score": 7} if english else None,
        gpa={"value": gpa, "scale": 4}, gre=None,
        preferences={"specializations": ["nlp"], "thesis": "thesis", "relocate": True},
    ),
    st.booleans(), st.sampled_from(["2.5", "3.5"]),
)  # fmt: skip


@_settings
@given(st.one_of(_profiles, _international), st.integers(min_value=0, max_value=50))
def test_the_fast_ranker_orders_exactly_as_the_explained_matches(
    profile: StudentProfile, budget_weight: int
) -> None:
    weights = MatchWeights(budget=budget_weight)
    model, bridges = shipped_prerequisites(), shipped_bridges()
    overrides = {"duke-campus": BucketOverride(Bucket.READY, "waiver confirmed")}
    explained = rank(PROGRAMS, profile, model, bridges, weights, today=TODAY, overrides=overrides)
    fast = rank_fast(
        program_facts(PROGRAMS, model),
        profile,
        model,
        bridges,
        weights,
        today=TODAY,
        overrides=overrides,
    )
    assert [
        (r.program_id, r.bucket, r.score, r.estimated_total, r.within_budget) for r in fast
    ] == [
        (m.program.id, m.shown_bucket, m.score, m.estimated_total, m.within_budget)
        for m in explained
    ]


def test_the_fast_ranker_on_a_synthetic_catalog() -> None:
    from bench import synthetic

    programs = synthetic.programs(300, seed=7)
    model, bridges = shipped_prerequisites(), shipped_bridges()
    for profile in synthetic.students(20, seed=9):
        explained = rank(programs, profile, model, bridges, MatchWeights(), today=TODAY)
        fast = rank_fast(
            program_facts(programs, model), profile, model, bridges, MatchWeights(), today=TODAY
        )
        assert [(r.program_id, r.bucket, r.score) for r in fast] == [
            (m.program.id, m.bucket, m.score) for m in explained
        ]
