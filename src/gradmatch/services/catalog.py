"""Catalog use cases: list, check, import, edit."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy.orm import Session

from gradmatch.domain.catalog import Catalog, FieldEdit, Program, SourceInfo
from gradmatch.domain.catalog_diff import CatalogDiff, TakeAll
from gradmatch.domain.catalog_parse import (
    MAX_CATALOG_BYTES,
    CatalogError,
    export_document,
    parse_catalog,
)
from gradmatch.domain.costs import CostOverrides
from gradmatch.domain.json_input import load_json
from gradmatch.domain.prerequisites import Expectation
from gradmatch.domain.profile import Subject
from gradmatch.domain.program_facts import FactSource, Provenance
from gradmatch.domain.program_fields import (
    VERIFIABLE,
    apply_changes,
    model_error,
    read_assignments,
)
from gradmatch.domain.program_fields import field as program_field
from gradmatch.domain.quality import QualityReport, check_catalog
from gradmatch.errors import InputError
from gradmatch.services import backups
from gradmatch.services.database import Database
from gradmatch.services.errors import ChangedSinceError, NotFoundError
from gradmatch.services.files import read_input, write_atomically
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
    diff = catalog_repo.catalog_diff(session, catalog)
    leaving = {program.id: program for program in diff.missing}
    work = match_repo.student_work_on(session, set(leaving))
    retired = tuple(
        RetiredProgram(program_id, _label(leaving[program_id]), *work.get(program_id, (0, 0, 0)))
        for program_id in sorted(leaving, key=lambda i: _label(leaving[i]).casefold())
    )
    restored = tuple(sorted((c.label for c in diff.changed if c.restored), key=str.casefold))
    return ImportPreview(len(catalog.programs), len(diff.added), retired, restored)


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


def import_catalog(
    db: Database, path: Path, *, take: Collection[tuple[str, str]] | TakeAll = ()
) -> ImportResult:
    """Replace the catalog with the file's, all or nothing, backup first; counselor edits
    and verifications stand unless taken (``take``: (program id, field), or "all").
    Programs the file leaves out are retired, never deleted (their students' work stays);
    a program whose id changed keeps its students' work under the new id."""
    catalog = read_catalog_file(path)
    _check_takes(catalog, take)
    backups.before_bulk_write(db, "pre-catalog-import")
    with db.unit_of_work() as session:
        preview = _preview(session, catalog)
        kept, dropped = catalog_repo.replace_catalog(session, catalog, path.name, take=take)
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


# --- Issue 16: a living catalog -------------------------------------------------------

# Keys `gradmatch catalog list --format json` prints that are worked out, not given: a
# program file in that shape is read without them.
_DERIVED_KEYS = ("state_name", "estimated_tuition", "edits", "rankings", "retired_on",
                 "retired_by", "origin")  # fmt: skip
MAX_PROGRAM_BYTES = 1024 * 1024


class ProgramExistsError(InputError):
    """A new program whose id is taken."""


def _today() -> date:
    return datetime.now(UTC).date()


def read_program_file(path: Path) -> Program:
    """One program, in the shape ``gradmatch catalog list --format json`` prints for one
    (its worked-out keys ignored). A field without a provenance is the counselor's."""
    data = read_input(path, MAX_PROGRAM_BYTES)
    try:
        document = load_json(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise InputError(f"{path.name} is not a JSON file") from None
    if isinstance(document, list) and len(document) == 1:
        document = document[0]
    if not isinstance(document, dict):
        raise InputError(f"{path.name} does not hold one program (a JSON object)")
    for key in _DERIVED_KEYS:
        document.pop(key, None)
    document["origin"] = "counselor"
    try:
        return Program.model_validate(document)
    except ValidationError as error:
        raise InputError(f"{path.name}: {model_error(error)}") from None


def add_program(db: Database, path: Path) -> Program:
    """A program the catalog lacks, from a file: added at the end, never retired by an
    import. An id already used (by a retired program too) is refused; nothing is written."""
    program = read_program_file(path)
    with db.unit_of_work() as session:
        if catalog_repo.load_program(session, program.id) is not None:
            raise ProgramExistsError(
                f"a program with id '{program.id}' is already in the catalog; give the new "
                "one another id (or change that one with `gradmatch program edit`)"
            )
        return catalog_repo.add_program(session, program)


def duplicate_program(db: Database, program_id: str, new_id: str) -> Program:
    """A copy of a program under a new id, the counselor's (e.g. the online offering)."""
    with db.unit_of_work() as session:
        program = _get(session, program_id)
        if catalog_repo.load_program(session, new_id) is not None:
            raise ProgramExistsError(f"a program with id '{new_id}' is already in the catalog")
        try:
            copy = Program.model_validate(
                {**program.model_dump(mode="json"), "id": new_id, "origin": "counselor",
                 "retired_on": None, "retired_by": None, "rankings": ()}
            )  # fmt: skip
        except ValidationError as error:
            raise InputError(model_error(error)) from None
        return catalog_repo.add_program(session, copy)


def _get(session: Session, program_id: str) -> Program:
    program = catalog_repo.load_program(session, program_id)
    if program is None:
        raise NotFoundError(f"no program with id '{program_id}'")
    return program


def set_fields(
    db: Database,
    program_id: str,
    assignments: list[tuple[str, str]],
    *,
    source: FactSource = FactSource.COUNSELOR,
    url: str | None = None,
) -> Program:
    """``gradmatch program edit ID --set FIELD=VALUE…``: each value read by its field's
    declaration, the whole program validated, all or nothing. Each field changed keeps the
    catalog's value (an edit) and says who gives it, as of today."""
    changes = read_assignments(assignments)
    with db.unit_of_work() as session:
        program = _get(session, program_id)
        apply_changes(program, changes)  # refuses a bad value with its field's name
        stamp = Provenance(source=source, as_of=_today().isoformat(), url=url)
        return catalog_repo.update_program(session, program, changes, provenance=stamp)


def set_retired(db: Database, program_id: str, retired: bool) -> Program:
    """Retire a program by hand (kept for the students who shortlisted it, marked retired,
    not matched anew) or restore it."""
    with db.unit_of_work() as session:
        program = _get(session, program_id)
        if retired and program.retired_on is not None:
            raise InputError(f"{program.full_name} is already retired")
        if not retired and program.retired_on is None:
            raise InputError(f"{program.full_name} is not retired")
        catalog_repo.set_retired(session, program_id, _today() if retired else None)
        return _get(session, program_id)


@dataclass(frozen=True)
class Verification:
    program: Program
    confirmed: tuple[str, ...]
    corrected: tuple[str, ...]
    unknown: tuple[str, ...]  # fields with no value: nothing to confirm


def verify_program(
    db: Database,
    program_id: str,
    *,
    by: str,
    fields: list[str] | None = None,
    corrections: list[tuple[str, str]] | None = None,
    url: str | None = None,
    on: date | None = None,
) -> Verification:
    """Go through a program's figures against the school's page: confirm each of
    ``fields`` (every field with a value when None), correct those in ``corrections``;
    each is stamped verified by ``by`` on ``on`` (today), from the school's page. All or
    nothing."""
    name = " ".join(by.split())
    if not name:
        raise InputError("say who verified it (--by NAME)")
    if len(name) > 100:
        raise InputError("the name of who verified it is longer than 100 characters")
    changes = read_assignments(corrections or [])
    for field_name in [*(fields or []), *changes]:
        if program_field(field_name).name not in VERIFIABLE:
            raise InputError(f"{field_name}: not a figure that is verified (one of "
                             f"{', '.join(VERIFIABLE)})")  # fmt: skip
    day = on or _today()
    if day > _today():
        raise InputError(f"the verification date {day.isoformat()} is in the future")
    with db.unit_of_work() as session:
        program = _get(session, program_id)
        corrected_program = apply_changes(program, changes)
        stamp = Provenance(source=FactSource.SCHOOL_PAGE, as_of=day.isoformat(), url=url,
                           verified_by=name, verified_on=day)  # fmt: skip
        if changes:
            program = catalog_repo.update_program(session, program, changes, provenance=stamp)
        wanted = (
            list(fields)
            if fields
            else [f for f in VERIFIABLE if getattr(corrected_program, f) is not None]
        )
        unknown = tuple(f for f in wanted if getattr(program, f) is None and f not in changes)
        confirmed = tuple(f for f in wanted if f not in unknown and f not in changes)
        provenance = dict(program.provenance)
        for f in confirmed:
            old = program.provenance_of(f)
            provenance[f] = old.model_copy(
                update={"verified_by": name, "verified_on": day, "url": url or old.url}
            )
        for f in changes:
            provenance[f] = stamp
        program = catalog_repo.set_provenance(
            session, program.model_copy(update={"provenance": provenance})
        )
        if not fields and not program.verified:  # the whole program went through
            program = catalog_repo.update_program(session, program, {"verified": True})
        return Verification(program, confirmed, tuple(changes), unknown)


def not_verified_since(
    db: Database, *, months: int = 12, today: date | None = None
) -> list[Program]:
    """Programs with a known figure not verified in the last ``months`` months (the catalog
    page's filter): the figures a counselor should check against the school's page."""
    day = today or _today()
    since = _months_before(day, months)
    return [
        program
        for program in list_programs(db)
        if any(
            not program.provenance_of(f).verified_since(since)
            for f in VERIFIABLE
            if getattr(program, f) is not None
        )
    ]


def _months_before(day: date, months: int) -> date:
    month = day.year * 12 + day.month - 1 - months
    year, month0 = divmod(month, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month0 + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class DiffReport:
    """What importing a catalog file would change, field by field, and what happens to the
    students' work on the programs it leaves out."""

    file_name: str
    diff: CatalogDiff
    retired: tuple[RetiredProgram, ...]


def diff_file(
    db: Database, path: Path, take: Collection[tuple[str, str]] | TakeAll = ()
) -> DiffReport:
    """``gradmatch catalog diff FILE``: nothing is written."""
    catalog = read_catalog_file(path)
    with db.unit_of_work() as session:
        _check_takes(catalog, take)
        diff = catalog_repo.catalog_diff(session, catalog, take)
        return DiffReport(path.name, diff, _preview(session, catalog).retired)


def _check_takes(catalog: Catalog, take: Collection[tuple[str, str]] | TakeAll) -> None:
    if take == "all":
        return
    ids = {p.id for p in catalog.programs}
    for program_id, field_name in take:
        if program_id not in ids:
            raise InputError(f"--take {program_id}:{field_name}: the file has no program "
                             f"'{program_id}'")  # fmt: skip
        program_field(field_name)


def export_catalog(db: Database, path: Path) -> int:
    """``gradmatch catalog export --out FILE``: the catalog (its programs in the catalog,
    counselor edits and additions included) as a version-2 file with every field's
    provenance, written whole or not at all. Returns the number of programs."""
    with db.unit_of_work() as session:
        catalog = catalog_repo.load_catalog(session)
    if catalog is None:
        raise InputError("the database holds no catalog to export")
    text = json.dumps(export_document(catalog), ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, lambda stream: stream.write(text.encode("utf-8")))
    return len(catalog.programs)


def retired_on(db: Database, program_id: str) -> date | None:
    """The day the program was retired (None: in the catalog); an unknown id is refused."""
    with db.unit_of_work() as session:
        return _get(session, program_id).retired_on
