"""Catalog rows <-> domain models. Functions take the caller's session (one unit of work)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from gradmatch.domain.catalog import (
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
from gradmatch.store.tables import CatalogSourceRow, ProgramEditRow, ProgramRow, RankingRow

EDITABLE_FIELDS = (
    "credits",
    "cost_per_credit",
    "stated_total",
    "gre",
    "artiba",
    "delivery",
    "control",
    "url",
    "verified",
    "notes",
)


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


def _program_from_row(row: ProgramRow, lists: tuple[RankingList, ...]) -> Program:
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
    return [_program_from_row(row, lists) for row in rows]


def load_program(session: Session, program_id: str) -> Program | None:
    row = session.get(ProgramRow, program_id)
    return None if row is None else _program_from_row(row, load_ranking_lists(session))


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


def replace_catalog(
    session: Session, catalog: Catalog, file_name: str, *, today: date | None = None
) -> tuple[int, int]:
    """Put ``catalog`` in place of the stored one, keeping counselor edits of programs.

    Programs the new catalog leaves out are *retired* (``retired_on`` = today), never
    deleted: the shortlist entries, notes and overrides that point at them stay. A retired
    program that comes back is un-retired. Returns (edits kept, edits dropped): edits of
    retired programs stay with them, so none is dropped any more.
    """
    new_ids = {program.id for program in catalog.programs}
    edits = list(
        session.scalars(select(ProgramEditRow).where(ProgramEditRow.program_id.in_(new_ids)))
    )
    edited_values: dict[tuple[str, str], Any] = {}
    for edit in edits:
        current = load_program(session, edit.program_id)
        if current is not None:
            edited_values[(edit.program_id, edit.field)] = getattr(current, edit.field)
    session.execute(delete(ProgramEditRow).where(ProgramEditRow.program_id.in_(new_ids)))
    # Programs that stay are updated in place; programs no longer in the catalog are
    # retired, so shortlists and overrides that point at them survive.
    stamp = (today or _now().date()).isoformat()
    session.execute(
        update(ProgramRow)
        .where(ProgramRow.id.not_in(new_ids), ProgramRow.retired_on.is_(None))
        .values(retired_on=stamp)
    )
    session.execute(delete(RankingRow))
    session.execute(delete(CatalogSourceRow))
    session.flush()
    for position, program in enumerate(catalog.programs):
        row = session.get(ProgramRow, program.id)
        if row is None:
            row = ProgramRow(id=program.id, position=position)
            session.add(row)
        row.position = position
        row.retired_on = None  # back in the catalog
        _fill_row(row, program)
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
    kept = 0
    by_id = {program.id: program for program in catalog.programs}
    for (program_id, field), value in edited_values.items():
        if program_id in by_id:
            update_program(session, by_id[program_id], {field: value})
            kept += 1
    return kept, 0


def retired_programs(session: Session, ids: set[str] | None = None) -> dict[str, date]:
    """The retired programs (of ``ids`` when given) with the day each was retired."""
    query = select(ProgramRow.id, ProgramRow.retired_on).where(ProgramRow.retired_on.is_not(None))
    if ids is not None:
        query = query.where(ProgramRow.id.in_(ids))
    return {row.id: date.fromisoformat(row.retired_on) for row in session.execute(query)}


def update_program(session: Session, program: Program, changes: dict[str, Any]) -> Program:
    """Apply a counselor's changes, remembering each field's original catalog value once."""
    row = session.get(ProgramRow, program.id)
    if row is None:
        raise KeyError(program.id)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    current = _program_from_row(row, ())
    updated = Program.model_validate({**current.model_dump(), **changes, "rankings": ()})
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
    session.flush()
    return _program_from_row(row, load_ranking_lists(session))


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
