"""Ranking without sentences: bucket, score and estimated total for many programs at once.

:func:`gradmatch.domain.matching.match_program` explains one program (every reason, in
words); this module ranks thousands quickly by working from per-program facts computed
once per catalog and per-student tables computed once per student. A property test holds
the two to the same buckets and scores, so the list a counselor sees is ordered exactly as
the explanations say; the sentences are built only for the programs shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

from gradmatch.domain.catalog import Program
from gradmatch.domain.gap import Gap, analyse
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import Bucket, BucketOverride
from gradmatch.domain.money import round_cents
from gradmatch.domain.prerequisites import BridgeCatalog, PrerequisiteModel
from gradmatch.domain.profile import StudentProfile

_NO_TOTAL = 10**15  # sorts programs of unknown cost last among equals


@dataclass(frozen=True)
class ProgramFacts:
    """What ranking needs of a program, independent of any student."""

    id: str
    online: bool
    state: str
    gre_policy: str | None
    tuition_flat: int | None  # credits × rate, in whole cents
    tuition_in: int | None
    tuition_out: int | None
    artiba: bool | None
    expects: tuple[str, ...]  # the program's expectation per subject, in a fixed order
    required: int


class Ranked(NamedTuple):
    program_id: str
    bucket: Bucket  # as shown: the counselor's override where there is one
    score: int
    estimated_total: Decimal | None
    within_budget: bool | None


def _cents(amount: Decimal) -> int:
    return int(round_cents(amount) * 100)


def program_facts(programs: list[Program], model: PrerequisiteModel) -> list[ProgramFacts]:
    facts = []
    for program in programs:
        expectations = model.expectations(program.id)
        flat = in_state = out_state = None
        rate = program.cost_per_credit
        if program.credits is not None and rate is not None:
            if rate.is_split:
                assert rate.in_state is not None and rate.out_of_state is not None
                in_state = _cents(rate.in_state * program.credits)
                out_state = _cents(rate.out_of_state * program.credits)
            else:
                assert rate.flat is not None
                flat = _cents(rate.flat * program.credits)
        facts.append(
            ProgramFacts(
                id=program.id,
                online=program.mode.value == "online",
                state=program.state,
                gre_policy=program.gre.policy.value if program.gre else None,
                tuition_flat=flat,
                tuition_in=in_state,
                tuition_out=out_state,
                artiba=program.artiba,
                expects=tuple(expectations[s].value for s in sorted(expectations)),
                required=sum(1 for e in expectations.values() if e.value == "required"),
            )
        )
    return facts


def _gre_table(profile: StudentProfile, today: date) -> dict[str | None, tuple[float, bool]]:
    """Per GRE policy: (fraction, keeps from ready). Mirrors matching._gre."""
    has_valid = profile.gre is not None and not profile.gre_expired(today)
    expired = profile.gre is not None and profile.gre_expired(today)
    will = profile.will_take_gre
    if has_valid:
        required = (1.0, False)
    elif expired:
        required = (0.3 if will else 0.0, True)
    else:
        required = (0.4 if will else 0.0, True)
    gpa = profile.gpa.on_four_point_scale if profile.gpa else None
    concerned = profile.international or (gpa is not None and gpa < Decimal("3.0"))
    conditional = (0.5, will is False) if concerned and not has_valid else (1.0, False)
    return {
        None: (0.5, True),
        "required": required,
        "conditional": conditional,
        "optional": (1.0, False),
        "not_required": (1.0, False),
    }


def rank_fast(
    facts: list[ProgramFacts],
    profile: StudentProfile,
    model: PrerequisiteModel,
    bridges: BridgeCatalog,
    weights: MatchWeights,
    *,
    today: date,
    overrides: dict[str, BucketOverride] | None = None,
) -> list[Ranked]:
    overrides = overrides or {}
    prefs = profile.preferences
    wants = prefs.delivery.value
    home = profile.residency.state if profile.residency.is_us else None
    in_state_possible = profile.residency.is_us and not profile.international and home is not None
    relocate = prefs.relocate
    preferred = set(prefs.states)
    part_time = prefs.part_time
    gre = _gre_table(profile, today)
    budget = profile.budget.max_total_cost
    budget_cents = None if budget is None else _cents(budget)
    scholarships_cents = _cents(profile.budget.scholarships)
    english = (
        (0.0, True) if profile.international and profile.english_test is None else (1.0, False)
    )
    has_english = profile.international
    preferences_share = 0.5 if (prefs.specializations or prefs.thesis.value != "either") else 1.0
    w = weights
    total_weight = w.total()
    gaps: dict[tuple[str, ...], tuple[Gap, float, int]] = {}

    order = {bucket: bucket.rank for bucket in Bucket}
    keyed: list[tuple[tuple[int, int, int, str], str, Bucket, int, int | None, bool | None]] = []
    for fact in facts:
        hard = False
        blocks = False
        # delivery, location and part-time share one weight: the lowest share counts
        if wants != "either" and (wants == "online") != fact.online:
            hard, delivery = True, 0.0
        else:
            delivery = 1.0
        if not fact.online:
            if home != fact.state and not relocate:
                hard, delivery = True, 0.0
            elif preferred and fact.state not in preferred:
                delivery = min(delivery, 0.5)
            if part_time:
                delivery = min(delivery, 0.5)
        elif part_time:
            delivery = min(delivery, 0.75)

        gre_share, gre_blocks = gre[fact.gre_policy]
        blocks = blocks or gre_blocks

        entry = gaps.get(fact.expects)
        if entry is None:
            gap = analyse(profile, fact.id, model, bridges)
            done = fact.required - len(gap.missing) - 0.5 * len(gap.partial)
            share = max(0.0, done / fact.required) if fact.required else 1.0
            bridge_cents = _cents(gap.plan.cost_high)
            entry = gaps[fact.expects] = (gap, 1.0 if gap.is_empty else share, bridge_cents)
        gap, prerequisites_share, bridge_cents = entry

        if fact.tuition_flat is not None:
            tuition: int | None = fact.tuition_flat
        elif fact.tuition_in is not None:
            tuition = (
                fact.tuition_in if in_state_possible and home == fact.state else fact.tuition_out
            )
        else:
            tuition = None
        within: bool | None
        total: int | None
        if tuition is None:
            total, within, budget_share = None, None, 0.5
            blocks = True  # an unknown cost keeps the program at best a stretch
        else:
            total = max(tuition + bridge_cents - scholarships_cents, 0)
            if budget_cents is None:
                within, budget_share = None, 0.5
            elif total <= budget_cents:
                within, budget_share = True, 1.0
            else:
                within = False
                over = Decimal(total - budget_cents)
                # The same quotient as matching._budget's (in dollars there, cents here).
                budget_share = (
                    max(0.0, 1.0 - float(over / Decimal(budget_cents))) if budget_cents else 0.0
                )
                blocks = True
        if fact.gre_policy is None:
            blocks = True

        if has_english:
            english_share, english_blocks = english
            blocks = blocks or english_blocks
        else:
            english_share = 1.0
        accreditation = 0.5 if fact.artiba is None else (1.0 if fact.artiba else 0.6)

        # Same order of terms as matching._score, so the floats round the same way.
        earned = 0.0
        earned += w.prerequisites * prerequisites_share
        earned += w.budget * budget_share
        earned += w.gre * gre_share
        earned += w.delivery * delivery
        earned += w.english * english_share
        earned += w.accreditation * accreditation
        earned += w.preferences * preferences_share
        score = round(100 * earned / total_weight) if total_weight else 0

        if hard:
            bucket = Bucket.NOT_A_FIT
        elif blocks:
            bucket = Bucket.STRETCH
        elif not gap.is_empty:
            bucket = Bucket.AFTER_BRIDGE
        else:
            bucket = Bucket.READY
        override = overrides.get(fact.id)
        if override is not None:
            bucket = override.bucket
        keyed.append(
            ((order[bucket], -score, _NO_TOTAL if total is None else total, fact.id),
             fact.id, bucket, score, total, within)
        )  # fmt: skip
    keyed.sort(key=itemgetter(0))
    return [
        Ranked(pid, bucket, score, None if total is None else Decimal(total) / 100, within)
        for _key, pid, bucket, score, total, within in keyed
    ]
