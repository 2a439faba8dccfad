"""The matcher: for every program a bucket, a score, the cost to the student and the reasons
a counselor can read aloud — one engine for the window, the command line, the PDF, the
batch export and the self-test.

Buckets, best first:
- ``ready``: nothing blocks and no prerequisite is missing;
- ``after_bridge``: only a prerequisite gap, closable with the bridge plan;
- ``stretch``: something the student could still resolve blocks it (a budget gap, a GRE to
  take, a figure the catalog lacks, a question the student has not answered that could
  rule the program out);
- ``not_a_fit``: a hard mismatch the student cannot change (online only, campus program).

The score is a band per bucket (:data:`SCORE_BANDS`), so that a program in a worse bucket
never scores above one in a better bucket; inside its band it grows with the weighted
shares of the criteria (see :class:`MatchWeights`).

How it stays fast: each criterion's finding depends on one trait of the program (see
:mod:`gradmatch.domain.criteria`), so programs alike in every trait form one *kind*, whose
findings, gap and cost lines (all but the tuition) are worked out once per student. Per
program only its tuition, the totals, the budget and the score are computed; the sentences
are built when a program is explained. Pure code: no Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import overload

from gradmatch.domain.catalog import Program
from gradmatch.domain.costs import (
    CostBasis,
    CostDefaults,
    CostEstimate,
    CostOverrides,
    cost_basis,
    estimate_cost,
    is_away,
)
from gradmatch.domain.criteria import (
    RULES,
    Applicant,
    Criterion,
    Finding,
    Reason,
    Verdict,
    budget,
    budget_cents,
    budget_verdict,
    prerequisites,
)
from gradmatch.domain.gap import Gap, analyse
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.money import to_cents
from gradmatch.domain.prerequisites import BridgeCatalog, PrerequisiteModel
from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.tuition import resident_state, tuition_figures

__all__ = [
    "SCORE_BANDS",
    "Bucket",
    "BucketOverride",
    "CatalogIndex",
    "CostSettings",
    "Criterion",
    "Match",
    "Ranking",
    "Reason",
    "Verdict",
    "index_catalog",
    "match_program",
    "rank",
]


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
        return _BUCKET_LABELS[self]

    @property
    def band(self) -> tuple[int, int]:
        """The lowest and highest score a program in this bucket can have."""
        low, width = SCORE_BANDS[self]
        return low, low + width


_BUCKET_RANK = {bucket: position for position, bucket in enumerate(Bucket)}
_BY_RANK = list(Bucket)
_BUCKET_LABELS = {
    Bucket.READY: "Ready",
    Bucket.AFTER_BRIDGE: "After bridging",
    Bucket.STRETCH: "Stretch",
    Bucket.NOT_A_FIT: "Not a fit",
}
# (lowest score, band width): ready 75–100, after bridging 50–74, stretch 25–49, not a fit 0–24.
SCORE_BANDS = {
    Bucket.READY: (75, 25),
    Bucket.AFTER_BRIDGE: (50, 24),
    Bucket.STRETCH: (25, 24),
    Bucket.NOT_A_FIT: (0, 24),
}
_LOWS = [SCORE_BANDS[bucket][0] for bucket in Bucket]
_WIDTHS = [SCORE_BANDS[bucket][1] for bucket in Bucket]
SCORE_EXPLAINED = (
    "The score places a program inside its bucket: ready 75–100, after bridging 50–74, "
    "stretch 25–49, not a fit 0–24. Within the band it grows with how well the program meets "
    "each criterion, weighted as set in Settings (prerequisites, budget, GRE, delivery and "
    "location, English test, accreditation, specialization and thesis). A program in a worse "
    "bucket never scores above one in a better bucket."
)


def score_in_band(bucket_rank: int, earned: float) -> int:
    """The score of a program in the bucket of rank ``bucket_rank`` that earned ``earned``
    (0..1) of the weighted criteria."""
    return _LOWS[bucket_rank] + round(earned * _WIDTHS[bucket_rank])


def bucket_rank(*, hard: bool, blocks: bool, gap_empty: bool) -> int:
    if hard:
        return Bucket.NOT_A_FIT.rank
    if blocks:
        return Bucket.STRETCH.rank
    return Bucket.READY.rank if gap_empty else Bucket.AFTER_BRIDGE.rank


@dataclass(frozen=True)
class BucketOverride:
    bucket: Bucket
    reason: str
    set_on: date = field(default_factory=date.today)


@dataclass(frozen=True)
class CostSettings:
    """The cost model's defaults and the counselor's per-program figures."""

    defaults: CostDefaults = field(default_factory=CostDefaults)
    overrides: dict[str, CostOverrides] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    program: Program
    bucket: Bucket  # as computed
    score: int  # in the band of the bucket shown
    reasons: tuple[Reason, ...]
    gap: Gap
    cost: CostEstimate
    within_budget: bool | None
    override: BucketOverride | None = None

    @property
    def shown_bucket(self) -> Bucket:
        """The bucket as shown: the counselor's override where there is one."""
        return self.override.bucket if self.override else self.bucket

    @property
    def tuition(self) -> Decimal | None:
        return self.cost.tuition.amount if self.cost.tuition else None

    @property
    def total(self) -> Decimal | None:
        """The article's estimated total cost (see ``costs.TOTAL_LABEL``)."""
        return self.cost.total

    @property
    def to_student(self) -> Decimal | None:
        """The cost to the student (see ``costs.TO_STUDENT_LABEL``)."""
        return self.cost.to_student


