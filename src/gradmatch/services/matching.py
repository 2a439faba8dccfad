"""Matching use cases: rank the catalog for a student, shortlists, overrides, settings."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from gradmatch import locations
from gradmatch.domain.caseload import StudentRecord
from gradmatch.domain.catalog import Program
from gradmatch.domain.costs import CostDefaults, CostOverrides
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import (
    Bucket,
    BucketOverride,
    CatalogIndex,
    CostSettings,
    Match,
    Ranking,
    index_catalog,
    rank,
)
from gradmatch.domain.prerequisites import (
    BridgeCatalog,
    Expectation,
    PrerequisiteModel,
    parse_bridge_options,
    parse_prerequisites,
)
from gradmatch.domain.profile import StudentProfile, Subject
from gradmatch.domain.shortlist import ShortlistEntry
from gradmatch.domain.voice import COUNSELOR, Voice
from gradmatch.errors import InputError
from gradmatch.services.database import Database
from gradmatch.services.errors import ChangedSinceError, NotFoundError
from gradmatch.store import catalog_repo, match_repo, rows, student_repo

WEIGHTS_KEY = "match_weights"
COST_DEFAULTS_KEY = "cost_defaults"
COST_OVERRIDES_KEY = "cost_overrides"


@lru_cache(maxsize=1)
def shipped_prerequisites() -> PrerequisiteModel:
    path = locations.resources_dir() / "prerequisites" / "prerequisites.json"
    return parse_prerequisites(path.read_bytes(), path.name)


@lru_cache(maxsize=1)
def shipped_bridges() -> BridgeCatalog:
    path = locations.resources_dir() / "prerequisites" / "bridge-options.json"
    return parse_bridge_options(path.read_bytes(), path.name)


def _cost_settings(session: Session) -> CostSettings:
    defaults = CostDefaults.model_validate(match_repo.get_setting(session, COST_DEFAULTS_KEY) or {})
    stored = match_repo.get_setting(session, COST_OVERRIDES_KEY) or {}
    overrides = {pid: CostOverrides.model_validate(value) for pid, value in stored.items()}
    return CostSettings(defaults, overrides)


def load_cost_settings(db: Database) -> CostSettings:
    with db.unit_of_work() as session:
        return _cost_settings(session)


def save_cost_defaults(db: Database, defaults: CostDefaults) -> None:
    with db.unit_of_work() as session:
        match_repo.put_setting(session, COST_DEFAULTS_KEY, defaults.model_dump(mode="json"))


def set_cost_overrides(db: Database, program_id: str, overrides: CostOverrides | None) -> None:
    """A counselor's cost figures for one program (None or all blank: back to the defaults)."""
    with db.unit_of_work() as session:
        if catalog_repo.load_program(session, program_id) is None:
            raise NotFoundError(f"no program with id '{program_id}'")
        store_cost_overrides(session, program_id, overrides)


def store_cost_overrides(
    session: Session, program_id: str, overrides: CostOverrides | None
) -> None:
    """Within the caller's unit of work: see :func:`set_cost_overrides`."""
    stored = dict(match_repo.get_setting(session, COST_OVERRIDES_KEY) or {})
    if overrides is None or not overrides.model_dump(exclude_none=True):
        stored.pop(program_id, None)
    else:
        stored[program_id] = overrides.model_dump(mode="json", exclude_none=True)
    match_repo.put_setting(session, COST_OVERRIDES_KEY, stored)


def stored_cost_overrides(session: Session, program_id: str) -> Any:
    """The program's own cost figures exactly as stored (None: it follows the defaults)."""
    return (match_repo.get_setting(session, COST_OVERRIDES_KEY) or {}).get(program_id)


def put_stored_cost_overrides(session: Session, program_id: str, stored_value: Any) -> None:
    """Within the caller's unit of work: what :func:`stored_cost_overrides` gave, back."""
    stored = dict(match_repo.get_setting(session, COST_OVERRIDES_KEY) or {})
    if stored.get(program_id) == stored_value:
        return
    if stored_value is None:
        stored.pop(program_id, None)
    else:
        stored[program_id] = stored_value
    match_repo.put_setting(session, COST_OVERRIDES_KEY, stored)


