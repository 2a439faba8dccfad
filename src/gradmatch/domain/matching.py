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

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import overload

from gradmatch.domain.catalog import Mode, Program
from gradmatch.domain.costs import (
    CostBasis,
    CostDefaults,
    CostEstimate,
    CostOverrides,
    cost_basis,
    estimate_cost,
    is_away,
    to_student_cents_each,
)
from gradmatch.domain.criteria import (
    NO_BUDGET,
    RULES,
    UNKNOWN_COST,
    WITHIN,
    Applicant,
    BudgetVerdict,
    Criterion,
    Finding,
    Reason,
    Verdict,
    budget,
    budget_cents,
    budget_verdicts,
    prerequisites,
)
from gradmatch.domain.gap import Gap, analyse
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.money import to_cents
from gradmatch.domain.prerequisites import BridgeCatalog, PrerequisiteModel
from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.tuition import pays_in_state, resident_state, tuition_figures
from gradmatch.domain.voice import COUNSELOR, Voice

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
    "score_explained",
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
    def meaning(self) -> str:
        """What the bucket says about a program, in a sentence: the tooltip of its cells, and
        the user guide's table of buckets."""
        return _BUCKET_MEANINGS[self]

    @property
    def band(self) -> tuple[int, int]:
        """The lowest and highest score a program in this bucket can have."""
        low, width = SCORE_BANDS[self]
        return low, low + width

    @property
    def score_range(self) -> str:
        """The band as written: "75–100"."""
        low, high = self.band
        return f"{low}–{high}"


