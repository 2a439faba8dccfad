"""Catalog use cases: list, check, import, edit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy.orm import Session

from gradmatch.domain.catalog import Catalog, FieldEdit, Program, SourceInfo
from gradmatch.domain.catalog_parse import MAX_CATALOG_BYTES, CatalogError, parse_catalog
from gradmatch.domain.costs import CostOverrides
from gradmatch.domain.prerequisites import Expectation
from gradmatch.domain.profile import Subject
from gradmatch.domain.quality import QualityReport, check_catalog
from gradmatch.errors import InputError
from gradmatch.services import backups
from gradmatch.services.database import Database
from gradmatch.services.errors import ChangedSinceError, NotFoundError
from gradmatch.services.files import read_input
from gradmatch.store import catalog_repo, match_repo, rows


@dataclass(frozen=True)
class CatalogView:
    """Everything a catalog page shows, read in one unit of work."""

    programs: list[Program]
    report: QualityReport
    edits: dict[str, list[FieldEdit]]
    source: SourceInfo | None
    file_name: str | None


@dataclass(frozen=True)
class RetiredProgram:
    """A program a catalog import leaves out: retired, and what of the students' work on
    it is kept (all of it, always)."""

    program_id: str
    label: str
    students: int  # students with it on their shortlist
    notes: int  # shortlist notes on it
    overrides: int  # counselor's bucket overrides for it

    def sentence(self) -> str:
        """ "3 students have Duke … on their shortlist: kept, marked retired"."""
        if not (self.students or self.overrides):
            return f"{self.label}: not in the new catalog, retired (on no shortlist)"
        who = "1 student has" if self.students == 1 else f"{self.students} students have"
        text = f"{who} {self.label} on their shortlist: kept, marked retired"
        if not self.students:
            text = f"{self.label}: not in the new catalog, retired"
        kept = [
            f"{count} {word}{'' if count == 1 else 's'}"
            for count, word in ((self.notes, "note"), (self.overrides, "bucket override"))
            if count
        ]
        return text + (f" ({' and '.join(kept)} kept)" if kept else "")


@dataclass(frozen=True)
class ImportPreview:
    """What importing a catalog file would do, said before anything is written."""

    programs: int
    added: int
    retired: tuple[RetiredProgram, ...]
    restored: tuple[str, ...]  # labels of retired programs the file brings back

    def lines(self) -> list[str]:
        return _lines(self.retired, self.restored)


def _lines(retired: tuple[RetiredProgram, ...], restored: tuple[str, ...]) -> list[str]:
    """One line per program retired or back: what happens to the shortlists holding it."""
    return [program.sentence() for program in retired] + [
        f"{label}: back in the catalog, no longer retired" for label in restored
    ]


@dataclass(frozen=True)
class ImportResult:
    programs: int
    rankings: int
    findings: int
    edits_kept: int
    edits_dropped: int
    retired: tuple[RetiredProgram, ...] = ()
    restored: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        return _lines(self.retired, self.restored)


def _label(program: Program) -> str:
    return program.full_name


def _preview(session: Session, catalog: Catalog) -> ImportPreview:
    stored = {p.id: p for p in catalog_repo.load_programs(session, include_retired=True)}
    new_ids = {program.id for program in catalog.programs}
    leaving = {i for i, p in stored.items() if i not in new_ids and p.retired_on is None}
    work = match_repo.student_work_on(session, leaving)
    retired = tuple(
        RetiredProgram(program_id, _label(stored[program_id]), *work.get(program_id, (0, 0, 0)))
        for program_id in sorted(leaving, key=lambda i: _label(stored[i]).casefold())
    )
    restored = tuple(
        _label(stored[i]) for i in sorted(new_ids) if i in stored and stored[i].retired_on
    )
    added = sum(1 for i in new_ids if i not in stored)
    return ImportPreview(len(catalog.programs), added, retired, restored)


def preview_import(db: Database, path: Path) -> ImportPreview:
    """What :func:`import_catalog` would do with ``path``; nothing is written."""
    catalog = read_catalog_file(path)
    with db.unit_of_work() as session:
        return _preview(session, catalog)


def read_catalog_file(path: Path) -> Catalog:
    """Read and validate a catalog file; :class:`CatalogError` names file, record and field.
    Read as every imported file is (:func:`read_input`): never an endless input."""
    try:
        data = read_input(path, MAX_CATALOG_BYTES)
    except InputError as error:
        raise CatalogError([str(error)]) from None
    return parse_catalog(data, path.name)


def load_view(db: Database, *, include_retired: bool = False) -> CatalogView:
    """The catalog page's content; programs retired from the catalog only when asked."""
    with db.unit_of_work() as session:
        catalog = catalog_repo.load_catalog(session, include_retired=include_retired)
        edits: dict[str, list[FieldEdit]] = {}
        for edit in catalog_repo.load_edits(session):
            edits.setdefault(edit.program_id, []).append(edit)
        file_name = catalog_repo.catalog_file_name(session)
    if catalog is None:
        return CatalogView([], QualityReport(findings=(), statistics=()), {}, None, None)
    return CatalogView(
        list(catalog.programs), check_catalog(catalog), edits, catalog.source, file_name
    )


