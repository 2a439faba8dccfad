"""Roster CSV files, as counselors keep them in spreadsheets (``docs/roster-format.md``).

Header names are case-insensitive; UTF-8 with or without BOM, or UTF-16; comma, semicolon
or tab, or what a ``sep=`` first line says. Each row becomes a profile or a list of errors
naming the row (as a spreadsheet numbers it: blank rows count), the column and why; two
rows for one student are errors naming each other, and a quote left open that swallows
rows refuses the file with its line. Export writes the same columns, with spreadsheet
formulas defused.
"""

from __future__ import annotations

import codecs
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
from gradmatch.domain.profile import EMAIL, StudentProfile
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


_SEP_LINE = re.compile(r'"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)', re.IGNORECASE)
_LINES = re.compile(r"\r\n|\n|\r")


def _encoding(data: bytes, name: str) -> str:
    """How the bytes are written: UTF-8 (BOM or not) or UTF-16 (Excel's "Unicode text",
    BOM or not); a workbook or another binary file is named as such."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise RosterError(
            f"{name} is a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file; "
            "in your spreadsheet choose Save as ▸ “CSV UTF-8” and import that file"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if odd and odd.count(0) > len(odd) // 2 and even.count(0) == 0:
        return "utf-16-le"
    if even and even.count(0) > len(even) // 2 and odd.count(0) == 0:
        return "utf-16-be"
    if b"\x00" in sample:
        raise RosterError(
            f"{name} is not a text file (a spreadsheet saved as .xlsx?); save it as CSV UTF-8"
        )
    return "utf-8-sig"


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError(f"{name} is too large for a roster ({len(data):,} bytes)")
    encoding = _encoding(data, name)
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        written = "UTF-8" if encoding == "utf-8-sig" else "UTF-16"
        raise RosterError(
            f"{name} is not {written} text (byte {error.start + 1}); "
            "save it from your spreadsheet as “CSV UTF-8”"
        ) from None


def _undefuse(text: str) -> str:
    """Undo the apostrophes :func:`defuse` puts in: exactly one before each part of the
    cell that could run as a formula (so a text that began with apostrophes keeps them)."""
    return _UNDEFUSE.sub(r"\1\2", text)


@dataclass(frozen=True)
class _Record:
    row: int  # the spreadsheet's row number: blank rows count, a `sep=` line does not
    line: int  # the file's line where the record starts (as a text editor numbers it)
    cells: list[str]


def _separator(text: str) -> tuple[str, str | None]:
    """The text without Excel's ``sep=;`` first line, and the separator that line names."""
    found = _SEP_LINE.match(text)
    if found is None:
        return text, None
    return text[found.end() :], found.group(1)


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the first non-blank line has most of."""
    first = next((line for line in _LINES.split(text, maxsplit=20) if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _records(text: str, delimiter: str, name: str, first_line: int) -> list[_Record]:
    csv.field_size_limit(MAX_ROSTER_BYTES)  # long cells are refused one by one, by name
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[_Record] = []
    line = 0
    try:
        for row, cells in enumerate(reader, start=1):
            records.append(_Record(row, first_line + line, cells))
            line = reader.line_num
    except csv.Error as error:
        raise RosterError(
            f"{name} is not a readable CSV file (line {first_line + reader.line_num}: {error})"
        ) from None
    return records


def _swallowed(record: _Record, delimiter: str, email: int) -> tuple[int, str] | None:
    """Where a quote left open swallowed whole rows into one cell: the file line of the
    cell's opening quote and the first swallowed row, else None.

    A cell may hold line breaks (notes over several lines), so a multi-line cell alone is
    no error. But a line inside a cell that reads as a row of its own, with an email address
    in the email column, is a row swallowed by an unclosed quote: notes hardly ever hold a
    line with the file's separators in the right places and an address in the right one.
    """
    line = record.line
    for cell in record.cells:
        inner = _LINES.split(cell)
        for text in inner[1:]:
            try:
                fields = next(csv.reader([text], delimiter=delimiter), [])
            except csv.Error:
                continue
            if len(fields) > email and EMAIL.match(fields[email].strip()):
                return line, text
        line += len(inner) - 1
    return None


def read_roster(data: bytes, name: str) -> Roster:
    text, delimiter = _separator(_decode(data, name))
    first_line = 2 if delimiter is not None else 1
    delimiter = delimiter or _delimiter(text)
    records = [
        r for r in _records(text, delimiter, name, first_line) if any(c.strip() for c in r.cells)
    ]
    if not records:
        raise RosterError(f"{name} is empty: it needs a header row and at least one student")
    head = records[0].cells
    header = [cell.strip().casefold().replace(" ", "_").replace("-", "_") for cell in head]
    missing = [required for required in ("full_name", "email") if required not in header]
    if missing:
        raise RosterError(
            f"{name} has no {' or '.join(missing)} column in its first row "
            f"(found: {', '.join(c for c in head if c.strip())[:200] or 'nothing'})"
        )
    duplicates = sorted({h for h in header if h and header.count(h) > 1})
    if duplicates:
        raise RosterError(f"{name} has the column {duplicates[0]} twice")
    for record in records[1:]:
        swallowed = _swallowed(record, delimiter, header.index("email"))
        if swallowed is not None:
            line, row_text = swallowed
            raise RosterError(
                f'{name}, line {line}: a quote (") opened in this line is never closed, so '
                f"the rows after it were swallowed into one cell (such as “{row_text[:60]}”); "
                f"close or remove that quote in line {line} and import again"
            )
    known = set(COLUMN_NAMES)
    unknown = tuple(h for h in header if h and h not in known)
    rows = []
    for record in records[1:]:
        cells = {
            header[i]: _undefuse(value.strip())
            for i, value in enumerate(record.cells)
            if i < len(header) and header[i] in known
        }
        extra = [v for v in record.cells[len(header) :] if v.strip()]
        rows.append(parse_row(record.row, cells, extra_cells=len(extra)))
    return Roster(tuple(_one_row_per_student(rows)), unknown, delimiter)


def _one_row_per_student(rows: list[RosterRow]) -> list[RosterRow]:
    """Two rows for one student would be merged silently (the last winning): both become
    row errors naming each other. Same student ID; or same email unless both rows carry
    student IDs, and different ones (siblings sharing an address are two students)."""
    clashes: dict[int, list[RowError]] = {}

    def clash(first: RosterRow, second: RosterRow, column: str, value: str) -> None:
        for row, other in ((first, second), (second, first)):
            clashes.setdefault(row.row, []).append(
                RowError(
                    row.row,
                    column,
                    f"{value} is also on row {other.row}: one row per student "
                    f"(merge the two rows, or correct the {column})",
                )
            )

    by_code: dict[str, RosterRow] = {}
    by_email: dict[str, list[RosterRow]] = {}
    for row in rows:
        code = row.cells.get("student_id", "").strip()
        email = row.cells.get("email", "").strip().casefold()
        if code in by_code:
            clash(by_code[code], row, "student_id", f"Student ID {code}")
        elif code:
            by_code[code] = row
        for earlier in by_email.get(email, []) if email else []:
            if not (code and earlier.cells.get("student_id", "").strip()):
                clash(earlier, row, "email", row.cells["email"])
        by_email.setdefault(email, []).append(row)
    return [
        RosterRow(row.row, row.cells, None, (*row.errors, *clashes[row.row]))
        if row.row in clashes
        else row
        for row in rows
    ]


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