_BUCKET_RANK = {bucket: position for position, bucket in enumerate(Bucket)}
_BY_RANK = list(Bucket)
_BUCKET_LABELS = {
    Bucket.READY: "Ready",
    Bucket.AFTER_BRIDGE: "After bridging",
    Bucket.STRETCH: "Stretch",
    Bucket.NOT_A_FIT: "Not a fit",
}
_BUCKET_MEANINGS = {
    Bucket.READY: (
        "Nothing stands in the way: every required subject is done and no answer given rules "
        "the program out."
    ),
    Bucket.AFTER_BRIDGE: (
        "Only missing prerequisites stand in the way, and the bridge plan covers them."
    ),
    Bucket.STRETCH: (
        "Something that can still change stands in the way: the budget, a GRE still to take, "
        "a figure the catalog lacks, or a question not answered yet that could rule the "
        "program out."
    ),
    Bucket.NOT_A_FIT: (
        "An answer already given rules it out: online study only for a campus program (or "
        "campus only for an online one), or no move possible to the campus's state."
    ),
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


def score_explained(voice: Voice = COUNSELOR) -> str:
    """What the score means (the student edition has no Settings menu to point to)."""
    return (
        "The score places a program inside its bucket: "
        + ", ".join(f"{bucket.label.lower()} {bucket.score_range}" for bucket in Bucket)
        + ". Within the band it grows with how well the program meets each criterion, "
        f"weighted{voice.in_settings(' as set in Settings')} (prerequisites, budget, GRE, "
        "delivery and location, English test, accreditation, specialization and thesis). A "
        "program in a worse bucket never scores above one in a better bucket."
    )


SCORE_EXPLAINED = score_explained()


def bucket_rank(*, hard: bool, blocks: bool, gap_empty: bool) -> int:
    if hard:
        return Bucket.NOT_A_FIT.rank
    if blocks:
        return Bucket.STRETCH.rank
    return Bucket.READY.rank if gap_empty else Bucket.AFTER_BRIDGE.rank


OVERRIDDEN = "✎"  # beside a bucket the counselor set


def bucket_text(bucket: Bucket, *, overridden: bool) -> str:
    """A bucket as a list shows it: its label, with ✎ when the counselor set it."""
    return f"{bucket.label} {OVERRIDDEN}" if overridden else bucket.label


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
    def bucket_text(self) -> str:
        """The bucket shown, with ✎ when the counselor set it."""
        return bucket_text(self.shown_bucket, overridden=self.override is not None)

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
    """What ranking needs of a catalog, worked out once (kept with the catalog). Per
    program, in lists that a ranking reads side by side: its kind (alike in every
    criterion's trait), its cost group (credits and format), its tuitions in cents. The
    programs are held in the order of their ids, so that a program's position breaks ties
    between equals as its id does."""

    programs: tuple[Program, ...]
    kind_of: tuple[int, ...]
    # per kind: (its first program, its traits, its expectations)
    kinds: tuple[tuple[int, tuple[object, ...], tuple[str, ...]], ...]
    coarse_of: tuple[int, ...]  # per kind: its traits but those of relative rules, numbered
    relative_of: tuple[int, ...]  # per kind: its traits of relative rules and campus, numbered
    relatives: tuple[tuple[object, ...], ...]
    group_of: tuple[int, ...]
    # per cost group: (credits, format, application fee): what the cost lines but tuition
    # read of a program
    groups: tuple[tuple[int | None, Mode, Decimal | None], ...]
    tuition_in: tuple[int | None, ...]  # cents
    tuition_out: tuple[int | None, ...]
    split_state: tuple[str | None, ...]  # the state of a program with an in-state rate
    position: dict[str, int]  # program id -> position
    _tuitions: dict[str | None, list[int | None]] = field(default_factory=dict, compare=False)
    _bases: dict[tuple[int, ...], tuple[list[int], set[int]]] = field(
        default_factory=dict, compare=False
    )
    # The sort keys of the last ranking, whose order (the programs' positions are their low
    # bits) the next ranking sorts from: another student's order, or the same student's
    # before a change, is nearly sorted already, and nearly sorted input sorts in a few
    # passes. Replaced whole, never changed in place.
    _last: list[list[int]] = field(default_factory=list, compare=False)

    def sorted_keys(self, keys: list[int], mask: int) -> list[int]:
        """``keys`` (one per program, its position in its bits under ``mask``), sorted."""
        last = self._last[-1] if self._last else None
        ordered = sorted(keys if last is None else map(keys.__getitem__, map(mask.__and__, last)))
        self._last[:] = [ordered]
        return ordered

    def bases_of(self, first_basis: tuple[int, ...]) -> tuple[list[int], set[int]]:
        """Per program, the number of its cost basis, where ``first_basis`` numbers each
        kind's first; and the numbers used. Kept for the last few patterns: re-ranking a
        student after a change that does not move them finds it."""
        found = self._bases.get(first_basis)
        if found is None:
            if len(self._bases) >= 8:
                self._bases.pop(next(iter(self._bases)))
            numbers = [first_basis[k] + g for k, g in zip(self.kind_of, self.group_of, strict=True)]
            found = self._bases[first_basis] = (numbers, set(numbers))
        return found

    def tuitions(self, home: str | None) -> list[int | None]:
        """Each program's tuition in cents for a resident of ``home`` (kept per state)."""
        found = self._tuitions.get(home)
        if found is None:
            found = self._tuitions[home] = [
                t_in if state is not None and pays_in_state(state, home) else t_out
                for t_in, t_out, state in zip(
                    self.tuition_in, self.tuition_out, self.split_state, strict=True
                )
            ]
        return found


def index_catalog(programs: Sequence[Program], model: PrerequisiteModel) -> CatalogIndex:
    programs = sorted(programs, key=lambda program: program.id)
    kinds: dict[tuple[object, ...], int] = {}
    kind_list: list[tuple[int, tuple[object, ...], tuple[str, ...]]] = []
    groups: dict[tuple[int | None, Mode, Decimal | None], int] = {}
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
        group = (program.credits, program.mode, program.application_fee)
        group_of.append(groups.setdefault(group, len(groups)))
        figures = tuition_figures(program)
        known = figures.in_state is not None and figures.out_of_state is not None
        # Both figures or neither, as estimate_tuition reads them.
        t_in.append(to_cents(figures.in_state) if known else None)  # type: ignore[arg-type]
        t_out.append(to_cents(figures.out_of_state) if known else None)  # type: ignore[arg-type]
        split.append(program.state if figures.split else None)
    coarse: dict[tuple[object, ...], int] = {}
    coarse_of = [
        coarse.setdefault(
            (*(t for i, t in enumerate(traits) if RULES[i].relate is None), expects), len(coarse)
        )
        for _first, traits, expects in kind_list
    ]
    relatives: dict[tuple[object, ...], int] = {}
    relative_of = [
        relatives.setdefault(
            (*(traits[i] for i in _RELATIVE), programs[first].mode, programs[first].state),
            len(relatives),
        )
        for first, traits, _expects in kind_list
    ]
    return CatalogIndex(
        tuple(programs), tuple(kind_of), tuple(kind_list), tuple(coarse_of), tuple(relative_of),
        tuple(relatives), tuple(group_of),
        tuple(groups), tuple(t_in), tuple(t_out), tuple(split),
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
    away: bool
    expects: tuple[str, ...]
    family: int  # kinds of one family (at home or away, one bridge plan) share cost lines
    clear: int  # the bucket's rank when the budget does not block
    blocked: int  # ... and when it does
    earned: float  # the share (0..1) of the weighted criteria earned but the budget's
    per_share: float  # ... and what each unit of the budget's share adds


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
        voice: Voice = COUNSELOR,
    ) -> None:
        self.index = index
        self.applicant = Applicant(profile, today, voice)
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
        self.families: dict[tuple[bool, tuple[str, ...]], int] = {}
        self.family_kinds: list[_Kind] = []  # per family: its first kind
        # per family and cost group (family × groups + group): the cost lines but tuition
        self.bases: list[CostBasis | None] = []
        # per distinct traits of the relative rules (and the campus): what the student sees
        # in them, numbered, and whether the campus is away from home
        self.relatives: list[tuple[int, bool] | None] = [None] * len(index.relatives)
        self.seen: dict[tuple[object, bool], tuple[int, bool]] = {}
        self.alike: dict[int, _Kind] = {}

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
        relative = self.index.relative_of[number]
        seen = self.relatives[relative]
        if seen is None:
            related = tuple(RULES[i].relate(traits[i], applicant) for i in _RELATIVE)  # type: ignore[misc]
            away = is_away(program.mode, program.state, applicant.profile)
            seen = self.relatives[relative] = self.seen.setdefault(
                (related, away), (len(self.seen), away)
            )
        alike = self.index.coarse_of[number] * len(self.index.relatives) + seen[0]
        away = seen[1]
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
            gap_entry = self.gaps[expects] = (
                gap,
                prerequisites(gap, required, self.applicant.voice),
            )
        gap, prerequisite_finding = gap_entry
        head = tuple(f for f in findings[:_HEAD] if f is not None)
        tail = (prerequisite_finding, *(f for f in findings[_HEAD:] if f is not None))
        every = (*head, *tail)
        hard = any(f.hard for f in every)
        blocks = any(f.blocks for f in every)
        family = self.families.get((away, expects))
        if family is None:
            family = self.families[(away, expects)] = len(self.families)
            self.bases.extend([None] * len(self.index.groups))
        total = self.total_weight
        kind = _Kind(
            head=head,
            tail=tail,
            gap=gap,
            hard=hard,
            blocks=blocks,
            away=away,
            expects=expects,
            family=family,
            clear=bucket_rank(hard=hard, blocks=blocks, gap_empty=gap.is_empty),
            blocked=bucket_rank(hard=hard, blocks=True, gap_empty=gap.is_empty),
            earned=self._weighted(every) / total if total else 0.0,
            per_share=self.weight_budget / total if total else 0.0,
        )
        if family == len(self.family_kinds):
            self.family_kinds.append(kind)
        return kind

    def _weighted(self, findings: tuple[Finding, ...]) -> float:
        """Each weight times the lowest share among its criteria (1.0 where none speaks)."""
        shares: dict[str, float] = {}
        for finding in findings:
            name = finding.criterion.weight
            shares[name] = min(shares.get(name, 1.0), finding.share)
        return float(sum(weight * shares.get(name, 1.0) for name, weight in self.weights.items()))

    def basis(self, position: int, kind: _Kind) -> CostBasis:
        """The cost lines but tuition of the program at ``position`` (of kind ``kind``)."""
        program = self.index.programs[position]
        own = self.costs.overrides.get(program.id)
        if own is None:
            return self.shared_basis(kind.family * len(self.index.groups)
                                     + self.index.group_of[position])  # fmt: skip
        found = self.own_bases.get(position)
        if found is None:
            found = self.own_bases[position] = cost_basis(
                program.credits, program.mode, kind.away, self.applicant.profile, kind.gap,
                self.costs.defaults, own, self.applicant.voice, program.application_fee,
            )  # fmt: skip
        return found

    def shared_basis(self, number: int) -> CostBasis:
        """The cost lines of one family of kinds in one cost group (``number`` = family ×
        groups + group), worked out on first use."""
        found = self.bases[number]
        if found is None:
            family, group = divmod(number, len(self.index.groups))
            kind = self.family_kinds[family]
            credits, mode, fee = self.index.groups[group]
            found = self.bases[number] = cost_basis(
                credits, mode, kind.away, self.applicant.profile, kind.gap, self.costs.defaults,
                None, self.applicant.voice, fee,
            )  # fmt: skip
        return found


_COST_BITS = 48  # cents: up to $2.8 trillion
_NO_COST = (1 << _COST_BITS) - 1  # unknown costs last among equals
_SCORES = 101  # a score is 0..100
_TOPS = [r * _SCORES + 100 - low for r, low in enumerate(_LOWS)]  # per bucket


def _high(rank: int, earned: float, per_share: float, share: float) -> int:
    """The high bits of a program's sort key: bucket × 101 + 100 − score. The score (the one
    place it is computed) places the program in its bucket's band (SCORE_BANDS): the band's
    lowest score plus its width times the share of the weighted criteria earned (what its
    kind earns, plus ``per_share`` times the budget's ``share``)."""
    return _TOPS[rank] - round((earned + per_share * share) * _WIDTHS[rank])


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
    voice: Voice = COUNSELOR,
) -> Ranking:
    """Every program for one student, best first: bucket, then score, then the cost to the
    student, then the program id.

    The kinds of program are worked out one by one (a few hundred in a catalog of 10,000);
    then each figure is computed for every program at once, in list comprehensions over the
    index's per-program lists: the cost to the student, the budget's verdict, one integer
    sort key that orders like (bucket, -score, cost, id) and holds the bucket and score.
    ``voice``: whom the reasons and cost notes speak to (see :mod:`gradmatch.domain.voice`)."""
    index = catalog if isinstance(catalog, CatalogIndex) else index_catalog(catalog, model)
    overrides = overrides or {}
    student = _Student(
        index, profile, model, bridges, weights, today, costs or CostSettings(), voice
    )
    kinds = [student.kind(number) for number in range(len(index.kinds))]
    groups = len(index.groups)
    basis_of, used = index.bases_of(tuple(kind.family * groups for kind in kinds))
    for number in used:
        student.shared_basis(number)
    tuitions = index.tuitions(resident_state(profile))
    to_students = to_student_cents_each(tuitions, basis_of, student.bases)
    for program_id in student.costs.overrides:  # a counselor's own figures for a program
        position = index.position.get(program_id)
        tuition = None if position is None else tuitions[position]
        if position is not None and tuition is not None:
            basis = student.basis(position, kinds[index.kind_of[position]])
            to_students[position] = basis.to_student_cents(tuition)
    verdicts = budget_verdicts(to_students, budget_cents(profile))

    # The sort key: its high bits hold bucket × 101 + 100 − score (see _high), then the cost
    # to the student, then the program's position (in the order of ids). Most programs'
    # verdicts are one of the shared constants, whose bucket and score depend on the kind
    # alone: those are looked up per kind; a program over its budget has its own share.
    clear = [kind.clear for kind in kinds]
    blocked = [kind.blocked for kind in kinds]
    earned = [kind.earned for kind in kinds]
    per_share = [kind.per_share for kind in kinds]
    w_high = [_high(r, e, s, WITHIN[0]) for r, e, s in zip(clear, earned, per_share, strict=True)]
    n_high = [
        _high(r, e, s, NO_BUDGET[0]) for r, e, s in zip(clear, earned, per_share, strict=True)
    ]
    u_high = [
        _high(r, e, s, UNKNOWN_COST[0]) for r, e, s in zip(blocked, earned, per_share, strict=True)
    ]
    id_bits = max(len(index.programs), 1).bit_length()
    keys = [
        (
            (w_high[k] if v is WITHIN else n_high[k] if v is NO_BUDGET
             else u_high[k] if v is UNKNOWN_COST
             else _high(blocked[k] if v[2] else clear[k], earned[k], per_share[k], v[0]))
            << _COST_BITS | (_NO_COST if c is None else c)
        ) << id_bits | i
        for k, v, c, i in zip(
            index.kind_of, verdicts, to_students, range(len(verdicts)), strict=True
        )
    ]  # fmt: skip
    # The bucket as the counselor set it: the same score rule in the override's band.
    computed: dict[int, int] = {}  # the computed bucket of each program shown overridden
    for program_id, override in overrides.items():
        position = index.position.get(program_id)
        if position is not None:
            k, v = index.kind_of[position], verdicts[position]
            computed[position] = blocked[k] if v[2] else clear[k]
            low = keys[position] & ((1 << (_COST_BITS + id_bits)) - 1)
            high = _high(override.bucket.rank, earned[k], per_share[k], v[0])
            keys[position] = high << (_COST_BITS + id_bits) | low
    return Ranking(student, keys, id_bits, to_students, verdicts, computed, overrides)