# ---------------------------------------------------------------- the catalog, indexed


@dataclass(frozen=True)
class CatalogIndex:
    """What ranking needs of a catalog, worked out once (kept with the catalog)."""

    programs: tuple[Program, ...]
    kind_of: tuple[int, ...]  # per program: its kind (alike in every criterion's trait)
    # per kind: (its first program, its traits, its expectations)
    kinds: tuple[tuple[int, tuple[object, ...], tuple[str, ...]], ...]
    members: tuple[tuple[int, ...], ...]  # per kind: its programs
    # per kind, per program: (position, cost group, tuition out of state, in state, the
    # state whose residents pay in-state or None, position by id): what ranking reads
    rows: tuple[tuple[tuple[int, int, int | None, int | None, str | None, int], ...], ...]
    coarse_of: tuple[int, ...]  # per kind: its traits but those of relative rules, numbered
    group_of: tuple[int, ...]  # per program: its cost group (credits and format)
    groups: int  # how many cost groups
    tuition_in: tuple[int | None, ...]  # cents
    tuition_out: tuple[int | None, ...]
    split_state: tuple[str | None, ...]  # the state of a program with an in-state rate
    id_rank: tuple[int, ...]  # per program: its position by id
    by_id: tuple[int, ...]  # the programs' positions in the order of their ids
    position: dict[str, int]  # program id -> position


def index_catalog(programs: Sequence[Program], model: PrerequisiteModel) -> CatalogIndex:
    kinds: dict[tuple[object, ...], int] = {}
    kind_list: list[tuple[int, tuple[object, ...], tuple[str, ...]]] = []
    groups: dict[tuple[object, ...], int] = {}
    kind_of, group_of, t_in, t_out, split = [], [], [], [], []
    for position, program in enumerate(programs):
        expectations = model.expectations(program.id)
        expects = tuple(expectations[s].value for s in sorted(expectations))
        traits = tuple(rule.trait(program) for rule in RULES)
        key = (*traits, expects)
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = len(kind_list)
            kind_list.append((position, traits, expects))
        kind_of.append(kind)
        group_of.append(groups.setdefault((program.credits, program.mode), len(groups)))
        figures = tuition_figures(program)
        t_in.append(None if figures.in_state is None else to_cents(figures.in_state))
        t_out.append(None if figures.out_of_state is None else to_cents(figures.out_of_state))
        split.append(program.state if figures.split else None)
    coarse: dict[tuple[object, ...], int] = {}
    coarse_of = [
        coarse.setdefault(
            (*(t for i, t in enumerate(traits) if RULES[i].relate is None), expects), len(coarse)
        )
        for _first, traits, expects in kind_list
    ]
    members: list[list[int]] = [[] for _ in kind_list]
    for position, kind in enumerate(kind_of):
        members[kind].append(position)
    by_id = sorted(range(len(programs)), key=lambda i: programs[i].id)
    id_rank = [0] * len(programs)
    for rank_by_id, position in enumerate(by_id):
        id_rank[position] = rank_by_id
    return CatalogIndex(
        tuple(programs), tuple(kind_of), tuple(kind_list), tuple(tuple(m) for m in members),
        tuple(
            tuple((i, group_of[i], t_out[i], t_in[i], split[i], id_rank[i]) for i in m)
            for m in members
        ),
        tuple(coarse_of), tuple(group_of), len(groups),
        tuple(t_in), tuple(t_out), tuple(split), tuple(id_rank), tuple(by_id),
        {p.id: i for i, p in enumerate(programs)},
    )  # fmt: skip


