"""Roster CSV files, as counselors keep them in spreadsheets (``docs/roster-format.md``).

Header names are case-insensitive; UTF-8 with or without BOM; comma or semicolon. Each
row becomes a profile or a list of errors naming the row (as a spreadsheet numbers it),
the column and why. Export writes the same columns, with spreadsheet formulas defused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from gradmatch.domain.profile import StudentProfile, Subject

MAX_ROSTER_BYTES = 20 * 1024 * 1024
MAX_CELL = 10_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[str, ...]
    kind: str  # text | bool | int | decimal | date | list | status
    description: str


def _subject_columns() -> list[Column]:
    return [
        Column(
            subject.value,
            ("prerequisites", subject.value),
            "status",
            f"{subject.label}: completed, in_progress, planned or missing (blank = missing)",
        )
        for subject in Subject
    ]


COLUMNS: list[Column] = [
    Column("full_name", ("full_name",), "text", "Full name, any script (required)"),
    Column("email", ("email",), "text", "Email address (required)"),
    Column("student_id", ("student_id",), "text", "School's student ID (optional)"),
    Column("country", ("residency", "country"), "text", "Two-letter country code; blank = US"),
    Column(
        "state", ("residency", "state"), "text", "US state code, e.g. TX (drives in-state tuition)"
    ),
    Column("international", ("international",), "bool", "yes/no: international applicant"),
    Column("major", ("major",), "text", "Undergraduate major"),
    Column("gpa", ("gpa", "value"), "decimal", "GPA, e.g. 3.4"),
    Column("gpa_scale", ("gpa", "scale"), "decimal", "GPA scale; blank = 4.0"),
    Column("degree_year", ("degree_year",), "int", "Year of the undergraduate degree"),
    Column("gre_verbal", ("gre", "verbal"), "int", "GRE verbal, 130–170"),
    Column("gre_quant", ("gre", "quant"), "int", "GRE quantitative, 130–170"),
    Column(
        "gre_writing",
        ("gre", "writing"),
        "decimal",
        "GRE analytical writing, 0.0–6.0 in half points",
    ),
    Column("gre_date", ("gre", "taken_on"), "date", "GRE test date, YYYY-MM-DD"),
    Column("will_take_gre", ("will_take_gre",), "bool", "yes/no: willing to take the GRE"),
    Column("english_test", ("english_test", "kind"), "text", "toefl or ielts (blank = none)"),
    Column("english_score", ("english_test", "score"), "decimal", "TOEFL 0–120 or IELTS 0–9"),
    *_subject_columns(),
    Column("languages", ("languages",), "list", "Programming languages, separated by /"),
    Column(
        "max_total_cost", ("budget", "max_total_cost"), "decimal", "Maximum total cost in dollars"
    ),
    Column(
        "employer_reimbursement_per_year",
        ("budget", "employer_reimbursement_per_year"),
        "decimal",
        "Employer tuition reimbursement per year",
    ),
    Column("scholarships", ("budget", "scholarships"), "decimal", "Scholarships and grants"),
    Column("savings", ("budget", "savings"), "decimal", "Savings set aside"),
    Column("will_borrow", ("budget", "will_borrow"), "bool", "yes/no: willing to borrow"),
    Column("loan_amount", ("budget", "loan", "amount"), "decimal", "Planned loan, in dollars"),
    Column(
        "loan_rate",
        ("budget", "loan", "annual_rate_percent"),
        "decimal",
        "Yearly interest rate of the loan, in percent",
    ),
    Column("loan_years", ("budget", "loan", "term_years"), "int", "Loan term in years"),
    Column("delivery", ("preferences", "delivery"), "text", "campus, online or either"),
    Column("part_time", ("preferences", "part_time"), "bool", "yes/no: needs part-time study"),
    Column("relocate", ("preferences", "relocate"), "bool", "yes/no: willing to relocate"),
    Column("preferred_states", ("preferences", "states"), "list", "State codes separated by /"),
    Column(
        "specializations",
        ("preferences", "specializations"),
        "list",
        "nlp / computer_vision / generative_ai / mlops / robotics / recommender_systems / "
        "reinforcement_learning / responsible_ai",
    ),
    Column("thesis", ("preferences", "thesis"), "text", "thesis, coursework or either"),
    Column(
        "career_path", ("preferences", "career_path"), "text", "Target career (see the list below)"
    ),
    Column("currently_working", ("employment", "currently_working"), "bool", "yes/no"),
    Column("current_salary", ("employment", "current_salary"), "decimal", "Current annual salary"),
    Column(
        "keep_working",
        ("employment", "keep_working"),
        "bool",
        "yes/no: keeps working while studying",
    ),
    Column("notes", ("notes",), "text", "Counselor notes"),
]
COLUMN_NAMES = [column.name for column in COLUMNS]
_BY_PATH = {column.path: column.name for column in COLUMNS}
_TRUE = {"yes", "y", "true", "1", "x", "oui", "sí", "si", "ja"}
_FALSE = {"no", "n", "false", "0", ""}


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


class RosterError(ValueError):
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
    """Undo the apostrophe that export puts before a cell that looks like a formula."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text


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