class Ranking(Sequence[Match]):
    """One student's ranked programs, best first. The figures are read from the sort keys
    and lists; a program's :class:`Match` (every reason in words, the cost lines) is built
    when it is read, from the very findings and cost lines that ranked it."""

    def __init__(
        self,
        student: _Student,
        keys: list[int],  # per program (in catalog order)
        id_bits: int,
        to_students: list[int | None],
        verdicts: list[BudgetVerdict],
        computed: dict[int, int],
        overrides: dict[str, BucketOverride],
    ) -> None:
        self._student = student
        self._programs = student.index.programs
        self._keys = keys
        self._mask = (1 << id_bits) - 1
        self._sorted = student.index.sorted_keys(keys, self._mask)
        self._high = _COST_BITS + id_bits
        self._to_students = to_students
        self._verdicts = verdicts
        self._computed = computed
        self.overrides = overrides
        self._explained: dict[int, Match] = {}

    def __len__(self) -> int:
        return len(self._sorted)

    def _position(self, index: int) -> int:
        """The catalog position of the program at ``index`` (read from its sort key)."""
        return self._sorted[index] & self._mask

    @overload
    def __getitem__(self, index: int) -> Match: ...

    @overload
    def __getitem__(self, index: slice) -> list[Match]: ...

    def __getitem__(self, index: int | slice) -> Match | list[Match]:
        if isinstance(index, slice):
            return [self._explain(i) for i in range(len(self))[index]]
        return self._explain(range(len(self))[index])

    def __iter__(self) -> Iterator[Match]:
        return (self._explain(i) for i in range(len(self)))

    def _bucket_and_score(self, index: int) -> tuple[int, int]:
        return divmod(self._sorted[index] >> self._high, _SCORES)

    def bucket(self, index: int) -> Bucket:
        """The bucket shown at ``index`` (the counselor's override where there is one)."""
        return _BY_RANK[self._bucket_and_score(index)[0]]

    def score(self, index: int) -> int:
        return 100 - self._bucket_and_score(index)[1]

    def total_cents(self, index: int) -> int | None:
        """The article's estimated total cost, in cents (None: unknown)."""
        position = self._position(index)
        if self._to_students[position] is None:
            return None
        student = self._student
        tuition = student.index.tuitions(resident_state(student.applicant.profile))[position]
        assert tuition is not None
        kind = student.kind(student.index.kind_of[position])
        return student.basis(position, kind).total_cents(tuition)

    def to_student_cents(self, index: int) -> int | None:
        """The cost to the student, in cents (None: unknown)."""
        return self._to_students[self._position(index)]

    def within_budget(self, index: int) -> bool | None:
        return self._verdicts[self._position(index)][1]

    def program(self, index: int) -> Program:
        return self._programs[self._position(index)]

    def gap(self, index: int) -> Gap:
        """The prerequisite gap and bridge plan at ``index`` (no sentences built)."""
        student = self._student
        return student.kind(student.index.kind_of[self._position(index)]).gap

    def index_of(self, program_id: str) -> int:
        """Where ``program_id`` stands in the ranking, or -1."""
        position = self._student.index.position.get(program_id)
        if position is None:
            return -1
        return bisect_left(self._sorted, self._keys[position])

    def by_program(self) -> dict[str, Match]:
        return {match.program.id: match for match in self}

    def bucket_counts(self) -> dict[Bucket, int]:
        """How many programs each bucket (as shown) holds."""
        starts = [bisect_left(self._sorted, (b.rank * _SCORES) << self._high) for b in Bucket]
        ends = [*starts[1:], len(self._sorted)]
        return {b: end - start for b, start, end in zip(Bucket, starts, ends, strict=True)}

    def _explain(self, index: int) -> Match:
        position = self._position(index)
        found = self._explained.get(position)
        if found is not None:
            return found
        student = self._student
        program = self._programs[position]
        kind = student.kind(student.index.kind_of[position])
        profile = student.applicant.profile
        cost = estimate_cost(program, profile, kind.gap, student.costs.defaults,
                             basis=student.basis(position, kind),
                             voice=student.applicant.voice)  # fmt: skip
        budget_finding = budget(cost, student.applicant)
        findings = (*kind.head, budget_finding, *kind.tail)
        shown, score = self._bucket_and_score(index)
        match = self._explained[position] = Match(
            program=program,
            bucket=_BY_RANK[self._computed.get(position, shown)],
            score=100 - score,
            reasons=tuple(Reason.of(finding, program) for finding in findings),
            gap=kind.gap,
            cost=cost,
            within_budget=self._verdicts[position][1],
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
    voice: Voice = COUNSELOR,
) -> Match:
    """One program for one student (a ranking of one)."""
    overrides = {program.id: override} if override else None
    return rank([program], profile, model, bridges, weights, today=today, overrides=overrides,
                costs=costs, voice=voice)[0]  # fmt: skip
