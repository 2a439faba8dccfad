"""Catalog rows <-> domain models. Functions take the caller's session (one unit of work)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from gradmatch.domain.catalog import (
    PROVENANCE_FIELDS,
    Catalog,
    FieldEdit,
    GrePolicy,
    Listing,
    Program,
    RankingEntry,
    RankingList,
    SourceInfo,
    SummaryClaim,
    Tuition,
    rankings_for,
)
from gradmatch.domain.catalog_diff import CatalogDiff, TakeAll, diff_catalog
from gradmatch.domain.program_facts import FACT_NAMES, Provenance
from gradmatch.domain.program_fields import EDITABLE
from gradmatch.store.tables import (
    CatalogSourceRow,
    MatchOverrideRow,
    ProgramEditRow,
    ProgramExpectationRow,
    ProgramProvenanceRow,
    ProgramRow,
    RankingRow,
    SettingRow,
    ShortlistRow,
)

EDITABLE_FIELDS = EDITABLE
COST_OVERRIDES_KEY = "cost_overrides"  # the setting holding each program's own cost figures


def _cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


def _dollars(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / 100


def _tuition(flat: int | None, in_state: int | None, out_of_state: int | None) -> Tuition | None:
    if flat is None and in_state is None and out_of_state is None:
        return None
    return Tuition(
        flat=_dollars(flat), in_state=_dollars(in_state), out_of_state=_dollars(out_of_state)
    )


def _fill_row(row: ProgramRow, program: Program) -> None:
    row.school = program.school
    row.city = program.city
    row.state = program.state
    row.program = program.program
    row.mode = program.mode.value
    row.delivery = program.delivery.value
    row.artiba = program.artiba
    row.credits = program.credits
    rate, total = program.cost_per_credit, program.stated_total
    row.rate_flat_cents = _cents(rate.flat) if rate else None
    row.rate_in_state_cents = _cents(rate.in_state) if rate else None
    row.rate_out_of_state_cents = _cents(rate.out_of_state) if rate else None
    row.total_flat_cents = _cents(total.flat) if total else None
    row.total_in_state_cents = _cents(total.in_state) if total else None
    row.total_out_of_state_cents = _cents(total.out_of_state) if total else None
    row.gre_policy = program.gre.policy.value if program.gre else None
    row.gre_text = program.gre.text if program.gre else None
    row.control = program.control.value if program.control else None
    row.control_basis = program.control_basis
    row.url = program.url
    row.as_of = program.as_of
    row.verified = program.verified
    row.notes = program.notes
    row.listings = [listing.model_dump(mode="json") for listing in program.listings]
    facts = program.model_dump(mode="json", include=set(FACT_NAMES), exclude_none=True)
    if row.facts != facts:
        row.facts = facts
    row.origin = program.origin
    row.retired_on = program.retired_on.isoformat() if program.retired_on else None
    row.retired_by = program.retired_by if program.retired_on else None


def _write_provenance(session: Session, program: Program) -> None:
    """The program's provenance rows, as its ``provenance`` says (the others: default)."""
    session.execute(
        delete(ProgramProvenanceRow).where(ProgramProvenanceRow.program_id == program.id)
    )
    for name, found in program.provenance.items():
        session.add(
            ProgramProvenanceRow(
                program_id=program.id,
                field=name,
                source=found.source.value,
                as_of=found.as_of,
                url=found.url,
                verified_by=found.verified_by,
                verified_on=found.verified_on.isoformat() if found.verified_on else None,
            )
        )


def _provenance_rows(
    session: Session, program_id: str | None = None
) -> dict[str, dict[str, Provenance]]:
    query = select(ProgramProvenanceRow)
    if program_id is not None:
        query = query.where(ProgramProvenanceRow.program_id == program_id)
    found: dict[str, dict[str, Provenance]] = {}
    for row in session.scalars(query):
        found.setdefault(row.program_id, {})[row.field] = Provenance(
            source=row.source,
            as_of=row.as_of,
            url=row.url,
            verified_by=row.verified_by,
            verified_on=date.fromisoformat(row.verified_on) if row.verified_on else None,
        )
    return found


