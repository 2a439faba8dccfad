"""``gradmatch student list|add|edit|import|export|log``.

``add`` and ``edit`` take ``FIELD=VALUE`` with the roster's column names as fields, each
read by the field's declaration (``domain/fields.py``): a bad value gets the same words as
in the form and in a roster import. An empty value is a blank answer ("not answered").
"""

from __future__ import annotations

import argparse
import shlex
import sys
from datetime import date
from pathlib import Path
from typing import Any

from gradmatch.cli.output import print_json, print_table, safe, width
from gradmatch.domain.fields import BY_COLUMN, Kind, read_texts
from gradmatch.domain.meeting_log import LogKind, LogRecord, one_line, read_entry, summary_line
from gradmatch.domain.money import format_money
from gradmatch.domain.profile import StudentProfile
from gradmatch.errors import InputError
from gradmatch.services import meeting_log as log_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database


def add_parser(subparsers: Any) -> None:
    student = subparsers.add_parser("student", help="the students of the caseload")
    commands = student.add_subparsers(dest="student_command", required=True, metavar="COMMAND")
    listing = commands.add_parser("list", help="list the students")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.add_argument("--archived", action="store_true", help="include archived students")
    importing = commands.add_parser(
        "import", help="import a CSV roster or a .gradmatch.json profile file"
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows of a roster that has invalid ones (default: import none)",
    )
    fields_help = (
        "FIELD is a roster column (docs/roster-format.md), e.g. gre_quant=165, relocate=yes, "
        "max_total_cost=45,000; an empty VALUE (relocate=) leaves the answer blank: "
        "not answered"
    )
    adding = commands.add_parser(
        "add", help="add a student from FIELD=VALUE pairs", description=fields_help
    )
    adding.add_argument("values", nargs="+", type=_assignment, metavar="FIELD=VALUE")
    editing = commands.add_parser(
        "edit", help="change some of a student's answers", description=fields_help
    )
    editing.add_argument("student", metavar="STUDENT", help="student ID, email or exact full name")
    editing.add_argument("values", nargs="+", type=_assignment, metavar="FIELD=VALUE")
    exporting = commands.add_parser(
        "export", help="write a student's profile file (or a roster with .csv)"
    )
    exporting.add_argument(
        "student", metavar="STUDENT", help="student ID, email or exact full name"
    )
    exporting.add_argument("--out", type=Path, required=True, metavar="FILE")
    logging = commands.add_parser(
        "log",
        help="a student's meeting log, newest first (counselor-only), or --add an entry",
        description="The counselor's dated record of meetings, emails and calls with a "
        "student, newest first. Counselor-only: never in a profile file or a roster.",
    )
    logging.add_argument("student", metavar="STUDENT", help="student ID, email or exact full name")
    logging.add_argument(
        "--add",
        metavar="TEXT",
        help="add an entry: what was said or agreed (write --add=TEXT for a text that begins "
        "with -)",
    )
    logging.add_argument(
        "--kind",
        choices=[kind.value for kind in LogKind],
        help="with --add: the kind of contact (default: meeting)",
    )
    logging.add_argument(
        "--on", metavar="DATE", help="with --add: the day it happened, YYYY-MM-DD (default: today)"
    )
    logging.add_argument("--format", choices=("table", "json"), default="table")


def run(db: Database, args: argparse.Namespace) -> int:
    if args.student_command == "list":
        summaries = student_service.list_students(db, include_archived=args.archived)
        if args.format == "json":
            print_json(
                [
                    {
                        "id": s.id,
                        "full_name": s.full_name,
                        "email": s.email,
                        "student_id": s.student_id,
                        "state": s.state,
                        "country": s.country,
                        "prerequisites_completed": s.completed,
                        "max_total_cost": s.max_total_cost,
                        "archived": s.archived,
                        "updated_at": s.updated_at.isoformat(timespec="seconds"),
                    }
                    for s in summaries
                ]
            )
        else:
            print_table(
                ["Name", "Email", "Student ID", "State", "Prerequisites", "Budget"],
                [
                    [
                        s.full_name + (" (archived)" if s.archived else ""),
                        s.email,
                        s.student_id or "",
                        s.state or s.country,
                        s.readiness,
                        format_money(s.max_total_cost),
                    ]
                    for s in summaries
                ],
            )
            print(f"{len(summaries)} students")
        return 0
    if args.student_command == "import":
        return _import(db, args)
    if args.student_command in ("add", "edit"):
        return _add_or_edit(db, args)
    if args.student_command == "log":
        return _log(db, args)
    record = student_service.find_student(db, args.student)
    out: Path = args.out
    if out.suffix.casefold() == ".csv":
        student_service.export_roster(db, out, [record.id])
    else:
        student_service.export_profile_file(db, record.id, out)
    print(safe(f"Wrote {record.profile.full_name}'s profile to {out}"))
    return 0


def _assignment(text: str) -> tuple[str, str]:
    """``"relocate=yes"`` -> ``("relocate", "yes")``; argparse reports what is wrong."""
    name, equals, value = text.partition("=")
    column = name.strip().casefold().replace(" ", "_").replace("-", "_")
    if not equals:
        raise argparse.ArgumentTypeError(f"write FIELD=VALUE (e.g. relocate=yes), not {text!r}")
    if column not in BY_COLUMN:
        raise argparse.ArgumentTypeError(
            f"no field {name.strip()!r}: the fields are the roster's columns "
            "(docs/roster-format.md), e.g. gre_quant, relocate"
        )
    return column, value