@dataclass(frozen=True)
class CatalogSummary:
    """What the status bar says of the catalog, read without loading any program."""

    programs: int
    verified: int
    as_of: str | None


def summary(db: Database) -> CatalogSummary:
    with db.unit_of_work() as session:
        return CatalogSummary(*catalog_repo.summary(session))


def list_programs(db: Database) -> list[Program]:
    with db.unit_of_work() as session:
        return catalog_repo.load_programs(session)


def quality_report(db: Database) -> QualityReport:
    with db.unit_of_work() as session:
        catalog = catalog_repo.load_catalog(session)
    if catalog is None:
        return QualityReport(findings=(), statistics=())
    return check_catalog(catalog)


def import_catalog(db: Database, path: Path) -> ImportResult:
    """Replace the catalog with the file's, all or nothing; counselor edits are kept.
    Programs the file leaves out are retired, never deleted (their students' work stays)."""
    catalog = read_catalog_file(path)
    backups.before_bulk_write(db, "pre-catalog-import")
    with db.unit_of_work() as session:
        preview = _preview(session, catalog)
        kept, dropped = catalog_repo.replace_catalog(session, catalog, path.name)
    return ImportResult(
        programs=len(catalog.programs),
        rankings=sum(len(r.entries) for r in catalog.rankings),
        findings=len(check_catalog(catalog).findings),
        edits_kept=kept,
        edits_dropped=dropped,
        retired=preview.retired,
        restored=preview.restored,
    )


def edit_program(
    db: Database,
    program_id: str,
    changes: dict[str, Any],
    *,
    expectations: dict[Subject, Expectation] | None = None,
    cost_overrides: CostOverrides | Literal["unchanged"] | None = "unchanged",
) -> Program:
    """Change fields of one program (each field remembers its original catalog value), and
    what it expects and its cost figures where given: all in one unit of work, so that a
    refusal of any part saves none of it."""
    from gradmatch.services import matching as matching_service

    with db.unit_of_work() as session:
        program = catalog_repo.load_program(session, program_id)
        if program is None:
            raise NotFoundError(f"no program with id '{program_id}'")
        if changes:
            try:
                program = catalog_repo.update_program(session, program, changes)
            except ValidationError as error:
                problems = [
                    f"{'.'.join(str(part) for part in detail['loc'])}: "
                    + str(detail["msg"]).removeprefix("Value error, ")
                    for detail in error.errors()
                ]
                raise InputError(f"{program.school}: {'; '.join(problems)}") from None
        if expectations is not None:
            matching_service.store_expectations(session, program_id, expectations)
        if cost_overrides != "unchanged":
            matching_service.store_cost_overrides(session, program_id, cost_overrides)
        return program


@dataclass(frozen=True)
class ProgramSnapshot:
    """One program as the counselor's edits leave it, exactly as stored: its fields, the
    catalog's values of those edited (and when), what it expects, its own cost figures.
    What Edit ▸ Undo of a program edit puts back (:func:`restore_program`)."""

    program_id: str
    parts: tuple[rows.SavedRows, ...]
    costs: Any  # the program's own cost figures as stored, or None


_PROGRAM_PARTS = (("program", "id"), ("program_edit", "program_id"),
                  ("program_expectation", "program_id"))  # fmt: skip


def _program_snapshot(session: Session, program_id: str) -> ProgramSnapshot:
    from gradmatch.services import matching as matching_service

    parts = tuple(rows.save(session, name, **{key: program_id}) for name, key in _PROGRAM_PARTS)
    if not parts[0].rows:
        raise NotFoundError(f"no program with id '{program_id}'")
    costs = matching_service.stored_cost_overrides(session, program_id)
    return ProgramSnapshot(program_id, parts, costs)


def program_snapshot(db: Database, program_id: str) -> ProgramSnapshot:
    with db.unit_of_work() as session:
        return _program_snapshot(session, program_id)


def restore_program(db: Database, snapshot: ProgramSnapshot, *, expect: ProgramSnapshot) -> None:
    """Put the program back as ``snapshot`` has it, in one unit of work, provided it is
    still as ``expect`` says (what the edit being undone or redone left): a change made
    since, elsewhere, is never written over (:class:`ChangedSinceError`, nothing written)."""
    from gradmatch.services import matching as matching_service

    with db.unit_of_work() as session:
        if _program_snapshot(session, snapshot.program_id) != expect:
            raise ChangedSinceError(
                "The program has changed since (in another window or on the command line), "
                "so it was left as it is now."
            )
        for part in snapshot.parts:
            rows.put_back(session, part)
        matching_service.put_stored_cost_overrides(session, snapshot.program_id, snapshot.costs)


def program_edits(db: Database, program_id: str) -> list[FieldEdit]:
    with db.unit_of_work() as session:
        return catalog_repo.load_edits(session, program_id)