def _program_from_row(
    row: ProgramRow, lists: tuple[RankingList, ...], provenance: dict[str, Provenance]
) -> Program:
    program = Program(
        id=row.id,
        school=row.school,
        city=row.city,
        state=row.state,
        program=row.program,
        mode=row.mode,
        delivery=row.delivery,
        artiba=row.artiba,
        credits=row.credits,
        cost_per_credit=_tuition(
            row.rate_flat_cents, row.rate_in_state_cents, row.rate_out_of_state_cents
        ),
        stated_total=_tuition(
            row.total_flat_cents, row.total_in_state_cents, row.total_out_of_state_cents
        ),
        gre=(
            GrePolicy(policy=row.gre_policy, text=row.gre_text or row.gre_policy)
            if row.gre_policy
            else None
        ),
        control=row.control,
        control_basis=row.control_basis,
        url=row.url,
        as_of=row.as_of,
        verified=row.verified,
        notes=row.notes,
        listings=tuple(Listing.model_validate(item) for item in row.listings),
        retired_on=date.fromisoformat(row.retired_on) if row.retired_on else None,
        retired_by=(row.retired_by or "import") if row.retired_on else None,
        origin=row.origin,
        provenance=provenance,
        **row.facts,
    )
    return program.model_copy(update={"rankings": rankings_for(program, lists)})


def load_ranking_lists(session: Session) -> tuple[RankingList, ...]:
    rows = session.scalars(
        select(RankingRow).order_by(RankingRow.year.desc(), RankingRow.list, RankingRow.position)
    ).all()
    grouped: dict[tuple[int, str], list[RankingEntry]] = {}
    for row in rows:
        grouped.setdefault((row.year, row.list), []).append(
            RankingEntry(
                position=row.position, printed_number=row.printed_number, school=row.school
            )
        )
    return tuple(
        RankingList(year=year, list=kind, entries=tuple(entries))
        for (year, kind), entries in grouped.items()
    )


def load_programs(session: Session, *, include_retired: bool = False) -> list[Program]:
    """The catalog's programs in order; retired ones only when asked for."""
    lists = load_ranking_lists(session)
    query = select(ProgramRow).order_by(ProgramRow.position)
    if not include_retired:
        query = query.where(ProgramRow.retired_on.is_(None))
    rows = session.scalars(query).all()
    provenance = _provenance_rows(session)
    return [_program_from_row(row, lists, provenance.get(row.id, {})) for row in rows]


def load_program(session: Session, program_id: str) -> Program | None:
    row = session.get(ProgramRow, program_id)
    if row is None:
        return None
    provenance = _provenance_rows(session, program_id).get(program_id, {})
    return _program_from_row(row, load_ranking_lists(session), provenance)


def load_catalog(session: Session, *, include_retired: bool = False) -> Catalog | None:
    source_row = session.get(CatalogSourceRow, 1)
    if source_row is None:
        return None
    return Catalog(
        source=SourceInfo.model_validate(source_row.source),
        programs=tuple(load_programs(session, include_retired=include_retired)),
        rankings=load_ranking_lists(session),
        summary_claims=tuple(SummaryClaim.model_validate(c) for c in source_row.summary_claims),
    )


def summary(session: Session) -> tuple[int, int, str | None]:
    """(programs, verified programs, the source's "as of" month) without loading programs."""
    count, verified = session.execute(
        select(func.count(), func.coalesce(func.sum(ProgramRow.verified), 0)).where(
            ProgramRow.retired_on.is_(None)
        )
    ).one()
    row = session.get(CatalogSourceRow, 1)
    as_of = SourceInfo.model_validate(row.source).as_of if row is not None else None
    return int(count), int(verified), as_of


def catalog_file_name(session: Session) -> str | None:
    row = session.get(CatalogSourceRow, 1)
    return None if row is None else row.file_name


def catalog_diff(
    session: Session, catalog: Catalog, take: Collection[tuple[str, str]] | TakeAll = ()
) -> CatalogDiff:
    """What ``catalog`` changes in the stored one (see :mod:`gradmatch.domain.catalog_diff`)."""
    stored = load_programs(session, include_retired=True)
    edited = {(edit.program_id, edit.field): edit.original for edit in load_edits(session)}
    return diff_catalog(stored, edited, catalog, take)


