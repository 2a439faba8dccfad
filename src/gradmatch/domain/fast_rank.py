"""Ranking without sentences: bucket, score and estimated total for many programs at once.

:func:`gradmatch.domain.matching.match_program` explains one program (every reason, in
words); this module ranks thousands quickly by working from per-program facts computed
once per catalog and per-student tables computed once per student. A property test holds
the two to the same buckets and scores, so the list a counselor sees is ordered exactly as
the explanations say; the sentences are built only for the programs shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple, overload

from gradmatch.domain.catalog import Program
from gradmatch.domain.costs import estimate_cost
from gradmatch.domain.gap import Gap, analyse
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import Bucket, BucketOverride, CostSettings
from gradmatch.domain.money import round_cents
from gradmatch.domain.prerequisites import BridgeCatalog, PrerequisiteModel
from gradmatch.domain.profile import StudentProfile

_NO_TOTAL = 10**15  # sorts programs of unknown cost last among equals
_TOTAL_SPAN = _NO_TOTAL + 1
_ID_SPAN = 10**7  # more programs than any catalog will hold


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
    class_id: int  # programs alike in all but tuition share one id
    credits: int | None
    program: Program


class Ranked(NamedTuple):
    program_id: str
    bucket: Bucket  # as shown: the counselor's override where there is one
    score: int
    estimated_total: Decimal | None
    within_budget: bool | None


def _cents(amount: Decimal) -> int:
    return int(round_cents(amount) * 100)


@dataclass(frozen=True)
class CatalogFacts:
    """The facts of every program, plus what ranking needs to order them without tuples."""

    programs: tuple[ProgramFacts, ...]
    classes: int  # how many distinct ``class_id`` values
    by_id_order: tuple[int, ...]  # position in ``programs`` of the n-th program by id


def program_facts(programs: list[Program], model: PrerequisiteModel) -> CatalogFacts:
    facts = []
    classes: dict[tuple[object, ...], int] = {}
    for program in programs:
        expectations = model.expectations(program.id)
        expects = tuple(expectations[s].value for s in sorted(expectations))
        gre_policy = program.gre.policy.value if program.gre else None
        online = program.mode.value == "online"
        kind = (online, program.state, gre_policy, program.artiba, expects)
        class_id = classes.setdefault(kind, len(classes))
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
                online=online,
                state=program.state,
                gre_policy=gre_policy,
                tuition_flat=flat,
                tuition_in=in_state,
                tuition_out=out_state,
                artiba=program.artiba,
                expects=expects,
                required=sum(1 for e in expectations.values() if e.value == "required"),
                class_id=class_id,
                credits=program.credits,
                program=program,
            )
        )
    by_id = sorted(range(len(facts)), key=lambda i: facts[i].id)
    return CatalogFacts(tuple(facts), len(classes), tuple(by_id))


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


@dataclass(frozen=True)
class _Static:
    """Everything about one class of programs that does not depend on its tuition."""

    hard: bool
    blocks: bool
    gap: Gap
    gap_empty: bool
    bridge_cents: int
    prerequisites: float  # weighted contributions to the score, in matching._score's order
    gre: float
    delivery: float
    english: float
    accreditation: float
    preferences: float


def rank_fast(
    facts: CatalogFacts,
    profile: StudentProfile,
    model: PrerequisiteModel,
    bridges: BridgeCatalog,
    weights: MatchWeights,
    *,
    today: date,
    overrides: dict[str, BucketOverride] | None = None,
    costs: CostSettings | None = None,
) -> Ranking:
    overrides = overrides or {}
    costs = costs or CostSettings()
    reimbursement_per_year = profile.budget.employer_reimbursement_per_year
    # The cost model's lines other than tuition and bridging are the same for every program
    # of one length, format and location: ask the cost model once per such group.
    other_costs: dict[tuple[object, ...], tuple[int, int]] = {}

    def non_tuition(fact: ProgramFacts, gap: Gap) -> tuple[int, int]:
        """(other costs, employer reimbursement before its tuition cap), in cents."""
        away = not fact.online and not (profile.residency.is_us and home == fact.state)
        override = costs.overrides.get(fact.id)
        key = (fact.credits, fact.online, away, fact.id if override is not None else None)
        found = other_costs.get(key)
        if found is None:
            estimate = estimate_cost(fact.program, profile, gap, costs.defaults, override)
            tuition_line = estimate.line("tuition")
            assert tuition_line is not None
            reimbursement = reimbursement_per_year * math.ceil(estimate.years)
            found = other_costs[key] = (
                _cents(estimate.total - tuition_line.amount),
                _cents(reimbursement),
            )
        return found

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
    preferences_share = 0.5 if (prefs.specializations or prefs.thesis.value != "either") else 1.0
    w = weights
    w_budget = w.budget
    total_weight = w.total()
    gaps: dict[tuple[str, ...], tuple[Gap, float, int]] = {}

    def static(fact: ProgramFacts) -> _Static:
        hard = False
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
        gre_share, blocks = gre[fact.gre_policy]
        if fact.gre_policy is None:
            blocks = True
        entry = gaps.get(fact.expects)
        if entry is None:
            gap = analyse(profile, fact.id, model, bridges)
            done = fact.required - len(gap.missing) - 0.5 * len(gap.partial)
            share = max(0.0, done / fact.required) if fact.required else 1.0
            entry = gaps[fact.expects] = (
                gap,
                1.0 if gap.is_empty else share,
                _cents(gap.plan.cost_high),
            )
        gap, prerequisites_share, bridge_cents = entry
        english_share = 1.0
        if profile.international:
            english_share, english_blocks = english
            blocks = blocks or english_blocks
        accreditation = 0.5 if fact.artiba is None else (1.0 if fact.artiba else 0.6)
        return _Static(
            hard=hard,
            blocks=blocks,
            gap=gap,
            gap_empty=gap.is_empty,
            bridge_cents=bridge_cents,
            prerequisites=w.prerequisites * prerequisites_share,
            gre=w.gre * gre_share,
            delivery=w.delivery * delivery,
            english=w.english * english_share,
            accreditation=w.accreditation * accreditation,
            preferences=w.preferences * preferences_share,
        )

    count = len(facts.programs)
    id_rank = [0] * count
    for rank_by_id, position in enumerate(facts.by_id_order):
        id_rank[position] = rank_by_id
    statics: list[_Static | None] = [None] * facts.classes
    by_rank = sorted(Bucket, key=lambda bucket: bucket.rank)
    buckets: list[Bucket] = [Bucket.READY] * count
    scores = [0] * count
    totals: list[int | None] = [None] * count
    withins: list[bool | None] = [None] * count
    keys = [0] * count
    for position, fact in enumerate(facts.programs):
        st = statics[fact.class_id]
        if st is None:
            st = statics[fact.class_id] = static(fact)
        blocks = st.blocks
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
            other, reimbursement = non_tuition(fact, st.gap)
            total = (
                tuition + other + st.bridge_cents - min(reimbursement, tuition) - scholarships_cents
            )
            if total < 0:
                total = 0
            if budget_cents is None:
                within, budget_share = None, 0.5
            elif total <= budget_cents:
                within, budget_share = True, 1.0
            else:
                within = False
                blocks = True
                # The same quotient as matching._budget's: whole cents, one division.
                budget_share = (
                    max(0.0, 1.0 - (total - budget_cents) / budget_cents) if budget_cents else 0.0
                )
        # Same order of terms as matching._score, so the floats round the same way.
        earned = st.prerequisites + w_budget * budget_share
        earned += st.gre
        earned += st.delivery
        earned += st.english
        earned += st.accreditation
        earned += st.preferences
        score = round(100 * earned / total_weight) if total_weight else 0
        # Bucket ranks: ready 0, after bridging 1, stretch 2, not a fit 3.
        rank = 3 if st.hard else 2 if blocks else 0 if st.gap_empty else 1
        if overrides:
            override = overrides.get(fact.id)
            if override is not None:
                rank = override.bucket.rank
        buckets[position] = by_rank[rank]
        scores[position] = score
        totals[position] = total
        withins[position] = within
        # One integer orders like (bucket, -score, total, program id): no tuple per program.
        keys[position] = (
            (rank * 101 + 100 - score) * _TOTAL_SPAN + (_NO_TOTAL if total is None else total)
        ) * _ID_SPAN + id_rank[position]
    keys.sort()
    order = [facts.by_id_order[key % _ID_SPAN] for key in keys]
    return Ranking(facts.programs, order, buckets, scores, totals, withins)


class Ranking(Sequence[Ranked]):
    """The ranked programs, best first; each row is built when it is read, so that a table
    showing the first screenful does not pay for 10,000 rows."""

    def __init__(
        self,
        programs: tuple[ProgramFacts, ...],
        order: list[int],
        buckets: list[Bucket],
        scores: list[int],
        totals: list[int | None],
        withins: list[bool | None],
    ) -> None:
        self._programs = programs
        self._order = order
        self._buckets = buckets
        self._scores = scores
        self._totals = totals
        self._withins = withins

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> Ranked: ...

    @overload
    def __getitem__(self, index: slice) -> list[Ranked]: ...

    def __getitem__(self, index: int | slice) -> Ranked | list[Ranked]:
        if isinstance(index, slice):
            return [self._row(position) for position in self._order[index]]
        return self._row(self._order[index])

    def _row(self, position: int) -> Ranked:
        total = self._totals[position]
        return Ranked(
            self._programs[position].id,
            self._buckets[position],
            self._scores[position],
            None if total is None else Decimal(total) / 100,
            self._withins[position],
        )