def load_weights(db: Database) -> MatchWeights:
    with db.unit_of_work() as session:
        stored = match_repo.get_setting(session, WEIGHTS_KEY)
    return MatchWeights.model_validate(stored or {})


def save_weights(db: Database, weights: MatchWeights) -> None:
    if weights.total() == 0:
        raise InputError("At least one weight must be above zero")
    with db.unit_of_work() as session:
        match_repo.put_setting(session, WEIGHTS_KEY, weights.model_dump())


@dataclass(frozen=True)
class MatchContext:
    """What ranking needs besides the student: the catalog, its per-program facts and the
    settings. Read once and kept in ``Database.cache`` until the catalog or a setting is
    written (any such commit empties the cache)."""

    programs: list[Program]
    index: CatalogIndex
    model: PrerequisiteModel
    bridges: BridgeCatalog
    weights: MatchWeights
    costs: CostSettings


_CONTEXT_KEY = "matching.context"


def match_context(db: Database) -> MatchContext:
    cached = db.cache.get(_CONTEXT_KEY)
    if isinstance(cached, MatchContext):
        return cached
    with db.unit_of_work() as session:
        programs = catalog_repo.load_programs(session)
        expectation_overrides = match_repo.expectation_overrides(session)
        stored = match_repo.get_setting(session, WEIGHTS_KEY)
        costs = _cost_settings(session)
    model = shipped_prerequisites().with_overrides(expectation_overrides)
    context = MatchContext(
        programs, index_catalog(programs, model), model, shipped_bridges(),
        MatchWeights.model_validate(stored or {}), costs,
    )  # fmt: skip
    # The catalog lives until the next catalog write: out of the cyclic collector's way, so
    # that a full collection over 10,000 programs does not land in a re-ranking.
    gc.collect()
    gc.freeze()
    db.cache[_CONTEXT_KEY] = context
    return context


class StudentMatches:
    """One student's ranking (best first) with the shortlist and the counselor's bucket
    overrides: the window, the command line, the PDF and the self-test all read this."""

    def __init__(
        self,
        student_id: int,
        profile: StudentProfile,
        ranking: Ranking,
        shortlist: list[ShortlistEntry],
        context: MatchContext,
    ) -> None:
        self.student_id = student_id
        self.profile = profile
        self.ranking = ranking
        self.shortlist = shortlist
        self.overrides = ranking.overrides
        self.context = context

    @property
    def matches(self) -> Ranking:
        return self.ranking

    @property
    def costs(self) -> CostSettings:
        return self.context.costs

    def explain(self, index: int) -> Match:
        """The program at ``index`` with every reason in words and its cost lines."""
        return self.ranking[index]

    def explain_program(self, program_id: str) -> Match | None:
        index = self.ranking.index_of(program_id)
        return None if index < 0 else self.ranking[index]

    def by_program(self) -> dict[str, Match]:
        return self.ranking.by_program()


def _student_inputs(
    db: Database, student_id: int
) -> tuple[StudentRecord, dict[str, BucketOverride], list[ShortlistEntry]]:
    """What ranking needs of one student, in one read: the profile, the counselor's bucket
    overrides and the shortlist."""
    with db.unit_of_work() as session:
        record = student_repo.load(session, student_id)
        if record is None:
            raise NotFoundError(f"no student with number {student_id}")
        return (
            record,
            match_repo.overrides_for(session, student_id),
            match_repo.shortlist(session, student_id),
        )


def match_student(
    db: Database, student_id: int, *, today: date | None = None, voice: Voice = COUNSELOR
) -> StudentMatches:
    """Every program of the catalog for one student, best first. Fast enough to run after
    each profile change with 10,000 programs: sentences are built for the programs read,
    in ``voice`` (to the counselor about the student, or to the student)."""
    c = match_context(db)
    record, overrides, shortlist = _student_inputs(db, student_id)
    ranking = rank(
        c.index, record.profile, c.model, c.bridges, c.weights,
        today=today or date.today(), overrides=overrides, costs=c.costs, voice=voice,
    )  # fmt: skip
    return StudentMatches(student_id, record.profile, ranking, shortlist, c)