def replace_catalog(
    session: Session,
    catalog: Catalog,
    file_name: str,
    *,
    today: date | None = None,
    take: Collection[tuple[str, str]] | TakeAll = (),
) -> tuple[int, int]:
    """Put ``catalog`` in place of the stored one, merging it field by field.

    Counselor edits and verifications stand against the file's values unless taken
    (``take``); a program whose id changed (same school, program and delivery) keeps its
    students' shortlist entries, notes, overrides, edits and cost figures under the new
    id. Programs the new catalog leaves out are *retired* (``retired_on`` = today), never
    deleted; programs a counselor added stay. A program an import retired that comes back
    is un-retired. Returns (edits kept, edits dropped): none is dropped.
    """
    diff = catalog_diff(session, catalog, take)
    incoming_by_id = {program.id: program for program in catalog.programs}
    stamp = (today or _now().date()).isoformat()
    for old_id, new_id in diff.renamed.items():
        _move_program(session, old_id, new_id)
    missing = [program.id for program in diff.missing]
    if missing:
        session.execute(
            update(ProgramRow)
            .where(ProgramRow.id.in_(missing))
            .values(retired_on=stamp, retired_by="import")
        )
    session.execute(delete(RankingRow))
    session.execute(delete(CatalogSourceRow))
    session.flush()
    merged_ids = {program.id for program in diff.merged}
    standing = set(diff.standing()) | {
        (program.id, name)
        for program in diff.merged
        for name in EDITABLE
        if _json_value(program, name) != _json_value(incoming_by_id[program.id], name)
    }
    edits = {
        (row.program_id, row.field): row
        for row in session.scalars(
            select(ProgramEditRow).where(ProgramEditRow.program_id.in_(merged_ids))
        )
    }
    incoming = {program.id: program for program in catalog.programs}
    kept = 0
    for position, program in enumerate(diff.merged):
        row = session.get(ProgramRow, program.id)
        if row is None:
            row = ProgramRow(id=program.id, position=position, facts={})
            session.add(row)
        row.position = position
        _fill_row(row, program)
        _write_provenance(session, program)
        for (program_id, name), edit in list(edits.items()):
            if program_id != program.id:
                continue
            if (program_id, name) in standing:
                edit.original = {"value": _json_value(incoming[program_id], name)}
                kept += 1
            elif _json_value(program, name) == _json_value(incoming[program_id], name):
                session.delete(edit)  # the file's value is the program's now
        for program_id, name in standing:
            if program_id == program.id and (program_id, name) not in edits:
                # verified by the counselor, now different from the catalog's: an edit
                session.add(
                    ProgramEditRow(
                        program_id=program_id,
                        field=name,
                        original={"value": _json_value(incoming[program_id], name)},
                        edited_at=_now().isoformat(timespec="seconds"),
                    )
                )
                kept += 1
    # Programs a counselor added, and retired ones, after the catalog's, in their order.
    others = session.scalars(
        select(ProgramRow).where(ProgramRow.id.not_in(merged_ids)).order_by(ProgramRow.position)
    ).all()
    for offset, row in enumerate(others):
        row.position = len(diff.merged) + offset
    for ranking_list in catalog.rankings:
        for entry in ranking_list.entries:
            session.add(
                RankingRow(
                    year=ranking_list.year,
                    list=ranking_list.list.value,
                    position=entry.position,
                    printed_number=entry.printed_number,
                    school=entry.school,
                )
            )
    session.add(
        CatalogSourceRow(
            id=1,
            source=catalog.source.model_dump(mode="json"),
            summary_claims=[claim.model_dump(mode="json") for claim in catalog.summary_claims],
            file_name=file_name,
            imported_at=_now().isoformat(timespec="seconds"),
        )
    )
    session.flush()
    return kept, 0


def _move_program(session: Session, old_id: str, new_id: str) -> None:
    """Give the program ``old_id`` the id ``new_id``: a new row, every row that points at
    the old one moved to it (shortlist entries, notes, overrides, edits, expectations,
    provenance, its own cost figures), then the old row, now pointed at by nothing, goes
    (the foreign keys' RESTRICT would refuse it otherwise)."""
    old = session.get(ProgramRow, old_id)
    assert old is not None
    row = ProgramRow(id=new_id, position=old.position, facts={})
    for column in ProgramRow.__table__.columns:
        if column.key != "id":
            setattr(row, column.key, getattr(old, column.key))
    session.add(row)
    session.flush()
    for table in (ShortlistRow, MatchOverrideRow, ProgramEditRow, ProgramExpectationRow,
                  ProgramProvenanceRow):  # fmt: skip
        session.execute(update(table).where(table.program_id == old_id).values(program_id=new_id))
    setting = session.get(SettingRow, COST_OVERRIDES_KEY)
    if setting is not None and old_id in (setting.value or {}):
        value = dict(setting.value)
        value[new_id] = value.pop(old_id)
        setting.value = value
    session.flush()
    session.delete(old)
    session.flush()