# ---------------------------------------------------------------- one student


@dataclass
class _Kind:
    """One kind of program for one student: everything but the tuition-dependent figures."""

    head: tuple[Finding, ...]  # shown before the budget
    tail: tuple[Finding, ...]  # the prerequisites and the rest, after it
    gap: Gap
    hard: bool
    blocks: bool
    others: float  # the weighted shares of every criterion but the budget
    away: bool
    expects: tuple[str, ...]
    bases: list[CostBasis | None]  # per cost group
    clear: int  # the bucket's rank when the budget does not block
    blocked: int  # ... and when it does


_HEAD = 4  # GRE, delivery, location, part-time: then the budget, then the prerequisites
_RELATIVE = tuple(i for i, rule in enumerate(RULES) if rule.relate is not None)


class _Student:
    """The per-student work of a ranking, kept so that explaining a program later reuses
    exactly what ranked it."""

    def __init__(
        self,
        index: CatalogIndex,
        profile: StudentProfile,
        model: PrerequisiteModel,
        bridges: BridgeCatalog,
        weights: MatchWeights,
        today: date,
        costs: CostSettings,
    ) -> None:
        self.index = index
        self.applicant = Applicant(profile, today)
        self.model = model
        self.bridges = bridges
        self.costs = costs
        values: dict[str, int] = weights.model_dump()
        self.weight_budget: int = values.pop("budget")
        self.weights: dict[str, int] = values
        self.total_weight: int = weights.total()
        self.findings: list[dict[object, Finding | None]] = [{} for _ in RULES]
        self.gaps: dict[tuple[str, ...], tuple[Gap, Finding]] = {}
        self.kinds: list[_Kind | None] = [None] * len(index.kinds)
        self.own_bases: dict[int, CostBasis] = {}
        self.shared_bases: dict[tuple[object, ...], CostBasis] = {}
        self.alike: dict[tuple[object, ...], _Kind] = {}

    def kind(self, number: int) -> _Kind:
        found = self.kinds[number]
        if found is None:
            found = self.kinds[number] = self._work_out(number)
        return found

    def _work_out(self, number: int) -> _Kind:
        first, traits, expects = self.index.kinds[number]
        program = self.index.programs[first]
        applicant = self.applicant
        # Kinds alike for this student (the same traits but for what a relative rule sees
        # alike, e.g. two campuses outside the student's state) share their work.
        related = tuple(RULES[i].relate(traits[i], applicant) for i in _RELATIVE)  # type: ignore[misc]
        away = is_away(program.mode, program.state, applicant.profile)
        alike = (self.index.coarse_of[number], related, away)
        shared = self.alike.get(alike)
        if shared is None:
            findings: list[Finding | None] = []
            for rule, trait, memo in zip(RULES, traits, self.findings, strict=True):
                key = trait if rule.relate is None else rule.relate(trait, applicant)
                found = memo.get(key, memo)
                if found is memo:
                    found = memo[key] = rule.assess(trait, applicant)
                findings.append(found)  # type: ignore[arg-type]
            shared = self.alike[alike] = self._summarize(findings, expects, away, program)
        return shared

    def _summarize(
        self, findings: list[Finding | None], expects: tuple[str, ...], away: bool,
        program: Program,
    ) -> _Kind:  # fmt: skip
        gap_entry = self.gaps.get(expects)
        if gap_entry is None:
            gap = analyse(self.applicant.profile, program.id, self.model, self.bridges)
            required = sum(1 for e in expects if e == "required")
            gap_entry = self.gaps[expects] = (gap, prerequisites(gap, required))
        gap, prerequisite_finding = gap_entry
        head = tuple(f for f in findings[:_HEAD] if f is not None)
        tail = (prerequisite_finding, *(f for f in findings[_HEAD:] if f is not None))
        every = (*head, *tail)
        hard = any(f.hard for f in every)
        blocks = any(f.blocks for f in every)
        return _Kind(
            head=head,
            tail=tail,
            gap=gap,
            hard=hard,
            blocks=blocks,
            others=self._weighted(every),
            away=away,
            expects=expects,
            bases=[None] * self.index.groups,
            clear=bucket_rank(hard=hard, blocks=blocks, gap_empty=gap.is_empty),
            blocked=bucket_rank(hard=hard, blocks=True, gap_empty=gap.is_empty),
        )

    def _weighted(self, findings: tuple[Finding, ...]) -> float:
        """Each weight times the lowest share among its criteria (1.0 where none speaks)."""
        shares: dict[str, float] = {}
        for finding in findings:
            name = finding.criterion.weight
            shares[name] = min(shares.get(name, 1.0), finding.share)
        return float(sum(weight * shares.get(name, 1.0) for name, weight in self.weights.items()))

    def basis(self, position: int, kind: _Kind) -> CostBasis:
        program = self.index.programs[position]
        own = self.costs.overrides.get(program.id)
        if own is not None:
            found = self.own_bases.get(position)
            if found is None:
                found = self.own_bases[position] = self._basis(program, kind, own)
            return found
        group = self.index.group_of[position]
        found = kind.bases[group]
        if found is None:
            # Kinds that differ only in traits the cost model does not read share it.
            key = (group, kind.away, kind.expects)
            found = self.shared_bases.get(key)
            if found is None:
                found = self.shared_bases[key] = self._basis(program, kind, None)
            kind.bases[group] = found
        return found

    def _basis(self, program: Program, kind: _Kind, own: CostOverrides | None) -> CostBasis:
        return cost_basis(program.credits, program.mode, kind.away, self.applicant.profile,
                          kind.gap, self.costs.defaults, own)  # fmt: skip

    def earned(self, kind: _Kind) -> tuple[float, float]:
        """The share (0..1) of the weighted criteria a program of this kind earns, as
        (what every criterion but the budget earns, what each unit of the budget's share
        adds)."""
        if not self.total_weight:
            return 0.0, 0.0
        return kind.others / self.total_weight, self.weight_budget / self.total_weight


