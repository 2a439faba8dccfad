"""Catalog use cases: list, check, import, edit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from gradmatch.domain.catalog import Catalog, FieldEdit, Program, SourceInfo
from gradmatch.domain.catalog_parse import CatalogError, parse_catalog
from gradmatch.domain.costs import CostOverrides
from gradmatch.domain.prerequisites import Expectation
from gradmatch.domain.profile import Subject
from gradmatch.domain.quality import QualityReport, check_catalog
from gradmatch.errors import InputError
from gradmatch.services import backups
from gradmatch.services.database import Database
from gradmatch.services.errors import NotFoundError
from gradmatch.store import catalog_repo


@dataclass(frozen=True)
class CatalogView:
    """Everything a catalog page shows, read in one unit of work."""

    programs: list[Program]
    report: QualityReport
    edits: dict[str, list[FieldEdit]]
    source: SourceInfo | None
    file_name: str | None


@dataclass(frozen=True)
class ImportResult:
    programs: int
    rankings: int
    findings: int
    edits_kept: int
    edits_dropped: int


def read_catalog_file(path: Path) -> Catalog:
    """Read and validate a catalog file; :class:`CatalogError` names file, record and field."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError([f"{path} does not exist"]) from None
    except IsADirectoryError:
        raise CatalogError([f"{path} is a folder, not a catalog file"]) from None
    except OSError as error:
        raise CatalogError([f"{path} cannot be read: {error.strerror}"]) from None
    return parse_catalog(data, path.name)


def load_view(db: Database) -> CatalogView:
    with db.unit_of_work() as session:
        catalog = catalog_repo.load_catalog(session)
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
    """Replace the catalog with the file's, all or nothing; counselor edits are kept."""
    catalog = read_catalog_file(path)
    backups.before_bulk_write(db, "pre-catalog-import")
    with db.unit_of_work() as session:
        kept, dropped = catalog_repo.replace_catalog(session, catalog, path.name)
    return ImportResult(
        programs=len(catalog.programs),
        rankings=sum(len(r.entries) for r in catalog.rankings),
        findings=len(check_catalog(catalog).findings),
        edits_kept=kept,
        edits_dropped=dropped,
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


def program_edits(db: Database, program_id: str) -> list[FieldEdit]:
    with db.unit_of_work() as session:
        return catalog_repo.load_edits(session, program_id)