def add_program(session: Session, program: Program) -> Program:
    """A new program (a counselor's), at the end of the catalog."""
    last = session.scalar(select(func.max(ProgramRow.position)))
    row = ProgramRow(id=program.id, position=(last + 1) if last is not None else 0, facts={})
    session.add(row)
    _fill_row(row, program)
    session.flush()
    _write_provenance(session, program)
    session.flush()
    loaded = load_program(session, program.id)
    assert loaded is not None
    return loaded


def set_retired(session: Session, program_id: str, retired_on: date | None) -> None:
    """Retire a program by hand (it stays for the students who shortlisted it), or restore."""
    row = session.get(ProgramRow, program_id)
    if row is None:
        raise KeyError(program_id)
    row.retired_on = retired_on.isoformat() if retired_on else None
    row.retired_by = "counselor" if retired_on else None
    session.flush()


def set_provenance(session: Session, program: Program) -> Program:
    """Store ``program.provenance`` (e.g. after a verification) as it is."""
    _write_provenance(session, program)
    session.flush()
    loaded = load_program(session, program.id)
    assert loaded is not None
    return loaded


def retired_programs(session: Session, ids: set[str] | None = None) -> dict[str, date]:
    """The retired programs (of ``ids`` when given) with the day each was retired."""
    query = select(ProgramRow.id, ProgramRow.retired_on).where(ProgramRow.retired_on.is_not(None))
    if ids is not None:
        query = query.where(ProgramRow.id.in_(ids))
    return {row.id: date.fromisoformat(row.retired_on) for row in session.execute(query)}


def update_program(
    session: Session,
    program: Program,
    changes: dict[str, Any],
    *,
    provenance: Provenance | None = None,
) -> Program:
    """Apply a counselor's changes, remembering each field's original catalog value once;
    each field changed gets ``provenance`` when given (who says so, as of when)."""
    row = session.get(ProgramRow, program.id)
    if row is None:
        raise KeyError(program.id)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    current = _program_from_row(row, (), _provenance_rows(session, program.id).get(program.id, {}))
    updated = Program.model_validate({**current.model_dump(), **changes, "rankings": ()})
    if provenance is not None:
        changed = [f for f in changes if getattr(updated, f) != getattr(current, f)]
        stamped = {f: provenance for f in changed if f in PROVENANCE_FIELDS}
        updated = updated.model_copy(update={"provenance": {**updated.provenance, **stamped}})
    stamp = _now().isoformat(timespec="seconds")
    for field in changes:
        if getattr(updated, field) == getattr(current, field):
            continue
        edit = session.scalars(
            select(ProgramEditRow).where(
                ProgramEditRow.program_id == program.id, ProgramEditRow.field == field
            )
        ).one_or_none()
        if edit is None:
            original = _json_value(current, field)
            session.add(
                ProgramEditRow(
                    program_id=program.id,
                    field=field,
                    original={"value": original},
                    edited_at=stamp,
                )
            )
        elif edit.original.get("value") == _json_value(updated, field):
            session.delete(edit)  # edited back to the catalog's value: no longer an edit
        else:
            edit.edited_at = stamp
    _fill_row(row, updated)
    _write_provenance(session, updated)
    session.flush()
    loaded = load_program(session, program.id)
    assert loaded is not None
    return loaded


def _json_value(program: Program, field: str) -> Any:
    return program.model_dump(mode="json", include={field})[field]


def load_edits(session: Session, program_id: str | None = None) -> list[FieldEdit]:
    query = select(ProgramEditRow).order_by(ProgramEditRow.program_id, ProgramEditRow.field)
    if program_id is not None:
        query = query.where(ProgramEditRow.program_id == program_id)
    return [
        FieldEdit(
            program_id=row.program_id,
            field=row.field,
            original=row.original.get("value"),
            edited_at=datetime.fromisoformat(row.edited_at),
        )
        for row in session.scalars(query)
    ]


def _now() -> datetime:
    return datetime.now(UTC)
