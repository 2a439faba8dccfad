"""Matching use cases: rank the catalog for a student, shortlists, overrides, settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy.orm import Session

from gradmatch import locations
from gradmatch.domain.costs import CostDefaults, CostOverrides
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import Bucket, BucketOverride, CostSettings, Match, rank
from gradmatch.domain.prerequisites import (
    BridgeCatalog,
    Expectation,
    PrerequisiteModel,
    parse_bridge_options,
    parse_prerequisites,
)
from gradmatch.domain.profile import Subject
from gradmatch.domain.shortlist import ShortlistEntry
from gradmatch.services.database import Database
from gradmatch.services.errors import NotFoundError
from gradmatch.store import catalog_repo, match_repo, student_repo

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


@dataclass(frozen=True)
class StudentMatches:
    student_id: int
    matches: list[Match]
    shortlist: list[ShortlistEntry]
    model: PrerequisiteModel
    bridges: BridgeCatalog
    weights: MatchWeights
    costs: CostSettings

    def by_program(self) -> dict[str, Match]:
        return {match.program.id: match for match in self.matches}


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
        stored = dict(match_repo.get_setting(session, COST_OVERRIDES_KEY) or {})
        if overrides is None or not overrides.model_dump(exclude_none=True):
            stored.pop(program_id, None)
        else:
            stored[program_id] = overrides.model_dump(mode="json", exclude_none=True)
        match_repo.put_setting(session, COST_OVERRIDES_KEY, stored)


def load_weights(db: Database) -> MatchWeights:
    with db.unit_of_work() as session:
        stored = match_repo.get_setting(session, WEIGHTS_KEY)
    return MatchWeights.model_validate(stored or {})


def save_weights(db: Database, weights: MatchWeights) -> None:
    if weights.total() == 0:
        raise ValueError("At least one weight must be above zero")
    with db.unit_of_work() as session:
        match_repo.put_setting(session, WEIGHTS_KEY, weights.model_dump())


def match_student(db: Database, student_id: int, *, today: date | None = None) -> StudentMatches:
    """Every program of the catalog for one student, best first: one read, then pure code."""
    with db.unit_of_work() as session:
        record = student_repo.load(session, student_id)
        if record is None:
            raise NotFoundError(f"no student with number {student_id}")
        programs = catalog_repo.load_programs(session)
        overrides = match_repo.overrides_for(session, student_id)
        expectation_overrides = match_repo.expectation_overrides(session)
        shortlist = match_repo.shortlist(session, student_id)
        stored = match_repo.get_setting(session, WEIGHTS_KEY)
        costs = _cost_settings(session)
    weights = MatchWeights.model_validate(stored or {})
    model = shipped_prerequisites().with_overrides(expectation_overrides)
    bridges = shipped_bridges()
    matches = rank(
        programs, record.profile, model, bridges, weights,
        today=today or date.today(), overrides=overrides,
    )  # fmt: skip
    return StudentMatches(student_id, matches, shortlist, model, bridges, weights, costs)


def set_override(
    db: Database, student_id: int, program_id: str, bucket: Bucket | None, reason: str = ""
) -> None:
    """The counselor's bucket for one student and program (None removes it)."""
    if bucket is not None and not reason.strip():
        raise ValueError("Say why the bucket is overridden: the reason is shown with it")
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
    defaults = shipped_prerequisites().expectations("")
    changed = {s: e for s, e in values.items() if defaults[s] is not e}
    with db.unit_of_work() as session:
        if catalog_repo.load_program(session, program_id) is None:
            raise NotFoundError(f"no program with id '{program_id}'")
        match_repo.set_expectations(session, program_id, changed)


def _check(session: Session, student_id: int, program_id: str) -> None:
    if student_repo.load(session, student_id) is None:
        raise NotFoundError(f"no student with number {student_id}")
    if catalog_repo.load_program(session, program_id) is None:
        raise NotFoundError(f"no program with id '{program_id}'")