def set_override(
    db: Database, student_id: int, program_id: str, bucket: Bucket | None, reason: str = ""
) -> None:
    """The counselor's bucket for one student and program (None removes it)."""
    if bucket is not None and not reason.strip():
        raise InputError("Say why the bucket is overridden: the reason is shown with it")
    with db.unit_of_work() as session:
        _check(session, student_id, program_id)
        override = BucketOverride(bucket, reason.strip()) if bucket is not None else None
        match_repo.set_override(session, student_id, program_id, override)


def add_to_shortlist(db: Database, student_id: int, program_id: str, note: str = "") -> None:
    with db.unit_of_work() as session:
        _check(session, student_id, program_id)
        match_repo.add_to_shortlist(session, student_id, program_id, note.strip())


def remove_from_shortlist(db: Database, student_id: int, program_id: str) -> None:
    with db.unit_of_work() as session:
        match_repo.remove_from_shortlist(session, student_id, program_id)


def reorder_shortlist(db: Database, student_id: int, program_ids: list[str]) -> None:
    with db.unit_of_work() as session:
        match_repo.reorder_shortlist(session, student_id, program_ids)


@dataclass(frozen=True)
class StudentWork:
    """One student's shortlist (order, notes, when each was added) or one of their bucket
    overrides (bucket, reason, when it was set), exactly as stored: what Edit ▸ Undo of a
    shortlist or bucket change puts back."""

    student_id: int
    what: str  # "shortlist" or "bucket override" (for messages)
    rows: rows.SavedRows

    def renumbered(self, old: int, new: int) -> StudentWork:
        """The same, for a student brought back under number ``new`` (it was ``old``)."""
        if self.student_id != old:
            return self
        return StudentWork(new, self.what, self.rows.renumbered("student_id", old, new))


def shortlist_state(db: Database, student_id: int) -> StudentWork:
    with db.unit_of_work() as session:
        return StudentWork(
            student_id, "shortlist", rows.save(session, "shortlist_entry", student_id=student_id)
        )


def override_state(db: Database, student_id: int, program_id: str) -> StudentWork:
    with db.unit_of_work() as session:
        saved = rows.save(session, "match_override", student_id=student_id, program_id=program_id)
    return StudentWork(student_id, "bucket override", saved)


def restore_student_work(db: Database, state: StudentWork, *, expect: StudentWork) -> None:
    """Put ``state`` back, provided the rows are still as ``expect`` says (what the change
    being undone or redone left): anything changed since, elsewhere, is never written over
    (:class:`ChangedSinceError`, nothing written)."""
    with db.unit_of_work() as session:
        if student_repo.load(session, state.student_id) is None:
            raise NotFoundError("The student is no longer in the database (deleted since?).")
        try:
            rows.put_back(session, state.rows, expect=expect.rows)
        except rows.RowsChangedError:
            raise ChangedSinceError(
                f"The student's {state.what} has changed since (in another window or on the "
                "command line), so it was left as it is now."
            ) from None


def get_shortlist(db: Database, student_id: int) -> list[ShortlistEntry]:
    with db.unit_of_work() as session:
        return match_repo.shortlist(session, student_id)


def program_expectations(db: Database, program_id: str) -> dict[Subject, Expectation]:
    """What the program expects for each subject: the default, or the counselor's override."""
    with db.unit_of_work() as session:
        overrides = match_repo.expectation_overrides(session)
    return shipped_prerequisites().with_overrides(overrides).expectations(program_id)


def set_program_expectations(
    db: Database, program_id: str, values: dict[Subject, Expectation]
) -> None:
    """Override what one program expects (subjects left out follow the default)."""
    with db.unit_of_work() as session:
        if catalog_repo.load_program(session, program_id) is None:
            raise NotFoundError(f"no program with id '{program_id}'")
        store_expectations(session, program_id, values)


def store_expectations(
    session: Session, program_id: str, values: dict[Subject, Expectation]
) -> None:
    """Within the caller's unit of work: see :func:`set_program_expectations`."""
    defaults = shipped_prerequisites().expectations("")
    changed = {s: e for s, e in values.items() if defaults[s] is not e}
    match_repo.set_expectations(session, program_id, changed)


def _check(session: Session, student_id: int, program_id: str) -> None:
    if student_repo.load(session, student_id) is None:
        raise NotFoundError(f"no student with number {student_id}")
    if catalog_repo.load_program(session, program_id) is None:
        raise NotFoundError(f"no program with id '{program_id}'")