_COST_BITS = 48  # cents: up to $2.8 trillion


def rank(
    catalog: CatalogIndex | Sequence[Program],
    profile: StudentProfile,
    model: PrerequisiteModel,
    bridges: BridgeCatalog,
    weights: MatchWeights,
    *,
    today: date,
    overrides: dict[str, BucketOverride] | None = None,
    costs: CostSettings | None = None,
) -> Ranking:
    """Every program for one student, best first: bucket, then score, then the cost to the
    student, then the program id."""
    index = catalog if isinstance(catalog, CatalogIndex) else index_catalog(catalog, model)
    overrides = overrides or {}
    student = _Student(index, profile, model, bridges, weights, today, costs or CostSettings())
    count = len(index.programs)
    computed = [0] * count
    shown = [0] * count if overrides else computed
    scores = [0] * count
    to_students: list[int | None] = [None] * count
    home = resident_state(profile)
    limit = budget_cents(profile)
    override_at = {index.position[pid]: o.bucket.rank for pid, o in overrides.items()
                   if pid in index.position}  # fmt: skip
    own = {index.position[pid] for pid in student.costs.overrides if pid in index.position}
    # One integer orders like (bucket, -score, cost to the student, program id).
    id_bits = max(count, 1).bit_length()
    no_cost = (1 << _COST_BITS) - 1  # unknown costs last among equals
    keys: list[int] = []
    key = keys.append
    for number, rows in enumerate(index.rows):
        kind = student.kind(number)
        bases, clear, blocked = kind.bases, kind.clear, kind.blocked
        # The share of the weighted criteria earned: the kind's part plus the budget's.
        earned, per_budget_share = student.earned(kind)
        within_score = score_in_band(clear, earned + per_budget_share)  # a budget share of 1
        for position, group, out_of_state, in_state, split_state, id_rank in rows:
            tuition = in_state if split_state == home else out_of_state
            if tuition is None:
                cost = None
            else:
                basis = bases[group]
                if basis is None or (own and position in own):
                    basis = student.basis(position, kind)
                cost = to_students[position] = basis.to_student_cents(tuition)
            share, within, budget_blocks = budget_verdict(cost, limit)
            rank_ = computed[position] = blocked if budget_blocks else clear
            if override_at:
                rank_ = shown[position] = override_at.get(position, rank_)
            if within and rank_ == clear:
                score = scores[position] = within_score
            else:
                score = scores[position] = score_in_band(rank_, earned + per_budget_share * share)
            key(
                ((rank_ * 101 + 100 - score) << _COST_BITS | (no_cost if cost is None else cost))
                << id_bits
                | id_rank
            )
    keys.sort()
    mask = (1 << id_bits) - 1
    in_id_order = index.by_id
    order = [in_id_order[k & mask] for k in keys]
    return Ranking(student, order, shown, computed, scores, to_students, overrides)