def _bool(text: str) -> bool:
    folded = text.casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValueError("Write yes or no")


def _decimal(text: str) -> Decimal:
    cleaned = text.replace("$", "").replace(",", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{text}” is not a number") from None
    if not value.is_finite():
        raise ValueError(f"“{text}” is not a number")
    return value


def _int(text: str) -> int:
    if not re.fullmatch(r"\d{1,9}", text):
        raise ValueError(f"“{text}” is not a whole number")
    return int(text)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text}” is not a date written YYYY-MM-DD") from None


def _list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[/|,;]", text) if part.strip()]


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    "text": lambda text: text,
    "bool": _bool,
    "int": _int,
    "decimal": _decimal,
    "date": _date,
    "list": _list,
    "status": lambda text: text.casefold().replace(" ", "_").replace("-", "_") or "missing",
}


def parse_row(row: int, cells: dict[str, str], *, extra_cells: int = 0) -> RosterRow:
    errors: list[RowError] = []
    data: dict[str, Any] = {}
    for column in COLUMNS:
        text = cells.get(column.name, "")
        if len(text) > MAX_CELL:
            errors.append(RowError(row, column.name, f"longer than {MAX_CELL:,} characters"))
            continue
        if text == "" and column.kind not in ("status",):
            continue
        if column.name in ("country", "state"):
            text = text.upper()
        if column.name == "preferred_states":
            text = text.upper()
        try:
            value = _CONVERTERS[column.kind](text)
        except ValueError as error:
            errors.append(RowError(row, column.name, str(error)))
            continue
        target = data
        for part in column.path[:-1]:
            target = target.setdefault(part, {})
        target[column.path[-1]] = value
    if extra_cells:
        errors.append(RowError(row, "(extra)", f"{extra_cells} value(s) beyond the last column"))
    gre = data.get("gre")
    if gre is not None:
        absent = [
            _BY_PATH[("gre", key)]
            for key in ("verbal", "quant", "writing", "taken_on")
            if key not in gre
        ]
        for column_name in absent:
            errors.append(RowError(row, column_name, "give all four GRE columns, or none of them"))
    loan = data.get("budget", {}).get("loan")
    if loan is not None:
        for key, column_name in (("amount", "loan_amount"), ("annual_rate_percent", "loan_rate"),
                                 ("term_years", "loan_years")):  # fmt: skip
            if key not in loan:
                errors.append(RowError(row, column_name, "give the loan's amount, rate and years"))
    english = data.get("english_test")
    if english is not None and ("kind" not in english or "score" not in english):
        column_name = "english_test" if "kind" not in english else "english_score"
        errors.append(RowError(row, column_name, "give both the English test and its score"))
    if "residency" in data:
        data["residency"].setdefault("country", "US")
    try:
        profile = StudentProfile.model_validate(data)
    except ValidationError as error:
        profile = None
        errors += list(_row_errors(row, error))
    if errors:
        # One message per column: a value that could not be read says more than the
        # model's complaint about the value then missing.
        first: dict[str, RowError] = {}
        for item in errors:
            first.setdefault(item.column, item)
        return RosterRow(row, cells, None, tuple(first.values()))
    return RosterRow(row, cells, profile, ())


def _row_errors(row: int, error: ValidationError) -> Iterable[RowError]:
    for detail in error.errors():
        loc = tuple(str(part) for part in detail.get("loc", ()))
        message = str(detail.get("msg", "invalid value")).removeprefix("Value error, ")
        column = _column_for(loc)
        yield RowError(row, column, message)


def _column_for(loc: tuple[str, ...]) -> str:
    for length in range(len(loc), 0, -1):
        name = _BY_PATH.get(loc[:length])
        if name:
            return name
    fallbacks = {
        "gpa": "gpa",
        "residency": "state",
        "english_test": "english_score",
        "gre": "gre_date",
    }
    if loc and loc[0] in fallbacks:
        return fallbacks[loc[0]]
    return loc[0] if loc else "(row)"


# ---------------------------------------------------------------- writing


def defuse(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "list":
        return "/".join(str(getattr(v, "value", v)) for v in value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def profile_cells(profile: StudentProfile) -> dict[str, str]:
    """The profile as roster cells (as an import would read them), by column name."""
    return {
        name: _undefuse(cell) for name, cell in zip(COLUMN_NAMES, profile_row(profile), strict=True)
    }


def profile_row(profile: StudentProfile) -> list[str]:
    row = []
    for column in COLUMNS:
        value: Any = profile
        for part in column.path:
            if value is None:
                break
            if isinstance(value, dict):
                value = value.get(Subject(part)) if column.kind == "status" else value.get(part)
            else:
                value = getattr(value, part)
        row.append(defuse(_cell(value, column.kind)))
    return row


def write_roster(profiles: Iterable[StudentProfile]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for profile in profiles:
        writer.writerow(profile_row(profile))
    return buffer.getvalue()
