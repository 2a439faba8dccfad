"""What a new catalog file changes, field by field, and the catalog merged from it.

Programs are matched by id, else by their offering (school, program, delivery): an id
that changed keeps the program, and the students' work on it follows the new id. Each
field is compared by its declaration (``program_fields.FIELDS``). A field the counselor
edited or verified keeps the counselor's value against the file's, unless the counselor
takes the file's (``take``). Programs the file lacks are retired, never deleted (not a
program a counselor added); a program retired by an import that comes back is restored.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from gradmatch.domain.catalog import Catalog, Program, school_key
from gradmatch.domain.program_fields import BY_NAME, FIELDS, json_value, normalized

TakeAll = Literal["all"]
Standing = Literal["edited", "verified"]


def offering_key(program: Program) -> tuple[str, str, str]:
    """What names an offering across catalogs whatever its id: school, program, delivery."""
    return (school_key(program.school), " ".join(program.program.casefold().split()),
            program.mode.value)  # fmt: skip


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any  # the value stored now (JSON data)
    new: Any  # the file's value
    stands: Standing | None  # the counselor's value stands: edited or verified by them
    taken: bool = False  # the counselor takes the file's value all the same

    @property
    def applies(self) -> bool:
        return self.stands is None or self.taken

    def sentence(self) -> str:
        declared = BY_NAME[self.field]
        text = f"{self.field}: {declared.format(self.old)} → {declared.format(self.new)}"
        if self.stands and not self.taken:
            text += f" (kept: {self.stands} by the counselor; --take to use the new value)"
        elif self.taken:
            text += " (the counselor's value replaced, as asked)"
        return text


@dataclass(frozen=True)
class ProgramChange:
    program_id: str  # the file's id
    label: str
    previous_id: str | None  # the stored id, when the file gives the program a new one
    changes: tuple[FieldChange, ...]
    restored: bool = False  # retired by an import, back in the catalog now


@dataclass(frozen=True)
class CatalogDiff:
    added: tuple[Program, ...]
    changed: tuple[ProgramChange, ...]
    missing: tuple[Program, ...]  # to be retired
    unchanged: int
    merged: tuple[Program, ...]  # the file's programs, with the values that stand

    @property
    def renamed(self) -> dict[str, str]:
        """Old id -> new id."""
        return {c.previous_id: c.program_id for c in self.changed if c.previous_id}

    def standing(self) -> list[tuple[str, str]]:
        """(program id, field) whose counselor value stands against the file's."""
        return [
            (change.program_id, f.field)
            for change in self.changed
            for f in change.changes
            if not f.applies
        ]


def _pair(stored: Iterable[Program], incoming: Catalog) -> list[tuple[Program, Program | None]]:
    by_id = {p.id: p for p in stored}
    new_ids = {p.id for p in incoming.programs}
    unclaimed = {
        offering_key(p): p for p in by_id.values() if p.id not in new_ids and p.origin == "catalog"
    }
    pairs: list[tuple[Program, Program | None]] = []
    for program in incoming.programs:
        old = by_id.get(program.id)
        if old is None:
            old = unclaimed.pop(offering_key(program), None)
        pairs.append((program, old))
    return pairs


def diff_catalog(
    stored: Collection[Program],
    edited: Mapping[tuple[str, str], Any],
    incoming: Catalog,
    take: Collection[tuple[str, str]] | TakeAll = (),
) -> CatalogDiff:
    """``stored``: every program in the database, retired ones included; ``edited``: the
    catalog's value (JSON data) of each (program id, field) a counselor edited; ``take``:
    (file's program id, field) whose file value the counselor takes over their own, or
    "all". A counselor's edit of a field the file leaves as the catalog had it is no
    change: it stands, unlisted."""
    edits = dict(edited)
    added: list[Program] = []
    changed: list[ProgramChange] = []
    merged: list[Program] = []
    matched: set[str] = set()
    unchanged = 0
    for new, old in _pair(stored, incoming):
        if old is None:
            added.append(new)
            merged.append(new)
            continue
        matched.add(old.id)
        changes: list[FieldChange] = []
        values: dict[str, Any] = {}
        provenance = dict(new.provenance)
        for declared in FIELDS:
            name = declared.name
            before, after = json_value(old, name), json_value(new, name)
            mine = old.provenance.get(name)
            verified = mine is not None and mine.verified
            if (
                (old.id, name) in edits
                and normalized(name, edits[(old.id, name)]) == after
                and not (take == "all" or (new.id, name) in take)
            ):
                values[name] = before  # the catalog did not change it: the edit stands
                if name in old.provenance:
                    provenance[name] = old.provenance[name]
                continue
            if before == after:
                if verified and not new.provenance_of(name).verified:
                    provenance[name] = old.provenance_of(name)  # the verification stands
                continue
            stands: Standing | None = (
                "edited" if (old.id, name) in edits else "verified" if verified else None
            )
            taken = stands is not None and (take == "all" or (new.id, name) in take)
            change = FieldChange(name, before, after, stands, taken)
            changes.append(change)
            if not change.applies:
                values[name] = before
                if name in old.provenance:
                    provenance[name] = old.provenance[name]
        restored = old.retired_by == "import"
        program = new.model_copy(
            update={"provenance": provenance, "retired_on": None, "retired_by": None}
        )
        if values:
            program = Program.model_validate(
                {**program.model_dump(mode="json"), **values, "rankings": ()}
            ).model_copy(update={"rankings": new.rankings})
        if old.retired_by == "counselor":  # the counselor's retirement stands
            program = program.model_copy(
                update={"retired_on": old.retired_on, "retired_by": "counselor"}
            )
        merged.append(program)
        previous = old.id if old.id != new.id else None
        if changes or previous or restored:
            changed.append(ProgramChange(new.id, new.full_name, previous, tuple(changes), restored))
        else:
            unchanged += 1
    missing = tuple(
        p for p in stored if p.id not in matched and p.origin == "catalog" and p.retired_on is None
    )
    return CatalogDiff(tuple(added), tuple(changed), missing, unchanged, tuple(merged))