class Ranking(Sequence[Match]):
    """One student's ranked programs, best first. The figures are read from lists; a
    program's :class:`Match` (every reason in words, the cost lines) is built when it is
    read, from the very findings and cost lines that ranked it."""

    def __init__(
        self,
        student: _Student,
        order: list[int],
        shown: list[int],
        computed: list[int],
        scores: list[int],
        to_students: list[int | None],
        overrides: dict[str, BucketOverride],
    ) -> None:
        self._student = student
        self._programs = student.index.programs
        self._order = order
        self._shown = shown
        self._computed = computed
        self._scores = scores
        self._to_students = to_students
        self._limit = budget_cents(student.applicant.profile)
        self.overrides = overrides
        self._explained: dict[int, Match] = {}
        self._indexes: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> Match: ...

    @overload
    def __getitem__(self, index: slice) -> list[Match]: ...

    def __getitem__(self, index: int | slice) -> Match | list[Match]:
        if isinstance(index, slice):
            return [self._explain(position) for position in self._order[index]]
        return self._explain(self._order[index])

    def __iter__(self) -> Iterator[Match]:
        return (self._explain(position) for position in self._order)

    def bucket(self, index: int) -> Bucket:
        """The bucket shown at ``index`` (the counselor's override where there is one)."""
        return _BY_RANK[self._shown[self._order[index]]]

    def score(self, index: int) -> int:
        return self._scores[self._order[index]]

    def total_cents(self, index: int) -> int | None:
        """The article's estimated total cost, in cents (None: unknown)."""
        position = self._order[index]
        if self._to_students[position] is None:
            return None
        student = self._student
        kind = student.kind(student.index.kind_of[position])
        return student.basis(position, kind).total_cents(self._tuition(position))

    def _tuition(self, position: int) -> int:
        index = self._student.index
        home = resident_state(self._student.applicant.profile)
        tuition = index.tuition_in[position] if index.split_state[position] == home else None
        tuition = index.tuition_out[position] if tuition is None else tuition
        assert tuition is not None
        return tuition

    def to_student_cents(self, index: int) -> int | None:
        """The cost to the student, in cents (None: unknown)."""
        return self._to_students[self._order[index]]

    def within_budget(self, index: int) -> bool | None:
        return self._within(self._order[index])

    def _within(self, position: int) -> bool | None:
        return budget_verdict(self._to_students[position], self._limit)[1]

    def program(self, index: int) -> Program:
        return self._programs[self._order[index]]

    def gap(self, index: int) -> Gap:
        """The prerequisite gap and bridge plan at ``index`` (no sentences built)."""
        student = self._student
        return student.kind(student.index.kind_of[self._order[index]]).gap

    def index_of(self, program_id: str) -> int:
        """Where ``program_id`` stands in the ranking, or -1."""
        if self._indexes is None:
            self._indexes = {self._programs[p].id: i for i, p in enumerate(self._order)}
        return self._indexes.get(program_id, -1)

    def by_program(self) -> dict[str, Match]:
        return {match.program.id: match for match in self}

    def bucket_counts(self) -> dict[Bucket, int]:
        """How many programs each bucket (as shown) holds."""
        return {bucket: self._shown.count(bucket.rank) for bucket in Bucket}

    def _explain(self, position: int) -> Match:
        found = self._explained.get(position)
        if found is not None:
            return found
        student = self._student
        program = self._programs[position]
        kind = student.kind(student.index.kind_of[position])
        profile = student.applicant.profile
        cost = estimate_cost(program, profile, kind.gap, student.costs.defaults,
                             basis=student.basis(position, kind))  # fmt: skip
        budget_finding = budget(cost, student.applicant)
        findings = (*kind.head, budget_finding, *kind.tail)
        match = self._explained[position] = Match(
            program=program,
            bucket=_BY_RANK[self._computed[position]],
            score=self._scores[position],
            reasons=tuple(Reason.of(finding, program) for finding in findings),
            gap=kind.gap,
            cost=cost,
            within_budget=self._within(position),
            override=self.overrides.get(program.id),
        )
        return match


def match_program(
    program: Program,
    profile: StudentProfile,
    model: PrerequisiteModel,
    bridges: BridgeCatalog,
    weights: MatchWeights,
    *,
    today: date,
    override: BucketOverride | None = None,
    costs: CostSettings | None = None,
) -> Match:
    """One program for one student (a ranking of one)."""
    overrides = {program.id: override} if override else None
    return rank([program], profile, model, bridges, weights, today=today, overrides=overrides,
                costs=costs)[0]  # fmt: skip
