"""Rows as they are stored, kept and put back exactly: what Edit ▸ Undo restores.

A :class:`SavedRows` holds every row of one table that matches a key (a student's
shortlist, one program's field edits), column by column as the database has them, time
stamps included. :func:`put_back` makes the table hold exactly those rows again, by primary
key: it inserts, updates and deletes only the rows that differ, so that a row other tables
refer to (a program) is updated in place, never deleted and inserted anew. Functions take
the caller's session (one unit of work).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, delete, insert, select, update
from sqlalchemy.orm import Session

from gradmatch.store.tables import Base


class RowsChangedError(LookupError):
    """The rows are no longer as the caller last left them: something else changed them."""


Row = dict[str, Any]


@dataclass(frozen=True)
class SavedRows:
    """The rows of ``table`` whose columns equal ``key``, in primary-key order."""

    table: str
    key: tuple[tuple[str, Any], ...]
    rows: tuple[Row, ...]

    def renumbered(self, column: str, old: Any, new: Any) -> SavedRows:
        """The same rows for what ``column`` now calls ``new`` instead of ``old`` (a
        student brought back under a new number)."""
        key = tuple((c, new if c == column and v == old else v) for c, v in self.key)
        rows = tuple({**r, column: new} if r.get(column) == old else r for r in self.rows)
        return SavedRows(self.table, key, rows)


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def _where(target: Table, key: tuple[tuple[str, Any], ...]) -> Any:
    return and_(*(target.c[column] == value for column, value in key))


def _primary_key(target: Table, row: Row) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in target.primary_key.columns)


def _is(target: Table, primary: tuple[Any, ...]) -> Any:
    return and_(*(c == v for c, v in zip(target.primary_key.columns, primary, strict=True)))


def save(session: Session, name: str, **key: Any) -> SavedRows:
    """The rows of table ``name`` whose columns have the values ``key`` gives."""
    target = table(name)
    pairs = tuple(sorted(key.items()))
    query = select(target).where(_where(target, pairs)).order_by(*target.primary_key.columns)
    rows = tuple(dict(row._mapping) for row in session.execute(query))
    return SavedRows(name, pairs, rows)


def put_back(session: Session, saved: SavedRows, *, expect: SavedRows | None = None) -> None:
    """Make the table hold ``saved``'s rows for its key again, and no others. With
    ``expect``: only if the rows are still exactly those (else :class:`RowsChangedError`, and
    nothing is written)."""
    target = table(saved.table)
    current = save(session, saved.table, **dict(saved.key))
    if expect is not None and current.rows != expect.rows:
        raise RowsChangedError(saved.table)
    now = {_primary_key(target, row): row for row in current.rows}
    wanted = {_primary_key(target, row): row for row in saved.rows}
    for gone in now.keys() - wanted.keys():
        session.execute(delete(target).where(_is(target, gone)))
    for primary, row in wanted.items():
        if primary not in now:
            session.execute(insert(target).values(row))
        elif now[primary] != row:
            session.execute(update(target).where(_is(target, primary)).values(row))


def referring(name: str) -> list[tuple[str, str]]:
    """(table, column) of each foreign key to table ``name``, parents before children: the
    rows that go with a row of ``name`` when it is deleted (``ON DELETE CASCADE``) and must
    come back with it. Read from the schema, so a table added later is never forgotten."""
    target = table(name)
    return [
        (other.name, fk.parent.name)
        for other in Base.metadata.sorted_tables
        if other is not target
        for fk in other.foreign_keys
        if fk.references(target)
    ]


def insert_row(session: Session, name: str, row: Row) -> Any:
    """Insert ``row`` into ``name``. A table with one integer key column: the row keeps its
    key when that is free, else takes the one the database gives. Returns the key used."""
    target = table(name)
    values = dict(row)
    keys = list(target.primary_key.columns)
    if len(keys) != 1 or keys[0].foreign_keys:
        session.execute(insert(target).values(values))
        return _primary_key(target, values)
    key = keys[0]
    if session.execute(select(key).where(key == values[key.name])).first():
        values.pop(key.name)
    if key.name in values:
        session.execute(insert(target).values(values))
        return values[key.name]
    return session.execute(insert(target).values(values).returning(key)).scalar_one()
