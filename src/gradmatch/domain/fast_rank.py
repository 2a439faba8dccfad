"""Ranking without sentences: bucket, score and estimated total for many programs at once.

:func:`gradmatch.domain.matching.match_program` explains one program (every reason, in
words); this module ranks thousands quickly by working from per-program facts computed
once per catalog and per-student tables computed once per student. A property test holds
the two to the same buckets and scores, so the list a counselor sees is ordered exactly as
the explanations say; the sentences are built only for the programs shown.
"""

from __future__ import annotations

import math
from collections import Counter
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
    cost_class: int  # programs of one length and format share their non-tuition costs


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
    cost_classes: int  # how many distinct ``cost_class`` values
    by_id_order: tuple[int, ...]  # position in ``programs`` of the n-th program by id


def program_facts(programs: list[Program], model: PrerequisiteModel) -> CatalogFacts:
    facts = []
    classes: dict[tuple[object, ...], int] = {}
    cost_classes: dict[tuple[object, ...], int] = {}
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
                cost_class=cost_classes.setdefault((program.credits, online), len(cost_classes)),
            )
        )
    by_id = sorted(range(len(facts)), key=lambda i: facts[i].id)
    return CatalogFacts(tuple(facts), len(classes), len(cost_classes), tuple(by_id))


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
    away: bool  # a campus outside the student's state: relocation and housing
    gap: Gap
    gap_empty: bool
    bridge_cents: int
    others: float  # the score's weighted terms but the budget, summed in matching._score's order


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
    cost_overrides = costs.overrides
    reimbursement_per_year = profile.budget.employer_reimbursement_per_year
    # The cost model's lines other than tuition and bridging are the same for every program
    # of one length and format, at home or away: ask the cost model once per such group.
    shared_costs: list[tuple[int, int] | None] = [None] * (facts.cost_classes * 2)
    own_costs: dict[str, tuple[int, int]] = {}

    def ask_cost_model(fact: ProgramFacts, gap: Gap) -> tuple[int, int]:
        """(other costs, employer reimbursement before its tuition cap), in cents."""
        estimate = estimate_cost(
            fact.program, profile, gap, costs.defaults, costs.overrides.get(fact.id)
        )
        tuition_line = estimate.line("tuition")
        assert tuition_line is not None
        reimbursement = reimbursement_per_year * math.ceil(estimate.years)
        return _cents(estimate.total - tuition_line.amount), _cents(reimbursement)

    def non_tuition(fact: ProgramFacts, st: _Static) -> tuple[int, int]:
        if cost_overrides and fact.id in cost_overrides:
            found = own_costs.get(fact.id)
            if found is None:
                found = own_costs[fact.id] = ask_cost_model(fact, st.gap)
            return found
        slot = fact.cost_class * 2 + st.away
        shared = shared_costs[slot]
        if shared is None:
            shared = shared_costs[slot] = ask_cost_model(fact, st.gap)
        return shared

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
            away=not fact.online and not (profile.residency.is_us and home == fact.state),
            gap=gap,
            gap_empty=gap.is_empty,
            bridge_cents=bridge_cents,
            others=_others_sum(
                w.prerequisites * prerequisites_share,
                w.gre * gre_share,
                w.delivery * delivery,
                w.english * english_share,
                w.accreditation * accreditation,
                w.preferences * preferences_share,
            ),
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
    no_total, total_span, id_span = _NO_TOTAL, _TOTAL_SPAN, _ID_SPAN
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
            if cost_overrides and fact.id in cost_overrides:
                other, reimbursement = non_tuition(fact, st)
            else:  # inlined: this runs for every program
                shared = shared_costs[fact.cost_class * 2 + st.away]
                if shared is None:
                    shared = non_tuition(fact, st)
                other, reimbursement = shared
            if reimbursement > tuition:
                reimbursement = tuition
            total = tuition + other + st.bridge_cents - reimbursement - scholarships_cents
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
        # matching._score adds the budget last to the others' sum: the same float here.
        earned = st.others + w_budget * budget_share
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
            (rank * 101 + 100 - score) * total_span + (no_total if total is None else total)
        ) * id_span + id_rank[position]
    keys.sort()
    order = [facts.by_id_order[key % id_span] for key in keys]
    return Ranking(facts.programs, order, buckets, scores, totals, withins)


def _others_sum(*terms: float) -> float:
    """0.0 plus each term in turn, as matching._score accumulates them."""
    earned = 0.0
    for term in terms:
        earned += term
    return earned


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
        self._indexes: dict[str, int] | None = None

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

    def bucket(self, index: int) -> Bucket:
        """The bucket shown at ``index`` (the counselor's override where there is one)."""
        return self._buckets[self._order[index]]

    def score(self, index: int) -> int:
        return self._scores[self._order[index]]

    def total_cents(self, index: int) -> int | None:
        """The estimated cost to the student, in whole cents (None: unknown)."""
        return self._totals[self._order[index]]

    def within_budget(self, index: int) -> bool | None:
        return self._withins[self._order[index]]

    def program(self, index: int) -> Program:
        """The program shown at ``index`` (best first)."""
        return self._programs[self._order[index]].program

    def index_of(self, program_id: str) -> int:
        """Where ``program_id`` stands in the ranking, or -1."""
        if self._indexes is None:
            self._indexes = {self._programs[p].id: i for i, p in enumerate(self._order)}
        return self._indexes.get(program_id, -1)

    def bucket_counts(self) -> dict[Bucket, int]:
        """How many programs each bucket (as shown) holds."""
        counts = Counter(self._buckets)
        return {bucket: counts.get(bucket, 0) for bucket in Bucket}

    def _row(self, position: int) -> Ranked:
        total = self._totals[position]
        return Ranked(
            self._programs[position].id,
            self._buckets[position],
            self._scores[position],
            None if total is None else Decimal(total) / 100,
            self._withins[position],
        )
