"""Roster CSV files, as counselors keep them in spreadsheets (``docs/roster-format.md``).

Header names are case-insensitive; UTF-8 with or without BOM; comma or semicolon. Each
row becomes a profile or a list of errors naming the row (as a spreadsheet numbers it),
the column and why. Export writes the same columns, with spreadsheet formulas defused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gradmatch.domain.fields import (
    BY_PATH,
    COLUMN_FIELDS,
    ProfileField,
    build,
    parse_texts,
)
from gradmatch.domain.profile import StudentProfile
from gradmatch.errors import InputError

MAX_ROSTER_BYTES = 20 * 1024 * 1024
MAX_CELL = 10_000
# What makes a spreadsheet run a cell: these first characters (their full-width forms
# too, which some spreadsheets read as the same), at the start of the cell or of any part
# of it that follows a `,`, a `;` or a line break (a spreadsheet that splits on the other
# separator sees that part as a cell of its own), after spaces and apostrophes.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_DANGER = "".join(FORMULA_START)
_DEFUSE = re.compile(f"(^|[,;\r\n])( *)(?='*[{re.escape(_DANGER)}])")
_UNDEFUSE = re.compile(f"(^|[,;\r\n])( *)'(?='*[{re.escape(_DANGER)}])")


@dataclass(frozen=True)
class Column:
    name: str
    field: ProfileField  # its path, kind, parser, format, bounds, words and description

    @property
    def description(self) -> str:
        return self.field.description


# One column per profile field that has one, in the order the fields are declared
# (domain/fields.py): names, order and meaning are a public contract, extended only.
COLUMNS: list[Column] = [Column(f.column, f) for f in COLUMN_FIELDS if f.column is not None]
COLUMN_NAMES = [column.name for column in COLUMNS]


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass(frozen=True)
class RosterRow:
    row: int
    cells: dict[str, str]
    profile: StudentProfile | None
    errors: tuple[RowError, ...]


@dataclass(frozen=True)
class Roster:
    rows: tuple[RosterRow, ...]
    unknown_columns: tuple[str, ...]
    delimiter: str

    @property
    def valid(self) -> list[RosterRow]:
        return [row for row in self.rows if row.profile is not None]

    @property
    def invalid(self) -> list[RosterRow]:
        return [row for row in self.rows if row.profile is None]

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]


class RosterError(InputError):
    """The file as a whole cannot be read as a roster."""


# ---------------------------------------------------------------- reading


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError(f"{name} is too large for a roster ({len(data):,} bytes)")
    if b"\x00" in data[:4096]:
        raise RosterError(
            f"{name} is not a text file (a spreadsheet saved as .xlsx?); save it as CSV"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RosterError(
            f"{name} is not UTF-8 text (byte {error.start + 1}); "
            "save it from your spreadsheet as “CSV UTF-8”"
        ) from None


def _undefuse(text: str) -> str:
    """Undo the apostrophes :func:`defuse` puts in: exactly one before each part of the
    cell that could run as a formula (so a text that began with apostrophes keeps them)."""
    return _UNDEFUSE.sub(r"\1\2", text)


def read_roster(data: bytes, name: str) -> Roster:
    text = _decode(data, name)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    csv.field_size_limit(MAX_ROSTER_BYTES)  # long cells are refused one by one, by name
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise RosterError(f"{name} is not a readable CSV file ({error})") from None
    records = [r for r in records if any(cell.strip() for cell in r)] if records else []
    if not records:
        raise RosterError(f"{name} is empty: it needs a header row and at least one student")
    header = [cell.strip().casefold().replace(" ", "_").replace("-", "_") for cell in records[0]]
    missing = [required for required in ("full_name", "email") if required not in header]
    if missing:
        raise RosterError(
            f"{name} has no {' or '.join(missing)} column in its first row "
            f"(found: {', '.join(c for c in records[0] if c.strip())[:200] or 'nothing'})"
        )
    duplicates = sorted({h for h in header if h and header.count(h) > 1})
    if duplicates:
        raise RosterError(f"{name} has the column {duplicates[0]} twice")
    known = set(COLUMN_NAMES)
    unknown = tuple(h for h in header if h and h not in known)
    rows = []
    for offset, record in enumerate(records[1:], start=2):
        cells = {
            header[i]: _undefuse(value.strip())
            for i, value in enumerate(record)
            if i < len(header) and header[i] in known
        }
        extra = [v for v in record[len(header) :] if v.strip()]
        rows.append(parse_row(offset, cells, extra_cells=len(extra)))
    return Roster(tuple(rows), unknown, delimiter)


def parse_row(
    row: int,
    cells: Mapping[str, str],
    *,
    extra_cells: int = 0,
    base: StudentProfile | None = None,
) -> RosterRow:
    """One row's cells (by column name) read as a profile, each field by its declaration.

    A blank cell is a blank answer: "not answered" for a yes/no question, the field's
    default otherwise. With ``base`` (the stored student a row updates), the columns in
    ``cells`` replace its values and everything else it holds stays.
    """
    texts: dict[str, str] = {}
    refused: dict[str, str] = {}  # by path
    for column in COLUMNS:
        if base is not None and column.name not in cells:
            continue
        text = cells.get(column.name, "")
        if len(text) > MAX_CELL:
            refused[column.field.path] = f"longer than {MAX_CELL:,} characters"
        else:
            texts[column.field.path] = text
    values, unreadable = parse_texts(texts)
    reading = build(values, base=base, errors={**refused, **unreadable})
    errors = [RowError(row, column_for(path), text) for path, text in reading.errors.items()]
    if extra_cells:
        errors.append(RowError(row, "(extra)", f"{extra_cells} value(s) beyond the last column"))
    if errors or reading.profile is None:
        return RosterRow(row, dict(cells), None, tuple(errors))
    return RosterRow(row, dict(cells), reading.profile, ())


def column_for(path: str) -> str:
    """The roster column of a field (the path itself for a field the roster has not)."""
    declared = BY_PATH.get(path)
    if declared is not None and declared.column is not None:
        return declared.column
    return path


# ---------------------------------------------------------------- writing


def defuse(text: str) -> str:
    """An apostrophe before every part of the cell a spreadsheet could run as a formula:
    the cell's start and each part after a `,` or `;`, if it begins (after spaces and
    apostrophes) with one of ``FORMULA_START``. :func:`_undefuse` undoes it exactly."""
    return _DEFUSE.sub(r"\1\2'", text)


def profile_cells(profile: StudentProfile) -> dict[str, str]:
    """The profile as roster cells (as an import would read them), by column name."""
    return {
        name: _undefuse(cell) for name, cell in zip(COLUMN_NAMES, profile_row(profile), strict=True)
    }


def profile_row(profile: StudentProfile) -> list[str]:
    """The profile as a roster row: a blank cell for an answer not given."""
    return [defuse(column.field.cell(column.field.get(profile))) for column in COLUMNS]


def write_roster(profiles: Iterable[StudentProfile]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for profile in profiles:
        writer.writerow(profile_row(profile))
    return buffer.getvalue()