def usage_problem(args: argparse.Namespace) -> str | None:
    """A field given twice to ``add`` or ``edit`` (checked before the database is opened)."""
    seen: set[str] = set()
    for column, _value in getattr(args, "values", None) or ():
        if column in seen:
            return f"{column} is given twice"
        seen.add(column)
    return None


def _add_or_edit(db: Database, args: argparse.Namespace) -> int:
    texts = {BY_COLUMN[column].path: value for column, value in args.values}
    record = (
        student_service.find_student(db, args.student) if args.student_command == "edit" else None
    )
    reading = read_texts(texts, base=record.profile if record is not None else None)
    if reading.profile is None:
        column_of = {f.path: column for column, f in BY_COLUMN.items()}
        return _refuse(
            [f"{column_of.get(path, path)}: {message}" for path, message in reading.errors.items()]
        )
    saved = student_service.save_student(
        db, reading.profile, record.id if record is not None else None
    )
    print(safe(f"Saved {saved.profile.full_name}: " + ", ".join(_shown(saved.profile, texts))))
    return 0


def _shown(profile: StudentProfile, texts: dict[str, str]) -> list[str]:
    """``relocate = not answered``: each field given, as now stored."""
    shown = []
    for column, declared in BY_COLUMN.items():
        if declared.path in texts:
            value = declared.format(declared.get(profile))
            blank = "not answered" if declared.kind in (Kind.YES_NO, Kind.CHOICE) else "blank"
            shown.append(f"{column} = {value or blank}")
    return shown


def _refuse(messages: list[str]) -> int:
    for message in messages:
        sys.stderr.write(f"gradmatch: error: {safe(message)}\n")
    sys.stderr.write("gradmatch: nothing was saved\n")
    return 1


def _import(db: Database, args: argparse.Namespace) -> int:
    try:
        result = student_service.import_file(db, args.file, skip_invalid=args.skip_invalid)
    except student_service.RosterImportError as error:
        for row_error in error.roster.errors:
            sys.stderr.write(safe(f"{args.file.name}: {row_error}") + "\n")
        sys.stderr.write(
            f"gradmatch: error: {len(error.roster.invalid)} of {len(error.roster.rows)} rows have "
            "errors; nothing was imported (fix them, or use --skip-invalid to import the "
            f"{len(error.roster.valid)} valid rows)\n"
        )
        return 1
    print(
        f"Imported {args.file.name}: {len(result.created)} new, {len(result.updated)} updated"
        + (f", {len(result.skipped_rows)} invalid rows skipped" if result.skipped_rows else "")
        + "."
    )
    for key in result.ignored:
        print(safe(f"note: unknown key {key} was not imported"))
    for key in result.counselor_only:
        print(f"note: {key} is counselor-only: not imported, the stored value is kept")
    return 0


# Widest the log's text column gets in the table; --format json has every text whole.
LOG_TEXT_WIDTH = 100


def log_document(record: LogRecord) -> dict[str, Any]:
    """One entry as ``student log --format json`` prints it (keys extended, never renamed)."""
    return {
        "id": record.id,
        "on": record.entry.on.isoformat(),
        "kind": record.entry.kind.value,
        "text": record.entry.text,
        "created_at": record.created_at.isoformat(timespec="seconds"),
    }


def _log(db: Database, args: argparse.Namespace) -> int:
    record = student_service.find_student(db, args.student)
    name = record.profile.full_name
    if args.add is None:
        if args.kind is not None or args.on is not None:
            raise InputError("--kind and --on describe an entry to add: give --add TEXT too")
        return _print_log(log_service.log_entries(db, record.id), name, args)
    entry = read_entry(args.on if args.on is not None else date.today(),
                       args.kind or LogKind.MEETING, args.add)  # fmt: skip
    added = log_service.add_log_entry(db, record.id, entry)
    if args.format == "json":
        print_json(log_document(added))
    else:
        print(safe(f"Added to {name}'s log: {summary_line(added.entry)}"))
    return 0


def _print_log(records: list[LogRecord], name: str, args: argparse.Namespace) -> int:
    if args.format == "json":
        print_json([log_document(r) for r in records])
        return 0
    if not records:
        print(safe(f"Nothing logged for {name} yet: no meetings, emails or calls."))
        print(f"Add one with: gradmatch student log {_quoted(args.student)} --add TEXT")
        return 0
    print(safe(f"Meeting log of {name} (newest first):"))
    rows = [[r.entry.on.isoformat(), r.entry.kind.label, one_line(r.entry.text)] for r in records]
    print_table(["Date", "Kind", "Text"], rows, max_width=LOG_TEXT_WIDTH)
    print(f"{len(records)} entr{'y' if len(records) == 1 else 'ies'}")
    if any(width(safe(text)) > LOG_TEXT_WIDTH for _, _, text in rows):
        print(f"Texts are cut at {LOG_TEXT_WIDTH} characters; --format json shows them whole.")
    return 0


def _quoted(text: str) -> str:
    """``text`` as a shell word (for the hint to paste), control characters written out."""
    return safe(shlex.quote(text))
